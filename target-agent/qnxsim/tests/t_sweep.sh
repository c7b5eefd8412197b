#!/bin/sh
# Node lifetime: the last process to exit normally removes the node; a node
# whose last process was killed stays until qnxsim-sweep reclaims it; a node
# with live processes, and a /dev/shm object that is not a node, are never
# removed.
. "$(dirname -- "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"; rm -f "/dev/shm/qnxsim-test-foreign-$$"' EXIT INT TERM
export QNXSIM_NODE=/qnxsim-test-sweep-$$
unset QNXSIM_FAULTS
echo "1..9"

cat > "$work/member.c" <<'PROG'
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/neutrino.h>
/* member kill | member SECONDS: attach, then die by SIGKILL or sleep and exit. */
int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (ChannelCreate(0) < 0) {
		printf("attach failed: %s\n", errno == ENOTSUP ? "ENOTSUP" : "other errno");
		return 1;
	}
	if (argv[1][0] == 'k') {
		/* qemu-user has no robust futexes: a process killed while its
		 * qnxsim helper thread (started by its first call) holds the node
		 * lock would leave the lock held for good. Under the emulator, give
		 * the helper time to reach its wait before dying. */
		if (getenv("QHIL_EMULATOR") != NULL && getenv("QHIL_EMULATOR")[0] != '\0')
			sleep(1);
		kill(getpid(), SIGKILL);
	}
	sleep((unsigned)atoi(argv[1]));
	return 0;
}
PROG
check "helper program compiles" "$qcc" --profile "$variant" -o "$work/member" "$work/member.c"
node=/dev/shm${QNXSIM_NODE}

$emu "$work/member" 0
check "a process exiting normally removes the node" [ ! -e "$node" ]
sh -c "$emu \"\$1\" kill" sh "$work/member" 2>/dev/null
check "a killed last process leaves the node behind" [ -e "$node" ]
$emu "$here/../bin/qnxsim-sweep" "$QNXSIM_NODE"
check "qnxsim-sweep reclaims it and removes the node" [ ! -e "$node" ]

$emu "$work/member" 2 & live=$!
sleep 0.5
sh -c "$emu \"\$1\" kill" sh "$work/member" 2>/dev/null
$emu "$here/../bin/qnxsim-sweep" "$QNXSIM_NODE"
check "qnxsim-sweep leaves a node with a live process alone" [ -e "$node" ]
wait $live
check "...which removes it when it exits" [ ! -e "$node" ]

foreign=/dev/shm/qnxsim-test-foreign-$$
printf 'not a node' > "$foreign"
$emu "$here/../bin/qnxsim-sweep" --all
check "qnxsim-sweep --all leaves an object that is not a node alone" [ -f "$foreign" ]
out=$(QNXSIM_NODE=/qnxsim-test-foreign-$$ $emu "$work/member" 0 2>/dev/null)
check "a program pointed at it fails to attach ($out)" [ "$out" = "attach failed: ENOTSUP" ]
check "...and the object is untouched" [ "$(cat "$foreign")" = "not a node" ]
[ "$failed" -eq 0 ]
