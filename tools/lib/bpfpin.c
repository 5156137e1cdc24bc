// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: pinning BPF programs that outlive the tool.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "bpfpin.h"
#include "cgroup.h"

#define SB_BPFFS		"/sys/fs/bpf"
#define SB_BPF_FS_MAGIC		0xcafe4a11
#define SB_BPF_LOCK		"/run/sandbox/bpf.lock"
#define SB_BPF_MAX_LINKS	64

static char sb_bpf_last[SB_ERROR_MAX];

static int sb_bpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	char *nl;

	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(sb_bpf_last, sizeof(sb_bpf_last), fmt, ap);
	nl = strchr(sb_bpf_last, '\n');
	if (nl)
		*nl = '\0';
	return 0;
}

void sb_bpf_quiet(void)
{
	libbpf_set_print(sb_bpf_print);
}

const char *sb_bpf_last_error(void)
{
	return sb_bpf_last;
}

static int sb_mkdir(const char *dir, struct sb_error *e)
{
	if (mkdir(dir, 0700) && errno != EEXIST)
		return sb_error_set(e, errno, "mkdir %s", dir);
	return 0;
}

int sb_bpf_dir_ready(const char *dir, struct sb_error *e)
{
	struct statfs fs;

	if (statfs(SB_BPFFS, &fs))
		return sb_error_set(e, errno, "statfs %s", SB_BPFFS);
	if (fs.f_type != SB_BPF_FS_MAGIC &&
	    mount("bpf", SB_BPFFS, "bpf", 0, "mode=0700"))
		return sb_error_set(e, errno, "mount bpffs on %s", SB_BPFFS);
	return sb_mkdir(SB_BPF_DIR, e) ?: sb_mkdir(dir, e);
}

bool sb_bpf_module_btf(void)
{
	return access(SB_MODULE_BTF, F_OK) == 0;
}

bool sb_bpf_module_has_func(const char *func)
{
	struct btf *base, *mod;
	bool found;

	base = btf__load_vmlinux_btf();
	if (!base)
		return false;
	mod = btf__parse_split(SB_MODULE_BTF, base);
	found = mod && btf__find_by_name_kind(mod, func, BTF_KIND_FUNC) > 0;
	btf__free(mod);
	btf__free(base);
	return found;
}

static struct bpf_link *sb_bpf_attach(struct bpf_program *prog)
{
	struct bpf_link *link;
	int cgfd;

	if (bpf_program__type(prog) != BPF_PROG_TYPE_CGROUP_SKB)
		return bpf_program__attach(prog);
	/* cgroup_skb programs watch every socket, from the root cgroup */
	cgfd = open(SB_CGROUP_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cgfd < 0)
		return NULL;
	link = bpf_program__attach_cgroup(prog, cgfd);
	close(cgfd);
	return link;
}

int sb_bpf_attach_pin(struct bpf_object *obj, const char *dir,
		      struct sb_error *e)
{
	struct bpf_program *prog;
	struct bpf_link *link;
	char path[256];
	int ret;

	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoload(prog))
			continue;
		link = sb_bpf_attach(prog);
		if (!link)
			return sb_error_set(e, errno, "attach %s: %s",
					    bpf_program__name(prog),
					    sb_bpf_last);
		snprintf(path, sizeof(path), "%s/link_%s", dir,
			 bpf_program__name(prog));
		ret = bpf_link__pin(link, path);
		bpf_link__destroy(link);
		if (ret)
			return sb_error_set(e, ret, "pin %s", path);
	}
	return 0;
}

/* The id of the program behind a pinned link, or 0. */
static __u32 sb_link_prog_id(const char *path)
{
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);
	int fd = bpf_obj_get(path);

	if (fd < 0)
		return 0;
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		info.prog_id = 0;
	close(fd);
	return info.prog_id;
}

/* Programs are freed after their last link is gone, asynchronously. */
static void sb_wait_progs_gone(const __u32 *ids, size_t n)
{
	int tries, fd;
	size_t i;

	for (i = 0; i < n; i++) {
		for (tries = 0; ids[i] && tries < 200; tries++) {
			fd = bpf_prog_get_fd_by_id(ids[i]);
			if (fd < 0)
				break;
			close(fd);
			usleep(10000);
		}
	}
}

void sb_bpf_unpin(const char *dir)
{
	__u32 ids[SB_BPF_MAX_LINKS];
	char path[512];
	struct dirent *d;
	size_t n = 0;
	DIR *dp;

	dp = opendir(dir);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (!strncmp(d->d_name, "link_", 5) && n < SB_BPF_MAX_LINKS)
			ids[n++] = sb_link_prog_id(path);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
	sb_wait_progs_gone(ids, n);
}

int sb_bpf_map_entries(const char *path)
{
	__u64 key, next, *prev = NULL;
	int fd, n = 0;

	fd = bpf_obj_get(path);
	if (fd < 0)
		return -errno;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		n++;
		key = next;
		prev = &key;
	}
	close(fd);
	return n;
}

int sb_bpf_lock(struct sb_error *e)
{
	int fd;

	if (mkdir("/run/sandbox", 0755) && errno != EEXIST)
		return sb_error_set(e, errno, "mkdir /run/sandbox");
	fd = open(SB_BPF_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return sb_error_set(e, errno, "open %s", SB_BPF_LOCK);
	if (flock(fd, LOCK_EX)) {
		close(fd);
		return sb_error_set(e, errno, "lock %s", SB_BPF_LOCK);
	}
	return fd;
}
