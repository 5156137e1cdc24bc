// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: 8 threads create, start, kill, destroy and close sandboxes
 * while the module is asked to unload over and over (which must fail
 * while a sandbox lives, and succeed once all are gone); then many live
 * sandboxes at once, each with a running task, all killed and cleaned.
 *
 * Environment: STRESS_SECONDS (default 3; check-debug sets 60),
 * STRESS_LIVE (live sandboxes at once, default 200; check-debug sets 1000
 * in a 2 GiB guest), SANDBOX_KO (the module file, to load it back).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "fuzz_util.h"
#include "sandbox_util.h"

#define ST_THREADS	8

static atomic_int st_stop;
static atomic_ulong st_cycles, st_errors;

static int st_body_sleep(void *arg)
{
	pause();
	return 0;
}

static int st_body_exit(void *arg)
{
	return 3;
}

/* One sandbox's life: create, maybe start, maybe kill or destroy, close. */
static int st_cycle(int id, unsigned long n, uint64_t *rng)
{
	struct cg_task task = { .pid = -1, .go = -1 };
	char name[48];
	int dev, cg, fd, ret = 0;

	snprintf(name, sizeof(name), "st-%d-%d-%lu", getpid(), id, n);
	dev = sb_open_raw();	/* per cycle: the module may go idle */
	cg = cg_create(name);
	fd = dev >= 0 && cg >= 0 ? sb_create_raw(dev, name, cg) : -1;
	if (fd < 0) {
		ret = -1;
		goto out;
	}
	if (!fz_one_in(rng, 4) &&
	    !cg_spawn(cg, &task, fz_one_in(rng, 2) ? st_body_sleep :
			       st_body_exit, NULL)) {
		if (sb_start_raw(fd, task.pid))
			ret = -1;
		cg_release(&task);
	}
	if (fz_one_in(rng, 2))
		ioctl(fd, SANDBOX_KILL, fz_one_in(rng, 2) ? SIGKILL : SIGTERM);
	else if (fz_one_in(rng, 2))
		ioctl(fd, SANDBOX_DESTROY, 0);
	close(fd);
out:
	if (cg >= 0)
		close(cg);
	if (dev >= 0)
		close(dev);
	if (ret)
		cg_remove(name);
	return ret;
}

static void *st_thread(void *arg)
{
	uint64_t rng = 0x9e3779b97f4a7c15ull * ((long)arg + 1) ^ getpid();
	unsigned long n = 0;

	while (!atomic_load(&st_stop)) {
		if (st_cycle((long)arg, n++, &rng))
			atomic_fetch_add(&st_errors, 1);
		atomic_fetch_add(&st_cycles, 1);
	}
	return NULL;
}

static int st_unload(void)
{
	return syscall(SYS_delete_module, "sandbox", O_NONBLOCK) < 0 ?
	       -errno : 0;
}

static int st_load(const char *ko)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

/* Unload, retried while the last cleanup workers still pin the module. */
static int st_unload_when_idle(int ms)
{
	uint64_t end = now_ms() + ms;
	int ret;

	while ((ret = st_unload()) == -EWOULDBLOCK && now_ms() < end)
		usleep(20000);
	return ret;
}

/* Only for TEST_F_TIMEOUT: these take longer than the default 30 s. */
FIXTURE(st) {
	int unused;
};

FIXTURE_SETUP(st)
{
}

FIXTURE_TEARDOWN(st)
{
}

/*
 * While a sandbox lives the module must refuse to go, whatever the other
 * threads do; once the last one is closed (and its cgroup removed) it
 * must unload, and load again for the tests after us.
 */
