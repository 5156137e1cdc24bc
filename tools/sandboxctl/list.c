// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl list [--json]: the live sandboxes.
 *
 * Through the netlink family's dump, which shows every sandbox in one
 * round trip; callers without CAP_NET_ADMIN get the sandboxes they may
 * open, one SANDBOX_OPEN and SANDBOX_GET_INFO each.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"
#include "sbnl.h"

static void list_print(const struct sandbox_info *i, const char *name,
		       struct json *j)
{
	if (j)
		sbctl_describe_json(j, i, name);
	else
		printf("%-6" PRIu64 " %-24s %-8s %u\n", (uint64_t)i->id, name,
		       sbctl_state_name(i->state), i->init_pid);
}

/* One GET reply of the dump, as SANDBOX_GET_INFO would describe it. */
static int list_dumped(const struct sb_nl_msg *m, void *arg)
{
	struct sandbox_info i = {
		.id = m->id, .cgroup_id = m->cgroup_id, .kind = m->kind,
		.state = m->state, .init_pid = m->init_pid,
		.exit_status = m->exit_status, .creator_uid = m->creator_uid,
		.limits = m->limits, .created_ns = m->created_ns,
		.created_boot_ns = m->created_boot_ns,
		.started_ns = m->started_ns, .exited_ns = m->exited_ns,
		.memory_max = m->memory_max, .pids_max = m->pids_max,
		.cpu_quota_us = m->cpu_quota_us,
		.cpu_period_us = m->cpu_period_us, .io_weight = m->io_weight,
		.vcpus = m->vcpus, .guest_mem = m->guest_mem,
	};

	list_print(&i, m->name, arg);
	return 0;
}

/* Prints one sandbox, unless it went away meanwhile. */
static void list_one(int dev, __u64 id, struct json *j)
{
	char name[SANDBOX_NAME_MAX];
	struct sandbox_info i;
	int fd, ret;

	fd = sb_open_sandbox(dev, id, NULL);
	if (fd < 0)
		return;
	ret = sb_info(fd, &i, name);
	close(fd);
	if (ret >= 0)
		list_print(&i, name, j);
}

/* Without CAP_NET_ADMIN: each sandbox the caller may open. */
static int list_opened(struct json *j)
{
	int dev, nr, k;
	__u64 *ids;

	dev = sbctl_open_device();
	if (dev < 0)
		return -1;
	ids = sbctl_list_ids(dev, &nr);
	for (k = 0; ids && k < nr; k++)
		list_one(dev, ids[k], j);
	close(dev);
	if (!ids)
		return -1;
	free(ids);
	return 0;
}

static int list_run(int argc, char **argv)
{
	bool json = false;
	struct json j;
	int ind, ret;

	ind = sbctl_parse_simple(&sbctl_cmd_list, argc, argv, &json);
	if (ind <= 0)
		return -ind;
	if (ind != argc)
		return sbctl_usage(&sbctl_cmd_list, SBCTL_EXIT_USAGE);
	if (json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
	} else {
		printf("%-6s %-24s %-8s %-8s\n", "ID", "NAME", "STATE", "PID");
	}
	ret = sb_nl_dump(list_dumped, json ? &j : NULL);
	if (ret == -EPERM || ret == -ENOENT)
		ret = list_opened(json ? &j : NULL);
	else if (ret)
		sbctl_err("netlink dump: %s", strerror(-ret));
	if (json) {
		json_end_array(&j);
		json_finish(&j);
	}
	return ret ? SBCTL_EXIT_FAIL : SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_list = {
	.name = "list",
	.summary = "list live sandboxes",
	.usage =
	"usage: sandboxctl list [--json]\n\n"
	"List the live sandboxes: all of them with CAP_NET_ADMIN (through\n"
	"the netlink dump), otherwise those you may open (yours).\n\n"
	"  --json    a JSON array of objects as 'info --json' prints them\n"
	"  -h, --help\n",
	.run = list_run,
};
