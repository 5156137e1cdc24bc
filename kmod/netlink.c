// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "sandbox": GET (one sandbox, or a dump of all)
 * and the "events" multicast group, where every lifecycle event of every
 * sandbox is sent with a sequence number and the count of events lost.
 *
 * Events are numbered and broadcast under sandbox_nl_lock, so listeners
 * receive them in sequence order and a gap means exactly that many events
 * missed (see "Event sequence numbers and lost events" in the uapi).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "compat.h"
#include "internal.h"

static DEFINE_SPINLOCK(sandbox_nl_lock);
static u64 sandbox_nl_seq;	/* last event number, under sandbox_nl_lock */
static u64 sandbox_nl_lost;	/* events not delivered, sandbox_nl_lock */

static const struct nla_policy sandbox_nl_policy[SANDBOX_A_MAX + 1] = {
	[SANDBOX_A_ID] = { .type = NLA_U64 },
	[SANDBOX_A_NAME] = { .type = NLA_NUL_STRING,
			     .len = SANDBOX_NAME_MAX - 1 },
};

static struct genl_family sandbox_nl_family __ro_after_init;

enum sandbox_nl_groups {
	SANDBOX_NLGRP_EVENTS,
};

/* Attributes every event and every GET reply start with. */
static int sandbox_nl_put_ident(struct sk_buff *skb, const struct sandbox *sb,
				u32 creator_uid)
{
	if (nla_put_u64_64bit(skb, SANDBOX_A_ID, sb->id, SANDBOX_A_PAD) ||
	    nla_put_string(skb, SANDBOX_A_NAME, sb->name) ||
	    nla_put_u32(skb, SANDBOX_A_KIND, sb->kind) ||
	    nla_put_u64_64bit(skb, SANDBOX_A_CGROUP_ID, cgroup_id(sb->cgrp),
			      SANDBOX_A_PAD) ||
	    nla_put_u32(skb, SANDBOX_A_CREATOR_UID, creator_uid))
		return -EMSGSIZE;
	if (sb->kind == SANDBOX_KIND_MICROVM &&
	    (nla_put_u32(skb, SANDBOX_A_VCPUS, sb->vcpus) ||
	     nla_put_u64_64bit(skb, SANDBOX_A_GUEST_MEM, sb->guest_mem,
			       SANDBOX_A_PAD)))
		return -EMSGSIZE;
	return 0;
}

static int sandbox_nl_put_u64(struct sk_buff *skb, int type, u64 val)
{
	return nla_put_u64_64bit(skb, type, val, SANDBOX_A_PAD);
}

static int sandbox_nl_put_limits(struct sk_buff *skb,
				 const struct sandbox_info *i)
{
	if (nla_put_u32(skb, SANDBOX_A_LIMITS, i->limits))
		return -EMSGSIZE;
	if ((i->limits & SANDBOX_LIMIT_MEMORY) &&
	    sandbox_nl_put_u64(skb, SANDBOX_A_MEMORY_MAX, i->memory_max))
		return -EMSGSIZE;
	if ((i->limits & SANDBOX_LIMIT_PIDS) &&
	    sandbox_nl_put_u64(skb, SANDBOX_A_PIDS_MAX, i->pids_max))
		return -EMSGSIZE;
	if ((i->limits & SANDBOX_LIMIT_CPU) &&
	    (nla_put_u32(skb, SANDBOX_A_CPU_QUOTA_US, i->cpu_quota_us) ||
	     nla_put_u32(skb, SANDBOX_A_CPU_PERIOD_US, i->cpu_period_us)))
		return -EMSGSIZE;
	if ((i->limits & SANDBOX_LIMIT_IO_WEIGHT) &&
	    nla_put_u32(skb, SANDBOX_A_IO_WEIGHT, i->io_weight))
		return -EMSGSIZE;
	return 0;
}

