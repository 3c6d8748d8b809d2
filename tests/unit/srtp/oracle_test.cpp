// relay/srtp's OpenSSL sessions against libsrtp2 as the oracle: the same keys on both, every
// suite, scripted packet sequences (ROC wrap, reordering, replay, tampering, SSRC changes,
// SDES session parameters) and a long seeded random one. Senders must write identical bytes,
// receivers must take identical decisions and restore identical plaintext.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "tests/unit/srtp/libsrtp_oracle.hpp"

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;
using oracle::LibsrtpSession;

constexpr uint32_t kSsrcA = 0x12345678, kSsrcB = 0xCAFEF00D;
constexpr size_t kRoom = 20 + kMaxMkiLen;  // ample tailroom for every trailer, libsrtp's included

// RTP: V=2, optional CSRCs and a header extension (authenticated, never encrypted).
Bytes rtp_packet(uint16_t seq, uint32_t ssrc, size_t payload = 160, uint8_t csrcs = 0, uint16_t ext_words = 0) {
  Bytes p{static_cast<uint8_t>(0x80 | (ext_words ? 0x10 : 0) | csrcs), 0x00, static_cast<uint8_t>(seq >> 8),
          static_cast<uint8_t>(seq), 0, 0, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq),
          static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16), static_cast<uint8_t>(ssrc >> 8),
          static_cast<uint8_t>(ssrc)};
  for (size_t i = 0; i < 4u * csrcs; ++i) p.push_back(static_cast<uint8_t>(i));
  if (ext_words) {
    p.insert(p.end(), {0xBE, 0xDE, static_cast<uint8_t>(ext_words >> 8), static_cast<uint8_t>(ext_words)});
    for (size_t i = 0; i < 4u * ext_words; ++i) p.push_back(static_cast<uint8_t>(0x40 + i));
  }
  for (size_t i = 0; i < payload; ++i) p.push_back(static_cast<uint8_t>(0xD5 ^ i ^ seq));
  return p;
}

// A receiver report and an SDES CNAME from `ssrc`.
Bytes rtcp_packet(uint32_t ssrc) {
  const auto b = [&](int shift) { return static_cast<uint8_t>(ssrc >> shift); };
  return {0x80, 0xc9, 0x00, 0x01, b(24), b(16), b(8), b(0), 0x81, 0xca, 0x00, 0x04, b(24), b(16),
          b(8), b(0), 0x01, 0x0a, 'r', 'e', 'l', 'a', 'y', '@', 'h', 'o', 's', 't'};
}

// One end, ours and libsrtp's with the same parameters.
struct Twin {
  SrtpSession ours;
  std::unique_ptr<LibsrtpSession> theirs;
};

std::optional<Twin> twin(const SessionParams& params) {
  auto ours = SrtpSession::create(params);
  auto theirs = LibsrtpSession::create(params);
  EXPECT_EQ(ours.ok(), theirs != nullptr) << "both accept or both refuse: " << to_string(ours.error);
  if (!ours.ok() || !theirs) return std::nullopt;
  return Twin{std::move(*ours.session), std::move(theirs)};
}

struct Step {
  enum Kind { rtp, rtcp, again, tamper, flip_e, forge_mki } kind;
  uint32_t value = 0;  // rtp: sequence number; again/tamper: which earlier packet
  uint32_t ssrc = kSsrcA;
  int byte = 0;  // tamper: offset to flip, negative from the end
};
Step rtp(uint16_t seq, uint32_t ssrc = kSsrcA) { return {Step::rtp, seq, ssrc}; }
Step rtcp(uint32_t ssrc = kSsrcA) { return {Step::rtcp, 0, ssrc}; }
Step again(uint32_t k) { return {Step::again, k}; }
Step tamper(uint32_t k, int byte) { return {Step::tamper, k, kSsrcA, byte}; }
Step flip_e(uint32_t k) { return {Step::flip_e, k}; }  // SRTCP's E flag
Step forge_mki(uint32_t k) { return {Step::forge_mki, k}; }  // another MKI, the rest intact

