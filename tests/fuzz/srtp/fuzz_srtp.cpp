// libFuzzer target for what the network hands relay/srtp: any bytes as SRTP and SRTCP to
// unprotect, and as RTP/RTCP to protect, for every suite, SDES variant and MKI length (the
// first byte picks them: bit 7 adds an MKI, of kMaxMkiLen bytes with bit 3, else of 4). Never a crash, an out-of-bounds access (ASan) or a length past the buffer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "relay/srtp/session.hpp"

namespace {

using namespace rr::srtp;

SessionParams params(uint8_t selector, Direction direction) {
  SessionParams p;
  p.key.suite = kSuites[selector % kSuites.size()].suite;
  for (size_t i = 0; i < p.key.bytes.size(); ++i) p.key.bytes[i] = static_cast<uint8_t>(i * 7);
  p.direction = direction;
  p.encrypt_rtp = (selector & 0x10) == 0;
  p.encrypt_rtcp = (selector & 0x20) == 0;
  p.authenticate_rtp = (selector & 0x40) == 0;
  if (selector & 0x80) p.key.mki = *Mki::from_value(0x01020304, (selector & 0x08) ? kMaxMkiLen : 4);
  return p;
}

void check(const SrtpResult& r, size_t capacity) {
  if (r.ok() && r.len > capacity) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  auto in = SrtpSession::create(params(selector, Direction::inbound));
  auto out = SrtpSession::create(params(selector, Direction::outbound));
  if (!in.ok() || !out.ok()) return 0;  // e.g. UNAUTHENTICATED_SRTP with GCM: refused
  const std::vector<uint8_t> input(data + 1, data + size);
  // Exactly sized buffers, so that ASan sees any byte written or read past them.
  std::vector<uint8_t> buf = input;
  check(in.session->unprotect(buf.data(), buf.size()), buf.size());
  buf = input;
  check(in.session->unprotect_rtcp(buf.data(), buf.size()), buf.size());
  buf = input;
  buf.resize(input.size() + out.session->trailer_len());
  check(out.session->protect(buf.data(), input.size(), buf.size()), buf.size());
  buf = input;
  buf.resize(input.size() + out.session->rtcp_trailer_len());
  check(out.session->protect_rtcp(buf.data(), input.size(), buf.size()), buf.size());
  return 0;
}
