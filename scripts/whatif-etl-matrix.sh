#!/usr/bin/env bash
# Prints the what-if matrix of results/validation/whatif-etl-2026-12-05.md: the first
# shipped etl_sleep log of each local-cluster shape (scenarios/replay/logs), replayed with
# `sparksim replay --executors E --cores C` for every shape, against the mean real
# application time of that shape's logs. Extra arguments go to every replay
# (e.g. --set cluster.cpu.physical_cores=2).
# usage: scripts/whatif-etl-matrix.sh [BINARY] [-- REPLAY ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(swift build --show-bin-path)/sparksim"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then BIN="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
LOGS=scenarios/replay/logs
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
shapes="1-1 1-2 1-4 2-1 2-2 3-1"
real_of() {  # mean application seconds of the shape's logs
    for log in "$LOGS"/etl_sleep__local-cluster-"$1"-1024__rep*.jsonl.gz; do
        zcat "$log" | grep -E '"Event":"SparkListenerApplication(Start|End)"' | grep -o '"Timestamp":[0-9]*' | cut -d: -f2 | tr '\n' ' '
        echo
    done | awk '{ s += ($2 - $1) / 1000; n++ } END { printf "%.2f", s / n }'
}
printf '| from \\ to |'; for t in $shapes; do printf ' [%s] |' "${t/-/,}"; done; echo
printf '| --- |'; for _ in $shapes; do printf ' ---: |'; done; echo
printf '| real (mean) |'; for t in $shapes; do printf ' %s s |' "$(real_of "$t")"; done; echo
for s in $shapes; do
    source_log="$(ls "$LOGS"/etl_sleep__local-cluster-"$s"-1024__rep*.jsonl.gz | head -1)"
    printf '| [%s] %s |' "${s/-/,}" "$(basename "$source_log" .jsonl.gz | sed 's/.*__//')"
    for t in $shapes; do
        simulated=$("$BIN" replay "$source_log" --executors "${t%-*}" --cores "${t#*-}" "$@" --out "$OUT" \
            | tail -1 | sed 's/.*simulated_s=\([0-9.]*\).*/\1/')
        real="$(real_of "$t")"
        printf ' %s s (%s) |' "$simulated" "$(awk -v s="$simulated" -v r="$real" 'BEGIN { printf "%+.1f%%", (s - r) / r * 100 }')"
    done
    echo
done
