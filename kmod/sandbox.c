// SPDX-License-Identifier: GPL-2.0
/*
 * Sandbox objects: creation, the sandbox fd and its ioctls, and the list
 * of live sandboxes.
 *
 * A sandbox lives exactly as long as its file: the last close kills every
 * task in its cgroup and has the cgroup removed (cgroup.c).
 */
#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/cgroup.h>
#include <linux/ctype.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "internal.h"

LIST_HEAD(sandbox_list);
DEFINE_MUTEX(sandbox_list_lock);	/* see the lock order in internal.h */
static u64 sandbox_last_id;	/* protected by sandbox_list_lock */

/*
 * The live sandbox whose cgroup is @cgrp or an ancestor of it, or NULL.
 * Under rcu_read_lock(): the result may be released but not freed.
 */
struct sandbox *sandbox_of_cgroup_rcu(struct cgroup *cgrp)
{
	struct sandbox *sb;

	list_for_each_entry_rcu(sb, &sandbox_list, node) {
		if (cgroup_is_descendant(cgrp, sb->cgrp))
			return sb;
	}
	return NULL;
}

/* Is current inside the cgroup of any live sandbox? */
bool sandbox_current_is_member(void)
{
	bool member;

	rcu_read_lock();
	member = sandbox_of_cgroup_rcu(task_dfl_cgroup(current));
	rcu_read_unlock();
	return member;
}

static int sandbox_copy_name(char *name, u64 uptr)
{
	long len = strncpy_from_user(name, u64_to_user_ptr(uptr),
				     SANDBOX_NAME_MAX);
	long i;

	if (len < 0)
		return len;
	if (len == 0 || len == SANDBOX_NAME_MAX)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isalnum(name[i]) && !strchr("_.-", name[i]))
			return -EINVAL;
	}
	return 0;
}

/* Adds @sb to the list with a fresh id; names and cgroups are unique. */
static int sandbox_register(struct sandbox *sb)
{
	struct sandbox *other;

	mutex_lock(&sandbox_list_lock);
	list_for_each_entry(other, &sandbox_list, node) {
		if (!strcmp(other->name, sb->name) || other->cgrp == sb->cgrp) {
			mutex_unlock(&sandbox_list_lock);
			return -EEXIST;
		}
	}
	sb->id = ++sandbox_last_id;
	list_add_tail_rcu(&sb->node, &sandbox_list);
	atomic_inc(&sandbox_nr_alive);
	mutex_unlock(&sandbox_list_lock);
	return 0;
}

static void sandbox_unregister(struct sandbox *sb)
{
	mutex_lock(&sandbox_list_lock);
	list_del_rcu(&sb->node);
	atomic_dec(&sandbox_nr_alive);
	mutex_unlock(&sandbox_list_lock);
}

static struct sandbox *sandbox_alloc(void)
{
	struct sandbox *sb = kzalloc(sizeof(*sb), GFP_KERNEL_ACCOUNT);

	if (!sb)
		return NULL;
	INIT_LIST_HEAD(&sb->node);
	init_waitqueue_head(&sb->wait);
	mutex_init(&sb->limits_lock);
	spin_lock_init(&sb->lock);
	ratelimit_state_init(&sb->denied_rs, SANDBOX_DENIED_INTERVAL,
			     SANDBOX_DENIED_BURST);
	/* counts what it suppresses without a printk of its own */
	ratelimit_set_flags(&sb->denied_rs, RATELIMIT_MSG_ON_RELEASE);
	sb->state = SANDBOX_STATE_CREATED;
	sb->created_ns = ktime_get_ns();
	sb->created_boot_ns = ktime_get_boottime_ns();
	sb->cred = get_current_cred();
	return sb;
}

/* Frees a sandbox that is not (or no longer) on the list. */
static void sandbox_free(struct sandbox *sb)
{
	put_pid(sb->init_pid);
	put_cred(sb->cred);
	kfree_rcu(sb, rcu);
}

