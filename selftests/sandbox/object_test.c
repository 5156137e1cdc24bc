// SPDX-License-Identifier: GPL-2.0
/*
 * Sandbox objects through the raw uapi: creation rules, the init task's
 * exit status, limits, signals, and the lifetime guarantee that closing
 * the last fd kills every member and removes the cgroup.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "cgroup_util.h"

/*
 * A thousand sandboxes one after the other take longer than the harness's
 * 30 s on a busy host's TCG guest; TEST() reads this where it is used.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 300

static int body_exit(void *arg)
{
	return (int)(long)arg;
}

static int body_sleep(void *arg)
{
	int i;

	/* A few members besides the init task. */
	for (i = 0; i < (int)(long)arg; i++) {
		if (fork() == 0) {
			pause();
			_exit(0);
		}
	}
	pause();
	return 0;
}

static int body_open_device(void *arg)
{
	return sb_open_raw() == -EPERM ? 0 : 1;
}

FIXTURE(sb) {
	int dev;
	int cg;
	int fd;
	char name[32];
};

FIXTURE_SETUP(sb)
{
	self->fd = -1;
	self->dev = sb_open_raw();
	ASSERT_GE(self->dev, 0);
	ASSERT_EQ(0, cg_setup_parent());
	snprintf(self->name, sizeof(self->name), "obj-%d", getpid());
	self->cg = cg_create(self->name);
	ASSERT_GE(self->cg, 0);
}

FIXTURE_TEARDOWN(sb)
{
	if (self->fd >= 0)
		close(self->fd);
	close(self->cg);
	cg_wait_gone(self->name, CG_GONE_MS);
	cg_remove(self->name);
	close(self->dev);
}

static void wait_exited(struct __test_metadata *_metadata, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	ASSERT_EQ(1, poll(&p, 1, 5000));
	ASSERT_TRUE(p.revents & POLLIN);
}

TEST_F(sb, create_reports_fresh_ids)
{
	struct sandbox_create arg = {
		.size = sizeof(arg), .kind = SANDBOX_KIND_CONTAINER,
		.cgroup_fd = self->cg, .name = (uintptr_t)self->name,
	};
	struct sandbox_info info;
	char name[SANDBOX_NAME_MAX];
	__u64 first;

	self->fd = sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg);
	ASSERT_GE(self->fd, 0);
	EXPECT_TRUE(fcntl(self->fd, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, name));
	EXPECT_EQ(arg.id, info.id);
	EXPECT_STREQ(self->name, name);
	EXPECT_EQ(SANDBOX_KIND_CONTAINER, info.kind);
	EXPECT_EQ(SANDBOX_STATE_CREATED, info.state);
	EXPECT_EQ(0, info.creator_uid);
	EXPECT_NE(0, info.cgroup_id);
	EXPECT_NE(0, info.created_ns);
	first = arg.id;

	/* Ids are never reused, even for the same name and cgroup. */
	close(self->fd);
	ASSERT_TRUE(cg_wait_gone(self->name, CG_GONE_MS));
	close(self->cg);
	self->cg = cg_create(self->name);
	arg.cgroup_fd = self->cg;
	self->fd = sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg);
	ASSERT_GE(self->fd, 0);
	EXPECT_LT(first, arg.id);
}

