// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl run --vm: the monitor, sandbox-vmm, is the command of a
 * container sandbox of kind micro-VM. Its jail is the container path made
 * strict: an empty read-only root, /dev with only kvm, no network, the
 * default seccomp list and Landlock, a memory limit of guest memory plus
 * the monitor's overhead. What the jail cannot reach is opened here and
 * inherited as file descriptors: the monitor's own executable, the
 * kernel, the initrd (generated into a memfd) and /dev/kvm.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "microvm.h"
#include "run.h"
#include "sandboxctl.h"

static const char *const run_vm_devices[] = { "kvm", NULL };

/*
 * A copy in a memfd of the executable at @fd: the jail runs it as
 * /proc/self/fd/N, and a memfd is executable whatever the user and the
 * filesystem of the original.
 */
static int run_vm_memfd_copy(int fd)
{
	struct stat st;
	ssize_t n;
	off_t off = 0;
	int mfd;

	if (fstat(fd, &st))
		return -errno;
	mfd = memfd_create("sandbox-vmm", MFD_CLOEXEC);
	if (mfd < 0)
		return -errno;
	while (off < st.st_size) {
		n = sendfile(mfd, fd, &off, st.st_size - off);
		if (n <= 0) {
			close(mfd);
			return n ? -errno : -EIO;
		}
	}
	return mfd;
}

/* sandbox-vmm beside our own executable, or $SANDBOX_VMM. */
static int run_vm_open_vmm(void)
{
	const char *env = getenv("SANDBOX_VMM");
	char path[PATH_MAX], *slash;
	ssize_t n;
	int fd, mfd;

	if (env && *env) {
		snprintf(path, sizeof(path), "%s", env);
	} else {
		n = readlink("/proc/self/exe", path, sizeof(path) - 16);
		if (n < 0)
			return -errno;
		path[n] = '\0';
		slash = strrchr(path, '/');
		snprintf(slash ? slash + 1 : path,
			 sizeof(path) - (slash ? slash + 1 - path : 0),
			 "sandbox-vmm");
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sbctl_err("%s: %s (the micro-VM monitor)", path,
			  strerror(errno));
		return -1;
	}
	mfd = run_vm_memfd_copy(fd);
	close(fd);
	if (mfd < 0)
		sbctl_err("copy %s: %s", path, strerror(-mfd));
	return mfd < 0 ? -1 : mfd;
}

/* Inherited by the monitor: no O_CLOEXEC. */
static int run_vm_open(const char *what, const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		sbctl_err("%s %s: %s", what, path, strerror(errno));
	return fd;
}

static int run_vm_kernel(struct run_vm *vm)
{
	static char def[128];
	struct utsname u;

	if (!vm->kernel) {
		uname(&u);
		snprintf(def, sizeof(def), "/boot/vmlinuz-%s", u.release);
		vm->kernel = def;
	}
	vm->kernel_fd = run_vm_open("--kernel", vm->kernel, O_RDONLY);
	return vm->kernel_fd < 0 ? -1 : 0;
}

/*
 * The kernel hands what follows "--" on its command line to init as
 * arguments (at most 31 of them); next_arg() keeps a double-quoted
 * argument whole, so only '"' and line ends cannot be passed.
 */
#define RUN_VM_INIT_ARGS	31

static int run_vm_init_args(struct run_vm *vm, char **argv)
{
	size_t len = vm->append ? strlen(vm->append) + 1 : 0;
	int i;
	char *p;

	for (i = 0; argv[i]; i++) {
		if (strpbrk(argv[i], "\"\n") || i == RUN_VM_INIT_ARGS) {
			sbctl_err("--initrd: COMMAND goes to the guest's init on the kernel command line: at most %d arguments, without '\"' or line ends",
				  RUN_VM_INIT_ARGS);
			return -1;
		}
		len += strlen(argv[i]) + 3;
	}
	vm->append_buf = malloc(len + 3);
	if (!vm->append_buf) {
		sbctl_err("%s", strerror(ENOMEM));
		return -1;
	}
	p = vm->append_buf;
	p += sprintf(p, "%s%s--", vm->append ?: "", vm->append ? " " : "");
	for (i = 0; argv[i]; i++)
		p += sprintf(p, " \"%s\"", argv[i]);
	vm->append = vm->append_buf;
	return 0;
}

