// The relay an interop test talks to, behind one interface: rtp-relay (the system under
// test) or Debian's rtpengine userspace daemon (the reference that shows the test itself
// is right). Both serve ng on 127.0.0.1 and hand out media ports in a known range.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "relay/packet/address.hpp"
#include "tests/network/support/relay_process.hpp"

namespace rr::interop {

class MediaRelay {
 public:
  virtual ~MediaRelay() = default;
  virtual bool wait_ready(std::chrono::milliseconds timeout) = 0;
  virtual Endpoint ng() const = 0;
  virtual IpAddress media_address() const = 0;  // what the SDPs it returns must carry
  virtual uint16_t port_min() const = 0;
  virtual uint16_t port_max() const = 0;
  virtual std::string output() const = 0;
};

// rtp-relay with its media interfaces on the given ports (net_null when only ng matters).
std::unique_ptr<MediaRelay> start_rtp_relay(netlab::RelayOptions options);

// `rtpengine` (userspace only, --table=-1) with one --interface NAME/ADDRESS per port (just
// ADDRESS when the name is empty; the device is not used: rtpengine uses kernel sockets).
// Its own CLI port and no config file, so it never collides with another instance.
std::unique_ptr<MediaRelay> start_rtpengine(const std::vector<netlab::RelayMediaPort>& ports, uint16_t port_min,
                                            uint16_t port_max);

}  // namespace rr::interop
