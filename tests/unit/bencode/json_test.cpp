// JSON decoder and encoder over the bencode value model.
#include <gtest/gtest.h>

#include "control/bencode/encode.hpp"
#include "control/bencode/json.hpp"
#include "tests/unit/bencode/table.hpp"

namespace rr::bencode {
namespace {

using testing_support::ErrorRow;
using testing_support::RowName;

struct JsonCase {
  const char* name;
  std::string input;
  std::string as_bencode;  // the decoded value, written as bencode
  friend void PrintTo(const JsonCase& row, std::ostream* os) { *os << row.name; }
};

class JsonValid : public testing::TestWithParam<JsonCase> {};

TEST_P(JsonValid, DecodesToTheExpectedValue) {
  DecodeResult r = decode_json(GetParam().input);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(encode(r.value), GetParam().as_bencode);
  // Re-encoding as JSON and decoding again gives the same value.
  DecodeResult again = decode_json(encode_json(r.value));
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.value, r.value);
}

INSTANTIATE_TEST_SUITE_P(Valid, JsonValid, testing::Values(
    JsonCase{"ping", R"({"command":"ping"})", "d7:command4:pinge"},
    JsonCase{"whitespace", " {\n\t\"command\" : \"ping\" \r\n} ", "d7:command4:pinge"},
    JsonCase{"order_kept", R"({"z":1,"a":-2})", "d1:zi1e1:ai-2ee"},
    JsonCase{"list", R"(["trust-address", "SIP-source-address"])",
             "l13:trust-address18:SIP-source-addresse"},
    JsonCase{"empty_containers", R"({"a":[],"b":{}})", "d1:ale1:bdee"},
    JsonCase{"booleans", R"([true,false])", "li1ei0ee"},
    JsonCase{"null_is_absent", R"({"a":null,"b":[null,1]})", "d1:bli1eee"},
    JsonCase{"escapes", R"("\"\\\/\b\f\n\r\t")", "8:\"\\/\b\f\n\r\t"},
    JsonCase{"unicode_bmp", R"("\u00e9\u20ac")", "5:\xc3\xa9\xe2\x82\xac"},
    JsonCase{"unicode_pair", R"("\ud83d\ude00")", "4:\xf0\x9f\x98\x80"},
    JsonCase{"raw_utf8", "\"\xc3\xa9\"", "2:\xc3\xa9"},
    JsonCase{"int64_min", "-9223372036854775808", "i-9223372036854775808e"}),
    RowName());

class JsonErrors : public testing::TestWithParam<ErrorRow> {};

TEST_P(JsonErrors, ReportsWhatAndWhere) {
  DecodeResult r = decode_json(GetParam().input);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(Errors, JsonErrors, testing::Values(
    ErrorRow{"empty", "", "json: unexpected end at 0"},
    ErrorRow{"top_null", "null", "json: null at top level at 0"},
    ErrorRow{"trailing", "{} x", "json: trailing data at 3"},
    ErrorRow{"bad_literal", "[tru]", "json: invalid literal at 1"},
    ErrorRow{"bad_char", "[?]", "json: unexpected character at 1"},
    ErrorRow{"fraction", "[1.5]", "json: non-integer number at 1"},
    ErrorRow{"exponent", "1e3", "json: non-integer number at 0"},
    ErrorRow{"leading_zero", "012", "json: leading zero at 0"},
    ErrorRow{"minus_only", "-", "json: unexpected character at 0"},
    ErrorRow{"overflow", "9223372036854775808", "json: number out of range at 0"},
    ErrorRow{"string_unterminated", R"({"a":"b)", "json: unterminated string at 5"},
    ErrorRow{"escape_unterminated", "\"\\", "json: unterminated string at 0"},
    ErrorRow{"control_char", "\"a\nb\"", "json: control character in string at 2"},
    ErrorRow{"bad_escape", R"("\x")", "json: invalid escape at 1"},
    ErrorRow{"short_unicode", R"("\u12")", "json: truncated unicode escape at 3"},
    ErrorRow{"bad_hex", R"("\u12g4")", "json: invalid unicode escape at 5"},
    ErrorRow{"lone_low_surrogate", R"("\udc00")", "json: lone surrogate at 1"},
    ErrorRow{"lone_high_surrogate", R"("\ud800x")", "json: lone surrogate at 1"},
    ErrorRow{"high_then_bmp", R"("\ud800\u0041")", "json: lone surrogate at 1"},
    ErrorRow{"array_unterminated", "[1", "json: unterminated array at 0"},
    ErrorRow{"array_missing_comma", "[1 2]", "json: expected ',' or end at 3"},
    ErrorRow{"object_unterminated", R"({"a":1)", "json: unterminated object at 0"},
    ErrorRow{"object_key_not_string", "{1:2}", "json: object key is not a string at 1"},
    ErrorRow{"object_missing_colon", R"({"a" 1})", "json: expected ':' at 5"},
    ErrorRow{"object_duplicate_key", R"({"a":1,"a":2})", "json: duplicate object key at 0"},
    ErrorRow{"trailing_comma", "[1,]", "json: unexpected character at 3"}),
    RowName());

TEST(JsonDecode, LimitsAreEnforced) {
  Limits limits;
  limits.max_depth = 2;
  limits.max_items = 3;
  EXPECT_TRUE(decode_json("[[1]]", limits).ok());
  EXPECT_EQ(decode_json("[[[1]]]", limits).error, "json: nesting too deep at 2");
  EXPECT_EQ(decode_json("[1,2,3]", limits).error, "json: too many items at 5");
  limits.max_size = 2;
  EXPECT_EQ(decode_json("[1]", limits).error, "json: input too large at 0");
}

TEST(JsonEncode, EscapesWhatJsonRequires) {
  Value v = Value::dict();
  v.set("result", "ok").set("s", std::string("a\"b\\c\n\x01", 7)).set("n", -3);
  v.set("l", List{Value(1), Value("x")});
  EXPECT_EQ(encode_json(v), R"({"result":"ok","s":"a\"b\\c\n\u0001","n":-3,"l":[1,"x"]})");
}

}  // namespace
}  // namespace rr::bencode
