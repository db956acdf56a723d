#!/usr/bin/env python3
"""What it costs real Spark to move rows from the JVM to Python workers.

Measures, on the machine it runs on (pyspark 4.3.0, master local[2] by default), the time
to stream N rows of C double columns from the JVM into Python and consume them there:

  pickle      df.rdd.mapPartitions(f).collect(): the JVM pickles rows (SerDeUtil's
              AutoBatchedPickler), the Python worker unpickles them into Row objects and
              f walks them (sums column c0) and yields one small tuple per partition.
              This is what rdd.barrier().mapPartitions training code sees.
  arrow       df.mapInArrow(f): the JVM writes Arrow record batches of
              spark.sql.execution.arrow.maxRecordsPerBatch rows (default 10000), f walks
              the pyarrow.RecordBatch objects (pyarrow.compute.sum of c0) and yields one
              small batch per partition.
  pandas      df.mapInPandas(f): the same Arrow stream, each batch turned into a
              pandas.DataFrame (all C columns) before f sees it.
  noop        df.write.format("noop"): the JVM alone generating and iterating the rows
              (no Python); shows how much of the above is data generation.
  topandas    (optional, --topandas) df.toPandas() with
              spark.sql.execution.arrow.pyspark.enabled true and false.

The data is generated on the fly, spark.range(0, N, 1, P) with C columns
c_k = CAST(id AS DOUBLE) * (k + 1.5) * 1e-3, so every path pays the same (tiny, see noop)
generation cost; nothing is cached. P = 2 partitions by default, one task per core of
local[2], so every task gets N/P rows.

Every configuration runs --reps times (default 5), one job at a time. Repetitions are the
outer loop (all configurations once, then all again ...) so that a slow drift in the
machine's load spreads over every configuration; the load average and nproc are recorded
before each round. Warm-up jobs (Python worker start, JIT) run first and are not counted,
and in every round an uncounted tiny job of a path precedes that path's first measured job
(Spark stops Python workers idle for a minute; a new worker's start, about 0.5-1 s of
imports, would otherwise land in whichever job comes first).
A tiny configuration (N = 2000) per path and C is the baseline for job overhead.

Other work on the machine (a compiler, a test run) distorts the timings, so the script
  - waits before each job (up to --quiet-wait s) until processes outside its own tree
    (this driver, its JVM and the JVM's Python workers) use under 0.3 cores;
  - measures, from /proc, the CPU seconds those other processes used during each job;
  - leaves jobs during which they used more than --max-other-cores cores on average out
    of the medians and fits (they stay in OUT.json, and "wall_s_all_jobs" has the
    medians over every job), and runs up to --extra-rounds more rounds of the
    configurations that have fewer than --reps jobs left (none starts after
    --max-minutes).

For every job the script records the driver-side wall time, and from Spark's event log
(enabled, not rolling, uncompressed; read after the session stops) each task's launch and
finish, Executor Run Time, Executor CPU Time (the JVM task thread only) and GC time. Python
also reports the seconds f spent from its first call to its last row.

Fits (numpy least squares, on the medians over repetitions, after subtracting the tiny
baseline of the same path and C):
  pickle:        t = a + b*rows + c*bytes           (bytes = rows*C*8)
  arrow/pandas:  t = a + b*batches + c*bytes        (batches = ceil(rows/maxRecordsPerBatch))
each for the job's wall time (rows = N) and for the mean task run time (rows = N/P), and
each also without the constant a ("|origin"; sparksim's exchange cost has no constant). With
--batch-sizes, arrow and pandas also run at N = --batch-size-n with other
maxRecordsPerBatch values; the fits "all-batches" (batches and bytes) and
"all-batches-rows" (t = a + rows*x + batches*z + bytes*c) use those points too, so that
a per-batch cost is told apart from a per-row one (at the default batch size the two are
proportional and "ns_per_batch" holds both).
`OUT.json --refit` recomputes the medians and fits of an existing OUT.json.

Usage:
  <venv>/bin/python scripts/measure-python-exchange.py OUT.json [--reps 5]
      [--sizes 200000,1000000,4000000] [--cols 2,20] [--paths pickle,arrow,pandas,noop]
      [--master 'local[2]'] [--partitions 2] [--batch-sizes 1000,100000]
      [--batch-size-n 1000000] [--topandas] [--topandas-sizes 200000,1000000]
      [--event-dir DIR] [--quiet-wait 20] [--max-other-cores 0.25] [--extra-rounds 4]
      [--max-minutes 35]
Writes OUT.json (every job, the medians, the fits) and prints a Markdown summary.
Session configuration follows the project's real runs: event log on and not rolling,
UI off, driver bound to 127.0.0.1 (SPARK_LOCAL_IP too), log level ERROR.
"""
import argparse
import glob
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

