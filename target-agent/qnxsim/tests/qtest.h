/*
 * Helpers shared by the qnxsim tests: an isolated node per test program,
 * child processes with a result pipe, and bounded observation of what a
 * process received (signal or pulse).
 */
#ifndef QNXSIM_QTEST_H
#define QNXSIM_QTEST_H

#include <signal.h>
#include <sys/types.h>
#include <sys/neutrino.h>

enum { QT_NONE, QT_SIGNAL, QT_PULSE };

struct qt_obs {
	int     kind;
	int     signo;
	int     value;
	int     code;
};

/* Gives this test program (and its children) a node of its own, and a
 * 120 s limit. */
void  qt_isolate(const char *tag);
/* Blocks SIGUSR1, SIGUSR2 and SIGRTMIN..SIGRTMAX, as the agent's actors do. */
void  qt_block_signals(sigset_t *set);
/* Waits up to ms for a blocked signal, or a pulse on chid when chid > 0. */
int   qt_observe(int chid, int ms, struct qt_obs *o);
/* Forks; the child runs fn(arg, wfd) and exits with its return value. */
pid_t qt_spawn(int (*fn)(void *arg, int wfd), void *arg, int *rfd);
/* Reads exactly n bytes within ms: 0, or -1 on timeout/EOF. */
int   qt_read(int fd, void *buf, size_t n, int ms);
int   qt_write(int fd, const void *buf, size_t n);
/* Reaps pid within ms (killing it after): exit status, or -1. */
int   qt_reap(pid_t pid, int ms);
/* execv(), or under an emulator ($QHIL_EMULATOR, set by tools/run-emulated)
 * the emulator running path; returns only on failure. */
void  qt_execv(const char *path, char *const argv[]);
/* Non-zero when the test runs under an emulator (qemu-user). */
int   qt_emulated(void);
/* Ends a child parked in qt_read() on its pipe: SIGKILL natively; under an
 * emulator the pipe is closed so it exits normally (qemu-user has no robust
 * futex list: a process killed inside a kernel call would leave the node's
 * lock held for ever). Reap it with qt_reap(). */
void  qt_end(pid_t pid, int *rfd);
/* Why some cases cannot run under qemu-user (skip reasons). */
#define QT_EMU_SIGCODE "qemu-user passes rt_sigqueueinfo() an uncleared siginfo: the kernel " \
	"refuses a code without a known layout (E2BIG)"
#define QT_EMU_MEMPROBE "qemu-user: another process's guest addresses cannot be probed " \
	"(process_vm_readv sees the host mapping)"
/* The directory holding the QNX reference pages, or NULL. */
const char *qt_docs_dir(void);
/* qnxsim-cc's path. */
const char *qt_qnxsim_cc(void);

#endif
