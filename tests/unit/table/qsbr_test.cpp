// QSBR grace periods, driven step by step from one thread so every interleaving is explicit.
#include "relay/table/qsbr.hpp"

#include <gtest/gtest.h>

namespace rr::table {
namespace {

TEST(Qsbr, NoWorkersOnlineMeansImmediateGrace) {
  Qsbr qsbr(3);
  EXPECT_TRUE(qsbr.check(qsbr.start()));
}

TEST(Qsbr, GraceNeedsEveryOnlineWorkerToPassAQuiescentPoint) {
  Qsbr qsbr(3);
  qsbr.online(0);
  qsbr.online(2);  // worker 1 stays offline and must not hold anything up
  const uint64_t token = qsbr.start();
  EXPECT_FALSE(qsbr.check(token));
  qsbr.quiescent(0);
  EXPECT_FALSE(qsbr.check(token)) << "worker 2 may still hold the old pointer";
  qsbr.quiescent(2);
  EXPECT_TRUE(qsbr.check(token));
}

TEST(Qsbr, QuiescentBeforeStartDoesNotCount) {
  Qsbr qsbr(1);
  qsbr.online(0);
  qsbr.quiescent(0);
  const uint64_t token = qsbr.start();
  EXPECT_FALSE(qsbr.check(token));
  qsbr.quiescent(0);
  EXPECT_TRUE(qsbr.check(token));
}

TEST(Qsbr, GoingOfflineEndsTheWorkersPart) {
  Qsbr qsbr(2);
  qsbr.online(0);
  qsbr.online(1);
  const uint64_t token = qsbr.start();
  qsbr.quiescent(0);
  qsbr.offline(1);
  EXPECT_TRUE(qsbr.check(token));
  qsbr.online(1);  // back online: already past the token because it reads the current epoch
  EXPECT_TRUE(qsbr.check(token));
  EXPECT_FALSE(qsbr.check(qsbr.start()));
}

}  // namespace
}  // namespace rr::table
