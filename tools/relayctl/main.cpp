// relayctl: query and steer any ng relay (rtp-relay or rtpengine). See README.md.
#include <iostream>

#include "tools/relayctl/run.hpp"

int main(int argc, char** argv) { return rr::relayctl::run(argc, argv, std::cout, std::cerr); }
