// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl acct status|enable|disable: the eBPF accounting programs.
 */
#include <stdio.h>
#include <string.h>

#include "acct.h"
#include "lookup.h"

static int acct_status(bool json)
{
	struct sb_acct_status st;
	struct json j;
	int ret;

	ret = sb_acct_status(&st);
	if (ret) {
		sbctl_err("accounting status: %s", strerror(-ret));
		return SBCTL_EXIT_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_begin_object(&j, NULL);
		json_bool(&j, "loaded", st.loaded);
		json_bool(&j, "disabled", st.disabled);
		json_bool(&j, "module_btf", st.module_btf);
		json_bool(&j, "kfunc", st.kfunc);
		json_u64(&j, "sandboxes", st.sandboxes);
		json_string(&j, "pin_dir", SB_ACCT_PIN_DIR);
		json_end_object(&j);
		json_finish(&j);
		return SBCTL_EXIT_OK;
	}
	printf("accounting: %s\n", st.loaded ? "loaded" :
	       st.disabled ? "disabled" : "not loaded (loads with the next sandbox)");
	printf("module tracepoints: %s\n", st.module_btf ? "tp_btf" : "raw_tp");
	printf("kfunc bpf_sandbox_task_id: %s\n", st.kfunc ? "yes" : "no");
	if (st.loaded)
		printf("sandboxes accounted: %u\npinned in: %s\n",
		       st.sandboxes, SB_ACCT_PIN_DIR);
	return SBCTL_EXIT_OK;
}

static int acct_run(int argc, char **argv)
{
	struct sb_error e = {};
	bool json = false;
	const char *verb;
	int ind, ret;

	ind = sbctl_parse_verb(&sbctl_cmd_acct, argc, argv, &json);
	if (ind <= 0)
		return -ind;
	if (argc - ind != 1)
		return sbctl_usage(&sbctl_cmd_acct, SBCTL_EXIT_USAGE);
	verb = argv[ind];
	if (!strcmp(verb, "status"))
		return acct_status(json);
	if (!strcmp(verb, "enable"))
		ret = sb_acct_enable(&e);
	else if (!strcmp(verb, "disable"))
		ret = sb_acct_disable(&e);
	else
		return sbctl_usage(&sbctl_cmd_acct, SBCTL_EXIT_USAGE);
	if (ret) {
		sbctl_err("%s: %s", e.msg, strerror(e.err));
		return SBCTL_EXIT_FAIL;
	}
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_acct = {
	.name = "acct",
	.summary = "eBPF accounting: status, enable, disable",
	.usage =
	"usage: sandboxctl acct status [--json] | enable | disable\n\n"
	"Per-sandbox accounting counts syscalls, context switches, page\n"
	"faults, forks, execs, network traffic and denied operations with\n"
	"eBPF programs pinned in " SB_ACCT_PIN_DIR ". The first\n"
	"sandbox that needs them loads them; they stay until disabled.\n\n"
	"  status    whether they are loaded, and how (--json: an object)\n"
	"  enable    load them now (also after disable)\n"
	"  disable   unload them and keep them unloaded: sandboxes then only\n"
	"            have their cgroup's counters. Needed before unloading\n"
	"            sandbox.ko, whose tracepoints they use.\n"
	"  -h, --help\n",
	.run = acct_run,
};
