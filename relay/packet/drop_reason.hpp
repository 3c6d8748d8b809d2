// Why a packet was not relayed: ONE table used for per-worker counters, logs and the
// Prometheus `reason` label. Adding a reason is one line in RR_PACKET_DROP_REASONS.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rr::packet {

// X(name, help). Parse reasons first, then the data-plane reasons the worker counts.
#define RR_PACKET_DROP_REASONS(X)                                                              \
  X(too_short, "frame ends before a header or a length field says it should")                  \
  X(unsupported_ethertype, "not IPv4, IPv6 or ARP, or more than two VLAN tags")               \
  X(bad_ip_header, "IP version, header length or total length inconsistent with the frame")   \
  X(bad_ip_checksum, "IPv4 header checksum does not verify")                                   \
  X(ip_fragment, "IPv4 fragment or IPv6 fragment header; RTP is never fragmented on purpose") \
  X(ipv6_extension, "IPv6 extension header; media never carries them")                        \
  X(ttl_expired, "IPv4 TTL or IPv6 hop limit is zero")                                         \
  X(not_udp, "IP protocol other than UDP, ICMP or ICMPv6")                                     \
  X(bad_udp_length, "UDP length field shorter than its header or longer than the IP payload")  \
  X(bad_udp_checksum, "UDP checksum does not verify")                                          \
  X(bad_arp, "ARP packet that is not Ethernet/IPv4 request or reply")                          \
  X(bad_icmp, "ICMP/ICMPv6 message too short or failing RFC 4861 validity checks")            \
  X(unhandled, "valid but not for us: other ARP/ICMP/ICMPv6 types, multicast, ...")           \
  X(not_rtp, "UDP payload is not RTP version 2 or its header overruns the payload")            \
  X(bad_rtcp, "RTCP header is not version 2 or its length field overruns the payload")        \
  X(wrong_vlan, "802.1Q VLAN ID not the port's, a tagged frame on an untagged port, or QinQ")  \
  X(unknown_destination, "no forwarding entry for the local address and port")                \
  X(source_mismatch, "source endpoint differs from the latched one (strict source)")          \
  X(srtp_auth_failed, "SRTP/SRTCP authentication tag does not verify")                         \
  X(srtp_replay, "SRTP/SRTCP packet replayed or too old for the replay window")                \
  X(srtp_error, "other SRTP failure")                                                          \
  X(no_neighbour, "next hop MAC unresolved and the hold queue is full")                        \
  X(mtu_exceeded, "rewritten packet larger than the egress MTU or 65535")                      \
  X(tx_full, "NIC transmit queue refused the packet")

enum class DropReason : uint8_t {
#define RR_PACKET_DROP_ENUM(name, help) name,
  RR_PACKET_DROP_REASONS(RR_PACKET_DROP_ENUM)
#undef RR_PACKET_DROP_ENUM
};

struct DropReasonInfo {
  DropReason reason;
  std::string_view name;  // snake_case: counter suffix, log word and Prometheus label value
  std::string_view help;
};

inline constexpr std::array kDropReasons = {
#define RR_PACKET_DROP_INFO(name, help) DropReasonInfo{DropReason::name, #name, help},
    RR_PACKET_DROP_REASONS(RR_PACKET_DROP_INFO)
#undef RR_PACKET_DROP_INFO
};

inline constexpr size_t kDropReasonCount = kDropReasons.size();

// Counters are arrays indexed by reason: the enum must match the table row by row.
constexpr bool drop_table_is_indexed() {
  for (size_t i = 0; i < kDropReasons.size(); ++i) {
    if (static_cast<size_t>(kDropReasons[i].reason) != i) return false;
  }
  return true;
}
static_assert(drop_table_is_indexed());

constexpr size_t index(DropReason r) { return static_cast<size_t>(r); }
constexpr std::string_view name(DropReason r) { return kDropReasons[index(r)].name; }
constexpr std::string_view help(DropReason r) { return kDropReasons[index(r)].help; }

}  // namespace rr::packet