static int sandbox_release(struct inode *inode, struct file *file)
{
	struct sandbox *sb = file->private_data;

	sandbox_unregister(sb);
	sandbox_cgwatch_stop(sb);
	sandbox_event_destroyed(sb);
	sandbox_cg_detach(sb);
	sandbox_free(sb);
	return 0;
}

static __poll_t sandbox_poll(struct file *file, poll_table *wait)
{
	struct sandbox *sb = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &sb->wait, wait);
	if (READ_ONCE(sb->state) == SANDBOX_STATE_EXITED)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(sb->destroyed))
		mask |= EPOLLHUP;
	return mask;
}

static int sandbox_start(struct sandbox_ucmd *ucmd)
{
	struct sandbox_start *cmd = ucmd->cmd;
	struct sandbox *sb = ucmd->ctx;
	struct task_struct *task;
	struct pid *pid;
	int ret = 0;

	/* Checked again under the lock; this only orders the errors. */
	if (READ_ONCE(sb->state) != SANDBOX_STATE_CREATED ||
	    READ_ONCE(sb->destroyed))
		return -EBUSY;
	pid = find_get_pid(cmd->pid);
	if (!pid)
		return -ESRCH;

	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_TGID);
	if (!task)
		ret = -EINVAL;
	else if (task_dfl_cgroup(task) != sb->cgrp)
		ret = -EINVAL;
	if (!ret) {
		spin_lock(&sb->lock);
		if (sb->state != SANDBOX_STATE_CREATED || sb->destroyed) {
			ret = -EBUSY;
		} else {
			WRITE_ONCE(sb->init_pid, get_pid(pid));
			sb->started_ns = ktime_get_ns();
			WRITE_ONCE(sb->state, SANDBOX_STATE_RUNNING);
			sandbox_event_started(sb);
		}
		spin_unlock(&sb->lock);
	}
	if (!ret)
		sandbox_exit_check_started(sb, task);
	rcu_read_unlock();
	put_pid(pid);
	return ret;
}

static int sandbox_set_limits(struct sandbox_ucmd *ucmd)
{
	return sandbox_cg_set_limits(ucmd->ctx, ucmd->cmd);
}

static int sandbox_kill(struct sandbox_ucmd *ucmd)
{
	if (ucmd->arg < 1 || ucmd->arg >= _NSIG)
		return -EINVAL;
	return sandbox_cg_kill(ucmd->ctx, ucmd->arg);
}

static int sandbox_destroy(struct sandbox_ucmd *ucmd)
{
	struct sandbox *sb = ucmd->ctx;

	spin_lock(&sb->lock);
	WRITE_ONCE(sb->destroyed, true);
	spin_unlock(&sb->lock);
	wake_up_interruptible_all(&sb->wait);
	return sandbox_cg_kill(sb, SIGKILL);
}

void sandbox_fill_info(struct sandbox *sb, struct sandbox_info *info)
{
	info->id = sb->id;
	info->cgroup_id = cgroup_id(sb->cgrp);
	info->kind = sb->kind;
	info->vcpus = sb->vcpus;
	info->guest_mem = sb->guest_mem;
	info->creator_uid = from_kuid_munged(current_user_ns(), sb->cred->euid);
	info->created_boot_ns = sb->created_boot_ns;

	mutex_lock(&sb->limits_lock);
	info->limits = sb->limits.flags;
	info->memory_max = sb->limits.memory_max;
	info->pids_max = sb->limits.pids_max;
	info->cpu_quota_us = sb->limits.cpu_quota_us;
	info->cpu_period_us = sb->limits.cpu_period_us;
	info->io_weight = sb->limits.io_weight;
	mutex_unlock(&sb->limits_lock);

	spin_lock(&sb->lock);
	info->state = sb->state;
	info->init_pid = sb->init_pid ? pid_vnr(sb->init_pid) : 0;
	info->exit_status = sb->exit_status;
	info->created_ns = sb->created_ns;
	info->started_ns = sb->started_ns;
	info->exited_ns = sb->exited_ns;
	spin_unlock(&sb->lock);
}

