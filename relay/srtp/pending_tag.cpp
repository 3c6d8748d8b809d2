#include "relay/srtp/pending_tag.hpp"

#include <algorithm>

namespace rr::srtp {
namespace {

HmacSha1::Job job(const PendingTag& tag, uint8_t* mac) noexcept {
  return {tag.key, {tag.authenticated, tag.authenticated_len}, tag.roc, mac};
}

}  // namespace

void complete(PendingTag& tag) noexcept {
  uint8_t mac[kSha1Len];
  tag.key->compute({tag.authenticated, tag.authenticated_len}, tag.roc, mac);
  std::copy_n(mac, tag.tag_len, tag.tag);
  tag.key = nullptr;
}

void complete_pair(PendingTag& a, PendingTag& b) noexcept {
  uint8_t mac_a[kSha1Len], mac_b[kSha1Len];
  HmacSha1::compute_pair(job(a, mac_a), job(b, mac_b));
  std::copy_n(mac_a, a.tag_len, a.tag);
  std::copy_n(mac_b, b.tag_len, b.tag);
  a.key = nullptr;
  b.key = nullptr;
}

}  // namespace rr::srtp
