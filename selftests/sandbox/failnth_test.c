// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection: every ioctl and netlink command of the module, and the
 * last close (with a micro-VM's create and netlink replies, which carry
 * more), runs under /proc/thread-self/fail-nth for n = 1, 2, ... until
 * it runs without an injected failure (then it must succeed).  The n-th
 * allocation (failslab, fail_page_alloc) or user copy (fail_usercopy) of
 * the call fails.  A call that saw a failure must return an error and
 * leave nothing behind, or succeed with a state that checks out: some
 * allocations (an event's message, an audit record) may fail silently.
 * At the end no sandbox and no cgroup of ours is left; on the debug kernel
 * check-debug's kmemleak scan then finds nothing either.
 *
 * Needs CONFIG_FAULT_INJECTION and CONFIG_FAILSLAB (debugfs): Debian's
 * kernels have neither, so this skips there and runs in make check-debug,
 * where FAILNTH_REQUIRED=1 turns the skip into a failure.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>

#include "kselftest_harness.h"
#include "fuzz_util.h"
#include "genl_util.h"

#define FAIL_DBG	"/sys/kernel/debug"
#define FN_MAX_N	5000

struct fn_ctx {
	int dev;
	int cg;
	int fd;
	int nl;
	int owned;		/* a sandbox took the cgroup: it removes it */
	uint16_t family;
	char name[32];
	struct cg_task task;
	struct sandbox_info info;
	char buf[GENL_BUF];
};

/* One operation: set up, the call under injection, its checks. */
struct fn_op {
	const char *name;
	int need;		/* FN_* below: what prepare must make */
	long (*run)(struct fn_ctx *c);
	/* 0 if the state after a call that returned @ret is sound */
	int (*check)(struct fn_ctx *c, long ret);
};

#define FN_SANDBOX	1	/* a created sandbox */
#define FN_TASK		2	/* and a task in its cgroup, not started */
#define FN_STARTED	4	/* and started */
#define FN_NL		8	/* a netlink socket */
#define FN_MICROVM	16	/* the sandbox is a micro-VM */

/* The guest of the micro-VMs made here. */
#define FN_VM_VCPUS	2
#define FN_VM_MEM	(64ull << 20)

static int fn_seq;
static long fn_before;	/* sandboxes alive before the test */

static int fn_write(const char *path, const char *val)
{
	return cg_write(path, val);
}

/* Injection only through fail-nth, quietly (no stack trace per fault). */
static int fn_setup_knobs(void)
{
	static const char * const quiet[] = {
		FAIL_DBG "/failslab/verbose",
		FAIL_DBG "/fail_page_alloc/verbose",
		FAIL_DBG "/fail_usercopy/verbose",
	};
	unsigned int i;

	if (fn_write(FAIL_DBG "/failslab/ignore-gfp-wait", "N"))
		return -1;
	fn_write(FAIL_DBG "/fail_page_alloc/ignore-gfp-wait", "N");
	for (i = 0; i < ARRAY_SIZE(quiet); i++)
		fn_write(quiet[i], "0");
	return 0;
}

/* Arms fail-nth for the calling thread: its @n-th fault point fails. */
static int fn_arm(int nth, unsigned int n)
{
	char v[16];
	int len = snprintf(v, sizeof(v), "%u", n);

	return pwrite(nth, v, len, 0) == len ? 0 : -errno;
}

/*
 * Disarms; returns 1 if the armed failure was consumed by the call.  The
 * read and the write are fault points themselves (user copies): a failed
 * read means the counter was still armed, so nothing was injected.
 */
static int fn_disarm(int nth)
{
	char v[16] = "";
	ssize_t n = pread(nth, v, sizeof(v) - 1, 0);
	int injected = n > 0 && atoi(v) == 0;

	pwrite(nth, "0", 1, 0);
	pwrite(nth, "0", 1, 0);
	return injected;
}

static long fn_info(struct fn_ctx *c)
{
	char name[SANDBOX_NAME_MAX];

	return sb_info_raw(c->fd, &c->info, name);
}

static int fn_body_sleep(void *arg)
{
	pause();
	return 0;
}

/* What the operation needs, made without injection. */
static int fn_prepare(struct fn_ctx *c, int need)
{
	char cgname[48];

	snprintf(c->name, sizeof(c->name), "fn-%d-%d", getpid(), fn_seq++);
	snprintf(cgname, sizeof(cgname), "%s", c->name);
	c->cg = cg_create(cgname);
	if (c->cg < 0)
		return c->cg;
	if (need & FN_NL) {
		struct timeval tv = { .tv_sec = 2 };

		c->nl = genl_socket(0);
		if (c->nl < 0 || setsockopt(c->nl, SOL_SOCKET, SO_RCVTIMEO,
					    &tv, sizeof(tv)))
			return -1;
	}
	if (!(need & FN_SANDBOX))
		return 0;
	if (need & FN_MICROVM)
		c->fd = sb_create_microvm_raw(c->dev, c->name, c->cg,
					      FN_VM_VCPUS, FN_VM_MEM);
	else
		c->fd = sb_create_raw(c->dev, c->name, c->cg);
	if (c->fd < 0)
		return c->fd;
	c->owned = 1;
	if (need & (FN_TASK | FN_STARTED)) {
		if (cg_spawn(c->cg, &c->task, fn_body_sleep, NULL))
			return -1;
		cg_release(&c->task);
	}
	if ((need & FN_STARTED) && sb_start_raw(c->fd, c->task.pid))
		return -1;
	return fn_info(c);
}

/* Closes what is left; the module removes the cgroup, or we do. */
static void fn_cleanup(struct fn_ctx *c)
{
	if (c->fd >= 0)
		close(c->fd);
	if (c->cg >= 0)
		close(c->cg);
	if (c->nl >= 0)
		close(c->nl);
	c->fd = c->cg = c->nl = -1;
	if (c->task.pid > 0) {
		kill(c->task.pid, SIGKILL);
		waitpid(c->task.pid, NULL, 0);
		c->task.pid = -1;
	}
	if (!c->owned || !cg_wait_gone(c->name, CG_GONE_MS))
		cg_remove(c->name);
}

static long run_module_info(struct fn_ctx *c)
{
	struct sandbox_module_info mi;

	sb_module_info_init(&mi);
	mi.version = (uintptr_t)c->buf;
	mi.version_len = 64;
	return sb_ioctl_ptr(c->dev, SANDBOX_GET_MODULE_INFO, &mi);
}

static long run_create(struct fn_ctx *c)
{
	c->fd = sb_create_raw(c->dev, c->name, c->cg);
	c->owned = c->fd >= 0;
	return c->fd;
}

/* A micro-VM's create also records its guest, and its event says so. */
static long run_create_microvm(struct fn_ctx *c)
{
	c->fd = sb_create_microvm_raw(c->dev, c->name, c->cg, FN_VM_VCPUS,
				      FN_VM_MEM);
	c->owned = c->fd >= 0;
	return c->fd;
}

/* A failed CREATE leaves no sandbox and the caller's cgroup in place. */
static int check_create(struct fn_ctx *c, long ret)
{
	if (ret < 0)
		return sb_count() != fn_before || !cg_exists(c->name);
	return fn_info(c) || c->info.state != SANDBOX_STATE_CREATED;
}

static int check_create_microvm(struct fn_ctx *c, long ret)
{
	if (check_create(c, ret))
		return 1;
	return ret >= 0 && (c->info.kind != SANDBOX_KIND_MICROVM ||
			    c->info.vcpus != FN_VM_VCPUS ||
			    c->info.guest_mem != FN_VM_MEM);
}

static long run_open(struct fn_ctx *c, int by_name)
{
	struct sandbox_open o = { .size = sizeof(o) };

	if (by_name)
		o.name = (uintptr_t)c->name;
	else
		o.id = c->info.id;
	return sb_ioctl_ptr(c->dev, SANDBOX_OPEN, &o);
}

static long run_open_id(struct fn_ctx *c)
{
	return run_open(c, 0);
}

static long run_open_name(struct fn_ctx *c)
{
	return run_open(c, 1);
}

/* A new fd must be of the same sandbox. */
static int check_open(struct fn_ctx *c, long ret)
{
	struct sandbox_info info;
	__u64 id = c->info.id;
	int bad;

	if (ret < 0)
		return 0;
	bad = sb_info_raw(ret, &info, NULL) || info.id != id;
	close(ret);
	return bad;
}

static long run_list(struct fn_ctx *c)
{
	struct sandbox_list l = {
		.size = sizeof(l), .ids = (uintptr_t)c->buf, .count = 16,
	};
	long ret = sb_ioctl_ptr(c->dev, SANDBOX_LIST, &l);

	return ret ? ret : l.count;
}

static int check_list(struct fn_ctx *c, long ret)
{
	return ret >= 0 && ret != 1;
}

static long run_start(struct fn_ctx *c)
{
	return sb_start_raw(c->fd, c->task.pid);
}

/* Started, or still startable: never half of it. */
static int check_start(struct fn_ctx *c, long ret)
{
	if (fn_info(c))
		return 1;
	if (ret < 0)
		return c->info.state != SANDBOX_STATE_CREATED ||
		       run_start(c) != 0;
	return c->info.state == SANDBOX_STATE_CREATED;
}

static long run_set_limits(struct fn_ctx *c)
{
	struct sandbox_limits l = {
		.size = sizeof(l), .flags = SANDBOX_LIMIT_MEMORY |
		SANDBOX_LIMIT_PIDS | SANDBOX_LIMIT_CPU,
		.memory_max = 64 << 20, .pids_max = 32,
		.cpu_quota_us = 50000, .cpu_period_us = 100000,
	};

	return sb_ioctl_ptr(c->fd, SANDBOX_SET_LIMITS, &l);
}

/* Limits reported are limits applied: none unless all were. */
static int check_set_limits(struct fn_ctx *c, long ret)
{
	if (fn_info(c))
		return 1;
	if (ret >= 0)
		return c->info.limits != (SANDBOX_LIMIT_MEMORY |
					  SANDBOX_LIMIT_PIDS | SANDBOX_LIMIT_CPU);
	return 0;
}

static long run_kill_term(struct fn_ctx *c)
{
	return sb_ioctl_raw(c->fd, SANDBOX_KILL, SIGTERM);
}

static long run_kill_kill(struct fn_ctx *c)
{
	return sb_ioctl_raw(c->fd, SANDBOX_KILL, SIGKILL);
}

static long run_get_info(struct fn_ctx *c)
{
	return fn_info(c);
}

static int check_get_info(struct fn_ctx *c, long ret)
{
	return ret >= 0 && c->info.state != SANDBOX_STATE_RUNNING;
}

static long run_destroy(struct fn_ctx *c)
{
	return sb_ioctl_raw(c->fd, SANDBOX_DESTROY, 0);
}

/* The last close cannot fail: the sandbox and its cgroup must go. */
static long run_close(struct fn_ctx *c)
{
	long ret = close(c->fd);

	c->fd = -1;
	return ret;
}

static int check_close(struct fn_ctx *c, long ret)
{
	return ret != 0 || sb_wait_count(fn_before, 2000) != fn_before ||
	       !cg_wait_gone(c->name, CG_GONE_MS);
}

static int check_none(struct fn_ctx *c, long ret)
{
	return 0;
}

/*
 * A reply to our GET: 0 if it names our sandbox (a dump: until DONE),
 * the error netlink reported, or -1000 for an answer without it.
 */
static long fn_nl_reply(struct fn_ctx *c, int dump)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct nlmsghdr *nlh;
	int n, found = 0;

	for (;;) {
		n = genl_recv(c->nl, c->buf);
		if (n < 0)
			return n;
		for (nlh = (void *)c->buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return genl_error(nlh) ?: -1000;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return found ? 0 : -1000;
			genl_parse(nlh, tb, SANDBOX_A_MAX);
			if (tb[SANDBOX_A_ID] &&
			    genl_u64(tb[SANDBOX_A_ID]) == c->info.id)
				found = 1;
			if (!dump)
				return found ? 0 : -1000;
		}
	}
}

