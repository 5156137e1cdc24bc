// SPDX-License-Identifier: GPL-2.0
/*
 * What a sandbox's tasks do, seen from the scheduler's tracepoints.
 *
 * sched_process_exit: the init task's exit records the wait status and
 * wakes pollers of the sandbox fd. No exported helper waits on a pid from
 * a module, and the tool cannot be trusted to report it, so the kernel's
 * own exit path tells us.
 *
 * sched_process_exec: an exec by the init task or a child of it is the
 * sandbox's entry point (sandboxctl's command is the init's child) and is
 * reported; deeper execs are the workload's own business.
 */
#include <linux/binfmts.h>
#include <linux/cgroup.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>

#include "internal.h"

static struct tracepoint *sandbox_exit_tp;
static struct tracepoint *sandbox_exec_tp;

/* The wait status waitpid() will report for the thread group of @t. */
static u32 sandbox_wait_status(struct task_struct *t)
{
	if (t->signal->flags & SIGNAL_GROUP_EXIT)
		return t->signal->group_exit_code;
	return t->exit_code;
}

static void sandbox_mark_exited(struct sandbox *sb, u32 status)
{
	spin_lock(&sb->lock);
	if (sb->state == SANDBOX_STATE_RUNNING && !sb->released) {
		sb->exit_status = status;
		sb->exited_ns = ktime_get_ns();
		WRITE_ONCE(sb->state, SANDBOX_STATE_EXITED);
		sandbox_event_exited(sb, sandbox_cg_oom_kills(sb));
	}
	spin_unlock(&sb->lock);
	wake_up_interruptible_all(&sb->wait);
}

static void sandbox_exit_probe(void *data, struct task_struct *t)
{
	struct pid *tgid;
	struct sandbox *sb;

	/* Only the last thread of a thread group ends the process. */
	if (atomic_read(&t->signal->live))
		return;
	tgid = task_tgid(t);
	rcu_read_lock();
	list_for_each_entry_rcu(sb, &sandbox_list, node) {
		if (READ_ONCE(sb->init_pid) == tgid) {
			sandbox_mark_exited(sb, sandbox_wait_status(t));
			break;
		}
	}
	rcu_read_unlock();
}

/*
 * Called by START after publishing init_pid: the init may have exited
 * before the probe could recognise it.
 */
void sandbox_exit_check_started(struct sandbox *sb, struct task_struct *t)
{
	if (!atomic_read(&t->signal->live))
		sandbox_mark_exited(sb, sandbox_wait_status(t));
}

static void sandbox_exec_probe(void *data, struct task_struct *p,
			       pid_t old_pid, struct linux_binprm *bprm)
{
	struct pid *init_pid;
	struct sandbox *sb;

	rcu_read_lock();
	sb = sandbox_of_cgroup_rcu(task_dfl_cgroup(p));
	if (sb) {
		init_pid = READ_ONCE(sb->init_pid);
		if (init_pid && (task_tgid(p) == init_pid ||
				 task_tgid(rcu_dereference(p->real_parent)) ==
				 init_pid))
			sandbox_event_exec(sb, task_tgid_nr(p),
					   bprm->filename);
	}
	rcu_read_unlock();
}

static void sandbox_find_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_process_exit"))
		sandbox_exit_tp = tp;
	else if (!strcmp(tp->name, "sched_process_exec"))
		sandbox_exec_tp = tp;
}

int sandbox_tasks_init(void)
{
	int ret;

	for_each_kernel_tracepoint(sandbox_find_tp, NULL);
	if (!sandbox_exit_tp || !sandbox_exec_tp)
		return -ENOENT;
	ret = tracepoint_probe_register(sandbox_exit_tp, sandbox_exit_probe,
					NULL);
	if (ret)
		return ret;
	ret = tracepoint_probe_register(sandbox_exec_tp, sandbox_exec_probe,
					NULL);
	if (ret) {
		tracepoint_probe_unregister(sandbox_exit_tp,
					    sandbox_exit_probe, NULL);
		tracepoint_synchronize_unregister();
	}
	return ret;
}

void sandbox_tasks_exit(void)
{
	tracepoint_probe_unregister(sandbox_exec_tp, sandbox_exec_probe, NULL);
	tracepoint_probe_unregister(sandbox_exit_tp, sandbox_exit_probe, NULL);
	tracepoint_synchronize_unregister();
}
