# Portability builds of qnxsim and the agent: other C libraries and other
# architectures, from the same sources and with the same tests.
# Included by the top Makefile after qnxsim.mk and agent.mk.
#
#   musl-nto800      built with musl-gcc (Debian musl-tools); runs natively
#   aarch64-nto800   cross-built with aarch64-linux-gnu-gcc (Debian
#                    gcc-aarch64-linux-gnu, libc6-dev-arm64-cross); its tests
#                    run under qemu-aarch64 (Debian qemu-user) through
#                    $(BUILD)/aarch64-nto800/run-test
#
# A variant whose compiler is missing is left out with a note, except under
# CI=true, where the build fails: CI must build and run every variant.
# PORT_VARIANTS= (empty) turns them all off.

PORT_VARIANTS ?= musl-nto800 aarch64-nto800

VARIANT_CC_musl-nto800    := musl-gcc
VARIANT_CC_aarch64-nto800 := aarch64-linux-gnu-gcc
VARIANT_AR_aarch64-nto800 := aarch64-linux-gnu-ar
# Emulated variants: the qemu-user binary and the sysroot of the target libc.
VARIANT_EMU_aarch64-nto800  := qemu-aarch64
VARIANT_ROOT_aarch64-nto800 := /usr/aarch64-linux-gnu

have_cmd = $(shell command -v $1 >/dev/null 2>&1 && echo yes)
PORT_BUILT   := $(foreach v,$(PORT_VARIANTS),$(if $(call have_cmd,$(VARIANT_CC_$v)),$v))
PORT_MISSING := $(filter-out $(PORT_BUILT),$(PORT_VARIANTS))

.PHONY: port-all port-tests port-missing

$(foreach v,$(PORT_BUILT),$(eval $(call QNXSIM_VARIANT,$v,)))
$(foreach v,$(PORT_BUILT),$(eval $(call AGENT_PROFILE,$v)))

# $1 = emulated variant: its tests are started by run-test, which runs each
# program under qemu-user with a watchdog (tools/run-emulated).
define PORT_EMULATED
$(BUILD)/$1/run-test: tools/run-emulated
	@mkdir -p $$(@D)
	printf '#!/bin/sh\n# Runs a test program of %s under %s (made by port.mk).\nexec "%s" %s %s "$$$$@"\n' \
		$1 $(VARIANT_EMU_$1) $(ROOT)/tools/run-emulated $(VARIANT_EMU_$1) $(VARIANT_ROOT_$1) > $$@
	chmod +x $$@
port-tests-$1: $(BUILD)/$1/run-test
endef
$(foreach v,$(PORT_BUILT),$(if $(VARIANT_EMU_$v),$(eval $(call PORT_EMULATED,$v))))

port-all: $(foreach v,$(PORT_BUILT),qnxsim-lib-$v agent-all-$v) port-missing
port-tests: $(foreach v,$(PORT_BUILT),qnxsim-tests-$v agent-tests-$v port-tests-$v) port-missing
.PHONY: $(foreach v,$(PORT_BUILT),port-tests-$v)

port-missing:
ifneq ($(PORT_MISSING),)
ifeq ($(CI),true)
	@for v in $(PORT_MISSING); do echo "port.mk: CI=true but the compiler of $$v is missing (see target-agent/port.mk for the Debian package)" >&2; done; exit 1
else
	@for v in $(PORT_MISSING); do echo "port.mk: note: $$v not built: its compiler is not installed (see target-agent/port.mk)"; done
endif
endif

# The agent's sources use no Linux-only API (tools/check-portability.sh),
# run as a test program like the others.
$(BUILD)/lint/tests/portability.sh: tools/check-portability.sh
	@mkdir -p $(@D)
	cp $< $@
	chmod +x $@
port-tests: $(BUILD)/lint/tests/portability.sh

# QNX boards: the agent from the same sources, compiled by qcc of an
# installed QNX SDP (7.1 or 8.0; source its qnxsdp-env.sh first). The SDP's
# headers define _NTO_VERSION (710, 800), which src/compat.h gates on.
# Not compiled on this build host (no qcc): tools/check-qnx-build.sh checks
# the command lines these targets would run.
.PHONY: qnx-aarch64le qnx-x86_64
qnx-aarch64le qnx-x86_64:
	$(MAKE) TARGET=$(@:qnx-%=%) agent-all

$(BUILD)/lint/tests/qnx-build.sh: tools/check-qnx-build.sh
	@mkdir -p $(@D)
	cp $< $@
	chmod +x $@
port-tests: $(BUILD)/lint/tests/qnx-build.sh

# The agent's sources use only names QNX's headers provide, and qnxsim's
# QNX-named headers declare only names QNX's do (tools/check-qnx-names.sh,
# manifest qnxsim/qnx-names.txt).
$(BUILD)/lint/tests/qnx-names.sh: tools/check-qnx-names.sh
	@mkdir -p $(@D)
	cp $< $@
	chmod +x $@
port-tests: $(BUILD)/lint/tests/qnx-names.sh
