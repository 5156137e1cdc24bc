/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capabilities of the sandbox: none, and no way to get any back.
 */
#ifndef _LIBSANDBOX_CAPS_H
#define _LIBSANDBOX_CAPS_H

#include "sberror.h"

/*
 * Empties the bounding set and locks the securebits that would give root
 * capabilities back on exec. Needs CAP_SETPCAP: call before changing ids.
 */
int sb_caps_drop_bounding(struct sb_error *e);
/* Clears the effective, permitted, inheritable and ambient sets. */
int sb_caps_clear(struct sb_error *e);

#endif /* _LIBSANDBOX_CAPS_H */
