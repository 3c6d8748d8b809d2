#!/usr/bin/env bash
# The burst pipeline's prefetches must be in the built code, not only in the source.
# GCC deleted forward.cpp's stream-state and peer-latch prefetches for three sessions
# (relay/worker/prefetch.hpp says why) and nothing noticed: a prefetch changes no result,
# so only its absence from the object shows. Counts what forward.cpp.o holds: the table
# slot, egress template, entry and peer latch (prefetcht0) and the stream state (prefetchw).
set -euo pipefail
lib=$1
member=$(objdump -d --no-show-raw-insn "$lib" | awk '/file format/ {on = ($1 == "forward.cpp.o:")} on')
[ -n "$member" ] || { echo "forward.cpp.o not found in $lib"; exit 1; }
reads=$(grep -c 'prefetcht0' <<<"$member" || true)
writes=$(grep -c 'prefetchw' <<<"$member" || true)
echo "forward.cpp.o: $reads prefetcht0, $writes prefetchw"
if [ "$reads" -lt 4 ] || [ "$writes" -lt 1 ]; then
  echo "FAIL: expected at least 4 prefetcht0 (slot, template, entry, latch) and 1 prefetchw (state)"
  exit 1
fi