static int sandbox_get_info(struct sandbox_ucmd *ucmd)
{
	struct sandbox_info *info = ucmd->cmd;
	struct sandbox *sb = ucmd->ctx;

	if (info->name &&
	    copy_to_user(u64_to_user_ptr(info->name), sb->name,
			 strlen(sb->name) + 1))
		return -EFAULT;
	sandbox_fill_info(sb, info);
	return sandbox_ucmd_respond(ucmd, sizeof(*info));
}

#define SANDBOX_FD_CMD(nr)	((nr) - SANDBOX_CMD_START)

static const struct sandbox_ioctl_op sandbox_fd_ops[] = {
	[SANDBOX_FD_CMD(SANDBOX_CMD_START)] =
		SANDBOX_STRUCT_OP(sandbox_start, struct sandbox_start,
				  SANDBOX_START_SIZE_VER0, 0,
				  SANDBOX_RESERVED(struct sandbox_start,
						   __reserved)),
	[SANDBOX_FD_CMD(SANDBOX_CMD_SET_LIMITS)] =
		SANDBOX_STRUCT_OP(sandbox_set_limits, struct sandbox_limits,
				  SANDBOX_LIMITS_SIZE_VER0, SANDBOX_LIMIT_ALL,
				  SANDBOX_RESERVED(struct sandbox_limits,
						   __reserved)),
	[SANDBOX_FD_CMD(SANDBOX_CMD_KILL)] = SANDBOX_VALUE_OP(sandbox_kill),
	[SANDBOX_FD_CMD(SANDBOX_CMD_GET_INFO)] =
		SANDBOX_STRUCT_OP(sandbox_get_info, struct sandbox_info,
				  SANDBOX_INFO_SIZE_VER0, 0,
				  SANDBOX_RESERVED(struct sandbox_info,
						   __reserved),
				  SANDBOX_RESERVED(struct sandbox_info,
						   __reserved2)),
	[SANDBOX_FD_CMD(SANDBOX_CMD_DESTROY)] =
		SANDBOX_VALUE_OP(sandbox_destroy),
};

static long sandbox_fd_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	return sandbox_ucmd_dispatch(sandbox_fd_ops, ARRAY_SIZE(sandbox_fd_ops),
				     SANDBOX_TYPE, SANDBOX_CMD_START, cmd, arg,
				     file->private_data);
}

static const struct file_operations sandbox_fops = {
	.owner = THIS_MODULE,
	.release = sandbox_release,
	.poll = sandbox_poll,
	.unlocked_ioctl = sandbox_fd_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/* A micro-VM describes its guest; other kinds leave those fields 0. */
static bool sandbox_kind_valid(const struct sandbox_create *cmd)
{
	switch (cmd->kind) {
	case SANDBOX_KIND_CONTAINER:
		return !cmd->vcpus && !cmd->guest_mem;
	case SANDBOX_KIND_MICROVM:
		return cmd->vcpus && cmd->vcpus <= SANDBOX_MICROVM_VCPUS_MAX &&
		       cmd->guest_mem && !(cmd->guest_mem % 4096);
	default:
		return false;
	}
}

/*
 * Everything that can fail happens before the file exists, so a failed
 * create never kills or removes anything of the caller's.
 */
int sandbox_create(struct sandbox_ucmd *ucmd)
{
	struct sandbox_create *cmd = ucmd->cmd;
	struct sandbox *sb;
	struct file *file;
	int fd, ret;

	if (!sandbox_kind_valid(cmd))
		return -EINVAL;
	if (sandbox_current_is_member())
		return -EPERM;

	sb = sandbox_alloc();
	if (!sb)
		return -ENOMEM;
	sb->kind = cmd->kind;
	sb->vcpus = cmd->vcpus;
	sb->guest_mem = cmd->guest_mem;
	ret = sandbox_copy_name(sb->name, cmd->name);
	if (ret)
		goto err_free;
	ret = sandbox_cg_attach(sb, cmd->cgroup_fd);
	if (ret)
		goto err_free;
	ret = sandbox_cgwatch_start(sb);
	if (ret)
		goto err_cg;
	ret = sandbox_register(sb);
	if (ret)
		goto err_watch;

	cmd->id = sb->id;
	ret = sandbox_ucmd_respond(ucmd, sizeof(*cmd));
	if (ret)
		goto err_unregister;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto err_unregister;
	}
	file = anon_inode_getfile("[sandbox]", &sandbox_fops, sb, O_RDWR);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		ret = PTR_ERR(file);
		goto err_unregister;
	}
	/* Before SANDBOX_OPEN can find the file: no event precedes it. */
	sandbox_event_created(sb);
	mutex_lock(&sandbox_list_lock);
	sb->file = file;
	mutex_unlock(&sandbox_list_lock);
	fd_install(fd, file);
	return fd;

