// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/sandbox itself: the node, who may open it, and open/close churn.
 */
#include <dirent.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "sandbox_util.h"

#define NOBODY	65534

static int count_open_fds(void)
{
	struct dirent *d;
	int n = 0;
	DIR *dir;

	dir = opendir("/proc/self/fd");
	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

TEST(node_is_root_only_char_device)
{
	unsigned int major, minor;
	struct stat st;
	FILE *f;

	ASSERT_EQ(0, stat(SB_DEV, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0600, st.st_mode & 07777);
	EXPECT_EQ(0, st.st_uid);
	EXPECT_EQ(0, st.st_gid);

	/* The node is the misc device the module registered. */
	f = fopen("/sys/class/misc/sandbox/dev", "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(2, fscanf(f, "%u:%u", &major, &minor));
	fclose(f);
	EXPECT_EQ(major, major(st.st_rdev));
	EXPECT_EQ(minor, minor(st.st_rdev));
}

TEST(non_root_cannot_open)
{
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
			_exit(2);
		_exit(sb_open_raw() == -EACCES ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * Quick on Debian's kernels; over 30 s on check-debug's, where every
 * open and close goes through KASAN, kmemleak and lockdep. TEST() reads
 * this where it is used.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 300

TEST(open_close_10000_cycles)
{
	int i, fd, first, before;

	before = count_open_fds();
	ASSERT_GT(before, 0);
	first = sb_open_raw();
	ASSERT_GE(first, 0);
	ASSERT_EQ(0, close(first));

	for (i = 0; i < 10000; i++) {
		fd = sb_open_raw();
		ASSERT_EQ(first, fd) TH_LOG("cycle %d", i);
		ASSERT_EQ(SANDBOX_API_VERSION,
			  sb_ioctl_raw(fd, SANDBOX_GET_API_VERSION, 0));
		ASSERT_EQ(0, close(fd));
	}
	EXPECT_EQ(before, count_open_fds());
}

TEST(fd_is_not_seekable)
{
	int fd = sb_open_raw();

	ASSERT_GE(fd, 0);
	EXPECT_EQ(-1, lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(ESPIPE, errno);
	close(fd);
}

TEST_HARNESS_MAIN
