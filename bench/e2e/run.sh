#!/bin/bash
# End to end, caller namespace A -> peer -> callee namespace B: rtp-relay (DPDK net_af_xdp or
# net_af_packet), rtpengine (userspace) and dpdk-testpmd (io forward, the ceiling), driven by
# rtpgen in DPDK mode (a port of its own per side, so the generator outruns one relay core).
# Per peer and stream count: the maximum sustainable rate (loss < 0.1 %, median latency
# <= 1 ms), peer CPU seconds per million packets, and latency p50/p99 at half the lower
# maximum of the two relays; rtp-relay's drop counters after every trial. With --srtp a|b
# that leg speaks SRTP (SDES) and the relays convert RTP<->SRTP; testpmd cannot, so its
# trials stay plain: the ceiling. See README.md.
#
#   bench/e2e/run.sh [--quick] [--streams "1000 10000"] [--runs 3] [--seconds 2]
#                    [--driver af_xdp|af_packet] [--peers "rtp-relay rtpengine testpmd"]
#                    [--srtp a|b] [--srtp-suite AES_CM_128_HMAC_SHA1_80]
#                    [--gen-core 0] [--relay-core 1] [--max-rate 1600000] [--build DIR] [--out DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
build=$root/build/release
streams_list="1000 10000"
runs=3
seconds=2
driver=af_xdp
peers="rtp-relay rtpengine testpmd"
gen_core=0
relay_core=1
max_rate=1600000
out=
srtp=
srtp_suite=AES_CM_128_HMAC_SHA1_80
while [ $# -gt 0 ]; do
  case $1 in
    --quick) runs=1; streams_list=1000; seconds=1; peers="rtp-relay testpmd"; max_rate=100000; shift ;;
    --streams) streams_list=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --driver) driver=$2; shift 2 ;;
    --peers) peers=$2; shift 2 ;;
    --gen-core) gen_core=$2; shift 2 ;;
    --relay-core) relay_core=$2; shift 2 ;;
    --max-rate) max_rate=$2; shift 2 ;;
    --srtp) srtp=$2; shift 2 ;;
    --srtp-suite) srtp_suite=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
relay=$build/daemon/rtp-relay
rtpgen=$build/tools/rtpgen/rtpgen
for b in "$relay" "$rtpgen"; do
  [ -x "$b" ] || { echo "run.sh: $b not built (ninja -C $build rtp-relay rtpgen)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (namespaces, veth, AF_XDP)" >&2; exit 1; }
[ -n "$out" ] || out=$(mktemp -d /tmp/bench-e2e.XXXXXX)
mkdir -p "$out"
. "$here/lib.sh"
. "$here/topology.sh"

peer_pid=     # the process whose CPU time is measured
helper_pid=   # testpmd's stand-in ng server
stop_peer() {
  local p
  for p in $peer_pid $helper_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  peer_pid= helper_pid=
  peer_addresses del
}
cleanup() { stop_peer; topology_down; }
trap cleanup EXIT INT TERM
topology_up

ng_port() { case $1 in rtp-relay) echo 22321 ;; rtpengine) echo 22322 ;; testpmd) echo 22323 ;; esac; }
vdev() {  # N INTERFACE
  case $driver in
    af_xdp) echo "net_af_xdp$1,iface=$2,start_queue=0,queue_count=1" ;;
    af_packet) echo "net_af_packet$1,iface=$2,qpairs=1,blocksz=4096,framesz=2048,framecnt=2048" ;;
  esac
}

