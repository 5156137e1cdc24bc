// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: the generic netlink family "sandbox", through libnl-genl-3.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "sbnl.h"
#include "sbutil.h"

struct sb_nl {
	struct nl_sock *sock;
	int family;
	sb_nl_cb cb;
	void *arg;
	int cb_ret;
};

/* libnl reports its own codes; give the caller an errno. */
static int sb_nl_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_PERM:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		/* recvmsg() fails with ENOBUFS after an overrun */
		return errno == ENOBUFS ? -ENOBUFS : -ENOMEM;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	default:
		return -EIO;
	}
}

static const struct nla_policy sb_nl_policy[SANDBOX_A_MAX + 1] = {
	[SANDBOX_A_ID] = { .type = NLA_U64 },
	[SANDBOX_A_NAME] = { .type = NLA_STRING },
	[SANDBOX_A_KIND] = { .type = NLA_U32 },
	[SANDBOX_A_STATE] = { .type = NLA_U32 },
	[SANDBOX_A_CGROUP_ID] = { .type = NLA_U64 },
	[SANDBOX_A_CREATOR_UID] = { .type = NLA_U32 },
	[SANDBOX_A_INIT_PID] = { .type = NLA_U32 },
	[SANDBOX_A_EXIT_STATUS] = { .type = NLA_U32 },
	[SANDBOX_A_EVENT_TYPE] = { .type = NLA_U32 },
	[SANDBOX_A_EVENT_SEQ] = { .type = NLA_U64 },
	[SANDBOX_A_EVENT_LOST] = { .type = NLA_U64 },
	[SANDBOX_A_EVENT_MONO_NS] = { .type = NLA_U64 },
	[SANDBOX_A_EVENT_BOOT_NS] = { .type = NLA_U64 },
	[SANDBOX_A_EXIT_CODE] = { .type = NLA_U32 },
	[SANDBOX_A_EXIT_SIGNAL] = { .type = NLA_U32 },
	[SANDBOX_A_PID] = { .type = NLA_U32 },
	[SANDBOX_A_PATH] = { .type = NLA_STRING },
	[SANDBOX_A_LIMIT] = { .type = NLA_U32 },
	[SANDBOX_A_LIMIT_EVENT] = { .type = NLA_U32 },
	[SANDBOX_A_LIMIT_COUNT] = { .type = NLA_U64 },
	[SANDBOX_A_OOM_KILLS] = { .type = NLA_U64 },
	[SANDBOX_A_DENIED_OP] = { .type = NLA_U32 },
	[SANDBOX_A_DENIED_OBJECT] = { .type = NLA_STRING },
	[SANDBOX_A_CREATED_NS] = { .type = NLA_U64 },
	[SANDBOX_A_CREATED_BOOT_NS] = { .type = NLA_U64 },
	[SANDBOX_A_STARTED_NS] = { .type = NLA_U64 },
	[SANDBOX_A_EXITED_NS] = { .type = NLA_U64 },
	[SANDBOX_A_LIMITS] = { .type = NLA_U32 },
	[SANDBOX_A_MEMORY_MAX] = { .type = NLA_U64 },
	[SANDBOX_A_PIDS_MAX] = { .type = NLA_U64 },
	[SANDBOX_A_CPU_QUOTA_US] = { .type = NLA_U32 },
	[SANDBOX_A_CPU_PERIOD_US] = { .type = NLA_U32 },
	[SANDBOX_A_IO_WEIGHT] = { .type = NLA_U32 },
	[SANDBOX_A_VCPUS] = { .type = NLA_U32 },
	[SANDBOX_A_GUEST_MEM] = { .type = NLA_U64 },
};

