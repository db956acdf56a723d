#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build, run
# every test target, check the command-line contract end to end, then a fault-swarm smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --build-tests
swift test --skip-build
scripts/check-cli.sh "$(swift build --show-bin-path)/sparksim"
scripts/test-slurm.sh "$(swift build --show-bin-path)/sparksim"
scripts/swarm-smoke.sh "$(swift build --show-bin-path)/sparksim"
