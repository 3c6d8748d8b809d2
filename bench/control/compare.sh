#!/bin/sh
# rtp-relay against rtpengine in ONE run: both servers started here, ngbench runs alternate
# between them (relay, rtpengine, relay, ...) so both see the same machine load, then a side
# by side table of medians and min-max. See README.md for the CPU placement and why.
#
#   bench/control/compare.sh [--runs R] [--duration S] [--outstanding N] [--rt] [--build DIR] [--out DIR]
set -eu

runs=3
duration=10
outstanding=16
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/release
out=
rt=0

while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --rt) rt=1; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

ngbench=$build/tools/ngbench/ngbench
relay=$build/daemon/rtp-relay
for b in "$ngbench" "$relay"; do
  [ -x "$b" ] || { echo "compare.sh: $b not built (ninja -C $build ngbench rtp-relay)" >&2; exit 1; }
done
[ -n "$out" ] || out=$(mktemp -d /tmp/bench-control.XXXXXX)
mkdir -p "$out"

# CPU 0: the server under test (rtp-relay's control thread = EAL main lcore 0; rtpengine with
# one worker thread, every thread of it pinned to CPU 0). CPU 1: ngbench. rtp-relay's
# busy-polling worker needs an lcore of its own and there are only two CPUs: it gets CPU 1 at
# SCHED_IDLE, so it runs only when ngbench does not want the CPU (it carries no media here).
server_cpu=0
client_cpu=1
relay_ng=127.0.0.1:2240
rtpengine_ng=127.0.0.1:2230
relay_pid=
rtpengine_pid=
alive() {
  for pid in $relay_pid $rtpengine_pid; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}
cleanup() {
  for pid in $relay_pid $rtpengine_pid; do kill "$pid" 2>/dev/null || true; done
  # A server that has not exited 10 s after SIGTERM is killed: the bench must not leave it.
  i=0
  while [ $i -lt 10 ] && alive; do sleep 1; i=$((i + 1)); done
  for pid in $relay_pid $rtpengine_pid; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

cat >"$out/null.conf" <<EOF
# compare.sh: no media ports, only the control plane matters
--no-pci
--vdev=net_null0
--log-level=lib.eal:notice
EOF
taskset -c $server_cpu,$client_cpu "$relay" --dpdk-profile="$out/null.conf" --dpdk-port=pub=net_null0 \
  --interface=pub/127.0.0.1 --listen-ng=$relay_ng --port-min=20000 --port-max=59999 \
  --port-quarantine=0 --no-huge --main-core=$server_cpu --worker-cores=$client_cpu \
  --listen-http=127.0.0.1:29941 --log-level=warn >"$out/rtp-relay.log" 2>&1 &
relay_pid=$!
# Userspace only (--table=-1), one worker thread, sessions freed at delete (--delete-delay=0)
# so a long run does not exhaust the port range.
taskset -c $server_cpu rtpengine --config-file=none --foreground --table=-1 --interface=127.0.0.1 \
  --listen-ng=$rtpengine_ng --listen-cli=127.0.0.1:2231 --port-min=30000 --port-max=39999 \
  --num-threads=1 --delete-delay=0 --log-level=3 --log-stderr >"$out/rtpengine.log" 2>&1 &
rtpengine_pid=$!

# Wait for both to answer ping (EAL start takes a few seconds).
for server in $relay_ng $rtpengine_ng; do
  i=0
  until taskset -c $client_cpu "$ngbench" --server $server --duration 1 --outstanding 1 >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 60 ] || { echo "compare.sh: $server never answered; logs in $out" >&2; exit 1; }
    sleep 1
  done
done
# The worker thread (DPDK names it after its lcore) drops to SCHED_IDLE. With --rt every
# other thread of both servers, and ngbench, run SCHED_FIFO 10: on a machine shared with
# builds that is the nearest thing to "one core each" (they block in epoll when idle).
is_worker() { case $(cat "$1/comm") in rte-worker-*|lcore-worker-*) return 0 ;; esac; return 1; }
for task in /proc/$relay_pid/task/*; do
  if is_worker "$task"; then
    chrt --idle -p 0 "${task##*/}"
  elif [ $rt = 1 ]; then
    chrt -f -p 10 "${task##*/}"
  fi
done
[ $rt = 0 ] || for task in /proc/$rtpengine_pid/task/*; do chrt -f -p 10 "${task##*/}"; done
bench_prefix=
[ $rt = 0 ] || bench_prefix="chrt -f 10"

