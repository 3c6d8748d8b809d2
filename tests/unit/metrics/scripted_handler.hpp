// An ng::CommandHandler that answers whatever the test set, or throws when nothing is set.
#pragma once

#include <optional>
#include <stdexcept>

#include "control/ng/handler.hpp"

namespace rr::metrics::testing_support {

class ScriptedHandler final : public ng::CommandHandler {
 public:
  bencode::Value handle(ng::Command, const ng::Request&) override {
    if (!reply) throw std::runtime_error("handler bug");
    return *reply;
  }
  std::optional<bencode::Value> reply;
};

inline ng::Request request_of(const bencode::Value& dict) {
  return {"cookie", dict, Endpoint{IpAddress::v4(127, 0, 0, 1), 5060}, ng::Encoding::bencode};
}

}  // namespace rr::metrics::testing_support