static void sb_nl_parse(struct nlattr **tb, struct sb_nl_msg *m)
{
	static const struct {
		int attr;
		size_t off;
	} u32s[] = {
		{ SANDBOX_A_EVENT_TYPE, offsetof(struct sb_nl_msg, type) },
		{ SANDBOX_A_KIND, offsetof(struct sb_nl_msg, kind) },
		{ SANDBOX_A_STATE, offsetof(struct sb_nl_msg, state) },
		{ SANDBOX_A_CREATOR_UID, offsetof(struct sb_nl_msg, creator_uid) },
		{ SANDBOX_A_INIT_PID, offsetof(struct sb_nl_msg, init_pid) },
		{ SANDBOX_A_EXIT_STATUS, offsetof(struct sb_nl_msg, exit_status) },
		{ SANDBOX_A_EXIT_CODE, offsetof(struct sb_nl_msg, exit_code) },
		{ SANDBOX_A_EXIT_SIGNAL, offsetof(struct sb_nl_msg, exit_signal) },
		{ SANDBOX_A_PID, offsetof(struct sb_nl_msg, pid) },
		{ SANDBOX_A_LIMIT, offsetof(struct sb_nl_msg, limit) },
		{ SANDBOX_A_LIMIT_EVENT, offsetof(struct sb_nl_msg, limit_event) },
		{ SANDBOX_A_DENIED_OP, offsetof(struct sb_nl_msg, denied_op) },
		{ SANDBOX_A_LIMITS, offsetof(struct sb_nl_msg, limits) },
		{ SANDBOX_A_CPU_QUOTA_US, offsetof(struct sb_nl_msg, cpu_quota_us) },
		{ SANDBOX_A_CPU_PERIOD_US, offsetof(struct sb_nl_msg, cpu_period_us) },
		{ SANDBOX_A_IO_WEIGHT, offsetof(struct sb_nl_msg, io_weight) },
		{ SANDBOX_A_VCPUS, offsetof(struct sb_nl_msg, vcpus) },
	}, u64s[] = {
		{ SANDBOX_A_EVENT_SEQ, offsetof(struct sb_nl_msg, seq) },
		{ SANDBOX_A_EVENT_LOST, offsetof(struct sb_nl_msg, lost) },
		{ SANDBOX_A_EVENT_MONO_NS, offsetof(struct sb_nl_msg, mono_ns) },
		{ SANDBOX_A_EVENT_BOOT_NS, offsetof(struct sb_nl_msg, boot_ns) },
		{ SANDBOX_A_ID, offsetof(struct sb_nl_msg, id) },
		{ SANDBOX_A_CGROUP_ID, offsetof(struct sb_nl_msg, cgroup_id) },
		{ SANDBOX_A_LIMIT_COUNT, offsetof(struct sb_nl_msg, limit_count) },
		{ SANDBOX_A_OOM_KILLS, offsetof(struct sb_nl_msg, oom_kills) },
		{ SANDBOX_A_CREATED_NS, offsetof(struct sb_nl_msg, created_ns) },
		{ SANDBOX_A_CREATED_BOOT_NS,
		  offsetof(struct sb_nl_msg, created_boot_ns) },
		{ SANDBOX_A_STARTED_NS, offsetof(struct sb_nl_msg, started_ns) },
		{ SANDBOX_A_EXITED_NS, offsetof(struct sb_nl_msg, exited_ns) },
		{ SANDBOX_A_MEMORY_MAX, offsetof(struct sb_nl_msg, memory_max) },
		{ SANDBOX_A_PIDS_MAX, offsetof(struct sb_nl_msg, pids_max) },
		{ SANDBOX_A_GUEST_MEM, offsetof(struct sb_nl_msg, guest_mem) },
	};
	size_t i;
	int a;

	memset(m, 0, sizeof(*m));
	for (a = 1; a <= SANDBOX_A_MAX && a < 64; a++) {
		if (tb[a])
			m->has |= 1ULL << a;
	}
	for (i = 0; i < ARRAY_SIZE(u32s); i++) {
		if (tb[u32s[i].attr])
			*(__u32 *)((char *)m + u32s[i].off) =
				nla_get_u32(tb[u32s[i].attr]);
	}
	for (i = 0; i < ARRAY_SIZE(u64s); i++) {
		if (tb[u64s[i].attr])
			*(__u64 *)((char *)m + u64s[i].off) =
				nla_get_u64(tb[u64s[i].attr]);
	}
	if (tb[SANDBOX_A_NAME])
		nla_strlcpy(m->name, tb[SANDBOX_A_NAME], sizeof(m->name));
	if (tb[SANDBOX_A_PATH])
		nla_strlcpy(m->path, tb[SANDBOX_A_PATH], sizeof(m->path));
	if (tb[SANDBOX_A_DENIED_OBJECT])
		nla_strlcpy(m->object, tb[SANDBOX_A_DENIED_OBJECT],
			    sizeof(m->object));
}

