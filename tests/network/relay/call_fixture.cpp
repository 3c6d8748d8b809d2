#include "tests/network/relay/call_fixture.hpp"

#include <unistd.h>

#include "tests/support/packet_builder.hpp"

namespace rr::netlab {

void RelayOnVeths::SetUpTestSuite() {
  for (const auto& name : cleanup_stale_namespaces()) std::printf("removed stale %s\n", name.c_str());
}

void RelayOnVeths::SetUp() {
  ASSERT_EQ(geteuid(), 0u) << "namespace tests create namespaces and veths: run as root";
  topology_ = std::make_unique<Topology>();
  relay_ = std::make_unique<RelayProcess>(topology_->relay_options(RR_RELAY_BINARY, GetParam()));
  ASSERT_TRUE(relay_->wait_ready(std::chrono::seconds(120))) << relay_->output();
  ng_ = std::make_unique<ngclient::Client>(relay_->ng(), ngclient::ClientOptions{});
  ASSERT_TRUE(ng_->open_error().empty()) << ng_->open_error();
}

void RelayOnVeths::TearDown() {
  ng_.reset();
  if (relay_) {
    auto code = relay_->stop();
    EXPECT_EQ(code, 0) << relay_->output();
    if (HasFailure()) std::printf("---- relay log ----\n%s\n", relay_->output().c_str());
  }
  relay_.reset();
  topology_.reset();
}

std::optional<Endpoint> RelayOnVeths::call(const bencode::Value& request) {
  auto result = ng_->request(request);
  EXPECT_TRUE(result.ok()) << result.error;
  auto sdp = result.body.get_string("sdp");
  EXPECT_TRUE(sdp.has_value()) << "reply without sdp";
  return sdp ? ngclient::audio_endpoint(*sdp) : std::nullopt;
}

std::optional<RelayOnVeths::RelayedCall> RelayOnVeths::set_up_call(const ngclient::CallIds& ids,
                                                                    const Endpoint& caller_media,
                                                                    const Endpoint& callee_media) {
  auto offer = ngclient::offer_request(ids, ngclient::g711_sdp(caller_media, 1), caller_media.address);
  offer.set("direction", bencode::List{kCallerSide.relay_interface, kCalleeSide.relay_interface});
  auto toward_callee = call(offer);
  auto toward_caller =
      call(ngclient::answer_request(ids, ngclient::g711_sdp(callee_media, 2), callee_media.address));
  if (!toward_callee || !toward_caller) return std::nullopt;
  return RelayedCall{*toward_callee, *toward_caller};
}

bool RelayOnVeths::delete_call(const ngclient::CallIds& ids) {
  auto result = ng_->request(ngclient::delete_request(ids));
  EXPECT_TRUE(result.ok()) << result.error;
  return result.ok();
}

std::string driver_name(const testing::TestParamInfo<Driver>& test_info) {
  return test_info.param == Driver::af_xdp ? "af_xdp" : "af_packet";
}

std::vector<uint8_t> rtp_packet(uint16_t seq, uint32_t ssrc, uint8_t fill) {
  return test::FrameBuilder().rtp(seq, uint32_t(seq) * 160, ssrc, 0).payload(160, fill).udp_payload();
}

}  // namespace rr::netlab
