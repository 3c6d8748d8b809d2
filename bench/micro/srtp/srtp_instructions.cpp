// A fixed workload for callgrind, whose instruction counts repeat where wall time on this
// shared machine does not: 10 000 protects (and, with "unprotect", 10 000 unprotects) of a
// 172-byte packet for one suite and MKI length. Arguments: suite index (kSuites), MKI length,
// optionally "unprotect". Per-packet instructions of one call: the "Collected" total of
//   valgrind --tool=callgrind --collect-atstart=no
//     '--toggle-collect=rr::srtp::SrtpSession::protect(*' srtp_instructions 0 4
// divided by 10 000.
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"

int main(int argc, char** argv) {
  using namespace rr::srtp;
  if (argc < 3) return std::fprintf(stderr, "usage: %s SUITE MKI_LEN [unprotect]\n", argv[0]), 2;
  const auto suite = static_cast<size_t>(std::atoi(argv[1]));
  const auto mki_len = static_cast<size_t>(std::atoi(argv[2]));
  if (suite >= kSuites.size() || mki_len > kMaxMkiLen) return 2;
  KeyMaterial key = *generate_key(kSuites[suite].suite);
  if (mki_len > 0) key.mki = *Mki::from_value(1, mki_len);
  auto out = SrtpSession::create({key, Direction::outbound, std::nullopt, false});
  auto in = SrtpSession::create({key, Direction::inbound, std::nullopt, false});
  if (!out.ok() || !in.ok()) return 1;
  constexpr size_t kPackets = 10000, kRoom = 172 + 20 + kMaxMkiLen;
  std::vector<uint8_t> wire(kPackets * kRoom, 0xD5);
  std::vector<size_t> lens(kPackets);
  size_t failed = 0;
  for (size_t i = 0; i < kPackets; ++i) {
    uint8_t* p = wire.data() + i * kRoom;
    p[0] = 0x80, p[1] = 0, p[2] = static_cast<uint8_t>(i >> 8), p[3] = static_cast<uint8_t>(i);
    const SrtpResult r = out.session->protect(p, 172, kRoom);
    failed += !r.ok();
    lens[i] = r.len;
  }
  if (argc > 3 && std::string_view(argv[3]) == "unprotect")
    for (size_t i = 0; i < kPackets; ++i) failed += !in.session->unprotect(wire.data() + i * kRoom, lens[i]).ok();
  std::printf("%zu packets, %zu failed\n", kPackets, failed);
  return failed == 0 ? 0 : 1;
}
