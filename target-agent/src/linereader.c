#include "linereader.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

void lr_init(struct line_reader *lr, int fd)
{
	lr->fd = fd;
	lr->start = lr->len = 0;
	lr->discarding = false;
	lr->eof = false;
}

/* Reads more input; returns LR_LINE when bytes came, else why not. */
static enum lr_status fill(struct line_reader *lr, int idle_ms)
{
	ssize_t r;
	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, lr->len - lr->start);
		lr->len -= lr->start;
		lr->start = 0;
	}
	if (idle_ms > 0) {
		struct pollfd p = { lr->fd, POLLIN, 0 };
		int rc;
		do
			rc = poll(&p, 1, idle_ms);
		while (rc < 0 && errno == EINTR);
		if (rc == 0)
			return LR_IDLE;
	}
	do
		r = read(lr->fd, lr->buf + lr->len, sizeof lr->buf - lr->len);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return LR_ERROR;
	if (r == 0) {
		lr->eof = true;
		return LR_EOF;
	}
	lr->len += (size_t)r;
	return LR_LINE;
}

enum lr_status lr_next(struct line_reader *lr, const char **line, size_t *n, int idle_ms)
{
	for (;;) {
		char *base = lr->buf + lr->start;
		size_t avail = lr->len - lr->start;
		char *nl = memchr(base, '\n', avail);
		enum lr_status st;
		if (nl) {
			lr->start += (size_t)(nl - base) + 1;
			if (lr->discarding) {
				lr->discarding = false;
				return LR_TOO_LONG;
			}
			*line = base;
			*n = (size_t)(nl - base);
			return LR_LINE;
		}
		if (avail > LINEREADER_LIMIT) {
			lr->discarding = true;      /* drop it; report at its end */
			lr->start = lr->len;
			continue;
		}
		if (lr->eof) {
			lr->start = lr->len;
			if (lr->discarding) {
				lr->discarding = false;
				return LR_TOO_LONG;
			}
			if (avail == 0)
				return LR_EOF;
			*line = base;               /* last line without a newline */
			*n = avail;
			return LR_LINE;
		}
		st = fill(lr, idle_ms);
		if (st == LR_IDLE || st == LR_ERROR)
			return st;
	}
}
