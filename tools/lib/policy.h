/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: per-sandbox BPF LSM policies (tools/bpf/policy.bpf.c).
 *
 * A policy file is parsed into struct sb_policy and stored, keyed by the
 * sandbox's cgroup id, in a map of the policy programs, which are loaded by
 * the first sandbox that needs them and pinned under SB_POLICY_PIN_DIR.
 * Like the accounting programs they hold a reference on sandbox.ko:
 * sb_policy_unload() before unloading the module.
 */
#ifndef _LIBSANDBOX_POLICY_H
#define _LIBSANDBOX_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/types.h>

#include "../bpf/policy.h"
#include "sberror.h"

#define SB_POLICY_PIN_DIR	"/sys/fs/bpf/sandbox/policy"
/*
 * Written, with the reason, when this kernel cannot attach the programs
 * (no BPF trampolines: a kernel without CONFIG_FUNCTION_TRACER), so that
 * later sandboxes do not load and verify them again; in /run, so for this
 * boot only. sb_policy_unload() removes it.
 */
#define SB_POLICY_UNSUPPORTED	"/run/sandbox/policy-unsupported"

/* Parses the policy file @path; errors name the file and line. */
int sb_policy_parse_file(const char *path, struct sb_policy *p,
			 struct sb_error *e);
/* The default of sandboxctl run: deny mount, module and ptrace. */
void sb_policy_default(struct sb_policy *p);
/* Loads and pins the programs unless they are; installs @p for @cgid. */
int sb_policy_apply(uint64_t cgid, const struct sb_policy *p,
		    struct sb_error *e);
/*
 * Whether the programs are loaded, and how many policies they hold; @why,
 * if not NULL, gets SB_POLICY_UNSUPPORTED's reason or "".
 */
int sb_policy_status(bool *loaded, unsigned int *policies, char *why,
		     size_t len);
/* Unpins the programs and waits until they are freed. */
int sb_policy_unload(struct sb_error *e);

#endif /* _LIBSANDBOX_POLICY_H */
