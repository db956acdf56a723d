#!/usr/bin/env python3
"""Where real Spark spends time around tasks, read off Spark event logs.

For each event log (plain or .gz JSON lines, as Spark writes them) it prints, in
milliseconds (median, quartiles, extremes):
  - per task: executor deserialisation (an executor's first task vs the later ones),
    result serialisation, getting the result, and the scheduler delay as Spark's UI computes
    it (duration - run - deserialise - result serialisation - getting result);
  - per stage: submission -> first task launch, and how the first wave's launches spread;
  - per job: job start -> its first task launch, last task end -> job end, and the gap from
    one job's end to the next job's start (the driver program's own time between actions).
These are the control-plane costs issue 13 asks the simulator to model.

Usage: scripts/measure-control-plane.py LOG_OR_DIR [...] > results/validation/control-plane-DATE.md
"""
import gzip
import json
import os
import statistics
import sys


def events(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    return  # a cut-off last line


def summary(values):
    if not values:
        return "–"
    v = sorted(values)
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) >= 2 else [v[0]] * 3
    return f"{statistics.median(v):.1f} ({q[0]:.1f}–{q[2]:.1f}; {v[0]:.0f}–{v[-1]:.0f}; n={len(v)})"


def measure(path):
    tasks, stage_submit, stage_launches, jobs, job_stages = [], {}, {}, [], {}
    for e in events(path):
        kind = e.get("Event")
        if kind == "SparkListenerTaskEnd":
            info, metrics = e["Task Info"], e.get("Task Metrics") or {}
            tasks.append((info, metrics, e["Stage ID"]))
        elif kind == "SparkListenerStageSubmitted":
            stage = e["Stage Info"]
            stage_submit[stage["Stage ID"]] = stage.get("Submission Time")
        elif kind == "SparkListenerTaskStart":
            stage_launches.setdefault(e["Stage ID"], []).append(e["Task Info"]["Launch Time"])
        elif kind == "SparkListenerJobStart":
            jobs.append({"id": e["Job ID"], "start": e["Submission Time"], "stages": e.get("Stage IDs", [])})
        elif kind == "SparkListenerJobEnd":
            for job in jobs:
                if job["id"] == e["Job ID"]:
                    job["end"] = e["Completion Time"]
    first_seen, deser_first, deser_later, ser, getting, delay = set(), [], [], [], [], []
    for info, m, _ in sorted(tasks, key=lambda t: t[0]["Launch Time"]):
        executor = info["Executor ID"]
        d = m.get("Executor Deserialize Time", 0)
        (deser_later if executor in first_seen else deser_first).append(d)
        first_seen.add(executor)
        ser.append(m.get("Result Serialization Time", 0))
        get = info.get("Getting Result Time", 0) or 0
        if get:
            get = max(0, info["Finish Time"] - get)
        getting.append(get)
        duration = info["Finish Time"] - info["Launch Time"]
        delay.append(max(0, duration - m.get("Executor Run Time", 0) - d - m.get("Result Serialization Time", 0) - get))
    to_first_launch, spread = [], []
    for stage, submitted in stage_submit.items():
        launches = sorted(stage_launches.get(stage, []))
        if submitted and launches:
            to_first_launch.append(launches[0] - submitted)
            wave = [t for t in launches if t - launches[0] < 50]  # launched in one offer burst
            spread.append(wave[-1] - wave[0])
    job_to_launch, end_to_job_end, gaps = [], [], []
    finish_by_stage = {}
    for info, _, stage in tasks:
        finish_by_stage[stage] = max(finish_by_stage.get(stage, 0), info["Finish Time"])
    ordered = sorted(jobs, key=lambda j: j["start"])
    for job in ordered:
        launches = [t for s in job["stages"] for t in stage_launches.get(s, [])]
        finishes = [finish_by_stage[s] for s in job["stages"] if s in finish_by_stage]
        if launches:
            job_to_launch.append(min(launches) - job["start"])
        if finishes and "end" in job:
            end_to_job_end.append(job["end"] - max(finishes))
    for a, b in zip(ordered, ordered[1:]):
        if "end" in a:
            gaps.append(b["start"] - a["end"])
    return [
        ("tasks", len(tasks)),
        ("deserialise, executor's first task", summary(deser_first)),
        ("deserialise, later tasks", summary(deser_later)),
        ("result serialisation", summary(ser)),
        ("getting result", summary(getting)),
        ("scheduler delay (UI formula)", summary(delay)),
        ("stage submitted -> first launch", summary(to_first_launch)),
        ("first wave launch spread", summary(spread)),
        ("job start -> first launch", summary(job_to_launch)),
        ("last task end -> job end", summary(end_to_job_end)),
        ("job end -> next job start (driver)", summary(gaps)),
    ]


def main(paths):
    logs = []
    for p in paths:
        if os.path.isdir(p):
            logs += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith((".jsonl", ".jsonl.gz", ".gz")))
        else:
            logs.append(p)
    print("# Control-plane time in real Spark event logs\n")
    print("Milliseconds: median (quartiles; min–max; count). Produced by `scripts/measure-control-plane.py`.\n")
    for log in logs:
        print(f"## {os.path.basename(log)}\n")
        print("| quantity | ms |\n| --- | --- |")
        for name, value in measure(log):
            print(f"| {name} | {value} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1:] or ["."])
