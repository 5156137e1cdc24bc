/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: per-sandbox accounting with eBPF (tools/bpf/acct.bpf.c).
 *
 * The programs are loaded once, by the first sandboxctl that needs them,
 * and pinned under SB_ACCT_PIN_DIR: their links keep them attached after
 * the tool exits, and the module's tracepoints keep their tables in step
 * with the sandboxes. Only root (CAP_BPF and CAP_SYS_ADMIN in the initial
 * namespaces) can reach the pins; a sandboxed workload cannot.
 *
 * While loaded, the programs hold a reference on sandbox.ko: disable
 * accounting before unloading the module.
 */
#ifndef _LIBSANDBOX_ACCT_H
#define _LIBSANDBOX_ACCT_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/types.h>

#include "../bpf/acct.h"
#include "sberror.h"

#define SB_ACCT_PIN_DIR		"/sys/fs/bpf/sandbox/acct"
/* Present while an administrator wants accounting off. */
#define SB_ACCT_OFF_FILE	"/run/sandbox/acct-disabled"

/**
 * struct sb_acct_status - the state of accounting on this machine
 * @loaded: the programs are pinned and attached
 * @disabled: an administrator turned accounting off
 * @module_btf: sandbox.ko has BTF: tp_btf on its tracepoints
 * @kfunc: its kfunc bpf_sandbox_task_id is available
 * @sandboxes: sandboxes with a record
 */
struct sb_acct_status {
	bool loaded;
	bool disabled;
	bool module_btf;
	bool kfunc;
	unsigned int sandboxes;
};

int sb_acct_status(struct sb_acct_status *st);
/* Loads, attaches and pins the programs; records every live sandbox. */
int sb_acct_enable(struct sb_error *e);
/* Detaches and unpins them, and keeps sb_acct_ensure() from reloading. */
int sb_acct_disable(struct sb_error *e);
/* Enables accounting unless it is loaded or disabled: 0, or -errno. */
int sb_acct_ensure(struct sb_error *e);
/* The record of the sandbox whose cgroup is @cgid; zeroes if none. */
int sb_acct_read(uint64_t cgid, struct sb_acct *acct);

#endif /* _LIBSANDBOX_ACCT_H */
