#!/usr/bin/env python3
"""Re-creates a real Spark application from its event log as a sparksim scripted scenario.

Usage:
    scripts/recreate-spark-replay.py EVENTLOG.jsonl[.gz] NAME OUT.yaml [--summary SUMMARY.json]

What the scenario keeps from the log (a hand-made stand-in for `sparksim import`, which is
not built yet):
  * the master (`spark.master`) and so the executors: local-cluster[E,C,MB] or local[N];
  * every job in submission order: the first at its submission instant (from the
    application's start, minus the control plane's default job_submit of 5 ms), each later
    one `after:` the previous with `driver_time:` = the real gap between that job's end and
    the next job's start, minus the same 5 ms;
  * every stage that ran, with its parents (a stage skipped because an earlier job ran the
    same shuffle map stage is named as that earlier job's stage, `job0.s0`, so sparksim
    skips it too), barrier flag, per-partition `durations` = each successful task's
    Executor Run Time (Spark's executorRunTime: what sparksim's `duration` means) and
    per-partition shuffle `output_bytes`;
  * for a barrier stage whose script recorded its barrier() entry and exit per round
    (`--summary`, key driver.task_timings), the calls as `partition_syncs`: each call after
    the work done before it, the blocked time left out of the work (sparksim blocks a task
    in a sync as Spark's BarrierTaskContext does, on its 1 s poll).
What the simulation adds is everything else: the control plane (`engine.control_plane:
default`): task serialisation and launch, deserialisation and JVM warm-up, result handling,
stage and job submission. There is no `network:` section: the measured run times already
contain the shuffle fetch waits.

Real application time (ApplicationStart -> ApplicationEnd) and job durations are written in
the header for comparison; Tests/LabTests/Conformance/SparkReplayRecreationTests.swift holds
the simulation to them.
"""
import argparse
import gzip
import json
import statistics


