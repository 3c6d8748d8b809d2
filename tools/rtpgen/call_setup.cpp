#include "tools/rtpgen/call_setup.hpp"

#include <algorithm>

#include "relay/srtp/keygen.hpp"
#include "tools/rtpgen/srtp_sdp.hpp"

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

// The relay's a=crypto in a reply with our suite: its key, and the tag to answer with.
std::string relay_crypto_from(const ngclient::Result& reply, const char* what, srtp::CryptoSuite suite,
                              sdes::CryptoAttribute& out) {
  std::optional<std::string_view> sdp = reply.body.get_string("sdp");
  std::string error;
  std::optional<sdes::CryptoAttribute> crypto = find_crypto(sdp.value_or(""), suite, error);
  if (!crypto) return std::string(what) + ": " + error;
  out = std::move(*crypto);
  return {};
}

void set_transport(bencode::Value& request, const char* protocol) {
  if (bencode::Dict* dict = request.as_dict(); dict != nullptr && protocol == nullptr) {
    std::erase_if(*dict, [](const bencode::DictEntry& e) { return e.key == "transport-protocol"; });
  } else if (protocol != nullptr) {
    request.set("transport-protocol", protocol);
  }
}

// One call's offer and answer; fills the plan's slot `stream`.
std::string set_up_call(ngclient::Client& client, uint32_t stream, const ngclient::CallIds& ids,
                        const Endpoint& a, const Endpoint& b, const DestinationPolicy& policy,
                        std::span<const std::string> direction, const SrtpCall& srtp, CallPlan& plan) {
  std::string offer_sdp = ngclient::g711_sdp(a, 1), answer_sdp = ngclient::g711_sdp(b, 2);
  sdes::CryptoAttribute own{.tag = 1, .suite = srtp.suite};
  if (srtp.leg != SrtpLeg::none) {
    std::optional<srtp::KeyMaterial> key = srtp::generate_key(srtp.suite);
    if (!key) return "no randomness for an SRTP key";
    own.keys.emplace_back().key = *key;
    plan.own_keys[stream] = *key;
  }
  if (srtp.leg == SrtpLeg::a) offer_sdp = savp_sdp(std::move(offer_sdp), own);
  bencode::Value offer_request = ngclient::offer_request(ids, offer_sdp, a.address, direction);
  // The relay offers B what B speaks; the answer goes back to A in A's own protocol, which
  // the relay (and rtpengine) remember from the offer.
  if (srtp.leg == SrtpLeg::b) set_transport(offer_request, "RTP/SAVP");
  ngclient::Result offer = client.request(offer_request);
  if (offer.ok()) plan.calls.push_back(ids);  // from here on it needs a delete
  if (std::string e = destination_from(offer, "offer", plan.b_destinations[stream], policy); !e.empty()) return e;
  sdes::CryptoAttribute relay_key;
  if (srtp.leg == SrtpLeg::b) {
    if (std::string e = relay_crypto_from(offer, "offer", srtp.suite, relay_key); !e.empty()) return e;
    own.tag = relay_key.tag;  // answer the line we accept
    answer_sdp = savp_sdp(std::move(answer_sdp), own);
  }
  bencode::Value answer_request = ngclient::answer_request(ids, answer_sdp, b.address);
  if (srtp.leg != SrtpLeg::none) set_transport(answer_request, nullptr);
  ngclient::Result answer = client.request(answer_request);
  if (std::string e = destination_from(answer, "answer", plan.a_destinations[stream], policy); !e.empty()) return e;
  if (srtp.leg == SrtpLeg::a) {
    if (std::string e = relay_crypto_from(answer, "answer", srtp.suite, relay_key); !e.empty()) return e;
  }
  if (srtp.leg != SrtpLeg::none) plan.relay_keys[stream] = relay_key.keys.front().key;
  return {};
}

}  // namespace

CallPlan set_up_calls(ngclient::Client& client, uint32_t streams, const Endpoint& a, const Endpoint& b,
                      const std::string& call_prefix, const DestinationPolicy& policy,
                      std::span<const std::string> direction, const SrtpCall& srtp) {
  CallPlan plan;
  plan.a_destinations.resize(streams);
  plan.b_destinations.resize(streams);
  if (srtp.leg != SrtpLeg::none) {
    plan.own_keys.resize(streams);
    plan.relay_keys.resize(streams);
  }
  for (uint32_t stream = 0; stream < streams && plan.error.empty(); ++stream) {
    const std::string n = std::to_string(stream);
    plan.error = set_up_call(client, stream, {call_prefix + n, "a" + n, "b" + n}, a, b, policy, direction, srtp, plan);
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
