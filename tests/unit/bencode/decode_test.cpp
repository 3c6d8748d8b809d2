// Bencode decoder: every error path, canonical round trips, order and limits.
#include <gtest/gtest.h>

#include "control/bencode/decode.hpp"
#include "control/bencode/encode.hpp"
#include "tests/unit/bencode/table.hpp"

namespace rr::bencode {
namespace {

using testing_support::ErrorRow;
using testing_support::RowName;

struct RoundTrip {
  const char* name;
  std::string input;
  friend void PrintTo(const RoundTrip& row, std::ostream* os) { *os << row.name; }
};

class BencodeRoundTrip : public testing::TestWithParam<RoundTrip> {};

TEST_P(BencodeRoundTrip, DecodesAndEncodesToTheSameBytes) {
  DecodeResult r = decode(GetParam().input);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(encode(r.value), GetParam().input);
}

INSTANTIATE_TEST_SUITE_P(Valid, BencodeRoundTrip, testing::Values(
    RoundTrip{"zero", "i0e"},
    RoundTrip{"negative", "i-42e"},
    RoundTrip{"int64_max", "i9223372036854775807e"},
    RoundTrip{"int64_min", "i-9223372036854775808e"},
    RoundTrip{"empty_string", "0:"},
    RoundTrip{"binary_string", std::string("3:a\0b", 5)},
    RoundTrip{"empty_list", "le"},
    RoundTrip{"empty_dict", "de"},
    RoundTrip{"unsorted_keys_kept", "d7:command4:ping4:abcdi1ee"},
    RoundTrip{"ping", "d7:command4:pinge"},
    RoundTrip{"offer", "d3:sdp5:v=0\r\n7:call-id3:abc8:from-tag2:ft5:flagsl7:trust-a"
                       "12:SIP-source-ee7:command5:offere"}),
    RowName());

class BencodeInvalid : public testing::TestWithParam<ErrorRow> {};

TEST_P(BencodeInvalid, ReportsWhatAndWhere) {
  DecodeResult r = decode(GetParam().input);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(Errors, BencodeInvalid, testing::Values(
    ErrorRow{"empty", "", "bencode: empty input at 0"},
    ErrorRow{"bad_first_char", "x", "bencode: unexpected character at 0"},
    ErrorRow{"trailing", "i1ei2e", "bencode: trailing data at 3"},
    ErrorRow{"int_unterminated", "i12", "bencode: unterminated number at 1"},
    ErrorRow{"int_empty", "ie", "bencode: invalid number at 1"},
    ErrorRow{"int_minus_only", "i-e", "bencode: invalid number at 1"},
    ErrorRow{"int_letters", "i1x2e", "bencode: invalid number at 1"},
    ErrorRow{"int_leading_zero", "i012e", "bencode: leading zero at 1"},
    ErrorRow{"int_negative_zero", "i-0e", "bencode: negative zero at 1"},
    ErrorRow{"int_overflow", "i9223372036854775808e", "bencode: number out of range at 1"},
    ErrorRow{"string_unterminated", "d3:sdp10:v=0e", "bencode: unterminated string at 6"},
    ErrorRow{"string_no_colon", "12", "bencode: unterminated number at 0"},
    ErrorRow{"string_negative_length", "d-1:ae", "bencode: dictionary key is not a string at 1"},
    ErrorRow{"string_length_leading_zero", "01:a", "bencode: leading zero at 0"},
    ErrorRow{"string_length_huge", "99999999999999999999:a", "bencode: number out of range at 0"},
    ErrorRow{"list_unterminated", "li1e", "bencode: unterminated list at 4"},
    ErrorRow{"dict_unterminated", "d1:ai1e", "bencode: unterminated dictionary at 7"},
    ErrorRow{"dict_key_not_string", "di1ei2ee", "bencode: dictionary key is not a string at 1"},
    ErrorRow{"dict_key_without_value", "d1:ae", "bencode: unexpected character at 4"},
    ErrorRow{"dict_duplicate_key", "d1:ai1e1:ai2ee", "bencode: duplicate dictionary key at 0"},
    ErrorRow{"value_missing", "l", "bencode: unterminated list at 1"}),
    RowName());

TEST(BencodeDecode, KeepsDictionaryOrder) {
  DecodeResult r = decode("d1:zi1e1:ai2e1:mi3ee");
  ASSERT_TRUE(r.ok()) << r.error;
  const Dict& d = *r.value.as_dict();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].key, "z");
  EXPECT_EQ(d[1].key, "a");
  EXPECT_EQ(d[2].key, "m");
}

TEST(BencodeDecode, NestingLimitIsEnforcedExactly) {
  Limits limits;
  limits.max_depth = 4;
  EXPECT_TRUE(decode("llllee" "ee", limits).ok());
  DecodeResult r = decode("lllllee" "eee", limits);
  EXPECT_EQ(r.error, "bencode: nesting too deep at 4");
  // The default limit survives an attacker's deep nest without recursing deeply.
  std::string deep(100000, 'l');
  EXPECT_EQ(decode(deep + std::string(100000, 'e')).error, "bencode: input too large at 0");
  EXPECT_EQ(decode(std::string(1000, 'l') + std::string(1000, 'e')).error,
            "bencode: nesting too deep at 32");
}

TEST(BencodeDecode, ItemLimitIsEnforced) {
  Limits limits;
  limits.max_items = 3;
  EXPECT_TRUE(decode("li1ei2ee", limits).ok());
  EXPECT_EQ(decode("li1ei2ei3ee", limits).error, "bencode: too many items at 7");
}

TEST(BencodeDecode, SizeLimitIsEnforced) {
  Limits limits;
  limits.max_size = 4;
  EXPECT_TRUE(decode("i12e", limits).ok());
  EXPECT_EQ(decode("i123e", limits).error, "bencode: input too large at 0");
}

}  // namespace
}  // namespace rr::bencode