# CPU time (clock ticks) the server used: every thread but rtp-relay's worker, which polls
# whether or not there is work; rtpengine's whole process.
cpu_ticks() {
  total=0
  for task in /proc/$1/task/*; do
    is_worker "$task" && continue
    set -- "$1" $(sed 's/^.*) //' "$task/stat")
    total=$((total + ${13} + ${14}))  # utime, stime (fields 14, 15 of stat)
  done
  echo $total
}

i=1
while [ "$i" -le "$runs" ]; do
  for name in rtp-relay rtpengine; do
    server=$relay_ng pid=$relay_pid
    [ $name = rtp-relay ] || server=$rtpengine_ng pid=$rtpengine_pid
    echo "## run $i of $runs: $name" >&2
    before=$(cpu_ticks $pid)
    $bench_prefix taskset -c $client_cpu "$ngbench" --server $server --duration "$duration" \
      --outstanding "$outstanding" --json "$out/$name-$i.json" >&2
    echo $(( $(cpu_ticks $pid) - before )) >"$out/$name-$i.ticks"
  done
  i=$((i + 1))
done

python3 - "$out" "$runs" "$outstanding" "$duration" "$(getconf CLK_TCK)" "$rt" <<'PY'
import json, statistics, sys
out, runs, outstanding, duration, hz, rt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
names = ("rtp-relay", "rtpengine")
data = {n: [json.load(open(f"{out}/{n}-{i}.json")) for i in range(1, runs + 1)] for n in names}
for n in names:
    for i, r in enumerate(data[n], 1):
        r["server_cpu_s"] = int(open(f"{out}/{n}-{i}.ticks").read()) / hz
def stat(n, f):
    xs = [f(r) for r in data[n]]
    return statistics.median(xs), min(xs), max(xs)
def fmt(t, p):
    return f"{t[0]:.{p}f} ({t[1]:.{p}f}–{t[2]:.{p}f})"
summary = {"runs": runs, "outstanding": int(outstanding), "duration_s": int(duration),
           "realtime": rt == "1", "servers": {}}
print(f"{runs} alternating runs of {duration} s each, {outstanding} cycles outstanding"
      f"{', SCHED_FIFO' if rt == '1' else ''}; median (min–max)\n")
print("| | rtp-relay | rtpengine | ratio of medians |\n|---|---:|---:|---:|")
rows = [("cycles/s", lambda r: r["cycles_per_second"], 0, True),
        ("server CPU s per run", lambda r: r["server_cpu_s"], 2, None),
        # What one fully available core would do: cycles per second of server CPU time.
        ("cycles per server CPU-second", lambda r: r["cycles"] / max(r["server_cpu_s"], 0.01), 0, True)]
for c in ("offer", "answer", "delete"):
    rows += [(f"{c} p50 ms", lambda r, c=c: r["commands"][c]["p50_ms"], 3, False),
             (f"{c} p99 ms", lambda r, c=c: r["commands"][c]["p99_ms"], 3, False)]
rows += [("errors + timeouts", lambda r: sum(r["commands"][c]["errors"] + r["commands"][c]["timeouts"]
                                           for c in ("offer", "answer", "delete")), 0, None)]
for label, f, p, higher in rows:
    a, b = stat("rtp-relay", f), stat("rtpengine", f)
    for n, t in (("rtp-relay", a), ("rtpengine", b)):
        summary["servers"].setdefault(n, {})[label] = {"median": t[0], "min": t[1], "max": t[2]}
    ratio = "" if higher is None or b[0] == 0 else f"{a[0] / b[0]:.2f}×"
    print(f"| {label} | {fmt(a, p)} | {fmt(b, p)} | {ratio} |")
import os, platform
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
summary["machine"] = {"cpu": model, "cpus": os.cpu_count(), "kernel": platform.release(),
                      "loadavg_at_end": os.getloadavg()}
summary["trials"] = {n: [{"cycles_per_second": r["cycles_per_second"], "server_cpu_s": r["server_cpu_s"],
                          "commands": r["commands"]} for r in data[n]] for n in names}
print(f"\nmachine: {model}, {os.cpu_count()} CPUs, load average at the end {os.getloadavg()[0]:.1f}")
json.dump(summary, open(f"{out}/summary.json", "w"), indent=1)
print(f"\nJSON: {out}/summary.json")
PY
