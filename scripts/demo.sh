#!/usr/bin/env bash
# First command of the README: install what is missing, build sparksim (release) and run
# the demo scenario, then print where its report is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product sparksim
bin="$(swift build -c release --show-bin-path)/sparksim"
"$bin" run scenarios/demo/demo.yaml --out out
echo
grep -m 1 '^- At .* workers' out/demo/report.md | sed -e 's/^- /verdict: /' -e 's/\*\*//g'
echo "demo report:  $(pwd)/out/demo/report.md"
echo "its figures:  $(cd out/demo && ls *.svg | sed "s|^|$(pwd)/|" | tr '\n' ' ')"
echo "timeline for Perfetto (ui.perfetto.dev): $(pwd)/out/demo/trace.json"
echo "sparksim binary: $bin"
