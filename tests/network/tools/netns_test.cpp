// rtpgen's destination rule with real namespaces and veth pairs. Each case runs in a
// child that unshares its network namespace, so the host's interfaces are never touched.
// Needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN) and iproute2.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "tools/rtpgen/destination.hpp"

namespace rr::rtpgen {
namespace {

// Runs `body` in a child in a fresh network namespace; returns its exit status
// (100: unshare failed, 101: ip failed).
template <typename Body>
int in_new_namespace(const char* setup, Body body) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::unshare(CLONE_NEWNET) != 0) ::_exit(100);
    if (setup && std::system(setup) != 0) ::_exit(101);
    ::_exit(body());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ToolsNetns, VethSubnetsAreTargetsOtherNetworksAreNot) {
  ASSERT_EQ(::geteuid(), 0u) << "network tests run as root (they create namespaces)";
  int verdict = in_new_namespace(
      "ip link add rrv0 type veth peer name rrv1 && ip addr add 10.77.0.1/24 dev rrv0 && "
      "ip link set rrv0 up",
      [] {
        DestinationPolicy policy = DestinationPolicy::for_this_process(false);
        if (!policy.check(*Endpoint::parse("10.77.0.2:4000")).empty()) return 1;
        if (!policy.check(*Endpoint::parse("127.0.0.1:4000")).empty()) return 2;
        // Unless pid 1's namespace is readable (then this child counts as private),
        // an address outside the veth subnet is refused.
        if (!policy.private_namespace && policy.check(*Endpoint::parse("10.78.0.2:4000")).empty()) return 3;
        return 0;
      });
  EXPECT_EQ(verdict, 0) << "1: veth peer refused, 2: loopback refused, 3: other network allowed, "
                           "100: unshare failed, 101: ip failed";
}

TEST(ToolsNetns, NoVethNoTargetsBeyondLoopback) {
  ASSERT_EQ(::geteuid(), 0u);
  int verdict = in_new_namespace(nullptr, [] {
    DestinationPolicy policy = DestinationPolicy::for_this_process(false);
    if (!policy.namespace_subnets.empty()) return 1;
    if (!policy.private_namespace && policy.check(*Endpoint::parse("10.77.0.2:4000")).empty()) return 2;
    return 0;
  });
  EXPECT_EQ(verdict, 0);
}

}  // namespace
}  // namespace rr::rtpgen
