/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing cpio archives in the "newc" format, the one the kernel unpacks
 * as an initramfs (Documentation/driver-api/early-userspace/buffer-format.rst).
 */
#ifndef _LIBSANDBOX_CPIO_H
#define _LIBSANDBOX_CPIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Appends one entry to the archive being written at @fd: a file with
 * @len bytes of @data, a directory, a symlink (@data is its target) or a
 * device node (@rdev). Owner root. Returns 0 or -errno.
 */
int sb_cpio_add(int fd, const char *name, mode_t mode, dev_t rdev,
		const void *data, size_t len);
/* The same for a regular file copied from the open file @src. */
int sb_cpio_add_file(int fd, const char *name, mode_t mode, int src);
/* Writes the TRAILER!!! entry that ends the archive. */
int sb_cpio_end(int fd);

#endif /* _LIBSANDBOX_CPIO_H */
