#include "wire.h"

#include <errno.h>
#include <unistd.h>

int wire_read_full(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

int wire_write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

const struct wire_arg *wire_arg_find(const struct wire_cmd *c, enum arg_key key)
{
	for (int i = 0; i < c->nargs && i < 16; i++)
		if (c->args[i].key == (int32_t)key)
			return &c->args[i];
	return NULL;
}

int64_t wire_num(const struct wire_cmd *c, enum arg_key key, int64_t def)
{
	const struct wire_arg *a = wire_arg_find(c, key);
	return a && !a->is_text ? a->num : def;
}

bool wire_has(const struct wire_cmd *c, enum arg_key key)
{
	return wire_arg_find(c, key) != NULL;
}
