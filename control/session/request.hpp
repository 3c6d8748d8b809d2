// Typed ng requests: what control/commands makes of a bencoded dictionary (or of Kamailio 6's
// "rtpp-flags" string), and what Sessions acts on. Tests and tools build these directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::session {

// rtpengine's "rtcp-mux" list, folded into one decision per SDP we send.
enum class RtcpMuxMode : uint8_t {
  keep,     // no instruction: pass a=rtcp-mux through as the peer wrote it
  offer,    // offer mux to the receiver even if the offerer did not
  accept,   // accept mux if offered (default behaviour, explicit)
  demux,    // strip mux toward the receiver, relay RTCP on separate ports
  require,  // mux only: one port per media
  reject,   // refuse the offerer's mux
};

enum class IceMode : uint8_t {
  remove,  // strip every ICE attribute (the default here: we gather no candidates yet)
  force,   // rtpengine: add the relay's candidates; not implemented, treated as remove + warning
};

// Boolean "flags" list entries (and their rtpp-flags spellings).
struct Flags {
  bool trust_address = false;
  bool sip_source_address = false;  // use received-from instead of the SDP address
  bool symmetric = false;
  bool asymmetric = false;
  bool strict_source = false;
  bool port_latching = false;  // keep relay ports when a re-offer moves the endpoint
  bool media_handover = false;
  bool fatal = false;  // delete: unknown call is an error, not a warning
  bool replace_origin = false;
  bool replace_session_connection = false;
  bool replace_sdp_version = false;  // o= version counts on per party, bumped on change
  bool record_call = false;          // accepted and ignored with a warning
};

// rtpengine's "SDES" options: which suites the relay offers toward an SRTP leg and accepts
// from one, and the RFC 4568 session parameters it offers.
struct SdesOptions {
  bool off = false;                     // SDES-off: no a=crypto toward the receiver
  std::vector<srtp::CryptoSuite> only;  // SDES-only-<SUITE>: empty means every suite
  std::vector<srtp::CryptoSuite> no;    // SDES-no-<SUITE>
  bool unencrypted_srtp = false;        // SDES-unencrypted_srtp
  bool unencrypted_srtcp = false;       // SDES-unencrypted_srtcp
  bool unauthenticated_srtp = false;    // SDES-unauthenticated_srtp

  bool allows(srtp::CryptoSuite suite) const;
};

// Fields common to every command that names a call.
struct CallRequest {
  std::string call_id;
  std::string from_tag;
  std::string to_tag;  // empty: absent
  std::string via_branch;
  std::vector<std::string> warnings;  // "Unknown flag encountered: 'x'" and friends
};

// offer and answer carry the same keys; the two types keep the handlers honest.
struct SdpRequest : CallRequest {
  std::string sdp;
  Flags flags;
  std::optional<IpAddress> received_from;  // "received-from": [family, address]
  std::optional<IpAddress> media_address;  // "media address": overrides the SDP's
  std::vector<std::string> direction;      // interface names: [offerer side, receiver side]
  std::optional<Family> address_family;    // of the SDP we send
  RtcpMuxMode rtcp_mux = RtcpMuxMode::keep;
  IceMode ice = IceMode::remove;
  std::string transport_protocol;  // "RTP/AVP", ...; empty keeps the peer's
  SdesOptions sdes;
  std::string label;
  std::optional<uint8_t> tos;
  bool supports_load_limit = false;  // "supports": ["load limit"]
};

struct OfferRequest : SdpRequest {};
struct AnswerRequest : SdpRequest {};

struct DeleteRequest : CallRequest {
  bool fatal = false;
  // Seconds the call keeps relaying before it ends; absent or negative: the configured
  // delete_delay (rtpengine's rule). Applies to the whole call, not to a losing fork.
  std::optional<int64_t> delete_delay;
};

struct QueryRequest : CallRequest {};

struct ListRequest {
  size_t limit = 32;  // rtpengine's default
};

}  // namespace rr::session
