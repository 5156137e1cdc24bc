// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl policy status|check FILE|unload: the BPF LSM policy programs.
 */
#include <stdio.h>
#include <string.h>

#include "lookup.h"
#include "policy.h"

static int policy_status(bool json)
{
	char why[SB_ERROR_MAX];
	unsigned int n;
	struct json j;
	bool loaded;
	int ret;

	ret = sb_policy_status(&loaded, &n, why, sizeof(why));
	if (ret) {
		sbctl_err("policy status: %s", strerror(-ret));
		return SBCTL_EXIT_FAIL;
	}
	if (!json) {
		printf("policy programs: %s\n", loaded ? "loaded" : "not loaded");
		if (loaded)
			printf("sandboxes with a policy: %u\npinned in: %s\n", n,
			       SB_POLICY_PIN_DIR);
		if (why[0])
			printf("unsupported: %s\n", why);
		return SBCTL_EXIT_OK;
	}
	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_bool(&j, "loaded", loaded);
	json_u64(&j, "policies", n);
	json_string(&j, "pin_dir", SB_POLICY_PIN_DIR);
	if (why[0])
		json_string(&j, "unsupported", why);
	else
		json_null(&j, "unsupported");
	json_end_object(&j);
	json_finish(&j);
	return SBCTL_EXIT_OK;
}

static int policy_run(int argc, char **argv)
{
	struct sb_error e = {};
	struct sb_policy p;
	bool json = false;
	int ind, ret;

	ind = sbctl_parse_verb(&sbctl_cmd_policy, argc, argv, &json);
	if (ind <= 0)
		return -ind;
	if (ind < argc && !strcmp(argv[ind], "status") && ind + 1 == argc)
		return policy_status(json);
	if (ind < argc && !strcmp(argv[ind], "check") && ind + 2 == argc)
		ret = sb_policy_parse_file(argv[ind + 1], &p, &e);
	else if (ind < argc && !strcmp(argv[ind], "unload") && ind + 1 == argc)
		ret = sb_policy_unload(&e);
	else
		return sbctl_usage(&sbctl_cmd_policy, SBCTL_EXIT_USAGE);
	if (ret) {
		sbctl_err("%s: %s", e.msg, strerror(e.err));
		return SBCTL_EXIT_FAIL;
	}
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_policy = {
	.name = "policy",
	.summary = "BPF LSM policies: status, check, unload",
	.usage =
	"usage: sandboxctl policy status [--json] | check FILE | unload\n\n"
	"The policies of 'run --policy' are enforced by BPF LSM programs\n"
	"pinned in " SB_POLICY_PIN_DIR ", loaded by the first sandbox\n"
	"with a policy.\n\n"
	"  status        whether they are loaded, and how many sandboxes have\n"
	"                a policy (--json: an object)\n"
	"  check FILE    parse a policy file and report its first error\n"
	"  unload        unload them (sandboxes keep running unrestricted by\n"
	"                them): needed before unloading sandbox.ko\n"
	"  -h, --help\n",
	.run = policy_run,
};
