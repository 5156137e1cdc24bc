// SPDX-License-Identifier: GPL-2.0
/*
 * The sandbox's cgroup v2 directory: created by the tool, handed to us by
 * fd, limited and killed through its control files, and removed by us once
 * its last task is gone.
 *
 * Control files are opened with the creator's credentials, so whoever
 * holds the sandbox fd acts with the rights its creator had, no more.
 */
#include <linux/cgroup.h>
#include <linux/file.h>
#include <linux/memcontrol.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "internal.h"

/* Removal is retried while the cgroup still has dying tasks. */
#define SANDBOX_RMDIR_RETRY_MS	10
#define SANDBOX_RMDIR_TRIES	1000

/* Kills and removes a dead sandbox's cgroup, from sandbox_wq. */
struct sandbox_rmdir {
	struct delayed_work work;
	struct path dir;
	const struct cred *cred;
	unsigned int tries;
};

static struct workqueue_struct *sandbox_wq;

int sandbox_cg_attach(struct sandbox *sb, int fd)
{
	struct cgroup *cgrp;
	struct file *file;
	int ret = 0;

	file = fget(fd);
	if (!file)
		return -EBADF;
	cgrp = cgroup_get_from_fd(fd);
	if (IS_ERR(cgrp)) {
		ret = PTR_ERR(cgrp) == -EBADF ? -EINVAL : PTR_ERR(cgrp);
		goto out;
	}
	/* The fd may have been replaced between the two lookups. */
	if (file_inode(file)->i_ino != cgroup_ino(cgrp) ||
	    cgroup_is_populated(cgrp) || !cgroup_parent(cgrp)) {
		cgroup_put(cgrp);
		ret = -EINVAL;
		goto out;
	}
	/* Allocated now so that the last close cannot fail to clean up. */
	sb->rmdir = kzalloc(sizeof(*sb->rmdir), GFP_KERNEL);
	if (!sb->rmdir) {
		cgroup_put(cgrp);
		ret = -ENOMEM;
		goto out;
	}
	sb->cgrp = cgrp;
	sb->cgdir = file->f_path;
	path_get(&sb->cgdir);
out:
	fput(file);
	return ret;
}

void sandbox_cg_put(struct sandbox *sb)
{
	kfree(sb->rmdir);
	path_put(&sb->cgdir);
	cgroup_put(sb->cgrp);
}

static struct file *sandbox_cg_open_at(const struct path *dir,
				       const struct cred *cred,
				       const char *name, int flags)
{
	const struct cred *old = override_creds(cred);
	struct file *file = file_open_root(dir, name, flags, 0);

	revert_creds(old);
	if (IS_ERR(file) && PTR_ERR(file) == -ENOENT)
		return ERR_PTR(-EOPNOTSUPP);	/* controller not enabled */
	return file;
}

struct file *sandbox_cg_open(struct sandbox *sb, const char *name, int flags)
{
	return sandbox_cg_open_at(&sb->cgdir, sb->cred, name, flags);
}

static int sandbox_cg_write_buf(struct file *file, const char *buf, size_t len)
{
	loff_t pos = 0;
	ssize_t ret;

	if (IS_ERR(file))
		return PTR_ERR(file);
	ret = kernel_write(file, buf, len, &pos);
	fput(file);
	return ret < 0 ? ret : 0;
}

static int sandbox_cg_write(struct sandbox *sb, const char *name,
			    const char *fmt, ...)
{
	char buf[64];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	return sandbox_cg_write_buf(sandbox_cg_open(sb, name, O_WRONLY),
				    buf, len);
}