TINY_N = 2000
DEFAULT_BATCH = 10000


# ---------------------------------------------------------------------------
# Python-side consumers (they run in the Python workers)

def consume_rows(it):
    t0 = time.perf_counter()
    n, s = 0, 0.0
    for r in it:
        n += 1
        s += r[0]
    yield (n, 0, s, time.perf_counter() - t0)


def consume_arrow(it):
    import pyarrow as pa
    import pyarrow.compute as pc
    t0 = time.perf_counter()
    n, nb, s = 0, 0, 0.0
    for b in it:
        nb += 1
        n += b.num_rows
        v = pc.sum(b.column(0)).as_py()
        s += v or 0.0
    yield pa.RecordBatch.from_pydict({"n": [n], "nb": [nb], "s": [s],
                                      "py_s": [time.perf_counter() - t0]})


def consume_pandas(it):
    import pandas as pd
    t0 = time.perf_counter()
    n, nb, s = 0, 0, 0.0
    for pdf in it:
        nb += 1
        n += len(pdf)
        s += float(pdf["c0"].sum())
    yield pd.DataFrame({"n": [n], "nb": [nb], "s": [s], "py_s": [time.perf_counter() - t0]})


OUT_SCHEMA = "n long, nb long, s double, py_s double"


# ---------------------------------------------------------------------------

def machine_info():
    info = {"nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)),
            "platform": platform.platform(), "python": sys.version.split()[0]}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["mem_total_kib"] = int(f.readline().split()[1])
    except OSError:
        pass
    try:
        info["java"] = subprocess.run(["java", "-version"], capture_output=True,
                                      text=True).stderr.splitlines()[0]
    except Exception as e:  # noqa
        info["java"] = repr(e)
    for mod in ("pyspark", "py4j", "numpy", "pandas", "pyarrow"):
        try:
            info[mod] = __import__(mod).__version__
        except Exception as e:  # noqa
            info[mod] = repr(e)
    return info


def load_snapshot():
    la = os.getloadavg()
    return {"epoch": round(time.time(), 3), "nproc": os.cpu_count(),
            "loadavg": [round(x, 2) for x in la]}


CLK = os.sysconf("SC_CLK_TCK")


def cpu_busy_jiffies():
    """all CPUs' busy time (everything but idle and iowait), in clock ticks."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - v[4]


def tree_jiffies(root):
    """CPU ticks of root and all its descendants (self + reaped children)."""
    kids, ticks = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                st = f.read()
        except OSError:
            continue
        rest = st[st.rfind(")") + 2:].split()
        pid, ppid = int(d), int(rest[1])
        kids.setdefault(ppid, []).append(pid)
        ticks[pid] = sum(int(x) for x in rest[11:15])  # utime stime cutime cstime
    total, stack = 0, [root]
    while stack:
        p = stack.pop()
        total += ticks.get(p, 0)
        stack.extend(kids.get(p, []))
    return total


class OtherCpu:
    """CPU seconds used by processes outside this script's process tree (the JVM,
    its Python workers) between start() and stop(): the measure of interference."""

    def start(self):
        self.b0, self.m0, self.t0 = cpu_busy_jiffies(), tree_jiffies(os.getpid()), time.perf_counter()

    def stop(self):
        b, m = cpu_busy_jiffies() - self.b0, tree_jiffies(os.getpid()) - self.m0
        dt = time.perf_counter() - self.t0
        return {"other_cpu_s": round(max(0, b - m) / CLK, 3),
                "own_cpu_s": round(m / CLK, 3), "interval_s": round(dt, 3)}


def wait_for_quiet(max_wait_s, window_s=0.5, max_other_cores=0.3):
    """Before a job (Spark idle): wait until other processes use under max_other_cores
    cores over a window_s window, at most max_wait_s. Returns the seconds waited and
    the last window's reading."""
    t0 = time.perf_counter()
    while True:
        o = OtherCpu()
        o.start()
        time.sleep(window_s)
        r = o.stop()
        cores = r["other_cpu_s"] / r["interval_s"]
        if cores <= max_other_cores or time.perf_counter() - t0 >= max_wait_s:
            return round(time.perf_counter() - t0, 3), round(cores, 2)


