#!/bin/bash
# Per-core capacity of rtp-relay's worker, beside dpdk-testpmd io forwarding (the ceiling),
# both fed from memory: net_pcap with infinite_rx replays a pcapgen capture of N streams,
# and net_pcap without a TX side drops what is sent. See README.md.
#
#   bench/capacity/run.sh [--quick] [--streams "1 1000 3000 100000"] [--runs 3] [--seconds 5]
#                         [--build DIR] [--out DIR] [--main-core 0] [--worker-core 1]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/release
streams_list="1 1000 3000 100000"
runs=3
seconds=5
out=
main_core=0
worker_core=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) runs=1; streams_list="1 1000"; seconds=3; shift ;;
    --streams) streams_list=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --main-core) main_core=$2; shift 2 ;;
    --worker-core) worker_core=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

relay=$build/daemon/rtp-relay
pcapgen=$build/tools/pcapgen/pcapgen
for b in "$relay" "$pcapgen"; do
  [ -x "$b" ] || { echo "run.sh: $b not built (ninja -C $build rtp-relay pcapgen)" >&2; exit 1; }
done
command -v dpdk-testpmd >/dev/null || { echo "run.sh: dpdk-testpmd missing (apt-get install dpdk)" >&2; exit 1; }
[ -n "$out" ] || out=$(mktemp -d /tmp/bench-capacity.XXXXXX)
mkdir -p "$out"
here=$(dirname "$0")
. "$here/../e2e/lib.sh"

# Ports of our own so other people's relays on this machine are untouched.
ng=127.0.0.1:22311
http_base=9911                   # + trial number: civetweb cannot rebind a port in TIME_WAIT
trial_number=0
relay_ip=192.0.2.1
peer=192.0.2.100:4000            # both sides of every call: the relay forwards to it
peer_mac=02:00:00:00:0b:01
pcap_mac=02:70:63:61:70:00       # net_pcap's MAC for port 0
pairs_per_address=25000          # ports 10000-59999

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "--no-pci" >"$out/profile.conf"
echo "--log-level=lib.eal:notice" >>"$out/profile.conf"

