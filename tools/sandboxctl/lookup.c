// SPDX-License-Identifier: GPL-2.0
/*
 * What the commands on existing sandboxes share: simple option parsing,
 * finding a sandbox by name or id, and describing it.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "lookup.h"
#include "sandbox.h"
#include "sandboxctl.h"

int sbctl_parse_simple(const struct sbctl_cmd *cmd, int argc, char **argv,
		       bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h')
			return -sbctl_usage(cmd, SBCTL_EXIT_OK);
		if (c != 'j' || !json)
			return -sbctl_usage(cmd, SBCTL_EXIT_USAGE);
		*json = true;
	}
	return optind;
}

int sbctl_parse_verb(const struct sbctl_cmd *cmd, int argc, char **argv,
		     bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return -sbctl_usage(cmd, SBCTL_EXIT_OK);
		if (c != 'j')
			return -sbctl_usage(cmd, SBCTL_EXIT_USAGE);
		*json = true;
	}
	return optind;
}

static bool all_digits(const char *s)
{
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

int sbctl_open_sandbox(int devfd, const char *ref)
{
	__u64 id = 0;
	int fd;

	if (*ref && all_digits(ref))
		id = strtoull(ref, NULL, 10);
	fd = sb_open_sandbox(devfd, id, id ? NULL : ref);
	if (fd == -ENOENT)
		sbctl_err("%s: no such sandbox", ref);
	else if (fd == -EINVAL)
		sbctl_err("%s: not a sandbox name or id", ref);
	else if (fd < 0)
		sbctl_err("%s: %s", ref, strerror(-fd));
	return fd < 0 ? -1 : fd;
}

int sbctl_open_named(const char *ref)
{
	int dev, fd;

	dev = sbctl_open_device();
	if (dev < 0)
		return -1;
	fd = sbctl_open_sandbox(dev, ref);
	close(dev);
	return fd;
}

const char *sbctl_state_name(unsigned int state)
{
	switch (state) {
	case SANDBOX_STATE_CREATED:
		return "created";
	case SANDBOX_STATE_RUNNING:
		return "running";
	case SANDBOX_STATE_EXITED:
		return "exited";
	default:
		return "unknown";
	}
}

/* Exit status in the shell's convention: code, or 128 + signal. */
int sbctl_exit_code(unsigned int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static double seconds_since(__u64 mono_ns)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e9 + ts.tv_nsec - mono_ns) / 1e9;
}

static const char *sbctl_kind_name(__u32 kind)
{
	switch (kind) {
	case SANDBOX_KIND_CONTAINER:
		return "container";
	case SANDBOX_KIND_MICROVM:
		return "microvm";
	default:
		return "unknown";
	}
}

void sbctl_describe_text(const struct sandbox_info *i, const char *name)
{
	printf("id:          %" PRIu64 "\n", (uint64_t)i->id);
	printf("name:        %s\n", name);
	printf("kind:        %s\n", sbctl_kind_name(i->kind));
	if (i->kind == SANDBOX_KIND_MICROVM) {
		printf("vcpus:       %u\n", i->vcpus);
		printf("guest mem:   %" PRIu64 " bytes\n",
		       (uint64_t)i->guest_mem);
	}
	printf("state:       %s\n", sbctl_state_name(i->state));
	printf("init pid:    %u\n", i->init_pid);
	printf("cgroup id:   %" PRIu64 "\n", (uint64_t)i->cgroup_id);
	printf("creator uid: %u\n", i->creator_uid);
	printf("age:         %.1f s\n", seconds_since(i->created_ns));
	if (i->limits & SANDBOX_LIMIT_MEMORY)
		printf("memory max:  %" PRIu64 " bytes\n",
		       (uint64_t)i->memory_max);
	if (i->limits & SANDBOX_LIMIT_PIDS)
		printf("pids max:    %" PRIu64 "\n", (uint64_t)i->pids_max);
	if (i->limits & SANDBOX_LIMIT_CPU)
		printf("cpu max:     %u/%u us\n", i->cpu_quota_us,
		       i->cpu_period_us);
	if (i->state == SANDBOX_STATE_EXITED)
		printf("exit code:   %d\n", sbctl_exit_code(i->exit_status));
}

static void describe_limit(struct json *j, const char *key, bool set,
			   uint64_t val)
{
	if (set)
		json_u64(j, key, val);
	else
		json_null(j, key);
}

void sbctl_describe_json(struct json *j, const struct sandbox_info *i,
			 const char *name)
{
	json_begin_object(j, NULL);
	json_u64(j, "id", i->id);
	json_string(j, "name", name);
	json_string(j, "kind", sbctl_kind_name(i->kind));
	if (i->kind == SANDBOX_KIND_MICROVM) {
		json_u64(j, "vcpus", i->vcpus);
		json_u64(j, "guest_mem", i->guest_mem);
	} else {
		json_null(j, "vcpus");
		json_null(j, "guest_mem");
	}
	json_string(j, "state", sbctl_state_name(i->state));
	json_u64(j, "init_pid", i->init_pid);
	json_u64(j, "cgroup_id", i->cgroup_id);
	json_u64(j, "creator_uid", i->creator_uid);
	json_u64(j, "created_ns", i->created_ns);
	json_u64(j, "created_boot_ns", i->created_boot_ns);
	json_u64(j, "started_ns", i->started_ns);
	json_u64(j, "exited_ns", i->exited_ns);
	if (i->state == SANDBOX_STATE_EXITED)
		json_i64(j, "exit_code", sbctl_exit_code(i->exit_status));
	else
		json_null(j, "exit_code");
	describe_limit(j, "memory_max", i->limits & SANDBOX_LIMIT_MEMORY,
		       i->memory_max);
	describe_limit(j, "pids_max", i->limits & SANDBOX_LIMIT_PIDS,
		       i->pids_max);
	describe_limit(j, "cpu_quota_us", i->limits & SANDBOX_LIMIT_CPU,
		       i->cpu_quota_us);
	describe_limit(j, "cpu_period_us", i->limits & SANDBOX_LIMIT_CPU,
		       i->cpu_period_us);
	json_end_object(j);
}

/* Returns a malloc'ed array of the ids, its length in @nr; NULL on error. */
__u64 *sbctl_list_ids(int dev, int *nr)
{
	__u64 *ids = NULL;
	int cap = 0, n;

	for (;;) {
		n = sb_list(dev, ids, cap);
		if (n < 0 || n <= cap)
			break;
		free(ids);
		cap = n + 16;	/* more may appear meanwhile */
		ids = calloc(cap, sizeof(*ids));
		if (!ids) {
			n = -ENOMEM;
			break;
		}
	}
	if (n < 0) {
		sbctl_err("SANDBOX_LIST: %s", strerror(-n));
		free(ids);
		return NULL;
	}
	*nr = n;
	return ids ? ids : calloc(1, sizeof(*ids));
}
