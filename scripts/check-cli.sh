#!/usr/bin/env bash
# End-to-end checks of the command-line contract, on a built sparksim binary:
#  1. every malformed fixture: `sparksim validate` prints the `# expect:` line of the
#     fixture as `file:line:column: ...`, exits 2, and `sparksim run` writes nothing;
#  2. every valid fixture and shipped scenario validates;
#  3. every shipped scenario run twice gives byte-identical output folders.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:?usage: scripts/check-cli.sh PATH-TO-SPARKSIM}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for fixture in Tests/LabTests/Fixtures/malformed/*.yaml; do
  expected="$fixture:$(head -n 1 "$fixture" | sed -e 's/^# expect: //')"
  set +e
  actual="$("$bin" validate "$fixture" 2>&1 >/dev/null | head -n 1)"
  status=$?
  "$bin" validate "$fixture" >/dev/null 2>&1; status=$?
  "$bin" run "$fixture" --out "$work/malformed" >/dev/null 2>&1; run_status=$?
  set -e
  [ "$status" -eq 2 ] || fail "$fixture: validate exit status $status, expected 2"
  [ "$run_status" -eq 2 ] || fail "$fixture: run exit status $run_status, expected 2"
  [ "$actual" = "$expected" ] || fail "$fixture: got '$actual', expected '$expected'"
  [ ! -e "$work/malformed" ] || fail "$fixture: run wrote output for a malformed scenario"
done

for scenario in Tests/LabTests/Fixtures/valid/*.yaml scenarios/*/*.yaml; do
  "$bin" validate "$scenario" >/dev/null || fail "$scenario does not validate"
done

for scenario in scenarios/*/*.yaml; do
  "$bin" run "$scenario" --out "$work/first" >/dev/null
  "$bin" run "$scenario" --out "$work/second" >/dev/null
done
diff -r "$work/first" "$work/second" >/dev/null || fail "two runs of scenarios/ differ: $(diff -rq "$work/first" "$work/second" | head -3)"

if [ "$failures" -gt 0 ]; then
  echo "check-cli: $failures failure(s)" >&2
  exit 1
fi
echo "check-cli: all command-line checks passed"
