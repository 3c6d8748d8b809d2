#!/bin/bash
# Per-core capacity of rtp-relay's worker, beside dpdk-testpmd io forwarding (the ceiling),
# both fed from memory: net_pcap with infinite_rx replays a pcapgen capture of N streams,
# and net_pcap without a TX side drops what is sent. N streams are N calls whose caller
# leg (interface a) receives the capture's plain RTP and whose callee leg (interface b, a
# second net_pcap port) is where the relay sends it: plain, or with --srtp SRTP-protected
# (RTP->SRTP, in the same run as plain). See README.md.
#
#   bench/capacity/run.sh [--quick] [--streams "1 1000 3000 100000"] [--runs 3] [--seconds 5]
#                         [--srtp [SUITE]] [--huge] [--build DIR] [--out DIR] [--main-core 0] [--worker-core 1]
#
# --huge: relay and testpmd on 2 MB hugepages, as in production (default: --no-huge, 4 KB
# pages, which any machine can run). Reserves what a trial lacks (root) and gives it back at exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/release
streams_list="1 1000 3000 100000"
runs=3
seconds=5
out=
main_core=0
worker_core=1
srtp=
huge=
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
    --huge) huge=1; shift ;;
    --srtp) if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then srtp=$2; shift 2; else srtp=AES_CM_128_HMAC_SHA1_80; shift; fi ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
net_a=192.0.2                    # interface a: callers, the capture's streams arrive here
net_b=198.51.100                 # interface b: callees, where the relay sends every stream
peer_a=$net_a.100:4000           # every call's caller ...
peer_b=$net_b.100:4000           # ... and callee
peer_mac_a=02:00:00:00:0b:01
peer_mac_b=02:00:00:00:0b:02
pcap_mac_a=02:70:63:61:70:00     # net_pcap's MACs for ports 0 and 1
pcap_mac_b=02:70:63:61:70:01
pairs_per_address=25000          # ports 10000-59999

pids=()
hugepages_before=  # nr_hugepages before this script raised it, restored at exit
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -n "$hugepages_before" ] || return 0
  local try  # a peer that is still exiting holds its pages a moment longer
  for try in 1 2 3 4 5; do
    echo "$hugepages_before" >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    [ "$(cat /proc/sys/vm/nr_hugepages)" = "$hugepages_before" ] && return 0
    sleep 1
  done
  echo "run.sh: could not set vm.nr_hugepages back to $hugepages_before" >&2
}
trap cleanup EXIT INT TERM

# A peer's EAL memory for MBUFS mbufs: ~2.3 KB per mbuf with its headroom, plus the rest.
memory_mb() { echo $(( $1 * 3 / 1024 + 512 )); }
relay_mbufs() { echo $(( $1 + 32768 )); }  # FRAMES: the replay holds every captured frame

free_hugepages() { awk '/^HugePages_Free/ {print $2}' /proc/meminfo; }
# --huge: make sure MB megabytes of free 2 MB hugepages exist before a stream count's trials
# (in the main shell: the trials run in command substitutions, whose changes are lost).
reserve_hugepages() {  # MB
  grep -q hugetlbfs /proc/mounts || { echo "run.sh: --huge needs a hugetlbfs mount (dpdk-config/hugepages.sh)" >&2; exit 1; }
  local need=$(( ($1 + 1) / 2 )) free
  free=$(free_hugepages)
  [ "$free" -ge "$need" ] && return 0
  [ -n "$hugepages_before" ] || hugepages_before=$(cat /proc/sys/vm/nr_hugepages)
  echo $(( $(cat /proc/sys/vm/nr_hugepages) + need - free )) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
  free=$(free_hugepages)
  [ "$free" -ge "$need" ] || { echo "run.sh: --huge: $need free 2 MB hugepages needed, $free reserved (root? memory?)" >&2; exit 1; }
}

echo "--no-pci" >"$out/profile.conf"
echo "--log-level=lib.eal:notice" >>"$out/profile.conf"