static int run_vm_initrd(struct run_opts *o)
{
	struct run_vm *vm = &o->vm;
	struct sb_error e = {};

	if (vm->initrd) {
		vm->initrd_fd = run_vm_open("--initrd", vm->initrd, O_RDONLY);
		if (vm->initrd_fd < 0)
			return -1;
		return run_vm_init_args(vm, o->c.argv);
	}
	vm->initrd_fd = memfd_create("sandbox-initramfs", 0);
	if (vm->initrd_fd < 0) {
		sbctl_err("memfd_create: %s", strerror(errno));
		return -1;
	}
	if (sb_vm_initramfs(vm->initrd_fd, o->c.argv, SB_VM_BUSYBOX, &e)) {
		run_lib_err(&e);
		return -1;
	}
	return 0;
}

static int run_vm_check(struct run_opts *o)
{
	struct run_vm *vm = &o->vm;

	if (o->c.rootfs || o->c.nr_mounts || o->c.net != SB_NET_NONE) {
		sbctl_err("--vm: --rootfs, --bind, --ro-bind, --tmpfs and --net host are for containers");
		return -1;
	}
	if (o->limits.flags & SANDBOX_LIMIT_MEMORY)
		vm->mem = o->limits.memory_max;
	if (vm->mem < SB_VM_MEM_MIN || vm->mem > SB_VM_MEM_MAX ||
	    vm->mem % 4096) {
		sbctl_err("--mem: a micro-VM has 16M to 3G of memory, in 4K pages");
		return -1;
	}
	/* The jail: guest memory plus what the monitor itself needs. */
	o->limits.flags |= SANDBOX_LIMIT_MEMORY;
	o->limits.memory_max = vm->mem + SB_VM_OVERHEAD;
	return 0;
}

static char *run_vm_str(struct run_vm *vm, int i, const char *fmt,
			unsigned long long v)
{
	snprintf(vm->strs[i], sizeof(vm->strs[i]), fmt, v);
	return vm->strs[i];
}

static void run_vm_argv(struct run_vm *vm, uint64_t limit)
{
	char **a = vm->argv;

	*a++ = run_vm_str(vm, 0, "/proc/self/fd/%llu", vm->vmm_fd);
	*a++ = "--kernel-fd";
	*a++ = run_vm_str(vm, 1, "%llu", vm->kernel_fd);
	*a++ = "--initrd-fd";
	*a++ = run_vm_str(vm, 2, "%llu", vm->initrd_fd);
	*a++ = "--kvm-fd";
	*a++ = run_vm_str(vm, 3, "%llu", vm->kvm_fd);
	*a++ = "--vcpus";
	*a++ = run_vm_str(vm, 4, "%llu", vm->vcpus);
	*a++ = "--mem";
	*a++ = run_vm_str(vm, 5, "%llu", vm->mem);
	*a++ = "--mem-limit";
	*a++ = run_vm_str(vm, 6, "%llu", limit);
	if (vm->append) {
		*a++ = "--append";
		*a++ = (char *)vm->append;
	}
	*a = NULL;
}

int run_vm_plan(struct run_opts *o)
{
	struct run_vm *vm = &o->vm;
	struct sb_error e = {};

	if (run_vm_check(o))
		return -1;
	vm->kvm_fd = run_vm_open("micro-VM:", "/dev/kvm", O_RDWR);
	if (vm->kvm_fd < 0)
		return -1;
	vm->vmm_fd = run_vm_open_vmm();
	if (vm->vmm_fd < 0 || run_vm_kernel(vm) || run_vm_initrd(o))
		return -1;
	if (sb_vm_root(&e)) {
		run_lib_err(&e);
		return -1;
	}
	run_vm_argv(vm, o->limits.memory_max);
	vm->cmd = o->c.argv;
	o->c.argv = vm->argv;
	o->c.rootfs = strdup(SB_VM_ROOT);
	o->c.devices = run_vm_devices;
	vm->keep[0] = vm->vmm_fd;
	vm->keep[1] = vm->kernel_fd;
	vm->keep[2] = vm->initrd_fd;
	vm->keep[3] = vm->kvm_fd;
	o->c.keep_fds = vm->keep;
	o->c.nr_keep_fds = ARRAY_SIZE(vm->keep);
	return o->c.rootfs ? 0 : -1;
}

void run_vm_close(struct run_vm *vm)
{
	int *fds[] = { &vm->vmm_fd, &vm->kernel_fd, &vm->initrd_fd,
		       &vm->kvm_fd };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fds); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
	free(vm->append_buf);
	vm->append_buf = NULL;
}
