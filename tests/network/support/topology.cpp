#include "tests/network/support/topology.hpp"

namespace rr::netlab {

Topology::Topology() {
  caller_link_.attach_host(caller_ns_, {kCallerSide.host_address, 24, kCallerSide.relay_address});
  caller_link_.add_host_address(caller_ns_, {kCallerSide.host_address6, 64, kCallerSide.relay_address6});
  callee_link_.attach_host(callee_ns_, {kCalleeSide.host_address, 24, kCalleeSide.relay_address});
  callee_link_.add_host_address(callee_ns_, {kCalleeSide.host_address6, 64, kCalleeSide.relay_address6});
}

RelayOptions Topology::relay_options(const std::string& binary, Driver driver) const {
  RelayOptions options;
  options.binary = binary;
  options.driver = driver;
  options.ports = {{kCallerSide.relay_interface, kCallerSide.relay_address, 24, caller_link_.root_end(),
                    {{kCallerSide.relay_address6, 64}}},
                   {kCalleeSide.relay_interface, kCalleeSide.relay_address, 24, callee_link_.root_end(),
                    {{kCalleeSide.relay_address6, 64}}}};
  return options;
}

}  // namespace rr::netlab
