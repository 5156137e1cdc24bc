// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "sandbox" through raw sockets: GET by id and
 * name, the dump, the lifecycle events a subscriber receives, privilege
 * checks, and a flood that a slow subscriber must be told it missed.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "cgroup_util.h"
#include "genl_util.h"

#define FLOOD	2000

static int body_exit(void *arg)
{
	return (int)(long)arg;
}

FIXTURE(nl) {
	int dev;
	struct genl_family_ids ids;
	char buf[GENL_BUF];
};

FIXTURE_SETUP(nl)
{
	self->dev = sb_open_raw();
	ASSERT_GE(self->dev, 0);
	ASSERT_EQ(0, cg_setup_parent());
	ASSERT_EQ(0, genl_resolve(&self->ids));
}

FIXTURE_TEARDOWN(nl)
{
	close(self->dev);
}

/* A sandbox named @prefix-@n with a fresh cgroup; returns its fd. */
static int make_sandbox(int dev, const char *prefix, int n, __u64 *id)
{
	struct sandbox_info info;
	char name[48];
	int cg, fd;

	snprintf(name, sizeof(name), "%s-%d-%d", prefix, getpid(), n);
	cg = cg_create(name);
	if (cg < 0)
		return cg;
	fd = sb_create_raw(dev, name, cg);
	close(cg);
	if (fd >= 0 && id) {
		sb_info_raw(fd, &info, NULL);
		*id = info.id;
	}
	return fd;
}

/* GET of @id (or @name): 0 and the reply's attributes in @tb, or -errno. */
static int get_one(FIXTURE_DATA(nl) * self, __u64 id, const char *name,
		   struct nlattr **tb)
{
	struct nlmsghdr *nlh;
	int fd, n;

	fd = genl_socket(0);
	if (fd < 0)
		return fd;
	nlh = genl_start(self->buf, self->ids.id, 0, SANDBOX_NL_CMD_GET);
	if (id)
		genl_put(nlh, SANDBOX_A_ID, &id, sizeof(id));
	if (name)
		genl_put(nlh, SANDBOX_A_NAME, name, strlen(name) + 1);
	n = genl_send(fd, nlh);
	if (!n)
		n = genl_recv(fd, self->buf);
	close(fd);
	if (n < 0)
		return n;
	nlh = (struct nlmsghdr *)self->buf;
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return genl_error(nlh);
	genl_parse(nlh, tb, SANDBOX_A_MAX);
	return 0;
}

/* Dumps every sandbox; returns how many of @ids[0..@nr) were listed. */
static int dump_count(FIXTURE_DATA(nl) * self, const __u64 *ids, int nr,
		      int *err)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct nlmsghdr *nlh;
	int fd, n, k, found = 0;
	bool done = false;

	*err = 0;
	fd = genl_socket(0);
	if (fd < 0) {
		*err = fd;
		return 0;
	}
	nlh = genl_start(self->buf, self->ids.id, NLM_F_DUMP,
			 SANDBOX_NL_CMD_GET);
	*err = genl_send(fd, nlh);
	while (!*err && !done) {
		n = genl_recv(fd, self->buf);
		if (n < 0) {
			*err = n;
			break;
		}
		for (nlh = (void *)self->buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_DONE) {
				done = true;
				break;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				*err = genl_error(nlh);
				break;
			}
			genl_parse(nlh, tb, SANDBOX_A_MAX);
			for (k = 0; k < nr; k++)
				found += genl_u64(tb[SANDBOX_A_ID]) == ids[k];
		}
	}
	close(fd);
	return found;
}

TEST_F(nl, get_by_id_and_by_name)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct sandbox_info info;
	char name[SANDBOX_NAME_MAX];
	int fd;

	fd = make_sandbox(self->dev, "nlget", 0, NULL);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(0, sb_info_raw(fd, &info, name));

	ASSERT_EQ(0, get_one(self, info.id, NULL, tb));
	ASSERT_STREQ(name, genl_attr_data(tb[SANDBOX_A_NAME]));
	ASSERT_EQ(info.cgroup_id, genl_u64(tb[SANDBOX_A_CGROUP_ID]));
	ASSERT_EQ(SANDBOX_STATE_CREATED, genl_u32(tb[SANDBOX_A_STATE]));
	ASSERT_EQ(SANDBOX_KIND_CONTAINER, genl_u32(tb[SANDBOX_A_KIND]));
	ASSERT_EQ(0, genl_u32(tb[SANDBOX_A_CREATOR_UID]));
	ASSERT_EQ(info.created_ns, genl_u64(tb[SANDBOX_A_CREATED_NS]));

	ASSERT_EQ(0, get_one(self, 0, name, tb));
	ASSERT_EQ(info.id, genl_u64(tb[SANDBOX_A_ID]));

	/* Both given: both must match. */
	ASSERT_EQ(-ENOENT, get_one(self, info.id + 1000000, name, tb));
	ASSERT_EQ(-ENOENT, get_one(self, 0, "no-such-sandbox", tb));
	ASSERT_EQ(-EINVAL, get_one(self, 0, NULL, tb));
	close(fd);
	ASSERT_EQ(-ENOENT, get_one(self, info.id, NULL, tb));
}

