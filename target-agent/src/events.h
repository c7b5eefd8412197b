/*
 * An actor's named sigevents: created by the event op or received in a
 * send_events message, used by register_event, send_events, deliver_event.
 * Shared by the actor's threads, so every access copies in or out under a lock
 * and no kernel call is made while holding it.
 */
#ifndef QHIL_EVENTS_H
#define QHIL_EVENTS_H

#include "ops.h"

#include <pthread.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/neutrino.h>

#define EVENT_TABLE_MAX 32

struct named_event {
	bool            used;
	char            name[EVENT_NAME_MAX + 1];
	struct sigevent ev;
};

struct event_table {
	pthread_mutex_t    lock;
	struct named_event slot[EVENT_TABLE_MAX];
};

/* The message send_events sends and receive understands. */
#define QHIL_MSG_EVENTS 0x5148u

struct qhil_event_entry {
	char            name[32];
	struct sigevent ev;
};

struct qhil_events_msg {
	uint16_t                type;
	uint16_t                subtype;
	uint32_t                count;
	struct qhil_event_entry entry[EVENTS_PER_MSG];
};

#define QHIL_EVENTS_MSG_HEAD offsetof(struct qhil_events_msg, entry)

void events_init(struct event_table *t);
/* Copies the event out; false when there is no event of that name. */
bool events_get(struct event_table *t, const char *name, struct sigevent *out);
/* Stores (or replaces) the event; false when the table is full. */
bool events_put(struct event_table *t, const char *name, const struct sigevent *ev);

#endif
