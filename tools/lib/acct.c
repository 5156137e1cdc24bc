// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: loading, pinning and reading the accounting programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "acct.h"
#include "acct.skel.h"
#include "bpfpin.h"
#include "sandbox.h"
#include "sbutil.h"


static bool sb_acct_loaded(void)
{
	return access(SB_ACCT_PIN_DIR "/sb_acct", F_OK) == 0;
}

int sb_acct_status(struct sb_acct_status *st)
{
	int ret;

	memset(st, 0, sizeof(*st));
	st->loaded = sb_acct_loaded();
	st->disabled = access(SB_ACCT_OFF_FILE, F_OK) == 0;
	st->module_btf = sb_bpf_module_btf();
	st->kfunc = st->module_btf &&
		    sb_bpf_module_has_func("bpf_sandbox_task_id");
	if (!st->loaded)
		return 0;
	ret = sb_bpf_map_entries(SB_ACCT_PIN_DIR "/sb_acct");
	if (ret < 0)
		return ret;
	st->sandboxes = ret;
	return 0;
}

/*
 * Module tracepoints as tp_btf with module BTF, raw_tp without it.
 * SANDBOX_ACCT_RAW_TP=1 takes the path of a module without BTF, so that
 * tests cover it on kernels where the module has BTF.
 */
static void sb_acct_choose(struct acct_bpf *skel)
{
	const char *raw = getenv("SANDBOX_ACCT_RAW_TP");
	bool btf = sb_bpf_module_btf() && !(raw && *raw == '1');

	bpf_program__set_autoload(skel->progs.sb_created_btf, btf);
	bpf_program__set_autoload(skel->progs.sb_destroyed_btf, btf);
	bpf_program__set_autoload(skel->progs.sb_created_raw, !btf);
	bpf_program__set_autoload(skel->progs.sb_destroyed_raw, !btf);
	bpf_program__set_autoload(skel->progs.sb_denied_btf, btf);
	bpf_program__set_autoload(skel->progs.sb_denied_raw, !btf);
	bpf_program__set_autoload(skel->progs.sb_exec_adopt,
				  btf &&
				  sb_bpf_module_has_func("bpf_sandbox_task_id"));
}

/* Adds a record for @id unless the programs already made one. */
static int sb_acct_seed_one(int mapfd, __u64 id, __u64 cgid)
{
	struct sb_acct *val = calloc(1, sizeof(*val));
	int ret;

	if (!val)
		return -ENOMEM;
	val->sandbox_id = id;
	ret = bpf_map_update_elem(mapfd, &cgid, val, BPF_NOEXIST);
	free(val);
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

	sb_bpf_quiet();
	skel = acct_bpf__open();
	if (!skel)
		return sb_error_set(e, errno, "open the accounting programs");
	sb_acct_choose(skel);
	ret = acct_bpf__load(skel);
	if (ret) {
		ret = sb_error_set(e, ret, "load the accounting programs: %s",
				   sb_bpf_last_error());
		goto out;
	}
	ret = sb_bpf_attach_pin(skel->obj, SB_ACCT_PIN_DIR, e);
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
		sb_bpf_unpin(SB_ACCT_PIN_DIR);
	return ret;
}

static int sb_acct_do_enable(bool forced, struct sb_error *e)
{
	int lock, ret = 0;

	lock = sb_bpf_lock(e);
	if (lock < 0)
		return lock;
	if (!forced && access(SB_ACCT_OFF_FILE, F_OK) == 0)
		goto out;
	if (!sb_acct_loaded()) {
		ret = sb_bpf_dir_ready(SB_ACCT_PIN_DIR, e);
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

	lock = sb_bpf_lock(e);
	if (lock < 0)
		return lock;
	fd = open(SB_ACCT_OFF_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		ret = sb_error_set(e, errno, "create %s", SB_ACCT_OFF_FILE);
	else
		close(fd);
	sb_bpf_unpin(SB_ACCT_PIN_DIR);
	close(lock);
	return ret;
}

/* The record of @cgid, or -errno: -ENOENT for a sandbox without one. */
static int sb_acct_lookup(uint64_t cgid, struct sb_acct *val)
{
	int fd, ret = 0;

	fd = bpf_obj_get(SB_ACCT_PIN_DIR "/sb_acct");
	if (fd < 0)
		return -errno;
	if (bpf_map_lookup_elem(fd, &cgid, val))
		ret = -errno;
	close(fd);
	return ret;
}

int sb_acct_read(uint64_t cgid, struct sb_acct *acct)
{
	int ret = sb_acct_lookup(cgid, acct);

	if (ret)
		memset(acct, 0, sizeof(*acct));
	return ret;
}
