# SPDX-License-Identifier: GPL-2.0
#
# sandbox: top-level build.
#
#   make            modules for every supported kernel, tools, selftests
#   make check      build, then run every test in a QEMU guest per kernel
#   make check-debug  build a debug kernel (KASAN, lockdep, kmemleak, ...)
#                   once, then run every test on it, longer, in a guest
#   make demo       boot a guest, load the module, show it answering
#   make deps       install the Debian packages the project needs
#   make install    modules, sandboxctl, udev rule, man pages, completion
#                   (DESTDIR=, PREFIX=/usr/local); make uninstall
#   make htmldocs   Documentation/ as HTML in build/Documentation/html
#   make man        sandboxctl(1) and sandbox(4) in build/man
#   make dkms-source  the DKMS source tree in /usr/src/sandbox-VERSION
#   make kselftest-install  a run_kselftest.sh tree (KSFT_INSTALL_PATH=)
#
# Classic out-of-tree module build for the running kernel also works:
#   make -C /lib/modules/$(uname -r)/build M=$PWD

# When kbuild reads this directory (M=$PWD), hand over to Kbuild.
ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

VERSION := $(shell cat VERSION)
KERNELS := $(shell tools/build/kernels)
B := build

CC ?= gcc
WARN := -Wall -Wextra -Werror
# libnl-genl-3 (the netlink events) links statically too: --static.
NL_CFLAGS := $(shell pkg-config --cflags libnl-genl-3.0)
NL_LIBS := $(shell pkg-config --static --libs libnl-genl-3.0)
# libbpf too (the accounting programs); libelf may want zstd.
BPF_LIBS := $(shell pkg-config --static --libs libbpf) -lzstd
TOOLS_CFLAGS := -O2 -g -std=gnu11 $(WARN) -MMD -MP -Iuapi -Itools/lib \
	-I$(B)/bpf $(NL_CFLAGS) -DSANDBOX_TOOLS_VERSION='"$(VERSION)"'
TOOLS_LDLIBS := -lseccomp -lm $(NL_LIBS) $(BPF_LIBS)

# BPF programs: CO-RE, one object for every kernel, compiled against the
# BTF of the newest supported kernel; skeletons generated from them.
BPF_KERNEL := $(lastword $(KERNELS))
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
	-I$(B)/bpf -Itools/bpf
