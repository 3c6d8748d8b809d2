#include "tools/rtpgen/srtp_sdp.hpp"

namespace rr::rtpgen {

std::string savp_sdp(std::string plain_sdp, const sdes::CryptoAttribute& crypto) {
  constexpr std::string_view kPlain = " RTP/AVP ", kSecure = " RTP/SAVP ";
  for (size_t at = plain_sdp.find(kPlain); at != std::string::npos; at = plain_sdp.find(kPlain, at + kSecure.size())) {
    plain_sdp.replace(at, kPlain.size(), kSecure);
  }
  return plain_sdp + "a=crypto:" + sdes::format_crypto(crypto) + "\r\n";
}

std::optional<sdes::CryptoAttribute> find_crypto(std::string_view sdp, srtp::CryptoSuite suite, std::string& error) {
  constexpr std::string_view kCrypto = "a=crypto:";
  std::string first_error;
  while (!sdp.empty()) {
    const size_t end = sdp.find('\n');
    std::string_view line = sdp.substr(0, end);
    sdp = end == std::string_view::npos ? std::string_view{} : sdp.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, kCrypto.size()) != kCrypto) continue;
    sdes::CryptoParse parsed = sdes::parse_crypto(line);
    if (parsed.ok() && parsed.attribute->suite == suite) return std::move(parsed.attribute);
    if (!parsed.ok() && first_error.empty()) first_error = parsed.error;
  }
  error = "no a=crypto line with " + std::string(srtp::info(suite).sdes_name) +
          (first_error.empty() ? std::string() : " (" + first_error + ")");
  return std::nullopt;
}

}  // namespace rr::rtpgen