TEST_F(sb, create_rejects_bad_arguments)
{
	char long_name[SANDBOX_NAME_MAX + 1];
	struct sandbox_create arg = {
		.size = sizeof(arg), .kind = SANDBOX_KIND_CONTAINER,
		.cgroup_fd = self->cg, .name = (uintptr_t)"ok",
	};
	int file, own;

	arg.kind = 0;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg));
	arg.kind = 99;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg));
	arg.kind = SANDBOX_KIND_CONTAINER;
	arg.flags = 1;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg));
	arg.flags = 0;

	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "", self->cg));
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "a/b", self->cg));
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "a b", self->cg));
	memset(long_name, 'x', SANDBOX_NAME_MAX);
	long_name[SANDBOX_NAME_MAX] = '\0';
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, long_name, self->cg));
	arg.name = 8;
	EXPECT_EQ(-EFAULT, sb_ioctl_ptr(self->dev, SANDBOX_CREATE, &arg));

	EXPECT_EQ(-EBADF, sb_create_raw(self->dev, "ok", -1));
	EXPECT_EQ(-EBADF, sb_create_raw(self->dev, "ok", 1000000));
	file = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "ok", file));
	close(file);
	/* The root cgroup, and a cgroup with tasks (ours), are refused. */
	file = open(CG_ROOT, O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "ok", file));
	close(file);
	own = cg_create("obj-populated");
	ASSERT_GE(own, 0);
	ASSERT_EQ(0, cg_write(CG_PARENT "/obj-populated/cgroup.procs", "0"));
	EXPECT_EQ(-EINVAL, sb_create_raw(self->dev, "ok", own));
	ASSERT_EQ(0, cg_write(CG_ROOT "/cgroup.procs", "0"));
	close(own);
	cg_remove("obj-populated");
}

TEST_F(sb, names_and_cgroups_are_unique)
{
	int cg2 = cg_create("obj-second");

	ASSERT_GE(cg2, 0);
	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	EXPECT_EQ(-EEXIST, sb_create_raw(self->dev, self->name, cg2));
	EXPECT_EQ(-EEXIST, sb_create_raw(self->dev, "other", self->cg));
	close(cg2);
	cg_remove("obj-second");
}

TEST_F(sb, exit_status_and_poll)
{
	struct sandbox_info info;
	struct cg_task t = { .pid = -1, .go = -1 };
	int status;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, cg_spawn(self->cg, &t, body_exit, (void *)3L));

	/* Not exited yet: not readable. */
	struct pollfd p = { .fd = self->fd, .events = POLLIN };

	EXPECT_EQ(0, poll(&p, 1, 0));
	EXPECT_EQ(-ESRCH, sb_start_raw(self->fd, 0x3fffffff));
	EXPECT_EQ(-EINVAL, sb_start_raw(self->fd, getpid()));
	ASSERT_EQ(0, sb_start_raw(self->fd, t.pid));
	EXPECT_EQ(-EBUSY, sb_start_raw(self->fd, t.pid));
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(SANDBOX_STATE_RUNNING, info.state);
	EXPECT_EQ(t.pid, info.init_pid);

	cg_release(&t);
	wait_exited(_metadata, self->fd);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(SANDBOX_STATE_EXITED, info.state);
	ASSERT_EQ(t.pid, waitpid(t.pid, &status, 0));
	EXPECT_EQ(status, info.exit_status);
	EXPECT_TRUE(WIFEXITED(info.exit_status));
	EXPECT_EQ(3, WEXITSTATUS(info.exit_status));
	EXPECT_LE(info.started_ns, info.exited_ns);
}

