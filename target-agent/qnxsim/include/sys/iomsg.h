/*
 * <sys/iomsg.h> -- qnxsim: I/O message types.  name_open() sends an
 * _IO_CONNECT message that a name_attach() server replies to.
 */
#ifndef __IOMSG_H_INCLUDED
#define __IOMSG_H_INCLUDED

#include <stdint.h>

#define _IO_BASE                0x100
#define _IO_MAX                 0x1ff

enum {
	_IO_CONNECT = _IO_BASE, _IO_READ, _IO_WRITE, _IO_RSVD_CLOSE_OCB,
	_IO_STAT, _IO_NOTIFY, _IO_DEVCTL, _IO_RSVD_UNBLOCK, _IO_PATHCONF,
	_IO_LSEEK, _IO_CHMOD, _IO_CHOWN, _IO_UTIME, _IO_OPENFD, _IO_FDINFO,
	_IO_LOCK, _IO_SPACE, _IO_SHUTDOWN, _IO_MMAP, _IO_MSG, _IO_RSVD,
	_IO_DUP, _IO_CLOSE, _IO_RSVD_LOCK_OCB, _IO_RSVD_UNLOCK_OCB, _IO_SYNC,
	_IO_POWER
};

#define _IO_CONNECT_OPEN        2       /* after COMBINE 0, COMBINE_CLOSE 1 */

/* The head of a connect message; qnxsim fills type and subtype. */
struct _io_connect {
	uint16_t        type;
	uint16_t        subtype;
	uint32_t        file_type;
	uint16_t        reply_max;
	uint16_t        entry_max;
	uint32_t        key;
	uint32_t        handle;
	uint32_t        ioflag;
	uint32_t        mode;
	uint16_t        sflag;
	uint16_t        access;
	uint16_t        zero;
	uint16_t        path_len;
	uint8_t         eflag;
	uint8_t         extra_type;
	uint16_t        extra_len;
};

/* name_open() and name_close() are declared by <sys/dispatch.h> only, as on
 * QNX: the MsgDeliverEvent page's client calls name_open() with just
 * <sys/neutrino.h> and <sys/iomsg.h>, which qcc (gcc 8 / 12) compiles with
 * an implicit-declaration warning, and so does qnxsim. */

#endif
