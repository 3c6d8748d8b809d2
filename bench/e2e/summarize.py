#!/usr/bin/env python3
"""Medians (min-max) over runs of bench/e2e trials: per stream count and peer, the maximum
sustainable rate (full criterion: loss < 0.1 % and p50 <= 1 ms; and loss only), CPU seconds
per million packets at the highest lossless rate, latency at the common half rate, and where
the first lossy trial lost its packets (rtp-relay's drop counters, packets it relayed, the
generator's own missed frames); ratios rtp-relay/rtpengine and rtp-relay/testpmd; markdown
on stdout, JSON to a file."""
import json, os, statistics, subprocess, sys

trials_path, json_path, runs, driver, gen_core, relay_core = sys.argv[1:7]
# "b AES_CM_128_HMAC_SHA1_80": that leg spoke SRTP and the relays converted; testpmd stayed plain.
srtp = sys.argv[7].split() if len(sys.argv) > 7 and sys.argv[7].strip() else None
trials = [json.loads(line) for line in open(trials_path) if line.strip()]
machine = json.loads(subprocess.run(["bash", "-c", f". {os.path.dirname(os.path.abspath(__file__))}/lib.sh; machine_json"],
                                    capture_output=True, text=True).stdout)
PEERS = ("rtp-relay", "rtpengine", "testpmd")


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def per_run(peer, n):
    """Per run: (max passing rate, CPU at it, generator-bound?, latency p50, p99)."""
    out = []
    for run in sorted({t["run"] for t in trials}):
        ts = [t for t in trials if t["peer"] == peer and t["streams"] == n and t["run"] == run]
        if not ts:
            continue
        search = [t for t in ts if t["kind"] == "search"]
        passed = [t for t in search if t["t"]["verdict"] == "pass"]
        top = max(passed, key=lambda t: t["rate"]) if passed else None
        bound = any(t["t"]["verdict"] == "generator-bound" for t in search)
        lat = next((t for t in ts if t["kind"] == "latency"), None)
        climbed = [t for t in ts if t["kind"] in ("search", "ladder")]
        lossless = [t["rate"] for t in climbed if t["t"].get("lossless")]
        ladder_bound = any(t["t"]["verdict"] == "generator-bound" for t in ts if t["kind"] == "ladder")
        top_lossless = max((t for t in climbed if t["t"].get("lossless")), key=lambda t: t["rate"], default=None)
        lossy = sorted((t for t in climbed if not t["t"].get("lossless")), key=lambda t: t["rate"])
        first_lossy = lossy[0] if lossy else None
        out.append({"run": run, "max_rate": top["rate"] if top else 0,
                    "max_lossless_rate": max(lossless) if lossless else 0, "lossless_generator_bound": ladder_bound,
                    "cpu_s_per_mpkt": top_lossless["t"].get("cpu_s_per_mpkt") if top_lossless else None,
                    "first_lossy": None if not first_lossy else {
                        "rate": first_lossy["rate"], "loss": first_lossy["t"].get("loss"),
                        "peer_counters": first_lossy["t"].get("drops"),
                        "generator_rx_missed": first_lossy["t"].get("generator_rx_missed")},
                    "generator_bound": bound, "latency_rate": lat["rate"] if lat else None,
                    "p50_ms": lat["t"].get("p50_ms") if lat else None, "p99_ms": lat["t"].get("p99_ms") if lat else None,
                    "latency_verdict": lat["t"]["verdict"] if lat else None})
    return out


f = lambda s, d=0: "n/a" if not s else f"{s['median']:.{d}f} ({s['min']:.{d}f}-{s['max']:.{d}f})"
summary = []
print(f"## e2e: caller ns A -> peer -> callee ns B, {driver}; rtpgen (DPDK mode, one busy-polling core) on CPU "
      f"{gen_core}, the relay's one worker / rtpengine's one thread / testpmd's forwarding core on CPU {relay_core} "
      f"(2-core machine: 1 core each); median (min-max) of {runs} run(s)"
      + (f"; leg {srtp[0].upper()} SRTP ({srtp[1]}), the relays convert RTP<->SRTP" if srtp else "") + "\n")
print("| streams | peer | max rate (loss < 0.1 %, p50 ≤ 1 ms), pkt/s per direction | max lossless rate (loss < 0.1 % only) | "
      "CPU s per Mpkt at max lossless | latency rate | p50 ms | p99 ms | notes |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
for n in sorted({t["streams"] for t in trials}):
    row = {"streams": n}
    for peer in PEERS:
        rs = per_run(peer, n)
        if not rs:
            continue
        s = {"runs": rs, "max_rate": stats([r["max_rate"] for r in rs]),
             "cpu_s_per_mpkt": stats([r["cpu_s_per_mpkt"] for r in rs]),
             "p50_ms": stats([r["p50_ms"] for r in rs]), "p99_ms": stats([r["p99_ms"] for r in rs]),
             "generator_bound": any(r["generator_bound"] for r in rs),
             "max_lossless_rate": stats([r["max_lossless_rate"] for r in rs]),
             "lossless_generator_bound": any(r["lossless_generator_bound"] for r in rs)}
        row[peer] = s
        notes = "generator fell behind: lossless rate is a lower bound (rtpgen's limit)" \
            if s["lossless_generator_bound"] or s["generator_bound"] else ""
        if srtp and peer == "testpmd":
            notes = "plain RTP: io forward cannot convert (the ceiling)" + ("; " + notes if notes else "")
        print(f"| {n} | {peer} | {f(s['max_rate'])} | {f(s['max_lossless_rate'])} | {f(s['cpu_s_per_mpkt'], 2)} | {rs[0]['latency_rate']} | "
              f"{f(s['p50_ms'], 3)} | {f(s['p99_ms'], 3)} | {notes} |")
    ratios = {}
    rr = row.get("rtp-relay")
    for other in ("rtpengine", "testpmd"):
        o = row.get(other)
        if rr and o and rr["max_rate"] and o["max_rate"] and o["max_rate"]["median"]:
            ratios[f"max_rate rtp-relay/{other}"] = rr["max_rate"]["median"] / o["max_rate"]["median"]
        if rr and o and rr["max_lossless_rate"] and o["max_lossless_rate"] and o["max_lossless_rate"]["median"]:
            ratios[f"max_lossless_rate rtp-relay/{other}"] = rr["max_lossless_rate"]["median"] / o["max_lossless_rate"]["median"]
        if rr and o and rr["cpu_s_per_mpkt"] and o["cpu_s_per_mpkt"]:
            ratios[f"cpu rtp-relay/{other}"] = rr["cpu_s_per_mpkt"]["median"] / o["cpu_s_per_mpkt"]["median"]
    row["ratios"] = ratios
    summary.append(row)
print()
for row in summary:
    if row["ratios"]:
        print(f"{row['streams']} streams: " + ", ".join(f"{k} = {v:.2f}" for k, v in row["ratios"].items()))
print(f"\nmachine: {machine['cpu_model']}, {machine['cpus']} CPUs, kernel {machine['kernel']}, "
      f"load average {machine['load_average'][0]:.2f} at the end")
json.dump({"benchmark": "e2e", "driver": driver, "srtp": {"leg": srtp[0], "suite": srtp[1]} if srtp else None, "runs": int(runs), "generator_core": gen_core,
           "relay_core": relay_core, "machine": machine, "rows": summary, "trials": trials},
          open(json_path, "w"), indent=1)