/* One GET reply; the numbers are seen from the requesting task. */
static int sandbox_nl_fill(struct sk_buff *skb, struct sandbox *sb,
			   u32 portid, u32 seq, int flags)
{
	struct sandbox_info i = {};
	void *hdr;

	sandbox_fill_info(sb, &i);
	hdr = genlmsg_put(skb, portid, seq, &sandbox_nl_family, flags,
			  SANDBOX_NL_CMD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (sandbox_nl_put_ident(skb, sb, i.creator_uid) ||
	    nla_put_u32(skb, SANDBOX_A_STATE, i.state) ||
	    nla_put_u32(skb, SANDBOX_A_INIT_PID, i.init_pid) ||
	    (i.state == SANDBOX_STATE_EXITED &&
	     nla_put_u32(skb, SANDBOX_A_EXIT_STATUS, i.exit_status)) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_CREATED_NS, i.created_ns) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_CREATED_BOOT_NS,
			       i.created_boot_ns) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_STARTED_NS, i.started_ns) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_EXITED_NS, i.exited_ns) ||
	    sandbox_nl_put_limits(skb, &i)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int sandbox_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct sk_buff *msg;
	struct sandbox *sb;
	int ret = -ENOENT;

	if (!tb[SANDBOX_A_ID] && !tb[SANDBOX_A_NAME]) {
		GENL_SET_ERR_MSG(info, "sandbox id or name required");
		return -EINVAL;
	}
	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&sandbox_list_lock);
	list_for_each_entry(sb, &sandbox_list, node) {
		if (tb[SANDBOX_A_ID] && nla_get_u64(tb[SANDBOX_A_ID]) != sb->id)
			continue;
		if (tb[SANDBOX_A_NAME] &&
		    nla_strcmp(tb[SANDBOX_A_NAME], sb->name))
			continue;
		ret = sandbox_nl_fill(msg, sb, info->snd_portid, info->snd_seq,
				      0);
		break;
	}
	mutex_unlock(&sandbox_list_lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: id of the last sandbox sent; ids grow along the list. */
static int sandbox_nl_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct sandbox *sb;
	int ret = 0;

	mutex_lock(&sandbox_list_lock);
	list_for_each_entry(sb, &sandbox_list, node) {
		if (sb->id <= cb->args[0])
			continue;
		ret = sandbox_nl_fill(skb, sb, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (ret)
			break;
		cb->args[0] = sb->id;
	}
	mutex_unlock(&sandbox_list_lock);
	/* A full skb ends this part of the dump; the next one resumes. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

static const struct genl_small_ops sandbox_nl_ops[] = {
	{
		.cmd = SANDBOX_NL_CMD_GET,
		.flags = GENL_ADMIN_PERM,
		.doit = sandbox_nl_get_doit,
		.dumpit = sandbox_nl_get_dumpit,
	},
};

/*
 * Without a way to restrict who binds to it, the group is not offered at
 * all: events show every user's sandboxes.
 */
static const struct genl_multicast_group sandbox_nl_mcgrps[] = {
#ifdef SANDBOX_HAVE_GENL_MCAST_CAP
	[SANDBOX_NLGRP_EVENTS] = {
		.name = SANDBOX_GENL_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
#endif
};

static struct genl_family sandbox_nl_family __ro_after_init = {
	.name = SANDBOX_GENL_NAME,
	.version = SANDBOX_GENL_VERSION,
	.maxattr = SANDBOX_A_MAX,
	.policy = sandbox_nl_policy,
	.module = THIS_MODULE,
	.small_ops = sandbox_nl_ops,
	.n_small_ops = ARRAY_SIZE(sandbox_nl_ops),
	.mcgrps = sandbox_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(sandbox_nl_mcgrps),
};

/* Room for @ev: the header, then the largest set of per-type attributes. */
static size_t sandbox_nl_event_size(const struct sandbox_event *ev)
{
	size_t size = 6 * nla_total_size_64bit(sizeof(u64)) + /* seq .. cgid */
		      nla_total_size(SANDBOX_NAME_MAX) +
		      3 * nla_total_size(sizeof(u32)) +	/* type kind uid */
		      nla_total_size_64bit(sizeof(u64)) +
		      3 * nla_total_size(sizeof(u32)) +
		      nla_total_size(sizeof(u32)) +		/* micro-VM: vcpus */
		      nla_total_size_64bit(sizeof(u64));	/* and guest_mem */

	if (ev->path)
		size += nla_total_size(strlen(ev->path) + 1);
	if (ev->object)
		size += nla_total_size(strlen(ev->object) + 1);
	return size;
}

/* Exit code or terminating signal of a wait status, as WIFSIGNALED() does. */
static int sandbox_nl_put_exit(struct sk_buff *skb, u32 status)
{
	u32 sig = status & 0x7f;

	if (nla_put_u32(skb, SANDBOX_A_EXIT_STATUS, status))
		return -EMSGSIZE;
	if (sig && sig != 0x7f)
		return nla_put_u32(skb, SANDBOX_A_EXIT_SIGNAL, sig);
	return nla_put_u32(skb, SANDBOX_A_EXIT_CODE, (status >> 8) & 0xff);
}

/* The attributes only events of @ev->type have. */
static int sandbox_nl_put_details(struct sk_buff *skb, struct sandbox *sb,
				  const struct sandbox_event *ev)
{
	switch (ev->type) {
	case SANDBOX_EVENT_STARTED:
		return nla_put_u32(skb, SANDBOX_A_INIT_PID,
				   pid_nr(sb->init_pid));
	case SANDBOX_EVENT_EXITED:
		return sandbox_nl_put_exit(skb, sb->exit_status) ?:
		       sandbox_nl_put_u64(skb, SANDBOX_A_OOM_KILLS,
					  ev->oom_kills);
	case SANDBOX_EVENT_EXEC:
		return nla_put_u32(skb, SANDBOX_A_PID, ev->pid) ?:
		       nla_put_string(skb, SANDBOX_A_PATH, ev->path);
	case SANDBOX_EVENT_LIMIT_HIT:
		return nla_put_u32(skb, SANDBOX_A_LIMIT, ev->limit) ?:
		       nla_put_u32(skb, SANDBOX_A_LIMIT_EVENT,
				   ev->limit_event) ?:
		       sandbox_nl_put_u64(skb, SANDBOX_A_LIMIT_COUNT,
					  ev->count);
	case SANDBOX_EVENT_DENIED:
		return nla_put_u32(skb, SANDBOX_A_PID, ev->pid) ?:
		       nla_put_u32(skb, SANDBOX_A_DENIED_OP, ev->denied_op) ?:
		       nla_put_string(skb, SANDBOX_A_DENIED_OBJECT,
				      ev->object);
	}
	return 0;
}

static int sandbox_nl_put_event(struct sk_buff *skb, struct sandbox *sb,
				const struct sandbox_event *ev, u64 seq,
				u64 lost)
{
	u32 uid = from_kuid_munged(&init_user_ns, sb->cred->euid);
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &sandbox_nl_family, 0,
			  SANDBOX_NL_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, SANDBOX_A_EVENT_TYPE, ev->type) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_EVENT_SEQ, seq) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_EVENT_LOST, lost) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_EVENT_MONO_NS, ktime_get_ns()) ||
	    sandbox_nl_put_u64(skb, SANDBOX_A_EVENT_BOOT_NS,
			       ktime_get_boottime_ns()) ||
	    sandbox_nl_put_ident(skb, sb, uid) ||
	    sandbox_nl_put_details(skb, sb, ev))
		return -EMSGSIZE;
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * sandbox_nl_notify - send one event of @sb to the events group
 * @sb: the sandbox, with @sb->lock held: events of one sandbox go out in
 *	the order its state changed
 * @ev: the event
 *
 * Atomic context: never sleeps. Every call takes a sequence number, even
 * when nobody listens; a failed delivery is counted as lost.
 */
