/*
 * Invariant checks of the fuzz targets: a broken invariant is a crash
 * (__builtin_trap), which libFuzzer reports with the input that caused it.
 */
#ifndef QHIL_FUZZ_CHECK_H
#define QHIL_FUZZ_CHECK_H

#include <stdio.h>

#define FUZZ_CHECK(cond) do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			__builtin_trap(); \
		} \
	} while (0)

#endif