static int sandbox_limits_valid(const struct sandbox_limits *l)
{
	if ((l->flags & SANDBOX_LIMIT_MEMORY) && l->memory_max < SZ_1M)
		return -EINVAL;
	if ((l->flags & SANDBOX_LIMIT_PIDS) &&
	    (l->pids_max < 1 || l->pids_max > INT_MAX))
		return -EINVAL;
	if ((l->flags & SANDBOX_LIMIT_CPU) &&
	    (l->cpu_quota_us < 1000 || l->cpu_period_us < 1000 ||
	     l->cpu_period_us > 1000000))
		return -EINVAL;
	if ((l->flags & SANDBOX_LIMIT_IO_WEIGHT) &&
	    (l->io_weight < 1 || l->io_weight > 10000))
		return -EINVAL;
	return 0;
}

/* Applies each requested limit; those applied are recorded even on error. */
static int sandbox_cg_apply(struct sandbox *sb, const struct sandbox_limits *l)
{
	struct sandbox_limits *cur = &sb->limits;
	int ret;

	if (l->flags & SANDBOX_LIMIT_MEMORY) {
		ret = sandbox_cg_write(sb, "memory.max", "%llu\n",
				       l->memory_max);
		if (ret)
			return ret;
		cur->memory_max = l->memory_max;
		cur->flags |= SANDBOX_LIMIT_MEMORY;
	}
	if (l->flags & SANDBOX_LIMIT_PIDS) {
		ret = sandbox_cg_write(sb, "pids.max", "%llu\n", l->pids_max);
		if (ret)
			return ret;
		cur->pids_max = l->pids_max;
		cur->flags |= SANDBOX_LIMIT_PIDS;
	}
	if (l->flags & SANDBOX_LIMIT_CPU) {
		ret = sandbox_cg_write(sb, "cpu.max", "%u %u\n",
				       l->cpu_quota_us, l->cpu_period_us);
		if (ret)
			return ret;
		cur->cpu_quota_us = l->cpu_quota_us;
		cur->cpu_period_us = l->cpu_period_us;
		cur->flags |= SANDBOX_LIMIT_CPU;
	}
	if (l->flags & SANDBOX_LIMIT_IO_WEIGHT) {
		ret = sandbox_cg_write(sb, "io.weight", "default %u\n",
				       l->io_weight);
		if (ret)
			return ret;
		cur->io_weight = l->io_weight;
		cur->flags |= SANDBOX_LIMIT_IO_WEIGHT;
	}
	return 0;
}

int sandbox_cg_set_limits(struct sandbox *sb, const struct sandbox_limits *l)
{
	int ret = sandbox_limits_valid(l);

	if (ret)
		return ret;
	mutex_lock(&sb->limits_lock);
	ret = sandbox_cg_apply(sb, l);
	mutex_unlock(&sb->limits_lock);
	return ret;
}

/* Signals every process listed in cgroup.procs (pids in our namespace). */
static int sandbox_cg_signal_procs(struct sandbox *sb, int sig)
{
	struct file *file;
	char *buf, *p, *line;
	loff_t pos = 0;
	ssize_t len;
	int nr, ret = 0;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	file = sandbox_cg_open(sb, "cgroup.procs", O_RDONLY);
	if (IS_ERR(file)) {
		kfree(buf);
		return PTR_ERR(file);
	}
	/* Whole lines only: a pid is never split across two reads. */
	while ((len = kernel_read(file, buf, PAGE_SIZE - 1, &pos)) > 0) {
		buf[len] = '\0';
		p = strrchr(buf, '\n');
		if (!p)
			break;
		pos -= buf + len - (p + 1);
		*p = '\0';
		for (p = buf; (line = strsep(&p, "\n"));) {
			if (kstrtoint(line, 10, &nr))
				continue;
			rcu_read_lock();
			kill_pid(find_vpid(nr), sig, 1);
			rcu_read_unlock();
		}
	}
	if (len < 0)
		ret = len;
	fput(file);
	kfree(buf);
	return ret;
}

/*
 * OOM kills under the sandbox's memory limit, as memory.events counts
 * them; from the exit tracepoint, where files cannot be read. 0 when the
 * memory controller is not enabled for the sandbox.
 */
