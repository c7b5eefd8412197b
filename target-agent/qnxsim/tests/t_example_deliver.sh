#!/bin/sh
# The MsgDeliverEvent page's client/server example: my_hdr.h, client.c and
# server.c taken from the page at test time, compiled unmodified as two
# separate programs that meet through name_attach()/name_open().  The server
# delivers an unregistered pulse, so it needs procnto -U (QNXSIM_PROCNTO_U=1);
# without it the pulse is refused and the client never gets it.
. "$(dirname -- "$0")/lib.sh"
page=$docs/MsgDeliverEvent.txt
[ -f "$page" ] || skip_all "MsgDeliverEvent example" "qnx-docs not found at $docs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export QNXSIM_NODE=/qnxsim-test-exdel-$$
unset QNXSIM_FAULTS
echo "1..9"

page_extract "$page" '^struct my_msg' "^Here's the client" > "$work/my_hdr.h"
page_extract "$page" '^/\* client.c \*/' "^Here's the server" > "$work/client.c"
page_extract "$page" '^/\* server.c \*/' '^Classification:' > "$work/server.c"
check "my_hdr.h, client.c, server.c extracted from $page" \
	grep -q MY_SERV "$work/my_hdr.h" "$work/client.c" "$work/server.c"
# client.c calls name_open() with only <sys/neutrino.h> and <sys/iomsg.h>,
# which do not declare it on QNX either: qcc (gcc 8 / 12) warns, and so must
# we (gcc 14 made it an error unless asked otherwise).
check "client.c compiles unmodified (-Wall; its unused rcvid and undeclared name_open warn)" \
	"$qcc" --profile "$variant" -Wall -Wno-error=implicit-function-declaration \
	-o "$work/client" "$work/client.c" 2>/dev/null
check "server.c compiles unmodified (-Wall -Werror)" \
	"$qcc" --profile "$variant" -Wall -Werror -o "$work/server" "$work/server.c"

# Starts the server, then the client once the server's name exists.
run_pair() {
	timeout 20 $emu "$work/server" > "$work/server.out" 2>&1 &
	spid=$!
	tries=0
	while :; do
		timeout "$1" $emu "$work/client" > "$work/client.out" 2>&1
		cstatus=$?
		grep -q 'failed to find server' "$work/client.out" || break
		tries=$((tries + 1))
		[ $tries -lt 50 ] || break
		sleep 0.1
	done
	wait $spid
	sstatus=$?
}

QNXSIM_PROCNTO_U=1 run_pair 20
check "procnto -U: client exits 0 (got $cstatus)" [ "$cstatus" -eq 0 ]
check "procnto -U: client got the pulse" grep -qx 'got pulse with code 5, waiting for 5' "$work/client.out"
check "procnto -U: server exits 0 after delivering (got $sstatus)" \
	[ "$sstatus" -eq 0 ] && grep -qx 'server:delivered event' "$work/server.out"

unset QNXSIM_PROCNTO_U
run_pair 5
check "default (no -U): the unregistered pulse never reaches the client (timeout status $cstatus)" \
	[ "$cstatus" -eq 124 ]
check "default (no -U): server still ran to completion" [ "$sstatus" -eq 0 ]
sweep   # the client was killed by timeout: nobody was left to remove the node
check "node segment removed after the runs" [ ! -e "/dev/shm${QNXSIM_NODE}" ]
[ "$failed" -eq 0 ]
