// Readable output of ng replies: a few commands get their own shape, everything else an
// indented tree of the reply dictionary.
#pragma once

#include <iosfwd>
#include <string_view>

#include "control/bencode/value.hpp"

namespace rr::relayctl {

// Indented "key: value" lines; binary-looking strings are shown by length only.
void print_tree(const bencode::Value& value, std::ostream& out, int indent = 0);

void print_reply(std::string_view command, std::string_view call_id, const bencode::Value& body,
                 std::ostream& out);

}  // namespace rr::relayctl
