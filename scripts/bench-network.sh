#!/usr/bin/env bash
# The flow network under many flows (`sparksim bench network`), RUNS times; medians of
# flows per second of wall time. Writes results/bench/network-<date>.md and prints it.
# Usage: scripts/bench-network.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"
: >/tmp/net-bench
for _ in $(seq "$runs"); do "$bin" bench network >>/tmp/net-bench; done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
out="results/bench/network-$(date -u +%Y-%m-%d).md"
{
  echo "# Flow network: many concurrent flows"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1), release build"
  echo "- command: \`sparksim bench network\` (defaults), $runs runs, medians"
  echo
  echo "| case | flows | simulated time (s) | median wall (s) | median flows/s | runs (flows/s) |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for name in $(field case </tmp/net-bench | sort -u); do
    rows=$(grep "case=$name " /tmp/net-bench)
    echo "| $name | $(echo "$rows" | field flows | head -n 1) | $(echo "$rows" | field sim_s | head -n 1) |" \
         "$(echo "$rows" | field wall_s | median) | $(echo "$rows" | field flows_per_s | median) |" \
         "$(echo "$rows" | field flows_per_s | paste -sd' ') |"
  done
  echo
  echo "Shuffle: 256 hosts in 2 racks, 10Gbps NICs, 100Gbps rack uplinks, 1 MiB per host pair, all at t=0."
  echo "Ring: 1024 ranks on one rack, 10Gbps NICs, 5us per link, 100 MiB per rank, unchunked (2(p-1) steps)."
} >"$out"
cat "$out"