# N calls fill every even port of each interface's range, whatever port the allocator starts
# at: the capture sends stream i to caller-leg port 10000 + 2 i (next address every 25 000),
# and every call's callee leg is on interface b, so every captured packet is a legitimate
# stream, relayed out of port b (net_pcap drops it). Port b's own capture is one ARP reply
# (b's peer), read once. MODE: plain, or srtp (the callee leg speaks SRTP: RTP->SRTP).
relay_trial() {  # N PCAP_A PCAP_B FRAMES RUN MODE → one JSON line
  local n=$1 pcap=$2 pcap_b=$3 frames=$4 run=$5 mode=$6 addresses port_max log
  if [ "$n" -le $((pairs_per_address)) ]; then
    addresses=1; port_max=$(( 10000 + 2 * n - 1 ))
  else
    addresses=$(( (n + pairs_per_address - 1) / pairs_per_address )); port_max=59999
  fi
  local ifs=() a srtp_args=()
  for a in $(seq 1 "$addresses"); do ifs+=(--interface "a/$net_a.$a/24" --interface "b/$net_b.$a/24"); done
  [ "$mode" = srtp ] && srtp_args=(--srtp-callee "$srtp")
  local mbufs memory
  mbufs=$(relay_mbufs "$frames")
  memory=$(memory_mb "$mbufs")
  local eal_memory=(--no-huge --memory-mb "$memory")
  [ -z "$huge" ] || eal_memory=()
  log=$out/relay-$n-$run-$mode.log
  trial_number=$((trial_number + 1))
  local http=127.0.0.1:$(( http_base + trial_number % 64 ))
  taskset -c "$main_core,$worker_core" "$relay" --dpdk-profile "$out/profile.conf" \
    "${eal_memory[@]}" --mbufs "$mbufs" \
    --dpdk-port "a=net_pcap0,rx_pcap=$pcap,infinite_rx=1" --dpdk-port "b=net_pcap1,rx_pcap=$pcap_b" "${ifs[@]}" \
    --listen-ng "$ng" --listen-http "$http" --port-min 10000 --port-max "$port_max" \
    --main-core "$main_core" --worker-cores "$worker_core" --timeout 3600 --log-level warn >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  if ! wait_ng "$ng" $(( 20 + frames / 100000 )); then  # net_pcap loads the capture first
    echo "relay did not start for $n streams:" >&2; tail -5 "$log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "{\"streams\": $n, \"error\": \"relay did not start (see $log)\"}"
    return 0
  fi
  if grep -q "running with --no-huge" "$log"; then  # the daemon fell back: not what --huge asked for
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "{\"streams\": $n, \"error\": \"relay fell back to --no-huge (see $log)\"}"
    return 0
  fi
  "$pcapgen" --out /dev/null --ng "$ng" --streams "$n" --caller "$peer_a" --callee "$peer_b" --direction a,b \
    "${srtp_args[@]}" --call-prefix "cap$run-" >>"$log" 2>&1 || { echo "call set-up failed for $n" >&2; tail -3 "$log" >&2; }
  sleep 1  # let the worker reach steady state with every entry published
  # Scrapes go to files: with per-stream series they exceed the argument size limit.
  local a0=$out/scrape-$n-$run-a.txt b0=$out/scrape-$n-$run-b.txt c0 c1
  c0=$(thread_cpu "$pid" "rte-worker-$worker_core"); scrape "$http" >"$a0"
  sleep "$seconds"
  c1=$(thread_cpu "$pid" "rte-worker-$worker_core"); scrape "$http" >"$b0"
  # Transparent huge pages behind the per-stream objects (relay/table/hot_memory): without
  # them 100 000 streams cost more, so a trial says how much it had.
  local anon_huge_kb
  anon_huge_kb=$(awk '/^AnonHugePages/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$n" "$c0" "$c1" "$a0" "$b0" "$mode" "${anon_huge_kb:-0}" <<'PY'
import json, sys
n, c0, c1, mode = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[6]
anon_huge_kb = int(sys.argv[7])
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
# Every drop reason that moved (an SRTP failure would show here), as a share of RX.
drops = {k.split('"')[1]: d(k) / rx for k in b if k.startswith("rtp_relay_dropped_packets_total{") and d(k) > 0 and rx}
print(json.dumps({"streams": n, "mode": mode, "seconds": t, "drop_shares": drops, "rx_mpps": rx / t / 1e6, "tx_mpps": tx / t / 1e6,
                  "relayed_mpps": rtp / t / 1e6, "unknown_destination_share": unknown / rx if rx else None,
                  "ns_per_packet": t * 1e9 / rtp if rtp else None, "worker_cpu_share": cpu / t,
                  "cpu_ns_per_packet": cpu * 1e9 / rtp if rtp else None, "anon_huge_kb": anon_huge_kb}))
PY
}

testpmd_trial() {  # N PCAP RUN FRAMES → one JSON line (median of the per-second Rx-pps after warm-up)
  local n=$1 pcap=$2 run=$3 log=$out/testpmd-$1-$3.log mbufs memory
  mbufs=$(( $4 + 16384 ))
  memory=$(memory_mb "$mbufs")
  local eal_memory=(--no-huge -m "$memory" --no-shconf)
  [ -z "$huge" ] || eal_memory=(--in-memory)
  local warm=$(( 2 + $4 / 100000 ))  # net_pcap reads the whole capture into mbufs first
  timeout -s INT $((seconds + 3 + warm)) taskset -c "$main_core,$worker_core" dpdk-testpmd "${eal_memory[@]}" \
    --no-pci -l "$main_core,$worker_core" --vdev "net_pcap0,rx_pcap=$pcap,infinite_rx=1" -- \
    --forward-mode=io --port-topology=loop --nb-cores=1 --total-num-mbufs="$mbufs" \
    --stats-period=1 </dev/null >"$log" 2>&1 &
  local pid=$! c0 c1 t0 t1
  pids+=("$pid")
  sleep "$warm"  # past start-up and the first stats lines
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
                  "samples": len(steady), "rate_min_mpps": min(steady) / 1e6 if steady else None,
                  "rate_max_mpps": max(steady) / 1e6 if steady else None}))
