/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: what the accounting and policy programs share: a pin
 * directory per set of programs under /sys/fs/bpf/sandbox, links pinned as
 * link_PROGRAM, a lock between loaders, and facts about the module's BTF.
 */
#ifndef _LIBSANDBOX_BPFPIN_H
#define _LIBSANDBOX_BPFPIN_H

#include <stdbool.h>

#include <bpf/libbpf.h>

#include "sberror.h"

#define SB_BPF_DIR		"/sys/fs/bpf/sandbox"
#define SB_MODULE_BTF		"/sys/kernel/btf/sandbox"

/* Silences libbpf; sb_bpf_last_error() is then its last complaint. */
void sb_bpf_quiet(void);
const char *sb_bpf_last_error(void);
/* Mounts bpffs where nobody did; creates SB_BPF_DIR and @dir, 0700. */
int sb_bpf_dir_ready(const char *dir, struct sb_error *e);
bool sb_bpf_module_btf(void);
/* Does the module's BTF carry the function @func (a kfunc)? */
bool sb_bpf_module_has_func(const char *func);
/* Attaches every program to be loaded of @obj; pins its link in @dir. */
int sb_bpf_attach_pin(struct bpf_object *obj, const char *dir,
		      struct sb_error *e);
/*
 * Removes every pin in @dir and @dir, then waits (2 s at most) until the
 * programs behind the links are freed: until then they hold sandbox.ko.
 */
void sb_bpf_unpin(const char *dir);
/* Entries of the pinned map @path, whose keys are __u64; or -errno. */
int sb_bpf_map_entries(const char *path);
/* Serialises loaders: returns a locked fd to close, or -errno. */
int sb_bpf_lock(struct sb_error *e);

#endif /* _LIBSANDBOX_BPFPIN_H */
