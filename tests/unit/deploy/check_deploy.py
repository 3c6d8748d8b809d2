#!/usr/bin/env python3
"""Structural checks of deploy/: the Grafana dashboard and the alert rules may only use
metric names that the exporter really exports (read from a scrape printed by dump_metrics).

usage: check_deploy.py DUMP_METRICS_BINARY DEPLOY_DIR
"""
import json
import re
import subprocess
import sys

import yaml

NAME = re.compile(r"\brtp_relay_[a-zA-Z0-9_]+")
SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "summary": ("_sum", "_count")}


def exported_names(dump_binary):
    text = subprocess.run([dump_binary], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split()
            names.add(name)
            names.update(name + s for s in SUFFIXES.get(kind, ()))
    if not names:
        sys.exit("dump_metrics printed no families")
    return names


def unknown(expr, names):
    return sorted(set(NAME.findall(expr)) - names)


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # collapsed rows keep their panels inside


def check_dashboard(path, names):
    problems = []
    dashboard = json.load(open(path))  # raises on invalid JSON: the test fails with the position
    variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
    for required in ("datasource", "call_id"):
        if required not in variables:
            problems.append(f"dashboard: no template variable {required}")
    for name, variable in variables.items():
        query = variable.get("query", "")
        query = query.get("query", "") if isinstance(query, dict) else query
        problems += [f"variable {name}: unknown metric {m}" for m in unknown(query, names)]
    call_panels = 0
    for panel in panels_of(dashboard):
        if panel.get("type") == "row":
            continue
        title = panel.get("title", f"panel {panel.get('id')}")
        if not panel.get("datasource"):
            problems.append(f"{title}: no datasource")
        targets = panel.get("targets") or []
        if not targets:
            problems.append(f"{title}: no targets")
        for target in targets:
            expr = target.get("expr", "")
            if not expr:
                problems.append(f"{title}: target {target.get('refId')} has no expr")
            problems += [f"{title}: unknown metric {m}" for m in unknown(expr, names)]
            if "$call_id" in expr:
                call_panels += 1
    if call_panels == 0:
        problems.append("dashboard: no panel uses $call_id")
    return problems


def check_rules(path, names):
    problems = []
    for group in yaml.safe_load(open(path))["groups"]:
        for rule in group["rules"]:
            label = rule.get("alert") or rule.get("record")
            problems += [f"rule {label}: unknown metric {m}" for m in unknown(rule["expr"], names)]
    return problems


def main():
    dump_binary, deploy_dir = sys.argv[1], sys.argv[2]
    names = exported_names(dump_binary)
    problems = check_dashboard(f"{deploy_dir}/grafana/rtp-relay-dashboard.json", names)
    problems += check_rules(f"{deploy_dir}/prometheus/rules.yml", names)
    for problem in problems:
        print(problem)
    print(f"{len(names)} exported names, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
