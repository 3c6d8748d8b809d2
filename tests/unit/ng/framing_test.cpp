#include <gtest/gtest.h>

#include "control/ng/framing.hpp"
#include "control/ng/reply.hpp"

namespace rr::ng {
namespace {

TEST(Framing, SplitsCookieAndBody) {
  struct Row {
    const char* name;
    std::string datagram;
    bool readable;
    std::string_view cookie;
    std::string_view body;
    Encoding encoding;
  };
  const Row rows[] = {
      {"kamailio", "5323_1 d7:command4:pinge", true, "5323_1", "d7:command4:pinge", Encoding::bencode},
      {"json", "c1 {\"command\":\"ping\"}", true, "c1", "{\"command\":\"ping\"}", Encoding::json},
      {"empty_body", "c1 ", true, "c1", "", Encoding::bencode},
      {"second_space_in_body", "c1 a b", true, "c1", "a b", Encoding::bencode},
      {"no_space", "5323_1", false, "", "", Encoding::bencode},
      {"empty", "", false, "", "", Encoding::bencode},
      {"leading_space", " d7:command4:pinge", false, "", "", Encoding::bencode},
      {"control_char", std::string("c\x01 de"), false, "", "", Encoding::bencode},
      {"high_byte", "c\xff de", false, "", "", Encoding::bencode},
      {"cookie_at_limit", std::string(kMaxCookie, 'x') + " de", true,
       "", "de", Encoding::bencode},
      {"cookie_too_long", std::string(kMaxCookie + 1, 'x') + " de", false, "", "", Encoding::bencode},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    auto frame = split_frame(row.datagram);
    ASSERT_EQ(frame.has_value(), row.readable);
    if (!frame) continue;
    if (!row.cookie.empty()) {
      EXPECT_EQ(frame->cookie, row.cookie);
    }
    EXPECT_EQ(frame->body, row.body);
    EXPECT_EQ(frame->encoding, row.encoding);
  }
}

TEST(Framing, FormatsReplyInTheRequestsEncoding) {
  EXPECT_EQ(format_reply("5323_1", pong_reply(), Encoding::bencode), "5323_1 d6:result4:ponge");
  EXPECT_EQ(format_reply("c", pong_reply(), Encoding::json), "c {\"result\":\"pong\"}");
  bencode::Value ok = ok_reply();
  add_warning(ok, "w");
  EXPECT_EQ(format_reply("c", ok, Encoding::bencode), "c d6:result2:ok7:warning1:we");
  EXPECT_EQ(format_reply("c", error_reply("Unrecognized command"), Encoding::json),
            R"(c {"result":"error","error-reason":"Unrecognized command"})");
}

}  // namespace
}  // namespace rr::ng
