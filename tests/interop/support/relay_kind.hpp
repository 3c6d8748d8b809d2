// One parameter of a value-parameterised interop test: which relay to start (rtp-relay or
// the rtpengine reference) from the test's set-up, named in test names and failure output.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "tests/interop/support/media_relay.hpp"

namespace rr::interop {

template <typename... SetUp>
struct RelayKind {
  const char* name;
  std::unique_ptr<MediaRelay> (*start)(SetUp...);
};

template <typename... SetUp>
void PrintTo(const RelayKind<SetUp...>& kind, std::ostream* out) {
  *out << kind.name;
}

// For INSTANTIATE_TEST_SUITE_P: "Relays/Suite.Test/rtp_relay".
struct RelayKindName {
  template <typename Info>
  std::string operator()(const Info& test_info) const {
    return test_info.param.name;
  }
};

}  // namespace rr::interop
