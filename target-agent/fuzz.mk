# Fuzz targets of the agent (libFuzzer, clang): the command and step-program
# parser with the line reader, the record framing, the actor messages.
# Included by the top Makefile after agent.mk.
#
#   $(BUILD)/fuzz/bin/fuzz_{commands,records,wire}   ASan+UBSan+libFuzzer
#   $(BUILD)/fuzz/tests/fuzz.sh                      runs each for
#                        QHIL_FUZZ_SECONDS (default 20) as a TAP test program
#
# Needs clang with libFuzzer (Debian clang-14 and libclang-rt-14-dev). Without
# it the targets are not built and fuzz.sh says why: SKIPPED, or FAIL under
# CI=true.

FUZZ_DIR      := fuzz
FUZZ_OUT      := $(BUILD)/fuzz
FUZZ_TARGETS  := commands records wire
FUZZ_CC       ?= $(firstword $(foreach c,clang clang-14,$(if $(shell command -v $c 2>/dev/null),$c)))
FUZZ_PROFILE  := nto800
FUZZ_FLAGS    := $(CSTD) $(WARN) -g -O1 -fsanitize=fuzzer,address,undefined \
                 -fno-sanitize-recover=all -fno-omit-frame-pointer \
                 $(call qnxsim_cflags,$(FUZZ_PROFILE)) -I$(AGENT_DIR) -I$(FUZZ_DIR)
FUZZ_LIB_SRCS := $(addprefix $(AGENT_DIR)/,program.c value.c symtab.c symbols.c errno_names.c \
                   ops.c linereader.c lat_config.c framing.c wire.c)
FUZZ_BINS     := $(patsubst %,$(FUZZ_OUT)/bin/fuzz_%,$(FUZZ_TARGETS))

.PHONY: fuzz-all fuzz-tests fuzz-run

# A host without libFuzzer gets a NOT-BUILT note instead of the binaries (a
# failure under CI=true): fuzz.sh reports it.
$(FUZZ_OUT)/bin/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz_check.h $(FUZZ_LIB_SRCS) \
		$(AGENT_HDRS) $(QNXSIM_HDRS)
	@mkdir -p $(@D)
	@rm -f $@; why=; \
	if [ -z "$(FUZZ_CC)" ]; then \
	  why="clang is not installed (Debian clang-14, libclang-rt-14-dev)"; \
	elif ! printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' | \
	     $(FUZZ_CC) -fsanitize=fuzzer -x c -o $(@D)/.probe - >/dev/null 2>&1; then \
	  why="$(FUZZ_CC) cannot link a libFuzzer target (Debian libclang-rt-14-dev missing)"; \
	fi; \
	rm -f $(@D)/.probe; \
	if [ -n "$$why" ]; then \
	  echo "$$why" > $(@D)/NOT-BUILT; echo "fuzz.mk: note: $@ not built: $$why"; \
	  if [ "$(CI)" = true ]; then echo "fuzz.mk: CI=true: the fuzz targets must be built" >&2; exit 1; fi; \
	else \
	  echo "$(FUZZ_CC) -fsanitize=fuzzer,address,undefined ... -o $@"; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRCS) && rm -f $(@D)/NOT-BUILT; \
	fi

$(FUZZ_OUT)/tests/fuzz.sh: $(FUZZ_DIR)/run-fuzz.sh
	@mkdir -p $(@D)
	cp $< $@
	chmod +x $@

fuzz-all: $(FUZZ_BINS)
fuzz-tests: fuzz-all $(FUZZ_OUT)/tests/fuzz.sh

# Runs the fuzz targets alone (longer: make fuzz-run QHIL_FUZZ_SECONDS=600).
fuzz-run: fuzz-tests
	$(FUZZ_OUT)/tests/fuzz.sh
