// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: loading, pinning and reading the accounting programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "acct.h"
#include "acct.skel.h"
#include "cgroup.h"
#include "sandbox.h"
#include "sbutil.h"

#define SB_BPFFS		"/sys/fs/bpf"
#define SB_BPF_DIR		SB_BPFFS "/sandbox"
#define SB_ACCT_LOCK		"/run/sandbox/acct.lock"
#define SB_MODULE_BTF		"/sys/kernel/btf/sandbox"
#define SB_BPF_FS_MAGIC		0xcafe4a11

/* libbpf's last complaint, to explain a failed load in one line. */
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

static bool sb_acct_loaded(void)
{
	return access(SB_ACCT_PIN_DIR "/sb_acct", F_OK) == 0;
}

/* Does the module's BTF carry @func? Needs the kernel's BTF as a base. */
static bool sb_module_has_func(const char *func)
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

int sb_acct_status(struct sb_acct_status *st)
{
	__u64 key, next, *prev = NULL;
	int fd;

	memset(st, 0, sizeof(*st));
	st->loaded = sb_acct_loaded();
	st->disabled = access(SB_ACCT_OFF_FILE, F_OK) == 0;
	st->module_btf = access(SB_MODULE_BTF, F_OK) == 0;
	st->kfunc = st->module_btf && sb_module_has_func("bpf_sandbox_task_id");
	if (!st->loaded)
		return 0;
	fd = bpf_obj_get(SB_ACCT_PIN_DIR "/sb_acct");
	if (fd < 0)
		return -errno;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		st->sandboxes++;
		key = next;
		prev = &key;
	}
	close(fd);
	return 0;
}

static int sb_mkdir(const char *dir, struct sb_error *e)
{
	if (mkdir(dir, 0700) && errno != EEXIST)
		return sb_error_set(e, errno, "mkdir %s", dir);
	return 0;
}

