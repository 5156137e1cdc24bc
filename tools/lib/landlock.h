/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock for sandboxes: writes only where the sandbox has its own
 * writable mounts, on whatever ABI the running kernel has.
 */
#ifndef _LIBSANDBOX_LANDLOCK_H
#define _LIBSANDBOX_LANDLOCK_H

#include <stddef.h>

#include "sberror.h"

/* The kernel's Landlock ABI version, 0 if it has none (or it is off). */
int sb_landlock_abi(void);
/*
 * Returns a ruleset fd that handles every write access the kernel knows
 * and allows them beneath @paths (missing paths are skipped), or
 * -EOPNOTSUPP when the kernel has no Landlock.
 */
int sb_landlock_prepare(const char *const *paths, size_t nr_paths,
			struct sb_error *e);
/* Enforces (and closes) @fd on the caller; needs no_new_privs. */
int sb_landlock_enforce(int fd, struct sb_error *e);

#endif /* _LIBSANDBOX_LANDLOCK_H */
