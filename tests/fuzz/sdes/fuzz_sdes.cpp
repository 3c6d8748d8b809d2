// libFuzzer target: any a=crypto text either parses or yields a "crypto:" error, and
// whatever parses formats to text that parses to the same attribute.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "control/sdes/base64.hpp"
#include "control/sdes/crypto_attribute.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)rr::sdes::base64_decode(text);
  const rr::sdes::CryptoParse parsed = rr::sdes::parse_crypto(text);
  if (!parsed.ok()) {
    if (!parsed.error.starts_with("crypto: ")) std::abort();
    return 0;
  }
  const rr::sdes::CryptoParse again = rr::sdes::parse_crypto(rr::sdes::format_crypto(*parsed.attribute));
  if (!again.ok() || !(*again.attribute == *parsed.attribute)) std::abort();
  return 0;
}
