// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl version: tool version, module API version and capabilities.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "sandbox.h"
#include "sandboxctl.h"

struct module_desc {
	char version[64];
	int api_version;
	unsigned int nr_sandboxes;
	bool caps[__SANDBOX_CAP_MAX];
};

static int version_query(int fd, struct module_desc *m)
{
	struct sandbox_module_info info;
	unsigned int cap;
	int ret;

	m->api_version = sb_api_version(fd);
	if (m->api_version < 0) {
		sbctl_err("SANDBOX_GET_API_VERSION: %s",
			  strerror(-m->api_version));
		return -1;
	}
	for (cap = 1; cap < __SANDBOX_CAP_MAX; cap++)
		m->caps[cap] = sb_check_extension(fd, cap) > 0;

	snprintf(m->version, sizeof(m->version), "unknown");
	m->nr_sandboxes = 0;
	if (!m->caps[SANDBOX_CAP_MODULE_INFO])
		return 0;
	ret = sb_module_info(fd, &info, m->version, sizeof(m->version));
	if (ret < 0) {
		sbctl_err("SANDBOX_GET_MODULE_INFO: %s", strerror(-ret));
		return -1;
	}
	m->nr_sandboxes = info.nr_sandboxes;
	return 0;
}

static void version_print_text(const struct module_desc *m)
{
	unsigned int cap;

	printf("sandboxctl %s\n", SANDBOX_TOOLS_VERSION);
	printf("module %s, api version %d, %u sandboxes\n", m->version,
	       m->api_version, m->nr_sandboxes);
	fputs("capabilities:", stdout);
	for (cap = 1; cap < __SANDBOX_CAP_MAX; cap++) {
		if (m->caps[cap])
			printf(" %s", sb_cap_name(cap));
	}
	putchar('\n');
}

static void version_print_json(const struct module_desc *m)
{
	struct json j;
	unsigned int cap;

	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_string(&j, "tool_version", SANDBOX_TOOLS_VERSION);
	json_begin_object(&j, "module");
	json_string(&j, "version", m->version);
	json_i64(&j, "api_version", m->api_version);
	json_u64(&j, "sandboxes", m->nr_sandboxes);
	json_begin_array(&j, "capabilities");
	for (cap = 1; cap < __SANDBOX_CAP_MAX; cap++) {
		if (m->caps[cap])
			json_string(&j, NULL, sb_cap_name(cap));
	}
	json_end_array(&j);
	json_end_object(&j);
	json_end_object(&j);
	json_finish(&j);
}

static int version_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct module_desc m;
	bool json = false;
	int c, fd, ret;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return sbctl_usage(&sbctl_cmd_version, SBCTL_EXIT_OK);
		default:
			return sbctl_usage(&sbctl_cmd_version,
					   SBCTL_EXIT_USAGE);
		}
	}
	if (optind != argc)
		return sbctl_usage(&sbctl_cmd_version, SBCTL_EXIT_USAGE);

	fd = sbctl_open_device();
	if (fd < 0)
		return SBCTL_EXIT_FAIL;
	ret = version_query(fd, &m);
	close(fd);
	if (ret)
		return SBCTL_EXIT_FAIL;

	if (json)
		version_print_json(&m);
	else
		version_print_text(&m);
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_version = {
	.name = "version",
	.summary = "print tool and module versions and capabilities",
	.usage =
	"usage: sandboxctl version [--json]\n\n"
	"Print the version of sandboxctl, and of the loaded sandbox module\n"
	"with its API version and capabilities.\n\n"
	"  --json    one JSON object on stdout\n"
	"  -h, --help\n",
	.run = version_run,
};
