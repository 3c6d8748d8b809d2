// A relay on the two-party topology plus the ng calls the tests make: offer from the caller
// (namespace a), answer from the callee (namespace b), delete; each returns the endpoint
// the relay put into the SDP it handed back.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "tests/network/support/host_socket.hpp"
#include "tests/network/support/topology.hpp"
#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/client.hpp"

namespace rr::netlab {

// Parameterised by the vdev that drives the relay-side veth ends (AF_PACKET, AF_XDP).
class RelayOnVeths : public testing::TestWithParam<Driver> {
 protected:
  static void SetUpTestSuite();
  void SetUp() override;
  void TearDown() override;

  // Where each phone must send: the relay's endpoints from the SDPs it returned.
  struct RelayedCall {
    Endpoint toward_callee;  // from the offer's reply: in the callee's SDP (interface b)
    Endpoint toward_caller;  // from the answer's reply: in the caller's SDP (interface a)
  };
  // offer (direction=[a, b]) with the caller's media, answer with the callee's.
  std::optional<RelayedCall> set_up_call(const ngclient::CallIds& ids, const Endpoint& caller_media,
                                         const Endpoint& callee_media);
  bool delete_call(const ngclient::CallIds& ids);

  std::unique_ptr<Topology> topology_;
  std::unique_ptr<RelayProcess> relay_;
  std::unique_ptr<ngclient::Client> ng_;

 private:
  std::optional<Endpoint> call(const bencode::Value& request);
};

// "af_packet" / "af_xdp" in test names.
std::string driver_name(const testing::TestParamInfo<Driver>& test_info);

// An RTP packet (PCMU, 160 bytes of `fill`) as a phone sends it.
std::vector<uint8_t> rtp_packet(uint16_t seq, uint32_t ssrc, uint8_t fill);

}  // namespace rr::netlab
