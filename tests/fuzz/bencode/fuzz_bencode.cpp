// Both decoders on hostile bytes: never crash, and every accepted input round-trips —
// bencode to the identical bytes, JSON (and bencode via JSON) to the identical value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "control/bencode/decode.hpp"
#include "control/bencode/encode.hpp"
#include "control/bencode/json.hpp"

using rr::bencode::DecodeResult;

namespace {

void check_json_round_trip(const rr::bencode::Value& value) {
  DecodeResult again = rr::bencode::decode_json(rr::bencode::encode_json(value));
  // Re-encoding may exceed the default limits only by size (escapes grow strings).
  if (!again.ok() && again.error.find("input too large") == std::string::npos) std::abort();
  if (again.ok() && !(again.value == value)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  DecodeResult b = rr::bencode::decode(input);
  if (b.ok()) {
    if (rr::bencode::encode(b.value) != input) std::abort();
    check_json_round_trip(b.value);
  }
  DecodeResult j = rr::bencode::decode_json(input);
  if (j.ok()) check_json_round_trip(j.value);
  return 0;
}
