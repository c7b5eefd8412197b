/* Command parser, values and symbols: bounds and errors, never a crash. */
#include "program.h"
#include "symtab.h"
#include "tap.h"
#include "value.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/neutrino.h>

static struct program p;
static char err[ERROR_MAX];
static int step_index;
static unsigned lineno;

static enum command feed(const char *line)
{
	err[0] = '\0';
	return program_feed(&p, line, strlen(line), ++lineno, err, sizeof err, &step_index);
}

static void start(void)
{
	program_reset(&p);
	lineno = 0;
	feed("scenario t.parser");
	feed("actors server client");
}

/* The line is rejected with a message containing every given fragment. */
static void expect_error(const char *line, const char *frag1, const char *frag2)
{
	enum command c = feed(line);
	tap_ok(c == CMD_ERROR && strstr(err, frag1) && (!frag2 || strstr(err, frag2)),
	       "'%.40s%s' -> %s", line, strlen(line) > 40 ? "..." : "", err);
}

static void test_valid_program(void)
{
	start();
	tap_ok(feed("step 0 server channel_create as=chid") == CMD_STEP, "channel_create parses");
	tap_ok(feed("step 1 client connect_attach to=server chid=$chid "
	            "flags=_NTO_COF_REG_EVENTS,_NTO_COF_NOEVENT as=coid") == CMD_STEP,
	       "connect_attach with a $reference and a flag list parses");
	tap_ok(feed("step 2 client event type=SIGEV_SIGNAL signo=SIGRTMIN+2 value=-13 as=ev") == CMD_STEP,
	       "event with SIGRTMIN+2 and a negative value parses");
	tap_ok(feed("step 3 client send_events async coid=$coid events=ev,ev") == CMD_STEP &&
	       p.steps[3].async, "async flag is recognised");
	tap_ok(feed("step 4 client await") == CMD_STEP, "await takes no arguments");
	tap_ok(feed("") == CMD_EMPTY && feed("   ") == CMD_EMPTY, "blank lines are ignored");
	tap_ok(feed("run\r") == CMD_RUN, "a trailing CR (serial console) is accepted");
	tap_ok(p.nsteps == 5 && !p.broken && strcmp(p.id, "t.parser") == 0 && p.nactors == 2,
	       "program holds 5 steps, 2 actors, not broken");
	tap_ok(program_binder(&p, 5, "coid", 4) == 1 && program_binder(&p, 1, "coid", 4) == -1,
	       "binder lookup finds only earlier steps");
	tap_ok(feed("info") == CMD_INFO && feed("quit") == CMD_QUIT, "info and quit");
}

/* A step line rejected in a fresh two-actor program. */
static void expect_step_error(const char *line, const char *frag1, const char *frag2)
{
	start();
	expect_error(line, frag1, frag2);
}

static void test_step_errors(void)
{
	start();
	expect_error("step 0 server frobnicate", "line 3", "unknown op 'frobnicate'");
	tap_ok(step_index == 0 && p.broken, "error names step 0 and breaks the program");
	tap_ok(feed("step 1 server channel_create") == CMD_STEP,
	       "a rejected step keeps its index: the next line parses on its own");
	start();
	expect_error("step 1 server channel_create", "out of order", NULL);
	expect_step_error("step 0 nobody channel_create", "unknown actor 'nobody'", NULL);
	expect_step_error("step 0 server channel_create chid=1", "takes no argument 'chid'", NULL);
	expect_step_error("step 0 server connect_detach coid=12x", "bad integer '12x'", NULL);
	expect_step_error("step 0 server channel_create flags=_NTO_COF_BOGUS",
	             "unknown symbol '_NTO_COF_BOGUS'", NULL);
	expect_step_error("step 0 server connect_detach coid=$nothing", "$nothing is not bound", NULL);
	expect_step_error("step 0 server connect_detach coid=1,2", "list is not allowed", NULL);
	expect_step_error("step 0 server connect_detach", "needs coid=", NULL);
	expect_step_error("step 0 server connect_detach coid=1 coid=2", "given twice", NULL);
	expect_step_error("step 0 server connect_detach coid=", "1..255 chars", NULL);
	expect_step_error("step 0 server connect_detach coid", "key=value", NULL);
	expect_step_error("step 0 server await async", "cannot be async", NULL);
	expect_step_error("step 0 server send_events coid=1 events=a,b,c,d,e,f,g,h,i", "at most 8", NULL);
	expect_step_error("step 0 server register_event event=bad-name coid=-1", "not a name", NULL);
	expect_step_error("step 0 server connect_detach coid=99999999999999999999", "bad integer", NULL);
	expect_step_error("step -1 server channel_create", "numeric index", NULL);
}

static void test_bounds(void)
{
	char line[2048];
	int n;
	start();
	n = snprintf(line, sizeof line, "step 0 server connect_detach coid=");
	memset(line + n, '1', 256);
	line[n + 256] = '\0';
	expect_error(line, "1..255 chars", NULL);
	memset(line, 'x', 1500);
	line[1500] = '\0';
	memcpy(line, "step 0 ", 7);
	expect_error(line, "longer than 1024 bytes", NULL);
	start();
	n = snprintf(line, sizeof line, "step 0 server channel_create");
	for (int i = 0; i < 17; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, " flags=%d", i);
	expect_error(line, "16 arguments", NULL);
	start();
	n = snprintf(line, sizeof line, "step 0 server channel_create");
	for (int i = 0; i < 30; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, " k%d=1", i);
	expect_error(line, "16 arguments", NULL);
	start();
	expect_error("step 0 server channel_create as=\x01", "not printable ASCII", "column 33");
}