void sandbox_nl_notify(struct sandbox *sb, const struct sandbox_event *ev)
{
	struct sk_buff *skb;
	int ret;

	lockdep_assert_held(&sb->lock);
	spin_lock(&sandbox_nl_lock);
	sandbox_nl_seq++;
	if (!ARRAY_SIZE(sandbox_nl_mcgrps) ||
	    !genl_has_listeners(&sandbox_nl_family, &init_net,
				SANDBOX_NLGRP_EVENTS))
		goto out;
	skb = genlmsg_new(sandbox_nl_event_size(ev), GFP_ATOMIC);
	if (!skb) {
		sandbox_nl_lost++;
		goto out;
	}
	if (sandbox_nl_put_event(skb, sb, ev, sandbox_nl_seq,
				 sandbox_nl_lost)) {
		/* sandbox_nl_event_size() is wrong: a bug, not the user's */
		WARN_ON_ONCE(1);
		nlmsg_free(skb);
		sandbox_nl_lost++;
		goto out;
	}
	/*
	 * ENOBUFS: a subscriber with NETLINK_BROADCAST_ERROR had no room
	 * (others overrun silently). ESRCH: nobody listens any more.
	 */
	ret = genlmsg_multicast(&sandbox_nl_family, skb, 0,
				SANDBOX_NLGRP_EVENTS, GFP_ATOMIC);
	if (ret && ret != -ESRCH)
		sandbox_nl_lost++;
out:
	spin_unlock(&sandbox_nl_lock);
}

int sandbox_nl_init(void)
{
	if (!ARRAY_SIZE(sandbox_nl_mcgrps))
		pr_warn("kernel cannot restrict multicast groups: no events group\n");
	return genl_register_family(&sandbox_nl_family);
}

void sandbox_nl_exit(void)
{
	genl_unregister_family(&sandbox_nl_family);
}