/* Enough sandboxes that the dump takes several messages and resumes. */
TEST_F(nl, dump_lists_every_sandbox)
{
	__u64 ids[100];
	int fds[100], i, err;

	for (i = 0; i < 100; i++) {
		fds[i] = make_sandbox(self->dev, "nldump", i, &ids[i]);
		ASSERT_GE(fds[i], 0);
	}
	ASSERT_EQ(100, dump_count(self, ids, 100, &err));
	ASSERT_EQ(0, err);
	for (i = 0; i < 100; i++)
		close(fds[i]);
	ASSERT_EQ(0, dump_count(self, ids, 100, &err));
}

TEST_F(nl, non_root_cannot_dump_or_subscribe)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	__u64 id;
	int fd, err, status;
	pid_t pid;

	fd = make_sandbox(self->dev, "nlperm", 0, &id);
	ASSERT_GE(fd, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(10);
		if (get_one(self, id, NULL, tb) != -EPERM)
			_exit(11);
		if (dump_count(self, &id, 1, &err) || err != -EPERM)
			_exit(12);
		if (genl_subscribe(&self->ids, 0) != -EPERM)
			_exit(13);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
	close(fd);
}

/* Reads events until one of type @type of sandbox @id arrives. */
static int next_event(FIXTURE_DATA(nl) * self, int fd, __u64 id,
		      struct nlattr **tb)
{
	struct timeval tv = { .tv_sec = 5 };
	struct nlmsghdr *nlh;
	int n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (;;) {
		n = genl_recv(fd, self->buf);
		if (n < 0)
			return n;
		nlh = (struct nlmsghdr *)self->buf;
		genl_parse(nlh, tb, SANDBOX_A_MAX);
		if (tb[SANDBOX_A_ID] && genl_u64(tb[SANDBOX_A_ID]) == id)
			return genl_u32(tb[SANDBOX_A_EVENT_TYPE]);
	}
}

TEST_F(nl, lifecycle_events_in_order)
{
	static const int attrs[] = {
		SANDBOX_A_EVENT_TYPE, SANDBOX_A_EVENT_SEQ, SANDBOX_A_EVENT_LOST,
		SANDBOX_A_EVENT_MONO_NS, SANDBOX_A_EVENT_BOOT_NS, SANDBOX_A_ID,
		SANDBOX_A_NAME, SANDBOX_A_KIND, SANDBOX_A_CGROUP_ID,
		SANDBOX_A_CREATOR_UID,
	};
	static const int want[] = {
		SANDBOX_EVENT_CREATED, SANDBOX_EVENT_STARTED,
		SANDBOX_EVENT_EXITED, SANDBOX_EVENT_DESTROYED,
	};
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct sandbox_info info;
	struct cg_task task = {};
	__u64 seq = 0, mono = 0;
	int ev, fd, sb, i, k;
	char name[48];

	ev = genl_subscribe(&self->ids, 0);
	ASSERT_GE(ev, 0);
	snprintf(name, sizeof(name), "nlev-%d", getpid());
	fd = cg_create(name);
	ASSERT_GE(fd, 0);
	sb = sb_create_raw(self->dev, name, fd);
	ASSERT_GE(sb, 0);
	ASSERT_EQ(0, cg_spawn(fd, &task, body_exit, (void *)3L));
	close(fd);
	ASSERT_EQ(0, sb_start_raw(sb, task.pid));
	cg_release(&task);
	ASSERT_EQ(task.pid, waitpid(task.pid, NULL, 0));
	ASSERT_EQ(0, sb_info_raw(sb, &info, NULL));
	close(sb);

	for (i = 0; i < 4; i++) {
		ASSERT_EQ(want[i], next_event(self, ev, info.id, tb));
		for (k = 0; k < (int)ARRAY_SIZE(attrs); k++) {
			ASSERT_NE(NULL, tb[attrs[k]])
				TH_LOG("attribute %d missing", attrs[k]);
		}
		ASSERT_STREQ(name, genl_attr_data(tb[SANDBOX_A_NAME]));
		/* Nothing else happens meanwhile: consecutive numbers. */
		if (seq)
			ASSERT_EQ(seq + 1, genl_u64(tb[SANDBOX_A_EVENT_SEQ]));
		seq = genl_u64(tb[SANDBOX_A_EVENT_SEQ]);
		ASSERT_LE(mono, genl_u64(tb[SANDBOX_A_EVENT_MONO_NS]));
		mono = genl_u64(tb[SANDBOX_A_EVENT_MONO_NS]);
		if (want[i] == SANDBOX_EVENT_STARTED)
			ASSERT_EQ(task.pid, genl_u32(tb[SANDBOX_A_INIT_PID]));
		if (want[i] == SANDBOX_EVENT_EXITED) {
			ASSERT_EQ(3, genl_u32(tb[SANDBOX_A_EXIT_CODE]));
			ASSERT_EQ(3 << 8, genl_u32(tb[SANDBOX_A_EXIT_STATUS]));
			ASSERT_EQ(NULL, tb[SANDBOX_A_EXIT_SIGNAL]);
			ASSERT_EQ(0, genl_u64(tb[SANDBOX_A_OOM_KILLS]));
		}
	}
	cg_wait_gone(name, CG_GONE_MS);
	close(ev);
}

