#!/usr/bin/env bash
# PHOLD, sparksim's kernel against its peers (shared/bench/phold), back to back on one
# machine: RUNS alternating runs of each, medians, and the ratio to SimPy's process style.
# Writes results/bench/phold-<date>.md and prints it.
# Usage: scripts/bench-phold.sh [RUNS] [PEER_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
peers="${2:-../shared/bench/phold}"
args=(--lps 1000 --per-lp 16 --events 5000000 --seed 1)
python3 -c 'import simpy' 2>/dev/null || python3 -m pip install --quiet simpy==4.1.2
swift build -c release --product sparksim >/dev/null
bin="$(swift build -c release --show-bin-path)/sparksim"

rate() { sed -n 's/.*events_per_s=\([0-9]*\).*/\1/p' | tail -n 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >/tmp/phold-sparksim; : >/tmp/phold-simpy; : >/tmp/phold-heapq
for _ in $(seq "$runs"); do
  "$bin" bench phold "${args[@]}" | rate >>/tmp/phold-sparksim
  python3 "$peers/phold_simpy.py" "${args[@]}" --style process | rate >>/tmp/phold-simpy
  python3 "$peers/phold_heapq.py" "${args[@]}" | rate >>/tmp/phold-heapq
done
s=$(median </tmp/phold-sparksim); p=$(median </tmp/phold-simpy); h=$(median </tmp/phold-heapq)
out="results/bench/phold-$(date -u +%Y-%m-%d).md"
{
  echo "# PHOLD: sparksim kernel vs SimPy and heapq"
  echo
  echo "- date (UTC): $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- toolchain: $(swift --version 2>&1 | head -n 1); $(python3 --version); SimPy $(python3 -c 'import simpy; print(simpy.__version__)')"
  echo "- parameters: ${args[*]}; $runs alternating runs each, median of events per second (wall)"
  echo "- commands: \`sparksim bench phold ${args[*]}\` (release build); \`python3 phold_simpy.py ${args[*]} --style process\`; \`python3 phold_heapq.py ${args[*]}\`"
  echo
  echo "| program | median events/s | runs (events/s) | sparksim ÷ program |"
  echo "| --- | ---: | --- | ---: |"
  echo "| sparksim (Sim kernel, GSL mt19937) | $s | $(paste -sd' ' /tmp/phold-sparksim) | 1.0 |"
  echo "| SimPy 4.1.2, process style (the reference peer) | $p | $(paste -sd' ' /tmp/phold-simpy) | $(awk "BEGIN {printf \"%.1f\", $s/$p}") |"
  echo "| plain heapq | $h | $(paste -sd' ' /tmp/phold-heapq) | $(awk "BEGIN {printf \"%.1f\", $s/$h}") |"
} >"$out"
cat "$out"
