// SPDX-License-Identifier: GPL-2.0
/*
 * sandbox-vmm: command line parsing. Everything is checked before the VM
 * exists, and every mistake is one line on stderr and exit status 125.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "vmm_opts.h"

enum {
	OPT_KERNEL = 256, OPT_INITRD, OPT_CMDLINE, OPT_APPEND, OPT_ENTRY,
	OPT_VCPUS, OPT_MEM, OPT_MEM_LIMIT, OPT_KVM_FD, OPT_PROGRESS,
	OPT_STATS, OPT_TEST_SECCOMP, OPT_HELP, OPT_KERNEL_FD, OPT_INITRD_FD,
};

static const struct option vmm_longopts[] = {
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "entry", required_argument, NULL, OPT_ENTRY },
	{ "vcpus", required_argument, NULL, OPT_VCPUS },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "mem-limit", required_argument, NULL, OPT_MEM_LIMIT },
	{ "kvm-fd", required_argument, NULL, OPT_KVM_FD },
	{ "kernel-fd", required_argument, NULL, OPT_KERNEL_FD },
	{ "initrd-fd", required_argument, NULL, OPT_INITRD_FD },
	{ "progress-timeout", required_argument, NULL, OPT_PROGRESS },
	{ "stats", no_argument, NULL, OPT_STATS },
	/* Test hook, not in --help: break the seccomp filter of a thread. */
	{ "x-test-seccomp", required_argument, NULL, OPT_TEST_SECCOMP },
	{ "help", no_argument, NULL, OPT_HELP },
	{}
};

static const char vmm_usage[] =
	"usage: sandbox-vmm --kernel IMAGE [OPTIONS]\n\n"
	"Run a Linux kernel (bzImage, or an ELF vmlinux with a PVH note) or a\n"
	"flat 64-bit payload in a KVM micro-VM, its 16550 console on stdio.\n"
	"Normally started by `sandboxctl run --vm`, inside its jail.\n\n"
	"  --kernel IMAGE       the kernel\n"
	"  --initrd FILE        initial ramdisk, at the top of low memory\n"
	"  --cmdline ARGS       kernel command line (default: a quiet serial\n"
	"                       console, no RTC probe, panic=-1)\n"
	"  --append ARGS        added to the command line\n"
	"  --entry MODE         auto (PVH if the kernel has the note, else\n"
	"                       64), pvh, 64 or 32 (bzImage entries), flat\n"
	"                       (raw 64-bit code at 1 MiB, identity-mapped)\n"
	"  --vcpus N            1-32 vCPUs (default 1)\n"
	"  --mem SIZE           guest memory, K/M/G suffix (default 256M)\n"
	"  --mem-limit SIZE     refuse a guest whose memory plus the monitor's\n"
	"                       overhead exceeds SIZE\n"
	"  --kvm-fd N           use the open /dev/kvm at fd N\n"
	"  --kernel-fd N, --initrd-fd N  read them from open fds instead\n"
	"  --progress-timeout S give up when the guest makes no exit for S\n"
	"                       seconds (default 120, 0 = never)\n"
	"  --stats              exits by reason and KVM statistics on stderr\n"
	"  -h, --help\n\n"
	"Exit status: the byte the guest wrote to port 0xf4; 0 when a flat\n"
	"payload halts; 123 if the guest failed (triple fault, entry failure,\n"
	"reset without a status, no progress); 125 on bad input.\n";

static int vmm_bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "sandbox-vmm: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return VMM_EXIT_BAD_INPUT;
}

static int vmm_opt_entry(struct vmm_opts *o, const char *arg)
{
	static const char *const names[] = {
		[VMM_ENTRY_AUTO] = "auto", [VMM_ENTRY_PVH] = "pvh",
		[VMM_ENTRY_64] = "64", [VMM_ENTRY_32] = "32",
		[VMM_ENTRY_FLAT] = "flat",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(arg, names[i])) {
			o->entry = i;
			return 0;
		}
	}
	return vmm_bad("--entry %s: not auto, pvh, 64, 32 or flat", arg);
}

