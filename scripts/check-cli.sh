#!/usr/bin/env bash
# End-to-end checks of the command-line contract, on a built sparksim binary:
#  1. every malformed fixture: `sparksim validate` prints the `# expect:` line of the
#     fixture as `file:line:column: ...`, exits 2, and `sparksim run` writes nothing;
#  2. every valid fixture and shipped scenario validates;
#  3. every shipped scenario run twice gives byte-identical output folders;
#  4. bad event logs are refused by import, replay and calibrate (exit 2, nothing written);
#  5.-9. output folders, the swarm, --set/--seed, sweep slices and merge, --version, the rest of
#     the command line, compare.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:?usage: scripts/check-cli.sh PATH-TO-SPARKSIM}"
case "$bin" in */*) bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" ;; esac  # usable from other folders
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for fixture in Tests/LabTests/Fixtures/malformed/*.yaml; do
  expected="$fixture:$(head -n 1 "$fixture" | sed -e 's/^# expect: //')"
  set +e
  actual="$("$bin" validate "$fixture" 2>&1 >/dev/null | head -n 1)"
  status=$?
  "$bin" validate "$fixture" >/dev/null 2>&1; status=$?
  "$bin" run "$fixture" --out "$work/malformed" >/dev/null 2>&1; run_status=$?
  set -e
  [ "$status" -eq 2 ] || fail "$fixture: validate exit status $status, expected 2"
  [ "$run_status" -eq 2 ] || fail "$fixture: run exit status $run_status, expected 2"
  [ "$actual" = "$expected" ] || fail "$fixture: got '$actual', expected '$expected'"
  [ ! -e "$work/malformed" ] || fail "$fixture: run wrote output for a malformed scenario"
done

for scenario in Tests/LabTests/Fixtures/valid/*.yaml scenarios/*/*.yaml; do
  "$bin" validate "$scenario" >/dev/null || fail "$scenario does not validate"
done

