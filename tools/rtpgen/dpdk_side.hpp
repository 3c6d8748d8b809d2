// One side (caller A or callee B) of the DPDK transport: a DPDK port of its own on a veth end
// (net_af_xdp / net_af_packet), opened and closed inside that side's network namespace. It
// sends the sender's RTP packets as whole Ethernet frames (frame_codec), feeds received UDP
// payloads to a sink and answers ARP (IPv4) or neighbour solicitations (IPv6) for its address. Frames are built in mbufs from the
// shared pool; nothing is allocated per packet.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "relay/dpdk/port.hpp"
#include "relay/dpdk/result.hpp"
#include "tools/rtpgen/frame_codec.hpp"
#include "tools/rtpgen/sink.hpp"
#include "tools/rtpgen/transmitter.hpp"

struct rte_mempool;

namespace rr::rtpgen {

struct DpdkSideConfig {
  std::string netns;            // empty: the current namespace
  std::string device;           // vdev with devargs: "net_af_xdp0,iface=rrga"
  packet::MacAddress peer_mac;  // next hop, static (see bench/e2e/topology.sh)
  IpAddress address;            // ours: the SDP address; we answer ARP for it
  uint16_t udp_port = 30000;    // ours: every stream of this side uses it
};

class DpdkSide final : public Transmitter {
 public:
  // Deep rings: on a shared core the generator is descheduled for whole time slices, and the
  // RX ring must hold what arrives meanwhile (net_af_xdp sizes its XSK rings from these).
  static constexpr uint16_t kRingSize = 4096;

  static dpdk::Result<std::unique_ptr<DpdkSide>> open(const DpdkSideConfig& config, rte_mempool* pool);
  DpdkSide(const DpdkSide&) = delete;
  DpdkSide& operator=(const DpdkSide&) = delete;
  ~DpdkSide() override;  // closes the port in its namespace (AF_XDP detaches by ifindex)

  Endpoint local() const { return {link_.our_ip, udp_port_}; }
  packet::MacAddress mac() const { return link_.our_mac; }
  // One destination per stream; before the first transmit.
  void set_destinations(const std::vector<Endpoint>& destinations);

  size_t transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) override;
  // Receives what is waiting (bounded, so sending is not starved for long): UDP
  // payloads go to `sink`, ARP requests for our address are answered. Returns frames read.
  size_t poll(Sink& sink);

  uint64_t arp_answered() const { return arp_answered_; }
  uint64_t nd_answered() const { return nd_answered_; }
  uint64_t ignored_frames() const;  // all reasons
  uint64_t ignored(packet::DropReason reason) const { return ignored_[packet::index(reason)]; }
  uint64_t tx_stalls() const { return tx_stalls_; }  // bursts that waited for TX ring room
  // Frames the port dropped because we did not poll in time (RX ring full): the generator's
  // own loss, which must not be blamed on the relay.
  uint64_t rx_missed() const { return port_->stats().rx_missed; }

 private:
  DpdkSide(std::string netns, dpdk::Port port, rte_mempool* pool, const DpdkSideConfig& config);
  void answer_arp(const packet::ArpPacket& request);
  void answer_nd(const ClassifiedFrame& solicitation);
  // Sends a control frame built by `build` into a fresh mbuf (padded to the Ethernet minimum);
  // true once handed to the port.
  template <typename Build>
  bool send_control(Build build);

  std::string netns_;
  std::optional<dpdk::Port> port_;
  rte_mempool* pool_;
  LinkAddresses link_;
  uint16_t udp_port_;
  std::vector<packet::EgressHeaders> egress_;  // per stream
  uint64_t arp_answered_ = 0;
  uint64_t nd_answered_ = 0;
  uint64_t tx_stalls_ = 0;
  std::array<uint64_t, packet::kDropReasonCount> ignored_{};
};

}  // namespace rr::rtpgen