static int vmm_opt(struct vmm_opts *o, int c, const char *arg,
		   const char **append)
{
	uint64_t n;

	switch (c) {
	case OPT_KERNEL:
		o->kernel = arg;
		return 0;
	case OPT_INITRD:
		o->initrd = arg;
		return 0;
	case OPT_CMDLINE:
		o->cmdline = arg;
		return 0;
	case OPT_APPEND:
		*append = arg;
		return 0;
	case OPT_ENTRY:
		return vmm_opt_entry(o, arg);
	case OPT_VCPUS:
		if (sb_parse_u64(arg, 1, VMM_MAX_VCPUS, &n))
			return vmm_bad("--vcpus %s: not a number from 1 to 32",
				       arg);
		o->vcpus = n;
		return 0;
	case OPT_MEM:
		if (sb_parse_size(arg, &o->mem))
			return vmm_bad("--mem %s: not a size", arg);
		return 0;
	case OPT_MEM_LIMIT:
		if (sb_parse_size(arg, &o->mem_limit))
			return vmm_bad("--mem-limit %s: not a size", arg);
		return 0;
	case OPT_KVM_FD:
		if (sb_parse_u64(arg, 0, 1 << 20, &n))
			return vmm_bad("--kvm-fd %s: not an fd", arg);
		o->kvm_fd = n;
		return 0;
	case OPT_KERNEL_FD:
	case OPT_INITRD_FD:
		if (sb_parse_u64(arg, 0, 1 << 20, &n))
			return vmm_bad("%s: not an fd", arg);
		if (c == OPT_KERNEL_FD) {
			o->kernel_fd = n;
			o->kernel = "the kernel";
		} else {
			o->initrd_fd = n;
			o->initrd = "the initrd";
		}
		return 0;
	case OPT_PROGRESS:
		if (sb_parse_u64(arg, 0, 86400, &n))
			return vmm_bad("--progress-timeout %s: not 0-86400", arg);
		o->progress_s = n;
		return 0;
	case OPT_STATS:
		o->stats = true;
		return 0;
	case OPT_TEST_SECCOMP:
		o->test_seccomp = arg;
		return 0;
	case OPT_HELP:
		fputs(vmm_usage, stdout);
		return 0;
	}
	return vmm_bad("%s", "bad option; see --help");
}

/* The memory checks: the guest's size, and what the jail allows. */
static int vmm_check_mem(const struct vmm_opts *o)
{
	char s[32];

	snprintf(s, sizeof(s), "%llu", (unsigned long long)(o->mem >> 20));
	if (o->mem < VMM_MEM_MIN || o->mem > VMM_MEM_MAX || o->mem % 4096)
		return vmm_bad("--mem: %s MiB is not a multiple of 4 KiB from 16 MiB to 3 GiB",
			       s);
	if (o->mem_limit && o->mem + VMM_OVERHEAD > o->mem_limit) {
		fprintf(stderr,
			"sandbox-vmm: guest memory %llu MiB plus the monitor's %llu MiB exceed the memory limit of %llu MiB\n",
			(unsigned long long)(o->mem >> 20),
			(unsigned long long)(VMM_OVERHEAD >> 20),
			(unsigned long long)(o->mem_limit >> 20));
		return VMM_EXIT_BAD_INPUT;
	}
	return -1;
}

static int vmm_build_cmdline(struct vmm_opts *o, const char *append)
{
	static char buf[VMM_CMDLINE_MAX];
	int n;

	if (!o->cmdline)
		o->cmdline = VMM_DEFAULT_CMDLINE;
	if (!append)
		return -1;
	n = snprintf(buf, sizeof(buf), "%s %s", o->cmdline, append);
	if (n >= (int)sizeof(buf))
		return vmm_bad("%s", "the kernel command line is too long");
	o->cmdline = buf;
	return -1;
}

int vmm_parse_opts(int argc, char **argv, struct vmm_opts *o)
{
	const char *append = NULL;
	int c, ret;

	*o = (struct vmm_opts){
		.vcpus = 1, .mem = 256ULL << 20, .kvm_fd = -1,
		.kernel_fd = -1, .initrd_fd = -1,
		.progress_s = 120,
		/* The test hook also from the environment: run --vm --env. */
		.test_seccomp = getenv("SANDBOX_VMM_TEST_SECCOMP"),
	};
	while ((c = getopt_long(argc, argv, "h", vmm_longopts, NULL)) != -1) {
		if (c == 'h')
			c = OPT_HELP;
		ret = vmm_opt(o, c, optarg, &append);
		if (ret || c == OPT_HELP)
			return ret;
	}
	if (optind < argc)
		return vmm_bad("unexpected argument '%s'", argv[optind]);
	if (!o->kernel)
		return vmm_bad("%s", "no --kernel");
	ret = vmm_check_mem(o);
	if (ret >= 0)
		return ret;
	return vmm_build_cmdline(o, append);
}
