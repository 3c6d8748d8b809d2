// The relay's interfaces by name, each with one port allocator per address family, so an
// offer can bridge IPv4 and IPv6 by picking the family of the SDP it sends.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "control/ports/port_allocator.hpp"
#include "control/session/config.hpp"
#include "control/session/model.hpp"

namespace rr::session {

class Interfaces {
 public:
  explicit Interfaces(const SessionsConfig& config);

  // Index of the named interface; empty name: the first (default) one.
  std::optional<uint8_t> find(std::string_view name) const;
  bool has_family(uint8_t interface, Family family) const;
  const std::string& name(uint8_t interface) const { return entries_[interface].name; }
  // nullopt when the interface has no address of that family or its ports are exhausted.
  std::optional<RelayPorts> allocate(uint8_t interface, Family family, ports::Need need);
  // The address written into SDP for `ports`: its NAT-advertised one, or its own.
  IpAddress advertised(const RelayPorts& ports) const;
  void release(const RelayPorts& ports);
  ports::Counters counters();
  // Per interface, its addresses of both families summed (non-const: quarantines expire).
  ports::Counters counters(uint8_t interface);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string name;
    std::unique_ptr<ports::PortAllocator> v4, v6;
    std::map<IpAddress, IpAddress> advertised;
  };
  ports::PortAllocator* allocator(uint8_t interface, Family family) const;

  std::vector<Entry> entries_;
};

}  // namespace rr::session
