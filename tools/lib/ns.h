/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Namespace setup done from inside the sandbox's init.
 */
#ifndef _LIBSANDBOX_NS_H
#define _LIBSANDBOX_NS_H

#include <sys/types.h>

#include "sberror.h"

/* Becomes @uid/@gid of the current user namespace, groups untouched. */
int sb_ns_become(uid_t uid, gid_t gid, struct sb_error *e);
/* New cgroup namespace (rooted at our cgroup) and, where there is one, time. */
int sb_ns_unshare_late(struct sb_error *e);
int sb_ns_set_hostname(const char *name, struct sb_error *e);
/* Brings up "lo" in the current network namespace. */
int sb_ns_loopback_up(struct sb_error *e);

#endif /* _LIBSANDBOX_NS_H */
