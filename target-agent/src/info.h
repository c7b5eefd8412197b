/* The info record (PROTOCOL.md, "Record types"): what board and agent this is. */
#ifndef QHIL_INFO_H
#define QHIL_INFO_H

#define QHIL_AGENT_VERSION "1.0.0"

#ifndef QHIL_BUILD_HASH
#define QHIL_BUILD_HASH "unknown"
#endif

void info_emit(void);

/*
 * Whether procnto accepts unregistered events (procnto -U): measured once by a
 * real delivery between two short-lived processes. 1 accepted, 0 refused,
 * -1 when the probe itself could not run.
 */
int info_probe_unregistered(void);

/* Async-signal-safe: kills a probe that is running (its client ends by itself). */
void info_kill_probe(void);

#endif
