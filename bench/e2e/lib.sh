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
