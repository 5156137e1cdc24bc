// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup v2 directories for sandboxes.
 *
 * Layout: SB_CGROUP_ROOT/SB_CGROUP_PARENT/NAME-PID-RANDOM. The parent has
 * no processes of its own, so it may hand controllers down (cgroup v2's
 * "no internal processes" rule); the random suffix keeps two tools that
 * pick the same name from ever sharing a directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "sbutil.h"

static const char *const sb_cgroup_controllers[] = {
	"memory", "pids", "cpu", "io",
};

static int sb_read_file(int dirfd, const char *file, char *buf, size_t size)
{
	ssize_t len;
	int fd;

	fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	if (len < 0)
		len = -errno;
	close(fd);
	if (len < 0)
		return len;
	buf[len] = '\0';
	return 0;
}

static int sb_write_file(int dirfd, const char *file, const char *val)
{
	ssize_t len;
	int fd;

	fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = write(fd, val, strlen(val));
	if (len < 0)
		len = -errno;
	close(fd);
	return len < 0 ? len : 0;
}

/* Whether the space-separated @list contains the word @word. */
static bool sb_has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)); p += n) {
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\n' || !p[n]))
			return true;
	}
	return false;
}

/* Lets the children of @dirfd use every controller we need that exists. */
static int sb_cgroup_delegate(int dirfd, const char *path, struct sb_error *e)
{
	char avail[512], enabled[512], op[32];
	size_t i;
	int ret;

	ret = sb_read_file(dirfd, "cgroup.controllers", avail, sizeof(avail));
	if (!ret)
		ret = sb_read_file(dirfd, "cgroup.subtree_control", enabled,
				   sizeof(enabled));
	if (ret)
		return sb_error_set(e, ret, "read controllers of %s", path);
	for (i = 0; i < ARRAY_SIZE(sb_cgroup_controllers); i++) {
		const char *c = sb_cgroup_controllers[i];

		/* A missing controller shows up when a limit needs it. */
		if (!sb_has_word(avail, c) || sb_has_word(enabled, c))
			continue;
		snprintf(op, sizeof(op), "+%s", c);
		ret = sb_write_file(dirfd, "cgroup.subtree_control", op);
		if (ret)
			return sb_error_set(e, ret, "enable the %s controller in %s",
					    c, path);
	}
	return 0;
}

