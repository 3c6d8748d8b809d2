# Shell helpers shared by bench/capacity/run.sh and bench/e2e/run.sh (sourced, bash).

# wait_ng ADDR:PORT SECONDS: true once an ng ping is answered with pong.
wait_ng() {
  python3 - "$1" "$2" <<'PY'
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
deadline = time.time() + float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.3)
while time.time() < deadline:
    try:
        s.sendto(b"p1 d7:command4:pinge", (host, int(port)))
        if b"pong" in s.recvfrom(4096)[0]:
            sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
}

# scrape HOST:PORT: the relay's /metrics text plus a "__time <seconds>" line (monotonic).
scrape() {
  curl -s --max-time 5 "http://$1/metrics"
  python3 -c 'import time; print("__time", time.monotonic())'
}

# machine_json: what the figures were measured on.
machine_json() {
  python3 - <<'PY'
import json, os, platform, subprocess
lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
field = lambda k: next((l.split(":", 1)[1].strip() for l in lscpu.splitlines() if l.startswith(k + ":")), None)
print(json.dumps({"cpu_model": field("Model name"), "cpus": os.cpu_count(), "kernel": platform.release(),
                  "load_average": os.getloadavg(), "dpdk": "22.11 (Debian 12)"}))
PY
}

# thread_cpu PID NAME: utime+stime in seconds of PID's thread called NAME (DPDK names lcore
# threads rte-worker-<lcore>): on a shared machine the worker does not own its core, so
# figures per CPU-second of the worker are steadier than figures per wall-second.
thread_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = "$2" ]; then
      python3 -c 'import os,sys; f=open(sys.argv[1]).read().rsplit(")",1)[1].split(); print((int(f[11])+int(f[12]))/os.sysconf("SC_CLK_TCK"))' "$t/stat"
      return 0
    fi
  done
  echo 0
}
