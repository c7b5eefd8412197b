/*
 * <qnxsim/qnxsim.h> -- names qnxsim needs for itself and its tests that no
 * QNX header provides.
 *
 * This directory (qnxsim/include-sim) is on the include path of qnxsim's
 * library, tests and tools only, never of the agent or of a program built
 * with qnxsim-cc: a QNX program cannot come to depend on these names.
 * tools/check-qnx-names.sh compiles the agent with this header unreachable.
 */
#ifndef QNXSIM_QNXSIM_H
#define QNXSIM_QNXSIM_H

#include <sys/procmgr.h>

/* The parts of a procmgr_ability() entry: the ability id is
 * PROCMGR_AID_MASK (a QNX name); the operation and domain bits have no
 * mask name in QNX's <sys/procmgr.h> that could be verified. */
#define QNXSIM_AOP_MASK                 0x000f0000u
#define QNXSIM_ADN_MASK                 0xf0000000u

#endif
