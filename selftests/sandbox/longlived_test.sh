#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Long-lived sandboxes: create, exec, list, info, kill, wait, destroy, and
# the keeper that holds them. Needs root, sandbox.ko loaded, SANDBOXCTL
# (set by run).

. "$(dirname "$0")/lib.sh"

trap 'for s in ll ll2 ll3 llk lluid; do "$ctl" destroy $s >/dev/null 2>&1; done
      rm -rf "$scratch"' EXIT

# expect_out TEXT: $out is exactly TEXT
expect_out() {
	[ "$(cat "$out")" = "$1" ] && return 0
	ktap_print_msg "output '$(head -c 200 "$out")', expected '$1'"
	return 1
}

init_pid() {
	"$ctl" info --json "$1" | "$py" -c '
import json, sys
print(json.load(sys.stdin)["init_pid"])'
}

# Nothing of any sandbox is left (given 1 s): cgroups, sandboxes in the
# module, init and keeper processes.
nothing_left() {
	local i

	for i in $(seq 10); do
		[ -z "$(find "$cgparent" -mindepth 1 -type d 2>/dev/null)" ] &&
			! pgrep -x sandbox-keeper >/dev/null && break
		sleep 0.1
	done
	[ -z "$(find "$cgparent" -mindepth 1 -type d 2>/dev/null)" ] ||
		{ ktap_print_msg "cgroups left: $(ls $cgparent)"; return 1; }
	[ "$("$ctl" list --json)" = "[]" ] ||
		{ ktap_print_msg "sandboxes left: $("$ctl" list)"; return 1; }
	! pgrep -x sandbox-init >/dev/null ||
		{ ktap_print_msg "sandbox-init processes left"; return 1; }
	! pgrep -x sandbox-keeper >/dev/null ||
		{ ktap_print_msg "sandbox-keeper processes left"; return 1; }
}

create_lists_and_describes() {
	local id

	run_ctl 0 create ll --pids 100 -- sleep 1000 && id=$(cat "$out") &&
	[ "$id" -gt 0 ] && [ ! -s "$err" ] &&
	run_ctl 0 list && grep -Eq "^$id +ll +running +[0-9]+" "$out" &&
	run_ctl 0 info --json ll &&
	json_check "r['id'] == $id and r['name'] == 'll' and
		r['state'] == 'running' and r['init_pid'] > 0 and
		r['exit_code'] is None and r['pids_max'] == 100 and
		r['started_ns'] > 0" &&
	run_ctl 0 create ll2 --json -- sleep 1000 &&
	json_check "r['name'] == 'll2' and r['id'] > $id"
}

exec_runs_inside() {
	run_ctl 0 exec ll -- hostname && expect_out ll &&
	run_ctl 0 exec ll -- cat /proc/1/comm && expect_out sandbox-init &&
	run_ctl 0 exec ll -- sh -c 'tr "\0" " " </proc/1/cmdline' &&
	grep -q 'create ll' "$out" &&
	run_ctl 0 exec ll -- sh -c 'echo $$' && [ "$(cat "$out")" -lt 100 ] &&
	run_ctl 0 exec ll -- sh -c '[ "$(cat /proc/self/cgroup)" = \
		"$(cat /proc/1/cgroup)" ] && cat /proc/self/cgroup' &&
	expect_out "0::/" &&
	run_ctl 0 exec ll --cwd /tmp --env FOO=bar -- sh -c 'echo $FOO $PWD' &&
	expect_out "bar /tmp"
}

exec_in_the_sandboxs_cgroup() {
	local pid dir sleeper i rc=0

	pid=$(init_pid ll) && dir=$(sed -n 's/^0:://p' /proc/$pid/cgroup) &&
	[ -n "$dir" ] || return 1
	"$ctl" exec ll -- sleep 31 &
	# TCG guests are slow: give exec up to 10 s to get there.
	for i in $(seq 100); do
		sleeper=$(pgrep -n -f '^sleep 31$') && break
		sleep 0.1
	done
	[ -n "$sleeper" ] && grep -qx "0::$dir" /proc/$sleeper/cgroup &&
		grep -qx "$sleeper" "/sys/fs/cgroup$dir/cgroup.procs" ||
		{ ktap_print_msg "exec'd sleep ($sleeper) not in $dir"; rc=1; }
	[ -n "$sleeper" ] && kill "$sleeper"
	wait
	return $rc
}

exec_propagates_exit_codes() {
	run_ctl 0 exec ll -- true &&
	run_ctl 7 exec ll -- sh -c 'exit 7' &&
	run_ctl 143 exec ll -- sh -c 'kill -TERM $$' &&
	run_ctl 127 exec ll -- no-such-command-anywhere &&
	grep -q no-such-command "$err" &&
	run_ctl 126 exec ll -- /etc/passwd &&
	run_ctl 125 exec no-such-sandbox -- true &&
	run_ctl 125 exec ll --bogus -- true
}

exec_cannot_escape() {
	run_ctl 0 exec ll -- sh -c 'grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):" /proc/self/status | tr -s "\t" " "' &&
	expect_out "CapPrm: 0000000000000000
CapEff: 0000000000000000
CapBnd: 0000000000000000
NoNewPrivs: 1
Seccomp: 2" &&
	run_ctl 1 exec ll -- sh -c 'touch /etc/x 2>/dev/null' &&
	run_ctl 0 exec ll -- sh -c '[ ! -e /dev/sandbox ] && ! kill -0 1 2>/dev/null || [ "$(id -u)" = 0 ]' &&
	run_ctl 0 create lluid --uid 1000 --gid 1001 -- sleep 1000 &&
	run_ctl 0 exec lluid -- id -u && expect_out 1000 &&
	run_ctl 0 exec lluid -- id -g && expect_out 1001 &&
	run_ctl 0 destroy lluid
}

