// SPDX-License-Identifier: GPL-2.0
/*
 * Reading KVM's binary statistics: a header, an array of descriptors (each
 * followed by its name) and the data, all at offsets the header gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "kvm_stats.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd		438
#endif

static int sb_kvm_pread(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static uint64_t sb_kvm_value(const struct kvm_stats_desc *d,
			     const uint64_t *data)
{
	uint64_t sum = 0;
	uint32_t i;

	if ((d->flags & KVM_STATS_TYPE_MASK) < KVM_STATS_TYPE_LINEAR_HIST)
		return data[0];
	for (i = 0; i < d->size; i++)
		sum += data[i];
	return sum;
}

static int sb_kvm_walk(int fd, const struct kvm_stats_header *h,
		       uint8_t *descs, sb_kvm_stat_fn fn, void *arg)
{
	size_t dsz = sizeof(struct kvm_stats_desc) + h->name_size;
	uint64_t buf[256];
	uint32_t i;
	int ret;

	for (i = 0; i < h->num_desc; i++) {
		const struct kvm_stats_desc *d = (void *)(descs + i * dsz);
		uint32_t n = d->size < 256 ? d->size : 256;

		ret = sb_kvm_pread(fd, buf, n * sizeof(uint64_t),
				   h->data_offset + d->offset);
		if (ret)
			return ret;
		ret = fn(d->name, sb_kvm_value(d, buf), arg);
		if (ret)
			return ret;
	}
	return 0;
}

int sb_kvm_stats_read(int fd, sb_kvm_stat_fn fn, void *arg)
{
	struct kvm_stats_header h;
	uint8_t *descs;
	size_t len;
	int ret;

	ret = sb_kvm_pread(fd, &h, sizeof(h), 0);
	if (ret)
		return ret;
	if (h.num_desc > 4096 || h.name_size > 4096)
		return -EINVAL;
	len = (size_t)h.num_desc * (sizeof(struct kvm_stats_desc) +
				    h.name_size);
	descs = malloc(len ? len : 1);
	if (!descs)
		return -ENOMEM;
	ret = sb_kvm_pread(fd, descs, len, h.desc_offset);
	if (!ret)
		ret = sb_kvm_walk(fd, &h, descs, fn, arg);
	free(descs);
	return ret;
}

int sb_kvm_stats_of_pid(pid_t pid, sb_kvm_stat_fn fn, void *arg)
{
	int pidfd, fd, ret;

	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -errno;
	fd = syscall(SYS_pidfd_getfd, pidfd, SB_VMM_STATS_FD, 0);
	ret = fd < 0 ? (errno == EBADF ? -ENOENT : -errno) : 0;
	close(pidfd);
	if (ret)
		return ret;
	ret = sb_kvm_stats_read(fd, fn, arg);
	close(fd);
	return ret;
}