/* bpffs is mounted by systemd; mount it where nobody did. */
static int sb_bpffs_ready(struct sb_error *e)
{
	struct statfs fs;

	if (statfs(SB_BPFFS, &fs))
		return sb_error_set(e, errno, "statfs %s", SB_BPFFS);
	if (fs.f_type != SB_BPF_FS_MAGIC &&
	    mount("bpf", SB_BPFFS, "bpf", 0, "mode=0700"))
		return sb_error_set(e, errno, "mount bpffs on %s", SB_BPFFS);
	return sb_mkdir(SB_BPF_DIR, e) ?: sb_mkdir(SB_ACCT_PIN_DIR, e);
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

/*
 * Programs are freed after their last link goes, asynchronously; until
 * then they hold sandbox.ko. Wait (2 s at most) so that the module can be
 * unloaded as soon as we return.
 */
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

/* Removes every pin: links detach with their last reference. */
static void sb_acct_unpin(void)
{
	static const char *const maps[] = { "sb_acct", "sb_sysnr" };
	struct bpf_program *prog;
	struct acct_bpf *skel;
	__u32 ids[32] = {};
	char path[256];
	size_t i, n = 0;

	skel = acct_bpf__open();
	if (skel) {
		bpf_object__for_each_program(prog, skel->obj) {
			snprintf(path, sizeof(path), SB_ACCT_PIN_DIR "/link_%s",
				 bpf_program__name(prog));
			if (n < ARRAY_SIZE(ids))
				ids[n++] = sb_link_prog_id(path);
			unlink(path);
		}
		acct_bpf__destroy(skel);
	}
	for (i = 0; i < ARRAY_SIZE(maps); i++) {
		snprintf(path, sizeof(path), SB_ACCT_PIN_DIR "/%s", maps[i]);
		unlink(path);
	}
	rmdir(SB_ACCT_PIN_DIR);
	sb_wait_progs_gone(ids, n);
}

/*
 * Module tracepoints as tp_btf with module BTF, raw_tp without it.
 * SANDBOX_ACCT_RAW_TP=1 takes the path of a module without BTF, so that
 * tests cover it on kernels where the module has BTF.
 */
static void sb_acct_choose(struct acct_bpf *skel)
{
	const char *raw = getenv("SANDBOX_ACCT_RAW_TP");
	bool btf = access(SB_MODULE_BTF, F_OK) == 0 && !(raw && *raw == '1');

	bpf_program__set_autoload(skel->progs.sb_created_btf, btf);
	bpf_program__set_autoload(skel->progs.sb_destroyed_btf, btf);
	bpf_program__set_autoload(skel->progs.sb_created_raw, !btf);
	bpf_program__set_autoload(skel->progs.sb_destroyed_raw, !btf);
	bpf_program__set_autoload(skel->progs.sb_exec_adopt,
				  btf && sb_module_has_func("bpf_sandbox_task_id"));
}

static struct bpf_link *sb_acct_attach(struct bpf_program *prog, int cgfd)
{
	if (bpf_program__type(prog) == BPF_PROG_TYPE_CGROUP_SKB)
		return bpf_program__attach_cgroup(prog, cgfd);
	return bpf_program__attach(prog);
}

static int sb_acct_attach_all(struct acct_bpf *skel, struct sb_error *e)
{
	struct bpf_program *prog;
	struct bpf_link *link;
	char path[256];
	int cgfd, ret = 0;

	cgfd = open(SB_CGROUP_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cgfd < 0)
		return sb_error_set(e, errno, "open %s", SB_CGROUP_ROOT);
	bpf_object__for_each_program(prog, skel->obj) {
		if (!bpf_program__autoload(prog))
			continue;
		link = sb_acct_attach(prog, cgfd);
		if (!link) {
			ret = sb_error_set(e, errno, "attach %s: %s",
					   bpf_program__name(prog), sb_bpf_last);
			break;
		}
		snprintf(path, sizeof(path), SB_ACCT_PIN_DIR "/link_%s",
			 bpf_program__name(prog));
		ret = bpf_link__pin(link, path);
		bpf_link__destroy(link);
		if (ret) {
			ret = sb_error_set(e, ret, "pin %s", path);
			break;
		}
	}
	close(cgfd);
	return ret;
}

/* Adds a record for @id unless the programs already made one. */
static int sb_acct_seed_one(int mapfd, __u64 id, __u64 cgid)
{
	int ncpus = libbpf_num_possible_cpus();
	struct sb_acct *vals;
	int ret;

	if (ncpus < 1)
		return ncpus;
	vals = calloc(ncpus, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	vals[0].sandbox_id = id;
	ret = bpf_map_update_elem(mapfd, &cgid, vals, BPF_NOEXIST);
	free(vals);
	return ret && errno != EEXIST ? -errno : 0;
}

/* Sandboxes created before the programs were there get a record too. */
static void sb_acct_seed(int mapfd)
{
	struct sandbox_info info;
	__u64 ids[1024];
	int dev, n, i, fd;

	dev = sb_open();
	if (dev < 0)
		return;
	n = sb_list(dev, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n && i < (int)ARRAY_SIZE(ids); i++) {
		fd = sb_open_sandbox(dev, ids[i], NULL);
		if (fd < 0)
			continue;
		if (!sb_info(fd, &info, NULL))
			sb_acct_seed_one(mapfd, info.id, info.cgroup_id);
		close(fd);
	}
	close(dev);
}

static int sb_acct_load(struct sb_error *e)
{
	struct acct_bpf *skel;
	char path[256];
	int ret;

	libbpf_set_print(sb_bpf_print);
	skel = acct_bpf__open();
	if (!skel)
		return sb_error_set(e, errno, "open the accounting programs");
	sb_acct_choose(skel);
	ret = acct_bpf__load(skel);
	if (ret) {
		ret = sb_error_set(e, ret, "load the accounting programs: %s",
				   sb_bpf_last);
		goto out;
	}
	snprintf(path, sizeof(path), SB_ACCT_PIN_DIR "/sb_sysnr");
	ret = bpf_map__pin(skel->maps.sb_sysnr, path);
	if (!ret)
		ret = sb_acct_attach_all(skel, e);
	if (ret)
		goto out;
	sb_acct_seed(bpf_map__fd(skel->maps.sb_acct));
	/* Last: its pin is what says "loaded". */
	snprintf(path, sizeof(path), SB_ACCT_PIN_DIR "/sb_acct");
	ret = bpf_map__pin(skel->maps.sb_acct, path);
	if (ret)
		ret = sb_error_set(e, ret, "pin %s", path);
out:
	acct_bpf__destroy(skel);
	if (ret)
		sb_acct_unpin();
	return ret;
}

/* Serialises loaders: two sandboxctl may start at once. */
static int sb_acct_lock(struct sb_error *e)
{
	int fd;

	if (mkdir("/run/sandbox", 0755) && errno != EEXIST)
		return sb_error_set(e, errno, "mkdir /run/sandbox");
	fd = open(SB_ACCT_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return sb_error_set(e, errno, "open %s", SB_ACCT_LOCK);
	if (flock(fd, LOCK_EX)) {
		close(fd);
		return sb_error_set(e, errno, "lock %s", SB_ACCT_LOCK);
	}
	return fd;
}

static int sb_acct_do_enable(bool forced, struct sb_error *e)
{
	int lock, ret = 0;

	lock = sb_acct_lock(e);
	if (lock < 0)
		return lock;
	if (!forced && access(SB_ACCT_OFF_FILE, F_OK) == 0)
		goto out;
	if (!sb_acct_loaded()) {
		ret = sb_bpffs_ready(e);
		if (!ret)
			ret = sb_acct_load(e);
	}
	if (!ret && forced && unlink(SB_ACCT_OFF_FILE) && errno != ENOENT)
		ret = sb_error_set(e, errno, "remove %s", SB_ACCT_OFF_FILE);
out:
	close(lock);
	return ret;
}

int sb_acct_enable(struct sb_error *e)
{
	return sb_acct_do_enable(true, e);
}

int sb_acct_ensure(struct sb_error *e)
{
	if (sb_acct_loaded())
		return 0;
	return sb_acct_do_enable(false, e);
}

int sb_acct_disable(struct sb_error *e)
{
	int lock, fd, ret = 0;

	lock = sb_acct_lock(e);
	if (lock < 0)
		return lock;
	fd = open(SB_ACCT_OFF_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		ret = sb_error_set(e, errno, "create %s", SB_ACCT_OFF_FILE);
	else
		close(fd);
	sb_acct_unpin();
	close(lock);
	return ret;
}

int sb_acct_read(uint64_t cgid, struct sb_acct *sum)
{
	int ncpus = libbpf_num_possible_cpus();
	__u64 *vals, *out = (__u64 *)sum;
	size_t nfield = sizeof(*sum) / sizeof(__u64);
	int fd, cpu, ret = 0;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	if (ncpus < 1)
		return ncpus;
	fd = bpf_obj_get(SB_ACCT_PIN_DIR "/sb_acct");
	if (fd < 0)
		return -errno;
	vals = calloc(ncpus, sizeof(*sum));
	if (!vals) {
		close(fd);
		return -ENOMEM;
	}
	if (bpf_map_lookup_elem(fd, &cgid, vals)) {
		ret = -errno;
		goto out;
	}
	/* Counters add up; the id is set on one CPU only. */
	for (cpu = 0; cpu < ncpus; cpu++) {
		for (i = 1; i < nfield; i++)
			out[i] += vals[cpu * nfield + i];
		if (vals[cpu * nfield])
			sum->sandbox_id = vals[cpu * nfield];
	}
out:
	free(vals);
	close(fd);
	return ret;
}

int sb_acct_read_syscalls(uint64_t cgid, uint64_t *counts)
{
	int ncpus = libbpf_num_possible_cpus();
	struct sb_sysnr_key key, next, *prev = NULL;
	__u64 *vals;
	int fd, cpu;

	memset(counts, 0, SB_ACCT_NR_SYSCALLS * sizeof(*counts));
	if (ncpus < 1)
		return ncpus;
	fd = bpf_obj_get(SB_ACCT_PIN_DIR "/sb_sysnr");
	if (fd < 0)
		return -errno;
	vals = calloc(ncpus, sizeof(*vals));
	if (!vals) {
		close(fd);
		return -ENOMEM;
	}
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (key.cgroup_id != cgid || key.nr >= SB_ACCT_NR_SYSCALLS ||
		    bpf_map_lookup_elem(fd, &key, vals))
			continue;
		for (cpu = 0; cpu < ncpus; cpu++)
			counts[key.nr] += vals[cpu];
	}
	free(vals);
	close(fd);
	return 0;
}
