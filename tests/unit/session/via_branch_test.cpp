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

// The relay port a leg's peer sends RTP to, from a query (0: no such leg or media).
uint16_t local_port(Sessions& sessions, const std::string& tag) {
  QueryRequest q;
  q.call_id = "c1";
  const Outcome<CallSnapshot> call = sessions.query(q);
  if (!call) return 0;
  for (const LegSnapshot& leg : call.value().legs)
    if (leg.tag == tag && !leg.medias.empty() && !leg.medias[0].streams.empty())
      return leg.medias[0].streams[0].local.port;
  return 0;
}

OfferRequest forked_offer(const std::string& branch) {
  OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  r.via_branch = branch;
  return r;
}

AnswerRequest forked_answer(const std::string& branch, const std::string& to_tag, uint16_t port) {
  AnswerRequest r = answer_request("c1", "A", to_tag, audio_sdp("198.51.100.20", port));
  r.via_branch = branch;
  return r;
}

// rtpengine 10.5 (checked with rtpengine-ng-client): each branch's offer advertises ports of
// its own; an answer's callee sends to its branch's ports; an earlier answered fork keeps its.
TEST(ViaBranch, EachForkHasItsOwnPortsUntilItsAnswer) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  const uint16_t z1 = media_port(sessions.offer(forked_offer("z1")).value().sdp);
  const uint16_t z2 = media_port(sessions.offer(forked_offer("z2")).value().sdp);
  EXPECT_NE(z1, z2);
  EXPECT_EQ(media_port(sessions.offer(forked_offer("z1")).value().sdp), z1) << "same branch again";
  EXPECT_EQ(media_port(sessions.offer(forked_offer("z2")).value().sdp), z2);

  ASSERT_TRUE(sessions.answer(forked_answer("z2", "C", 6000)).ok());
  EXPECT_EQ(local_port(sessions, "C"), z2);
  ASSERT_TRUE(sessions.answer(forked_answer("z1", "B", 5000)).ok());
  EXPECT_EQ(local_port(sessions, "B"), z1);
  EXPECT_EQ(local_port(sessions, "C"), z2) << "the earlier answer keeps its ports";
  EXPECT_EQ(forwarding.live.size(), 1u) << "one relayed pair: A and the latest answer";

  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A";
  ASSERT_TRUE(sessions.delete_call(d).ok());
  EXPECT_EQ(sessions.statistics().ports_used, 0u) << "every fork's ports are freed";
}

TEST(ViaBranch, FailedForkFreesItsPortsAndTheOthersKeepTheirs) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  std::vector<uint16_t> offered;
  for (const char* branch : {"z1", "z2", "z3"})
    offered.push_back(media_port(sessions.offer(forked_offer(branch)).value().sdp));
  const uint64_t used = sessions.statistics().ports_used;
  for (const char* failed : {"z3", "z1"}) {  // a parked side, then the current one
    DeleteRequest d;
    d.call_id = "c1", d.from_tag = "A", d.via_branch = failed;
    ASSERT_TRUE(sessions.delete_call(d).ok());
  }
  EXPECT_EQ(sessions.statistics().ports_used, used - 4) << "two forks of RTP+RTCP freed";
  ASSERT_TRUE(sessions.answer(forked_answer("z2", "B", 5000)).ok());
  EXPECT_EQ(local_port(sessions, "B"), offered[1]);
  EXPECT_EQ(forwarding.live.size(), 1u);
}

}  // namespace
}  // namespace rr::session::testing
