/*
 * <sys/procmgr.h> -- qnxsim: procmgr_ability(), per-process abilities.
 * Root holds every ability unless it is denied; see README.md for the
 * non-root defaults.
 */
#ifndef __PROCMGR_H_INCLUDED
#define __PROCMGR_H_INCLUDED

#include <sys/types.h>
#include <sys/nto_version.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROCMGR_AID_SPAWN_SETUID        0
#define PROCMGR_AID_SETUID              2
#define PROCMGR_AID_PATHSPACE           5
#define PROCMGR_AID_MEM_PEER            19
#define PROCMGR_AID_SPAWN               21
#define PROCMGR_AID_FORK                22
#define PROCMGR_AID_PROT_EXEC           23
#define PROCMGR_AID_INTERRUPT           29
#define PROCMGR_AID_IO                  31
#define PROCMGR_AID_PRIORITY            33
#define PROCMGR_AID_CONNECTION          34
#define PROCMGR_AID_SIGNAL              36
#define PROCMGR_AID_PUBLIC_CHANNEL      44
#define PROCMGR_AID_XPROCESS_QUERY      50
#if _NTO_VERSION >= 800
#define PROCMGR_AID_CHANNEL_CONNECT     58
#endif
#define PROCMGR_AID_SIGEV_THREAD        69
#define PROCMGR_AID_EOL                 0xffff
#define PROCMGR_AID_MASK                0xffff

#define PROCMGR_AOP_DENY                0x00010000
#define PROCMGR_AOP_ALLOW               0x00020000
#define PROCMGR_AOP_SUBRANGE            0x00040000
#define PROCMGR_AOP_LOCK                0x00080000

#define PROCMGR_ADN_ROOT                0x10000000
#define PROCMGR_ADN_NONROOT             0x20000000

int procmgr_ability(pid_t pid, unsigned ability, ...);

#ifdef __cplusplus
}
#endif

#endif