struct flood_stats {
	__u64 first_seq, last_seq, received, missed, first_lost, last_lost;
	int overruns;
};

/* Takes one event into @st: counts it and the gap before it. */
static void flood_account(struct flood_stats *st, struct nlattr **tb)
{
	__u64 seq = genl_u64(tb[SANDBOX_A_EVENT_SEQ]);

	if (!st->first_seq) {
		st->first_seq = seq;
		st->first_lost = genl_u64(tb[SANDBOX_A_EVENT_LOST]);
	} else {
		st->missed += seq - st->last_seq - 1;
	}
	st->last_seq = seq;
	st->last_lost = genl_u64(tb[SANDBOX_A_EVENT_LOST]);
	st->received++;
}

/* Drains the socket without blocking. */
static void flood_drain(FIXTURE_DATA(nl) * self, int fd,
			struct flood_stats *st)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	int n;

	for (;;) {
		n = recv(fd, self->buf, GENL_BUF, MSG_DONTWAIT);
		if (n < 0 && errno == ENOBUFS) {
			st->overruns++;
			continue;
		}
		if (n <= 0)
			return;
		genl_parse((struct nlmsghdr *)self->buf, tb, SANDBOX_A_MAX);
		flood_account(st, tb);
	}
}

/*
 * FLOOD sandboxes created and destroyed while a subscriber with a tiny
 * receive buffer reads only now and then: it must learn exactly how many
 * events it missed, from the sequence numbers and the lost counter.
 */
/*
 * 2,000 sandboxes take longer than the harness's 30 s on a busy host, and
 * over 300 s on check-debug's kernel.
 */
TEST_F_TIMEOUT(nl, flood_reports_lost_events, 1800)
{
	struct nlattr *tb[SANDBOX_A_MAX + 1];
	struct flood_stats st = {};
	__u64 marker;
	int ev, fd, i;

	ev = genl_subscribe(&self->ids, 1);	/* the minimum buffer */
	ASSERT_GE(ev, 0);
	for (i = 0; i < FLOOD; i++) {
		fd = make_sandbox(self->dev, "nlflood", i, NULL);
		ASSERT_GE(fd, 0);
		close(fd);
		if (i % 100 == 0)
			flood_drain(self, ev, &st);
	}
	flood_drain(self, ev, &st);
	ASSERT_LT(0, st.received);

	/* The next event tells what the last ones lost. */
	fd = make_sandbox(self->dev, "nlflood", FLOOD, &marker);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(SANDBOX_EVENT_CREATED, next_event(self, ev, marker, tb));
	flood_account(&st, tb);
	close(fd);

	TH_LOG("%llu events, %llu received, %llu missed, lost %llu -> %llu, %d overruns",
	       st.last_seq - st.first_seq + 1, st.received, st.missed,
	       st.first_lost, st.last_lost, st.overruns);
	ASSERT_EQ(st.last_seq - st.first_seq + 1, st.received + st.missed);
	ASSERT_LT(0, st.missed);
	ASSERT_LT(0, st.overruns);
	/*
	 * The only subscriber, with NETLINK_BROADCAST_ERROR: the kernel
	 * counted every event we missed, and no other.
	 */
	ASSERT_EQ(st.missed, st.last_lost - st.first_lost);
	close(ev);
}

TEST_HARNESS_MAIN
