#!/bin/sh
# check-qnx-build.sh -- the QNX build of the agent, checked without an SDP.
#
# There is no qcc on this host, so the QNX binaries are not compiled here.
# What can be checked is what `make qnx-aarch64le` / `make qnx-x86_64` would
# run (make -n): qcc with the right -V variant and the project's C11 warning
# flags, every agent source and nothing of qnxsim (the Linux emulation), and
# a clear error for an unknown TARGET. Installed by port.mk as
# <build>/lint/tests/qnx-build.sh.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$here
while [ "$root" != / ] && [ ! -f "$root/agent.mk" ]; do root=$(dirname -- "$root"); done
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
echo "1..9"
echo "# qcc is not installed here: the QNX build is checked as make -n output, not compiled"
sources=$(cd "$root" && ls src/*.c)
for t in aarch64le x86_64; do
	# make -n prints a recipe's continued lines as they are written: join them
	cmds=$(make -n -s -C "$root" BUILD="$scratch" "qnx-$t" 2>&1 | sed -e :a -e '/\\$/N; s/\\\n//; ta')
	line=$(printf '%s\n' "$cmds" | grep -E '(^|[ /])qcc -V' | head -1)
	case $t in aarch64le) v=gcc_ntoaarch64le ;; x86_64) v=gcc_ntox86_64 ;; esac
	if printf '%s\n' "$line" | grep -q -- "qcc -V$v -std=c11 -Wall -Wextra -Werror"; then
		ok "qnx-$t: qcc -V$v -std=c11 -Wall -Wextra -Werror"
	else
		notok "qnx-$t: no 'qcc -V$v -std=c11 -Wall -Wextra -Werror' in: ${line:-$cmds}"
	fi
	missing=
	for s in $sources; do
		printf '%s\n' "$line" | grep -q -- " $s" || missing="$missing $s"
	done
	if [ -z "$missing" ]; then ok "qnx-$t: compiles every agent source ($(echo $sources | wc -w) files)"
	else notok "qnx-$t: sources left out:$missing"; fi
	if printf '%s\n' "$line" | grep -q qnxsim; then
		notok "qnx-$t: the QNX build must not use qnxsim: $line"
	else
		ok "qnx-$t: nothing of qnxsim (its headers or library) in the QNX build"
	fi
done
out=$(make -s -C "$root" BUILD="$scratch" TARGET=sparc agent-all 2>&1)
status=$?
if [ $status -ne 0 ] && printf '%s\n' "$out" | grep -q "TARGET must be aarch64le or x86_64"; then
	ok "an unknown TARGET is refused with the valid ones named"
else
	notok "TARGET=sparc: status $status, output: $out"
fi
out=$(PATH=/usr/bin:/bin QCC=qcc-not-installed make -s -C "$root" BUILD="$scratch" TARGET=aarch64le agent-all 2>&1)
status=$?
if [ $status -ne 0 ] && printf '%s\n' "$out" | grep -q "qcc not found: source qnxsdp-env.sh"; then
	ok "without qcc the QNX build stops and says to source qnxsdp-env.sh"
else
	notok "without qcc: status $status, output: $out"
fi
if grep -q '_NTO_VERSION >= 800' "$root/src/compat.h" && grep -q 'error "_NTO_VERSION is undefined' "$root/src/compat.h"; then
	ok "src/compat.h gates 7.1/8.0 on _NTO_VERSION and refuses a build without it"
else
	notok "src/compat.h lost its _NTO_VERSION gates"
fi
[ $failed -eq 0 ]