TEST_F(sb, kill_signals_every_member)
{
	struct sandbox_info info;
	struct cg_task t = { .pid = -1, .go = -1 };
	char procs[256];

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, cg_spawn(self->cg, &t, body_sleep, (void *)3L));
	ASSERT_EQ(0, sb_start_raw(self->fd, t.pid));
	cg_release(&t);
	usleep(200000);

	EXPECT_EQ(-EINVAL, sb_ioctl_raw(self->fd, SANDBOX_KILL, 0));
	EXPECT_EQ(-EINVAL, sb_ioctl_raw(self->fd, SANDBOX_KILL, 1000));
	ASSERT_EQ(0, sb_ioctl_raw(self->fd, SANDBOX_KILL, SIGTERM));
	wait_exited(_metadata, self->fd);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_TRUE(WIFSIGNALED(info.exit_status));
	EXPECT_EQ(SIGTERM, WTERMSIG(info.exit_status));
	waitpid(t.pid, NULL, 0);
	/* The other members got it too: the cgroup empties. */
	usleep(200000);
	snprintf(procs, sizeof(procs), CG_PARENT "/%s/cgroup.procs", self->name);
	char buf[256];

	ASSERT_EQ(0, cg_read(procs, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
}

TEST_F(sb, limits_are_applied_and_reported)
{
	struct sandbox_limits l = {
		.size = sizeof(l),
		.flags = SANDBOX_LIMIT_MEMORY | SANDBOX_LIMIT_PIDS |
			 SANDBOX_LIMIT_CPU,
		.memory_max = 64 << 20, .pids_max = 17,
		.cpu_quota_us = 50000, .cpu_period_us = 100000,
	};
	struct sandbox_info info;
	char path[256], buf[64];

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_SET_LIMITS, &l));

	snprintf(path, sizeof(path), CG_PARENT "/%s/memory.max", self->name);
	ASSERT_EQ(0, cg_read(path, buf, sizeof(buf)));
	EXPECT_STREQ("67108864\n", buf);
	snprintf(path, sizeof(path), CG_PARENT "/%s/pids.max", self->name);
	ASSERT_EQ(0, cg_read(path, buf, sizeof(buf)));
	EXPECT_STREQ("17\n", buf);
	snprintf(path, sizeof(path), CG_PARENT "/%s/cpu.max", self->name);
	ASSERT_EQ(0, cg_read(path, buf, sizeof(buf)));
	EXPECT_STREQ("50000 100000\n", buf);

	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(l.flags, info.limits);
	EXPECT_EQ(64 << 20, info.memory_max);
	EXPECT_EQ(17, info.pids_max);
	EXPECT_EQ(50000, info.cpu_quota_us);
	EXPECT_EQ(100000, info.cpu_period_us);

	/* Out of range, unknown flags: refused, nothing changes. */
	l.flags = SANDBOX_LIMIT_MEMORY;
	l.memory_max = 4096;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd, SANDBOX_SET_LIMITS, &l));
	l.flags = SANDBOX_LIMIT_PIDS;
	l.pids_max = 0;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd, SANDBOX_SET_LIMITS, &l));
	l.flags = 1U << 20;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd, SANDBOX_SET_LIMITS, &l));
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(64 << 20, info.memory_max);
	EXPECT_EQ(17, info.pids_max);
}