static long run_nl(struct fn_ctx *c, int how)
{
	struct nlmsghdr *nlh;
	__u64 id = c->info.id;
	long ret;

	nlh = genl_start(c->buf, c->family, how == 2 ? NLM_F_DUMP : 0,
			 SANDBOX_NL_CMD_GET);
	if (how == 0)
		genl_put(nlh, SANDBOX_A_ID, &id, sizeof(id));
	else if (how == 1)
		genl_put(nlh, SANDBOX_A_NAME, c->name, strlen(c->name) + 1);
	ret = genl_send(c->nl, nlh);
	return ret ? ret : fn_nl_reply(c, how == 2);
}

static long run_nl_get_id(struct fn_ctx *c)
{
	return run_nl(c, 0);
}

static long run_nl_get_name(struct fn_ctx *c)
{
	return run_nl(c, 1);
}

static long run_nl_dump(struct fn_ctx *c)
{
	return run_nl(c, 2);
}

static int check_nl(struct fn_ctx *c, long ret)
{
	return ret == -1000;
}

static const struct fn_op fn_ops[] = {
	{ "GET_MODULE_INFO", 0, run_module_info, check_none },
	{ "CREATE", 0, run_create, check_create },
	{ "OPEN by id", FN_SANDBOX, run_open_id, check_open },
	{ "OPEN by name", FN_SANDBOX, run_open_name, check_open },
	{ "LIST", FN_SANDBOX, run_list, check_list },
	{ "START", FN_SANDBOX | FN_TASK, run_start, check_start },
	{ "SET_LIMITS", FN_SANDBOX, run_set_limits, check_set_limits },
	{ "KILL SIGTERM", FN_SANDBOX | FN_STARTED, run_kill_term, check_none },
	{ "KILL SIGKILL", FN_SANDBOX | FN_STARTED, run_kill_kill, check_none },
	{ "GET_INFO", FN_SANDBOX | FN_STARTED, run_get_info, check_get_info },
	{ "DESTROY", FN_SANDBOX | FN_STARTED, run_destroy, check_none },
	{ "last close", FN_SANDBOX | FN_STARTED, run_close, check_close },
	{ "netlink GET id", FN_SANDBOX | FN_NL, run_nl_get_id, check_nl },
	{ "netlink GET name", FN_SANDBOX | FN_NL, run_nl_get_name, check_nl },
	{ "netlink GET dump", FN_SANDBOX | FN_NL, run_nl_dump, check_nl },
	/* a micro-VM's replies and events carry two more attributes */
	{ "CREATE micro-VM", 0, run_create_microvm, check_create_microvm },
	{ "netlink GET micro-VM", FN_SANDBOX | FN_MICROVM | FN_NL,
	  run_nl_get_id, check_nl },
	{ "netlink GET dump micro-VM", FN_SANDBOX | FN_MICROVM | FN_NL,
	  run_nl_dump, check_nl },
};

