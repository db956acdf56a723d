#!/usr/bin/env bash
# Regenerates results/<scenario>/ for every scenario in scenarios/, results/replays/<name>/
# (the replay reports of scenarios/replay/logs), and
# results/sweeps/<scenario>/ (sweep.csv, sweep.md, figures) for those with a sweep: (the
# golden files the test suite compares against), the swarm generator's pinned seeds in
# Tests/LabTests/Fixtures/swarm/, and the chart and Chrome-trace goldens in
# Tests/ReportTests/Golden/. Review the diff in git before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
SPARKSIM_UPDATE_GOLDEN=1 swift test --filter "RunGoldenTests|SweepGoldenTests|ReplayGoldenTests|SwarmGeneratorTests|SVGPlotTests|ChromeTraceTests" 2>&1 | grep -E "updated golden|error|failed" || true
git status --short results/ Tests/LabTests/Fixtures/swarm/ Tests/ReportTests/Golden/
