#include "tools/rtpgen/call_setup.hpp"

namespace rr::rtpgen {

namespace {

// The endpoint in a reply's SDP, checked against the destination policy.
std::string destination_from(const ngclient::Result& reply, const char* what, ngclient::SockAddr& out,
                             const DestinationPolicy& policy) {
  if (!reply.ok()) return std::string(what) + ": " + reply.error;
  std::optional<std::string_view> sdp = reply.body.get_string("sdp");
  std::optional<Endpoint> endpoint = sdp ? ngclient::audio_endpoint(*sdp) : std::nullopt;
  if (!endpoint) return std::string(what) + ": reply has no SDP with an audio endpoint";
  if (std::string refused = policy.check(*endpoint); !refused.empty()) {
    return std::string(what) + ": " + refused;
  }
  out = ngclient::SockAddr::from(*endpoint);
  return {};
}

}  // namespace

CallPlan set_up_calls(ngclient::Client& client, uint32_t streams, const Endpoint& a, const Endpoint& b,
                      const std::string& call_prefix, const DestinationPolicy& policy,
                      std::span<const std::string> direction) {
  CallPlan plan;
  plan.a_destinations.resize(streams);
  plan.b_destinations.resize(streams);
  const std::string offer_sdp = ngclient::g711_sdp(a, 1);
  const std::string answer_sdp = ngclient::g711_sdp(b, 2);
  for (uint32_t stream = 0; stream < streams; ++stream) {
    const std::string n = std::to_string(stream);
    ngclient::CallIds ids{call_prefix + n, "a" + n, "b" + n};
    ngclient::Result offer = client.request(ngclient::offer_request(ids, offer_sdp, a.address, direction));
    if (offer.ok()) plan.calls.push_back(ids);  // from here on it needs a delete
    plan.error = destination_from(offer, "offer", plan.b_destinations[stream], policy);
    if (!plan.error.empty()) break;
    ngclient::Result answer = client.request(ngclient::answer_request(ids, answer_sdp, b.address));
    plan.error = destination_from(answer, "answer", plan.a_destinations[stream], policy);
    if (!plan.error.empty()) break;
  }
  if (!plan.error.empty()) plan.error = "call " + std::to_string(plan.calls.size()) + ": " + plan.error;
  return plan;
}

size_t tear_down_calls(ngclient::Client& client, const std::vector<ngclient::CallIds>& calls) {
  size_t failed = 0;
  for (const ngclient::CallIds& ids : calls) {
    if (!client.request(ngclient::delete_request(ids)).ok()) ++failed;
  }
  return failed;
}

}  // namespace rr::rtpgen
