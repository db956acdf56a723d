#!/usr/bin/env bash
# `sparksim sweep` on several cores: the headline sweep (hydrogen-vs-mllib, 5 worker counts
# x 3 seeds = 15 runs) with --jobs 1 and --jobs N (default 2), alternated RUNS times (default
# 5) into fresh folders, every output tree checked byte-identical to the first. Writes
# results/bench/sweep-<date>.md with each wall time, the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${1:-2}"
runs="${RUNS:-5}"
scenario="scenarios/hydrogen-vs-mllib.yaml"
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
load="$(cut -d' ' -f1-3 /proc/loadavg)"

wall() { # wall seconds of one cold sweep into $work/$1
  rm -rf "${work:?}/$1"
  local start end
  start=$(date +%s.%N)
  "$bin" sweep "$scenario" --out "$work/$1" --jobs "$2" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk "BEGIN {printf \"%.3f\", $end - $start}"
}
median() { tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

serial=(); parallel=()
"$bin" sweep "$scenario" --out "$work/reference" --jobs 1 >/dev/null 2>&1
for i in $(seq 1 "$runs"); do
  serial+=("$(wall one 1)")
  diff -r "$work/reference" "$work/one" >/dev/null || { echo "--jobs 1 output differs" >&2; exit 1; }
  parallel+=("$(wall many "$jobs")")
  diff -r "$work/reference" "$work/many" >/dev/null || { echo "--jobs $jobs output differs" >&2; exit 1; }
done
m1=$(echo "${serial[*]}" | median)
mn=$(echo "${parallel[*]}" | median)
out="results/bench/sweep-$(date -u +%Y-%m-%d).md"
{
  echo "# sparksim sweep: --jobs 1 against --jobs $jobs"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average $load at the start"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1), release build"
  echo "- command: \`sparksim sweep $scenario --out DIR --jobs J\` (15 runs: 5 worker counts x 3 seeds, two training variants each), a fresh DIR every time, J = 1 and $jobs alternated $runs times"
  echo "- every output tree (sweep.csv, sweep.md, runs/) byte-identical to a reference --jobs 1 sweep: checked with diff -r after each run"
  echo
  echo "| jobs | wall times (s) | median (s) |"
  echo "| ---: | --- | ---: |"
  echo "| 1 | ${serial[*]} | $m1 |"
  echo "| $jobs | ${parallel[*]} | $mn |"
  echo
  echo "Speed-up of the medians: $(awk "BEGIN {printf \"%.2f\", $m1 / $mn}")x."
} >"$out"
cat "$out"
