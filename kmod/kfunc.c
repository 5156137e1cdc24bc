// SPDX-License-Identifier: GPL-2.0
/*
 * BPF kfuncs of sandbox.ko, for the accounting and policy programs.
 *
 * They need the module's BTF (tools/build/kdir gives it on both kernels);
 * without it registration fails and the programs fall back to what they
 * can learn from the tracepoints and cgroup ids alone.
 *
 * Registered for tracing programs only (tp_btf, fentry, raw_tp): 6.1
 * rejects a set registered for a second program type (DESIGN.md 5).
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "internal.h"

/*
 * Kfuncs are called from BPF only: no prototype, and kept whole (not
 * inlined or cloned) so that their BTF matches. Later kernels than 6.1
 * have __bpf_kfunc for the attributes and these macros for the warning.
 */
#ifndef __bpf_kfunc_start_defs
#define __bpf_kfunc_start_defs()
#define __bpf_kfunc_end_defs()
#endif

__bpf_kfunc_start_defs();

/*
 * bpf_sandbox_task_id - id of the sandbox @task belongs to, or 0
 * @task: any task, may be NULL
 *
 * A task belongs to a sandbox when it is in the sandbox's cgroup or below.
 */
__used noinline __noclone u64 bpf_sandbox_task_id(struct task_struct *task)
{
	struct sandbox *sb;
	u64 id = 0;

	if (!task)
		return 0;
	rcu_read_lock();
	sb = sandbox_of_cgroup_rcu(task_dfl_cgroup(task));
	if (sb)
		id = sb->id;
	rcu_read_unlock();
	return id;
}

__bpf_kfunc_end_defs();

/*
 * BTF_KFUNCS_START marks the set as kfuncs, which kernels that have the
 * macro require; older ones only know BTF_SET8_START.
 */
#ifdef BTF_KFUNCS_START
BTF_KFUNCS_START(sandbox_kfunc_ids)
BTF_ID_FLAGS(func, bpf_sandbox_task_id)
BTF_KFUNCS_END(sandbox_kfunc_ids)
#else
BTF_SET8_START(sandbox_kfunc_ids)
BTF_ID_FLAGS(func, bpf_sandbox_task_id)
BTF_SET8_END(sandbox_kfunc_ids)
#endif

static const struct btf_kfunc_id_set sandbox_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &sandbox_kfunc_ids,
};

int sandbox_kfunc_init(void)
{
	return register_btf_kfunc_id_set(BPF_PROG_TYPE_TRACING,
					 &sandbox_kfunc_set);
}