// Drives a sender twin and a receiver twin through steps and compares every outcome.
class Lockstep {
 public:
  // `authenticated`: tampered packets are refused, so the receiver's index always follows the
  // sender's and every accepted genuine packet must come back as it was sent. (Without
  // authentication a tampered sequence number is accepted and moves the receiver's ROC guess:
  // both implementations then decrypt later packets to the same garbage.)
  Lockstep(Twin sender, Twin receiver, const SuiteInfo& suite, bool authenticated, size_t mki_len)
      : out_(std::move(sender)),
        in_(std::move(receiver)),
        aead_(suite.aead),
        authenticated_(authenticated),
        rtp_tag_len_(authenticated ? suite.rtp_tag_len : 0),
        rtcp_tag_len_(suite.rtcp_tag_len),
        mki_len_(mki_len),
        // libsrtp 2.5 looks for the SRTCP MKI one *RTP* tag length from the end
        // (srtp_get_session_keys), so where the two tags differ (the _32 suites,
        // UNAUTHENTICATED_SRTP) it refuses even its own SRTCP. relay/srtp puts and finds the MKI
        // right before the SRTCP tag, as RFC 3711 3.4 and libsrtp's own protect do; there only
        // the protected bytes are compared.
        libsrtp_srtcp_mki_broken_(mki_len > 0 && !suite.aead && rtp_tag_len_ != rtcp_tag_len_) {}

  void run(const Step& step) {
    switch (step.kind) {
      case Step::rtp:
      case Step::rtcp: send(step); break;
      case Step::again: deliver(sent_.at(step.value)); break;
      case Step::tamper: {
        Sent copy = sent_.at(step.value);
        if (copy.wire.empty()) break;  // the senders refused it
        const size_t at = step.byte < 0 ? copy.wire.size() - static_cast<size_t>(-step.byte) : static_cast<size_t>(step.byte);
        copy.wire.at(at) ^= 0x01;
        deliver(copy, false);
        break;
      }
      case Step::flip_e: {
        Sent copy = sent_.at(step.value);
        if (copy.wire.empty()) break;
        // The E+index word follows the payload (AES-CM) or the tag (GCM).
        copy.wire.at(aead_ ? copy.wire.size() - mki_len_ - kSrtcpIndexLen : copy.plain.size()) ^= 0x80;
        deliver(copy, false);
        break;
      }
      case Step::forge_mki: {
        Sent copy = sent_.at(step.value);
        if (copy.wire.empty() || mki_len_ == 0) break;
        // The MKI ends the packet (GCM) or comes before the tag (AES-CM).
        const size_t tag = aead_ ? 0 : copy.rtcp ? rtcp_tag_len_ : rtp_tag_len_;
        copy.wire.at(copy.wire.size() - tag - 1) ^= 0x01;
        EXPECT_FALSE(deliver(copy, false).ok()) << "a foreign MKI must never pass";
        break;
      }
    }
  }

 private:
  struct Sent {
    bool rtcp;
    Bytes plain, wire;  // wire empty when the senders refused
  };

  void send(const Step& step) {
    const bool is_rtcp = step.kind == Step::rtcp;
    const Bytes plain = is_rtcp ? rtcp_packet(step.ssrc) : rtp_packet(static_cast<uint16_t>(step.value), step.ssrc);
    Bytes a = plain, b = plain;
    a.resize(plain.size() + kRoom), b.resize(plain.size() + kRoom);
    const SrtpResult ra = is_rtcp ? out_.ours.protect_rtcp(a.data(), plain.size(), a.size())
                                  : out_.ours.protect(a.data(), plain.size(), a.size());
    const SrtpResult rb = is_rtcp ? out_.theirs->protect_rtcp(b.data(), plain.size(), b.size())
                                  : out_.theirs->protect(b.data(), plain.size(), b.size());
    ASSERT_EQ(ra.error, rb.error) << "protect: " << to_string(ra.error) << " vs libsrtp " << to_string(rb.error);
    Sent sent{is_rtcp, plain, {}};
    if (ra.ok()) {
      ASSERT_EQ(ra.len, rb.len);
      a.resize(ra.len), b.resize(rb.len);
      ASSERT_EQ(a, b) << "protected bytes differ";
      sent.wire = a;
    }
    sent_.push_back(sent);
    if (ra.ok()) deliver(sent);
  }

  // Our receiver's result (compared with libsrtp's).
  SrtpResult deliver(const Sent& sent, bool genuine = true) {
    if (sent.wire.empty()) return {SrtpError::other, 0};
    Bytes a = sent.wire, b = sent.wire;
    const SrtpResult ra = sent.rtcp ? in_.ours.unprotect_rtcp(a.data(), a.size()) : in_.ours.unprotect(a.data(), a.size());
    a.resize(ra.len);
    if (genuine && authenticated_ && ra.ok()) {
      EXPECT_EQ(a, sent.plain);
    }
    if (sent.rtcp && libsrtp_srtcp_mki_broken_) return ra;
    const SrtpResult rb =
        sent.rtcp ? in_.theirs->unprotect_rtcp(b.data(), b.size()) : in_.theirs->unprotect(b.data(), b.size());
    EXPECT_EQ(ra.error, rb.error) << "unprotect: " << to_string(ra.error) << " vs libsrtp " << to_string(rb.error);
    if (!ra.ok() || !rb.ok()) return ra;
    b.resize(rb.len);
    EXPECT_EQ(a, b);
    return ra;
  }

