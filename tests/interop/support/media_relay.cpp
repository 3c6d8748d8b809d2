#include "tests/interop/support/media_relay.hpp"

#include <signal.h>

#include "tests/network/support/command.hpp"
#include "tests/support/ng_ping.hpp"
#include "tests/support/process.hpp"

namespace rr::interop {
namespace {

class RtpRelay final : public MediaRelay {
 public:
  explicit RtpRelay(netlab::RelayOptions options)
      : address_(options.ports.at(0).address), min_(options.port_min), max_(options.port_max),
        process_(std::move(options)) {}
  bool wait_ready(std::chrono::milliseconds timeout) override { return process_.wait_ready(timeout); }
  Endpoint ng() const override { return process_.ng(); }
  IpAddress media_address() const override { return address_; }
  uint16_t port_min() const override { return min_; }
  uint16_t port_max() const override { return max_; }
  std::string output() const override { return process_.output(); }

 private:
  IpAddress address_;
  uint16_t min_, max_;
  netlab::RelayProcess process_;
};

class Rtpengine final : public MediaRelay {
 public:
  Rtpengine(const std::vector<netlab::RelayMediaPort>& ports, uint16_t port_min, uint16_t port_max)
      : address_(ports.at(0).address), min_(port_min), max_(port_max),
        ng_{IpAddress::v4(127, 0, 0, 1), netlab::free_udp_port()} {
    std::vector<std::string> argv{"rtpengine", "--config-file=none", "--foreground", "--table=-1",
                                  "--log-stderr", "--log-level=6", "--num-threads=1", "--delete-delay=0",
                                  "--listen-ng=" + ng_.to_string(),
                                  "--listen-cli=127.0.0.1:" + std::to_string(netlab::free_udp_port()),
                                  "--port-min=" + std::to_string(port_min),
                                  "--port-max=" + std::to_string(port_max)};
    for (const auto& p : ports) {
      argv.push_back("--interface=" + (p.interface.empty() ? "" : p.interface + "/") + p.address.to_string());
    }
    child_ = std::make_unique<test::Child>(argv, netlab::scratch_path("rtpengine.log"));
  }
  ~Rtpengine() override {
    child_->signal(SIGTERM);
    child_->wait_exit(std::chrono::seconds(10));
  }
  bool wait_ready(std::chrono::milliseconds timeout) override {
    return test::ng_ping_until(ng_.address.to_string(), ng_.port, timeout);
  }
  Endpoint ng() const override { return ng_; }
  IpAddress media_address() const override { return address_; }
  uint16_t port_min() const override { return min_; }
  uint16_t port_max() const override { return max_; }
  std::string output() const override { return child_->output(); }

 private:
  IpAddress address_;
  uint16_t min_, max_;
  Endpoint ng_;
  std::unique_ptr<test::Child> child_;
};

}  // namespace

std::unique_ptr<MediaRelay> start_rtp_relay(netlab::RelayOptions options) {
  return std::make_unique<RtpRelay>(std::move(options));
}

std::unique_ptr<MediaRelay> start_rtpengine(const std::vector<netlab::RelayMediaPort>& ports, uint16_t port_min,
                                            uint16_t port_max) {
  return std::make_unique<Rtpengine>(ports, port_min, port_max);
}

}  // namespace rr::interop
