#!/bin/sh
# check-qnx-names.sh -- the agent uses only names QNX's headers provide.
#
# qnxsim's QNX-named headers (qnxsim/include, qnxsim/include-musl) may declare
# only what QNX's headers declare; qnxsim/qnx-names.txt lists each name with
# the evidence that QNX has it. Names qnxsim needs and QNX lacks live in
# qnxsim/include-sim/qnxsim/qnxsim.h, which the agent never sees.
#
#   1. every name a QNX-named header defines or declares (macros, functions,
#      types, tags, enumerators, variables; found with universal-ctags) is in
#      the manifest under that header, unless it is the emulation's own
#      (__*, _qnxsim*, include guards);
#   2. every manifest entry is still in its header and cites evidence;
#   3. every agent source compiles against these headers alone, for both
#      profiles, as qcc would see it: include-sim not on the path, __QNXSIM__
#      not defined, an undeclared function an error;
#   4. the agent's sources name none of the emulation's own names;
#   5. the checks can fail: a scratch copy of the agent given back
#      SIGEV_MAKE_CODE_UPDATEABLE() must not compile, and a header given a
#      name the manifest lacks must be reported.
#
# Installed by port.mk as <build>/lint/tests/qnx-names.sh. Needs cc and
# universal-ctags (Debian: universal-ctags).
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$here
while [ "$root" != / ] && [ ! -f "$root/agent.mk" ]; do root=$(dirname -- "$root"); done
sim=$root/qnxsim
manifest=$sim/qnx-names.txt
cc=${CC:-cc}
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
echo "1..7"

# Prints "file name" for each public name of the headers under include dir $1
# (file relative to $2, the directory the manifest paths start from).
header_names() {
	(cd "$2" && find "${1#"$2"/}" -name '*.h' | sort) | while read -r f; do
		ctags -x --c-kinds=+px-m --language-force=C --_xformat='%N' "$2/$f" 2>/dev/null |
			sed "s|^|$f |"
	done | awk '$2 !~ /^__/ && $2 !~ /^_[qQ][nN][xX][sS][iI][mM]/ && $2 !~ /_H(_INCLUDED)?$/' | sort -u
}

# Names of headers under $1 (tree rooted at $2) missing from manifest $3.
unlisted() {
	header_names "$1" "$2" | while read -r f name; do
		awk -F '\t' -v n="$name" -v f="$f" '$1 == n && $2 == f { found = 1 } END { exit !found }' "$3" ||
			echo "$f: $name"
	done
}

if ! ctags --version 2>/dev/null | grep -q 'Universal Ctags'; then
	notok "universal-ctags is needed to list the headers' names (Debian package universal-ctags)"
else
	missing=$( { unlisted "$sim/include" "$sim" "$manifest"; unlisted "$sim/include-musl" "$sim" "$manifest"; } )
	if [ -z "$missing" ]; then
		ok "every name in qnxsim's QNX-named headers is in qnxsim/qnx-names.txt ($(grep -vc '^#' "$manifest") entries)"
	else
		notok "names in QNX-named headers with no evidence in qnxsim/qnx-names.txt (move them to include-sim/qnxsim/qnxsim.h or cite where QNX has them):"
		echo "$missing" | sed 's/^/#   /'
	fi
fi

# 2. Manifest entries: present in their header, with evidence.
all=$( { header_names "$sim/include" "$sim"; header_names "$sim/include-musl" "$sim"; } )
stale=$(grep -v '^#' "$manifest" | grep -v '^$' | while IFS='	' read -r name file qnx evidence; do
	if [ -z "$evidence" ] || [ -z "$qnx" ]; then echo "$name: no QNX header or evidence"; continue; fi
	printf '%s\n' "$all" | grep -qx "$file $name" || echo "$name: not in $file"
done)
if [ -z "$stale" ]; then ok "every qnx-names.txt entry is in its header and cites evidence"
else
	notok "qnx-names.txt entries that are stale or lack evidence:"
	echo "$stale" | sed 's/^/#   /'