TEST_F(sb, members_cannot_open_the_device)
{
	struct cg_task t = { .pid = -1, .go = -1 };
	int status;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, cg_spawn(self->cg, &t, body_open_device, NULL));
	ASSERT_EQ(0, sb_start_raw(self->fd, t.pid));
	cg_release(&t);
	ASSERT_EQ(t.pid, waitpid(t.pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(sb, last_close_kills_members_and_removes_cgroup)
{
	struct cg_task t = { .pid = -1, .go = -1 };
	uint64_t start;
	int status;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, cg_spawn(self->cg, &t, body_sleep, (void *)5L));
	ASSERT_EQ(0, sb_start_raw(self->fd, t.pid));
	cg_release(&t);
	usleep(200000);

	start = now_ms();
	close(self->fd);
	self->fd = -1;
	ASSERT_TRUE(cg_wait_gone(self->name, CG_GONE_MS));
	TH_LOG("cgroup removed %llu ms after close",
	       (unsigned long long)(now_ms() - start));
	ASSERT_EQ(t.pid, waitpid(t.pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
}

TEST_F(sb, owner_killed_kills_sandbox)
{
	struct cg_task t = { .pid = -1, .go = -1 };
	pid_t owner;
	int go[2];
	char c;

	ASSERT_EQ(0, pipe(go));
	owner = fork();
	ASSERT_GE(owner, 0);
	if (owner == 0) {
		int fd = sb_create_raw(self->dev, self->name, self->cg);

		if (fd < 0 || cg_spawn(self->cg, &t, body_sleep, (void *)5L) ||
		    sb_start_raw(fd, t.pid))
			_exit(1);
		cg_release(&t);
		if (write(go[1], "x", 1) != 1)
			_exit(1);
		pause();
	}
	ASSERT_EQ(1, read(go[0], &c, 1));
	usleep(200000);
	ASSERT_TRUE(cg_exists(self->name));
	ASSERT_EQ(0, kill(owner, SIGKILL));
	ASSERT_TRUE(cg_wait_gone(self->name, CG_GONE_MS));
	waitpid(owner, NULL, 0);
	close(go[0]);
	close(go[1]);
}

static int sb_open_by(int dev, __u64 id, const char *name)
{
	struct sandbox_open arg = {
		.size = sizeof(arg), .id = id, .name = (uintptr_t)name,
	};

	return sb_ioctl_ptr(dev, SANDBOX_OPEN, &arg);
}

TEST_F(sb, open_by_name_or_id_shares_the_sandbox)
{
	struct sandbox_info a, b;
	int fd2, fd3;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, sb_info_raw(self->fd, &a, NULL));

	fd2 = sb_open_by(self->dev, 0, self->name);
	ASSERT_GE(fd2, 0);
	EXPECT_TRUE(fcntl(fd2, F_GETFD) & FD_CLOEXEC);
	fd3 = sb_open_by(self->dev, a.id, NULL);
	ASSERT_GE(fd3, 0);
	ASSERT_EQ(0, sb_info_raw(fd2, &b, NULL));
	EXPECT_EQ(a.id, b.id);

	EXPECT_EQ(-ENOENT, sb_open_by(self->dev, 0, "no-such-sandbox"));
	EXPECT_EQ(-ENOENT, sb_open_by(self->dev, a.id + 1000000, NULL));
	EXPECT_EQ(-EINVAL, sb_open_by(self->dev, 0, "bad/name"));

	/* Any fd keeps the sandbox alive; the last one ends it. */
	close(self->fd);
	self->fd = -1;
	close(fd3);
	usleep(100000);
	EXPECT_TRUE(cg_exists(self->name));
	close(fd2);
	EXPECT_TRUE(cg_wait_gone(self->name, CG_GONE_MS));
	EXPECT_EQ(-ENOENT, sb_open_by(self->dev, a.id, NULL));
}

TEST_F(sb, only_the_creator_may_open)
{
	int status;
	pid_t pid;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		__u64 ids[4];
		struct sandbox_list l = {
			.size = sizeof(l), .ids = (uintptr_t)ids, .count = 4,
		};

		/* The device fd is already open: only the uid changes. */
		if (setresuid(65534, 65534, 65534))
			_exit(2);
		if (sb_open_by(self->dev, 0, self->name) != -EPERM)
			_exit(3);
		if (sb_ioctl_ptr(self->dev, SANDBOX_LIST, &l) || l.count)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(sb, list_reports_live_ids)
{
	struct sandbox_list l = { .size = sizeof(l) };
	struct sandbox_info info;
	__u64 ids[64];
	unsigned int i;
	bool found = false;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));

	/* A zero-sized array only counts. */
	ASSERT_EQ(0, sb_ioctl_ptr(self->dev, SANDBOX_LIST, &l));
	EXPECT_LE(1, l.count);
	l.ids = (uintptr_t)ids;
	l.count = 64;
	ASSERT_EQ(0, sb_ioctl_ptr(self->dev, SANDBOX_LIST, &l));
	for (i = 0; i < l.count && i < 64; i++)
		found |= ids[i] == info.id;
	EXPECT_TRUE(found);
	l.ids = 8;
	EXPECT_EQ(-EFAULT, sb_ioctl_ptr(self->dev, SANDBOX_LIST, &l));
}

TEST_F(sb, destroy_kills_and_hangs_up)
{
	struct pollfd p = { .events = POLLIN };
	struct cg_task t = { .pid = -1, .go = -1 };
	int status, fd2;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	fd2 = sb_open_by(self->dev, 0, self->name);
	ASSERT_GE(fd2, 0);
	ASSERT_EQ(0, cg_spawn(self->cg, &t, body_sleep, (void *)2L));
	ASSERT_EQ(0, sb_start_raw(self->fd, t.pid));
	cg_release(&t);
	usleep(100000);

	ASSERT_EQ(0, sb_ioctl_raw(fd2, SANDBOX_DESTROY, 0));
	p.fd = self->fd;
	ASSERT_EQ(1, poll(&p, 1, 5000));
	EXPECT_TRUE(p.revents & POLLHUP);
	ASSERT_EQ(t.pid, waitpid(t.pid, &status, 0));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	EXPECT_EQ(-EBUSY, sb_start_raw(self->fd, getpid()));
	close(fd2);
}

TEST_F(sb, unload_refused_while_a_sandbox_exists)
{
	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	/* Only the sandbox fd holds the module now. */
	close(self->dev);
	self->dev = -1;
	EXPECT_EQ(-1, syscall(SYS_delete_module, "sandbox", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	self->dev = sb_open_raw();
	ASSERT_GE(self->dev, 0);
}

/* Over 300 s on check-debug's kernel: this one test may take 30 min. */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 1800
TEST(sequential_1000_leave_nothing)
{
	struct sandbox_module_info mi;
	char name[32];
	int dev, cg, fd, i;
	struct cg_task t = { .pid = -1, .go = -1 };

	dev = sb_open_raw();
	ASSERT_GE(dev, 0);
	ASSERT_EQ(0, cg_setup_parent());
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "seq-%d", i);
		cg = cg_create(name);
		ASSERT_GE(cg, 0);
		fd = sb_create_raw(dev, name, cg);
		ASSERT_GE(fd, 0) TH_LOG("sandbox %d: %s", i, strerror(-fd));
		ASSERT_EQ(0, cg_spawn(cg, &t, body_exit, NULL));
		ASSERT_EQ(0, sb_start_raw(fd, t.pid));
		cg_release(&t);
		waitpid(t.pid, NULL, 0);
		close(fd);
		close(cg);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "seq-%d", i);
		ASSERT_TRUE(cg_wait_gone(name, CG_GONE_MS)) TH_LOG("%s", name);
	}
	sb_module_info_init(&mi);
	ASSERT_EQ(0, sb_ioctl_ptr(dev, SANDBOX_GET_MODULE_INFO, &mi));
	EXPECT_EQ(0, mi.nr_sandboxes);
	close(dev);
}
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 300

