#include "relay/table/latched_endpoint.hpp"

#include <cstring>

namespace rr::table {

LatchedEndpoint::Words LatchedEndpoint::pack(const Endpoint& endpoint) noexcept {
  Words words{};
  std::memcpy(&words[0], endpoint.address.bytes.data(), 16);
  words[2] = static_cast<uint64_t>(endpoint.address.family) | (uint64_t{endpoint.port} << 8);
  return words;
}

Endpoint LatchedEndpoint::unpack(const Words& words) noexcept {
  Endpoint endpoint;
  std::memcpy(endpoint.address.bytes.data(), &words[0], 16);
  endpoint.address.family = static_cast<Family>(words[2] & 0xff);
  endpoint.port = static_cast<uint16_t>(words[2] >> 8);
  return endpoint;
}

void LatchedEndpoint::store(const Endpoint& endpoint) noexcept { words_.store(pack(endpoint)); }

Endpoint LatchedEndpoint::load() const noexcept { return unpack(words_.load()); }

}  // namespace rr::table
