// SPDX-License-Identifier: GPL-2.0
/*
 * cpio "newc": per entry a 110-byte ASCII header of 13 hex fields, the
 * NUL-terminated name, the data, each padded to 4 bytes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cpio.h"

static unsigned int sb_cpio_ino = 1;

static int sb_cpio_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n ? -errno : -EIO;
		p += n;
		len -= n;
	}
	return 0;
}

static int sb_cpio_pad(int fd, size_t len)
{
	static const char zero[4];

	return len % 4 ? sb_cpio_write(fd, zero, 4 - len % 4) : 0;
}

static int sb_cpio_header(int fd, const char *name, mode_t mode, dev_t rdev,
			  size_t len)
{
	size_t namesz = strlen(name) + 1;
	char hdr[111];
	int ret;

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 sb_cpio_ino++, (unsigned int)mode, 0, 0, 1, 0,
		 (unsigned int)len, 0, 0, major(rdev), minor(rdev),
		 (unsigned int)namesz, 0);
	ret = sb_cpio_write(fd, hdr, 110);
	if (!ret)
		ret = sb_cpio_write(fd, name, namesz);
	return ret ? ret : sb_cpio_pad(fd, 110 + namesz);
}

int sb_cpio_add(int fd, const char *name, mode_t mode, dev_t rdev,
		const void *data, size_t len)
{
	int ret;

	if (len > 0xffffffffU)
		return -EFBIG;
	ret = sb_cpio_header(fd, name, mode, rdev, len);
	if (!ret && len)
		ret = sb_cpio_write(fd, data, len);
	return ret ? ret : sb_cpio_pad(fd, len);
}

int sb_cpio_add_file(int fd, const char *name, mode_t mode, int src)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	size_t left;
	int ret;

	if (fstat(src, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if ((unsigned long long)st.st_size > 0xffffffffU)
		return -EFBIG;
	ret = sb_cpio_header(fd, name, S_IFREG | (mode & 07777), 0,
			     st.st_size);
	for (left = st.st_size; !ret && left; left -= n) {
		n = read(src, buf, left < sizeof(buf) ? left : sizeof(buf));
		if (n <= 0)
			return n ? -errno : -EIO;
		ret = sb_cpio_write(fd, buf, n);
	}
	return ret ? ret : sb_cpio_pad(fd, st.st_size);
}

int sb_cpio_end(int fd)
{
	return sb_cpio_add(fd, "TRAILER!!!", 0, 0, NULL, 0);
}
