#include "relay/packet/header_template.hpp"

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"

#include <cstring>

namespace rr::packet {
namespace {

// Offsets inside the IP header of the fields apply_header_template fills in per packet.
constexpr size_t kIpv4TotalLength = 2;
constexpr size_t kIpv4Checksum = 10;
constexpr size_t kIpv6PayloadLength = 4;
constexpr size_t kUdpLength = 4;
constexpr size_t kUdpChecksum = 6;

// fold() for a sum of at most 2^16 16-bit words: two end-around-carry steps, not four.
// The per-packet sums here add a handful of words (<= 2^21).
uint16_t fold_short(uint32_t sum) {
  sum = (sum & 0xffff) + (sum >> 16);  // <= 0x1001e
  sum = (sum & 0xffff) + (sum >> 16);  // <= 0xffff; 0 only for a zero sum
  return static_cast<uint16_t>(sum);
}

uint16_t complement(uint64_t sum) { return static_cast<uint16_t>(~fold(sum)); }
uint16_t complement_short(uint32_t sum) { return static_cast<uint16_t>(~fold_short(sum)); }

// Where the IP and UDP headers start inside a template's bytes, and so inside the frame.
size_t ip_offset(const HeaderTemplate& header) { return header.l2_size; }
size_t udp_offset(const HeaderTemplate& header) {
  return header.l2_size + (header.v4 ? kIpv4HeaderSize : kIpv6HeaderSize);
}

void store_sum(uint8_t* field, uint16_t sum) { std::memcpy(field, &sum, sizeof sum); }
uint16_t load_sum(const uint8_t* field) {
  uint16_t sum;
  std::memcpy(&sum, field, sizeof sum);
  return sum;
}

// A template's header is 42..66 bytes (Ethernet [+VLAN] + IPv4/IPv6 + UDP): two or three
// fixed 32-byte moves that overlap, instead of a memcpy of variable length, which GCC expands
// to `rep movsq` (its start-up was a third of apply_header_template in perf annotate).
void copy_header(uint8_t* to, const uint8_t* from, size_t size) {
  static_assert(kMaxEgressHeaderSize <= 96);
  if (size < 32) {
    std::memcpy(to, from, size);
    return;
  }
  std::memcpy(to, from, 32);
  std::memcpy(to + size - 32, from + size - 32, 32);
  if (size > 64) std::memcpy(to + 32, from + 32, 32);
}

}  // namespace

Result<HeaderTemplate> make_header_template(const EgressHeaders& egress) {
  HeaderTemplate header;
  header.size = static_cast<uint8_t>(header_size(egress));
  EgressHeaders fields = egress;
  fields.payload_sum.reset();
  const auto written = write_egress(std::span(header.bytes.data(), header.size), fields);
  if (!written) return written.drop();
  header.l2_size = static_cast<uint8_t>(egress.l2.size());
  header.v4 = egress.dst.address.is_v4();
  header.offload_udp_checksum = egress.offload_udp_checksum;
  header.offload_ipv4_checksum = egress.offload_ipv4_checksum;
  uint8_t* ip = header.bytes.data() + ip_offset(header);
  uint8_t* udp = header.bytes.data() + udp_offset(header);
  if (header.v4) {
    store_be16(ip + kIpv4TotalLength, 0);
    store_be16(ip + kIpv4Checksum, 0);
    const uint16_t ip_sum = fold(ones_sum(std::span<const uint8_t>(ip, kIpv4HeaderSize)));
    store_sum(ip + kIpv4Checksum, header.offload_ipv4_checksum ? 0 : ip_sum);
  } else {
    store_be16(ip + kIpv6PayloadLength, 0);
  }
  store_sum(udp + kUdpLength, fold(uint64_t{egress.src.port} + egress.dst.port));
  store_sum(udp + kUdpChecksum,
            fold(uint64_t{address_words_sum(egress.src.address)} + address_words_sum(egress.dst.address)));
  return header;
}

Result<size_t> apply_header_template(std::span<uint8_t> room, size_t payload_at, size_t payload_size,
                                     const HeaderTemplate& header, const FrameView* unchanged_from) {
  if (payload_at < header.size || payload_at + payload_size > room.size()) return DropReason::too_short;
  const size_t udp_size = payload_size + kUdpHeaderSize;
  // IPv4 counts its own header in the 16-bit total length, IPv6 does not (as write_egress).
  if (udp_size + (header.v4 ? kIpv4HeaderSize : 0) > 0xffff) return DropReason::mtu_exceeded;
  // The sums come from the template (the copy in the frame is overwritten below).
  const size_t ip_at = ip_offset(header);
  const size_t udp_at = udp_offset(header);
  const uint8_t* sums = header.bytes.data();
  const uint32_t address_sum = load_sum(sums + udp_at + kUdpChecksum);
  const uint32_t port_sum = load_sum(sums + udp_at + kUdpLength);
  const size_t start = payload_at - header.size;
  uint8_t* frame = room.data() + start;
  copy_header(frame, header.bytes.data(), header.size);
  uint8_t* ip = frame + ip_at;
  uint8_t* udp = frame + udp_at;
  if (header.v4) {
    const auto total = static_cast<uint16_t>(kIpv4HeaderSize + udp_size);
    store_be16(ip + kIpv4TotalLength, total);
    // Offloaded: the template's field is already the 0 the NIC wants.
    if (!header.offload_ipv4_checksum)
      store_be16(ip + kIpv4Checksum, complement_short(uint32_t{load_sum(sums + ip_at + kIpv4Checksum)} + total));
  } else {
    store_be16(ip + kIpv6PayloadLength, static_cast<uint16_t>(udp_size));
  }
  store_be16(udp + kUdpLength, static_cast<uint16_t>(udp_size));
  // Pseudo-header: addresses + protocol + UDP length (as one 16-bit word while < 2^16, for
  // IPv6's 32-bit length too); the UDP header adds ports + length.
  const uint64_t pseudo = uint64_t{address_sum} + kIpProtoUdp + udp_size;
  uint16_t checksum;
  if (header.offload_udp_checksum) {
    checksum = fold(pseudo);  // the NIC adds the datagram and complements
  } else if (unchanged_from && unchanged_from->udp_checksum != 0) {
    // ~received = old pseudo-header + old ports + payload (+ protocol and 2 lengths, equal on
    // both sides). Replace the old addresses and ports by ours: add ours, add ~old.
    const FrameView& in = *unchanged_from;
    const uint32_t old_fields = address_words_sum(in.src.address) + address_words_sum(in.dst.address) +
                                in.src.port + in.dst.port;
    checksum =
        udp_checksum_field(complement_short(uint32_t{static_cast<uint16_t>(~in.udp_checksum)} +
                                            address_sum + port_sum + complement_short(old_fields)));
  } else {
    checksum = udp_checksum_field(
        complement(ones_sum(std::span<const uint8_t>(udp + kUdpHeaderSize, payload_size),
                            pseudo + port_sum + udp_size)));
  }
  store_be16(udp + kUdpChecksum, checksum);
  return start;
}

}  // namespace rr::packet
