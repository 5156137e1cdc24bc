// SPDX-License-Identifier: GPL-2.0
/*
 * Limit hits, seen from the sandbox's cgroup event files.
 *
 * The memory and pids controllers count how often a limit was reached in
 * memory.events and pids.events and notify pollers of those files on each
 * change (at most once per 10 ms). No tracepoint or exported hook reports
 * it, so we keep both files open and sit on their poll wait queues: a
 * wakeup queues a work item that rereads the counters and reports the
 * ones that grew.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "internal.h"

/* One watched event file and the counters of it that we report. */
struct sandbox_cgfile {
	struct file *file;
	wait_queue_head_t *head;	/* the file's poll queue, or NULL */
	wait_queue_entry_t wait;
	poll_table pt;
	struct sandbox_cgwatch *watch;
	u32 limit;			/* SANDBOX_LIMIT_* */
	u64 max;			/* last "max" count reported */
	u64 oom_kill;			/* last "oom_kill" count reported */
};

enum { SANDBOX_CG_MEMORY, SANDBOX_CG_PIDS, SANDBOX_CG_NR };

struct sandbox_cgwatch {
	struct sandbox *sb;
	struct work_struct work;
	struct sandbox_cgfile files[SANDBOX_CG_NR];
};

static const char *const sandbox_cg_event_files[SANDBOX_CG_NR] = {
	[SANDBOX_CG_MEMORY] = "memory.events",
	[SANDBOX_CG_PIDS] = "pids.events",
};

/* Value of "@key N" in the flat keyed file @buf, or 0. */
static u64 sandbox_cg_key(const char *buf, const char *key)
{
	size_t len = strlen(key);
	const char *p = buf;
	u64 val;

	while (p && *p) {
		if (!strncmp(p, key, len) && p[len] == ' ' &&
		    sscanf(p + len + 1, "%llu", &val) == 1)
			return val;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

static void sandbox_cg_report(struct sandbox *sb, u32 limit, u32 what,
			      u64 *last, u64 now)
{
	if (now <= *last)
		return;
	*last = now;
	sandbox_event_limit_hit(sb, limit, what, now);
}

static void sandbox_cgwatch_work(struct work_struct *work)
{
	struct sandbox_cgwatch *w = container_of(work, struct sandbox_cgwatch,
						 work);
	char buf[256];
	int i;

	for (i = 0; i < SANDBOX_CG_NR; i++) {
		struct sandbox_cgfile *f = &w->files[i];
		loff_t pos = 0;
		ssize_t len;

		if (!f->head)
			continue;
		len = kernel_read(f->file, buf, sizeof(buf) - 1, &pos);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		sandbox_cg_report(w->sb, f->limit, SANDBOX_LIMIT_EVENT_MAX,
				  &f->max, sandbox_cg_key(buf, "max"));
		if (i == SANDBOX_CG_MEMORY)
			sandbox_cg_report(w->sb, f->limit,
					  SANDBOX_LIMIT_EVENT_OOM_KILL,
					  &f->oom_kill,
					  sandbox_cg_key(buf, "oom_kill"));
	}
}

/* Called with the file's wait queue lock held, maybe from hard irq. */
static int sandbox_cgfile_wake(wait_queue_entry_t *wait, unsigned int mode,
			       int sync, void *key)
{
	struct sandbox_cgfile *f = container_of(wait, struct sandbox_cgfile,
						wait);

	schedule_work(&f->watch->work);
	return 0;
}

static void sandbox_cgfile_queue(struct file *file, wait_queue_head_t *head,
				 poll_table *pt)
{
	struct sandbox_cgfile *f = container_of(pt, struct sandbox_cgfile, pt);

	if (f->head)
		return;
	f->head = head;
	init_waitqueue_func_entry(&f->wait, sandbox_cgfile_wake);
	add_wait_queue(head, &f->wait);
}

/*
 * Starts watching one file. A controller that is not enabled for the
 * sandbox has no file: its limit cannot be set either, nothing to watch.
 */
static int sandbox_cgfile_watch(struct sandbox_cgwatch *w, int i)
{
	struct sandbox_cgfile *f = &w->files[i];
	struct file *file;

	file = sandbox_cg_open(w->sb, sandbox_cg_event_files[i], O_RDONLY);
	if (IS_ERR(file))
		return PTR_ERR(file) == -EOPNOTSUPP ? 0 : PTR_ERR(file);
	f->file = file;
	f->watch = w;
	f->limit = i == SANDBOX_CG_MEMORY ? SANDBOX_LIMIT_MEMORY :
					    SANDBOX_LIMIT_PIDS;
	init_poll_funcptr(&f->pt, sandbox_cgfile_queue);
	vfs_poll(file, &f->pt);
	return 0;
}

int sandbox_cgwatch_start(struct sandbox *sb)
{
	struct sandbox_cgwatch *w;
	int i, ret;

	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT);
	if (!w)
		return -ENOMEM;
	w->sb = sb;
	INIT_WORK(&w->work, sandbox_cgwatch_work);
	sb->cgwatch = w;
	for (i = 0; i < SANDBOX_CG_NR; i++) {
		ret = sandbox_cgfile_watch(w, i);
		if (ret) {
			sandbox_cgwatch_stop(sb);
			return ret;
		}
	}
	return 0;
}

/* No wakeup can queue the work once we are off both wait queues. */
void sandbox_cgwatch_stop(struct sandbox *sb)
{
	struct sandbox_cgwatch *w = sb->cgwatch;
	int i;

	if (!w)
		return;
	for (i = 0; i < SANDBOX_CG_NR; i++) {
		if (w->files[i].head)
			remove_wait_queue(w->files[i].head, &w->files[i].wait);
	}
	cancel_work_sync(&w->work);
	for (i = 0; i < SANDBOX_CG_NR; i++) {
		if (w->files[i].file)
			fput(w->files[i].file);
	}
	sb->cgwatch = NULL;
	kfree(w);
}
