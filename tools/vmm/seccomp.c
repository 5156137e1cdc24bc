// SPDX-License-Identifier: GPL-2.0
/*
 * Per-thread seccomp allowlists (Firecracker's model). Each thread loads
 * its own filter (no TSYNC), so a vCPU thread, which handles the guest's
 * exits and is the first target of a hostile guest, can do no more than
 * run its vCPU, raise the UART's IRQ and write the console. Anything else
 * kills the whole monitor (SECCOMP_RET_KILL_PROCESS): its parent sees
 * SIGSYS, and `sandboxctl run --vm` reports it. ioctl(2) is allowed per
 * request number, not per fd: the fds a thread holds are all KVM's or
 * the terminal's.
 */
#include <errno.h>
#include <seccomp.h>
#include <stddef.h>
#include <termios.h>
#include <sys/ioctl.h>

#include "vmm.h"

#define NR(x)	SCMP_SYS(x)

/* What every thread needs: the console, locks, signals, exiting. */
static const int vmm_sc_common[] = {
	NR(write), NR(futex), NR(exit), NR(exit_group), NR(rt_sigreturn),
	NR(rt_sigprocmask), NR(madvise), NR(munmap), NR(clock_gettime),
	NR(sched_yield), NR(restart_syscall),
};

/* brk: reading KVM's statistics at the end allocates. */
static const int vmm_sc_main[] = {
	NR(read), NR(poll), NR(ppoll), NR(pread64), NR(lseek), NR(brk),
};

static const unsigned long vmm_ioctl_vcpu[] = {
	KVM_RUN, KVM_IRQ_LINE, KVM_GET_REGS, KVM_GET_SREGS,
};

static const unsigned long vmm_ioctl_main[] = {
	KVM_IRQ_LINE, TCGETS, TCSETS, TCSETSW,
};

static int vmm_sc_allow(scmp_filter_ctx ctx, const int *nr, size_t n)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr[i], 0);
		if (ret)
			return ret;
	}
	return 0;
}

static int vmm_sc_ioctls(scmp_filter_ctx ctx, const unsigned long *req,
			 size_t n)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, NR(ioctl), 1,
				       SCMP_A1(SCMP_CMP_EQ, req[i]));
		if (ret)
			return ret;
	}
	return 0;
}

static int vmm_sc_load(struct vm *vm, const char *who, const int *extra,
		       size_t nr_extra, const unsigned long *req, size_t nr_req)
{
	scmp_filter_ctx ctx;
	int ret;

	ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!ctx)
		return vmm_err(vm, ENOMEM, "seccomp filter of the %s thread",
			       who);
	ret = vmm_sc_allow(ctx, vmm_sc_common,
			   ARRAY_SIZE(vmm_sc_common));
	if (!ret)
		ret = vmm_sc_allow(ctx, extra, nr_extra);
	if (!ret)
		ret = vmm_sc_ioctls(ctx, req, nr_req);
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	if (ret)
		return vmm_err(vm, ret, "seccomp filter of the %s thread", who);
	return 0;
}

int vmm_seccomp_vcpu(struct vm *vm)
{
	return vmm_sc_load(vm, "vCPU", NULL, 0, vmm_ioctl_vcpu,
			   ARRAY_SIZE(vmm_ioctl_vcpu));
}

int vmm_seccomp_main(struct vm *vm)
{
	return vmm_sc_load(vm, "monitor", vmm_sc_main,
			   ARRAY_SIZE(vmm_sc_main), vmm_ioctl_main,
			   ARRAY_SIZE(vmm_ioctl_main));
}