fi

# 3. The agent compiled as qcc would see it, against the strict headers only.
# $1 = profile value, $2 = source directory; prints the compiler's complaints.
strict_compile() {
	for s in "$2"/*.c; do
		$cc -std=c11 -Wall -Wextra -Werror -Werror=implicit-function-declaration -fsyntax-only \
			-I"$sim/include" -D__QNXSIM_PROFILE="$1" -D_DEFAULT_SOURCE -pthread \
			-DQHIL_BUILD_HASH='"strict"' "$s" 2>&1 | sed "s|^|$(basename "$s"): |"
	done
}
for p in 710 800; do
	out=$(strict_compile $p "$root/src")
	if [ -z "$out" ]; then
		ok "nto$p: all $(ls "$root"/src/*.c | wc -l) agent sources compile against QNX-named headers alone (no include-sim, no __QNXSIM__)"
	else
		notok "nto$p: agent sources use names QNX's headers do not provide:"
		printf '%s\n' "$out" | head -40 | sed 's/^/#   /'
	fi
done

# 4. The emulation's own names stay out of the agent (its #ifdef __QNXSIM__
# gates are allowed: a QNX build simply takes the other branch).
own=$(grep -nE '(^|[^A-Za-z0-9_])(_+[qQ][nN][xX][sS][iI][mM][A-Za-z0-9_]*|__SIGEV_[A-Z_]+|qnxsim/qnxsim\.h)' \
	"$root"/src/*.c "$root"/src/*.h | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)' |
	sed -E 's/__QNXSIM__//g' | grep -E '(_+[qQ][nN][xX][sS][iI][mM]|__SIGEV_|qnxsim/qnxsim\.h)')
if [ -z "$own" ]; then ok "agent sources name none of qnxsim's own names (only #ifdef __QNXSIM__ gates)"
else
	notok "agent sources name qnxsim's own names:"
	printf '%s\n' "$own" | sed 's/^/#   /'
fi

# 5. Negative self-checks on scratch copies.
mkdir "$scratch/src"
cp "$root"/src/*.c "$root"/src/*.h "$scratch/src/"
if grep -q 'ev->sigev_notify |= SIGEV_FLAG_CODE_UPDATEABLE;' "$scratch/src/actor_ops.c"; then
	sed -i 's/ev->sigev_notify |= SIGEV_FLAG_CODE_UPDATEABLE;/SIGEV_MAKE_CODE_UPDATEABLE(ev);/' "$scratch/src/actor_ops.c"
	out=$(strict_compile 800 "$scratch/src")
	if printf '%s\n' "$out" | grep -q 'SIGEV_MAKE_CODE_UPDATEABLE'; then
		ok "a scratch agent calling SIGEV_MAKE_CODE_UPDATEABLE() fails the strict compile"
	else
		notok "a scratch agent calling SIGEV_MAKE_CODE_UPDATEABLE() was not caught: ${out:-compiled cleanly}"
	fi
else
	notok "self-check: actor_ops.c no longer sets SIGEV_FLAG_CODE_UPDATEABLE as expected; update this test"
fi
mkdir -p "$scratch/qnxsim"
cp -R "$sim/include" "$scratch/qnxsim/"
echo '#define SIGEV_SIGNAL_THREAD_INT_INIT(e, s, v, c) 0' >> "$scratch/qnxsim/include/sys/siginfo.h"
got=$(unlisted "$scratch/qnxsim/include" "$scratch/qnxsim" "$manifest")
if [ "$got" = "include/sys/siginfo.h: SIGEV_SIGNAL_THREAD_INT_INIT" ]; then
	ok "a header given SIGEV_SIGNAL_THREAD_INT_INIT, which the manifest lacks, is reported"
else
	notok "planted SIGEV_SIGNAL_THREAD_INT_INIT in siginfo.h: reported '${got:-nothing}'"
fi
[ $failed -eq 0 ]
