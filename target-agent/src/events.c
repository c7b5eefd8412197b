#include "events.h"

#include <string.h>

void events_init(struct event_table *t)
{
	memset(t->slot, 0, sizeof t->slot);
	pthread_mutex_init(&t->lock, NULL);
}

static struct named_event *find(struct event_table *t, const char *name)
{
	for (unsigned i = 0; i < EVENT_TABLE_MAX; i++)
		if (t->slot[i].used && strcmp(t->slot[i].name, name) == 0)
			return &t->slot[i];
	return NULL;
}

bool events_get(struct event_table *t, const char *name, struct sigevent *out)
{
	struct named_event *e;
	pthread_mutex_lock(&t->lock);
	e = find(t, name);
	if (e)
		*out = e->ev;
	pthread_mutex_unlock(&t->lock);
	return e != NULL;
}

bool events_put(struct event_table *t, const char *name, const struct sigevent *ev)
{
	struct named_event *e;
	size_t n = strlen(name);
	if (n == 0 || n > EVENT_NAME_MAX)
		return false;
	pthread_mutex_lock(&t->lock);
	e = find(t, name);
	for (unsigned i = 0; !e && i < EVENT_TABLE_MAX; i++)
		if (!t->slot[i].used)
			e = &t->slot[i];
	if (e) {
		e->used = true;
		memcpy(e->name, name, n + 1);
		e->ev = *ev;
	}
	pthread_mutex_unlock(&t->lock);
	return e != NULL;
}
