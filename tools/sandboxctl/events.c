// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl events [--json] [--follow] [--sandbox NAME]: print sandbox
 * lifecycle events from the netlink events group, as text or one JSON
 * object per line. Gaps in the kernel's sequence numbers are reported as
 * lost events, never skipped silently.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "sandboxctl.h"
#include "sbnl.h"

struct events {
	bool json;
	bool follow;
	const char *sandbox;
	__u64 last_seq;		/* 0 until the first event */
	bool done;
};

static const char *const event_names[] = {
	[SANDBOX_EVENT_CREATED] = "created",
	[SANDBOX_EVENT_STARTED] = "started",
	[SANDBOX_EVENT_EXITED] = "exited",
	[SANDBOX_EVENT_DESTROYED] = "destroyed",
	[SANDBOX_EVENT_EXEC] = "exec",
	[SANDBOX_EVENT_LIMIT_HIT] = "limit-hit",
	[SANDBOX_EVENT_DENIED] = "denied",
};

static const char *const denied_names[] = {
	[SANDBOX_DENIED_MOUNT] = "mount",
	[SANDBOX_DENIED_MODULE] = "module",
	[SANDBOX_DENIED_PTRACE] = "ptrace",
	[SANDBOX_DENIED_OPEN] = "open",
	[SANDBOX_DENIED_CONNECT] = "connect",
	[SANDBOX_DENIED_BIND] = "bind",
	[SANDBOX_DENIED_EXEC] = "exec",
};

static const char *denied_name(__u32 op)
{
	if (op < ARRAY_SIZE(denied_names) && denied_names[op])
		return denied_names[op];
	return "unknown";
}

static const char *limit_name(__u32 limit)
{
	switch (limit) {
	case SANDBOX_LIMIT_MEMORY:
		return "memory";
	case SANDBOX_LIMIT_PIDS:
		return "pids";
	}
	return "unknown";
}

static const char *limit_event_name(__u32 what)
{
	switch (what) {
	case SANDBOX_LIMIT_EVENT_MAX:
		return "max";
	case SANDBOX_LIMIT_EVENT_OOM_KILL:
		return "oom_kill";
	}
	return "unknown";
}

static const char *event_name(__u32 type)
{
	if (type < ARRAY_SIZE(event_names) && event_names[type])
		return event_names[type];
	return "unknown";
}

/* Events between the last one seen and @seq never arrived. */
static void report_gap(struct events *ev, __u64 seq)
{
	__u64 missed;
	struct json j;

	if (!ev->last_seq || seq <= ev->last_seq + 1)
		return;
	missed = seq - ev->last_seq - 1;
	if (!ev->json) {
		printf("-- lost %" PRIu64 " events (seq %" PRIu64 "..%" PRIu64
		       ")\n", (uint64_t)missed, (uint64_t)ev->last_seq + 1,
		       (uint64_t)seq - 1);
		return;
	}
	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_string(&j, "event", "lost");
	json_u64(&j, "count", missed);
	json_u64(&j, "first_seq", ev->last_seq + 1);
	json_u64(&j, "last_seq", seq - 1);
	json_end_object(&j);
	json_finish(&j);
}

static void print_json(const struct sb_nl_msg *m)
{
	struct json j;

	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_string(&j, "event", event_name(m->type));
	json_u64(&j, "seq", m->seq);
	json_u64(&j, "lost", m->lost);
	json_u64(&j, "mono_ns", m->mono_ns);
	json_u64(&j, "boot_ns", m->boot_ns);
	json_u64(&j, "id", m->id);
	json_string(&j, "name", m->name);
	json_string(&j, "kind", m->kind == SANDBOX_KIND_MICROVM ? "microvm" :
		    m->kind == SANDBOX_KIND_CONTAINER ?
		    "container" : "unknown");
	json_u64(&j, "cgroup_id", m->cgroup_id);
	json_u64(&j, "creator_uid", m->creator_uid);
	if (SB_NL_HAS(m, SANDBOX_A_INIT_PID))
		json_u64(&j, "init_pid", m->init_pid);
	if (SB_NL_HAS(m, SANDBOX_A_EXIT_STATUS))
		json_u64(&j, "exit_status", m->exit_status);
	if (SB_NL_HAS(m, SANDBOX_A_EXIT_CODE))
		json_u64(&j, "exit_code", m->exit_code);
	if (SB_NL_HAS(m, SANDBOX_A_EXIT_SIGNAL))
		json_u64(&j, "exit_signal", m->exit_signal);
	if (SB_NL_HAS(m, SANDBOX_A_OOM_KILLS))
		json_u64(&j, "oom_kills", m->oom_kills);
	if (SB_NL_HAS(m, SANDBOX_A_PID))
		json_u64(&j, "pid", m->pid);
	if (SB_NL_HAS(m, SANDBOX_A_PATH))
		json_string(&j, "path", m->path);
	if (SB_NL_HAS(m, SANDBOX_A_VCPUS)) {
		json_u64(&j, "vcpus", m->vcpus);
		json_u64(&j, "guest_mem", m->guest_mem);
	}
	if (SB_NL_HAS(m, SANDBOX_A_DENIED_OP)) {
		json_string(&j, "denied_op", denied_name(m->denied_op));
		json_string(&j, "object", m->object);
	}
	if (SB_NL_HAS(m, SANDBOX_A_LIMIT)) {
		json_string(&j, "limit", limit_name(m->limit));
		json_string(&j, "limit_event",
			    limit_event_name(m->limit_event));
		json_u64(&j, "count", m->limit_count);
	}
	json_end_object(&j);
	json_finish(&j);
}

