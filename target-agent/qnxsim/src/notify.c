/*
 * qnxsim: delivering an event to its target process, per type.
 *
 * Signals are real: rt_sigqueueinfo()/rt_tgsigqueueinfo() carry sigev_value
 * and, for SIGEV_SIGNAL_CODE/THREAD, the QNX code in si_code (SI_MINAVAIL..
 * SI_MAXAVAIL are negative, which Linux accepts from another process).
 * Pulses go on the channel the client's sigev_coid connects to.  SIGEV_MEMORY
 * and SIGEV_THREAD must act inside the target's address space, so they are
 * queued to the target's helper thread (work.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "state.h"

#define B(t)    ((t) & 0x7f)

/* Valid iff the signal has a QNX number in 1.._QNX_NSIG-1: the standard
 * signals (Linux's SIGSTKFLT has no QNX twin) and SIGRTMIN..SIGRTMIN+15. */
int qs_sig_valid(int signo)
{
	if (signo >= 1 && signo <= 31)
		return signo != 16;
	return signo >= SIGRTMIN && signo <= SIGRTMIN + 15;
}

static int code_valid(int code)
{
	return code >= SI_MINAVAIL && code <= SI_MAXAVAIL;
}

static int send_signal(const struct qs_target *t, const struct sigevent *ev, int code,
		       int thread)
{
	siginfo_t si;
	pid_t pid = qs_node->procs[t->client].id.pid;
	long r;

	memset(&si, 0, sizeof si);
	si.si_signo = ev->sigev_signo;
	si.si_code = code;
	/* memcpy: under musl si_value is the C library's own union (qnxsim's
	 * include-musl/signal.h), same size and members as QNX's. */
	_Static_assert(sizeof si.si_value == sizeof ev->sigev_value, "sigval sizes differ");
	memcpy(&si.si_value, &ev->sigev_value, sizeof si.si_value);
	si.si_pid = qs_node->procs[t->server].id.pid;
	si.si_uid = t->server == qs_self() ? geteuid() : qs_node->procs[t->server].euid;
	if (thread)
		r = syscall(SYS_rt_tgsigqueueinfo, pid, t->tid, ev->sigev_signo, &si);
	else
		r = syscall(SYS_rt_sigqueueinfo, pid, ev->sigev_signo, &si);
	return r == 0 ? 0 : errno == EAGAIN ? -EAGAIN : -ESRCH;
}

static int check_signal(const struct sigevent *ev, int base)
{
	if (!qs_sig_valid(ev->sigev_signo))
		return -EINVAL;
	if (base != B(SIGEV_SIGNAL) && !code_valid(ev->sigev_code))
		return -EINVAL;
	return 0;
}

static int deliver_pulse(const struct qs_target *t, const struct sigevent *ev, int dry)
{
	int c = qs_conn_lookup(t->client, ev->sigev_coid), ch, err;

	if ((err = qs_pulse_prio_check(ev->sigev_priority, t->client)) != 0)
		return err;
	if (c < 0)
		return -EBADF;
	if ((ch = qs_conn_chan(c)) < 0)
		return -ENXIO;          /* nobody receives on it any more */
	if (dry)
		return 0;
	return qs_pulse_enqueue(ch, (int8_t)ev->sigev_code, ev->sigev_value,
				qs_scoid_of(t->server));
}

/* The target's address must be mapped there, as the kernel would check. */
static int target_addr_ok(const struct qs_target *t, uint64_t addr)
{
	unsigned word;
	struct iovec local = { &word, sizeof word };
	struct iovec remote = { (void *)(uintptr_t)addr, sizeof word };
	pid_t pid = qs_node->procs[t->client].id.pid;

	if (addr == 0 || addr % sizeof word)
		return -EFAULT;
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) < 0 && errno == EFAULT)
		return -EFAULT;
	return 0;                       /* readable, or not ours to check (EPERM) */
}

static int queue_work(const struct qs_target *t, const struct qs_work *w)
{
	struct qs_proc *pr = &qs_node->procs[t->client];

	if (pr->work_count >= QS_MAX_WORK)
		return -EAGAIN;
	pr->work[(pr->work_head + pr->work_count) % QS_MAX_WORK] = *w;
	pr->work_count++;
	pr->work_futex++;
	qs_wake(&pr->work_futex);
	return 0;
}

static int deliver_memory(const struct qs_target *t, const struct sigevent *ev, int dry)
{
	struct qs_work w = { .kind = QS_WORK_MEMORY };
	int err;

	if (ev->sigev_memop < SIGEV_MEM_ASSIGN || ev->sigev_memop > SIGEV_MEM_BITTOGGLE)
		return -EINVAL;
	w.addr = (uint64_t)(uintptr_t)ev->sigev_addr;
	if ((err = target_addr_ok(t, w.addr)) != 0 || dry)
		return err;
	w.memop = ev->sigev_memop;
	w.value = ev->sigev_value;
	return queue_work(t, &w);
}

static int deliver_thread(const struct qs_target *t, const struct sigevent *ev, int dry)
{
	struct qs_work w = { .kind = QS_WORK_THREAD };

	if (!qs_has_ability(t->client, PROCMGR_AID_SIGEV_THREAD))
		return -EPERM;
	if (ev->sigev_notify_function == NULL)
		return -EINVAL;
	if (dry)
		return 0;
	w.fn = (uint64_t)(uintptr_t)ev->sigev_notify_function;
	w.attr = (uint64_t)(uintptr_t)ev->sigev_notify_attributes;
	w.value = ev->sigev_value;
	return queue_work(t, &w);
}

int qs_deliver(const struct qs_target *t, const struct sigevent *ev, int dry)
{
	int base = ev->sigev_notify & 0x7f, err;

	switch (base) {
	case B(SIGEV_NONE):
	case B(SIGEV_INTR):
		return 0;               /* accepted; nothing to do outside an ISR */
	case B(SIGEV_UNBLOCK):
		if (!dry)
			qs_unblock_thread(t->client, t->tid);
		return 0;
	case B(SIGEV_SIGNAL):
	case B(SIGEV_SIGNAL_CODE):
	case B(SIGEV_SIGNAL_THREAD):
		if ((err = check_signal(ev, base)) != 0 || dry)
			return err;
		return send_signal(t, ev, base == B(SIGEV_SIGNAL) ? SI_QUEUE : ev->sigev_code,
				   base == B(SIGEV_SIGNAL_THREAD));
	case B(SIGEV_PULSE):
		return deliver_pulse(t, ev, dry);
	case B(SIGEV_MEMORY):
		return deliver_memory(t, ev, dry);
	case B(SIGEV_THREAD):
		return deliver_thread(t, ev, dry);
	default:
		return -EINVAL;         /* includes SIGEV_SEM: not emulated */
	}
}
