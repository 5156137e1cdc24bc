/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM's binary statistics (KVM_GET_STATS_FD, Linux 5.14 and later) as
 * name/value pairs, for the micro-VM monitor and for `sandboxctl stats`.
 */
#ifndef _LIBSANDBOX_KVM_STATS_H
#define _LIBSANDBOX_KVM_STATS_H

#include <stdint.h>
#include <sys/types.h>

/*
 * The fd number at which sandbox-vmm keeps its VM's stats fd for the whole
 * run, so that a tool outside the jail can take a copy with
 * pidfd_getfd(2) (see sb_kvm_stats_of_pid()).
 */
#define SB_VMM_STATS_FD		200

/*
 * vCPU i's stats fd is kept at SB_VMM_VCPU_STATS_FD + i; KVM counts exits by
 * reason per vCPU, not per VM.
 */
#define SB_VMM_VCPU_STATS_FD	201
#define SB_VMM_MAX_VCPU_STATS	32

/* Called once per statistic; a non-zero return stops the walk. */
typedef int (*sb_kvm_stat_fn)(const char *name, uint64_t value, void *arg);

/*
 * Calls @fn for every counter of the stats fd @fd (a VM's or a vCPU's):
 * cumulative and instantaneous values and peaks; histograms as the sum of
 * their buckets. Returns 0, @fn's non-zero value, or -errno.
 */
int sb_kvm_stats_read(int fd, sb_kvm_stat_fn fn, void *arg);

/*
 * Calls @fn once per counter of the vCPU stats fds @fds[0..@n), each the
 * sum over the vCPUs and named "vcpu.NAME". Returns as sb_kvm_stats_read().
 */
int sb_kvm_vcpu_stats_sum(const int *fds, int n, sb_kvm_stat_fn fn,
			  void *arg);

/*
 * The same for the VM run by the sandbox-vmm process @pid: copies its
 * SB_VMM_STATS_FD with pidfd_getfd(2) (needs ptrace access to it, as
 * root outside the sandbox has), then its vCPUs' as sb_kvm_vcpu_stats_sum()
 * does. -ENOENT if it has no stats fd (KVM without KVM_GET_STATS_FD).
 */
int sb_kvm_stats_of_pid(pid_t pid, sb_kvm_stat_fn fn, void *arg);

#endif /* _LIBSANDBOX_KVM_STATS_H */
