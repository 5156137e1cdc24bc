/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The resource usage of one sandbox: what its cgroup's controllers count
 * and what the accounting programs count, read together and printed as
 * text, JSON or Prometheus metrics.
 */
#ifndef _SANDBOXCTL_USAGE_H
#define _SANDBOXCTL_USAGE_H

#include <stdbool.h>
#include <stdio.h>

#include <linux/sandbox.h>

#include "acct.h"
#include "cgroup.h"
#include "json.h"

/* Syscalls listed by number in the top-N of stats and run --stats. */
#define SBCTL_TOP_SYSCALLS	10
/* KVM statistics kept of a micro-VM (exits by reason and the like). */
#define SBCTL_KVM_STATS		128

/**
 * struct sbctl_kvm_stat - one of KVM's own counters of a micro-VM
 * @name: KVM's name for it
 * @value: its value
 */
struct sbctl_kvm_stat {
	char name[64];
	__u64 value;
};

/**
 * struct sbctl_usage - a snapshot of one sandbox's usage
 * @id: the sandbox id
 * @cgroup_id: its cgroup's id
 * @name: its name
 * @cg: the cgroup's counters
 * @bpf: the accounting programs' counters
 * @has_bpf: @bpf is valid (accounting was loaded for this sandbox)
 * @nr: syscall numbers of the top-N, most called first
 * @nr_calls: their call counts
 * @nr_top: how many of @nr are valid
 * @kvm: a micro-VM's KVM statistics (KVM_GET_STATS_FD)
 * @nr_kvm: how many of @kvm are valid
 */
struct sbctl_usage {
	__u64 id;
	__u64 cgroup_id;
	char name[SANDBOX_NAME_MAX];
	struct sb_cgroup_stats cg;
	struct sb_acct bpf;
	bool has_bpf;
	unsigned int nr[SBCTL_TOP_SYSCALLS];
	__u64 nr_calls[SBCTL_TOP_SYSCALLS];
	unsigned int nr_top;
	struct sbctl_kvm_stat kvm[SBCTL_KVM_STATS];
	unsigned int nr_kvm;
};

/*
 * Reads the usage of the sandbox whose cgroup directory is open as @cgfd
 * (or -1: opened from the id); @top also reads the per-syscall counts.
 */
int sbctl_usage_read(struct sbctl_usage *u, const struct sandbox_info *info,
		     const char *name, int cgfd, bool top);
/* Reads every live sandbox into a malloc'ed array; returns how many. */
int sbctl_usage_all(int dev, struct sbctl_usage **out, bool top);
void sbctl_usage_text(FILE *out, const struct sbctl_usage *u);
/* Adds "usage": {...} to the object being written. */
void sbctl_usage_json(struct json *j, const struct sbctl_usage *u);
/* Prometheus text exposition of @n sandboxes. */
void sbctl_usage_prom_all(FILE *out, const struct sbctl_usage *u, size_t n);

#endif /* _SANDBOXCTL_USAGE_H */
