# qnxsim: the Linux emulation of the QNX API subset ("the simulated board").
# Included by the top Makefile, which defines PROFILES, BUILD, CC, CSTD, WARN,
# OPT and ROOT.  Per profile P (nto710, nto800):
#   $(BUILD)/P/libqnxsim.a           the library
#   $(BUILD)/P/tests/                test programs (TAP), run by run-c-tests.sh
#   $(BUILD)/P-asan/...              the same under -fsanitize=address,undefined
#   $(BUILD)/P/bench/qnxsim-bench    the delivery-latency benchmark
#   $(BUILD)/P/bin/qnxsim-sweep      reclaims a node left by killed processes
# For other fragments: $(call qnxsim_cflags,P) and $(call qnxsim_libs,P).

QNXSIM_DIR   := qnxsim
QNXSIM_SRCS  := $(wildcard $(QNXSIM_DIR)/src/*.c)
QNXSIM_HDRS  := $(wildcard $(QNXSIM_DIR)/src/*.h $(QNXSIM_DIR)/include/*.h \
                  $(QNXSIM_DIR)/include/sys/*.h $(QNXSIM_DIR)/include/bits/*.h \
                  $(QNXSIM_DIR)/include/bits/types/*.h $(QNXSIM_DIR)/include-musl/*.h \
                  $(QNXSIM_DIR)/include-sim/qnxsim/*.h)
QNXSIM_TESTS := $(wildcard $(QNXSIM_DIR)/tests/t_*.c)
QNXSIM_TSH   := $(wildcard $(QNXSIM_DIR)/tests/t_*.sh $(QNXSIM_DIR)/tests/z_*.sh)
QNXSIM_TLIB  := $(QNXSIM_DIR)/tests/tap.c $(QNXSIM_DIR)/tests/qtest.c
QNXSIM_ASAN  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

qnxsim_ver    = $(if $(findstring nto710,$1),710,800)
# The compiler and archiver of a variant: $(CC)/$(AR) unless port.mk names
# others (VARIANT_CC_musl-nto800 = musl-gcc...).
variant_cc    = $(or $(VARIANT_CC_$1),$(CC))
variant_ar    = $(or $(VARIANT_AR_$1),$(AR))
# include/ holds only QNX-named headers declaring only QNX's names
# (qnx-names.txt); __QNXSIM__ marks the emulation for code that reports it.
qnxsim_cflags = $(if $(findstring musl-,$1),-I$(ROOT)/$(QNXSIM_DIR)/include-musl) \
                -I$(ROOT)/$(QNXSIM_DIR)/include -D__QNXSIM_PROFILE=$(call qnxsim_ver,$1) -D__QNXSIM__=1 \
                -D_DEFAULT_SOURCE
# qnxsim's own code (library, tests, tools, benchmark) may also include
# <qnxsim/qnxsim.h>, the names QNX lacks; the agent and qnxsim-cc never see it.
qnxsim_own_cflags = $(call qnxsim_cflags,$1) -I$(ROOT)/$(QNXSIM_DIR)/include-sim
# --wrap: QNX 8.0's fork() refuses a process that has created a thread (src/forkrule.c).
QNXSIM_WRAP   := -Wl,--wrap=fork -Wl,--wrap=pthread_create
qnxsim_libs   = $(QNXSIM_WRAP) $(BUILD)/$1/libqnxsim.a -lpthread -lrt

.PHONY: qnxsim-all qnxsim-tests qnxsim-check qnxsim-bench

# $1 = build variant (nto710, nto800-asan...), $2 = extra compiler flags
define QNXSIM_VARIANT
QNXSIM_OBJS_$1 := $$(patsubst $(QNXSIM_DIR)/src/%.c,$(BUILD)/$1/qnxsim/%.o,$(QNXSIM_SRCS))

$(BUILD)/$1/qnxsim/%.o: $(QNXSIM_DIR)/src/%.c $(QNXSIM_HDRS) | $(BUILD)/$1/qnxsim
	$$(call variant_cc,$1) $$(CSTD) $$(WARN) $$(OPT) $2 -pthread $$(call qnxsim_own_cflags,$1) -c -o $$@ $$<

$(BUILD)/$1/libqnxsim.a: $$(QNXSIM_OBJS_$1)
	rm -f $$@
	$$(call variant_ar,$1) rcs $$@ $$^

$(BUILD)/$1/qnxsim $(BUILD)/$1/tests $(BUILD)/$1/bench:
	mkdir -p $$@

$(BUILD)/$1/tests/%: $(QNXSIM_DIR)/tests/%.c $(QNXSIM_TLIB) $(QNXSIM_DIR)/tests/tap.h \
		$(QNXSIM_DIR)/tests/qtest.h $(BUILD)/$1/libqnxsim.a | $(BUILD)/$1/tests
	$$(call variant_cc,$1) $$(CSTD) $$(WARN) $$(OPT) $2 -pthread $$(call qnxsim_own_cflags,$1) \
		-I$(QNXSIM_DIR)/tests -o $$@ $$< $(QNXSIM_TLIB) $$(call qnxsim_libs,$1)

$(BUILD)/$1/tests/%.sh: $(QNXSIM_DIR)/tests/%.sh $(BUILD)/$1/tests/lib.sh | $(BUILD)/$1/tests
	cp $$< $$@
	chmod +x $$@

# Sourced by the shell tests; not itself a test, so not executable.
$(BUILD)/$1/tests/lib.sh: $(QNXSIM_DIR)/tests/lib.sh | $(BUILD)/$1/tests
	cp $$< $$@
	chmod 644 $$@

$(BUILD)/$1/bin/qnxsim-sweep: $(QNXSIM_DIR)/tools/qnxsim-sweep.c $(BUILD)/$1/libqnxsim.a
	mkdir -p $$(@D)
	$$(call variant_cc,$1) $$(CSTD) $$(WARN) $$(OPT) $2 -pthread $$(call qnxsim_own_cflags,$1) -o $$@ $$< \
		$$(call qnxsim_libs,$1)

qnxsim-lib-$1: $(BUILD)/$1/libqnxsim.a $(BUILD)/$1/bin/qnxsim-sweep
qnxsim-tests-$1: $$(patsubst $(QNXSIM_DIR)/tests/%.c,$(BUILD)/$1/tests/%,$(QNXSIM_TESTS)) \
                 $$(patsubst $(QNXSIM_DIR)/tests/%,$(BUILD)/$1/tests/%,$(QNXSIM_TSH))
.PHONY: qnxsim-lib-$1 qnxsim-tests-$1
endef

$(foreach p,$(PROFILES),$(eval $(call QNXSIM_VARIANT,$p,)))
$(foreach p,$(PROFILES),$(eval $(call QNXSIM_VARIANT,$p-asan,$(QNXSIM_ASAN))))

qnxsim-all: $(foreach p,$(PROFILES),qnxsim-lib-$p qnxsim-lib-$p-asan) qnxsim-bench
qnxsim-tests: $(foreach p,$(PROFILES),qnxsim-tests-$p qnxsim-tests-$p-asan)

# Builds and runs only the qnxsim tests.
qnxsim-check: qnxsim-all qnxsim-tests
	@status=0; for t in $(foreach p,$(PROFILES),$(BUILD)/$p/tests/* $(BUILD)/$p-asan/tests/*); do \
	  [ -x "$$t" ] || continue; echo "# $$t"; "$$t" || { echo "# FAILED: $$t"; status=1; }; \
	done; exit $$status

QNXSIM_BENCH_SRCS := $(wildcard $(QNXSIM_DIR)/bench/*.c)
define QNXSIM_BENCH
$(BUILD)/$1/bench/qnxsim-bench: $(QNXSIM_BENCH_SRCS) $(wildcard $(QNXSIM_DIR)/bench/*.h) \
		$(BUILD)/$1/libqnxsim.a | $(BUILD)/$1/bench
	$$(call variant_cc,$1) $$(CSTD) $$(WARN) $$(OPT) -pthread $$(call qnxsim_own_cflags,$1) -o $$@ \
		$(QNXSIM_BENCH_SRCS) $$(call qnxsim_libs,$1) -lm
endef
$(foreach p,$(PROFILES),$(eval $(call QNXSIM_BENCH,$p)))
qnxsim-bench: $(if $(QNXSIM_BENCH_SRCS),$(foreach p,$(PROFILES),$(BUILD)/$p/bench/qnxsim-bench))

# The simulated peers' /tmp (harness package io.qnxhil.sim): preloaded into a simulated userland,
# it refuses new directories under /tmp as QNX's /dev/shmem does. Linux-only tooling, not the agent.
QNXSIM_SHMEM_TMP := $(BUILD)/peer/libqnxsim-shmem-tmp.so
$(QNXSIM_SHMEM_TMP): $(QNXSIM_DIR)/tools/shmem-tmp.c
	mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(OPT) -fPIC -shared -o $@ $< -ldl
qnxsim-all: $(QNXSIM_SHMEM_TMP)