err_unregister:
	sandbox_unregister(sb);
err_watch:
	sandbox_cgwatch_stop(sb);
err_cg:
	sandbox_cg_put(sb);
err_free:
	sandbox_free(sb);
	return ret;
}

/* May the caller open (and so control) @sb? */
static bool sandbox_may_open(struct sandbox *sb)
{
	return uid_eq(sb->cred->euid, current_euid()) ||
	       capable(CAP_SYS_ADMIN);
}

/*
 * Takes a reference to the file of the sandbox with @id, or named @name.
 * The file stays valid while the sandbox is on the list (release takes it
 * off first), but its count may already have dropped to zero.
 */
static struct file *sandbox_lookup_file(u64 id, const char *name)
{
	struct file *file = ERR_PTR(-ENOENT);
	struct sandbox *sb;

	mutex_lock(&sandbox_list_lock);
	list_for_each_entry(sb, &sandbox_list, node) {
		if (id ? sb->id != id : strcmp(sb->name, name))
			continue;
		if (!sandbox_may_open(sb))
			file = ERR_PTR(-EPERM);
		else if (sb->file &&
			 atomic_long_inc_not_zero(&sb->file->f_count))
			file = sb->file;
		break;
	}
	mutex_unlock(&sandbox_list_lock);
	return file;
}

int sandbox_open(struct sandbox_ucmd *ucmd)
{
	struct sandbox_open *cmd = ucmd->cmd;
	char name[SANDBOX_NAME_MAX] = "";
	struct file *file;
	int fd, ret;

	if (!cmd->id) {
		ret = sandbox_copy_name(name, cmd->name);
		if (ret)
			return ret;
	}
	file = sandbox_lookup_file(cmd->id, name);
	if (IS_ERR(file))
		return PTR_ERR(file);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		fput(file);
		return fd;
	}
	fd_install(fd, file);
	return fd;
}

int sandbox_list_ids(struct sandbox_ucmd *ucmd)
{
	struct sandbox_list *cmd = ucmd->cmd;
	u64 __user *ids = u64_to_user_ptr(cmd->ids);
	struct sandbox *sb;
	u32 n = 0;
	int ret = 0;

	mutex_lock(&sandbox_list_lock);
	list_for_each_entry(sb, &sandbox_list, node) {
		if (!sandbox_may_open(sb))
			continue;
		if (n < cmd->count && put_user(sb->id, ids + n)) {
			ret = -EFAULT;
			break;
		}
		n++;
	}
	mutex_unlock(&sandbox_list_lock);
	if (ret)
		return ret;
	cmd->count = n;
	return sandbox_ucmd_respond(ucmd, sizeof(*cmd));
}
