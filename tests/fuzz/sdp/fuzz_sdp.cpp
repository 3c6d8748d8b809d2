// Parses untrusted SDP and, when it parses, rewrites it with a fixed plan that
// exercises every rewrite path; the output must parse again.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "control/sdp/rewrite.hpp"

namespace {

rr::sdp::RewritePlan plan_for(const rr::sdp::Sdp& sdp) {
  using namespace rr::sdp;
  RewritePlan plan;
  plan.origin_address = rr::IpAddress::v4(203, 0, 113, 1);
  plan.origin_version = 42;
  plan.replace_session_connection = true;
  plan.remove_ice = true;
  plan.remove_attributes = {"fingerprint", "setup"};
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    MediaPlan& m = plan.media.emplace_back();
    // Alternate families so IPv4/IPv6 bridging runs on every multi-media input.
    m.address = i % 2 ? *rr::IpAddress::parse("2001:db8::1") : rr::IpAddress::v4(203, 0, 113, 1);
    m.rtp_port = static_cast<uint16_t>(10000 + 2 * i);
    m.rtcp_port = static_cast<uint16_t>(10001 + 2 * i);
    m.rtcp_address = i % 3 == 2 ? std::optional(rr::IpAddress::v4(203, 0, 113, 2)) : std::nullopt;
    m.rtcp_mux = static_cast<RtcpMux>(i % 3);
    if (sdp.media[i].proto.find("SAVP") != std::string::npos) {
      m.proto = "RTP/AVP";
      m.crypto = std::vector<std::string>{};
    } else {
      m.crypto = std::vector<std::string>{"1 AES_CM_128_HMAC_SHA1_80 inline:QUJD"};
    }
    m.add_attributes = {"label:1"};
  }
  return plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto sdp = rr::sdp::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!sdp) return 0;
  auto out = rr::sdp::rewrite(*sdp, plan_for(*sdp));
  // A parsed SDP with a matching plan always rewrites, and the relay must never emit
  // SDP that it would itself reject (size limit aside: rewriting can grow the text).
  if (!out) std::abort();
  if (out->size() <= rr::sdp::kMaxSdpBytes && !rr::sdp::parse(*out)) std::abort();
  return 0;
}
