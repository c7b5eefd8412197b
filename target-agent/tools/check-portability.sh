#!/bin/sh
# check-portability.sh [DIR...]  (default: the agent's sources, target-agent/src)
#
# The agent runs on QNX: it may use ISO C, POSIX and the QNX API, never a
# Linux-only header, call, flag or path (those belong in qnxsim/, the Linux
# emulation). Each rule below is one TAP test listing every offending
# file:line; a last test runs the rules on a planted file to show that each
# can fail. __linux__ and other libc/OS tests are allowed in compat.h only,
# the one place release and platform differences live. Lines that are
# comments (starting with /*, * or //) are not checked.
#
# Installed by port.mk as <build>/lint/tests/portability.sh.
self=$0
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$here
while [ "$root" != / ] && [ ! -f "$root/agent.mk" ]; do root=$(dirname -- "$root"); done

# name @ extended regex (grep -E) @ why
rules='linux-headers@#[[:space:]]*include[[:space:]]*<(linux|asm|asm-generic)/@kernel headers exist only on Linux
linux-sys-headers@#[[:space:]]*include[[:space:]]*<sys/(epoll|eventfd|signalfd|timerfd|inotify|fanotify|prctl|personality|sysinfo|syscall|vfs|statfs|sendfile|klog|auxv|random|pidfd|capability|fsuid|xattr|sysmacros)\.h>@Linux-only system headers
glibc-headers@#[[:space:]]*include[[:space:]]*<(features|gnu/[a-z_-]+|execinfo|mcheck|malloc|error|argp|mntent|printf|obstack)\.h>@glibc-only headers
linux-calls@(^|[^A-Za-z0-9_])(epoll_[a-z_]+|eventfd|eventfd_(read|write)|signalfd|timerfd_[a-z]+|inotify_[a-z_]+|fanotify_[a-z_]+|prctl|memfd_create|syscall|gettid|pidfd_[a-z_]+|sched_[gs]etaffinity|pthread_[gs]etaffinity_np|pthread_setname_np|clone|clone3|unshare|setns|splice|vmsplice|sendfile|pipe2|accept4|dup3|ppoll|mremap|process_vm_(readv|writev)|getauxval|personality|sysinfo|get_nprocs(_conf)?|backtrace(_symbols)?|mallinfo2?|malloc_usable_size|sigisemptyset|sigandset|sigorset|strchrnul|memrchr|rawmemchr|mempcpy|get_current_dir_name|program_invocation_(short_)?name|secure_getenv|qsort_r)[[:space:]]*\(@Linux or glibc-only functions
linux-flags@(^|[^A-Za-z0-9_])(MAP_POPULATE|MAP_LOCKED|MAP_NORESERVE|MAP_HUGETLB|MAP_GROWSDOWN|O_PATH|O_TMPFILE|O_NOATIME|O_DIRECT|SOCK_CLOEXEC|SOCK_NONBLOCK|EPOLL[A-Z_]+|SFD_[A-Z_]+|EFD_[A-Z_]+|MFD_[A-Z_]+|PR_[SG]ET_[A-Z_]+|SCHED_IDLE|SCHED_BATCH|SCHED_DEADLINE|SCHED_RESET_ON_FORK|CLOCK_BOOTTIME(_ALARM)?|CLOCK_MONOTONIC_RAW|CLOCK_(REALTIME|MONOTONIC)_COARSE|CLOCK_TAI|CPU_(SET|ZERO|ISSET|CLR|COUNT)|RLIMIT_RTTIME|F_SETPIPE_SZ|F_GETPIPE_SZ)([^A-Za-z0-9_]|$)@Linux-only flags and constants
linux-paths@"/(proc|sys|dev/shm|run)/@Linux file-system paths (procfs, sysfs, /dev/shm)
os-tests@(^|[^A-Za-z0-9_])(__linux__|__linux|__gnu_linux__|__GLIBC__|__GLIBC_MINOR__|__GNU_LIBRARY__|_GNU_SOURCE|__USE_GNU)([^A-Za-z0-9_]|$)@platform tests outside compat.h'

# Prints file:line: text of each match of rule regex in the files given.
scan() {
	re=$1 name=$2
	shift 2
	for f in "$@"; do
		[ -f "$f" ] || continue
		case $name:$(basename -- "$f") in os-tests:compat.h) continue ;; esac
		grep -nE -- "$re" "$f" 2>/dev/null | grep -vE '^[0-9]+:[[:space:]]*(/\*|\*|//)' |
			sed "s|^|$f:|"
	done
}

files() {
	for d in "$@"; do
		if [ -d "$d" ]; then ls "$d"/*.c "$d"/*.h 2>/dev/null; else echo "$d"; fi
	done
}

[ $# -gt 0 ] || set -- "$root/src"
list=$(files "$@")
n=0 failed=0
echo "1..8"
echo "# scanning $(echo "$list" | wc -l) files under $*"
while IFS='@' read -r name re why; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	found=$(scan "$re" "$name" $list)
	if [ -z "$found" ]; then
		echo "ok $n - $name: none ($why)"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name: $why, outside target-agent/qnxsim/:"
		echo "$found" | sed 's/^/#   /'
	fi
done <<RULES
$rules
RULES
{
	# The rules themselves: a planted file with one offence per rule must
	# trip every rule, a clean one none.
	n=$((n + 1))
	plant=$(mktemp -d) || exit 1
	cat > "$plant/bad.c" <<'BAD'
#include <linux/futex.h>
#include <sys/epoll.h>
#include <execinfo.h>
static int f(void) { return eventfd(0, EFD_CLOEXEC) + prctl(1); }
static const char *p = "/proc/self/stat";
#ifdef __linux__
#endif
BAD
	cat > "$plant/compat.h" <<'OK'
/* compat.h may test the platform */
#if defined(__linux__)
#endif
OK
	missed=
	printf '%s\n' "$rules" | while IFS='@' read -r name re why; do
		[ -n "$(scan "$re" "$name" "$plant/bad.c")" ] || echo "$name"
	done > "$plant/missed"
	missed=$(tr '\n' ' ' < "$plant/missed")
	extra=$(printf '%s\n' "$rules" | while IFS='@' read -r name re why; do
		scan "$re" "$name" "$plant/compat.h"; done)
	rm -rf "$plant"
	if [ -z "$missed" ] && [ -z "$extra" ]; then
		echo "ok $n - every rule trips on a planted offence; compat.h may test __linux__"
	else
		failed=$((failed + 1))
		echo "not ok $n - rules that missed a planted offence: ${missed:-none}; false alarms: ${extra:-none}"
	fi
	[ $failed -eq 0 ]
}
