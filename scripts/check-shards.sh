#!/usr/bin/env bash
# Every shipped sweep run as 3 slices (in the order 3, 1, 2, each a separate process into
# one folder), merged, and compared with its committed single-machine sweep in
# results/sweeps/<name>/ (which `sparksim sweep` wrote); the merge is also tried before
# the last slice and must refuse, naming it. Usage: scripts/check-shards.sh PATH-TO-SPARKSIM
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:?usage: scripts/check-shards.sh PATH-TO-SPARKSIM}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
count=0
for scenario in $(grep -l '^sweep:' scenarios/*.yaml scenarios/*/*.yaml | sort); do
  name="$(grep -m1 '^name:' "$scenario" | sed 's/^name: *//')"
  out="$work/$name"
  "$bin" sweep "$scenario" --shard 3/3 --out "$out" >/dev/null 2>&1
  "$bin" sweep "$scenario" --shard 1/3 --out "$out" >/dev/null 2>&1
  if message="$("$bin" sweep "$scenario" --merge --slices 3 --out "$out" 2>&1)"; then
    echo "check-shards: $name merged without slice 2" >&2; exit 1
  fi
  case "$message" in *"slices not finished (of 3): 2/3"*) ;; *) echo "check-shards: $name: $message" >&2; exit 1;; esac
  "$bin" sweep "$scenario" --shard 2/3 --out "$out" >/dev/null 2>&1
  "$bin" sweep "$scenario" --merge --slices 3 --out "$out" >/dev/null
  diff -r -x runs -x '.*' "results/sweeps/$name" "$out/$name" >/dev/null \
    || { echo "check-shards: $name differs from results/sweeps/$name" >&2; diff -rq -x runs -x '.*' "results/sweeps/$name" "$out/$name" >&2; exit 1; }
  runs="$(ls "$out/$name/runs" | wc -l)"
  echo "check-shards: $name: 3 slices merged, identical to the single-machine sweep ($runs runs)"
  count=$((count + 1))
done
echo "check-shards: all $count shipped sweeps identical"
