#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "control/sdes/base64.hpp"

namespace rr::sdes {
namespace {

struct Row {
  std::string text;
  std::optional<std::string> bytes;  // nullopt: must be rejected
};

// RFC 4648 section 10 vectors plus the ways a hostile or sloppy peer gets it wrong.
const Row kRows[] = {
    {"", ""},
    {"Zg==", "f"},
    {"Zm8=", "fo"},
    {"Zm9v", "foo"},
    {"Zm9vYg==", "foob"},
    {"Zm9vYmE=", "fooba"},
    {"Zm9vYmFy", "foobar"},
    {"Zm9vYg", "foob"},       // unpadded: accepted
    {"Zm9vYmE", "fooba"},
    {"Zm9vY", std::nullopt},  // 4k+1 characters
    {"Zm9vYg=", std::nullopt},  // half the padding
    {"Zm9v=", std::nullopt},    // padding after a full quartet
    {"Zm9vYmE==", std::nullopt},
    {"Zm9vYmFy===", std::nullopt},
    {"Zm=vYg==", std::nullopt},  // '=' inside
    {"Zm9vYh==", std::nullopt},  // non-zero unused bits
    {"Zm9v Yg==", std::nullopt},
    {"Zm9v-_==", std::nullopt},  // URL-safe alphabet is not SDES's
    {std::string("Zm9v\0g==", 8), std::nullopt},
};

TEST(Base64, DecodeTable) {
  for (const Row& row : kRows) {
    const auto decoded = base64_decode(row.text);
    if (!row.bytes) {
      EXPECT_FALSE(decoded) << row.text;
      continue;
    }
    ASSERT_TRUE(decoded) << row.text;
    EXPECT_EQ(std::string(decoded->begin(), decoded->end()), *row.bytes) << row.text;
  }
}

TEST(Base64, EncodeRoundTripsEveryLength) {
  std::vector<uint8_t> bytes;
  for (int n = 0; n < 50; ++n) {
    const std::string text = base64_encode(bytes);
    EXPECT_EQ(text.size() % 4, 0u);
    EXPECT_EQ(base64_decode(text), bytes) << text;
    bytes.push_back(static_cast<uint8_t>(n * 37 + 11));
  }
}

}  // namespace
}  // namespace rr::sdes
