// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: the monitor's own count of exits by reason, and KVM's
 * binary statistics of the VM where KVM has them (probed at run time:
 * KVM_CAP_BINARY_STATS_FD). The VM's stats fd stays open at
 * SB_VMM_STATS_FD for the whole run, and vCPU i's at SB_VMM_VCPU_STATS_FD + i,
 * so that `sandboxctl` can read them from outside the jail
 * (sb_kvm_stats_of_pid()).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_stats.h"
#include "vmm.h"

#ifndef KVM_CAP_BINARY_STATS_FD
#define KVM_CAP_BINARY_STATS_FD	203
#endif

static const char *const stats_exit_names[] = {
	[KVM_EXIT_IO] = "io", [KVM_EXIT_HLT] = "hlt",
	[KVM_EXIT_MMIO] = "mmio", [KVM_EXIT_SHUTDOWN] = "shutdown",
	[KVM_EXIT_FAIL_ENTRY] = "fail_entry", [KVM_EXIT_INTR] = "intr",
	[KVM_EXIT_INTERNAL_ERROR] = "internal_error",
	[KVM_EXIT_SYSTEM_EVENT] = "system_event",
};

_Static_assert(VMM_MAX_VCPUS <= SB_VMM_MAX_VCPU_STATS,
	       "every vCPU has a stats fd number");

/* The stats fd of the VM or vCPU fd @fd, moved to @at; -errno on failure. */
static int stats_fd_at(int fd, int at)
{
	int sfd = ioctl(fd, KVM_GET_STATS_FD, 0);

	if (sfd < 0)
		return -errno;
	fd = dup2(sfd, at);
	close(sfd);
	return fd < 0 ? -errno : fd;
}

int stats_open(struct vm *vm)
{
	int i, fd;

	if (ioctl(vm->kvm, KVM_CHECK_EXTENSION, KVM_CAP_BINARY_STATS_FD) <= 0)
		return -EOPNOTSUPP;
	fd = stats_fd_at(vm->fd, SB_VMM_STATS_FD);
	if (fd < 0)
		return fd;
	vm->stats_fd = fd;
	for (i = 0; i < vm->nr_vcpus; i++) {
		fd = stats_fd_at(vm->vcpus[i].fd, SB_VMM_VCPU_STATS_FD + i);
		if (fd < 0)
			return fd;
		vm->vcpu_stats_fd[vm->nr_vcpu_stats++] = fd;
	}
	return 0;
}

/* Not dprintf(3): it calls fstat(2), which the monitor's filter denies. */
static void stats_out(int fd, const char *name, uint64_t value)
{
	char buf[160];
	int n;

	n = snprintf(buf, sizeof(buf), "%s %llu\n", name,
		     (unsigned long long)value);
	if (n > 0 && n < (int)sizeof(buf) && write(fd, buf, n) < 0)
		return;
}

static int stats_line(const char *name, uint64_t value, void *arg)
{
	char key[128];

	snprintf(key, sizeof(key), "kvm.%s", name);
	stats_out(*(int *)arg, key, value);
	return 0;
}

void stats_print(struct vm *vm, int fd)
{
	uint64_t first = atomic_load(&vm->first_exit_ns);
	size_t i;

	char key[64];

	for (i = 0; i < ARRAY_SIZE(stats_exit_names); i++) {
		if (!stats_exit_names[i])
			continue;
		snprintf(key, sizeof(key), "exits.%s", stats_exit_names[i]);
		stats_out(fd, key, atomic_load(&vm->exits[i]));
	}
	stats_out(fd, "exits.total", atomic_load(&vm->nr_exits));
	for (i = 0; i < 65536; i++) {
		if (!atomic_load(&vm->io_ports[i]))
			continue;
		snprintf(key, sizeof(key), "exits.io.port_0x%zx", i);
		stats_out(fd, key, atomic_load(&vm->io_ports[i]));
	}
	if (first)
		stats_out(fd, "time.first_exit_us", (first - vm->t0_ns) / 1000);
	stats_out(fd, "time.total_us", (vmm_now_ns() - vm->t0_ns) / 1000);
	if (vm->stats_fd >= 0)
		sb_kvm_stats_read(vm->stats_fd, stats_line, &fd);
	if (vm->nr_vcpu_stats)
		sb_kvm_vcpu_stats_sum(vm->vcpu_stats_fd, vm->nr_vcpu_stats,
				      stats_line, &fd);
}
