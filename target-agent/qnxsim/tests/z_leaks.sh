#!/bin/sh
# Runs after the other tests of its directory (z_ sorts last): the tests
# must leave no qnxsim node segment or shm object in /dev/shm and no
# process of theirs behind.
. "$(dirname -- "$0")/lib.sh"
echo "1..2"
# A segment is named after the test process that made it (qnxsim-test-TAG-PID). One whose
# process is still alive belongs to a test running elsewhere (another checkout, a parallel
# build): not ours to judge. A segment whose maker is gone is a leak.
# QNXSIM_TEST_SINCE names a file the test runner touched before the first test program
# started: a segment not newer than it was made by an earlier run (one killed before its own
# leak check) and is noted, not judged, so one bad run does not fail every later one.
since=${QNXSIM_TEST_SINCE:-}
[ -n "$since" ] && [ ! -f "$since" ] && since=
left=
for seg in $(ls /dev/shm 2>/dev/null | grep '^qnxsim-test'); do
	if [ -n "$since" ] && [ ! "/dev/shm/$seg" -nt "$since" ]; then
		echo "# note: /dev/shm/$seg predates this test run (left by an earlier run)"
		continue
	fi
	pid=${seg##*-}
	case $pid in ''|*[!0-9]*) left="$left $seg"; continue ;; esac
	[ -d "/proc/$pid" ] || left="$left $seg"
done
check "no qnxsim-test* segment left in /dev/shm${left:+ (found: $left)}" [ -z "$left" ]
for other in $(ls /dev/shm 2>/dev/null | grep '^qnxsim' | grep -v '^qnxsim-test'); do
	echo "# note: /dev/shm/$other belongs to a node not used by the tests"
done

# Test programs of this build tree, and the examples they build (in mktemp directories,
# started from a test of this tree: their parent chain reaches our session).
procs=
for d in /proc/[0-9]*; do
	exe=$(readlink "$d/exe" 2>/dev/null) || continue
	case $exe in
	"$here"/t_*) procs="$procs ${d#/proc/}:$exe" ;;
	/tmp/tmp.*/example*|/tmp/tmp.*/server*|/tmp/tmp.*/client*)
		sid=$(awk '{print $6}' "$d/stat" 2>/dev/null)
		[ "$sid" = "$(awk '{print $6}' /proc/$$/stat)" ] && procs="$procs ${d#/proc/}:$exe" ;;
	esac
done
check "no test process left running${procs:+ (found:$procs)}" [ -z "$procs" ]
[ "$failed" -eq 0 ]
