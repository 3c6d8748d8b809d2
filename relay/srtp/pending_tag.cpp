#include "relay/srtp/pending_tag.hpp"

#include <algorithm>
#include <array>

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

void complete(std::span<PendingTag* const> tags) noexcept {
  for (size_t at = 0; at < tags.size(); at += HmacSha1::kMaxGroup) {
    const size_t n = std::min(tags.size() - at, HmacSha1::kMaxGroup);
    std::array<std::array<uint8_t, kSha1Len>, HmacSha1::kMaxGroup> macs;
    std::array<HmacSha1::Job, HmacSha1::kMaxGroup> jobs;
    for (size_t i = 0; i < n; ++i) jobs[i] = job(*tags[at + i], macs[i].data());
    HmacSha1::compute_group(std::span(jobs.data(), n));
    for (size_t i = 0; i < n; ++i) {
      PendingTag& tag = *tags[at + i];
      std::copy_n(macs[i].data(), tag.tag_len, tag.tag);
      tag.key = nullptr;
    }
  }
}

}  // namespace rr::srtp