/* Errors an injected allocation or copy failure may turn into. */
static int fn_errno_ok(long err)
{
	return err == -ENOMEM || err == -EFAULT || err == -ENOBUFS ||
	       err == -EAGAIN;
}

/*
 * Runs @op under fail-nth for n = 1, 2, ... until a run sees no injected
 * failure; returns the number of fault points found, or -1.
 */
static int fn_run_op(struct __test_metadata *_metadata, struct fn_ctx *c,
		     const struct fn_op *op, int nth)
{
	int n, injected, bad;
	long ret;

	for (n = 1; n <= FN_MAX_N; n++) {
		c->fd = c->cg = c->nl = -1;
		c->task.pid = -1;
		c->owned = 0;
		EXPECT_EQ(0, fn_prepare(c, op->need)) TH_LOG("%s", op->name);
		if (fn_arm(nth, n))
			return -1;
		ret = op->run(c);
		injected = fn_disarm(nth);
		bad = op->check(c, ret);
		fn_cleanup(c);
		EXPECT_FALSE(bad)
			TH_LOG("%s: fault %d: returned %ld, bad state after",
			       op->name, n, ret);
		EXPECT_TRUE(!injected || ret >= 0 || fn_errno_ok(ret))
			TH_LOG("%s: fault %d: unexpected error %ld",
			       op->name, n, ret);
		if (!injected) {
			EXPECT_LE(0, ret) TH_LOG("%s: no fault, yet %ld",
						 op->name, ret);
			return n - 1;
		}
	}
	return -1;
}

