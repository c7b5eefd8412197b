# Shared by the shell tests (sourced).  A test installed as
# <build>/<variant>/tests/t_x.sh takes its variant (nto710, nto800-asan...)
# from its directory and finds qnxsim-cc above it.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
variant=$(basename -- "$(dirname -- "$here")")
agent_root=$here
while [ "$agent_root" != / ] && [ ! -x "$agent_root/qnxsim/qnxsim-cc" ]; do
	agent_root=$(dirname -- "$agent_root")
done
qcc="$agent_root/qnxsim/qnxsim-cc"
docs=${QHIL_QNX_DOCS:-$agent_root/../../shared/qnx-docs}
# A cross-built variant runs what it builds under the emulator run-emulated names
# (empty natively): "$emu" prefixes every compiled program a test starts.
emu=${QHIL_EMULATOR:-}
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else notok "$desc"; fi; }
skip_all() { echo "1..1"; echo "ok 1 - $1 # SKIP $2"; exit 0; }
# Prints the lines of page $1 from the first line matching $2 up to, not
# including, the first later line matching $3.
page_extract() { awk -v a="$2" -v b="$3" '$0 ~ a {p = 1} p && $0 ~ b {exit} p {print}' "$1"; }
# Reclaims the node after a test killed its last process on purpose.
sweep() { $emu "$here/../bin/qnxsim-sweep" "$QNXSIM_NODE"; }
