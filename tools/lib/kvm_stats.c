// SPDX-License-Identifier: GPL-2.0
/*
 * Reading KVM's binary statistics: a header, an array of descriptors (each
 * followed by its name) and the data, all at offsets the header gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
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

/* More than any kernel's vCPU statistics (about 40 on x86 in 6.12). */
#define SB_KVM_MAX_SUMS		128
/* What the sums' names start with, before KVM's own name. */
#define SB_KVM_VCPU_PREFIX	"vcpu."

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

/* The counters of one vCPU, in descriptor order, added to the sums. */
struct sb_kvm_sums {
	unsigned int n;
	unsigned int at;	/* next descriptor of the vCPU being read */
	bool mismatch;
	struct {
		char name[64];
		uint64_t value;
	} c[SB_KVM_MAX_SUMS];
};

static int sb_kvm_add(const char *name, uint64_t value, void *arg)
{
	struct sb_kvm_sums *s = arg;

	if (s->at == s->n) {
		if (s->n == SB_KVM_MAX_SUMS)
			return 0;
		snprintf(s->c[s->n].name, sizeof(s->c[0].name),
			 SB_KVM_VCPU_PREFIX "%s", name);
		s->n++;
	} else if (strcmp(s->c[s->at].name + strlen(SB_KVM_VCPU_PREFIX),
			  name)) {
		/* every vCPU of a VM has the same descriptors */
		s->mismatch = true;
		return 1;
	}
	s->c[s->at++].value += value;
	return 0;
}

int sb_kvm_vcpu_stats_sum(const int *fds, int n, sb_kvm_stat_fn fn,
			  void *arg)
{
	struct sb_kvm_sums *s;
	unsigned int i;
	int ret = 0;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	for (i = 0; !ret && i < (unsigned int)n; i++) {
		s->at = 0;
		ret = sb_kvm_stats_read(fds[i], sb_kvm_add, s);
		if (s->mismatch)
			ret = -EPROTO;
	}
	for (i = 0; !ret && i < s->n; i++)
		ret = fn(s->c[i].name, s->c[i].value, arg);
	free(s);
	return ret;
}

/* A copy of the fd @target of @pidfd's process; -ENOENT if none. */
static int sb_kvm_getfd(int pidfd, int target)
{
	int fd = syscall(SYS_pidfd_getfd, pidfd, target, 0);

	return fd < 0 ? (errno == EBADF ? -ENOENT : -errno) : fd;
}

static int sb_kvm_vcpus_of(int pidfd, sb_kvm_stat_fn fn, void *arg)
{
	int fds[SB_VMM_MAX_VCPU_STATS], n, fd, ret;

	for (n = 0; n < SB_VMM_MAX_VCPU_STATS; n++) {
		fd = sb_kvm_getfd(pidfd, SB_VMM_VCPU_STATS_FD + n);
		if (fd < 0)
			break;
		fds[n] = fd;
	}
	ret = n ? sb_kvm_vcpu_stats_sum(fds, n, fn, arg) : 0;
	while (n--)
		close(fds[n]);
	return ret;
}

int sb_kvm_stats_of_pid(pid_t pid, sb_kvm_stat_fn fn, void *arg)
{
	int pidfd, fd, ret;

	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -errno;
	fd = sb_kvm_getfd(pidfd, SB_VMM_STATS_FD);
	ret = fd < 0 ? fd : sb_kvm_stats_read(fd, fn, arg);
	if (fd >= 0)
		close(fd);
	if (!ret)
		ret = sb_kvm_vcpus_of(pidfd, fn, arg);
	close(pidfd);
	return ret;
}
