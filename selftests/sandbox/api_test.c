// SPDX-License-Identifier: GPL-2.0
/*
 * The uapi contract of /dev/sandbox: version, capabilities, unknown
 * commands, and the argument rules every struct ioctl shares (exercised
 * through SANDBOX_GET_MODULE_INFO).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "sandbox_util.h"

FIXTURE(dev) {
	int fd;
};

FIXTURE_SETUP(dev)
{
	self->fd = sb_open_raw();
	ASSERT_GE(self->fd, 0) TH_LOG("open %s: %s", SB_DEV,
				      strerror(-self->fd));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
}

TEST_F(dev, api_version_is_constant)
{
	EXPECT_EQ(SANDBOX_API_VERSION,
		  sb_ioctl_raw(self->fd, SANDBOX_GET_API_VERSION, 0));
	/* The argument is ignored. */
	EXPECT_EQ(SANDBOX_API_VERSION,
		  sb_ioctl_raw(self->fd, SANDBOX_GET_API_VERSION, ~0UL));
}

TEST_F(dev, known_capabilities_are_positive)
{
	EXPECT_LT(0, sb_ioctl_raw(self->fd, SANDBOX_CHECK_EXTENSION,
				  SANDBOX_CAP_MODULE_INFO));
}

TEST_F(dev, unknown_capability_is_zero)
{
	static const unsigned long caps[] = {
		0, __SANDBOX_CAP_MAX, 0x7fffffff, 0xffffffff, ~0UL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		EXPECT_EQ(0, sb_ioctl_raw(self->fd, SANDBOX_CHECK_EXTENSION,
					  caps[i])) TH_LOG("cap %#lx", caps[i]);
	}
}

TEST_F(dev, unknown_ioctl_is_enotty)
{
	struct sandbox_module_info info;
	const unsigned long cmds[] = {
		_IO(SANDBOX_TYPE, 0xff),
		_IO(SANDBOX_TYPE, 0x80),
		_IO(SANDBOX_TYPE + 1, SANDBOX_CMD_GET_API_VERSION),
		/* a known nr with a size or direction encoded is not ours */
		_IOR(SANDBOX_TYPE, SANDBOX_CMD_GET_MODULE_INFO,
		     struct sandbox_module_info),
		_IOWR(SANDBOX_TYPE, SANDBOX_CMD_GET_API_VERSION, int),
		0,
	};
	unsigned int i;

	sb_module_info_init(&info);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_EQ(-ENOTTY, sb_ioctl_ptr(self->fd, cmds[i], &info))
			TH_LOG("cmd %#lx", cmds[i]);
	}
}

TEST_F(dev, module_info_reports_version)
{
	struct sandbox_module_info info;
	char version[64], sysfs[64] = "";
	FILE *f;

	sb_module_info_init(&info);
	info.version = (uintptr_t)version;
	info.version_len = sizeof(version);
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO, &info));
	EXPECT_EQ(SANDBOX_API_VERSION, info.api_version);
	EXPECT_EQ(strlen(version) + 1, info.version_len);

	f = fopen("/sys/module/sandbox/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(sysfs, sizeof(sysfs), f));
	fclose(f);
	sysfs[strcspn(sysfs, "\n")] = '\0';
	EXPECT_STREQ(sysfs, version);
}

TEST_F(dev, module_info_truncates_version)
{
	struct sandbox_module_info info;
	char version[2] = "xx";

	sb_module_info_init(&info);
	info.version = (uintptr_t)version;
	info.version_len = sizeof(version);
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO, &info));
	EXPECT_EQ('\0', version[1]);
	EXPECT_LT(2, info.version_len);

	/* A NULL buffer only asks for the length. */
	sb_module_info_init(&info);
	info.version_len = 100;
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO, &info));
	EXPECT_LT(2, info.version_len);
}

TEST_F(dev, size_too_small_is_einval)
{
	static const __u32 sizes[] = {
		0, 4, 8, SANDBOX_MODULE_INFO_SIZE_VER0 - 1,
	};
	struct sandbox_module_info info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		sb_module_info_init(&info);
		info.size = sizes[i];
		EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd,
						SANDBOX_GET_MODULE_INFO, &info))
			TH_LOG("size %u", sizes[i]);
	}
}

/* A struct from a newer tool: the kernel's struct plus a tail. */
struct module_info_next {
	struct sandbox_module_info info;
	__u64 tail[4];
};

TEST_F(dev, larger_with_nonzero_tail_is_e2big)
{
	struct module_info_next next;

	memset(&next, 0, sizeof(next));
	next.info.size = sizeof(next);
	next.tail[3] = 1;
	EXPECT_EQ(-E2BIG, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
				       &next));
}

TEST_F(dev, larger_with_zero_tail_is_accepted)
{
	struct module_info_next next;

	memset(&next, 0, sizeof(next));
	next.info.size = sizeof(next);
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO, &next));
	EXPECT_EQ(SANDBOX_API_VERSION, next.info.api_version);
	/* The kernel never writes past its own struct. */
	EXPECT_EQ(0, next.tail[0]);
}

TEST_F(dev, larger_than_a_page_is_e2big)
{
	long page = sysconf(_SC_PAGESIZE);
	struct sandbox_module_info *info = calloc(2, page);

	ASSERT_NE(NULL, info);
	info->size = page + 8;
	EXPECT_EQ(-E2BIG, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
				       info));
	free(info);
}

TEST_F(dev, unknown_flags_are_einval)
{
	static const __u32 flags[] = { 1, 2, 0x80000000, 0xffffffff };
	struct sandbox_module_info info;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		sb_module_info_init(&info);
		info.flags = flags[i];
		EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd,
						SANDBOX_GET_MODULE_INFO, &info))
			TH_LOG("flags %#x", flags[i]);
	}
}

TEST_F(dev, nonzero_reserved_is_einval)
{
	struct sandbox_module_info info;

	sb_module_info_init(&info);
	info.__reserved = 1;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
					&info));
}

TEST_F(dev, bad_pointers_are_efault)
{
	long page = sysconf(_SC_PAGESIZE);
	struct sandbox_module_info info, *edge;
	char *map;

	EXPECT_EQ(-EFAULT, sb_ioctl_raw(self->fd, SANDBOX_GET_MODULE_INFO, 0));
	EXPECT_EQ(-EFAULT, sb_ioctl_raw(self->fd, SANDBOX_GET_MODULE_INFO, 1));
	EXPECT_EQ(-EFAULT, sb_ioctl_raw(self->fd, SANDBOX_GET_MODULE_INFO,
					~0UL - 7));

	/* A bad pointer inside the struct. */
	sb_module_info_init(&info);
	info.version = 8;
	info.version_len = 16;
	EXPECT_EQ(-EFAULT, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
					&info));

	/* A struct whose declared size runs into an unmapped page. */
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, munmap(map + page, page));
	edge = (void *)(map + page - sizeof(*edge));
	sb_module_info_init(edge);
	edge->size = sizeof(*edge) + 64;
	EXPECT_EQ(-EFAULT, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
					edge));

	/* A read-only struct cannot receive the answer. */
	sb_module_info_init(edge);
	ASSERT_EQ(0, mprotect(map, page, PROT_READ));
	EXPECT_EQ(-EFAULT, sb_ioctl_ptr(self->fd, SANDBOX_GET_MODULE_INFO,
					edge));
	munmap(map, page);
}

TEST_HARNESS_MAIN
