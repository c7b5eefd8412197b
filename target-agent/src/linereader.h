/*
 * Bounded line reading from the control channel: a line longer than the
 * protocol allows is skipped up to its newline and reported once, never
 * buffered; an optional idle timeout ends a session whose controller vanished
 * without closing the stream (a serial console never signals EOF).
 */
#ifndef QHIL_LINEREADER_H
#define QHIL_LINEREADER_H

#include <stdbool.h>
#include <stddef.h>

#define LINEREADER_LIMIT 1025           /* 1024 bytes + a CR from a console */

enum lr_status { LR_LINE, LR_TOO_LONG, LR_EOF, LR_IDLE, LR_ERROR };

struct line_reader {
	int    fd;
	char   buf[4096];
	size_t start, len;                  /* unread bytes are buf[start..len) */
	bool   discarding;                  /* inside an over-long line */
	bool   eof;
};

void lr_init(struct line_reader *lr, int fd);
/* The next line, without its newline; idle_ms <= 0 waits forever. */
enum lr_status lr_next(struct line_reader *lr, const char **line, size_t *n, int idle_ms);

#endif
