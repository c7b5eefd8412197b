#!/bin/sh
# The MsgRegisterEvent page's example program, taken from the page at test
# time, compiled unmodified with qnxsim-cc and run: it must behave as the
# page says.  The fault switches must make it fail where the page checks.
. "$(dirname -- "$0")/lib.sh"
page=$docs/MsgRegisterEvent.txt
[ -f "$page" ] || skip_all "MsgRegisterEvent example" "qnx-docs not found at $docs"

work=$(mktemp -d)
trap '[ -n "${KEEP_WORK-}" ] || rm -rf "$work"' EXIT INT TERM
export QNXSIM_NODE=/qnxsim-test-exreg-$$
unset QNXSIM_PROCNTO_U QNXSIM_FAULTS
echo "1..12"

page_extract "$page" '^#include <stdio.h>' '^Classification:' > "$work/example.c"
check "example extracted from $page" grep -q '^main(int argc' "$work/example.c"
check "example compiles unmodified with qnxsim-cc --profile $variant -Wall -Werror" \
	"$qcc" --profile "$variant" -Wall -Werror -o "$work/example" "$work/example.c"

timeout 20 $emu "$work/example" > "$work/out" 2> "$work/err"
status=$?
check "example exits 0 (got $status)" [ "$status" -eq 0 ]
for line in "Received message type 1" "Received SIGUSR1 with value 13" \
	    "Received SIGUSR2 with value 57" "Child exited with status 0"; do
	check "output has '$line'" grep -qx "$line" "$work/out"
done
check "nothing on stderr" [ ! -s "$work/err" ] || sed 's/^/# /' "$work/err"
check "node segment removed after the run" [ ! -e "/dev/shm${QNXSIM_NODE}" ]

# deliver-unpermitted: the forbidden handle is delivered, the page's EACCES check fails.
QNXSIM_FAULTS=deliver-unpermitted timeout 20 $emu "$work/example" > "$work/out" 2> "$work/err"
status=$?
check "deliver-unpermitted: page check 'MsgDeliverEvent(forbidden)' fails" \
	grep -q 'MsgDeliverEvent(forbidden)' "$work/err"
# ignore-updateable: the client receives the registered 34, not the server's 57.
QNXSIM_FAULTS=ignore-updateable timeout 20 $emu "$work/example" > "$work/out" 2> "$work/err"
check "ignore-updateable: client sees the registered value 34" \
	grep -q 'Received SIGUSR2 with value 34' "$work/out"
check "ignore-updateable: child exits 1" grep -qx 'Child exited with status 1' "$work/out"
[ "$failed" -eq 0 ]
