#!/bin/sh
# Runs each fuzz target of the agent for a bounded time (TAP, one test per
# target): the command parser, the record framing and the actor messages.
# Installed by fuzz.mk as <build>/fuzz/tests/fuzz.sh, next to ../bin/fuzz_*.
#
#   QHIL_FUZZ_SECONDS   time per target (default 20; three targets: ~60 s)
#
# Each target starts from its seed corpus (target-agent/fuzz/corpus/<name>/,
# seeded from real agent commands) copied into a scratch directory, so what a
# run discovers never changes the sources. A crash, a sanitizer report or a
# broken invariant is "not ok" with the report and the input that caused it,
# kept under <build>/fuzz/crashes/. Without clang's libFuzzer the targets are
# not built: SKIPPED, except under CI=true, where that is a failure.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
bin=$here/../bin
crashes=$here/../crashes
corpus=$(CDPATH= cd -- "$here/../../.." && pwd)/fuzz/corpus
secs=${QHIL_FUZZ_SECONDS:-20}
targets="commands records wire"
n=0 failed=0
echo "1..3"
for t in $targets; do
	n=$((n + 1))
	prog=$bin/fuzz_$t
	if [ ! -x "$prog" ]; then
		why=$(cat "$bin/NOT-BUILT" 2>/dev/null || echo "fuzz_$t not built")
		if [ "${CI:-}" = true ]; then
			echo "not ok $n - fuzz_$t: $why (CI=true: install clang-14 and libclang-rt-14-dev)"
			failed=$((failed + 1))
		else
			echo "ok $n - fuzz_$t # SKIP $why"
		fi
		continue
	fi
	work=$(mktemp -d) || exit 1
	mkdir -p "$work/corpus" "$crashes"
	cp "$corpus/$t"/* "$work/corpus/" 2>/dev/null
	seeds=$(ls "$work/corpus" | wc -l)
	start=$(date +%s)
	"$prog" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-print_final_stats=1 -artifact_prefix="$crashes/$t-" "$work/corpus" > "$work/log" 2>&1
	status=$?
	took=$(( $(date +%s) - start ))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	if [ $status -eq 0 ]; then
		echo "ok $n - fuzz_$t: ${runs:-?} inputs in ${took} s from $seeds seeds, no crash"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz_$t: crashed (status $status) after ${took} s; input kept under $crashes"
		grep -E 'ERROR: |SUMMARY|invariant broken|runtime error|Test unit written|^    #[0-9] ' "$work/log" |
			head -25 | sed 's/^/# /'
	fi
	rm -rf "$work"
done
[ $failed -eq 0 ]
