#!/bin/sh
# Runs after the other tests of its directory (z_ sorts last): the tests
# must leave no qnxsim node segment or shm object in /dev/shm and no
# process of theirs behind.
. "$(dirname -- "$0")/lib.sh"
echo "1..2"
left=$(ls /dev/shm 2>/dev/null | grep '^qnxsim-test' | tr '\n' ' ')
check "no qnxsim-test* segment left in /dev/shm${left:+ (found: $left)}" [ -z "$left" ]
for other in $(ls /dev/shm 2>/dev/null | grep '^qnxsim' | grep -v '^qnxsim-test'); do
	echo "# note: /dev/shm/$other belongs to a node not used by the tests"
done

# Test programs and the examples they build (in mktemp directories).
procs=
for d in /proc/[0-9]*; do
	exe=$(readlink "$d/exe" 2>/dev/null) || continue
	case $exe in
	*/tests/t_*|/tmp/tmp.*/example*|/tmp/tmp.*/server*|/tmp/tmp.*/client*)
		procs="$procs ${d#/proc/}:$exe" ;;
	esac
done
check "no test process left running${procs:+ (found:$procs)}" [ -z "$procs" ]
[ "$failed" -eq 0 ]