def make_df(spark, n, c, parts):
    cols = [f"CAST(id AS DOUBLE) * {k + 1.5} * 1e-3 AS c{k}" for k in range(c)]
    return spark.range(0, n, 1, parts).selectExpr(*cols)


def run_one(spark, sc, path, n, c, parts, batch, tag):
    """Runs one job; returns the driver wall time and what Python reported."""
    sc.setJobGroup(tag, tag)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch))
    df = make_df(spark, n, c, parts)
    t0 = time.perf_counter()
    if path == "pickle":
        out = df.rdd.mapPartitions(consume_rows).collect()
        py = [{"n": o[0], "nb": o[1], "s": o[2], "py_s": o[3]} for o in out]
    elif path == "arrow":
        out = df.mapInArrow(consume_arrow, OUT_SCHEMA).collect()
        py = [r.asDict() for r in out]
    elif path == "pandas":
        out = df.mapInPandas(consume_pandas, OUT_SCHEMA).collect()
        py = [r.asDict() for r in out]
    elif path == "noop":
        df.write.format("noop").mode("overwrite").save()
        py = []
    elif path in ("topandas-arrow", "topandas-pickle"):
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled",
                       "true" if path == "topandas-arrow" else "false")
        pdf = df.toPandas()
        py = [{"n": len(pdf), "s": float(pdf["c0"].sum())}]
        del pdf
    else:
        raise ValueError(path)
    wall = time.perf_counter() - t0
    if path not in ("noop",) and not path.startswith("topandas"):
        got = sum(p["n"] for p in py)
        assert got == n, (tag, got, n)
    return wall, py


def read_event_log(event_dir, app_id):
    """job group -> list of task records (all stages of all its jobs)."""
    files = [f for f in glob.glob(os.path.join(event_dir, "*")) if app_id in os.path.basename(f)]
    if not files:
        return {}
    stage_group, tasks = {}, {}
    with open(files[0]) as f:
        for line in f:
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                break
            ev = e.get("Event")
            if ev == "SparkListenerJobStart":
                g = (e.get("Properties") or {}).get("spark.jobGroup.id")
                for s in e.get("Stage IDs", []):
                    stage_group[s] = g
            elif ev == "SparkListenerTaskEnd":
                g = stage_group.get(e["Stage ID"])
                ti, tm = e["Task Info"], e.get("Task Metrics") or {}
                tasks.setdefault(g, []).append({
                    "stage": e["Stage ID"], "index": ti["Index"],
                    "launch_ms": ti["Launch Time"], "finish_ms": ti["Finish Time"],
                    "dur_ms": ti["Finish Time"] - ti["Launch Time"],
                    "run_ms": tm.get("Executor Run Time"),
                    "cpu_ms": round((tm.get("Executor CPU Time") or 0) / 1e6, 3),
                    "deser_ms": tm.get("Executor Deserialize Time"),
                    "gc_ms": tm.get("JVM GC Time"),
                    "reason": (e.get("Task End Reason") or {}).get("Reason")})
    return tasks


