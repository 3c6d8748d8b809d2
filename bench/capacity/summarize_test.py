#!/usr/bin/env python3
"""summarize.py on made-up trials: a void trial (its worker had less than 90 % of its core, or
testpmd's per-second rate fell below half its best second) is left out of its cell and
counted, unless every trial of the cell is void (then kept, and the cell marked not
comparable). A trial that measured nothing (an error) is not called void."""
import json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))


def trial(peer, streams, cpu_ns, share, mode=None, swing=None):
    r = {"streams": streams, "rx_mpps": 1e3 / cpu_ns, "relayed_mpps": 1e3 / cpu_ns,
         "cpu_ns_per_packet": cpu_ns, "worker_cpu_share": share, "drop_shares": {}}
    if swing:  # testpmd's slowest and fastest second
        r["rate_min_mpps"], r["rate_max_mpps"] = swing
    t = {"peer": peer, "run": 1, "r": r}
    if mode:
        t["mode"] = mode
    return t


trials = [
    # 1 stream: one relay trial starved (300 ns at 65 %), two sound; testpmd: one unsteady.
    trial("rtp-relay", 1, 70.0, 0.99, "plain"),
    trial("rtp-relay", 1, 300.0, 0.65, "plain"),
    trial("rtp-relay", 1, 74.0, 0.97, "plain"),
    trial("testpmd", 1, 20.0, 1.0, swing=(48.0, 52.0)),
    trial("testpmd", 1, 22.0, 0.99, swing=(45.0, 50.0)),
    trial("testpmd", 1, 739.0, 0.99, swing=(0.8, 20.0)),
    # 100 streams: every relay trial starved: kept, and the cell marked; one relay trial failed.
    trial("rtp-relay", 100, 250.0, 0.70, "plain"),
    trial("rtp-relay", 100, 260.0, 0.75, "plain"),
    {"peer": "rtp-relay", "mode": "plain", "run": 3, "r": {"streams": 100, "error": "relay did not start"}},
    trial("testpmd", 100, 50.0, 0.95, swing=(15.0, 19.0)),
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
assert one["rtp-relay_void"] == {"starved": 1, "unsteady": 0} and not one["rtp-relay_all_void"]
assert one["testpmd_cpu_ns"] == {"median": 21.0, "min": 20.0, "max": 22.0, "n": 2}, one["testpmd_cpu_ns"]
assert one["testpmd_void"] == {"starved": 0, "unsteady": 1}
assert abs(one["rtp-relay_cpu_ratio"] - 21.0 / 72.0) < 1e-9
assert hundred["rtp-relay_cpu_ns"]["n"] == 2 and hundred["rtp-relay_all_void"]
assert [t["void"] for t in result["trials"]].count("starved") == 3
assert [t["void"] for t in result["trials"]].count("unsteady") == 1
assert "1 streams, rtp-relay: trial(s) left out as void: 1 the worker had less than 90 % of its core" in run.stdout
assert "1 streams, testpmd: trial(s) left out as void: 1 the rate fell below 50 % of the trial's best second" \
    in run.stdout
assert "100 streams, rtp-relay: every trial void (2 the worker had less than 90 % of its core): not comparable" \
    in run.stdout
assert "100 streams, rtp-relay: relay did not start" in run.stdout
print("ok")