# start_peer NAME TAG: the peer's forwarding on $relay_core (its control thread on $gen_core).
start_peer() {
  local name=$1 log=$out/$1-$2.log ng=$CTL_PEER:$(ng_port "$1") pid
  case $name in
    rtp-relay)
      printf -- '--no-pci\n--vdev=%s\n--vdev=%s\n--log-level=lib.eal:notice\n' \
        "$(vdev 0 "$LINK_A_HOST")" "$(vdev 1 "$LINK_B_HOST")" >"$out/relay.conf"
      echo "leak:xsk_umem__create" >"$out/lsan.supp"
      LSAN_OPTIONS=suppressions=$out/lsan.supp "$relay" --dpdk-profile "$out/relay.conf" \
        --dpdk-port "a=${driver/af_/net_af_}0" --dpdk-port "b=${driver/af_/net_af_}1" \
        --interface "a/$PEER_A/24" --interface "b/$PEER_B/24" --port-quarantine 0 \
        --no-huge --memory-mb 512 --main-core "$gen_core" \
        --worker-cores "$relay_core" --listen-ng "$ng" --listen-http 127.0.0.1:9912 \
        --port-min 10000 --port-max 59999 --log-level warn >"$log" 2>&1 &
      pid=$! ;;
    rtpengine)
      peer_addresses add
      # Userspace only (--table=-1), one thread on the relay core: what "per core" means.
      # One socket per port: 10 000 calls need ~40 000 descriptors.
      ( ulimit -n "$(ulimit -Hn)"; exec taskset -c "$relay_core" rtpengine --foreground --table=-1 \
        --interface="a/$PEER_A" --interface="b/$PEER_B" \
        --listen-ng="$ng" --port-min=10000 --port-max=59999 --num-threads=1 --delete-delay=0 \
        --log-level=3 --log-stderr ) >"$log" 2>&1 &
      pid=$! ;;
    testpmd)
      python3 "$here/fake_ng.py" "$ng" "$PEER_A" >"$out/fake-ng.log" 2>&1 &
      helper_pid=$!
      # io forward between the two links: A's frames leave on B's link unchanged, and rtpgen's
      # sink counts any UDP frame carrying a probe, so the accounting is the relays'.
      taskset -c "$gen_core,$relay_core" dpdk-testpmd --no-huge -m 1024 --no-pci --no-shconf \
        -l "$gen_core,$relay_core" --vdev "$(vdev 0 "$LINK_A_HOST")" --vdev "$(vdev 1 "$LINK_B_HOST")" \
        -- --forward-mode=io --port-topology=paired --nb-cores=1 --total-num-mbufs=32768 \
        --stats-period=10 </dev/null >"$log" 2>&1 &
      pid=$! ;;
  esac
  peer_pid=$pid
  # testpmd takes seconds to bring its ports up; traffic sent before it forwards is lost.
  if [ "$name" = testpmd ]; then
    local i
    for i in $(seq 1 120); do grep -q "forwards packets on" "$log" 2>/dev/null && break; sleep 0.5; done
  fi
  wait_ng "$ng" 60 || { echo "run.sh: $name did not answer ng ping (see $log)" >&2; tail -5 "$log" >&2; return 1; }
  sleep 1  # AF_XDP settles
  kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited (see $log)" >&2; tail -3 "$log" >&2; return 1; }
}

# rtp-relay's drop counters (relay/packet's reasons) and relayed packets, as one JSON object:
# relayed < sent with no drops means the loss was before the worker (kernel, XSK ring).
relay_counters() {
  [ "$1" = rtp-relay ] || { echo '{}'; return; }
  curl -s --max-time 5 http://127.0.0.1:9912/metrics | python3 -c '
import json, re, sys
out = {}
for line in sys.stdin:
    m = re.match(r"(\S*(?:dropped_packets_total|relayed_packets_total)\S*)\s+([0-9.e+]+)$", line.strip())
    if m:
        out[m.group(1)] = float(m.group(2))
print(json.dumps(out))'
}

# trial PEER STREAMS RATE TAG → JSON line: rtpgen's totals, verdict, CPU per Mpkt, and for
# rtp-relay the counters that moved during the trial ("drops": by reason, and relayed).
trial() {
  local peer=$1 n=$2 rate=$3 tag=$4 json=$out/$1-$2-$3-$4.json before line
  local setup_timeout=$(( 60 + n / 100 )) srtp_args=()
  # testpmd forwards frames unchanged: it cannot convert, so its trials stay plain.
  [ -n "$srtp" ] && [ "$peer" != testpmd ] && srtp_args=(--srtp "$srtp" --srtp-suite "$srtp_suite")
  before=$(relay_counters "$peer")
  line=$(python3 "$here/trial.py" --pid "$peer_pid" --json "$json" --timeout $(( setup_timeout + seconds * 20 + 30 )) -- \
    taskset -c "$gen_core" stdbuf -oL "$rtpgen" --transport dpdk --mode relay --dpdk-core "$gen_core" \
    --ng "$CTL_PEER:$(ng_port "$peer")" --ng-direction a,b --allow-any-destination \
    --netns-a "$NS_A" --local "$GEN_A" --dpdk-a "$(vdev 0 "$LINK_A_GEN")" --peer-mac-a "$(mac_of "$LINK_A_HOST")" \
    --netns-b "$NS_B" --local-b "$GEN_B" --dpdk-b "$(vdev 1 "$LINK_B_GEN")" --peer-mac-b "$(mac_of "$LINK_B_HOST")" \
    --streams "$n" --rate "$rate" --duration "$seconds" --drain 1 --ng-timeout 2 --rows 0 --json "$json" \
    "${srtp_args[@]}")
  python3 - "$line" "$before" "$(relay_counters "$peer")" <<'PY'
import json, sys
t, before, after = (json.loads(a) for a in sys.argv[1:4])
moved = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0) > 0}
if after:
    t["drops"] = moved