u64 sandbox_cg_oom_kills(struct sandbox *sb)
{
	struct mem_cgroup *memcg;
	u64 kills = 0;

	rcu_read_lock();
	memcg = mem_cgroup_from_css(rcu_dereference(sb->cgrp->subsys[memory_cgrp_id]));
	if (memcg)
		kills = atomic_long_read(&memcg->memory_events[MEMCG_OOM_KILL]);
	rcu_read_unlock();
	return kills;
}

int sandbox_cg_kill(struct sandbox *sb, int sig)
{
	if (sig == SIGKILL)
		return sandbox_cg_write(sb, "cgroup.kill", "1\n");
	return sandbox_cg_signal_procs(sb, sig);
}

static int sandbox_rmdir_once(const struct path *dir)
{
	struct dentry *dentry = dir->dentry;
	struct dentry *parent = dget_parent(dentry);
	int ret;

	ret = mnt_want_write(dir->mnt);
	if (ret)
		goto out;
	inode_lock_nested(d_inode(parent), I_MUTEX_PARENT);
	if (dentry->d_parent == parent && !d_unhashed(dentry) &&
	    d_really_is_positive(dentry))
		ret = vfs_rmdir(SANDBOX_NOP_IDMAP, d_inode(parent), dentry);
	else
		ret = -ENOENT;
	inode_unlock(d_inode(parent));
	mnt_drop_write(dir->mnt);
out:
	dput(parent);
	return ret;
}

static void sandbox_rmdir_work(struct work_struct *work)
{
	struct sandbox_rmdir *rm = container_of(to_delayed_work(work),
						struct sandbox_rmdir, work);
	struct file *kill;
	int ret;

	if (!rm->tries) {
		kill = sandbox_cg_open_at(&rm->dir, rm->cred, "cgroup.kill",
					  O_WRONLY);
		ret = sandbox_cg_write_buf(kill, "1\n", 2);
		/* Removed by its owner, hence empty: nothing to kill. */
		if (ret && !d_unlinked(rm->dir.dentry))
			pr_warn("sandbox: cannot kill cgroup %pd: %d\n",
				rm->dir.dentry, ret);
	}
	ret = sandbox_rmdir_once(&rm->dir);
	if (ret == -EBUSY && ++rm->tries < SANDBOX_RMDIR_TRIES) {
		queue_delayed_work(sandbox_wq, &rm->work,
				   msecs_to_jiffies(SANDBOX_RMDIR_RETRY_MS));
		return;
	}
	if (ret && ret != -ENOENT)
		pr_warn("sandbox: cannot remove cgroup %pd: %d\n",
			rm->dir.dentry, ret);
	path_put(&rm->dir);
	put_cred(rm->cred);
	kfree(rm);
	/* Safe: module exit destroys sandbox_wq, which waits for us. */
	module_put(THIS_MODULE);
}

/*
 * The sandbox is gone: kill what is left in its cgroup and remove the
 * directory once the last task has been reaped. Both happen in the worker:
 * the last close may come from an exiting task, whose namespaces are
 * already gone, and cgroup files cannot be opened from there. Holds a
 * module reference until done, so unload waits for the cleanup.
 */
void sandbox_cg_detach(struct sandbox *sb)
{
	struct sandbox_rmdir *rm = sb->rmdir;

	sb->rmdir = NULL;
	INIT_DELAYED_WORK(&rm->work, sandbox_rmdir_work);
	rm->dir = sb->cgdir;
	path_get(&rm->dir);
	rm->cred = get_cred(sb->cred);
	__module_get(THIS_MODULE);
	queue_delayed_work(sandbox_wq, &rm->work, 0);
	sandbox_cg_put(sb);
}

int sandbox_cg_init(void)
{
	sandbox_wq = alloc_workqueue("sandbox", WQ_UNBOUND, 0);
	return sandbox_wq ? 0 : -ENOMEM;
}

void sandbox_cg_exit(void)
{
	destroy_workqueue(sandbox_wq);
}
