#!/bin/sh
# Runs every C test program under BUILD/<variant>/tests/ and prints its TAP output.
# A variant with a BUILD/<variant>/run-test (a cross-built one) runs its programs through it.
# Exit status: 0 when every program exits 0.
build=${1:-build}
status=0
# Segments older than this stamp were left by an earlier run: the leak check notes them only.
QNXSIM_TEST_SINCE=$(mktemp) || exit 1
export QNXSIM_TEST_SINCE
trap 'rm -f "$QNXSIM_TEST_SINCE"' EXIT
sleep 1
for t in "$build"/*/tests/*; do
  [ -x "$t" ] || continue
  echo "# $t"
  runner=$(dirname "$(dirname "$t")")/run-test
  if [ -x "$runner" ]; then "$runner" "$t"; else "$t"; fi || { echo "# FAILED: $t"; status=1; }
done
exit $status
