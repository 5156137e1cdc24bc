// SPDX-License-Identifier: GPL-2.0
/*
 * BPF kfuncs of sandbox.ko, for the accounting and policy programs.
 *
 * They need the module's BTF (tools/build/kdir gives it on both kernels);
 * without it registration fails and the programs fall back to what they
 * can learn from the tracepoints and cgroup ids alone.
 *
 * Registered for tracing programs (tp_btf, fentry, raw_tp); both kernels
 * give LSM programs the kfuncs of tracing programs, and 6.1 rejects a set
 * registered for both types (DESIGN.md 5).
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "internal.h"

/* A denied object longer than this is cut (paths are PATH_MAX). */
#define SANDBOX_DENIED_OBJECT_MAX	256

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

/*
 * bpf_sandbox_report_denied - report a denial of the current task's policy
 * @op: enum sandbox_denied_op
 * @obj: what the operation was on, a string of at most @obj__sz bytes
 * @obj__sz: size of the buffer at @obj
 *
 * Called by the policy's LSM programs (tools/bpf/policy.bpf.c) as they
 * return -EPERM: sends the denied event and writes the audit record.
 * Returns 0, or -ENOENT when the current task is in no sandbox.
 */
__used noinline __noclone int bpf_sandbox_report_denied(u32 op,
							const void *obj,
							u32 obj__sz)
{
	char object[SANDBOX_DENIED_OBJECT_MAX];
	struct sandbox *sb;
	int ret = -ENOENT;

	/* Never reads past @obj__sz: an unterminated object is cut. */
	object[0] = '\0';
	if (obj__sz)
		strscpy(object, obj, min_t(u32, obj__sz, sizeof(object)));
	rcu_read_lock();
	sb = sandbox_of_cgroup_rcu(task_dfl_cgroup(current));
	if (sb) {
		sandbox_event_denied(sb, op, object);
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

__bpf_kfunc_end_defs();

/*
 * BTF_KFUNCS_START marks the set as kfuncs, which kernels that have the
 * macro require; older ones only know BTF_SET8_START.
 */
#ifdef BTF_KFUNCS_START
BTF_KFUNCS_START(sandbox_kfunc_ids)
BTF_ID_FLAGS(func, bpf_sandbox_task_id)
BTF_ID_FLAGS(func, bpf_sandbox_report_denied)
BTF_KFUNCS_END(sandbox_kfunc_ids)
#else
BTF_SET8_START(sandbox_kfunc_ids)
BTF_ID_FLAGS(func, bpf_sandbox_task_id)
BTF_ID_FLAGS(func, bpf_sandbox_report_denied)
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
