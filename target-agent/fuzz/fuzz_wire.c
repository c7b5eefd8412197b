/*
 * Fuzz target: the binary messages between the coordinator and its actors
 * (wire.h). Arbitrary bytes stand for a command or result read from a pipe;
 * whatever wire_cmd_check / wire_result_check accept must be safe to use:
 * argument lookups stay inside the message and every accepted text is
 * NUL-terminated inside its buffer.
 */
#include "fuzz_check.h"
#include "wire.h"

#include <stdint.h>
#include <string.h>

static struct wire_cmd cmd;
static struct wire_result res;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[128];
	bool as_result = size > 0 && (data[0] & 1);
	if (size > 0) {
		data++;
		size--;
	}
	if (!as_result) {
		memset(&cmd, 0, sizeof cmd);
		memcpy(&cmd, data, size < sizeof cmd ? size : sizeof cmd);
		if (size >= 4 && (data[0] & 0x80))  /* most inputs: a valid magic */
			cmd.magic = WIRE_CMD_MAGIC;
		if (!wire_cmd_check(&cmd, why, sizeof why)) {
			FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL && why[0] != '\0');
			return 0;
		}
		for (int k = -1; k <= K_COUNT; k++) {
			const struct wire_arg *a = wire_arg_find(&cmd, (enum arg_key)k);
			FUZZ_CHECK(a == NULL || (a >= cmd.args && a < cmd.args + cmd.nargs));
			if (a && a->is_text)
				FUZZ_CHECK(strlen(a->text) < sizeof a->text);
			(void)wire_num(&cmd, (enum arg_key)k, 0);
		}
		return 0;
	}
	memset(&res, 0, sizeof res);
	memcpy(&res, data, size < sizeof res ? size : sizeof res);
	if (size >= 4 && (data[0] & 0x80))
		res.magic = WIRE_RES_MAGIC;
	if (wire_result_check(&res, why, sizeof why))
		FUZZ_CHECK(strlen(res.detail) < sizeof res.detail);
	else
		FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL && why[0] != '\0');
	return 0;
}
