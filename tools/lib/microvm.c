// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-VM helpers shared by the tools: the jail's root directory and the
 * generated initramfs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cpio.h"
#include "microvm.h"
#include "sbutil.h"

static const char *const sb_vm_root_dirs[] = { "dev", "proc", "tmp" };

static int sb_vm_mkdir(const char *path, struct sb_error *e)
{
	struct stat st;

	if (mkdir(path, 0755) && errno != EEXIST)
		return sb_error_set(e, errno, "mkdir %s", path);
	if (lstat(path, &st))
		return sb_error_set(e, errno, "%s", path);
	/* Someone else's directory (or a symlink) could hold anything. */
	if (!S_ISDIR(st.st_mode) || st.st_uid || (st.st_mode & 022))
		return sb_error_set(e, EPERM,
				    "%s: not a root-owned directory", path);
	return 0;
}

int sb_vm_root(struct sb_error *e)
{
	char path[128];
	size_t i;
	int ret;

	ret = sb_vm_mkdir(SB_VM_ROOT, e);
	for (i = 0; !ret && i < ARRAY_SIZE(sb_vm_root_dirs);
	     i++) {
		snprintf(path, sizeof(path), "%s/%s", SB_VM_ROOT,
			 sb_vm_root_dirs[i]);
		ret = sb_vm_mkdir(path, e);
	}
	return ret;
}

/* 'arg' for sh: quotes become '\''. */
static int sb_vm_quote(char **out, size_t *len, size_t *cap, const char *arg)
{
	size_t need = *len + 4 * strlen(arg) + 4;
	char *p;

	if (need > *cap) {
		p = realloc(*out, need * 2);
		if (!p)
			return -ENOMEM;
		*out = p;
		*cap = need * 2;
	}
	p = *out + *len;
	*p++ = ' ';
	*p++ = '\'';
	for (; *arg; arg++) {
		if (*arg == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = *arg;
		}
	}
	*p++ = '\'';
	*p = '\0';
	*len = p - *out;
	return 0;
}

static const char sb_vm_init_head[] =
	"#!/bin/sh\n"
	"export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/ TERM=linux\n"
	"/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin\n"
	"/bin/busybox --install -s\n"
	"mount -t devtmpfs none /dev\n"
	"mount -t proc none /proc\n"
	"mount -t sysfs none /sys\n"
	"mount -t tmpfs none /tmp\n"
	"cd /\n";

/* The status as one byte on port 0xf4 (/dev/port offset 244). */
static const char sb_vm_init_tail[] =
	"\nst=$?\n"
	"printf \"\\\\$(printf %o $st)\" |\n"
	"\tdd of=/dev/port bs=1 seek=244 count=1 2>/dev/null\n"
	"echo \"SANDBOX-VM-EXIT=$st\"\n"
	"reboot -f\n";

static char *sb_vm_init_script(char *const *argv)
{
	size_t len = strlen(sb_vm_init_head), cap = len + 256;
	char *s = malloc(cap);

	if (!s)
		return NULL;
	memcpy(s, sb_vm_init_head, len + 1);
	/* "exec" would lose the status: the script reports it. */
	for (; *argv; argv++) {
		if (sb_vm_quote(&s, &len, &cap, *argv)) {
			free(s);
			return NULL;
		}
	}
	if (len + sizeof(sb_vm_init_tail) > cap) {
		char *p = realloc(s, len + sizeof(sb_vm_init_tail));

		if (!p) {
			free(s);
			return NULL;
		}
		s = p;
	}
	memcpy(s + len, sb_vm_init_tail, sizeof(sb_vm_init_tail));
	return s;
}

static int sb_vm_cpio_tree(int fd, int bb, const char *init)
{
	static const char *const dirs[] = { "bin", "dev", "proc", "sys",
					    "tmp" };
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < ARRAY_SIZE(dirs); i++)
		ret = sb_cpio_add(fd, dirs[i], S_IFDIR | 0755, 0, NULL, 0);
	/* The kernel opens /dev/console for init's stdio before init runs. */
	if (!ret)
		ret = sb_cpio_add(fd, "dev/console", S_IFCHR | 0600,
				  makedev(5, 1), NULL, 0);
	if (!ret)
		ret = sb_cpio_add_file(fd, "bin/busybox", 0755, bb);
	if (!ret)
		ret = sb_cpio_add(fd, "bin/sh", S_IFLNK | 0777, 0, "busybox",
				  strlen("busybox"));
	if (!ret)
		ret = sb_cpio_add(fd, "init", S_IFREG | 0755, 0, init,
				  strlen(init));
	return ret ? ret : sb_cpio_end(fd);
}

int sb_vm_initramfs(int fd, char *const *argv, const char *busybox,
		    struct sb_error *e)
{
	char *init;
	int bb, ret;

	bb = open(busybox, O_RDONLY | O_CLOEXEC);
	if (bb < 0)
		return sb_error_set(e, errno, "%s (install busybox-static)",
				    busybox);
	init = sb_vm_init_script(argv);
	if (!init) {
		close(bb);
		return sb_error_set(e, ENOMEM, "the guest's init script");
	}
	ret = sb_vm_cpio_tree(fd, bb, init);
	free(init);
	close(bb);
	if (ret)
		return sb_error_set(e, ret, "write the initramfs");
	return 0;
}