def med_range(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def lstsq(rows, names, intercept=True):
    """rows: list of (features..., y). Returns coefficients and residuals."""
    import numpy as np
    X = np.array([([1.0] if intercept else []) + list(r[:-1]) for r in rows])
    y = np.array([r[-1] for r in rows])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    pred = X @ coef
    return {"coef": dict(zip((["a"] if intercept else []) + names, [float(v) for v in coef])),
            "points": [{"x": list(r[:-1]), "y": float(r[-1]), "pred": float(p),
                        "resid_pct": (float((r[-1] - p) / r[-1] * 100) if r[-1] else None)}
                       for r, p in zip(rows, pred)]}


def analyse(result):
    """medians per configuration (jobs with interference left out) and the fits."""
    P = result["partitions"]
    limit = result["max_other_cores"]
    configs = []
    for j in result["jobs"]:
        k = (j["path"], j["n"], j["c"], j["batch"])
        if k not in configs:
            configs.append(k)
    med = []
    for (path, n, c, batch) in configs:
        alljs = [j for j in result["jobs"] if (j["path"], j["n"], j["c"], j["batch"]) == (path, n, c, batch)]
        js = [j for j in alljs if j["interference"]["other_cores"] <= limit]
        med.append({"path": path, "n": n, "c": c, "batch": batch,
                    "jobs_kept": len(js), "jobs_run": len(alljs),
                    "wall_s_all_jobs": med_range([j["wall_s"] for j in alljs]),
                    "rows_per_task": n // P, "bytes": n * c * 8,
                    "wall_s": med_range([j["wall_s"] for j in js]),
                    "task_run_ms": med_range([j["task_run_ms_mean"] for j in js]),
                    "task_dur_ms": med_range([j["task_dur_ms_mean"] for j in js]),
                    "task_cpu_ms": med_range([j["task_cpu_ms_mean"] for j in js]),
                    "py_s": med_range([j["py_s_mean"] for j in js])})
    result["medians"] = med

    # fits, after subtracting the tiny baseline (same path, C)
    def base(path, c, key):
        for m in med:
            if (m["path"], m["n"], m["c"], m["batch"]) == (path, TINY_N, c, DEFAULT_BATCH) and m[key]:
                return m[key]["median"]
        return 0.0

    fits = {}
    for path in dict.fromkeys(k[0] for k in configs):
        arrowish = path in ("arrow", "pandas")
        for key, scale, per_task in (("wall_s", 1e9, False), ("task_run_ms", 1e6, True)):
            varied = any(m["path"] == path and m["batch"] != DEFAULT_BATCH for m in med)
            variants = (["default-batch", "all-batches", "all-batches-rows"] if arrowish and varied
                        else ["default-batch"])
            for variant in variants:
                pts = []
                for m in med:
                    if m["path"] != path or m["n"] == TINY_N or not m[key]:
                        continue
                    if variant == "default-batch" and m["batch"] != DEFAULT_BATCH:
                        continue
                    rows = m["rows_per_task"] if per_task else m["n"]
                    nbytes = rows * m["c"] * 8
                    y = (m[key]["median"] - base(path, m["c"], key)) * scale  # ns
                    if arrowish:
                        batches = (math.ceil(rows / m["batch"]) if per_task
                                   else P * math.ceil((m["n"] // P) / m["batch"]))
                        if variant == "all-batches-rows":
                            pts.append((rows, batches, nbytes, y))
                            names = ["ns_per_row", "ns_per_batch", "ns_per_byte"]
                        else:
                            pts.append((batches, nbytes, y))
                            names = ["ns_per_batch", "ns_per_byte"]
                    else:
                        pts.append((rows, nbytes, y))
                        names = ["ns_per_row", "ns_per_byte"]
                if len(pts) > len(names):
                    fits[f"{path}|{key}|{variant}"] = lstsq(pts, names)
                    # sparksim's exchange cost has no constant term: the same fit through 0
                    fits[f"{path}|{key}|{variant}|origin"] = lstsq(pts, names, intercept=False)
    result["fits"] = fits


def report(result):
    """prints the medians table and the fits (Markdown)."""
    med, fits = result["medians"], result["fits"]
    print("\n| path | N | C | batch | jobs kept/run | wall s median (min–max) | task run ms median (min–max) | python s median |")
    print("|---|---|---|---|---|---|---|---|")
    fr = lambda d, fmt: "–" if not d else (fmt.format(d["median"]) + " (" + fmt.format(d["min"]) + "–" + fmt.format(d["max"]) + ")")
    for m in med:
        w, r, p = m["wall_s"], m["task_run_ms"], m["py_s"]
        print(f"| {m['path']} | {m['n']:,} | {m['c']} | {m['batch']} | {m['jobs_kept']}/{m['jobs_run']} | {fr(w, '{:.3f}')} | {fr(r, '{:.0f}')} | "
              f"{'–' if not p else format(p['median'], '.3f')} |")
    print()
    for k, v in fits.items():
        print(k, {a: round(b, 3) for a, b in v["coef"].items()},
              "resid %:", [None if p["resid_pct"] is None else round(p["resid_pct"], 1) for p in v["points"]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sizes", default="200000,1000000,4000000")
    ap.add_argument("--cols", default="2,20")
    ap.add_argument("--paths", default="pickle,arrow,pandas,noop")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--batch-sizes", default="1000,100000",
                    help="extra maxRecordsPerBatch values for arrow/pandas ('' = none)")
    ap.add_argument("--batch-size-n", type=int, default=1000000)
    ap.add_argument("--topandas", action="store_true")
    ap.add_argument("--topandas-sizes", default="200000,1000000")
    ap.add_argument("--driver-memory", default="6g")
    ap.add_argument("--event-dir", default=None)
    ap.add_argument("--quiet-wait", type=float, default=20.0,
                    help="before each job wait up to this many seconds for other processes "
                         "to use < 0.3 cores (0 = do not wait)")
    ap.add_argument("--extra-rounds", type=int, default=4)
    ap.add_argument("--max-minutes", type=float, default=35.0,
                    help="no extra round starts after this many minutes")
    ap.add_argument("--max-other-cores", type=float, default=0.25,
                    help="jobs during which other processes used more than this many cores "
                         "on average are left out of the medians and fits")
    ap.add_argument("--refit", action="store_true",
                    help="run nothing: recompute the medians and fits of an existing OUT.json "
                         "(with this --max-other-cores) and rewrite it")
    args = ap.parse_args()
    if args.refit:
        with open(args.out) as f:
            result = json.load(f)
        result["max_other_cores"] = args.max_other_cores
        analyse(result)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
        report(result)
        return

    sizes = [int(x) for x in args.sizes.split(",") if x]
    cols = [int(x) for x in args.cols.split(",") if x]
    paths = [p for p in args.paths.split(",") if p]
    extra_batches = [int(x) for x in args.batch_sizes.split(",") if x]
    P = args.partitions
    event_dir = os.path.abspath(args.event_dir or (os.path.splitext(args.out)[0] + ".events"))
    os.makedirs(event_dir, exist_ok=True)

    # the configurations: (path, N, C, maxRecordsPerBatch)
    configs = []
    for path in paths:
        for c in cols:
            configs.append((path, TINY_N, c, DEFAULT_BATCH))
            for n in sizes:
                configs.append((path, n, c, DEFAULT_BATCH))
            if path in ("arrow", "pandas"):
                for b in extra_batches:
                    configs.append((path, args.batch_size_n, c, b))
    if args.topandas:
        for path in ("topandas-arrow", "topandas-pickle"):
            for c in cols:
                for n in [TINY_N] + [int(x) for x in args.topandas_sizes.split(",") if x]:
                    configs.append((path, n, c, DEFAULT_BATCH))

    from pyspark.sql import SparkSession
    t_start = time.time()
    b = (SparkSession.builder.master(args.master).appName("measure-python-exchange")
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", "file://" + event_dir)
         .config("spark.eventLog.compress", "false")
         .config("spark.eventLog.rolling.enabled", "false")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.driver.memory", args.driver_memory)
         .config("spark.driver.maxResultSize", "4g"))
    t0 = time.perf_counter()
    spark = b.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    session_s = time.perf_counter() - t0
    app_id = sc.applicationId
    print(f"session {session_s:.1f} s, app {app_id}, Spark {spark.version}", flush=True)

    result = {"machine": machine_info(), "spark_version": spark.version, "app_id": app_id,
              "master": args.master, "partitions": P, "reps": args.reps,
              "argv": sys.argv, "session_start_s": round(session_s, 3),
              "load_before_warmup": load_snapshot(), "rounds": [], "jobs": []}

    # warm-up: Python workers, JIT of every path (not counted)
    for path in paths + (["topandas-arrow", "topandas-pickle"] if args.topandas else []):
        for n in (TINY_N, 200000):
            run_one(spark, sc, path, n, max(cols), P, DEFAULT_BATCH, f"warmup|{path}|{n}")

    def kept(cfg):
        return sum(1 for j in result["jobs"]
                   if (j["path"], j["n"], j["c"], j["batch"]) == cfg
                   and j["interference"]["other_cores"] <= args.max_other_cores)

    # --reps rounds of every configuration, then up to --extra-rounds rounds of the
    # configurations that have fewer than --reps jobs without interference
    deadline = time.time() + args.max_minutes * 60
    for rnd in range(1, args.reps + args.extra_rounds + 1):
        todo = configs if rnd <= args.reps else [k for k in configs if kept(k) < args.reps]
        if not todo or (rnd > args.reps and time.time() > deadline):
            break
        snap = load_snapshot()
        snap["round"] = rnd
        snap["configs"] = len(todo)
        result["rounds"].append(snap)
        print(f"round {rnd}: {len(todo)} configurations; nproc {snap['nproc']}, "
              f"load {snap['loadavg']}", flush=True)
        prev = None
        for (path, n, c, batch) in todo:
            tag = f"m|{path}|{n}|{c}|{batch}|{rnd}"
            if path != prev:
                # an uncounted tiny job first: Spark closes Python workers idle for a
                # minute, and a fresh worker's start (imports) would land in the job
                run_one(spark, sc, path, TINY_N, c, P, DEFAULT_BATCH, f"warmup|{path}|r{rnd}")
                prev = path
            waited, before = wait_for_quiet(args.quiet_wait) if args.quiet_wait > 0 else (0.0, None)
            oc = OtherCpu()
            oc.start()
            wall, py = run_one(spark, sc, path, n, c, P, batch, tag)
            other = oc.stop()
            other["other_cores"] = round(other["other_cpu_s"] / max(wall, 1e-9), 3)
            result["jobs"].append({"tag": tag, "path": path, "n": n, "c": c, "batch": batch,
                                   "rep": rnd, "wall_s": round(wall, 6), "python": py,
                                   "quiet_wait_s": waited, "other_cores_before": before,
                                   "interference": other})
            print(f"  {path:16s} N={n:>8d} C={c:>2d} batch={batch:>6d}  {wall:7.3f} s"
                  f"  (other procs {other['other_cores']:.2f} cores; waited {waited:.1f} s)", flush=True)
    spark.stop()
    result["wall_total_s"] = round(time.time() - t_start, 1)

    # task metrics from the event log
    tasks = read_event_log(event_dir, app_id)
    for j in result["jobs"]:
        j["tasks"] = tasks.get(j["tag"], [])
        ok = [t for t in j["tasks"] if t["reason"] == "Success"]
        j["task_run_ms_mean"] = (sum(t["run_ms"] for t in ok) / len(ok)) if ok else None
        j["task_dur_ms_mean"] = (sum(t["dur_ms"] for t in ok) / len(ok)) if ok else None
        j["task_cpu_ms_mean"] = (sum(t["cpu_ms"] for t in ok) / len(ok)) if ok else None
        j["py_s_mean"] = (statistics.mean(p["py_s"] for p in j["python"])
                          if j["python"] and "py_s" in j["python"][0] else None)

    result["event_dir"] = event_dir
    result["max_other_cores"] = args.max_other_cores
    analyse(result)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    report(result)
    print(f"\ntotal wall {result['wall_total_s']} s; wrote {args.out}")


if __name__ == "__main__":
    main()
