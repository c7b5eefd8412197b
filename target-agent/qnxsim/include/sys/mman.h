/*
 * qnxsim wrapper of <sys/mman.h>: the host's mman plus QNX's shared-memory
 * handles (shm_create_handle() and friends).
 */
/* #include_next is a GCC extension: mark this wrapper as a system header
 * so that -Wpedantic builds of programs stay clean. */
#pragma GCC system_header
#include_next <sys/mman.h>

#ifndef _QNXSIM_SYS_MMAN_H_INCLUDED
#define _QNXSIM_SYS_MMAN_H_INCLUDED

#include <stdint.h>
#include <sys/types.h>
#include <sys/nto_version.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t shm_handle_t;

#define SHM_CREATE_HANDLE_OPT_NOFD      0x1u
#if _NTO_VERSION >= 800
#define SHM_CREATE_HANDLE_OPT_SUBRANGE  0x2u
#endif

#ifndef __PAGESIZE
#define __PAGESIZE                      4096
#endif

int shm_create_handle(int fd, pid_t pid, int flags, shm_handle_t *handlep,
                      unsigned options);
int shm_open_handle(shm_handle_t handle, int flags);
#if _NTO_VERSION >= 800
int shm_open_handle_pid(shm_handle_t handle, int flags, pid_t pid);
#endif
int shm_revoke(int fd, pid_t pid);

#ifdef __cplusplus
}
#endif

#endif