kill_wait_info_destroy() {
	local pid keeper dir

	pid=$(init_pid ll) && keeper=$(awk '{print $4}' /proc/$pid/stat) &&
	dir=$cgparent/$(sed -n 's|^0::/sandbox/||p' /proc/$pid/cgroup) &&
	[ "$(cat /proc/$keeper/comm)" = sandbox-keeper ] &&
	run_ctl 0 kill ll KILL && run_ctl 137 wait ll &&
	run_ctl 0 info --json ll &&
	json_check "r['state'] == 'exited' and r['exit_code'] == 137" &&
	sleep 0.5 && run_ctl 0 info --json ll &&
	json_check "r['state'] == 'exited'" &&
	run_ctl 125 exec ll -- true && grep -q 'not running' "$err" &&
	run_ctl 0 destroy ll &&
	run_ctl 0 list && ! grep -q ' ll ' "$out" &&
	[ ! -d "$dir" ] && ! kill -0 "$keeper" 2>/dev/null &&
	run_ctl 1 info ll &&
	[ ! -e /run/sandbox/ll.opts ] &&
	run_ctl 0 destroy ll2 && nothing_left
}

name_reuse_after_destroy() {
	run_ctl 0 create ll -- sleep 1000 &&
	run_ctl 0 exec ll -- true &&
	run_ctl 0 destroy ll && nothing_left
}

name_in_use_is_refused() {
	local before

	run_ctl 0 create ll3 -- sleep 1000 &&
	before=$(ls "$cgparent") &&
	run_ctl 125 create ll3 -- true && grep -q 'in use' "$err" &&
	[ "$(wc -l <"$err")" -eq 1 ] && [ "$(ls "$cgparent")" = "$before" ] &&
	[ "$(pgrep -xc sandbox-keeper)" -eq 1 ] &&
	run_ctl 0 exec ll3 -- true &&
	run_ctl 0 destroy ll3 && nothing_left
}

missing_command_is_127() {
	run_ctl 127 create ll -- no-such-command-anywhere &&
	[ "$(wc -l <"$err")" -eq 1 ] && grep -q no-such-command "$err" &&
	run_ctl 125 create ll --mem 0 -- true &&
	run_ctl 125 create && run_ctl 125 create --pids 3 ll -- true &&
	run_ctl 0 create --help && grep -q keeper "$out" &&
	run_ctl 0 exec ll --help && grep -q '^usage: sandboxctl exec' "$out" &&
	nothing_left
}

sigkill_of_keeper_ends_the_sandbox_within_1s() {
	local pid keeper dir i

	run_ctl 0 create llk -- sh -c 'sleep 1000 & sleep 1000 & wait' &&
	pid=$(init_pid llk) && keeper=$(awk '{print $4}' /proc/$pid/stat) &&
	dir=$cgparent/$(sed -n 's|^0::/sandbox/||p' /proc/$pid/cgroup) &&
	[ -d "$dir" ] || return 1
	kill -KILL "$keeper"
	for i in $(seq 10); do
		[ -d "$dir" ] || break
		sleep 0.1
	done
	[ ! -d "$dir" ] || { ktap_print_msg "$dir still there after 1 s"; return 1; }
	! pgrep -f 'sleep 1000' >/dev/null && nothing_left
}

timeout_kills_but_keeps_until_destroy() {
	local t0=$SECONDS

	run_ctl 0 create ll --timeout 1 -- sleep 1000 &&
	run_ctl 137 wait ll && [ $((SECONDS - t0)) -lt 10 ] &&
	run_ctl 0 info --json ll &&
	json_check "r['state'] == 'exited' and r['exit_code'] == 137" &&
	run_ctl 0 destroy ll && nothing_left
}

create_does_not_hold_the_callers_stdio() {
	# A command substitution returns only when every writer is gone.
	timeout 10 sh -c "\"$ctl\" create ll -- sleep 1000 | cat >/dev/null" ||
		return 1
	run_ctl 0 destroy ll && nothing_left
}

ktap_print_header
ktap_set_plan 12
ktap_test_result "create, then list and info describe it" \
	create_lists_and_describes
ktap_test_result "exec runs in the sandbox's namespaces" exec_runs_inside
ktap_test_result "exec runs in the sandbox's cgroup" \
	exec_in_the_sandboxs_cgroup
ktap_test_result "exec propagates exit codes" exec_propagates_exit_codes
ktap_test_result "exec cannot escape the confinement" exec_cannot_escape
ktap_test_result "kill, wait, info until destroy; destroy leaves nothing" \
	kill_wait_info_destroy
ktap_test_result "a name is reusable after destroy" name_reuse_after_destroy
ktap_test_result "a name in use is refused, nothing left" \
	name_in_use_is_refused
ktap_test_result "a missing command is 127, bad input 125" \
	missing_command_is_127
ktap_test_result "SIGKILL of the keeper ends the sandbox within 1 s" \
	sigkill_of_keeper_ends_the_sandbox_within_1s
ktap_test_result "--timeout kills; the sandbox stays until destroy" \
	timeout_kills_but_keeps_until_destroy
ktap_test_result "create does not hold the caller's stdio" \
	create_does_not_hold_the_callers_stdio
ktap_finished
