// pcapgen's command line. Usage errors come back as text (exit 2), never as exceptions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "tools/rtpgen/srtp_sdp.hpp"

namespace rr::pcapgen {

struct Options {
  std::string out;                 // the pcap to write
  uint32_t rounds = 1;             // packets per stream
  uint16_t sequence_step = 1;      // RTP sequence advance per round (CaptureSpec)
  bool loop_sequence = false;      // CaptureSpec::loop_sequence instead of a fixed step
  uint32_t streams = 0;            // --ng / --relay modes
  std::optional<Endpoint> ng;      // set the calls up on this relay
  std::optional<Endpoint> caller;  // the caller side of every call (offer SDP, source)
  std::optional<Endpoint> callee;  // the callee side (answer SDP): where the relay forwards
  std::optional<Endpoint> relay;   // no ng: stream i goes to relay.port + 2 i
  uint32_t per_address = 0;        // with --relay: streams per relay address, then the next one
  std::string streams_file;        // no ng: read "<caller> <relay>" lines
  std::string save_streams;        // write the stream list here
  std::string call_prefix = "pcapgen-";
  std::vector<std::string> direction;  // --ng: interface names [caller's, callee's]
  rtpgen::SrtpCall srtp;               // --ng: the callee leg speaks SRTP (the relay protects)
  packet::MacAddress caller_mac{{0x02, 0x00, 0x00, 0x00, 0x0a, 0x01}};
  packet::MacAddress relay_mac{{0x02, 0x00, 0x00, 0x00, 0x0a, 0x02}};
  std::vector<std::pair<packet::MacAddress, IpAddress>> neighbours;  // --neighbour MAC=IPV4
};

struct Usage {
  int code;             // 0 after --help
  std::string message;  // help text or the error
};

std::variant<Options, Usage> parse_options(int argc, const char* const argv[]);

}  // namespace rr::pcapgen