  Twin out_, in_;
  bool aead_, authenticated_;
  size_t rtp_tag_len_, rtcp_tag_len_, mki_len_;
  bool libsrtp_srtcp_mki_broken_;
  std::vector<Sent> sent_;
};

struct Script {
  const char* name;
  std::vector<Step> steps;
};

const Script kScripts[] = {
    {"roc_wrap", {rtp(65532), rtp(65533), rtp(65534), rtp(65535), rtp(0), rtp(1), rtp(2)}},
    {"reorder_across_wrap", {rtp(65000), rtp(65534), rtp(0), rtp(65535), rtp(1), rtp(3), rtp(2)}},
    {"replay_and_too_old", {rtp(100), rtp(101), again(0), again(1), rtp(200), again(0), rtp(137), rtp(136), again(3)}},
    {"start_above_median", {rtp(40000), rtp(40001), rtp(2), rtp(3), rtp(65535), rtp(4)}},
    {"backwards_jump", {rtp(1), rtp(30000), rtp(40000), rtp(5), rtp(39990), rtp(7)}},
    {"tamper_then_genuine", {rtp(5), tamper(0, 2), tamper(0, 20), tamper(0, -1), again(0), rtp(6), tamper(1, 12), again(1)}},
    {"header_tamper", {rtp(9), tamper(0, 8), tamper(0, 1), again(0)}},
    {"ssrc_change", {rtp(1), rtp(2), rtp(50000, kSsrcB), rtp(50001, kSsrcB), rtp(3), again(2), rtp(4)}},
    {"sender_repeats_an_index", {rtp(10), rtp(11), rtp(10), rtp(12)}},
    {"srtcp_in_order", {rtcp(), rtcp(), rtcp(), rtp(1), rtcp()}},
    {"srtcp_replay_reorder_tamper", {rtcp(), rtcp(), rtcp(), again(1), tamper(0, -1), tamper(2, 9), again(0),
                                     rtcp(kSsrcB), again(3)}},
    {"srtcp_e_flag_and_tail_tamper", {rtcp(), rtcp(), flip_e(1), tamper(1, -11), tamper(1, -15),
                                      tamper(1, -17), tamper(1, -5), again(1), flip_e(0)}},
    // Another MKI: refused before any state moves, so the genuine packet still passes after.
    {"forged_mki", {rtp(7), forge_mki(0), rtp(8), forge_mki(1), rtcp(), forge_mki(2), again(2), again(1),
                    rtcp(), forge_mki(3), again(0)}},
};

struct Variant {
  const char* name;
  bool encrypt_rtp = true, encrypt_rtcp = true, authenticate_rtp = true, allow_repeat_tx = false;
  size_t mki_len = 0;  // RFC 3711 MKI of this many bytes (value mki_len * 0x0101...) or none
};

const Variant kVariants[] = {
    {"full"},
    {"unencrypted_srtp", false},
    {"unencrypted_srtcp", true, false},
    {"unauthenticated_srtp", true, true, false},
    {"allow_repeat_tx", true, true, true, true},
    {"mki_1", true, true, true, false, 1},
    {"mki_4", true, true, true, false, 4},
    {"mki_4_unencrypted_srtp_srtcp", false, false, true, false, 4},
    {"mki_4_unauthenticated_srtp", true, true, false, false, 4},
    {"mki_128", true, true, true, false, kMaxMkiLen},
};

SessionParams params(const KeyMaterial& key, Direction direction, const Variant& v) {
  SessionParams p{key, direction, std::nullopt, v.allow_repeat_tx};
  if (v.mki_len > 0) p.key.mki = *Mki::from_value(0x0102030405060708u >> (8 * (8 - std::min<size_t>(v.mki_len, 8))), v.mki_len);
  p.encrypt_rtp = v.encrypt_rtp, p.encrypt_rtcp = v.encrypt_rtcp, p.authenticate_rtp = v.authenticate_rtp;
  return p;
}

using Case = std::tuple<SuiteInfo, Variant>;
class AgainstLibsrtp : public testing::TestWithParam<Case> {
 protected:
  // nullopt when both implementations refuse the parameters (checked in twin()).
  std::optional<Lockstep> lockstep() {
    const auto& [suite, variant] = GetParam();
    const auto key = generate_key(suite.suite);
    EXPECT_TRUE(key);
    auto sender = twin(params(*key, Direction::outbound, variant));
    auto receiver = twin(params(*key, Direction::inbound, variant));
    if (!sender || !receiver) return std::nullopt;
    return Lockstep(std::move(*sender), std::move(*receiver), suite, variant.authenticate_rtp, variant.mki_len);
  }
};