TEST_F_TIMEOUT(st, churn_8_threads_while_unloading, 3600)
{
	unsigned long long seconds = env_ull("STRESS_SECONDS", 3);
	const char *ko = getenv("SANDBOX_KO");
	pthread_t th[ST_THREADS];
	unsigned long refused = 0;
	uint64_t end;
	char pin_name[32];
	int dev, cg, pin, ret;
	bool acct;
	long i, before = sb_count();

	if (geteuid() || before < 0)
		SKIP(return, "needs root and /dev/sandbox");
	ASSERT_EQ(0, cg_setup_parent());
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	snprintf(pin_name, sizeof(pin_name), "st-pin-%d", getpid());
	dev = sb_open_raw();
	cg = cg_create(pin_name);
	pin = sb_create_raw(dev, pin_name, cg);
	ASSERT_LE(0, pin);
	close(cg);
	close(dev);

	for (i = 0; i < ST_THREADS; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, st_thread, (void *)i));
	end = now_ms() + seconds * 1000;
	while (now_ms() < end) {
		ret = st_unload();
		ASSERT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY)
			TH_LOG("delete_module with a live sandbox: %d", ret);
		refused++;
		usleep(1000);
	}
	atomic_store(&st_stop, 1);
	for (i = 0; i < ST_THREADS; i++)
		pthread_join(th[i], NULL);
	close(pin);
	printf("# %lu cycles, %lu failed, unload refused %lu times\n",
	       atomic_load(&st_cycles), atomic_load(&st_errors), refused);
	EXPECT_EQ(0, atomic_load(&st_errors));
	EXPECT_EQ(before, sb_wait_count(before, 20000));
	if (before || !ko)
		SKIP(return, "sandboxes of others alive, or no SANDBOX_KO: not unloading");
	/* Cgroups are removed asynchronously; BPF programs pin it too. */
	acct = sb_bpf_release();
	ASSERT_EQ(0, st_unload_when_idle(20000));
	ASSERT_EQ(0, st_load(ko));
	sb_bpf_restore(acct);
	EXPECT_EQ(0, sb_count());
}

/* Every task we start pauses: fork them all, start, then tear down. */
static int st_live_one(int dev, int i, int *fd)
{
	struct cg_task task = { .pid = -1, .go = -1 };
	char name[48];
	int cg, ret = -1;

	snprintf(name, sizeof(name), "live-%d-%d", getpid(), i);
	cg = cg_create(name);
	if (cg < 0)
		return cg;
	*fd = sb_create_raw(dev, name, cg);
	if (*fd >= 0 && !cg_spawn(cg, &task, st_body_sleep, NULL)) {
		ret = sb_start_raw(*fd, task.pid);
		cg_release(&task);
	}
	close(cg);
	return ret;
}

TEST_F_TIMEOUT(st, many_live_sandboxes, 3600)
{
	long n = env_ull("STRESS_LIVE", 200), before = sb_count(), i;
	struct rlimit rl = { 4096 + n, 4096 + n };
	struct sandbox_info info;
	struct sandbox_list l = { .size = sizeof(l) };
	uint64_t start = now_ms();
	int dev, *fds;
	char name[48];

	if (geteuid() || before < 0)
		SKIP(return, "needs root and /dev/sandbox");
	ASSERT_EQ(0, cg_setup_parent());
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl));
	signal(SIGCHLD, SIG_IGN);
	fds = calloc(n, sizeof(*fds));
	ASSERT_NE(NULL, fds);
	dev = sb_open_raw();
	ASSERT_LE(0, dev);
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, st_live_one(dev, i, &fds[i])) TH_LOG("sandbox %ld", i);
	EXPECT_EQ(before + n, sb_count());
	ASSERT_EQ(0, sb_ioctl_ptr(dev, SANDBOX_LIST, &l));
	EXPECT_EQ(before + n, l.count);
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, sb_info_raw(fds[i], &info, NULL));
		EXPECT_EQ(SANDBOX_STATE_RUNNING, info.state) TH_LOG("%ld", i);
	}
	printf("# %ld live sandboxes in %llu ms\n", n,
	       (unsigned long long)(now_ms() - start));
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, sb_ioctl_raw(fds[i], SANDBOX_KILL, SIGKILL));
	for (i = 0; i < n; i++)
		close(fds[i]);
	EXPECT_EQ(before, sb_wait_count(before, 60000));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "live-%d-%ld", getpid(), i);
		EXPECT_TRUE(cg_wait_gone(name, 60000)) TH_LOG("%s", name);
	}
	printf("# all gone after %llu ms\n",
	       (unsigned long long)(now_ms() - start));
	close(dev);
	free(fds);
}

TEST_HARNESS_MAIN
