#!/usr/bin/env bash
# The benchmark suite side by side, in one invocation on one machine: PHOLD against its
# Python peers (SimPy 4.1.2 in process style, the reference peer, and a plain heapq event
# loop) run alternately, then sparksim's other cases (engine, network, sweep, replay), each
# RUNS times; medians, the ratio to the peer, the targets of issue 18 (and issue 14 for
# the replay), and each case against the committed scaling suite (results/bench/scaling/
# <case>.csv, the row with the same command). Prints one summary table and writes it to
# results/bench/compare-<date>.md.
#
# Usage: scripts/bench-compare.sh [RUNS] [PEER_DIR]
#   RUNS      runs of each program (default 3; the median is reported)
#   PEER_DIR  the folder holding phold_simpy.py and phold_heapq.py (default ../shared/bench/phold)
#   CASES     environment: the cases to run, default "phold engine network sweep replay"
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
peers="${2:-../shared/bench/phold}"
cases="${CASES:-phold engine network sweep replay}"
for file in phold_simpy.py phold_heapq.py; do
  [[ " $cases " != *" phold "* || -f "$peers/$file" ]] || { echo "bench-compare: $peers/$file is missing (PEER_DIR)" >&2; exit 2; }
done
if [[ " $cases " == *" phold "* ]]; then
  python3 -c 'import simpy' 2>/dev/null || python3 -m pip install --quiet simpy==4.1.2
fi
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" | tail -n 1; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# The committed wall time of a command in results/bench/scaling/<case>.csv, or empty.
committed() {
  python3 - "$1" "$2" <<'EOF'
import csv, os, sys
path = os.path.join("results/bench/scaling", sys.argv[1] + ".csv")
if os.path.exists(path):
    for row in csv.DictReader(open(path)):
        if row["command"] == "sparksim " + sys.argv[2]:
            print(row["wall_s"]); break
EOF
}

# One case: NAME, the figure to report (a key of the output line), then sparksim's arguments.
# Appends each run's wall_s and figure to $work/NAME.wall and $work/NAME.rate.
measure() {
  local name="$1" key="$2"; shift 2
  local output
  output="$("$bin" "$@")"
  [[ -n "${LINE_CASE:-}" ]] && output="$(echo "$output" | grep "case=$LINE_CASE")"
  echo " ${output##*$'\n'}" | field wall_s >>"$work/$name.wall"
  echo " ${output##*$'\n'}" | field "$key" >>"$work/$name.rate"
}

phold_args=(--lps 1000 --per-lp 16 --events 5000000 --seed 1)
declare -A args=(
  [engine]="bench engine --executors 10000 --tasks 1000000 --seed 1"
  [shuffle]="bench network --hosts 256 --racks 2 --shuffle-bytes 1048576 --ranks 2 --allreduce-bytes 0 --unequal-hosts 0"
  [ring]="bench network --hosts 2 --racks 1 --shuffle-bytes 0 --ranks 1024 --allreduce-bytes 104857600 --unequal-hosts 0"
  [sweep]="bench sweep scenarios/straggler-persistent.yaml --jobs $(nproc) --seeds 2"
  [replay]="bench replay --log scenarios/replay/logs/tiny_tasks__local-cluster-2-2-1024__rep1.jsonl.gz --copies 50"
)
for run in $(seq "$runs"); do
  echo "bench-compare: round $run of $runs" >&2
  for case in $cases; do
    case "$case" in
      phold)
        "$bin" bench phold "${phold_args[@]}" | field events_per_s >>"$work/phold-sparksim.rate"
        python3 "$peers/phold_simpy.py" "${phold_args[@]}" --style process | field events_per_s >>"$work/phold-simpy.rate"
        python3 "$peers/phold_heapq.py" "${phold_args[@]}" | field events_per_s >>"$work/phold-heapq.rate" ;;
      engine) measure engine peak_rss_mib ${args[engine]} ;;
      network)
        LINE_CASE=all-to-all measure shuffle flows_per_s ${args[shuffle]}
        LINE_CASE=ring-allreduce measure ring flows_per_s ${args[ring]} ;;
      sweep) measure sweep runs_per_s ${args[sweep]} ;;
      replay) measure replay tasks_per_s ${args[replay]} ;;
      *) echo "bench-compare: unknown case $case" >&2; exit 2 ;;
    esac
  done
done

rows=()
list() { paste -sd' ' "$work/$1"; }
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }
if [[ " $cases " == *" phold "* ]]; then
  s=$(median <"$work/phold-sparksim.rate"); p=$(median <"$work/phold-simpy.rate"); h=$(median <"$work/phold-heapq.rate")
  rows+=("| phold | \`bench phold ${phold_args[*]}\` | $s events/s ($(list phold-sparksim.rate)) | SimPy 4.1.2, process style: $p events/s ($(list phold-simpy.rate)) | **$(ratio "$s" "$p")x** SimPy's rate | >= 18x SimPy |")
  rows+=("| phold | (same) | $s events/s | plain Python heapq: $h events/s ($(list phold-heapq.rate)) | $(ratio "$s" "$h")x heapq's rate | |")
fi
# A sparksim-only case: its median wall time, and the committed one for the same command.
row() {
  local name="$1" unit="$2" target="$3" scaling_case="$4"
  [[ -f "$work/$name.wall" ]] || return 0
  local wall rate base vs="no committed point" times=""
  wall=$(median <"$work/$name.wall"); rate=$(median <"$work/$name.rate")
  base=$(committed "$scaling_case" "${args[$name]}")
  if [[ -n "$base" ]]; then
    vs="committed scaling point: $base s wall"
    times="$(ratio "$wall" "$base")x the committed time"
  fi
  rows+=("| $name | \`${args[$name]}\` | $wall s wall ($(list "$name.wall")); $rate $unit | $vs | $times | $target |")
}
row engine "MiB peak" "<= 5 s wall" engine
row shuffle "flows/s" "" network
row ring "flows/s" "" network
row sweep "runs/s" "" sweep
row replay "tasks/s" "< 5 s wall (issue 14)" replay

out="results/bench/compare-$(date -u +%Y-%m-%d).md"
{
  echo "# The benchmark suite side by side (scripts/bench-compare.sh)"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) processors, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1); load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1), release build; $(python3 --version)$([[ " $cases " == *" phold "* ]] && echo "; SimPy $(python3 -c 'import simpy; print(simpy.__version__)')")"
  echo "- $runs rounds; in each round every program ran once, in the order of the table (PHOLD's three programs back to back); medians"
  echo
  echo "| case | command | sparksim (median; runs) | peer, or the committed scaling point | ratio | target |"
  echo "| --- | --- | --- | --- | ---: | --- |"
  printf '%s\n' "${rows[@]}"
} >"$out"
cat "$out"
