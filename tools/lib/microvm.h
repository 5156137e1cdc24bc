/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `sandboxctl` and sandbox-vmm agree on for micro-VM sandboxes: the
 * jail's memory budget, its root, and the initramfs that runs a command
 * in the guest and hands its exit status back.
 */
#ifndef _LIBSANDBOX_MICROVM_H
#define _LIBSANDBOX_MICROVM_H

#include "sberror.h"

/*
 * Memory the monitor needs besides guest memory, and so what the jail's
 * cgroup allows on top of it: the monitor's text, stacks and heap (about
 * 2 MiB), the kernel image while it is loaded (up to 60 MiB of
 * decompressed vmlinux for the PVH entry; freed before the guest runs),
 * and what KVM charges to the cgroup: the guest's page tables (about
 * 2 MiB per GiB) and the vCPU state. Documentation/microvm.rst.
 */
#define SB_VM_OVERHEAD		(96ULL << 20)

/* Guest memory bounds (the monitor maps RAM below the 32-bit PCI hole). */
#define SB_VM_MEM_MIN		(16ULL << 20)
#define SB_VM_MEM_MAX		(3ULL << 30)
#define SB_VM_MEM_DEFAULT	(256ULL << 20)
#define SB_VM_VCPUS_MAX		32

/*
 * The jail's root: empty directories to mount /dev, /proc and /tmp on.
 * Not under /run/sandbox, which is private to root (the keepers' state):
 * the jail's uid must be able to reach it.
 */
#define SB_VM_ROOT		"/run/sandbox-vm-root"

/* The default kernel of `sandboxctl run --vm` and the guest's busybox. */
#define SB_VM_BUSYBOX		"/bin/busybox"

/*
 * Creates SB_VM_ROOT if needed and checks it: a root-owned directory
 * holding only empty dev, proc and tmp directories.
 */
int sb_vm_root(struct sb_error *e);

/*
 * Writes to @fd an initramfs (cpio newc) whose /init mounts the usual
 * filesystems, runs @argv with busybox's sh, and writes the command's
 * exit status to the exit port (a "SANDBOX-VM-EXIT=N" line and a reset
 * where /dev/port is missing). @busybox must be a static busybox.
 */
int sb_vm_initramfs(int fd, char *const *argv, const char *busybox,
		    struct sb_error *e);

#endif /* _LIBSANDBOX_MICROVM_H */