static int sb_cgroup_parent(struct sb_error *e)
{
	int rootfd, fd, ret;

	rootfd = open(SB_CGROUP_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return sb_error_set(e, errno, "open %s", SB_CGROUP_ROOT);
	ret = sb_cgroup_delegate(rootfd, SB_CGROUP_ROOT, e);
	if (!ret && mkdirat(rootfd, SB_CGROUP_PARENT, 0755) && errno != EEXIST)
		ret = sb_error_set(e, errno, "create %s/%s", SB_CGROUP_ROOT,
				   SB_CGROUP_PARENT);
	if (ret) {
		close(rootfd);
		return ret;
	}
	fd = openat(rootfd, SB_CGROUP_PARENT,
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		ret = sb_error_set(e, errno, "open %s/%s", SB_CGROUP_ROOT,
				   SB_CGROUP_PARENT);
	close(rootfd);
	if (ret)
		return ret;
	ret = sb_cgroup_delegate(fd, SB_CGROUP_ROOT "/" SB_CGROUP_PARENT, e);
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}

/* Makes a fresh directory NAME-PID-RANDOM under @parentfd. */
static int sb_cgroup_mkdir(int parentfd, const char *name, char *leaf,
			   size_t size)
{
	uint32_t rnd;
	int tries;

	for (tries = 0; tries < 8; tries++) {
		if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
			return -errno;
		snprintf(leaf, size, "%s-%d-%08" PRIx32, name, (int)getpid(),
			 rnd);
		if (!mkdirat(parentfd, leaf, 0755))
			return 0;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

int sb_cgroup_create(struct sb_cgroup *cg, const char *name,
		     struct sb_error *e)
{
	char leaf[NAME_MAX + 1];
	int parentfd, ret;

	cg->fd = -1;
	parentfd = sb_cgroup_parent(e);
	if (parentfd < 0)
		return parentfd;
	ret = sb_cgroup_mkdir(parentfd, name, leaf, sizeof(leaf));
	if (ret) {
		close(parentfd);
		return sb_error_set(e, ret, "create a cgroup in %s/%s",
				    SB_CGROUP_ROOT, SB_CGROUP_PARENT);
	}
	snprintf(cg->path, sizeof(cg->path), "%s/%s/%s", SB_CGROUP_ROOT,
		 SB_CGROUP_PARENT, leaf);
	cg->fd = openat(parentfd, leaf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->fd < 0) {
		ret = sb_error_set(e, errno, "open %s", cg->path);
		unlinkat(parentfd, leaf, AT_REMOVEDIR);
	}
	close(parentfd);
	return ret;
}

int sb_cgroup_remove(struct sb_cgroup *cg)
{
	sb_cgroup_close(cg);
	return rmdir(cg->path) ? -errno : 0;
}

void sb_cgroup_close(struct sb_cgroup *cg)
{
	if (cg->fd >= 0)
		close(cg->fd);
	cg->fd = -1;
}

int sb_cgroup_read_u64(int dirfd, const char *file, uint64_t *val)
{
	char buf[64], *end;
	int ret;

	ret = sb_read_file(dirfd, file, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	*val = strtoull(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

int sb_cgroup_read_key(int dirfd, const char *file, const char *key,
		       uint64_t *val)
{
	char buf[4096], *line, *save;
	size_t n = strlen(key);
	int ret;

	ret = sb_read_file(dirfd, file, buf, sizeof(buf));
	if (ret)
		return ret;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, key, n) && line[n] == ' ') {
			*val = strtoull(line + n + 1, NULL, 10);
			return 0;
		}
	}
	return -ENOENT;
}

/* io.stat: one line per device, "MAJ:MIN rbytes=N wbytes=N rios=N ...". */
#define SB_IO_SEP	"\n "
static int sb_cgroup_read_io(int dirfd, struct sb_cgroup_stats *st)
{
	static const char *const keys[] = { "rbytes=", "wbytes=", "rios=",
					    "wios=" };
	uint64_t *vals[] = { &st->io_rbytes, &st->io_wbytes, &st->io_rios,
			     &st->io_wios };
	char buf[4096], *tok, *save;
	size_t i;
	int ret;

	ret = sb_read_file(dirfd, "io.stat", buf, sizeof(buf));
	if (ret)
		return ret;
	for (tok = strtok_r(buf, SB_IO_SEP, &save); tok;
	     tok = strtok_r(NULL, SB_IO_SEP, &save)) {
		for (i = 0; i < 4; i++) {
			if (!strncmp(tok, keys[i], strlen(keys[i])))
				*vals[i] += strtoull(tok + strlen(keys[i]),
						     NULL, 10);
		}
	}
	return 0;
}

int sb_cgroup_read_stats(int dirfd, struct sb_cgroup_stats *st)
{
	memset(st, 0, sizeof(*st));
	/* memory.events is always there when the controller is enabled. */
	sb_cgroup_read_key(dirfd, "memory.events", "oom_kill", &st->oom_kills);
	st->has_memory_peak =
		!sb_cgroup_read_u64(dirfd, "memory.peak", &st->memory_peak);
	st->has_pids_peak =
		!sb_cgroup_read_u64(dirfd, "pids.peak", &st->pids_peak);
	st->has_cpu =
		!sb_cgroup_read_key(dirfd, "cpu.stat", "usage_usec",
				    &st->cpu_usage_us) &&
		!sb_cgroup_read_key(dirfd, "cpu.stat", "user_usec",
				    &st->cpu_user_us) &&
		!sb_cgroup_read_key(dirfd, "cpu.stat", "system_usec",
				    &st->cpu_system_us);
	st->has_memory = !sb_cgroup_read_u64(dirfd, "memory.current",
					     &st->memory_current);
	sb_cgroup_read_key(dirfd, "memory.events", "max",
			   &st->memory_max_hits);
	st->has_pids = !sb_cgroup_read_u64(dirfd, "pids.current",
					   &st->pids_current);
	sb_cgroup_read_key(dirfd, "pids.events", "max", &st->pids_max_hits);
	st->has_io = !sb_cgroup_read_io(dirfd, st);
	return 0;
}

int sb_cgroup_open_id(uint64_t id)
{
	struct {
		struct file_handle fh;
		uint64_t id;
	} h = { .fh.handle_bytes = sizeof(id), .fh.handle_type = 0xfe };
	int root, fd;

	/* 0xfe: FILEID_KERNFS, the handle cgroupfs gives its directories */
	memcpy(h.fh.f_handle, &id, sizeof(id));
	root = open(SB_CGROUP_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -errno;
	fd = open_by_handle_at(root, &h.fh, O_RDONLY | O_DIRECTORY |
			       O_CLOEXEC);
	if (fd < 0)
		fd = -errno;
	close(root);
	return fd;
}