static void print_text(const struct sb_nl_msg *m)
{
	printf("%" PRIu64 " %" PRIu64 ".%09" PRIu64 " %-9s %" PRIu64 " %s",
	       (uint64_t)m->seq, (uint64_t)m->mono_ns / 1000000000,
	       (uint64_t)m->mono_ns % 1000000000, event_name(m->type),
	       (uint64_t)m->id, m->name);
	if (SB_NL_HAS(m, SANDBOX_A_INIT_PID))
		printf(" pid=%u", m->init_pid);
	if (SB_NL_HAS(m, SANDBOX_A_EXIT_CODE))
		printf(" code=%u", m->exit_code);
	if (SB_NL_HAS(m, SANDBOX_A_EXIT_SIGNAL))
		printf(" signal=%u", m->exit_signal);
	if (m->oom_kills)
		printf(" oom_kills=%" PRIu64, (uint64_t)m->oom_kills);
	if (SB_NL_HAS(m, SANDBOX_A_PATH))
		printf(" pid=%u path=%s", m->pid, m->path);
	if (SB_NL_HAS(m, SANDBOX_A_DENIED_OP))
		printf(" pid=%u op=%s object=%s", m->pid,
		       denied_name(m->denied_op), m->object);
	if (SB_NL_HAS(m, SANDBOX_A_LIMIT))
		printf(" limit=%s event=%s count=%" PRIu64,
		       limit_name(m->limit), limit_event_name(m->limit_event),
		       (uint64_t)m->limit_count);
	if (m->lost)
		printf(" lost=%" PRIu64, (uint64_t)m->lost);
	putchar('\n');
}

static int on_event(const struct sb_nl_msg *m, void *arg)
{
	struct events *ev = arg;

	if (!SB_NL_HAS(m, SANDBOX_A_EVENT_SEQ))
		return 0;
	/* Gaps count every event, also those of other sandboxes. */
	report_gap(ev, m->seq);
	if (m->seq > ev->last_seq)
		ev->last_seq = m->seq;
	if (ev->sandbox && strcmp(ev->sandbox, m->name))
		return 0;
	if (ev->json)
		print_json(m);
	else
		print_text(m);
	if (!ev->follow && m->type == SANDBOX_EVENT_DESTROYED)
		ev->done = true;
	return 0;
}

static int events_parse(struct events *ev, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "sandbox", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "+fs:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			ev->json = true;
			break;
		case 'f':
			ev->follow = true;
			break;
		case 's':
			ev->sandbox = optarg;
			break;
		case 'h':
			return -sbctl_usage(&sbctl_cmd_events, SBCTL_EXIT_OK);
		default:
			return -sbctl_usage(&sbctl_cmd_events,
					    SBCTL_EXIT_USAGE);
		}
	}
	if (optind != argc)
		return -sbctl_usage(&sbctl_cmd_events, SBCTL_EXIT_USAGE);
	return optind;
}

static int events_run(int argc, char **argv)
{
	struct events ev = {};
	struct sb_nl *nl;
	int ret;

	ret = events_parse(&ev, argc, argv);
	if (ret <= 0)
		return -ret;
	ret = sb_nl_events_open(&nl, 0);
	if (ret == -ENOENT) {
		sbctl_err("netlink family '%s' not found (is sandbox.ko loaded?)",
			  SANDBOX_GENL_NAME);
		return SBCTL_EXIT_FAIL;
	} else if (ret < 0) {
		sbctl_err("cannot subscribe to sandbox events: %s%s",
			  strerror(-ret), ret == -EPERM ?
			  " (CAP_NET_ADMIN is needed)" : "");
		return SBCTL_EXIT_FAIL;
	}
	/* A SIEM reads us through a pipe: one line as soon as it is out. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (!ev.done) {
		ret = sb_nl_events_read(nl, on_event, &ev);
		/* An overrun: the gap shows on the next event. */
		if (ret == -ENOBUFS || ret == -EINTR)
			continue;
		if (ret < 0) {
			sbctl_err("reading events: %s", strerror(-ret));
			break;
		}
	}
	sb_nl_close(nl);
	return ev.done ? SBCTL_EXIT_OK : SBCTL_EXIT_FAIL;
}

const struct sbctl_cmd sbctl_cmd_events = {
	.name = "events",
	.summary = "print sandbox lifecycle events",
	.usage =
	"usage: sandboxctl events [--json] [--follow] [--sandbox NAME]\n\n"
	"Print lifecycle events of sandboxes (created, started, exited,\n"
	"destroyed) as the kernel sends them; needs CAP_NET_ADMIN. Without\n"
	"--follow, stop after the first destroyed event printed. Events the\n"
	"kernel could not deliver are reported as lost, with their count.\n\n"
	"  --json           one JSON object per line\n"
	"  -f, --follow     keep printing until interrupted\n"
	"  -s, --sandbox NAME  only the events of sandbox NAME\n"
	"  -h, --help\n",
	.run = events_run,
};
