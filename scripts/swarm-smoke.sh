#!/usr/bin/env bash
# CI's fault-swarm smoke: a few hundred seeds with every invariant checked after every
# event, each failure shrunk; passes when the last line reports nothing found.
# Usage: scripts/swarm-smoke.sh BINARY [SEEDS]   (a long swarm: see README, "Fault swarm")
set -euo pipefail
binary=${1:?usage: scripts/swarm-smoke.sh BINARY [SEEDS]}
seeds=${2:-300}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
if ! "$binary" swarm --seeds "$seeds" --jobs 2 --quiet --out "$out" > "$out/swarm.log"; then
    cat "$out/swarm.log"
    for file in "$out"/swarm-*.yaml; do [ -e "$file" ] && { echo "--- $file"; cat "$file"; }; done
    echo "swarm smoke: FAILED" >&2
    exit 1
fi
echo "swarm smoke: $(tail -1 "$out/swarm.log") in $(( $(date +%s) - start )) s"
