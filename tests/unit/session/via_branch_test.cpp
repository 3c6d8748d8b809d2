// via-branch: Kamailio sends the Via branch of each forked offer and of the delete in its
// failure route. A delete naming a failed fork's branch ends that fork only; the call ends
// when the branch is the last one, or stands for the relayed pair's to-tag.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

struct BranchCase {
  const char* name;
  std::vector<std::string> offered;                          // via-branch of each forked offer
  std::vector<std::pair<std::string, std::string>> answers;  // {via-branch, to-tag}
  std::string delete_branch, delete_to_tag;
  bool call_left;
  size_t relayed_after;  // media paths the data plane relays after the delete
};

TEST(ViaBranch, DeleteEndsTheBranchOrTheCall) {
  const BranchCase cases[] = {
      {"unanswered branch of two goes alone", {"z1", "z2"}, {}, "z1", "", true, 0},
      {"failed fork with its unknown to-tag goes alone", {"z1", "z2"}, {}, "z1", "B1", true, 0},
      {"the last branch is the whole call", {"z1"}, {}, "z1", "", false, 0},
      {"the last branch with an unknown to-tag too", {"z1"}, {}, "z1", "B1", false, 0},
      {"answered branch of the relayed pair ends the call",
       {"z1", "z2"},
       {{"z2", "B2"}},
       "z2",
       "",
       false,
       0},
      {"answered losing fork goes alone",
       {"z1", "z2"},
       {{"z1", "B1"}, {"z2", "B2"}},
       "z1",
       "",
       true,
       1},
      {"unknown branch: the tags decide (whole call)",
       {"z1", "z2"},
       {{"z2", "B2"}},
       "z9",
       "",
       false,
       0},
      {"no branch: the tags decide", {"z1", "z2"}, {{"z2", "B2"}}, "", "", false, 0},
  };
  for (const BranchCase& c : cases) {
    SCOPED_TRACE(c.name);
    FakeClock clock;
    RecordingForwarding forwarding;
    Sessions sessions(test_config(clock), forwarding);
    for (const std::string& branch : c.offered) {
      OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
      r.via_branch = branch;
      ASSERT_TRUE(sessions.offer(r).ok());
    }
    uint16_t port = 5000;
    for (const auto& [branch, to_tag] : c.answers) {
      AnswerRequest r = answer_request("c1", "A", to_tag, audio_sdp("198.51.100.20", port += 2));
      r.via_branch = branch;
      ASSERT_TRUE(sessions.answer(r).ok());
    }
    DeleteRequest d;
    d.call_id = "c1", d.from_tag = "A", d.to_tag = c.delete_to_tag, d.via_branch = c.delete_branch;
    const auto deleted = sessions.delete_call(d);
    ASSERT_TRUE(deleted.ok()) << deleted.error().reason;
    EXPECT_EQ(deleted.value().whole_call, !c.call_left);
    EXPECT_EQ(sessions.size(), c.call_left ? 1u : 0u);
    EXPECT_EQ(forwarding.live.size(), c.relayed_after);
    if (!c.call_left) {
      EXPECT_EQ(sessions.statistics().ports_used, 0u);
    }
  }
}

TEST(ViaBranch, RemainingBranchStillAnswersAfterAFailedOne) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  for (const char* branch : {"z1", "z2"}) {
    OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
    r.via_branch = branch;
    ASSERT_TRUE(sessions.offer(r).ok());
  }
  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A", d.via_branch = "z1";
  ASSERT_TRUE(sessions.delete_call(d).ok());
  AnswerRequest a = answer_request("c1", "A", "B2", audio_sdp("198.51.100.20", 5000));
  a.via_branch = "z2";
  ASSERT_TRUE(sessions.answer(a).ok());
  EXPECT_EQ(forwarding.live.size(), 1u) << "the surviving fork relays";
}

TEST(ViaBranch, BranchesAreBoundedAndOnlyForked) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  for (size_t i = 0; i <= kMaxBranches; ++i) {
    OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
    r.via_branch = "z" + std::to_string(i);
    ASSERT_TRUE(sessions.offer(r).ok());
  }
  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A", d.via_branch = "z1";
  ASSERT_TRUE(sessions.delete_call(d).ok());
  EXPECT_EQ(sessions.size(), 1u) << "a remembered branch goes alone";
  d.via_branch = "z" + std::to_string(kMaxBranches);  // past the bound: not remembered
  ASSERT_TRUE(sessions.delete_call(d).ok());
  EXPECT_EQ(sessions.size(), 0u) << "an unknown branch falls back to the tags: the whole call";
}

}  // namespace
}  // namespace rr::session::testing
