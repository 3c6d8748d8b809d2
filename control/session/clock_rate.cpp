#include "control/session/clock_rate.hpp"

#include <array>
#include <charconv>

namespace rr::session {
namespace {

struct StaticType {
  uint8_t payload_type;
  uint32_t clock_rate;
};

// RFC 3551 tables 4 and 5, the types whose rate is not 8000.
constexpr std::array kStaticRates{
    StaticType{6, 16000},  StaticType{10, 44100}, StaticType{11, 44100}, StaticType{14, 90000},
    StaticType{16, 11025}, StaticType{17, 22050}, StaticType{25, 90000}, StaticType{26, 90000},
    StaticType{28, 90000}, StaticType{31, 90000}, StaticType{32, 90000}, StaticType{33, 90000},
    StaticType{34, 90000}};

}  // namespace

uint32_t clock_rate_of(const sdp::Media& media) {
  if (media.formats.empty()) return kDefaultClockRate;
  const std::string& first = media.formats.front();
  unsigned payload_type = 0;
  const auto [end, ec] = std::from_chars(first.data(), first.data() + first.size(), payload_type);
  if (ec != std::errc{} || end != first.data() + first.size() || payload_type > 127)
    return kDefaultClockRate;
  for (const sdp::Rtpmap& rtpmap : media.rtpmaps)
    if (rtpmap.payload_type == payload_type && rtpmap.clock_rate != 0) return rtpmap.clock_rate;
  for (const StaticType& t : kStaticRates)
    if (t.payload_type == payload_type) return t.clock_rate;
  return kDefaultClockRate;  // 0, 3, 4, 5, 7, 8, 9 (G.722's historic 8000), 12, 13, 15, 18
}

}  // namespace rr::session
