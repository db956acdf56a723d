#!/usr/bin/env bash
# The scheduler at scale (`sparksim bench engine`): 10,000 executors x 4 cores, and how
# wall time and peak memory grow from 100k to 1M tasks. Writes results/bench/engine-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"
out="results/bench/engine-$(date -u +%Y-%m-%d).md"
{
  echo "# Engine at scale: one job, 10,000 executors x 4 cores"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1), release build"
  echo "- command: \`sparksim bench engine --executors 10000 --tasks T --seed 1\`: each task prefers one random host, runs 1-10 s, delay scheduling on (3s), revive every 1s"
  echo
  echo "| tasks | simulated makespan (s) | wall (s) | peak RSS (MiB) | wall per task (us) |"
  echo "| ---: | ---: | ---: | ---: | ---: |"
  for t in 100000 300000 1000000; do
    output=$("$bin" bench engine --executors 10000 --tasks "$t" --seed 1)
    sim=$(echo "$output" | sed -n 's/.*simulated_s=\([^ ]*\).*/\1/p')
    wall=$(echo "$output" | sed -n 's/.*wall_s=\([^ ]*\).*/\1/p')
    rss=$(echo "$output" | sed -n 's/.*peak_rss_mib=\([^ ]*\).*/\1/p')
    echo "| $t | $sim | $wall | $rss | $(awk "BEGIN {printf \"%.1f\", $wall * 1e6 / $t}") |"
  done
} >"$out"
cat "$out"
