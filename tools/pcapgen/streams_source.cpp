#include "tools/pcapgen/streams_source.hpp"

#include <fstream>
#include <sstream>

#include "tools/ngclient/client.hpp"
#include "tools/pcapgen/stream_list.hpp"
#include "tools/rtpgen/call_setup.hpp"

namespace rr::pcapgen {

namespace {

// The address `steps` above `base` (IPv4 and IPv6: carries through the last four bytes).
IpAddress add(IpAddress base, uint32_t steps) {
  const size_t last = base.size() - 1;
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value |= uint32_t{base.bytes[last - i]} << (8 * i);
  value += steps;
  for (size_t i = 0; i < 4; ++i) base.bytes[last - i] = static_cast<uint8_t>(value >> (8 * i));
  return base;
}

}  // namespace

std::vector<RtpStream> synthetic_streams(uint32_t count, const Endpoint& caller, const Endpoint& relay,
                                         uint32_t per_address) {
  std::vector<RtpStream> streams;
  streams.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t slot = per_address == 0 ? i : i % per_address;
    Endpoint to{per_address == 0 ? relay.address : add(relay.address, i / per_address),
                static_cast<uint16_t>(relay.port + 2 * slot)};  // wraps above 65535: the caller's limit
    streams.push_back(make_stream(i, caller, to));
  }
  return streams;
}

namespace {

StreamsOrError from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {{}, path + ": cannot read"};
  std::stringstream text;
  text << in.rdbuf();
  StreamList list = parse_stream_list(text.str());
  if (!list.error.empty()) return {{}, path + ": " + list.error};
  if (list.streams.empty()) return {{}, path + ": no streams"};
  return {std::move(list.streams), {}};
}

StreamsOrError from_relay(const Options& o) {
  ngclient::Client client(*o.ng, {.timeout_ms = 2000, .attempts = 3});
  if (!client.open_error().empty()) return {{}, "ng: " + client.open_error()};
  // The relay's address is where we point the capture, whatever it is: pcapgen sends
  // nothing itself, the replay stays inside the DPDK vdev it is fed to.
  const auto policy = rtpgen::DestinationPolicy{.allow_any = true};
  rtpgen::CallPlan plan =
      rtpgen::set_up_calls(client, o.streams, *o.caller, *o.callee, o.call_prefix, policy, o.direction, o.srtp);
  if (!plan.error.empty()) {
    rtpgen::tear_down_calls(client, plan.calls);
    return {{}, plan.error};
  }
  StreamsOrError out;
  for (uint32_t i = 0; i < o.streams; ++i) {
    auto relay = plan.a_destinations[i].to_endpoint();
    if (!relay) return {{}, "call " + std::to_string(i) + ": relay endpoint unreadable"};
    out.streams.push_back(make_stream(i, *o.caller, *relay));
  }
  return out;
}

}  // namespace

StreamsOrError load_streams(const Options& o) {
  if (o.ng) return from_relay(o);
  if (o.relay) return {synthetic_streams(o.streams, *o.caller, *o.relay, o.per_address), {}};
  return from_file(o.streams_file);
}

}  // namespace rr::pcapgen
