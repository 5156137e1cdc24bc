#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sandboxctl's device-level commands against the loaded module.
# Needs root, sandbox.ko loaded, SANDBOXCTL and SANDBOX_KO (set by run).

. "$(dirname "$0")/lib.sh"
# Under the kernel's kselftest runner: the module as installed.
SANDBOX_KO=${SANDBOX_KO:-$(modinfo -n sandbox 2>/dev/null)}

version_text() {
	run_ctl 0 version &&
	grep -qx "sandboxctl $(cat VERSION)" "$out" &&
	grep -q "api version 1," "$out" &&
	grep -q "^capabilities:.* module-info" "$out" &&
	[ ! -s "$err" ]
}

version_json() {
	run_ctl 0 version --json &&
	python3 - "$out" "$(cat /sys/module/sandbox/version)" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
m = v["module"]
assert m["api_version"] == 1, m
assert m["version"] == sys.argv[2], m
assert "module-info" in m["capabilities"], m
assert isinstance(m["sandboxes"], int), m
PY
}

help_lists_commands() {
	run_ctl 0 --help && grep -q '^  version ' "$out" &&
	run_ctl 0 version --help && grep -q '^usage: sandboxctl version' "$out"
}

bad_usage_is_status_2() {
	run_ctl 2 no-such-command && [ "$(wc -l <"$err")" -eq 1 ] &&
	run_ctl 2 version --no-such-option &&
	run_ctl 2 version extra-arg &&
	run_ctl 2
}

non_root_is_refused() {
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$ctl" version >"$out" 2>"$err"
	[ $? -eq 1 ] && grep -q 'Permission denied' "$err"
}

# The accounting and policy programs pin the module while attached: both
# go first, accounting comes back after.
unloaded_module_is_explained() {
	local ok=0 acct=

	[ -e /sys/fs/bpf/sandbox/acct ] && acct=1
	[ -z "$acct" ] || "$ctl" acct disable || return 1
	"$ctl" policy unload || return 1
	rmmod sandbox || return 1
	run_ctl 1 version && grep -q 'is sandbox.ko loaded' "$err" || ok=1
	insmod "$SANDBOX_KO" || return 1
	[ -z "$acct" ] || "$ctl" acct enable || return 1
	return $ok
}

ktap_print_header
ktap_set_plan 6
ktap_test_result "version prints tool, module and capabilities" version_text
ktap_test_result "version --json is valid and exact" version_json
ktap_test_result "--help lists commands" help_lists_commands
ktap_test_result "bad usage exits 2 with one line" bad_usage_is_status_2
ktap_test_result "non-root is refused clearly" non_root_is_refused
if [ -r "${SANDBOX_KO:-}" ]; then
	ktap_test_result "unloaded module is explained" \
		unloaded_module_is_explained
else
	# Reloading needs the module file: set SANDBOX_KO, or install it.
	ktap_test_skip "unloaded module is explained (no SANDBOX_KO)"
fi
ktap_finished