print(json.dumps(t))
PY
}

# search PEER STREAMS RUN: sets $found to the highest lossless rate (packets/s per direction,
# loss < 0.1 % with the generator on schedule): doubling from 25 000 while trials are
# lossless, then bisection to within 30 %. Every trial is also judged by the full criterion
# (loss < 0.1 % and median latency <= 1 ms, trial.py's "pass"): the summary's "max rate" is
# the highest rate that passed it. On a shared 2-core machine the latency bound measures
# the scheduler more than the peer, so the search follows loss, which is the peer's. A
# lossy trial leaves a relay suspect (rtpengine stops serving a port for good after repeated
# receive-queue overflows): the peer is restarted and the next trial sets up its calls anew.
# Not called in $(...): it restarts peers, and peer_pid must stay this shell's.
search() {
  local peer=$1 n=$2 run=$3 lo=0 hi=0 rate=25000 i line verdict lossless
  for i in 1 2 3 4 5 6 7 8 9; do
    line=$(trial "$peer" "$n" "$rate" "r$run")
    echo "{\"peer\": \"$peer\", \"streams\": $n, \"run\": $run, \"kind\": \"search\", \"rate\": $rate, \"t\": $line}" >>"$trials"
    verdict=$(echo "$line" | python3 -c 'import json,sys; t=json.load(sys.stdin); print(t["verdict"])')
    echo "  $peer $n streams, $rate pps/direction: $verdict, $(echo "$line" | python3 -c 'import json,sys; t=json.load(sys.stdin); print("lossless" if t.get("lossless") else "lossy", "loss", t.get("loss"), "p50", t.get("p50_ms"), "drops", t.get("drops", ""))')" >&2
    lossless=$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("lossless", False))')
    if [ "$lossless" = True ]; then lo=$rate; else hi=$rate; fi
    if [ "$lossless" != True ]; then stop_peer; start_peer "$peer" "$n-$run-$i" || return 0; fi
    # Nothing came back at all: a broken set-up, not a rate limit.
    echo "$line" | grep -q '"received": 0,' && break
    if [ "$hi" = 0 ]; then
      rate=$(( rate * 2 ))
      [ "$rate" -le "$max_rate" ] || break
    else
      [ $(( (hi - lo) * 100 )) -le $(( hi * 30 )) ] && break
      rate=$(( (lo + hi) / 2 ))
      [ "$rate" -ge 1000 ] || break
    fi
  done
  found=$lo
}

trials=$out/trials.jsonl
: >"$trials"
echo "load before: $(uptime)" >&2
for n in $streams_list; do
  for run in $(seq 1 "$runs"); do
    declare -A best=()
    for peer in $peers; do
      echo "streams $n run $run/$runs: $peer" >&2
      found=0
      start_peer "$peer" "$n-$run" || { stop_peer; continue; }
      search "$peer" "$n" "$run"
      best[$peer]=$found
      # Latency at a common rate is measured below, with the other peers' figures known.
      stop_peer
    done
    # Latency at half the lower relay maximum, the same offered load for every peer.
    low=${best[rtp-relay]:-0}
    [ -n "${best[rtpengine]:-}" ] && { [ "$low" = 0 ] || [ "${best[rtpengine]}" -lt "$low" ]; } && low=${best[rtpengine]}
    half=$(( low / 2 ))
    [ "$half" -ge 1000 ] || half=1000
    for peer in $peers; do
      start_peer "$peer" "$n-$run-lat" || { stop_peer; continue; }
      line=$(trial "$peer" "$n" "$half" "lat$run")
      echo "{\"peer\": \"$peer\", \"streams\": $n, \"run\": $run, \"kind\": \"latency\", \"rate\": $half, \"t\": $line}" >>"$trials"
      stop_peer
    done
  done
done
echo "load after: $(uptime)" >&2

python3 "$here/summarize.py" "$trials" "$out/e2e.json" "$runs" "$driver" "$gen_core" "$relay_core" \
  "${srtp:+$srtp $srtp_suite}"
echo "JSON: $out/e2e.json" >&2
