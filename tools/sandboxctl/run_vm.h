/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandboxctl run --vm: the micro-VM options, and the plan that turns them
 * into a jailed sandbox-vmm.
 */
#ifndef _SANDBOXCTL_RUN_VM_H
#define _SANDBOXCTL_RUN_VM_H

#include <stdbool.h>
#include <stdint.h>

#define RUN_VM_MAX_ARGS		24

/**
 * struct run_vm - a micro-VM sandbox
 * @on: --vm was given
 * @kernel: --kernel, or NULL for the running kernel's /boot/vmlinuz
 * @initrd: --initrd, or NULL for the generated one
 * @append: --append, or NULL
 * @vcpus: --vcpus
 * @mem: guest memory (--mem)
 * @vmm_fd: the monitor's executable, run as /proc/self/fd/N in the jail
 * @kernel_fd: the kernel image
 * @initrd_fd: the initrd (a memfd when generated)
 * @kvm_fd: /dev/kvm, opened here: the jail's uid has no access to it
 * @keep: the four fds above, which the jail inherits
 * @cmd: the user's COMMAND (in the caller's argv)
 * @argv: the monitor's command line
 * @strs: storage for the numbers in @argv
 */
struct run_vm {
	bool on;
	const char *kernel;
	const char *initrd;
	const char *append;
	char *append_buf;
	unsigned int vcpus;
	uint64_t mem;
	int vmm_fd;
	int kernel_fd;
	int initrd_fd;
	int kvm_fd;
	int keep[4];
	char **cmd;
	char *argv[RUN_VM_MAX_ARGS];
	char strs[8][64];
};

struct run_opts;

/*
 * After the options are parsed: checks them, opens what the jail cannot
 * reach, builds the initramfs and rewrites @o's container plan to run the
 * monitor. Reports what is wrong and returns -1, or 0.
 */
int run_vm_plan(struct run_opts *o);
void run_vm_close(struct run_vm *vm);

#endif /* _SANDBOXCTL_RUN_VM_H */
