/* Record framing: CRC-32 against known vectors, the frame, JSON escaping. */
#include "framing.h"
#include "tap.h"

#include <string.h>
#include <unistd.h>

static void test_crc(void)
{
	const char *fox = "The quick brown fox jumps over the lazy dog";
	tap_ok(crc32_ieee("123456789", 9) == 0xcbf43926u, "CRC-32 of \"123456789\" is cbf43926");
	tap_ok(crc32_ieee("", 0) == 0, "CRC-32 of nothing is 0");
	tap_ok(crc32_ieee(fox, strlen(fox)) == 0x414fa339u, "CRC-32 of the fox sentence is 414fa339");
	tap_ok(crc32_update(crc32_ieee("1234", 4), "56789", 5) == 0xcbf43926u,
	       "CRC-32 computed in two parts equals the whole");
	tap_ok(crc32_ieee("\x00", 1) == 0xd202ef8du, "CRC-32 of one zero byte is d202ef8d");
}

static void test_frame(void)
{
	char out[128];
	size_t n = record_frame(out, sizeof out, "123456789", 9);
	const char *want = "#QHIL1 9 cbf43926 123456789\n";
	tap_ok(n == strlen(want) && memcmp(out, want, n) == 0,
	       "frame is marker, length, 8 hex digits of CRC, payload, newline");
	tap_ok(record_frame(out, sizeof out, "", 0) == 0, "an empty payload is not framed");
	tap_ok(record_frame(out, 20, "123456789", 9) == 0, "a frame that does not fit is refused");
}

static void test_escape(void)
{
	char out[64];
	size_t n = json_escape(out, sizeof out, "a\"b\\c\n\x01\xff", 8);
	tap_ok(n != (size_t)-1 && strcmp(out, "a\\\"b\\\\c\\u000a\\u0001\\u00ff") == 0,
	       "quotes, backslashes, control and non-ASCII bytes are escaped (%s)", out);
	tap_ok(json_escape(out, 4, "abcdef", 6) == (size_t)-1, "escaping reports lack of room");
}

static struct json j;

static void test_builder(void)
{
	json_begin(&j);
	json_str(&j, "type", "step");
	json_int(&j, "ret", -1);
	json_open(&j, "bind");
	json_int(&j, "coid", 1073741825);
	json_close(&j);
	json_open_array(&j, "events");
	json_elem_str(&j, "ev");
	json_elem_str(&j, "x\"y");
	json_close_array(&j);
	json_bool(&j, "ok", true);
	json_end(&j);
	tap_ok(!j.overflow && strcmp(j.buf, "{\"type\":\"step\",\"ret\":-1,\"bind\":{\"coid\":1073741825},"
	       "\"events\":[\"ev\",\"x\\\"y\"],\"ok\":true}") == 0, "builder output: %s", j.buf);
}

static void test_overflow(void)
{
	static char big[QHIL_PAYLOAD_MAX];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	json_begin(&j);
	json_str(&j, "message", big);
	json_end(&j);
	tap_ok(j.overflow, "a payload above %u bytes is flagged", QHIL_PAYLOAD_MAX);
	tap_ok(record_emit(&j) == -1, "an overflowed record is not emitted");
}

static void test_emit(void)
{
	int p[2];
	char buf[256];
	ssize_t n;
	if (pipe(p) != 0) {
		tap_ok(false, "pipe");
		return;
	}
	framing_set_output(p[1]);
	json_begin(&j);
	json_str(&j, "type", "bye");
	json_end(&j);
	tap_ok(record_emit(&j) == 0, "record_emit succeeds on a pipe");
	n = read(p[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	tap_ok(strcmp(buf, "#QHIL1 14 2aab2a04 {\"type\":\"bye\"}\n") == 0,
	       "emitted bye record is framed exactly: %s", buf);
	close(p[0]);
	close(p[1]);
	framing_set_output(1);
}

int main(void)
{
	test_crc();
	test_frame();
	test_escape();
	test_builder();
	test_overflow();
	test_emit();
	return tap_done();
}