# The relay forwards every even port of a range that N/2 calls fill completely, whatever
# port its allocator starts at: call c has both legs' RTP ports in the capture, and both
# legs' SDP name the same peer, so every captured packet is a legitimate stream.
relay_trial() {  # N pcap run → one JSON line
  local n=$1 pcap=$2 run=$3 calls addresses port_max log
  calls=$(( (n + 1) / 2 ))
  if [ "$n" -le $((pairs_per_address)) ]; then
    addresses=1; port_max=$(( 10000 + 4 * calls - 1 ))
  else
    addresses=$(( (n + pairs_per_address - 1) / pairs_per_address )); port_max=59999
  fi
  local ifs=() a
  for a in $(seq 1 "$addresses"); do ifs+=(--interface "pub/192.0.2.$a/24"); done
  log=$out/relay-$n-$run.log
  trial_number=$((trial_number + 1))
  local http=127.0.0.1:$(( http_base + trial_number % 64 ))
  taskset -c "$main_core,$worker_core" "$relay" --dpdk-profile "$out/profile.conf" --no-huge --memory-mb 1024 \
    --dpdk-port "pub=net_pcap0,rx_pcap=$pcap,infinite_rx=1" "${ifs[@]}" \
    --listen-ng "$ng" --listen-http "$http" --port-min 10000 --port-max "$port_max" \
    --main-core "$main_core" --worker-cores "$worker_core" --timeout 3600 --log-level warn >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  if ! wait_ng "$ng" 20; then
    echo "relay did not start for $n streams:" >&2; tail -5 "$log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "{\"streams\": $n, \"error\": \"relay did not start (see $log)\"}"
    return 0
  fi
  "$pcapgen" --out /dev/null --ng "$ng" --streams "$calls" --caller "$peer" --callee "$peer" \
    --call-prefix "cap$run-" >>"$log" 2>&1 || { echo "call set-up failed for $n" >&2; tail -3 "$log" >&2; }
  sleep 1  # let the worker reach steady state with every entry published
  # Scrapes go to files: with per-stream series they exceed the argument size limit.
  local a0=$out/scrape-$n-$run-a.txt b0=$out/scrape-$n-$run-b.txt c0 c1
  c0=$(thread_cpu "$pid" "rte-worker-$worker_core"); scrape "$http" >"$a0"
  sleep "$seconds"
  c1=$(thread_cpu "$pid" "rte-worker-$worker_core"); scrape "$http" >"$b0"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$n" "$c0" "$c1" "$a0" "$b0" <<'PY'
import json, sys
n, c0, c1 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
a, b = open(sys.argv[4]).read(), open(sys.argv[5]).read()
def parse(text):
    m = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.rpartition(" ")
            m[key] = float(value)
    return m
a, b = parse(a), parse(b)
d = lambda k: b.get(k, 0) - a.get(k, 0)
t = d("__time")
rx, tx = d('rtp_relay_worker_rx_packets_total{worker="0"}'), d('rtp_relay_worker_tx_packets_total{worker="0"}')
rtp = d('rtp_relay_worker_rtp_packets_total{worker="0"}')
unknown = d('rtp_relay_dropped_packets_total{reason="unknown_destination"}')
cpu = c1 - c0  # the worker thread's CPU seconds in the interval
print(json.dumps({"streams": n, "seconds": t, "rx_mpps": rx / t / 1e6, "tx_mpps": tx / t / 1e6,
                  "relayed_mpps": rtp / t / 1e6, "unknown_destination_share": unknown / rx if rx else None,
                  "ns_per_packet": t * 1e9 / rtp if rtp else None, "worker_cpu_share": cpu / t,
                  "cpu_ns_per_packet": cpu * 1e9 / rtp if rtp else None}))
PY
}

testpmd_trial() {  # N pcap → one JSON line (median of the per-second Rx-pps after warm-up)
  local n=$1 pcap=$2 run=$3 log=$out/testpmd-$1-$3.log mbufs
  mbufs=$(( n + 16384 ))
  timeout -s INT $((seconds + 3)) taskset -c "$main_core,$worker_core" dpdk-testpmd --no-huge -m 1024 --no-pci \
    --no-shconf -l "$main_core,$worker_core" --vdev "net_pcap0,rx_pcap=$pcap,infinite_rx=1" -- \
    --forward-mode=io --port-topology=loop --nb-cores=1 --total-num-mbufs="$mbufs" \
    --stats-period=1 </dev/null >"$log" 2>&1 &
  local pid=$! c0 c1 t0 t1
  pids+=("$pid")
  sleep 2  # past start-up and the first stats lines
  local testpmd
  testpmd=$(pgrep -P "$pid" | head -1)  # timeout's child: taskset exec'd testpmd
  c0=$(thread_cpu "$testpmd" "rte-worker-$worker_core"); t0=$(date +%s.%N)
  sleep $((seconds - 1 > 0 ? seconds - 1 : 1))
  c1=$(thread_cpu "$testpmd" "rte-worker-$worker_core"); t1=$(date +%s.%N)
  wait "$pid" 2>/dev/null || true
  python3 - "$n" "$log" "$c0" "$c1" "$t0" "$t1" <<'PY'
import json, re, statistics, sys
n, log = int(sys.argv[1]), sys.argv[2]
share = (float(sys.argv[4]) - float(sys.argv[3])) / (float(sys.argv[6]) - float(sys.argv[5]))
rates = [int(x) for x in re.findall(r"Rx-pps:\s+(\d+)", open(log, errors="replace").read())]
steady = rates[2:] or rates
pps = statistics.median(steady) if steady else 0
print(json.dumps({"streams": n, "rx_mpps": pps / 1e6, "ns_per_packet": 1e9 / pps if pps else None,
                  "worker_cpu_share": share, "cpu_ns_per_packet": 1e9 * share / pps if pps else None,
                  "samples": len(steady)}))
PY
}

results=$out/trials.jsonl
: >"$results"
for n in $streams_list; do
  pcap=$out/streams-$n.pcap
  per=$pairs_per_address; [ "$n" -le "$pairs_per_address" ] && per=0
  # At least ~1000 RTP frames per replay loop, so the one ARP announcement is noise.
  rounds=$(( (1000 + n - 1) / n ))
  # The RTP frames come from the MAC the ARP announcement gives the peer, as a real host's do:
  # with pcapgen's default caller MAC the peer's MAC flapped twice per replay loop, which
  # made the relay re-resolve (and drop its egress templates) each time.
  "$pcapgen" --out "$pcap" --relay "$relay_ip:10000" --per-address "$per" --caller "$peer" \
    --streams "$n" --rounds "$rounds" --relay-mac "$pcap_mac" --caller-mac "$peer_mac" \
    --neighbour "$peer_mac=${peer%:*}" >/dev/null
  for run in $(seq 1 "$runs"); do
    echo "streams $n run $run/$runs" >&2
    r=$(relay_trial "$n" "$pcap" "$run"); echo "{\"peer\": \"rtp-relay\", \"run\": $run, \"r\": $r}" >>"$results"
    t=$(testpmd_trial "$n" "$pcap" "$run"); echo "{\"peer\": \"testpmd\", \"run\": $run, \"r\": $t}" >>"$results"
  done
  rm -f "$pcap"
done

status=0
python3 "$here/summarize.py" "$results" "$out/capacity.json" "$runs" "$worker_core" || status=$?
echo "JSON: $out/capacity.json" >&2
exit "$status"
