// relayctl as a function: parse, send, print. main() is a thin wrapper, and the tests call
// this with string streams against a fake ng server.
#pragma once

#include <iosfwd>

namespace rr::relayctl {

// Exit codes: 0 success, 1 no answer / error reply / relay failure, 2 usage error.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace rr::relayctl
