/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: thin wrappers over the /dev/sandbox uapi.
 *
 * Every function returns a non-negative value on success and -errno on
 * failure. Nothing here prints or exits: callers decide how to report.
 */
#ifndef _LIBSANDBOX_H
#define _LIBSANDBOX_H

#include <stddef.h>
#include <linux/sandbox.h>

#define SB_DEVICE_PATH	"/dev/sandbox"

int sb_open(void);
int sb_api_version(int devfd);
int sb_check_extension(int devfd, unsigned int cap);
int sb_module_info(int devfd, struct sandbox_module_info *info,
		   char *version, size_t version_len);
const char *sb_cap_name(unsigned int cap);

#endif /* _LIBSANDBOX_H */