static int sb_nl_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct sb_nl *nl = arg;
	struct sb_nl_msg m;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SANDBOX_A_MAX, sb_nl_policy))
		return NL_SKIP;
	sb_nl_parse(tb, &m);
	nl->cb_ret = nl->cb(&m, nl->arg);
	return nl->cb_ret ? NL_STOP : NL_OK;
}

static int sb_nl_connect(struct sb_nl *nl)
{
	int ret;

	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return -ENOMEM;
	ret = genl_connect(nl->sock);
	if (ret < 0)
		return sb_nl_errno(ret);
	nl->family = genl_ctrl_resolve(nl->sock, SANDBOX_GENL_NAME);
	if (nl->family < 0)
		return -ENOENT;
	nl_socket_modify_cb(nl->sock, NL_CB_VALID, NL_CB_CUSTOM, sb_nl_valid,
			    nl);
	return 0;
}

int sb_nl_events_open(struct sb_nl **out, int rcvbuf)
{
	struct sb_nl *nl = calloc(1, sizeof(*nl));
	int grp, ret, one = 1;

	if (!nl)
		return -ENOMEM;
	ret = sb_nl_connect(nl);
	if (ret)
		goto err;
	grp = genl_ctrl_resolve_grp(nl->sock, SANDBOX_GENL_NAME,
				    SANDBOX_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		ret = -ENOENT;
		goto err;
	}
	/* Events are not answers: no sequence check, no ACKs. */
	nl_socket_disable_seq_check(nl->sock);
	/* Have our overruns counted in SANDBOX_A_EVENT_LOST. */
	if (setsockopt(nl_socket_get_fd(nl->sock), SOL_NETLINK,
		       NETLINK_BROADCAST_ERROR, &one, sizeof(one))) {
		ret = -errno;
		goto err;
	}
	if (rcvbuf) {
		ret = nl_socket_set_buffer_size(nl->sock, rcvbuf, 0);
		if (ret < 0) {
			ret = sb_nl_errno(ret);
			goto err;
		}
	}
	ret = nl_socket_add_membership(nl->sock, grp);
	if (ret < 0) {
		ret = sb_nl_errno(ret);
		goto err;
	}
	*out = nl;
	return 0;
err:
	sb_nl_close(nl);
	return ret;
}

int sb_nl_dump(sb_nl_cb cb, void *arg)
{
	struct sb_nl *nl = calloc(1, sizeof(*nl));
	struct nl_msg *msg = NULL;
	int ret;

	if (!nl)
		return -ENOMEM;
	nl->cb = cb;
	nl->arg = arg;
	ret = sb_nl_connect(nl);
	if (ret)
		goto out;
	msg = nlmsg_alloc();
	if (!msg ||
	    !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_DUMP, SANDBOX_NL_CMD_GET, SANDBOX_GENL_VERSION)) {
		ret = -ENOMEM;
		goto out;
	}
	ret = nl_send_auto(nl->sock, msg);
	if (ret >= 0)
		ret = nl_recvmsgs_default(nl->sock);
	ret = nl->cb_ret ?: ret < 0 ? sb_nl_errno(ret) : 0;
out:
	nlmsg_free(msg);
	sb_nl_close(nl);
	return ret;
}

int sb_nl_events_read(struct sb_nl *nl, sb_nl_cb cb, void *arg)
{
	int ret;

	nl->cb = cb;
	nl->arg = arg;
	nl->cb_ret = 0;
	ret = nl_recvmsgs_default(nl->sock);
	if (nl->cb_ret)
		return nl->cb_ret;
	return ret < 0 ? sb_nl_errno(ret) : 0;
}

int sb_nl_fd(struct sb_nl *nl)
{
	return nl_socket_get_fd(nl->sock);
}

void sb_nl_close(struct sb_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}
