/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences between the supported kernels, decided by the
 * compile probes in kmod/probes/ (see kmod/conftest.sh).
 */
#ifndef _SANDBOX_COMPAT_H
#define _SANDBOX_COMPAT_H

#include <linux/fs.h>

#include "conftest.h"

#ifdef SANDBOX_HAVE_MNT_IDMAP
#include <linux/mnt_idmapping.h>
#define SANDBOX_NOP_IDMAP	(&nop_mnt_idmap)
#else
#define SANDBOX_NOP_IDMAP	(&init_user_ns)
#endif

#endif /* _SANDBOX_COMPAT_H */