#define CONC_THREADS	8
#define CONC_PER_THREAD	7	/* 56 sandboxes alive at once */

static pthread_barrier_t conc_barrier;

static void *conc_thread(void *arg)
{
	int fds[CONC_PER_THREAD], cgs[CONC_PER_THREAD], dev, i;
	long id = (long)arg, bad = 0;
	char name[32];
	struct cg_task t = { .pid = -1, .go = -1 };

	dev = sb_open_raw();
	for (i = 0; i < CONC_PER_THREAD; i++) {
		snprintf(name, sizeof(name), "conc-%ld-%d", id, i);
		cgs[i] = cg_create(name);
		fds[i] = sb_create_raw(dev, name, cgs[i]);
		if (fds[i] < 0 || cg_spawn(cgs[i], &t, body_sleep, NULL) ||
		    sb_start_raw(fds[i], t.pid)) {
			bad++;
			continue;
		}
		cg_release(&t);
	}
	pthread_barrier_wait(&conc_barrier);
	for (i = 0; i < CONC_PER_THREAD; i++) {
		close(fds[i]);
		close(cgs[i]);
	}
	close(dev);
	return (void *)bad;
}

TEST(concurrent_56_from_8_threads)
{
	pthread_t th[CONC_THREADS];
	struct sandbox_module_info mi;
	char name[32];
	void *bad;
	long i, j;
	int dev;

	ASSERT_EQ(0, cg_setup_parent());
	ASSERT_EQ(0, pthread_barrier_init(&conc_barrier, NULL, CONC_THREADS));
	for (i = 0; i < CONC_THREADS; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, conc_thread,
					    (void *)i));
	for (i = 0; i < CONC_THREADS; i++) {
		ASSERT_EQ(0, pthread_join(th[i], &bad));
		EXPECT_EQ(0, (long)bad);
	}
	for (i = 0; i < CONC_THREADS; i++) {
		for (j = 0; j < CONC_PER_THREAD; j++) {
			snprintf(name, sizeof(name), "conc-%ld-%ld", i, j);
			ASSERT_TRUE(cg_wait_gone(name, CG_GONE_MS)) TH_LOG("%s", name);
		}
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	dev = sb_open_raw();
	sb_module_info_init(&mi);
	ASSERT_EQ(0, sb_ioctl_ptr(dev, SANDBOX_GET_MODULE_INFO, &mi));
	EXPECT_EQ(0, mi.nr_sandboxes);
	close(dev);
}

TEST_HARNESS_MAIN
