/*
 * <sys/dispatch.h> -- qnxsim: the name service (name_attach() / name_open()).
 * dispatch_t is opaque; qnxsim does not emulate the resource-manager
 * dispatch framework, only the naming calls.
 */
#ifndef __DISPATCH_H_INCLUDED
#define __DISPATCH_H_INCLUDED

#include <sys/neutrino.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _dispatch dispatch_t;

typedef struct _name_attach {
	dispatch_t      *dpp;
	int             chid;
	int             mntid;
	int             zero[2];
} name_attach_t;

#define NAME_FLAG_ATTACH_GLOBAL         0x00000002
#define NAME_FLAG_DETACH_SAVEDPP        0x00000001

name_attach_t *name_attach(dispatch_t *dpp, const char *path, unsigned flags);
int name_detach(name_attach_t *attach, unsigned flags);
int name_open(const char *name, int flags);
int name_close(int coid);

#ifdef __cplusplus
}
#endif

#endif
