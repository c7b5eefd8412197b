# qnx-hil-agent: the program that runs step programs on the board.
# Included by the top Makefile, which defines PROFILES, BUILD, CC, CSTD, WARN,
# OPT and ROOT.
#
#   make agent-all               $(BUILD)/P/qnx-hil-agent for every profile P,
#                                linked against qnxsim (the simulated board)
#   make agent-tests             $(BUILD)/P/tests/agent_* (TAP test programs)
#   make TARGET=aarch64le agent-all   the agent for a QNX board, built with qcc
#   make TARGET=x86_64 agent-all      (needs a QNX SDP: source qnxsdp-env.sh)
#                                -> $(BUILD)/qnx-$(TARGET)/qnx-hil-agent
#
# The build hash (reported by "info" as build_hash) is the SHA-256 of the
# agent's sources (src/*.c src/*.h, in name order), or their cksum as 8 hex
# digits where sha256sum is missing.

AGENT_DIR       := src
AGENT_SRCS      := $(sort $(wildcard $(AGENT_DIR)/*.c))
AGENT_HDRS      := $(sort $(wildcard $(AGENT_DIR)/*.h))
AGENT_LIB_SRCS  := $(filter-out $(AGENT_DIR)/main.c,$(AGENT_SRCS))
AGENT_TDIR      := tests-agent
AGENT_TESTS     := $(sort $(wildcard $(AGENT_TDIR)/agent_*.c))
AGENT_TLIB      := $(AGENT_TDIR)/tap.c $(AGENT_TDIR)/run_agent.c
AGENT_THDRS     := $(wildcard $(AGENT_TDIR)/*.h)

AGENT_HASH := $(shell files='$(AGENT_SRCS) $(AGENT_HDRS)'; \
	if command -v sha256sum >/dev/null 2>&1; then cat $$files | sha256sum | cut -c1-64; \
	else printf '%08x' "$$(cat $$files | cksum | cut -d' ' -f1)"; fi)
AGENT_DEFS := -DQHIL_BUILD_HASH=\"$(AGENT_HASH)\"

.PHONY: agent-all agent-tests

ifdef TARGET
# ---- a QNX board: qcc from an installed SDP (not available on every host) ----
QCC ?= qcc
AGENT_QCC_VARIANT_aarch64le := gcc_ntoaarch64le
AGENT_QCC_VARIANT_x86_64    := gcc_ntox86_64
AGENT_QCC_VARIANT := $(AGENT_QCC_VARIANT_$(TARGET))
ifeq ($(AGENT_QCC_VARIANT),)
$(error TARGET must be aarch64le or x86_64, not '$(TARGET)')
endif
AGENT_QNX_OUT := $(BUILD)/qnx-$(TARGET)

agent-all: $(AGENT_QNX_OUT)/qnx-hil-agent

$(AGENT_QNX_OUT)/qnx-hil-agent: $(AGENT_SRCS) $(AGENT_HDRS)
	@command -v $(QCC) >/dev/null 2>&1 || { echo "qcc not found: source qnxsdp-env.sh of a QNX SDP first" >&2; exit 1; }
	mkdir -p $(@D)
	$(QCC) -V$(AGENT_QCC_VARIANT) $(CSTD) $(WARN) $(OPT) -D_QNX_SOURCE $(AGENT_DEFS) \
		-o $@ $(AGENT_SRCS)

agent-tests:
	@echo "agent-tests: the C tests run on the build host only (no TARGET)"

else
# ---- the simulated board: one build per qnxsim profile ----

# Sanitizer variants (P-asan) build the agent and its tests like qnxsim's.
agent_san = $(if $(findstring -asan,$1),$(QNXSIM_ASAN))

# $1 = build variant: a profile (nto710, nto800), its -asan build, or a
# variant of port.mk (musl-nto800, aarch64-nto800...)
define AGENT_PROFILE
AGENT_OBJS_$1     := $$(patsubst $(AGENT_DIR)/%.c,$(BUILD)/$1/agent/%.o,$(AGENT_SRCS))
AGENT_LIB_OBJS_$1 := $$(filter-out $(BUILD)/$1/agent/main.o,$$(AGENT_OBJS_$1))
AGENT_CFLAGS_$1   := $$(CSTD) $$(WARN) $$(OPT) $$(call agent_san,$1) -pthread $$(call qnxsim_cflags,$1) $(AGENT_DEFS)

$(BUILD)/$1/agent/%.o: $(AGENT_DIR)/%.c $(AGENT_HDRS) $(QNXSIM_HDRS)
	@mkdir -p $$(@D)
	$$(call variant_cc,$1) $$(AGENT_CFLAGS_$1) -c -o $$@ $$<

# The build hash changes with any source file: rebuild what embeds it.
$(BUILD)/$1/agent/info.o $(BUILD)/$1/agent/main.o: $(AGENT_SRCS)

$(BUILD)/$1/qnx-hil-agent: $$(AGENT_OBJS_$1) $(BUILD)/$1/libqnxsim.a
	$$(call variant_cc,$1) $$(AGENT_CFLAGS_$1) -o $$@ $$(AGENT_OBJS_$1) $$(call qnxsim_libs,$1)

$(BUILD)/$1/tests/agent_%: $(AGENT_TDIR)/agent_%.c $(AGENT_TLIB) $(AGENT_THDRS) \
		$$(AGENT_LIB_OBJS_$1) $(BUILD)/$1/libqnxsim.a $(BUILD)/$1/qnx-hil-agent
	@mkdir -p $$(@D)
	$$(call variant_cc,$1) $$(AGENT_CFLAGS_$1) -I$(AGENT_DIR) -I$(AGENT_TDIR) \
		-DQHIL_AGENT_BIN=\"$(ROOT)/$(BUILD)/$1/qnx-hil-agent\" -o $$@ $$< $(AGENT_TLIB) \
		$$(AGENT_LIB_OBJS_$1) $$(call qnxsim_libs,$1)

agent-all-$1: $(BUILD)/$1/qnx-hil-agent
agent-tests-$1: $$(patsubst $(AGENT_TDIR)/%.c,$(BUILD)/$1/tests/%,$(AGENT_TESTS))
.PHONY: agent-all-$1 agent-tests-$1
endef

AGENT_VARIANTS := $(PROFILES) $(addsuffix -asan,$(PROFILES))
$(foreach v,$(AGENT_VARIANTS),$(eval $(call AGENT_PROFILE,$v)))

agent-all: $(foreach v,$(AGENT_VARIANTS),agent-all-$v)
agent-tests: $(foreach v,$(AGENT_VARIANTS),agent-tests-$v)
endif
