// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-VM sandboxes through the raw uapi: the kind, the vCPU and guest
 * memory fields appended to struct sandbox_create and struct
 * sandbox_info, and the rules that keep old binaries working.
 */
#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "cgroup_util.h"

FIXTURE(vm) {
	int dev;
	int cg;
	int fd;
	char name[32];
};

FIXTURE_SETUP(vm)
{
	self->fd = -1;
	self->cg = -1;
	self->dev = sb_open_raw();
	ASSERT_GE(self->dev, 0);
	if (ioctl(self->dev, SANDBOX_CHECK_EXTENSION, SANDBOX_CAP_MICROVM) <= 0)
		SKIP(return, "no SANDBOX_CAP_MICROVM");
	ASSERT_EQ(0, cg_setup_parent());
	snprintf(self->name, sizeof(self->name), "vmapi-%d", getpid());
	self->cg = cg_create(self->name);
	ASSERT_GE(self->cg, 0);
}

FIXTURE_TEARDOWN(vm)
{
	if (self->fd >= 0)
		close(self->fd);
	if (self->cg >= 0)
		close(self->cg);
	cg_wait_gone(self->name, CG_GONE_MS);
	cg_remove(self->name);
	close(self->dev);
}

static long create(int dev, int cg, const char *name, __u32 size, __u32 kind,
		   __u32 vcpus, __u64 mem)
{
	struct sandbox_create c = {
		.size = size, .kind = kind, .cgroup_fd = cg,
		.name = (uintptr_t)name, .vcpus = vcpus, .guest_mem = mem,
	};

	return sb_ioctl_ptr(dev, SANDBOX_CREATE, &c);
}

TEST_F(vm, create_checks_the_guest_fields)
{
	const __u32 v1 = SANDBOX_CREATE_SIZE_VER1;

	/* A micro-VM needs both fields, a container neither. */
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name,
				  SANDBOX_CREATE_SIZE_VER0,
				  SANDBOX_KIND_MICROVM, 1, 1 << 20));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_MICROVM, 0, 1 << 20));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_MICROVM, 1, 0));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_MICROVM, 1, 4097));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_MICROVM,
				  SANDBOX_MICROVM_VCPUS_MAX + 1, 1 << 20));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_CONTAINER, 1, 0));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1,
				  SANDBOX_KIND_CONTAINER, 0, 1 << 20));
	EXPECT_EQ(-EINVAL, create(self->dev, self->cg, self->name, v1, 3, 1,
				  1 << 20));
}

TEST_F(vm, info_reports_kind_vcpus_and_memory)
{
	struct sandbox_info info;

	self->fd = create(self->dev, self->cg, self->name,
			  SANDBOX_CREATE_SIZE_VER1, SANDBOX_KIND_MICROVM, 4,
			  256 << 20);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(SANDBOX_KIND_MICROVM, info.kind);
	EXPECT_EQ(4, info.vcpus);
	EXPECT_EQ(256 << 20, info.guest_mem);

	/* An old binary's struct: served, and nothing written past it. */
	memset(&info, 0xaa, sizeof(info));
	info.size = SANDBOX_INFO_SIZE_VER0;
	info.flags = 0;
	info.name = 0;
	info.__reserved = 0;
	ASSERT_EQ(0, sb_ioctl_ptr(self->fd, SANDBOX_GET_INFO, &info));
	EXPECT_EQ(SANDBOX_KIND_MICROVM, info.kind);
	EXPECT_EQ(0xaaaaaaaa, info.vcpus);

	/* The new reserved field must be zero. */
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.__reserved2 = 1;
	EXPECT_EQ(-EINVAL, sb_ioctl_ptr(self->fd, SANDBOX_GET_INFO, &info));
}

TEST_F(vm, a_container_reports_no_guest)
{
	struct sandbox_info info;

	self->fd = sb_create_raw(self->dev, self->name, self->cg);
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, sb_info_raw(self->fd, &info, NULL));
	EXPECT_EQ(SANDBOX_KIND_CONTAINER, info.kind);
	EXPECT_EQ(0, info.vcpus);
	EXPECT_EQ(0, info.guest_mem);
}

TEST_HARNESS_MAIN
