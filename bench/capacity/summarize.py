#!/usr/bin/env python3
"""Medians (min-max) of bench/capacity trials per stream count, the rtp-relay/testpmd ratio,
a markdown table on stdout and a JSON file with the machine description."""
import json, os, platform, statistics, subprocess, sys

trials_path, json_path, runs, worker_core = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
trials = [json.loads(line) for line in open(trials_path) if line.strip()]
machine = json.loads(subprocess.run(["bash", "-c", f". {os.path.dirname(__file__)}/../e2e/lib.sh; machine_json"],
                                    capture_output=True, text=True).stdout)


def rate(t):  # packets relayed (rtp-relay) or forwarded (testpmd) per second, in Mpps
    r = t["r"]
    return r.get("relayed_mpps") if t["peer"] == "rtp-relay" else r.get("rx_mpps")


def stats(values):
    values = [v for v in values if v]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


rows = []
for n in sorted({t["r"]["streams"] for t in trials}):
    row = {"streams": n}
    for peer in ("rtp-relay", "testpmd"):
        ts = [t for t in trials if t["peer"] == peer and t["r"]["streams"] == n]
        row[peer] = stats([rate(t) for t in ts])
        row[peer + "_cpu_ns"] = stats([t["r"].get("cpu_ns_per_packet") for t in ts])
        row[peer + "_cpu_share"] = stats([t["r"].get("worker_cpu_share") for t in ts])
        errors = [t["r"]["error"] for t in ts if "error" in t["r"]]
        if errors:
            row[peer + "_error"] = errors[0]
        if peer == "rtp-relay":
            shares = [t["r"].get("unknown_destination_share") for t in ts if t["r"].get("unknown_destination_share") is not None]
            row["unknown_destination_share"] = max(shares) if shares else None
    if row["rtp-relay"] and row["testpmd"]:
        row["ratio"] = row["rtp-relay"]["median"] / row["testpmd"]["median"]
    if row["rtp-relay_cpu_ns"] and row["testpmd_cpu_ns"]:
        row["cpu_ratio"] = row["testpmd_cpu_ns"]["median"] / row["rtp-relay_cpu_ns"]["median"]
    rows.append(row)

fmt = lambda s: "n/a" if not s else f"{s['median']:.2f} ({s['min']:.2f}-{s['max']:.2f})"
ns = lambda s: "n/a" if not s else f"{1e3 / s['median']:.0f}"
print(f"## capacity: one worker on CPU {worker_core}, median (min-max) of {runs} run(s), Mpps\n")
print("| streams | rtp-relay Mpps | ns/pkt wall | ns/pkt per worker CPU-s | testpmd io Mpps | ns/pkt wall | ns/pkt per CPU-s | relay/testpmd (Mpps) | relay/testpmd (per CPU-s) | worker CPU share relay / testpmd | unknown-dest drops |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
nsf = lambda s: "n/a" if not s else f"{s['median']:.0f} ({s['min']:.0f}-{s['max']:.0f})"
pct = lambda s: "n/a" if not s else f"{100 * s['median']:.0f} %"
for r in rows:
    ratio = f"{r['ratio']:.2f}" if "ratio" in r else "n/a"
    cpu_ratio = f"{r['cpu_ratio']:.2f}" if "cpu_ratio" in r else "n/a"
    share = r.get("unknown_destination_share")
    share = "n/a" if share is None else f"{100 * share:.2f} %"
    print(f"| {r['streams']} | {fmt(r['rtp-relay'])} | {ns(r['rtp-relay'])} | {nsf(r['rtp-relay_cpu_ns'])} | "
          f"{fmt(r['testpmd'])} | {ns(r['testpmd'])} | {nsf(r['testpmd_cpu_ns'])} | {ratio} | {cpu_ratio} | "
          f"{pct(r['rtp-relay_cpu_share'])} / {pct(r['testpmd_cpu_share'])} | {share} |")
    for peer in ("rtp-relay", "testpmd"):
        if peer + "_error" in r:
            print(f"\n{r['streams']} streams, {peer}: {r[peer + '_error']}")
print(f"\nmachine: {machine['cpu_model']}, {machine['cpus']} CPUs, kernel {machine['kernel']}, "
      f"load average {machine['load_average'][0]:.2f} at the end")
json.dump({"benchmark": "capacity", "runs": runs, "worker_core": worker_core, "machine": machine,
           "rows": rows, "trials": trials}, open(json_path, "w"), indent=1)
# Exit 1 when any cell is missing, so the ctest smoke run fails when the pipeline breaks.
sys.exit(0 if all(r["rtp-relay"] and r["testpmd"] for r in rows) else 1)