def read_events(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def ms(value):
    return f"{int(round(value))}ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("eventlog")
    parser.add_argument("name")
    parser.add_argument("out")
    parser.add_argument("--summary")
    args = parser.parse_args()

    app_start = app_end = None
    master = None
    jobs = {}          # job id -> {submit, end, stages: [stage info]}
    stage_tasks = {}   # stage id -> {partition: (run_ms, bytes_written, launch, deser)}
    submitted = set()  # stage ids that ran (StageSubmitted)
    for e in read_events(args.eventlog):
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif kind == "SparkListenerEnvironmentUpdate":
            master = e["Spark Properties"].get("spark.master", master)
        elif kind == "SparkListenerJobStart":
            jobs[e["Job ID"]] = {"submit": e["Submission Time"], "stages": e["Stage Infos"]}
        elif kind == "SparkListenerJobEnd":
            jobs[e["Job ID"]]["end"] = e["Completion Time"]
        elif kind == "SparkListenerStageSubmitted":
            submitted.add(e["Stage Info"]["Stage ID"])
        elif kind == "SparkListenerTaskEnd":
            info = e["Task Info"]
            if info.get("Failed") or info.get("Killed") or e["Task End Reason"]["Reason"] != "Success":
                continue
            metrics = e["Task Metrics"]
            written = metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
            stage_tasks.setdefault(e["Stage ID"], {})[info["Index"]] = (
                metrics["Executor Run Time"], written, info["Launch Time"], metrics["Executor Deserialize Time"])

    summary = json.load(open(args.summary)) if args.summary else None
    timings = {}
    if summary and summary.get("driver", {}).get("task_timings"):
        timings = {t["partition"]: t for t in summary["driver"]["task_timings"]}

    def map_stage_job(job, infos):
        # A map-stage job (AQE's exchange jobs): its last stage is a shuffle-map stage,
        # i.e. it wrote shuffle output.
        last = max(infos, key=lambda s: s["Stage ID"])
        tasks = stage_tasks.get(last["Stage ID"], {})
        return any(t[1] for t in tasks.values())

    def identity(info):
        return max(r["RDD ID"] for r in info["RDD Info"])

    ran_in = {}  # rdd identity of a stage that ran -> (job name, stage name)
    lines = []
    order = sorted(jobs)
    real_durations = []
    previous_end = None
    job_submit = 5
    for job_id in order:
        job = jobs[job_id]
        name = f"job{job_id}"
        real_durations.append(job["end"] - job["submit"])
        head = f"    - name: {name}\n"
        if previous_end is None:
            head += f"      submit_at: {ms(job['submit'] - app_start - job_submit)}\n"
        else:
            gap = max(0, job["submit"] - previous_end - job_submit)
            head += f"      after: job{order[order.index(job_id) - 1]}\n      driver_time: {ms(gap)}\n"
        previous_end = job["end"]
        infos = sorted(job["stages"], key=lambda s: s["Stage ID"])
        local = {}  # stage id -> reference in this job
        stage_lines = []
        for info in infos:
            sid = info["Stage ID"]
            if sid not in submitted or sid not in stage_tasks:
                local[sid] = ".".join(ran_in[identity(info)])
                continue
            local[sid] = f"s{sid}"
        for info in infos:
            sid = info["Stage ID"]
            if local[sid] != f"s{sid}":
                continue
            ran_in[identity(info)] = (name, f"s{sid}")
            tasks = stage_tasks[sid]
            count = info["Number of Tasks"]
            assert sorted(tasks) == list(range(count)), f"stage {sid}: missing successful tasks"
            barrier = any(r.get("Barrier") for r in info["RDD Info"])
            parents = [local[p] for p in sorted(info["Parent IDs"])]
            durations = [tasks[p][0] for p in range(count)]
            syncs = {}
            if barrier and timings:
                for p in range(count):
                    t = timings[p]
                    run_start = (tasks[p][2] + tasks[p][3]) / 1000.0
                    blocked = 0.0
                    calls = []
                    for r in t["rounds"]:
                        calls.append(max(0.0, r["barrier_enter"] - run_start - blocked))
                        blocked += r["barrier_exit"] - r["barrier_enter"]
                    durations[p] = max(tasks[p][0] - blocked * 1000.0, calls[-1] * 1000.0 + 1)
                    syncs[p] = calls
            entry = f"        - name: s{sid}\n          tasks: {count}\n"
            if parents:
                entry += f"          parents: [{', '.join(parents)}]\n"
            if barrier:
                entry += "          barrier: true\n"
            entry += f"          durations: [{', '.join(ms(d) for d in durations)}]\n"
            written = [tasks[p][1] for p in range(count)]
            if any(written):
                entry += f"          output_bytes: [{', '.join(str(b) for b in written)}]\n"
            if syncs:
                entry += "          partition_syncs:\n"
                for p in range(count):
                    calls = ", ".join(f"{{after: {ms(c * 1000.0)}}}" for c in syncs[p])
                    entry += f"            {p}: [{calls}]\n"
            stage_lines.append(entry)
        if map_stage_job(job, infos):
            head += "      map_stage: true\n"
        lines.append(head + "      stages:\n" + "".join(stage_lines))

    real_app = app_end - app_start
    median_job = statistics.median(real_durations)
    header = [
        f"# Real Spark 4.3 application re-created from its event log by scripts/recreate-spark-replay.py",
        f"# (source: the project's validation set, spark-replay/{args.eventlog.split('/')[-1]}).",
        f"# Real: application {real_app} ms (ApplicationStart -> ApplicationEnd), {len(order)} jobs,",
        f"# median job {median_job:g} ms; job durations (ms): {', '.join(str(d) for d in real_durations)}.",
        "# Each task's duration is its real executorRunTime; the control plane (engine.control_plane:",
        "# default) adds the rest. Regenerate with the command in this script's header.",
    ]
    with open(args.out, "w") as f:
        f.write("\n".join(header) + "\n")
        f.write(f"name: {args.name}\nseed: 1\ncluster: {{master: \"{master}\"}}\n")
        f.write("workload:\n  kind: scripted\n  jobs:\n")
        f.write("".join(lines))


if __name__ == "__main__":
    main()
