#!/usr/bin/env bash
# The flow network under many flows (`sparksim bench network`), RUNS times; medians of
# flows per second of wall time. Writes results/bench/network-<date>.md and prints it.
# With BASELINE (the path of another sparksim build that has the same cases, e.g. an older
# commit's), runs it and this build alternately, RUNS times each, and tables both.
# Usage: scripts/bench-network.sh [RUNS] [BASELINE]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
baseline="${2:-}"
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"
# Every option spelled out, so that a baseline with other defaults runs the same cases.
options=(--hosts 256 --racks 2 --shuffle-bytes 1048576 --ranks 1024 --allreduce-bytes 104857600 --unequal-hosts 128)
: >/tmp/net-bench
: >/tmp/net-bench-baseline
for _ in $(seq "$runs"); do
  if [ -n "$baseline" ]; then "$baseline" bench network "${options[@]}" >>/tmp/net-bench-baseline; fi
  "$bin" bench network "${options[@]}" >>/tmp/net-bench
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
out="results/bench/network-$(date -u +%Y-%m-%d).md"
{
  echo "# Flow network: many concurrent flows"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1), release build"
  echo "- command: \`sparksim bench network ${options[*]}\` (the defaults), $runs runs, medians"
  [ -n "$baseline" ] && echo "- baseline: \`$baseline\`, run alternately with this build"
  echo
  if [ -z "$baseline" ]; then
    echo "| case | flows | simulated time (s) | median wall (s) | median flows/s | runs (flows/s) |"
    echo "| --- | ---: | ---: | ---: | ---: | --- |"
  else
    echo "| case | flows | simulated time (s) | baseline median wall (s) | median wall (s) | baseline median flows/s | median flows/s | speed-up | runs (flows/s), baseline / this build |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  fi
  for name in $(field case </tmp/net-bench | sort -u); do
    rows=$(grep "case=$name " /tmp/net-bench)
    wall=$(echo "$rows" | field wall_s | median)
    rate=$(echo "$rows" | field flows_per_s | median)
    each=$(echo "$rows" | field flows_per_s | paste -sd' ')
    first="| $name | $(echo "$rows" | field flows | head -n 1) | $(echo "$rows" | field sim_s | head -n 1) |"
    if [ -z "$baseline" ]; then
      echo "$first $wall | $rate | $each |"
    else
      base=$(grep "case=$name " /tmp/net-bench-baseline)
      [ "$(echo "$base" | field sim_s | head -n 1)" = "$(echo "$rows" | field sim_s | head -n 1)" ] \
        || { echo "bench-network: $name simulates differently in the baseline" >&2; exit 1; }
      base_wall=$(echo "$base" | field wall_s | median)
      echo "$first $base_wall | $wall | $(echo "$base" | field flows_per_s | median) | $rate |" \
           "$(awk -v b="$base_wall" -v a="$wall" 'BEGIN {printf "%.2fx", b / a}') |" \
           "$(echo "$base" | field flows_per_s | paste -sd' ') / $each |"
    fi
  done
  echo
  echo "Shuffle: 256 hosts in 2 racks, 10Gbps NICs, 100Gbps rack uplinks, 1 MiB per host pair, all at t=0."
  echo "Ring: 1024 ranks on one rack, 10Gbps NICs, 5us per link, 100 MiB per rank, unchunked (2(p-1) steps)."
  echo "Unequal shuffle: 128 hosts in 2 racks as above, sizes uniform in 1 MiB +-50% (stream bench.network), all at t=0;"
  echo "transfers end one by one, each end resharing one component of every transfer still moving."
} >"$out"
cat "$out"