for scenario in scenarios/*/*.yaml; do
  "$bin" run "$scenario" --out "$work/first" >/dev/null
  "$bin" run "$scenario" --out "$work/second" >/dev/null
done
diff -r "$work/first" "$work/second" >/dev/null || fail "two runs of scenarios/ differ: $(diff -rq "$work/first" "$work/second" | head -3)"

# 4. Event logs: bad input to import, replay and calibrate is a `file[:line]: message`
#    on standard error, exit 2, nothing written; a good log replays with REPLAY.md's last line.
bad="$work/bad-logs"
mkdir -p "$bad"
printf '{"Event":"SparkListenerLogStart","Spark Version":"4.3.0"}\nthis is not json\n' > "$bad/not-json.jsonl"
printf '{"Event":"SparkListenerLogStart","Spark Version":"2.4.8"}\n' > "$bad/old-spark.jsonl"
printf '{"Event":"SparkListenerLogStart","Spark Version":"4.3.0"}\n{"Event":"SparkListenerJobEnd","Job ID":0}\n' > "$bad/missing-field.jsonl"
printf 'hello\n' > "$bad/not-a-log.jsonl"
head -c 20000 Tests/LabTests/Fixtures/eventlogs/etl_sleep__local-cluster-2-2-1024__rep1.jsonl.gz > "$bad/truncated.jsonl.gz"
for log in "$bad"/*; do
  set +e
  message="$("$bin" import "$log" --out "$work/imported.yaml" 2>&1 >/dev/null)"; status=$?
  "$bin" replay "$log" --out "$work/replayed" >/dev/null 2>&1; replay_status=$?
  "$bin" calibrate "$log" --out "$work/calibration.yaml" >/dev/null 2>&1; calibrate_status=$?
  set -e
  [ "$status" -eq 2 ] && [ "$replay_status" -eq 2 ] && [ "$calibrate_status" -eq 2 ] \
    || fail "$log: exit statuses $status/$replay_status/$calibrate_status, expected 2"
  case "$message" in "sparksim: $log"*) ;; *) fail "$log: message '$message' does not name the file" ;; esac
  [ ! -e "$work/imported.yaml" ] && [ ! -e "$work/replayed" ] && [ ! -e "$work/calibration.yaml" ] \
    || fail "$log: bad input wrote output"
done
last="$("$bin" replay scenarios/replay/logs/barrier_sleep__local-cluster-2-2-1024__rep1.jsonl.gz --out "$work/replay" | tail -n 1)"
case "$last" in "app=app-20261205145050-0000 real_s=18.418 simulated_s="*" error="*) ;;
  *) fail "replay's last line is '$last'" ;; esac

# 5. Outputs are never lost: a run into a folder holding a sweep of the same name, and a run
#    into a folder sparksim did not write, are refused (exit 1, the folder named, nothing
#    touched); --force replaces; a run replaces its own run.
guard="$work/guard"
mkdir -p "$guard/demo" "$guard/stranger/demo"
printf 'kind: sweep\nscenario: demo\n' > "$guard/demo/.sparksim-output"
printf 'kept\n' > "$guard/demo/sweep.csv"
printf 'mine\n' > "$guard/stranger/demo/notes.txt"
for target in "$guard" "$guard/stranger"; do
  set +e
  message="$("$bin" run scenarios/demo/demo.yaml --out "$target" 2>&1 >/dev/null)"; status=$?
  set -e
  [ "$status" -eq 1 ] || fail "run into $target/demo: exit $status, expected 1"
  case "$message" in "sparksim: refusing to replace $target/demo: "*"--force"*) ;;
    *) fail "run into $target/demo: message '$message'" ;; esac
done
[ "$(cat "$guard/demo/sweep.csv")" = kept ] && [ "$(cat "$guard/stranger/demo/notes.txt")" = mine ] \
  || fail "a refused run touched the folder"
"$bin" run scenarios/demo/demo.yaml --out "$guard/stranger" --force >/dev/null \
  && [ -f "$guard/stranger/demo/report.md" ] && [ ! -e "$guard/stranger/demo/notes.txt" ] \
  || fail "run --force did not replace the folder"
"$bin" run scenarios/demo/demo.yaml --out "$guard/stranger" >/dev/null || fail "a run did not replace its own run"

# 6. The swarm counts a seed whose child process hangs as a crash, writes its scenario,
# ends with the contract's last line and exits 1 (the healthy path is scripts/swarm-smoke.sh).
set +e
"$bin" swarm --seeds 2 --jobs 2 --quiet --timeout 0.01 --shrink 0 --out "$work/swarm" > "$work/swarm.log"; status=$?
set -e
last="$(tail -1 "$work/swarm.log")"
[ "$status" -eq 1 ] || fail "swarm with a hang: exit $status, expected 1"
[ "$last" = "seeds=2 violations=0 crashes=2 nondeterministic=0" ] || fail "swarm with a hang: last line '$last'"
[ -f "$work/swarm/swarm-1.yaml" ] && [ -f "$work/swarm/swarm.md" ] || fail "swarm with a hang: files missing"
"$bin" validate "$work/swarm/swarm-1.yaml" >/dev/null || fail "swarm: the written scenario does not validate"

# 7. run --set and --seed (SCENARIO.md): applied before validation; a bad one is exit 2 and writes nothing.
"$bin" run scenarios/demo/demo.yaml --out "$work/set" --seed 11 --set spark.locality.wait=0s >/dev/null \
  || fail "run --seed --set failed"
[ "$(sed -n 2p "$work/set/demo/summary.csv" | cut -d, -f3)" = 11 ] || fail "run --seed 11: summary.csv has another seed"
grep -q '`--set spark.locality.wait=0s`' "$work/set/demo/report.md" || fail "run --set: report.md does not name the setting"
set +e
"$bin" run scenarios/demo/demo.yaml --out "$work/set-bad" --set spark.locality.wait=banana >/dev/null 2>&1; status=$?
set -e
[ "$status" -eq 2 ] && [ ! -e "$work/set-bad" ] || fail "run --set with a bad value: exit $status or output written"

# 8. The rest of the command line: sweep --set/--seed, --version, a malformed command line
#    is exit 2, check outside the repository names its flags, diff across working directories.
"$bin" sweep scenarios/straggler-sensitivity.yaml --out "$work/sweep-set" --seed 40 --set workload.max_iter=3 \
  --jobs 2 >/dev/null 2>"$work/sweep-set.err" || fail "sweep --seed --set failed"
# Progress is for terminals only: nothing on a standard error that is a file.
[ ! -s "$work/sweep-set.err" ] || fail "sweep wrote to a non-terminal standard error: $(head -c 200 "$work/sweep-set.err")"
# --shard and --merge (every shipped sweep: scripts/check-shards.sh): slices 2 then 1, a merge
# that names nothing missing, the bytes of the single-machine sweep just written.
for k in 2 1; do
  "$bin" sweep scenarios/straggler-sensitivity.yaml --shard "$k/2" --out "$work/sweep-shards" --seed 40 \
    --set workload.max_iter=3 --jobs 2 >/dev/null 2>&1 || fail "sweep --shard $k/2 failed"
done
"$bin" sweep scenarios/straggler-sensitivity.yaml --merge --slices 2 --out "$work/sweep-shards" --seed 40 \
  --set workload.max_iter=3 >/dev/null || fail "sweep --merge failed"
diff -r "$work/sweep-set/straggler-sensitivity" "$work/sweep-shards/straggler-sensitivity" >/dev/null \
  || fail "slices merged differ from the single-machine sweep"
status=0; "$bin" sweep scenarios/straggler-sensitivity.yaml --shard 3/2 --out "$work/x" >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "sweep --shard 3/2: exit $status, expected 2"
[ -d "$work/sweep-set/straggler-sensitivity/runs/p000-seed40" ] || fail "sweep --seed 40: no run of seed 40"
grep -q '`--set workload.max_iter=3`' "$work/sweep-set/straggler-sensitivity/sweep.md" \
  || fail "sweep --set: sweep.md does not name the setting"
[ "$(awk -F, '$1 == "mllib" { n++ } END { print n }' "$work/sweep-set/straggler-sensitivity/runs/p000-seed40/iterations.csv")" = 4 ] \
  || fail "sweep --set workload.max_iter=3: the runs did not train 3 iterations"
set +e
"$bin" sweep scenarios/straggler-sensitivity.yaml --out "$work/sweep-bad" --set cluster.cpu.variation=0.3 >/dev/null 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && [ ! -e "$work/sweep-bad" ] || fail "sweep --set of a swept key: exit $status or output written"
[ "$("$bin" --version)" = "sparksim $(sed -n 's/.*current = "\(.*\)"/\1/p' Sources/Lab/SparksimVersion.swift)" ] \
  || fail "--version does not print 'sparksim <version>'"
set +e
"$bin" run --no-such-option >/dev/null 2>&1; status=$?
set -e
[ "$status" -eq 2 ] || fail "a malformed command line: exit $status, expected 2"
set +e
message="$(cd "$work" && "$bin" check 2>&1)"; status=$?
set -e
[ "$status" -eq 2 ] && case "$message" in *"--scenarios"*"--results"*) true ;; *) false ;; esac \
  || fail "check outside the repository: exit $status, message '$message'"
here="$(pwd)"
(cd "$work" && "$bin" run "$here/scenarios/demo/demo.yaml" --out "$work/elsewhere" >/dev/null) || fail "run from another folder"
"$bin" run scenarios/demo/demo.yaml --out "$work/here" >/dev/null || fail "run from the repository"
"$bin" diff "$work/here/demo" "$work/elsewhere/demo" >/dev/null \
  || fail "two runs of one scenario from different working directories differ"

# 9. compare: two runs of the demo (the second with spark.locality.wait=0s) compare with exit 0,
#    every section and the CSV's header; a folder compared with itself shows no change (every
#    delta of its CSV is 0); a sweep folder and a folder without summary.csv are exit 2.
"$bin" run scenarios/demo/demo.yaml --out "$work/compare-a" >/dev/null
"$bin" run scenarios/demo/demo.yaml --out "$work/compare-b" --set spark.locality.wait=0s >/dev/null
set +e
"$bin" compare "$work/compare-a/demo" "$work/compare-b/demo" --csv "$work/compare.csv" > "$work/compare.txt"; status=$?
set -e
[ "$status" -eq 0 ] || fail "compare of two demo runs: exit $status, expected 0"
for section in "Variants: " "Jobs: " "Stages: "; do
  grep -q "^$section" "$work/compare.txt" || fail "compare: no '$section' section"
done
[ "$(head -n 1 "$work/compare.csv")" = "section,variant,job,stage,iteration,metric,a,b,delta,delta_percent,presence" ] \
  || fail "compare --csv: header '$(head -n 1 "$work/compare.csv")'"
"$bin" compare "$work/compare-a/demo" "$work/compare-a/demo" > "$work/compare-self.txt" || fail "compare with itself failed"
grep -q "^no change: " "$work/compare-self.txt" || fail "compare with itself does not say 'no change'"
nonzero="$("$bin" compare "$work/compare-a/demo" "$work/compare-a/demo" --csv - | awk -F, 'NR > 1 && $9 != "" && $9 != "0"')"
[ -z "$nonzero" ] || fail "compare with itself: nonzero deltas: $(echo "$nonzero" | head -3)"
mkdir -p "$work/compare-sweep" "$work/compare-empty"
printf 'x\n' > "$work/compare-sweep/sweep.csv"
for folder in "$work/compare-sweep" "$work/compare-empty" "$work/compare-missing"; do
  set +e
  message="$("$bin" compare "$work/compare-a/demo" "$folder" 2>&1 >/dev/null)"; status=$?
  set -e
  [ "$status" -eq 2 ] || fail "compare with $folder: exit $status, expected 2"
  case "$message" in "sparksim: $folder "*) ;; *) fail "compare with $folder: message '$message'" ;; esac
done

if [ "$failures" -gt 0 ]; then
  echo "check-cli: $failures failure(s)" >&2
  exit 1
fi
echo "check-cli: all command-line checks passed"
