#!/usr/bin/env python3
"""Writes a large Spark event log for timing `sparksim import` and `sparksim replay`.

Usage: scripts/make-big-eventlog.py OUT.jsonl [COPIES]

Takes the public tiny_tasks log (scenarios/replay/logs/tiny_tasks__local-cluster-2-2-1024__rep1.jsonl.gz:
a first job of one stage of 2,000 tasks) and writes its header events, then that job COPIES times
(default 50: 100,000 tasks) as jobs 0..COPIES-1, each with its own stage id, RDD ids, task ids and
times shifted after the previous copy, then the application end. Deterministic: the same output
every time (352 MB for 50 copies).
"""
import gzip
import json
import sys

SOURCE = "scenarios/replay/logs/tiny_tasks__local-cluster-2-2-1024__rep1.jsonl.gz"


def main():
    out_path = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    events = [json.loads(line) for line in gzip.open(SOURCE, "rt")]
    head, job, end = [], [], []
    state = 0
    for event in events:
        kind = event["Event"]
        if kind == "SparkListenerJobStart" and event["Job ID"] == 0:
            state = 1
        if state == 0:
            head.append(event)
        elif state == 1:
            job.append(event)
            if kind == "SparkListenerJobEnd":
                state = 2
        elif kind == "SparkListenerApplicationEnd":
            end.append(event)
    span = job[-1]["Completion Time"] - job[0]["Submission Time"] + 100
    with open(out_path, "w") as out:
        for event in head:
            out.write(json.dumps(event) + "\n")
        for k in range(copies):
            for original in job:
                event = json.loads(json.dumps(original))
                kind = event["Event"]
                shift = k * span

                def move(record, keys):
                    for key in keys:
                        if isinstance(record.get(key), int):
                            record[key] += shift

                if kind == "SparkListenerJobStart":
                    event["Job ID"] = k
                    move(event, ["Submission Time"])
                    event["Stage IDs"] = [k]
                    for info in event["Stage Infos"]:
                        info["Stage ID"] = k
                        for rdd in info["RDD Info"]:
                            rdd["RDD ID"] += k * 10
                elif kind in ("SparkListenerStageSubmitted", "SparkListenerStageCompleted"):
                    info = event["Stage Info"]
                    info["Stage ID"] = k
                    move(info, ["Submission Time", "Completion Time"])
                    for rdd in info["RDD Info"]:
                        rdd["RDD ID"] += k * 10
                elif kind in ("SparkListenerTaskStart", "SparkListenerTaskEnd"):
                    event["Stage ID"] = k
                    move(event["Task Info"], ["Launch Time", "Finish Time"])
                    event["Task Info"]["Task ID"] += k * 100000
                elif kind == "SparkListenerJobEnd":
                    event["Job ID"] = k
                    move(event, ["Completion Time"])
                out.write(json.dumps(event) + "\n")
        for event in end:
            event["Timestamp"] = job[0]["Submission Time"] + copies * span + 100
            out.write(json.dumps(event) + "\n")


if __name__ == "__main__":
    main()
