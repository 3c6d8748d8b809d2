#include "control/session/interfaces.hpp"

namespace rr::session {
namespace {

std::unique_ptr<ports::PortAllocator> allocator_for(const InterfaceConfig& config, Family family,
                                                    const SessionsConfig& sessions) {
  std::vector<IpAddress> addresses;
  for (const IpAddress& address : config.addresses)
    if (address.family == family) addresses.push_back(address);
  if (addresses.empty()) return nullptr;
  return std::make_unique<ports::PortAllocator>(std::move(addresses), config.range,
                                                sessions.port_seed, sessions.now);
}

}  // namespace

Interfaces::Interfaces(const SessionsConfig& config) {
  for (const InterfaceConfig& interface : config.interfaces)
    entries_.push_back({interface.name, allocator_for(interface, Family::v4, config),
                        allocator_for(interface, Family::v6, config), interface.advertised});
}

std::optional<uint8_t> Interfaces::find(std::string_view name) const {
  if (entries_.empty()) return std::nullopt;
  if (name.empty()) return uint8_t{0};
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].name == name) return static_cast<uint8_t>(i);
  return std::nullopt;
}

ports::PortAllocator* Interfaces::allocator(uint8_t interface, Family family) const {
  if (interface >= entries_.size()) return nullptr;
  const Entry& entry = entries_[interface];
  return family == Family::v4 ? entry.v4.get() : entry.v6.get();
}

bool Interfaces::has_family(uint8_t interface, Family family) const {
  return allocator(interface, family) != nullptr;
}

std::optional<RelayPorts> Interfaces::allocate(uint8_t interface, Family family, ports::Need need) {
  ports::PortAllocator* ports = allocator(interface, family);
  if (ports == nullptr) return std::nullopt;
  std::optional<ports::Allocation> allocation = ports->allocate(need);
  if (!allocation) return std::nullopt;
  return RelayPorts{interface, *allocation};
}

IpAddress Interfaces::advertised(const RelayPorts& ports) const {
  const IpAddress& local = ports.allocation.address;
  if (ports.interface >= entries_.size()) return local;
  const auto& map = entries_[ports.interface].advertised;
  auto it = map.find(local);
  return it == map.end() ? local : it->second;
}

void Interfaces::release(const RelayPorts& ports) {
  if (ports::PortAllocator* target = allocator(ports.interface, ports.allocation.address.family))
    target->release(ports.allocation);
}

ports::Counters Interfaces::counters(uint8_t interface) {
  ports::Counters total;
  if (interface >= entries_.size()) return total;
  for (ports::PortAllocator* ports : {entries_[interface].v4.get(), entries_[interface].v6.get()}) {
    if (ports == nullptr) continue;
    const ports::Counters c = ports->counters();
    total.used += c.used, total.quarantined += c.quarantined, total.free += c.free;
  }
  return total;
}

ports::Counters Interfaces::counters() {
  ports::Counters total;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const ports::Counters c = counters(static_cast<uint8_t>(i));
    total.used += c.used, total.quarantined += c.quarantined, total.free += c.free;
  }
  return total;
}

}  // namespace rr::session
