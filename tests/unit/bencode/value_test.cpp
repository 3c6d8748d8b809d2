// The accessors command handlers use on a decoded request.
#include <gtest/gtest.h>

#include "control/bencode/decode.hpp"
#include "control/bencode/value.hpp"

namespace rr::bencode {
namespace {

Value request() {
  DecodeResult r = decode(
      "d7:command5:offer7:call-id3:abc5:flagsl5:trust6:stricte3:ttli30e4:port4:20005:mixedl1:ai1ee"
      "5:emptyle3:bad2:x1e");
  EXPECT_TRUE(r.ok()) << r.error;
  return r.value;
}

TEST(Value, GetString) {
  Value v = request();
  EXPECT_EQ(v.get_string("command"), "offer");
  EXPECT_EQ(v.get_string("ttl"), std::nullopt);      // wrong type
  EXPECT_EQ(v.get_string("missing"), std::nullopt);  // absent
  EXPECT_EQ(Value("x").get_string("command"), std::nullopt);  // not a dictionary
}

TEST(Value, GetIntAcceptsIntegersAndDecimalStrings) {
  Value v = request();
  EXPECT_EQ(v.get_int("ttl"), 30);
  EXPECT_EQ(v.get_int("port"), 2000);
  EXPECT_EQ(v.get_int("bad"), std::nullopt);  // "x1"
  EXPECT_EQ(v.get_int("flags"), std::nullopt);
  EXPECT_EQ(v.get_int("missing"), std::nullopt);
}

TEST(Value, GetStringList) {
  Value v = request();
  auto flags = v.get_string_list("flags");
  ASSERT_TRUE(flags.has_value());
  EXPECT_EQ(*flags, (std::vector<std::string_view>{"trust", "strict"}));
  EXPECT_EQ(v.get_string_list("empty"), std::vector<std::string_view>{});
  EXPECT_EQ(v.get_string_list("mixed"), std::nullopt);
  EXPECT_EQ(v.get_string_list("command"), std::nullopt);
}

TEST(Value, SetReplacesInPlaceOrAppends) {
  Value v = Value::dict();
  v.set("result", "ok").set("warning", "w").set("result", "error");
  ASSERT_EQ(v.as_dict()->size(), 2u);
  EXPECT_EQ((*v.as_dict())[0].key, "result");
  EXPECT_EQ(v.get_string("result"), "error");
  Value l = Value::list();
  l.push_back(1).push_back("a");
  EXPECT_EQ(l.as_list()->size(), 2u);
  Value s("not a container");
  s.set("k", 1).push_back(2);
  EXPECT_EQ(s, Value("not a container"));
}

}  // namespace
}  // namespace rr::bencode