PY
}

results=$out/trials.jsonl
: >"$results"
modes=plain; [ -n "$srtp" ] && modes="plain srtp"
pcap_b=$out/callee-arp.pcap
"$pcapgen" --out "$pcap_b" --relay "$net_b.1:10000" --caller "$peer_b" --streams 1 --relay-mac "$pcap_mac_b" \
  --caller-mac "$peer_mac_b" --neighbour "$peer_mac_b=${peer_b%:*}" >/dev/null
echo "load before: $(uptime)" >&2
for n in $streams_list; do
  pcap=$out/streams-$n.pcap
  per=$pairs_per_address; [ "$n" -le "$pairs_per_address" ] && per=0
  # At least ~1000 RTP frames per replay loop, so the one ARP announcement is noise, and at
  # least 32 rounds for pcapgen's --loop-sequence (>= 23): sequence numbers go 0, 1, then
  # steps below RFC 3550's MAX_DROPOUT that close at 65 536, so the replay's next loop is
  # every stream's successor (SRTP-safe: the ROC moves on) and the statistics count every
  # packet in sequence, as a real stream's. Until session 6 every step was 65 536 / rounds
  # (> 1), so A.1's probation (two packets in sequence) never ended: every packet took it.
  rounds=32
  while [ $(( rounds * n )) -lt 1000 ]; do rounds=$(( rounds * 2 )); done
  # The RTP frames come from the MAC the ARP announcement gives the peer, as a real host's do:
  # with pcapgen's default caller MAC the peer's MAC flapped twice per replay loop, which
  # made the relay re-resolve (and drop its egress templates) each time.
  "$pcapgen" --out "$pcap" --relay "$net_a.1:10000" --per-address "$per" --caller "$peer_a" \
    --streams "$n" --rounds "$rounds" --loop-sequence --relay-mac "$pcap_mac_a" \
    --caller-mac "$peer_mac_a" --neighbour "$peer_mac_a=${peer_a%:*}" >/dev/null
  frames=$(( n * rounds + 1 ))
  [ -z "$huge" ] || reserve_hugepages "$(memory_mb "$(relay_mbufs "$frames")")"  # the relay's, > testpmd's
  for run in $(seq 1 "$runs"); do
    for mode in $modes; do
      echo "streams $n run $run/$runs: rtp-relay $mode" >&2
      r=$(relay_trial "$n" "$pcap" "$pcap_b" "$frames" "$run" "$mode")
      echo "{\"peer\": \"rtp-relay\", \"mode\": \"$mode\", \"run\": $run, \"r\": $r}" >>"$results"
    done
    echo "streams $n run $run/$runs: testpmd" >&2
    t=$(testpmd_trial "$n" "$pcap" "$run" "$frames"); echo "{\"peer\": \"testpmd\", \"run\": $run, \"r\": $t}" >>"$results"
  done
  rm -f "$pcap"
done
echo "load after: $(uptime)" >&2

status=0
python3 "$here/summarize.py" "$results" "$out/capacity.json" "$runs" "$worker_core" "$srtp" \
  "$([ -n "$huge" ] && echo hugepages || echo no-huge)" || status=$?
echo "JSON: $out/capacity.json" >&2
exit "$status"
