// SPDX-License-Identifier: GPL-2.0
/*
 * Capabilities of the sandbox.
 *
 * The sandbox's root is root of its own user namespace only, but even
 * there capabilities are an attack surface (mount, netlink, raw sockets
 * on the sandbox's side of many kernel interfaces), so none survive to
 * the command: the bounding set is emptied, root gets nothing at exec
 * (SECBIT_NOROOT), ambient capabilities cannot be raised, and the sets
 * themselves are cleared.
 */
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/securebits.h>

#include "caps.h"

int sb_caps_drop_bounding(struct sb_error *e)
{
	unsigned long bits;
	int cap;

	/* Drop until the kernel says the number is past its last one. */
	for (cap = 0; cap < 64; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)) {
			if (errno == EINVAL && cap > CAP_SETPCAP)
				break;
			return sb_error_set(e, errno,
					    "drop capability %d from the bounding set",
					    cap);
		}
	}
	bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
	       SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
	if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0))
		return sb_error_set(e, errno, "set securebits");
	return 0;
}

int sb_caps_clear(struct sb_error *e)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};

	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		return sb_error_set(e, errno, "clear ambient capabilities");
	if (syscall(SYS_capset, &hdr, data))
		return sb_error_set(e, errno, "clear capabilities");
	return 0;
}