FIXTURE(fn) {
	int nth;
	struct fn_ctx c;
};

FIXTURE_SETUP(fn)
{
	self->nth = -1;
	if (geteuid())
		SKIP(return, "needs root");
	fn_before = sb_count();
	if (fn_before < 0)
		SKIP(return, "no /dev/sandbox: %s", strerror(-fn_before));
	self->nth = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (self->nth < 0 || fn_setup_knobs()) {
		/* check-debug's kernel has them: there a skip is a failure */
		ASSERT_EQ(0, env_ull("FAILNTH_REQUIRED", 0))
			TH_LOG("no fail-nth or failslab in this kernel");
		SKIP(return, "no fail-nth or failslab (CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB)");
	}
	ASSERT_EQ(0, cg_setup_parent());
	self->c.dev = sb_open_raw();
	ASSERT_LE(0, self->c.dev);
	self->c.family = genl_family_id();
}

FIXTURE_TEARDOWN(fn)
{
	if (self->nth >= 0)
		close(self->nth);
}

TEST_F_TIMEOUT(fn, every_call_until_it_succeeds, 3600)
{
	unsigned int i;
	int n;

	/* Tasks of the sandboxes are reaped in fn_cleanup(). */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < ARRAY_SIZE(fn_ops); i++) {
		if ((fn_ops[i].need & FN_NL) && !self->c.family)
			continue;
		n = fn_run_op(_metadata, &self->c, &fn_ops[i], self->nth);
		EXPECT_LE(0, n) TH_LOG("%s never ran without a fault",
				       fn_ops[i].name);
		printf("# %s: %d fault points, each failed cleanly\n",
		       fn_ops[i].name, n);
	}
	EXPECT_EQ(fn_before, sb_wait_count(fn_before, 5000));
}

TEST_HARNESS_MAIN
