/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Selftest helpers for the sandbox generic netlink family over raw
 * AF_NETLINK sockets (no libnl): resolve the family, send GET, subscribe
 * to the events group and parse messages into struct genl_msg.
 */
#ifndef _SANDBOX_SELFTEST_GENL_UTIL_H
#define _SANDBOX_SELFTEST_GENL_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/sandbox.h>

#define GENL_BUF	8192

struct genl_family_ids {
	uint16_t id;
	uint32_t events_grp;
};

static inline int genl_socket(int rcvbuf)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (fd < 0)
		return -errno;
	if (rcvbuf && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
				 sizeof(rcvbuf)))
		goto err;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		goto err;
	return fd;
err:
	close(fd);
	return -errno;
}

static inline void *genl_attr_data(struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static inline uint32_t genl_u32(struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, genl_attr_data(a), sizeof(v));
	return v;
}

static inline uint64_t genl_u64(struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, genl_attr_data(a), sizeof(v));
	return v;
}

/* Appends an attribute to @nlh, in a GENL_BUF buffer. */
static inline void genl_put(struct nlmsghdr *nlh, uint16_t type,
			    const void *data, uint16_t len)
{
	struct nlattr *a = (void *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(genl_attr_data(a), data, len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

/* Sends the request built in @nlh. */
static inline int genl_send(int fd, struct nlmsghdr *nlh)
{
	return send(fd, nlh, nlh->nlmsg_len, 0) < 0 ? -errno : 0;
}

static inline struct nlmsghdr *genl_start(void *buf, uint16_t family,
					  uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr *nlh = buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);

	memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = 1;
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

/* Fills @tb from the attributes of @nlh (indexed up to @max). */
static inline void genl_parse(struct nlmsghdr *nlh, struct nlattr **tb,
			      int max)
{
	struct nlattr *a = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = a;
		len -= NLA_ALIGN(a->nla_len);
		a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
	}
}

/*
 * Receives one datagram into @buf; returns its length or -errno (ENOBUFS
 * after an overrun, EAGAIN after a timeout set with SO_RCVTIMEO).
 */
static inline int genl_recv(int fd, void *buf)
{
	ssize_t n = recv(fd, buf, GENL_BUF, 0);

	return n < 0 ? -errno : (int)n;
}

/* The error code of an NLMSG_ERROR message (0 for an ACK). */
static inline int genl_error(struct nlmsghdr *nlh)
{
	return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
}

/* Resolves the sandbox family and its events group through nlctrl. */
static inline int genl_resolve(struct genl_family_ids *ids)
{
	char buf[GENL_BUF];
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *g;
	struct nlmsghdr *nlh;
	int fd, n, ret = -ENOENT;

	fd = genl_socket(0);
	if (fd < 0)
		return fd;
	nlh = genl_start(buf, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	genl_put(nlh, CTRL_ATTR_FAMILY_NAME, SANDBOX_GENL_NAME,
		 sizeof(SANDBOX_GENL_NAME));
	ret = genl_send(fd, nlh);
	n = ret ? ret : genl_recv(fd, buf);
	close(fd);
	if (n < 0)
		return n;
	nlh = (struct nlmsghdr *)buf;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return genl_error(nlh);
	genl_parse(nlh, tb, CTRL_ATTR_MAX);
	if (!tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_MCAST_GROUPS])
		return -ENOENT;
	ids->id = *(uint16_t *)genl_attr_data(tb[CTRL_ATTR_FAMILY_ID]);
	ids->events_grp = 0;
	/* A nest of nests, each with a name and an id. */
	g = genl_attr_data(tb[CTRL_ATTR_MCAST_GROUPS]);
	n = tb[CTRL_ATTR_MCAST_GROUPS]->nla_len - NLA_HDRLEN;
	while (n >= NLA_HDRLEN) {
		struct nlattr *a = genl_attr_data(g);
		int m = g->nla_len - NLA_HDRLEN;
		uint32_t id = 0;
		bool events = false;

		while (m >= NLA_HDRLEN) {
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME)
				events = !strcmp(genl_attr_data(a),
						 SANDBOX_GENL_MCGRP_EVENTS);
			else if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID)
				id = genl_u32(a);
			m -= NLA_ALIGN(a->nla_len);
			a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
		}
		if (events)
			ids->events_grp = id;
		n -= NLA_ALIGN(g->nla_len);
		g = (void *)((char *)g + NLA_ALIGN(g->nla_len));
	}
	return ids->events_grp ? 0 : -ENOENT;
}

/*
 * A socket subscribed to the events group, or -errno. With NETLINK_
 * BROADCAST_ERROR, its overruns count in SANDBOX_A_EVENT_LOST.
 */
static inline int genl_subscribe(const struct genl_family_ids *ids,
				 int rcvbuf)
{
	int fd = genl_socket(rcvbuf), one = 1;

	if (fd < 0)
		return fd;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_BROADCAST_ERROR, &one,
		       sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &ids->events_grp, sizeof(ids->events_grp))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

#endif /* _SANDBOX_SELFTEST_GENL_UTIL_H */
