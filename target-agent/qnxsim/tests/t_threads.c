/*
 * Concurrency: several client processes with several threads each send to a
 * server whose threads all receive on one channel.  Every reply must match
 * its request (the rcvid routes it to the right thread of the right
 * process), and nothing may be lost or duplicated.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/neutrino.h>
#include "qtest.h"
#include "tap.h"

#define CLIENTS         3
#define THREADS         4
#define PER_THREAD      300
#define SERVERS         3
#define TOTAL           (CLIENTS * THREADS * PER_THREAD)

static int chid;
static pid_t server_pid;

struct tally { int sent, good; };

static void *client_thread(void *arg)
{
	struct tally *t = arg;
	int coid = ConnectAttach(0, server_pid, chid, _NTO_SIDE_CHANNEL, 0);

	for (int i = 0; i < PER_THREAD; i++) {
		long req = (long)gettid() * 100000 + i, rep = 0;
		uint64_t limit = 5000000000ull;

		TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_SEND | _NTO_TIMEOUT_REPLY, NULL, &limit, NULL);
		if (MsgSend(coid, &req, sizeof req, &rep, sizeof rep) == 0 && rep == req + 1)
			t->good++;
		t->sent++;
	}
	ConnectDetach(coid);
	return NULL;
}

static int client(void *arg, int wfd)
{
	pthread_t th[THREADS];
	struct tally t[THREADS] = { { 0, 0 } };
	int good = 0;

	(void)arg;
	for (int i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, client_thread, &t[i]);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		good += t[i].good;
	}
	return qt_write(wfd, &good, sizeof good) == 0 ? 0 : 1;
}

static int served;
static pthread_mutex_t served_lock = PTHREAD_MUTEX_INITIALIZER;

static void *server_thread(void *arg)
{
	(void)arg;
	for (;;) {
		long req;
		uint64_t limit = 2000000000ull;

		TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &limit, NULL);
		int rcvid = MsgReceive(chid, &req, sizeof req, NULL);
		if (rcvid < 0)
			return NULL;            /* quiet for 2 s: every client is done */
		if (rcvid == 0)
			continue;
		req++;
		if (MsgReply(rcvid, 0, &req, sizeof req) == 0) {
			pthread_mutex_lock(&served_lock);
			served++;
			pthread_mutex_unlock(&served_lock);
		}
	}
}

int main(void)
{
	pthread_t srv[SERVERS];
	pid_t pids[CLIENTS];
	int rfd[CLIENTS], good = 0;

	qt_isolate("threads");
	tap_plan(3);
	server_pid = getpid();
	chid = ChannelCreate(0);
	for (int i = 0; i < CLIENTS; i++)
		pids[i] = qt_spawn(client, NULL, &rfd[i]);
	for (int i = 0; i < SERVERS; i++)
		pthread_create(&srv[i], NULL, server_thread, NULL);
	for (int i = 0; i < CLIENTS; i++) {
		int g = 0;

		qt_read(rfd[i], &g, sizeof g, 60000);
		good += g;
		qt_reap(pids[i], 5000);
	}
	for (int i = 0; i < SERVERS; i++)
		pthread_join(srv[i], NULL);
	tap_ok(good == TOTAL, "%d client threads got the right reply to all %d messages (%d good)",
	       CLIENTS * THREADS, TOTAL, good);
	tap_ok(served == TOTAL, "%d server threads replied exactly once to each (%d)", SERVERS, served);
	struct _pulse p;
	uint64_t zero = 0;
	TimerTimeout(CLOCK_MONOTONIC, _NTO_TIMEOUT_RECEIVE, NULL, &zero, NULL);
	TAP_CALL(MsgReceive(chid, &p, sizeof p, NULL), -1, ETIMEDOUT, "nothing left queued on the channel");
	return tap_done();
}
