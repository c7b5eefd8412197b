/* Ops that pass messages or wait: send_events, receive, wait_event. */
#ifndef QHIL_ACTOR_MSG_H
#define QHIL_ACTOR_MSG_H

#include "actor.h"

void op_send_events(struct actor *a, const struct wire_cmd *c, struct wire_result *r);
void op_send(struct actor *a, const struct wire_cmd *c, struct wire_result *r);
void op_receive(struct actor *a, const struct wire_cmd *c, struct wire_result *r);
void op_wait_event(struct actor *a, const struct wire_cmd *c, struct wire_result *r);

#endif
