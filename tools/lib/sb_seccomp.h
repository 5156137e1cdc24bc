/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sandbox's syscall filter: a deny list, every denied call fails with
 * EPERM, everything else is allowed.
 */
#ifndef _LIBSANDBOX_SB_SECCOMP_H
#define _LIBSANDBOX_SB_SECCOMP_H

#include "container.h"
#include "sberror.h"

/*
 * Reads a deny list: one syscall name per line; '#' starts a comment;
 * blank lines are ignored. Unknown names are an error. Fills @p with
 * mode SB_SECCOMP_LIST; release with sb_seccomp_policy_free().
 */
int sb_seccomp_parse_file(const char *path, struct sb_seccomp_policy *p,
			  struct sb_error *e);
void sb_seccomp_policy_free(struct sb_seccomp_policy *p);
/*
 * Loads the filter of @p on the caller. SB_SECCOMP_NONE loads one that
 * allows everything: the accounting counts syscalls where seccomp runs
 * (tools/bpf/acct.bpf.c), so every sandbox has a filter.
 */
int sb_seccomp_load(const struct sb_seccomp_policy *p, struct sb_error *e);
/* Name of the @i-th syscall of the default list, NULL past its end. */
const char *sb_seccomp_default_name(size_t i);

#endif /* _LIBSANDBOX_SB_SECCOMP_H */
