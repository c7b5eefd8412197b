/* Bounded line reading from the control channel. */
#include "linereader.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct line_reader lr;

/* A reader over a pipe that already holds text (then EOF). */
static bool feed(const char *text, size_t n)
{
	int p[2];
	if (pipe(p) != 0 || write(p[1], text, n) != (ssize_t)n)
		return false;
	close(p[1]);
	lr_init(&lr, p[0]);
	return true;
}

static bool next_is(enum lr_status want, const char *line)
{
	const char *l = NULL;
	size_t n = 0;
	enum lr_status st = lr_next(&lr, &l, &n, 0);
	if (st != want)
		return false;
	return !line || (n == strlen(line) && memcmp(l, line, n) == 0);
}

int main(void)
{
	char *big = malloc(10000);
	size_t n;
	tap_ok(feed("info\nrun\n", 9) && next_is(LR_LINE, "info") && next_is(LR_LINE, "run") &&
	       next_is(LR_EOF, NULL), "two lines, then EOF");
	close(lr.fd);
	tap_ok(feed("last", 4) && next_is(LR_LINE, "last") && next_is(LR_EOF, NULL),
	       "a last line without newline is still a line");
	close(lr.fd);
	memset(big, 'x', 9000);
	memcpy(big + 9000, "\nquit\n", 6);
	n = 9006;
	tap_ok(feed(big, n) && next_is(LR_TOO_LONG, NULL) && next_is(LR_LINE, "quit") &&
	       next_is(LR_EOF, NULL), "a 9000-byte line is reported once and skipped");
	close(lr.fd);
	memset(big, 'y', 1024);
	big[1024] = '\r';
	big[1025] = '\n';
	tap_ok(feed(big, 1026) && next_is(LR_LINE, NULL), "1024 bytes plus CR is accepted");
	close(lr.fd);
	memset(big, 'z', 3000);
	tap_ok(feed(big, 3000) && next_is(LR_TOO_LONG, NULL) && next_is(LR_EOF, NULL),
	       "an over-long unterminated line before EOF is reported");
	close(lr.fd);
	{
		int p[2];
		const char *l;
		size_t ln;
		tap_ok(pipe(p) == 0, "pipe");
		lr_init(&lr, p[0]);
		tap_ok(lr_next(&lr, &l, &ln, 100) == LR_IDLE, "nothing within the idle time is LR_IDLE");
		close(p[0]);
		close(p[1]);
	}
	free(big);
	return tap_done();
}
