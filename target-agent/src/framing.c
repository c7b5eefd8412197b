#include "framing.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int output_fd = 1;
static void (*fatal_handler)(void);

void framing_set_output(int fd) { output_fd = fd; }
void framing_set_fatal(void (*fatal)(void)) { fatal_handler = fatal; }

static uint32_t crc_table[256];
static bool crc_ready;

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
	crc_ready = true;
}

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	const unsigned char *p = data;
	if (!crc_ready)
		crc_init();
	crc = ~crc;
	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xffu] ^ (crc >> 8);
	return ~crc;
}

uint32_t crc32_ieee(const void *data, size_t len)
{
	return crc32_update(0, data, len);
}

size_t json_escape(char *out, size_t cap, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	if (cap == 0)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[7];
		size_t k = 0;
		if (c == '"' || c == '\\') {
			tmp[k++] = '\\';
			tmp[k++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			/* bytes outside printable ASCII are escaped one by one, so
			 * the payload stays ASCII whatever the input held */
			memcpy(tmp, "\\u00", 4);
			k = 4;
			tmp[k++] = hex[c >> 4];
			tmp[k++] = hex[c & 0xf];
		} else {
			tmp[k++] = (char)c;
		}
		if (o + k >= cap) {
			out[o] = '\0';
			return (size_t)-1;
		}
		memcpy(out + o, tmp, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

static void put(struct json *j, const char *s, size_t n)
{
	if (j->overflow)
		return;
	if (j->len + n > QHIL_PAYLOAD_MAX) {
		j->overflow = true;
		return;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void puts_(struct json *j, const char *s) { put(j, s, strlen(s)); }

static void put_escaped(struct json *j, const char *s, size_t n)
{
	size_t room = QHIL_PAYLOAD_MAX + 1 - j->len;
	size_t w;
	if (j->overflow)
		return;
	w = json_escape(j->buf + j->len, room, s, n);
	if (w == (size_t)-1) {
		j->overflow = true;
		j->buf[j->len] = '\0';
		return;
	}
	j->len += w;
}

/* Comma and "key": for the next member (key NULL inside an array). */
static void member(struct json *j, const char *key)
{
	if (j->depth <= 0) {
		j->overflow = true;
		return;
	}
	if (!j->first[j->depth - 1])
		put(j, ",", 1);
	j->first[j->depth - 1] = false;
	if (key) {
		put(j, "\"", 1);
		put_escaped(j, key, strlen(key));
		put(j, "\":", 2);
	}
}

static void push(struct json *j, const char *opener)
{
	puts_(j, opener);
	if (j->depth >= JSON_DEPTH_MAX) {
		j->overflow = true;
		return;
	}
	j->first[j->depth++] = true;
}

void json_begin(struct json *j)
{
	j->len = 0;
	j->buf[0] = '\0';
	j->overflow = false;
	j->depth = 0;
	push(j, "{");
}

void json_end(struct json *j)       { json_close(j); }
void json_open(struct json *j, const char *key)       { member(j, key); push(j, "{"); }
void json_open_array(struct json *j, const char *key) { member(j, key); push(j, "["); }

void json_close(struct json *j)
{
	puts_(j, "}");
	if (j->depth > 0)
		j->depth--;
}

void json_close_array(struct json *j)
{
	puts_(j, "]");
	if (j->depth > 0)
		j->depth--;
}

void json_strn(struct json *j, const char *key, const char *val, size_t n)
{
	member(j, key);
	put(j, "\"", 1);
	put_escaped(j, val, n);
	put(j, "\"", 1);
}

void json_str(struct json *j, const char *key, const char *val)
{
	json_strn(j, key, val, strlen(val));
}

void json_elem_str(struct json *j, const char *val) { json_str(j, NULL, val); }

void json_int(struct json *j, const char *key, int64_t val)
{
	char tmp[24];
	member(j, key);
	snprintf(tmp, sizeof tmp, "%lld", (long long)val);
	puts_(j, tmp);
}

void json_uint(struct json *j, const char *key, uint64_t val)
{
	char tmp[24];
	member(j, key);
	snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)val);
	puts_(j, tmp);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	puts_(j, val ? "true" : "false");
}

void json_raw(struct json *j, const char *key, const char *json_text)
{
	member(j, key);
	puts_(j, json_text);
}

size_t record_frame(char *out, size_t cap, const char *payload, size_t len)
{
	int head;
	if (len == 0 || len > QHIL_PAYLOAD_MAX)
		return 0;
	head = snprintf(out, cap, QHIL_MARKER "%zu %08lx ", len,
	                (unsigned long)crc32_ieee(payload, len));
	if (head < 0 || (size_t)head + len + 1 > cap)
		return 0;
	memcpy(out + head, payload, len);
	out[(size_t)head + len] = '\n';
	return (size_t)head + len + 1;
}

static int write_all(int fd, const char *p, size_t n)
{
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

int record_emit(const struct json *j)
{
	static char frame[QHIL_PAYLOAD_MAX + 64];
	size_t n;
	if (j->overflow || j->depth != 0)
		return -1;
	n = record_frame(frame, sizeof frame, j->buf, j->len);
	if (n == 0)
		return -1;
	if (write_all(output_fd, frame, n) < 0) {
		if (fatal_handler)
			fatal_handler();
		return -1;
	}
	return 0;
}
