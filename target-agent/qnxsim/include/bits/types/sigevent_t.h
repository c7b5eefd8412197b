/*
 * qnxsim override of glibc's <bits/types/sigevent_t.h>: struct sigevent with
 * QNX's layout (the sigevent reference page), 32 bytes on LP64:
 *   sigev_notify @0, union un1 @8, sigev_value @16, union un2 @24.
 *
 * QNX has no sigevent_t typedef (glibc's header has one): programs write
 * struct sigevent.
 *
 * Caveat: glibc functions that take a struct sigevent (timer_create,
 * mq_notify, lio_listio) interpret Linux's layout; qnxsim programs must not
 * pass this structure to them.
 */
#ifndef __sigevent_t_defined
#define __sigevent_t_defined 1

#include <bits/types/__sigval_t.h>

#ifndef __have_pthread_attr_t
typedef union pthread_attr_t pthread_attr_t;
#define __have_pthread_attr_t 1
#endif

struct sigevent {
	int                             sigev_notify;
	union {
		int                     __sigev_signo;
		int                     __sigev_coid;
		int                     __sigev_id;
		void                    (*__sigev_notify_function)(union sigval);
		volatile unsigned       *__sigev_addr;
		unsigned                __sigev_handle;
	} __sigev_un1;
	union sigval                    sigev_value;
	union {
		struct {
			short           __sigev_code;
			short           __sigev_priority;
		} __st;
		pthread_attr_t          *__sigev_notify_attributes;
		int                     __sigev_memop;
	} __sigev_un2;
};

#define sigev_signo               __sigev_un1.__sigev_signo
#define sigev_coid                __sigev_un1.__sigev_coid
#define sigev_id                  __sigev_un1.__sigev_id
#define sigev_notify_function     __sigev_un1.__sigev_notify_function
#define sigev_addr                __sigev_un1.__sigev_addr
#define sigev_handle              __sigev_un1.__sigev_handle

#define sigev_notify_attributes   __sigev_un2.__sigev_notify_attributes
#define sigev_code                __sigev_un2.__st.__sigev_code
#define sigev_priority            __sigev_un2.__st.__sigev_priority
#define sigev_memop               __sigev_un2.__sigev_memop

#endif
