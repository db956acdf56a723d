#!/usr/bin/env bash
# Re-imports the public event logs in scenarios/replay/logs/ (the project's validation
# set: spark-replay and spark-real, real Spark 4.3 on the project machine) as the scenarios
# scenarios/replay/<name>.yaml, with `sparksim import`. Run after a change to the importer,
# then scripts/regenerate-results.sh; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-$(swift build --show-bin-path)/sparksim}"
LOGS=scenarios/replay/logs
name_of() {
    case "$1" in
        *__local-cluster-*-*-*__rep*)  # spark-replay's naming: <app>__local-cluster-E-C-M__rep<k>
            local app="${1%%__*}" rest="${1#*__local-cluster-}" rep="${1##*__rep}"
            local shape; shape="$(echo "$rest" | cut -d- -f1-2)"
            echo "replay-${app//_/-}-local-cluster-${shape}$([ "$rep" = 1 ] || echo "-rep$rep")" ;;
        a_lr_taskparallel.rep[123]__*) echo "replay-a-lr-local4-rep${1:21:1}" ;;
        b_barrier_allreduce.rep[123]__*) echo "replay-b-barrier-local4-rep${1:23:1}" ;;
        b_barrier_allreduce_localcluster__*) echo replay-b-barrier-local-cluster ;;
        c_fail_taskparallel_local44__*) echo replay-c-retry-local44 ;;
        c_fail_taskparallel_localcluster__*) echo replay-c-retry-local-cluster ;;
        e_barrier_slots_*) local v="${1#e_barrier_slots_}"; v="${v%%__*}"; echo "replay-e-slot-check-${v//_/-}" ;;
        *) echo "import-public-logs: no name for $1" >&2; exit 1 ;;
    esac
}
for log in "$LOGS"/*.jsonl.gz; do
    stem="$(basename "$log" .jsonl.gz)"
    name="$(name_of "$stem")"
    "$BIN" import "$log" --name "$name" --out "scenarios/replay/$name.yaml" > /dev/null
    echo "scenarios/replay/$name.yaml <- $log"
done
