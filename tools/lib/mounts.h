/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sandbox's mount namespace: a read-only root, private /tmp and /run,
 * a fresh /proc, a minimal /dev, the caller's extra mounts, pivot_root.
 */
#ifndef _LIBSANDBOX_MOUNTS_H
#define _LIBSANDBOX_MOUNTS_H

#include "container.h"
#include "sberror.h"

/*
 * Builds the filesystem view of @c and makes it the root. Runs in the
 * sandbox's init, in its own user and mount namespaces, before anything
 * else of the host is dropped.
 */
int sb_mounts_setup(const struct sb_container *c, struct sb_error *e);

#endif /* _LIBSANDBOX_MOUNTS_H */