static void test_program_bounds(void)
{
	char line[256];
	start();
	for (int i = 0; i < STEPS_MAX; i++) {
		snprintf(line, sizeof line, "step %d server channel_create", i);
		if (feed(line) != CMD_STEP)
			break;
	}
	tap_ok(p.nsteps == STEPS_MAX && !p.broken, "%d steps are accepted", STEPS_MAX);
	expect_error("step 256 server channel_create", "more than 256 steps", NULL);
	program_reset(&p);
	feed("scenario t.actors");
	expect_error("actors a b c d e f g h i", "1..8 names", NULL);
	feed("scenario t.actors");
	expect_error("actors a a", "named twice", NULL);
	feed("scenario t.actors");
	expect_error("actors abcdefghijklmnopqrstuvwxyz0123456", "not 1..31 chars", NULL);
	feed("scenario t.actors");
	expect_error("actors 1abc", "not 1..31 chars", NULL);
	feed("scenario t.actors");
	tap_ok(feed("actors a b c d e f g h") == CMD_ACTORS && p.nactors == 8, "8 actors are accepted");
	expect_error("actors x", "actors given twice", NULL);
	memcpy(line, "scenario ", 9);
	memset(line + 9, 'a', 129);
	line[9 + 129] = '\0';
	expect_error(line, "scenario id", NULL);
	expect_error("scenario bad/id", "scenario id", NULL);
	program_reset(&p);
	expect_error("step 0 server channel_create", "before scenario", NULL);
	expect_error("actors a", "before scenario", NULL);
	expect_error("launch missiles", "unknown command 'launch'", NULL);
	expect_error("run now", "takes no arguments", NULL);
}

static void test_values(void)
{
	long long v = 0;
	tap_ok(value_parse_int("0x2000", 6, &v) && v == 0x2000, "0x2000 parses");
	tap_ok(value_parse_int("-1", 2, &v) && v == -1, "-1 parses");
	tap_ok(value_parse_int("-9223372036854775808", 20, &v) && v == (-9223372036854775807LL - 1),
	       "INT64_MIN parses");
	tap_ok(!value_parse_int("9223372036854775808", 19, &v), "INT64_MAX + 1 is refused");
	tap_ok(!value_parse_int("0x", 2, &v) && !value_parse_int("", 0, &v) &&
	       !value_parse_int("-", 1, &v), "empty numbers are refused");
	tap_ok(sym_lookup("SIGUSR1", 7, &v) && v == SIGUSR1, "SIGUSR1 resolves");
	tap_ok(sym_lookup("SIGRTMIN+3", 10, &v) && v == SIGRTMIN + 3, "SIGRTMIN+3 resolves");
	tap_ok(sym_lookup("SIGRTMAX-1", 10, &v) && v == SIGRTMAX - 1, "SIGRTMAX-1 resolves");
	tap_ok(!sym_lookup("SIGRTMIN+99", 11, &v), "SIGRTMIN+99 is out of range");
	tap_ok(sym_lookup("SYSMGR_COID", 11, &v) && v == SYSMGR_COID, "SYSMGR_COID resolves");
	tap_ok(sym_lookup("_NTO_SIDE_CHANNEL", 17, &v) && v == _NTO_SIDE_CHANNEL,
	       "_NTO_SIDE_CHANNEL resolves");
	tap_ok(sym_lookup("SIGEV_PULSE", 11, &v) && v == SIGEV_PULSE, "SIGEV_PULSE resolves");
	tap_ok(sym_lookup("EOK", 3, &v) && v == 0 && sym_lookup("EACCES", 6, &v) && v == EACCES,
	       "errno names resolve");
	tap_ok(strcmp(sym_errno_name(0), "EOK") == 0 && strcmp(sym_errno_name(EACCES), "EACCES") == 0 &&
	       strcmp(sym_errno_name(ETIMEDOUT), "ETIMEDOUT") == 0 &&
	       strcmp(sym_errno_name(EAGAIN), "EAGAIN") == 0, "errno values name back");
	tap_ok(sym_errno_name(-12345) == NULL, "an unknown errno has no name");
	{
		char name[32];
		tap_ok(sym_signal_name(SIGRTMIN + 2, name, sizeof name) &&
		       strcmp(name, "SIGRTMIN+2") == 0, "real-time signal names as SIGRTMIN+n");
		tap_ok(sym_signal_name(SIGUSR2, name, sizeof name) && strcmp(name, "SIGUSR2") == 0,
		       "SIGUSR2 names back");
	}
	tap_ok(strcmp(sym_si_code_name(SI_QUEUE), "SI_QUEUE") == 0 &&
	       strcmp(sym_si_code_name(SI_USER), "SI_USER") == 0 && sym_si_code_name(-100) == NULL,
	       "si_code names: SI_QUEUE, SI_USER, else none");
#if _NTO_VERSION >= 800
	tap_ok(!sym_lookup("_NTO_COF_INSECURE", 17, &v), "_NTO_COF_INSECURE is unknown on 8.0");
#else
	tap_ok(sym_lookup("_NTO_COF_INSECURE", 17, &v) && v == 0x1000, "_NTO_COF_INSECURE on 7.1");
#endif
}

int main(void)
{
	test_valid_program();
	test_step_errors();
	test_bounds();
	test_program_bounds();
	test_values();
	return tap_done();
}
