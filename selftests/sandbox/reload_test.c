// SPDX-License-Identifier: GPL-2.0
/*
 * Unload and reload sandbox.ko: the device comes and goes with the module,
 * and the memory the module loader holds for it does not grow cycle by
 * cycle.
 *
 * SANDBOX_KO names the module file (the runner sets it); the test needs
 * the module loaded and unused when it starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "kselftest_harness.h"
#include "sandbox_util.h"

#define RELOAD_CYCLES	20

static int load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0);
	ret = ret < 0 ? -errno : 0;
	close(fd);
	return ret;
}

static int unload_module(void)
{
	return syscall(SYS_delete_module, "sandbox", O_NONBLOCK) < 0 ?
	       -errno : 0;
}

/*
 * The first unload: earlier tests' sandboxes may still be on their way
 * out (their cgroups are removed asynchronously, each holding the module
 * until then), so wait up to 60 s for the module to be idle.
 */
static int unload_module_when_idle(void)
{
	int ret, i;

	for (i = 0; i < 3000; i++) {
		ret = unload_module();
		if (ret != -EWOULDBLOCK)
			break;
		usleep(20000);
	}
	return ret;
}

/*
 * Bytes of vmalloc space held by the module loader: module text, data and
 * their rounding. "module" covers module_alloc (6.1), "execmem" 6.12.
 * Not ours alone: BPF JIT images and trampolines come from there too, and
 * earlier tests' programs are freed (and a few new ones made) while this
 * test runs, a few pages either way.
 */
static long module_vmalloc_bytes(void)
{
	char line[512], caller[256];
	unsigned long size;
	long total = 0;
	FILE *f;

	f = fopen("/proc/vmallocinfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %lu %255s", &size, caller) != 2)
			continue;
		if (strstr(caller, "module") || strstr(caller, "execmem"))
			total += size;
	}
	fclose(f);
	return total;
}

static bool path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * Up to 60 s for the first unload, then 20 loads; on check-debug's
 * kernel a load takes seconds and reloading the accounting programs
 * minutes. TEST() reads this where it is used.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 900

TEST(unload_reload_20_cycles)
{
	bool acct;
	const char *ko = getenv("SANDBOX_KO");
	long baseline, now;
	int i, fd;

	if (!ko || !path_exists(ko))
		SKIP(return, "SANDBOX_KO does not name the module file");
	ASSERT_TRUE(path_exists("/sys/module/sandbox"))
		TH_LOG("sandbox.ko must be loaded before this test");
	acct = sb_bpf_release();

	baseline = module_vmalloc_bytes();
	ASSERT_GT(baseline, 0);

	for (i = 0; i < RELOAD_CYCLES; i++) {
		ASSERT_EQ(0, i ? unload_module() : unload_module_when_idle())
			TH_LOG("cycle %d", i);
		ASSERT_FALSE(path_exists("/sys/module/sandbox"));
		ASSERT_FALSE(path_exists("/sys/class/misc/sandbox"));
		ASSERT_EQ(-ENOENT, sb_open_raw());

		ASSERT_EQ(0, load_module(ko)) TH_LOG("cycle %d", i);
		fd = sb_open_raw();
		ASSERT_GE(fd, 0) TH_LOG("cycle %d: %s", i, strerror(-fd));
		EXPECT_EQ(SANDBOX_API_VERSION,
			  sb_ioctl_raw(fd, SANDBOX_GET_API_VERSION, 0));
		close(fd);
	}

	/*
	 * Anything the loader kept of each cycle would add at least a page
	 * per cycle; the others' few pages stay under that. The last load's
	 * init sections are freed by a deferred worker: wait for it.
	 */
	for (i = 0; i < 100; i++) {
		now = module_vmalloc_bytes();
		if (now - baseline < RELOAD_CYCLES * getpagesize())
			break;
		usleep(20000);
	}
	EXPECT_LT(now - baseline, RELOAD_CYCLES * getpagesize())
		TH_LOG("%ld bytes more after %d cycles", now - baseline,
		       RELOAD_CYCLES);
	sb_bpf_restore(acct);
}

TEST(unload_refused_while_device_open)
{
	const char *ko = getenv("SANDBOX_KO");
	int fd;

	if (!ko || !path_exists(ko))
		SKIP(return, "SANDBOX_KO does not name the module file");
	fd = sb_open_raw();
	ASSERT_GE(fd, 0);
	EXPECT_EQ(-EWOULDBLOCK, unload_module());
	close(fd);
	EXPECT_TRUE(path_exists("/sys/module/sandbox"));
}

TEST_HARNESS_MAIN
