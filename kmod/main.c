// SPDX-License-Identifier: GPL-2.0
/*
 * sandbox.ko: the /dev/sandbox misc device and its ioctl table.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <linux/sandbox.h>

#include "internal.h"

atomic_t sandbox_nr_alive = ATOMIC_INIT(0);

static int sandbox_get_api_version(struct sandbox_ucmd *ucmd)
{
	return SANDBOX_API_VERSION;
}

static int sandbox_check_extension(struct sandbox_ucmd *ucmd)
{
	switch (ucmd->arg) {
	case SANDBOX_CAP_MODULE_INFO:
	case SANDBOX_CAP_CONTAINER:
	case SANDBOX_CAP_NETLINK:
	case SANDBOX_CAP_AUDIT:
	case SANDBOX_CAP_MICROVM:
		return 1;
	default:
		return 0;
	}
}

/* Copy the version string, truncated and NUL-terminated, to @ubuf. */
static int sandbox_copy_version(char __user *ubuf, u32 buflen)
{
	static const char version[] = SANDBOX_VERSION;
	size_t n = min_t(size_t, buflen, sizeof(version)) - 1;

	if (copy_to_user(ubuf, version, n) || put_user('\0', ubuf + n))
		return -EFAULT;
	return 0;
}

static int sandbox_get_module_info(struct sandbox_ucmd *ucmd)
{
	struct sandbox_module_info *info = ucmd->cmd;
	int ret;

	if (info->version && info->version_len) {
		ret = sandbox_copy_version(u64_to_user_ptr(info->version),
					   info->version_len);
		if (ret)
			return ret;
	}
	info->api_version = SANDBOX_API_VERSION;
	info->nr_sandboxes = atomic_read(&sandbox_nr_alive);
	info->version_len = sizeof(SANDBOX_VERSION);
	return sandbox_ucmd_respond(ucmd, sizeof(*info));
}

static const struct sandbox_ioctl_op sandbox_dev_ops[] = {
	[SANDBOX_CMD_GET_API_VERSION] =
		SANDBOX_VALUE_OP(sandbox_get_api_version),
	[SANDBOX_CMD_CHECK_EXTENSION] =
		SANDBOX_VALUE_OP(sandbox_check_extension),
	[SANDBOX_CMD_GET_MODULE_INFO] =
		SANDBOX_STRUCT_OP(sandbox_get_module_info,
				  struct sandbox_module_info,
				  SANDBOX_MODULE_INFO_SIZE_VER0, 0,
				  SANDBOX_RESERVED(struct sandbox_module_info,
						   __reserved)),
	[SANDBOX_CMD_CREATE] =
		SANDBOX_STRUCT_OP(sandbox_create, struct sandbox_create,
				  SANDBOX_CREATE_SIZE_VER0, 0,
				  SANDBOX_RESERVED(struct sandbox_create,
						   __reserved)),
	[SANDBOX_CMD_OPEN] =
		SANDBOX_STRUCT_OP(sandbox_open, struct sandbox_open,
				  SANDBOX_OPEN_SIZE_VER0, 0),
	[SANDBOX_CMD_LIST] =
		SANDBOX_STRUCT_OP(sandbox_list_ids, struct sandbox_list,
				  SANDBOX_LIST_SIZE_VER0, 0,
				  SANDBOX_RESERVED(struct sandbox_list,
						   __reserved)),
};

static long sandbox_dev_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	return sandbox_ucmd_dispatch(sandbox_dev_ops,
				     ARRAY_SIZE(sandbox_dev_ops), SANDBOX_TYPE,
				     0, cmd, arg, NULL);
}

/* A process inside a sandbox never gets to create or inspect sandboxes. */
static int sandbox_dev_open(struct inode *inode, struct file *file)
{
	if (sandbox_current_is_member())
		return -EPERM;
	return nonseekable_open(inode, file);
}

static const struct file_operations sandbox_dev_fops = {
	.owner = THIS_MODULE,
	.open = sandbox_dev_open,
	.unlocked_ioctl = sandbox_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/* Root only by default; udev may delegate with a group (0660). */
static struct miscdevice sandbox_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sandbox",
	.fops = &sandbox_dev_fops,
	.mode = 0600,
};

static void __init sandbox_check_uapi_layout(void)
{
	BUILD_BUG_ON(sizeof(struct sandbox_module_info) !=
		     SANDBOX_MODULE_INFO_SIZE_VER0);
	BUILD_BUG_ON(offsetof(struct sandbox_module_info, version) % 8);
	BUILD_BUG_ON(sizeof(struct sandbox_create) != SANDBOX_CREATE_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct sandbox_create, vcpus) !=
		     SANDBOX_CREATE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct sandbox_start) != SANDBOX_START_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct sandbox_limits) != SANDBOX_LIMITS_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct sandbox_info) != SANDBOX_INFO_SIZE_VER1);
	BUILD_BUG_ON(offsetof(struct sandbox_info, vcpus) !=
		     SANDBOX_INFO_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct sandbox_open) != SANDBOX_OPEN_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct sandbox_list) != SANDBOX_LIST_SIZE_VER0);
}

static int __init sandbox_init(void)
{
	int ret;

	sandbox_check_uapi_layout();
	ret = sandbox_cg_init();
	if (ret)
		return ret;
	ret = sandbox_tasks_init();
	if (ret) {
		pr_err("cannot probe sched_process_exit/exec: %d\n", ret);
		goto err_cg;
	}
	/* Accounting works without it, from tracepoints and cgroup ids. */
	ret = sandbox_kfunc_init();
	if (ret)
		pr_warn("no BPF kfuncs (module BTF missing?): %d\n", ret);
	ret = sandbox_nl_init();
	if (ret) {
		pr_err("cannot register the netlink family: %d\n", ret);
		goto err_exit;
	}
	ret = misc_register(&sandbox_miscdev);
	if (ret) {
		pr_err("cannot register /dev/sandbox: %d\n", ret);
		goto err_nl;
	}
	pr_info("loaded, version %s\n", SANDBOX_VERSION);
	return 0;

err_nl:
	sandbox_nl_exit();
err_exit:
	sandbox_tasks_exit();
err_cg:
	sandbox_cg_exit();
	return ret;
}

static void __exit sandbox_exit(void)
{
	misc_deregister(&sandbox_miscdev);
	sandbox_nl_exit();
	sandbox_tasks_exit();
	sandbox_cg_exit();
}

module_init(sandbox_init);
module_exit(sandbox_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The sandbox authors");
MODULE_DESCRIPTION("Lightweight container and micro-VM sandboxes");
MODULE_VERSION(SANDBOX_VERSION);
