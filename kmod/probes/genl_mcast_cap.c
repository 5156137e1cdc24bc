// SPDX-License-Identifier: GPL-2.0
/* Multicast groups can require a capability to bind (6.7, backported). */
#include <net/genetlink.h>

const struct genl_multicast_group probe_grp = {
	.name = "probe",
	.flags = GENL_MCAST_CAP_NET_ADMIN,
};
