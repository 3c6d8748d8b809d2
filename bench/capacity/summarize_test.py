#!/usr/bin/env python3
"""summarize.py on made-up trials: a trial whose worker had less than 90 % of its core is left
out of its cell and counted, unless every trial of the cell starved (then it is kept and the
cell is marked not comparable)."""
import json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))


def trial(peer, streams, cpu_ns, share, mode=None):
    r = {"streams": streams, "rx_mpps": 1e3 / cpu_ns, "relayed_mpps": 1e3 / cpu_ns,
         "cpu_ns_per_packet": cpu_ns, "worker_cpu_share": share, "drop_shares": {}}
    t = {"peer": peer, "run": 1, "r": r}
    if mode:
        t["mode"] = mode
    return t


trials = [
    # 1 stream: one relay trial starved (300 ns at 65 %), two fed; testpmd fed.
    trial("rtp-relay", 1, 70.0, 0.99, "plain"),
    trial("rtp-relay", 1, 300.0, 0.65, "plain"),
    trial("rtp-relay", 1, 74.0, 0.97, "plain"),
    trial("testpmd", 1, 20.0, 1.0),
    # 100 streams: every relay trial starved: kept, and the cell marked.
    trial("rtp-relay", 100, 250.0, 0.70, "plain"),
    trial("rtp-relay", 100, 260.0, 0.75, "plain"),
    trial("testpmd", 100, 50.0, 0.95),
]
with tempfile.TemporaryDirectory() as scratch:
    trials_path, json_path = os.path.join(scratch, "trials.jsonl"), os.path.join(scratch, "capacity.json")
    with open(trials_path, "w") as f:
        f.writelines(json.dumps(t) + "\n" for t in trials)
    run = subprocess.run([sys.executable, os.path.join(here, "summarize.py"), trials_path, json_path, "3", "1"],
                         capture_output=True, text=True)
    print(run.stdout, run.stderr)
    assert run.returncode == 0, f"summarize.py exited {run.returncode}"
    result = json.load(open(json_path))

rows = {r["streams"]: r for r in result["rows"]}
one, hundred = rows[1], rows[100]
assert one["rtp-relay_cpu_ns"] == {"median": 72.0, "min": 70.0, "max": 74.0, "n": 2}, one["rtp-relay_cpu_ns"]
assert one["rtp-relay_starved"] == 1 and not one["rtp-relay_all_starved"]
assert one["testpmd_starved"] == 0
assert abs(one["rtp-relay_cpu_ratio"] - 20.0 / 72.0) < 1e-9
assert hundred["rtp-relay_cpu_ns"]["n"] == 2 and hundred["rtp-relay_all_starved"]
assert sum(t["starved"] for t in result["trials"]) == 3
assert "1 streams, rtp-relay: 1 trial(s) left out, the worker had less than 90 % of its core" in run.stdout
assert "100 streams, rtp-relay: every trial's worker had less than 90 % of its core" in run.stdout
print("ok")
