/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `create` leaves for `exec`: the options a long-lived sandbox was
 * created with, so that a command joining it is confined the same way.
 */
#ifndef _SANDBOXCTL_LONGLIVED_H
#define _SANDBOXCTL_LONGLIVED_H

#include <stddef.h>

#define LL_STATE_DIR	"/run/sandbox"

/*
 * LL_STATE_DIR/NAME.opts holds the sandbox id in decimal, then each
 * option of `create` (not NAME, not the command), each ending in a NUL.
 * Only root (the directory is 0700) and the keeper write it.
 */
void ll_state_path(char *buf, size_t size, const char *name);

#endif /* _SANDBOXCTL_LONGLIVED_H */
