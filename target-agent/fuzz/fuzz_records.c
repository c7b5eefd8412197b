/*
 * Fuzz target: the agent's output records. Arbitrary bytes (anything an actor
 * or a kernel call may hand back: names, messages, errno texts) go into the
 * JSON builder at a depth and with a budget chosen by the input; whatever is
 * framed must read back exactly as PROTOCOL.md "Records" specifies: the
 * marker, the decimal length, the CRC-32 of the payload, a payload of
 * printable ASCII without a newline, and one final newline.
 */
#include "framing.h"
#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct json j;
static char frame[QHIL_PAYLOAD_MAX + 64];

static void check_frame(const char *f, size_t n, const struct json *src)
{
	char *end;
	unsigned long len, crc;
	const char *p = f + strlen(QHIL_MARKER);
	FUZZ_CHECK(n > strlen(QHIL_MARKER) && memcmp(f, QHIL_MARKER, strlen(QHIL_MARKER)) == 0);
	len = strtoul(p, &end, 10);
	FUZZ_CHECK(end != p && *end == ' ' && len >= 1 && len <= QHIL_PAYLOAD_MAX);
	p = end + 1;
	crc = strtoul(p, &end, 16);
	FUZZ_CHECK(end == p + 8 && *end == ' ');
	p = end + 1;
	FUZZ_CHECK((size_t)(p - f) + len + 1 == n && f[n - 1] == '\n');
	FUZZ_CHECK(len == src->len && memcmp(p, src->buf, len) == 0);
	FUZZ_CHECK(crc == (unsigned long)crc32_ieee(p, len));
	for (size_t i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)p[i] >= 0x20 && (unsigned char)p[i] < 0x7f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + (size > 0);
	size_t n = size > 0 ? size - 1 : 0;
	unsigned mode = size > 0 ? data[0] : 0;
	unsigned depth = mode % 10;             /* up to past JSON_DEPTH_MAX */
	/* short inputs repeated up to past QHIL_PAYLOAD_MAX; long ones get there alone */
	size_t repeat = n < 256 ? 1 + (mode >> 4) * 20 : 1;
	char small[64];
	size_t cap = (mode & 0x3f), w, fn;

	w = json_escape(small, cap, s, n);
	if (cap > 0) {
		FUZZ_CHECK(memchr(small, '\0', cap) != NULL);
		FUZZ_CHECK(w == (size_t)-1 || (w < cap && strlen(small) == w));
	} else {
		FUZZ_CHECK(w == (size_t)-1);
	}

	json_begin(&j);
	json_str(&j, "type", "step");
	for (unsigned d = 0; d < depth; d++)
		json_open(&j, n > 0 && (d & 1) ? "detail" : "x");
	for (size_t r = 0; r < repeat && !j.overflow; r++)
		json_strn(&j, "message", s, n);
	json_int(&j, "index", (int64_t)n - 1);
	json_uint(&j, "elapsed_ns", (uint64_t)size << 20);
	for (unsigned d = 0; d < depth; d++)
		json_close(&j);
	json_end(&j);
	FUZZ_CHECK(j.len <= QHIL_PAYLOAD_MAX);
	if (j.overflow || j.depth != 0)
		return 0;                           /* record_emit refuses it */
	fn = record_frame(frame, sizeof frame, j.buf, j.len);
	FUZZ_CHECK(fn > 0);
	check_frame(frame, fn, &j);
	return 0;
}
