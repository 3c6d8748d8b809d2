// CountingHandler: every reply shape counted by command, result and reason.
#include "control/metrics/ng_counting.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>

#include "control/ng/reply.hpp"
#include "control/session/outcome.hpp"
#include "tests/unit/metrics/scripted_handler.hpp"

namespace rr::metrics {
namespace {

using testing_support::request_of;
using testing_support::ScriptedHandler;

bencode::Value load_limit_reply() {
  bencode::Value reply = bencode::Value::dict();
  reply.set("result", "load limit");
  reply.set("message", session::reason::kSessionLimit);
  return reply;
}

TEST(CountingHandler, CountsEachReplyByCommandResultAndReason) {
  const struct {
    const char* name;
    ng::Command command;
    std::optional<bencode::Value> reply;
    NgResult result;
    std::optional<NgErrorReason> reason;
  } rows[] = {
      {"offer ok", ng::Command::offer, ng::ok_reply(), NgResult::ok, std::nullopt},
      {"no ports", ng::Command::offer, ng::error_reply(session::reason::kNoPorts), NgResult::error,
       NgErrorReason::ports_exhausted},
      {"bad sdp", ng::Command::answer, ng::error_reply(session::reason::kBadSdp), NgResult::error,
       NgErrorReason::bad_request},
      {"unknown call", ng::Command::delete_, ng::error_reply(session::reason::kDeleteNotFound),
       NgResult::error, NgErrorReason::not_found},
      {"load limit", ng::Command::offer, load_limit_reply(), NgResult::error,
       NgErrorReason::session_limit},
      {"limit as error", ng::Command::offer, ng::error_reply(session::reason::kSessionLimit),
       NgResult::error, NgErrorReason::session_limit},
      {"unknown text", ng::Command::query, ng::error_reply("Something new"), NgResult::error,
       NgErrorReason::bad_request},
      {"not implemented", ng::Command::list, ng::error_reply(ng::reason::kNotImplemented),
       NgResult::error, NgErrorReason::unknown_command},
      {"throws", ng::Command::statistics, std::nullopt, NgResult::error, NgErrorReason::internal},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    ScriptedHandler inner;
    inner.reply = row.reply;
    CountingHandler counting(inner);
    const bencode::Value dict = bencode::Value::dict();
    if (row.reply) {
      EXPECT_EQ(counting.handle(row.command, request_of(dict)), *row.reply);
    } else {
      EXPECT_THROW(counting.handle(row.command, request_of(dict)), std::runtime_error);
    }
    const NgCounts& counts = counting.counts();
    for (const auto& info : ng::kCommands) {
      for (size_t r = 0; r < kNgResults.size(); ++r) {
        const bool hit = info.command == row.command && r == index(row.result);
        EXPECT_EQ(counts.requests[static_cast<size_t>(info.command)][r], hit ? 1u : 0u)
            << info.name << " " << kNgResults[r];
      }
    }
    for (size_t e = 0; e < kNgErrorReasons.size(); ++e) {
      EXPECT_EQ(counts.errors[e], row.reason && index(*row.reason) == e ? 1u : 0u)
          << kNgErrorReasons[e];
    }
  }
}

}  // namespace
}  // namespace rr::metrics