# policy_kf: the policy again, reporting denials through the module's kfunc
BPF_SKELS := $(patsubst tools/bpf/%.bpf.c,$(B)/bpf/%.skel.h,\
	$(wildcard tools/bpf/*.bpf.c)) $(B)/bpf/policy_kf.skel.h
# kselftest_harness.h is not -Wextra clean: tests use the kselftest flags.
TEST_CFLAGS := -O2 -g -std=gnu11 -Wall -Werror -Iuapi -Itools/lib \
	-I$(B)/ksrc/tools/testing/selftests -Iselftests/sandbox -pthread

KMOD_SRCS := $(wildcard kmod/*.c kmod/*.h kmod/probes/*.c) kmod/conftest.sh \
	Kbuild VERSION uapi/linux/sandbox.h
LIB_SRCS := $(wildcard tools/lib/*.c)
SBCTL_SRCS := $(wildcard tools/sandboxctl/*.c)
SELFTEST_SRCS := $(wildcard selftests/sandbox/*_test.c) \
	$(wildcard selftests/sandbox/*_workload.c)
VMM_SRCS := $(wildcard tools/vmm/*.c) tools/lib/kvm_stats.c tools/lib/parse.c

MODULES := $(foreach k,$(KERNELS),$(B)/$(k)/sandbox.ko)
TOOLS := $(B)/bin/sandboxctl $(B)/bin/sandbox-vmm
SELFTESTS := $(patsubst selftests/sandbox/%.c,$(B)/selftests/%,$(SELFTEST_SRCS))
# Guest payloads of the micro-VM tests (selftests/sandbox/vmm/).
PAYLOAD_DIR := $(B)/selftests/vmm
PAYLOADS := $(patsubst selftests/sandbox/vmm/%.S,$(PAYLOAD_DIR)/%.bin,\
	$(filter-out %/bzhdr.S,$(wildcard selftests/sandbox/vmm/*.S))) \
	$(PAYLOAD_DIR)/conform.bzImage $(PAYLOAD_DIR)/jailprobe

# Installation: tools/build/install holds the file list.
PREFIX ?= /usr/local
DESTDIR ?=
DEPMOD ?= depmod
KSFT_INSTALL_PATH ?= $(B)/kselftest/install
export DESTDIR PREFIX DEPMOD KERNELS VERSION B

# Documentation and man pages: Sphinx, with the sources' own reference
# text pulled in at build time (Documentation/sphinx/sandbox_docs.py).
SPHINXBUILD ?= sphinx-build
SPHINXOPTS ?=
DOC_SRCS := $(wildcard Documentation/*.rst Documentation/conf.py \
	Documentation/sphinx/*.py) uapi/linux/sandbox.h VERSION
DOC_DEPS := $(DOC_SRCS) $(TOOLS) $(B)/ksrc/.stamp
# -E: a fresh environment, so that -W sees the warnings of every page,
# not only of the pages that changed.
SPHINX := $(SPHINXBUILD) -E -W --keep-going -q $(SPHINXOPTS)
MANPAGES := $(B)/man/sandboxctl.1 $(B)/man/sandbox.4

.PHONY: all modules tools selftests check check-debug demo bench deps clean \
	install uninstall htmldocs man dkms-source kselftest-install
.DELETE_ON_ERROR:

all: modules tools selftests

modules: $(MODULES)
tools: $(TOOLS)
selftests: $(SELFTESTS) $(PAYLOADS)

deps:
	tools/build/deps

# One build directory per kernel (SANDBOX_KARGS, from the environment,
# replaces kdir's make arguments for a kernel tree of our own): symlinks to our sources, objects beside
# them, so two kernels never share an object file.
$(B)/%/sandbox.ko: $(KMOD_SRCS) tools/build/kdir
	@mkdir -p $(B)/$*/kmod
	@find $(B)/$* -maxdepth 2 -type l -delete
	@ln -s ../../Kbuild ../../VERSION ../../uapi $(B)/$*/
	@ln -s $(addprefix ../../../,$(wildcard kmod/*.c kmod/*.h) \
		kmod/conftest.sh kmod/probes) $(B)/$*/kmod/
	kargs=$${SANDBOX_KARGS:-$$(tools/build/kdir $* $(B)/kernels/$*)} && \
		$(MAKE) $$kargs M=$(abspath $(B)/$*) modules
	@readelf -S $@ | grep -q '\.BTF' || \
		{ echo "$@: no .BTF section" >&2; rm -f $@; exit 1; }

$(B)/obj/%.o: tools/%.c | $(BPF_SKELS)
	@mkdir -p $(@D)
	$(CC) $(TOOLS_CFLAGS) -c -o $@ $<

# The kernel's BTF as C: generated, never committed.
$(B)/bpf/vmlinux.h: tools/build/kdir
	@mkdir -p $(@D)
	kdir=$$(tools/build/kdir $(BPF_KERNEL) $(B)/kernels/$(BPF_KERNEL) | \
		sed -n 's/^-C \([^ ]*\) .*/\1/p') && [ -n "$$kdir" ] && \
		bpftool btf dump file $$kdir/vmlinux format c >$@

$(B)/bpf/%.bpf.o: tools/bpf/%.bpf.c $(wildcard tools/bpf/*.h) \
		$(B)/bpf/vmlinux.h
	clang $(BPF_CFLAGS) -c -o $@ $<
	llvm-strip -g $@

$(B)/bpf/policy_kf.bpf.o: tools/bpf/policy.bpf.c $(wildcard tools/bpf/*.h) \
		$(B)/bpf/vmlinux.h
	clang $(BPF_CFLAGS) -DSB_KFUNC -c -o $@ $<
	llvm-strip -g $@

$(B)/bpf/%.skel.h: $(B)/bpf/%.bpf.o
	bpftool gen skeleton $< name $*_bpf >$@

.SECONDARY: $(BPF_SKELS) $(BPF_SKELS:.skel.h=.bpf.o)

# Static, like Firecracker's jailer: it starts every sandbox, and resolving
# shared libraries cost about 45 ms of a 100 ms start in the TCG guest.
$(B)/bin/sandboxctl: $(patsubst tools/%.c,$(B)/obj/%.o,$(SBCTL_SRCS) $(LIB_SRCS)) \
		Makefile
	@mkdir -p $(@D)
	$(CC) -static -o $@ $(filter %.o,$^) $(TOOLS_LDLIBS)

# The micro-VM monitor: static too, it starts in an empty jail.
$(B)/bin/sandbox-vmm: $(patsubst tools/%.c,$(B)/obj/%.o,$(VMM_SRCS)) Makefile
	@mkdir -p $(@D)
	$(CC) -static -pthread -o $@ $(filter %.o,$^) -lseccomp -llzma \
		-lzstd -lz

$(B)/ksrc/.stamp: tools/build/ksrc
	tools/build/ksrc $(B)/ksrc

$(B)/selftests/%: selftests/sandbox/%.c $(wildcard selftests/sandbox/*.h) \
		$(B)/ksrc/.stamp
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $<

# The bench's empty BPF program on a hook: static, the guest runs it.
$(B)/bench/hook_floor: bench/hook_floor.c Makefile
	@mkdir -p $(@D)
	$(CC) -static -O2 -g $(WARN) -o $@ $< $(BPF_LIBS)

# Flat 64-bit payloads: raw code at 1 MiB.
$(PAYLOAD_DIR)/%.bin: selftests/sandbox/vmm/%.S selftests/sandbox/vmm/flat.lds
	@mkdir -p $(@D)
	$(CC) -c -o $(@:.bin=.o) $<
	ld -T selftests/sandbox/vmm/flat.lds -o $(@:.bin=.elf) $(@:.bin=.o)
	objcopy -O binary $(@:.bin=.elf) $@

# Stands in for the monitor in its jail: static, the jail has no libc.
$(PAYLOAD_DIR)/jailprobe: selftests/sandbox/vmm/jailprobe.c
	@mkdir -p $(@D)
	$(CC) -static -O2 -Wall -Werror -o $@ $<

# The conformance bzImage: its reporter built for each entry (bzhdr.S).
CONFORM_CFLAGS := -O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-mno-red-zone -mgeneral-regs-only -fno-asynchronous-unwind-tables
$(PAYLOAD_DIR)/conform32.raw: selftests/sandbox/vmm/conform.c \
		selftests/sandbox/vmm/conform.lds
	@mkdir -p $(@D)
	$(CC) -m32 $(CONFORM_CFLAGS) -c -o $(@:.raw=.o) $<
	ld -m elf_i386 -T selftests/sandbox/vmm/conform.lds -Ttext=0x110000 \
		-o $(@:.raw=.elf) $(@:.raw=.o)
	objcopy -O binary $(@:.raw=.elf) $@

$(PAYLOAD_DIR)/conform64.raw: selftests/sandbox/vmm/conform.c \
		selftests/sandbox/vmm/conform.lds
	@mkdir -p $(@D)
	$(CC) -m64 $(CONFORM_CFLAGS) -c -o $(@:.raw=.o) $<
	ld -m elf_x86_64 -T selftests/sandbox/vmm/conform.lds -Ttext=0x100200 \
		-o $(@:.raw=.elf) $(@:.raw=.o)
	objcopy -O binary $(@:.raw=.elf) $@

$(PAYLOAD_DIR)/conform.bzImage: selftests/sandbox/vmm/bzhdr.S \
		$(PAYLOAD_DIR)/conform32.raw $(PAYLOAD_DIR)/conform64.raw
	$(CC) -c -DCONFORM32='"$(PAYLOAD_DIR)/conform32.raw"' \
		-DCONFORM64='"$(PAYLOAD_DIR)/conform64.raw"' \
		-o $(PAYLOAD_DIR)/bzhdr.o $<
	ld -Ttext=0 -e 0 -o $(PAYLOAD_DIR)/bzhdr.elf $(PAYLOAD_DIR)/bzhdr.o
	objcopy -O binary -j .text $(PAYLOAD_DIR)/bzhdr.elf $@

htmldocs: $(B)/Documentation/html/.stamp
man: $(MANPAGES)

$(B)/Documentation/html/.stamp: $(DOC_DEPS)
	$(SPHINX) -b html -d $(B)/Documentation/doctrees-html \
		Documentation $(B)/Documentation/html
	@touch $@

$(MANPAGES) &: $(DOC_DEPS)
	$(SPHINX) -b man -d $(B)/Documentation/doctrees-man \
		Documentation $(B)/man
	@touch $(MANPAGES)

install: $(MODULES) $(TOOLS) $(MANPAGES)
	tools/build/install install

uninstall:
	tools/build/install uninstall

dkms-source:
	tools/build/install dkms-source

kselftest-install: $(B)/ksrc/.stamp
	tools/testing/kselftest-install $(KSFT_INSTALL_PATH)

# $(KERNELS) was read before deps installed the kernels: ask again.
check:
	@tools/build/deps
	@$(MAKE) --no-print-directory all
	@tools/testing/check $$(tools/build/kernels)

check-debug:
	@tools/build/deps
	@$(MAKE) --no-print-directory tools selftests
	@tools/testing/check-debug

demo:
	@tools/build/deps
	@$(MAKE) --no-print-directory all
	@tools/testing/demo

bench:
	@tools/build/deps
	@$(MAKE) --no-print-directory all $(B)/bench/hook_floor
	@tools/testing/bench

clean:
	rm -rf $(B)

-include $(wildcard $(B)/obj/*/*.d)

endif
