#!/bin/sh
# Control-plane benchmark: ng offer+answer+delete cycles per second and round trips
# (p50/p99 per command) against an ng server, through tools/ngbench. See README.md.
#
#   bench/control/run.sh [--server ADDR:PORT] [--duration S] [--outstanding N] [--runs R]
#                        [--start-rtpengine] [--build DIR] [--out DIR]
set -eu

server=127.0.0.1:2223
duration=10
outstanding=16
runs=3
start_rtpengine=0
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/release
out=

while [ $# -gt 0 ]; do
  case $1 in
    --server) server=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --start-rtpengine) start_rtpengine=1; shift ;;
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

ngbench=$build/tools/ngbench/ngbench
[ -x "$ngbench" ] || { echo "run.sh: $ngbench not built (ninja -C $build ngbench)" >&2; exit 1; }
[ -n "$out" ] || out=$(mktemp -d /tmp/bench-control.XXXXXX)
mkdir -p "$out"

# The server gets core 0, the load generator core 1: "per core" means the server's core.
server_cpu=0
client_cpu=1
rtpengine_pid=
cleanup() { [ -z "$rtpengine_pid" ] || kill "$rtpengine_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
if [ "$start_rtpengine" = 1 ]; then
  # Userspace only (--table=-1), one worker thread, sessions freed at delete
  # (--delete-delay=0) so a long run does not exhaust the port range.
  port=${server##*:}
  taskset -c $server_cpu rtpengine --foreground --table=-1 --interface=127.0.0.1 \
    --listen-ng="$server" --port-min=30000 --port-max=39999 --num-threads=1 \
    --delete-delay=0 --log-level=3 --log-stderr >"$out/rtpengine.log" 2>&1 &
  rtpengine_pid=$!
  sleep 1
  echo "started rtpengine (pid $rtpengine_pid) on CPU $server_cpu, ng port $port" >&2
fi

i=1
while [ "$i" -le "$runs" ]; do
  echo "## run $i of $runs" 
  taskset -c $client_cpu "$ngbench" --server "$server" --duration "$duration" \
    --outstanding "$outstanding" --json "$out/run$i.json"
  echo
  i=$((i + 1))
done

# Medians over the runs: the machines here are shared, a single run is noise.
python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rs = [json.load(open(f"{out}/run{i}.json")) for i in range(1, runs + 1)]
med = lambda f: statistics.median(f(r) for r in rs)
summary = {"server": rs[0]["server"], "outstanding": rs[0]["outstanding"], "runs": runs,
           "cycles_per_second": med(lambda r: r["cycles_per_second"]), "commands": {}}
print(f"## median of {runs} runs against {summary['server']}, {summary['outstanding']} outstanding\n")
print(f"**{summary['cycles_per_second']:.0f} offer+answer+delete cycles/s**\n")
print("| command | p50 ms | p99 ms | errors | timeouts |\n|---|---:|---:|---:|---:|")
for c in ("offer", "answer", "delete"):
    s = {k: med(lambda r: r["commands"][c][k]) for k in ("p50_ms", "p99_ms", "errors", "timeouts")}
    summary["commands"][c] = s
    print(f"| {c} | {s['p50_ms']:.3f} | {s['p99_ms']:.3f} | {s['errors']:.0f} | {s['timeouts']:.0f} |")
json.dump(summary, open(f"{out}/summary.json", "w"), indent=1)
print(f"\nJSON: {out}/summary.json")
PY