TEST_P(AgainstLibsrtp, ScriptedSequencesAgree) {
  for (const Script& script : kScripts) {
    SCOPED_TRACE(script.name);
    auto run = lockstep();
    if (!run) return;
    for (size_t i = 0; i < script.steps.size(); ++i) {
      SCOPED_TRACE("step " + std::to_string(i));
      run->run(script.steps[i]);
      if (HasFailure()) return;
    }
  }
}

// Sequence numbers drifting forward with reordering, losses, big jumps and duplicates;
// replays, tampering and SRTCP mixed in. Seeded: the same run every time.
TEST_P(AgainstLibsrtp, RandomTrafficAgrees) {
  auto run = lockstep();
  if (!run) return;
  std::mt19937 random(20261130);
  uint16_t seq = static_cast<uint16_t>(random());
  uint32_t sent = 0;
  for (int i = 0; i < 3000 && !HasFailure(); ++i) {
    const uint32_t dice = random() % 100;
    if (dice < 70) {
      seq = static_cast<uint16_t>(seq + 1 + (random() % 8 == 0 ? random() % 5 : 0));
      run->run(rtp(dice < 3 ? static_cast<uint16_t>(seq - random() % 200) : seq, dice < 6 ? kSsrcB : kSsrcA));
    } else if (dice < 75) {
      seq = static_cast<uint16_t>(seq + 20000 + random() % 20000);  // a jump across half the space
      run->run(rtp(seq));
    } else if (dice < 85) {
      run->run(rtcp(dice % 2 ? kSsrcA : kSsrcB));
    } else if (dice < 95 && sent > 0) {
      run->run(again(random() % sent));
      continue;
    } else if (sent > 0) {
      // Header or payload bytes, not the SSRC: without authentication a forged SSRC is a new
      // stream, and past SsrcStreams::kSlots of them ours evicts where libsrtp keeps a list.
      const int byte = static_cast<int>(random() % 16);
      run->run(tamper(random() % sent, byte < 8 ? byte : byte + 4));
      continue;
    }
    ++sent;
  }
}

INSTANTIATE_TEST_SUITE_P(Suites, AgainstLibsrtp, testing::Combine(testing::ValuesIn(kSuites), testing::ValuesIn(kVariants)),
                         [](const auto& param_info) {
                           return std::string(std::get<0>(param_info.param).sdes_name) + "_" +
                                  std::get<1>(param_info.param).name;
                         });

// Headers with CSRCs and extensions: the encrypted part starts after them.
TEST(AgainstLibsrtpHeaders, CsrcsAndExtensionsAgree) {
  for (const SuiteInfo& suite : kSuites) {
    SCOPED_TRACE(std::string(suite.sdes_name));
    const auto key = generate_key(suite.suite);
    ASSERT_TRUE(key);
    auto out = twin(params(*key, Direction::outbound, kVariants[0]));
    auto in = twin(params(*key, Direction::inbound, kVariants[0]));
    ASSERT_TRUE(out && in);
    uint16_t seq = 1;
    for (uint8_t csrcs : {0, 1, 15}) {
      for (uint16_t ext : {0, 1, 3}) {
        for (size_t payload : {0, 1, 160}) {
          const Bytes plain = rtp_packet(seq++, kSsrcA, payload, csrcs, ext);
          Bytes a = plain, b = plain;
          a.resize(plain.size() + kRoom), b.resize(plain.size() + kRoom);
          const SrtpResult ra = out->ours.protect(a.data(), plain.size(), a.size());
          const SrtpResult rb = out->theirs->protect(b.data(), plain.size(), b.size());
          ASSERT_TRUE(ra.ok() && rb.ok()) << to_string(ra.error) << " / " << to_string(rb.error);
          ASSERT_EQ(Bytes(a.begin(), a.begin() + static_cast<long>(ra.len)), Bytes(b.begin(), b.begin() + static_cast<long>(rb.len)));
          const SrtpResult ua = in->ours.unprotect(a.data(), ra.len);
          const SrtpResult ub = in->theirs->unprotect(b.data(), rb.len);
          ASSERT_EQ(ua.error, ub.error);
          EXPECT_EQ(Bytes(a.begin(), a.begin() + static_cast<long>(ua.len)), plain);
        }
      }
    }
  }
}

}  // namespace
}  // namespace rr::srtp
