#!/usr/bin/env python3
"""Runs one rtpgen relay-mode trial and judges it: pass = loss < 0.1 % and median latency
<= 1 ms with the generator on schedule. Samples the peer's utime+stime (/proc/PID/stat) while
rtpgen sends, timing the window from rtpgen's "set up N calls" line, so call set-up and
teardown are not charged per packet. Prints one JSON line.

    trial.py --pid PEER_PID --json RTPGEN_JSON --timeout S -- rtpgen ...
"""
import argparse, json, os, re, subprocess, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("--pid", type=int, required=True)
ap.add_argument("--json", required=True)
ap.add_argument("--timeout", type=float, required=True)
ap.add_argument("command", nargs=argparse.REMAINDER)
a = ap.parse_args()
command = a.command[1:] if a.command and a.command[0] == "--" else a.command
tick = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


samples = []  # (monotonic, cpu seconds)
stop = threading.Event()


def sample():
    while not stop.is_set():
        samples.append((time.monotonic(), cpu_seconds(a.pid)))
        time.sleep(0.05)


threading.Thread(target=sample, daemon=True).start()
start_sending = None
output = []
proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
timer = threading.Timer(a.timeout, proc.kill)
timer.start()
for line in proc.stdout:
    output.append(line)
    if start_sending is None and line.startswith("set up "):
        start_sending = time.monotonic()
code = proc.wait()
timer.cancel()
stop.set()

result = {"verdict": "error", "exit": code}
try:
    report = json.load(open(a.json))
except (OSError, ValueError):
    result["error"] = "".join(output[-3:]).strip()
    print(json.dumps(result))
    raise SystemExit(0)

dirs = report["directions"]
sent = sum(d["total"].get("sent", 0) for d in dirs)
received = sum(d["total"]["received"] for d in dirs)
lost = sum(d["total"]["lost"] for d in dirs)
lat = [d["total"].get("latency_ms") for d in dirs if d["total"].get("latency_ms")]
p50 = max(l["p50"] for l in lat) if lat else None
p99 = max(l["p99"] for l in lat) if lat else None
send_s = max(d.get("send_seconds", 0) for d in dirs)
scheduled = max(d.get("scheduled_seconds", 0) for d in dirs)
behind = send_s > scheduled * 1.05 + 0.05
loss = lost / sent if sent else 1.0
if behind:
    verdict = "generator-bound"
elif code == 0 and loss < 0.001 and p50 is not None and p50 <= 1.0:
    verdict = "pass"
else:
    verdict = "fail"
cpu = None
if start_sending is not None:
    window = [(t, c) for t, c in samples if start_sending <= t <= start_sending + send_s and c is not None]
    if len(window) >= 2 and received:
        cpu = (window[-1][1] - window[0][1]) / (window[-1][0] - window[0][0]) * send_s / (received / 1e6)
result.update({"verdict": verdict, "lossless": code == 0 and loss < 0.001 and not behind, "sent": sent, "received": received, "loss": loss, "p50_ms": p50,
               "p99_ms": p99, "send_seconds": send_s, "scheduled_seconds": scheduled,
               "cpu_s_per_mpkt": cpu})
# rtpgen's DPDK ports: frames the generator itself missed (it was not scheduled in time).
missed = [int(m.group(1)) for line in output for m in [re.search(r"RX missed (\d+)", line)] if m]
if missed:
    result["generator_rx_missed"] = sum(missed)
print(json.dumps(result))
