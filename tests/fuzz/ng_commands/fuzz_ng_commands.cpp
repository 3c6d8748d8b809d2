// Fuzz bytes -> ng request dictionary -> typed request -> Sessions: offer, answer, query,
// delete on one Sessions per input, so half-built calls and torn-down ones are both reached.
// Bytes that are not a bencoded dictionary become the SDP of a fixed offer instead, so the
// SDP -> ports -> rewrite path is fuzzed even without a valid envelope.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "control/bencode/decode.hpp"
#include "control/commands/handlers.hpp"
#include "tests/unit/session/fake_forwarding.hpp"

namespace {

rr::session::SessionsConfig config() {
  rr::session::SessionsConfig c;
  rr::ports::RangeConfig range{10000, 10019,
                               std::chrono::seconds(0)};  // small: exhaustion is reachable
  c.interfaces.push_back({"pub", {*rr::IpAddress::parse("203.0.113.1")}, range});
  c.interfaces.push_back(
      {"priv", {*rr::IpAddress::parse("10.0.0.1"), *rr::IpAddress::parse("2001:db8::1")}, range});
  c.max_sessions = 4;
  return c;
}

void run(rr::session::Sessions& sessions, rr::bencode::Value request, const char* command) {
  request.set("command", command);
  rr::commands::handle(sessions, request);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  rr::session::testing::RecordingForwarding forwarding;
  rr::session::Sessions sessions(config(), forwarding);

  rr::bencode::DecodeResult decoded = rr::bencode::decode(input);
  if (!decoded.ok() || !decoded.value.is_dict()) {
    decoded.value = rr::bencode::Value::dict();
    decoded.value.set("call-id", "c");
    decoded.value.set("from-tag", "A");
    decoded.value.set("to-tag", "B");
    decoded.value.set("sdp", input);
  }
  // Its own command first (whatever it is), then a full cycle with the same keys.
  rr::commands::handle(sessions, decoded.value);
  for (const char* command : {"offer", "answer", "offer", "query", "list", "statistics", "delete"})
    run(sessions, decoded.value, command);
  sessions.tick();

  // Invariant: ending every call gives every port back and leaves nothing relayed.
  for (const std::string& call_id : sessions.list({SIZE_MAX})) {
    rr::session::DeleteRequest end;
    end.call_id = call_id;
    sessions.delete_call(end);
  }
  if (sessions.statistics().ports_used != 0 || !forwarding.live.empty()) __builtin_trap();
  return 0;
}
