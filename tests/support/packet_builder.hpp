// A fluent builder of Ethernet frames for tests, e.g.
//   FrameBuilder().eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02")).vlan(100)
//       .ipv4(ip("10.0.0.1"), ip("10.0.0.2")).udp(4000, 10000).rtp(1, 160, 0x1234, 0)
//       .payload(160, 0xd5).build();
// Lengths and checksums are filled in with its own byte-by-byte RFC 1071 sum, deliberately
// independent of relay/packet/checksum.cpp so that tests of that code can really fail.
// The *_override knobs write wrong values on purpose, for the drop-reason tests.
#pragma once

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace rr::test {

using Bytes = std::vector<uint8_t>;
using Mac = packet::MacAddress;

inline Mac mac(std::string_view text) {
  Mac m{};
  unsigned v[6] = {};
  std::sscanf(std::string(text).c_str(), "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4],
              &v[5]);
  for (size_t i = 0; i < 6; ++i) m.bytes[i] = static_cast<uint8_t>(v[i]);
  return m;
}
inline IpAddress ip(std::string_view text) { return IpAddress::parse(text).value(); }

inline void put16(Bytes& b, uint16_t v) { b.insert(b.end(), {uint8_t(v >> 8), uint8_t(v)}); }
inline void put32(Bytes& b, uint32_t v) { put16(b, uint16_t(v >> 16)), put16(b, uint16_t(v)); }
inline void set16(Bytes& b, size_t at, uint16_t v) { b[at] = uint8_t(v >> 8), b[at + 1] = uint8_t(v); }
inline void append(Bytes& b, std::span<const uint8_t> more) { b.insert(b.end(), more.begin(), more.end()); }

// Straightforward RFC 1071: 16-bit big-endian words, byte by byte, odd byte padded.
inline uint32_t reference_sum(std::span<const uint8_t> data, uint32_t sum = 0) {
  for (size_t i = 0; i < data.size(); i += 2) {
    sum += uint32_t(data[i]) << 8 | (i + 1 < data.size() ? data[i + 1] : 0);
  }
  return sum;
}
inline uint16_t reference_checksum(std::span<const uint8_t> data, uint32_t sum = 0) {
  sum = reference_sum(data, sum);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return uint16_t(~sum);
}
inline uint32_t reference_pseudo_sum(const IpAddress& src, const IpAddress& dst, uint8_t proto,
                                     size_t length) {
  uint32_t sum = reference_sum(std::span(src.bytes.data(), src.size()));
  sum = reference_sum(std::span(dst.bytes.data(), dst.size()), sum);
  return sum + proto + uint32_t(length >> 16) + uint32_t(length & 0xffff);
}

class FrameBuilder {
 public:
  FrameBuilder& eth(Mac src, Mac dst) { return src_mac_ = src, dst_mac_ = dst, *this; }
  FrameBuilder& vlan(uint16_t tci, uint16_t tpid = 0x8100) { return vlans_.push_back({tpid, tci}), *this; }
  FrameBuilder& ethertype(uint16_t type) { return ethertype_ = type, *this; }
  FrameBuilder& trailer(size_t n) { return trailer_ = n, *this; }  // Ethernet padding

  FrameBuilder& ipv4(IpAddress src, IpAddress dst) { return src_ = src, dst_ = dst, l3_ = L3::v4, *this; }
  FrameBuilder& ipv6(IpAddress src, IpAddress dst) { return src_ = src, dst_ = dst, l3_ = L3::v6, *this; }
  FrameBuilder& ttl(uint8_t v) { return ttl_ = v, *this; }
  FrameBuilder& tos(uint8_t v) { return tos_ = v, *this; }
  FrameBuilder& ip_options(Bytes options) { return ip_options_ = std::move(options), *this; }
  FrameBuilder& fragment(uint16_t offset_words, bool more) { return frag_ = uint16_t((more ? 0x2000 : 0) | offset_words), *this; }
  FrameBuilder& protocol(uint8_t p) { return protocol_ = p, *this; }  // IPv6: next header
  FrameBuilder& ip_version_override(uint8_t v) { return version_ = v, *this; }
  FrameBuilder& ihl_override(uint8_t words) { return ihl_ = words, *this; }
  FrameBuilder& ip_length_override(uint16_t v) { return ip_length_ = v, *this; }
  FrameBuilder& ip_checksum_override(uint16_t v) { return ip_checksum_ = v, *this; }

  FrameBuilder& udp(uint16_t sport, uint16_t dport) { return sport_ = sport, dport_ = dport, l4_ = L4::udp, *this; }
  FrameBuilder& udp_length_override(uint16_t v) { return udp_length_ = v, *this; }
  FrameBuilder& udp_checksum_override(uint16_t v) { return udp_checksum_ = v, *this; }
  // Any ICMP/ICMPv6 message; `body` follows the checksum. The family follows the IP header.
  FrameBuilder& icmp(uint8_t type, uint8_t code, Bytes body) {
    return icmp_type_ = type, icmp_code_ = code, l4_body_ = std::move(body), l4_ = L4::icmp, *this;
  }
  FrameBuilder& icmp_echo(uint16_t id, uint16_t seq, Bytes data = {}) {
    Bytes body;
    put16(body, id), put16(body, seq), append(body, data);
    return icmp(l3_ == L3::v6 ? 128 : 8, 0, std::move(body));
  }
  FrameBuilder& arp(uint16_t op, Mac sender_mac, IpAddress sender_ip, Mac target_mac, IpAddress target_ip) {
    Bytes a;
    put16(a, 1), put16(a, 0x0800), a.push_back(6), a.push_back(4), put16(a, op);
    append(a, sender_mac.bytes), append(a, std::span(sender_ip.bytes.data(), 4));
    append(a, target_mac.bytes), append(a, std::span(target_ip.bytes.data(), 4));
    return arp_ = std::move(a), l3_ = L3::arp, *this;
  }

  FrameBuilder& rtp(uint16_t seq, uint32_t ts, uint32_t ssrc, uint8_t pt, bool marker = false) {
    rtp_ = Bytes{0x80, uint8_t((marker ? 0x80 : 0) | pt)};
    return put16(*rtp_, seq), put32(*rtp_, ts), put32(*rtp_, ssrc), *this;
  }
  FrameBuilder& csrc(uint32_t id) { return csrcs_.push_back(id), *this; }
  FrameBuilder& rtp_extension(uint16_t profile, Bytes data) { return ext_profile_ = profile, ext_ = std::move(data), *this; }
  FrameBuilder& rtp_padding(uint8_t n) { return padding_ = n, *this; }
  FrameBuilder& rtcp(uint8_t packet_type, uint8_t count, uint32_t ssrc, Bytes body = {}) {
    Bytes r{uint8_t(0x80 | count), packet_type};
    put16(r, uint16_t((8 + body.size() + 3) / 4 - 1)), put32(r, ssrc), append(r, body);
    r.resize(8 + (body.size() + 3) / 4 * 4);
    return append(app_, r), *this;
  }
  FrameBuilder& payload(Bytes bytes) { return append(app_, bytes), *this; }
  FrameBuilder& payload(size_t n, uint8_t fill) { return app_.insert(app_.end(), n, fill), *this; }

  // Only the application bytes (RTP header + payload + padding, or RTCP, or raw payload).
  Bytes udp_payload() const {
    Bytes out;
    if (rtp_) {
      out = *rtp_;
      out[0] = uint8_t(out[0] | (padding_ ? 0x20 : 0) | (ext_ ? 0x10 : 0) | (csrcs_.size() & 0x0f));
      for (uint32_t c : csrcs_) put32(out, c);
      if (ext_) put16(out, ext_profile_), put16(out, uint16_t((ext_->size() + 3) / 4)), append(out, *ext_),
          out.resize(out.size() + (4 - ext_->size() % 4) % 4);
    }
    append(out, app_);
    if (padding_) out.insert(out.end(), padding_ - 1, 0), out.push_back(padding_);
    return out;
  }

  Bytes build() const {
    Bytes l4 = build_l4();
    Bytes out;
    append(out, dst_mac_.bytes), append(out, src_mac_.bytes);
    for (auto [tpid, tci] : vlans_) put16(out, tpid), put16(out, tci);
    if (l3_ == L3::arp) {
      put16(out, ethertype_.value_or(0x0806)), append(out, arp_);
    } else if (l3_ == L3::v4) {
      put16(out, ethertype_.value_or(0x0800)), append(out, ipv4_header(l4.size())), append(out, l4);
    } else if (l3_ == L3::v6) {
      put16(out, ethertype_.value_or(0x86dd)), append(out, ipv6_header(l4.size())), append(out, l4);
    } else {
      put16(out, ethertype_.value_or(0x88b5)), append(out, l4);
    }
    out.insert(out.end(), trailer_, 0);
    return out;
  }

 private:
  enum class L3 { none, v4, v6, arp };
  enum class L4 { none, udp, icmp };

  uint8_t l4_protocol() const {
    if (protocol_) return *protocol_;
    if (l4_ == L4::icmp) return l3_ == L3::v6 ? 58 : 1;
    return 17;
  }

  Bytes build_l4() const {
    Bytes l4;
    if (l4_ == L4::udp) {
      Bytes app = udp_payload();
      put16(l4, sport_), put16(l4, dport_), put16(l4, udp_length_.value_or(uint16_t(8 + app.size()))), put16(l4, 0);
      append(l4, app);
      uint16_t sum = reference_checksum(l4, reference_pseudo_sum(src_, dst_, 17, l4.size()));
      set16(l4, 6, udp_checksum_.value_or(sum == 0 ? 0xffff : sum));
    } else if (l4_ == L4::icmp) {
      l4 = {icmp_type_, icmp_code_, 0, 0};
      append(l4, l4_body_);
      uint32_t pseudo = l3_ == L3::v6 ? reference_pseudo_sum(src_, dst_, 58, l4.size()) : 0;
      set16(l4, 2, reference_checksum(l4, pseudo));
    } else {
      l4 = udp_payload();
    }
    return l4;
  }

  Bytes ipv4_header(size_t l4_size) const {
    Bytes h{uint8_t(version_.value_or(4) << 4 | ihl_.value_or(uint8_t(5 + ip_options_.size() / 4))), tos_};
    put16(h, ip_length_.value_or(uint16_t(20 + ip_options_.size() + l4_size)));
    put16(h, 0), put16(h, frag_), h.push_back(ttl_), h.push_back(l4_protocol()), put16(h, 0);
    append(h, std::span(src_.bytes.data(), 4)), append(h, std::span(dst_.bytes.data(), 4));
    append(h, ip_options_);
    set16(h, 10, ip_checksum_.value_or(reference_checksum(h)));
    return h;
  }

  Bytes ipv6_header(size_t l4_size) const {
    Bytes h;
    put32(h, uint32_t(version_.value_or(6)) << 28 | uint32_t(tos_) << 20);
    put16(h, ip_length_.value_or(uint16_t(l4_size)));
    h.push_back(l4_protocol()), h.push_back(ttl_);
    append(h, std::span(src_.bytes.data(), 16)), append(h, std::span(dst_.bytes.data(), 16));
    return h;
  }

  Mac src_mac_ = mac("02:00:00:00:00:01");
  Mac dst_mac_ = mac("02:00:00:00:00:02");
  std::vector<std::pair<uint16_t, uint16_t>> vlans_;
  std::optional<uint16_t> ethertype_;
  size_t trailer_ = 0;
  L3 l3_ = L3::none;
  L4 l4_ = L4::none;
  IpAddress src_, dst_;
  uint8_t ttl_ = 64, tos_ = 0;
  Bytes ip_options_;
  uint16_t frag_ = 0x4000;  // DF and identification 0, as relay/packet writes them
  std::optional<uint8_t> protocol_, version_, ihl_;
  std::optional<uint16_t> ip_length_, ip_checksum_, udp_length_, udp_checksum_;
  uint16_t sport_ = 0, dport_ = 0;
  uint8_t icmp_type_ = 0, icmp_code_ = 0;
  Bytes l4_body_, arp_;
  std::optional<Bytes> rtp_, ext_;
  uint16_t ext_profile_ = 0;
  std::vector<uint32_t> csrcs_;
  uint8_t padding_ = 0;
  Bytes app_;
};

}  // namespace rr::test
