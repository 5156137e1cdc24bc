#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: sourced by the KTAP shell selftests. Finds the kernel's KTAP
# helpers (installed tree, or build/ksrc), and gives each test $ctl (the
# sandboxctl to test), a scratch directory the sandboxes can read, and
# helpers that run sandboxctl and check its output.

set -u
sb_here=$(dirname "$0")
for h in "$sb_here/../kselftest/ktap_helpers.sh" \
	 "$sb_here/../../build/ksrc/tools/testing/selftests/kselftest/ktap_helpers.sh"; do
	[ -r "$h" ] && . "$h" && break
done
type ktap_finished >/dev/null 2>&1 || { echo "ktap_helpers.sh not found"; exit 4; }

ctl=${SANDBOXCTL:-sandboxctl}
cgparent=/sys/fs/cgroup/sandbox
py=/usr/bin/python3

# Under build/ (absent in an installed kselftest tree): the sandboxes see
# the project directory, not the guest's private /tmp. Binds are looked up
# with the sandbox's host ids (100000 and up), hence 0755.
mkdir -p "$PWD/build"
scratch=$(mktemp -d "$PWD/build/$(basename "$0" .sh).XXXXXX")
chmod 0755 "$scratch"
out=$scratch/out err=$scratch/err
listener=
trap '[ -n "$listener" ] && kill "$listener" 2>/dev/null; rm -rf "$scratch"' EXIT

# expect_status EXPECTED_STATUS NAME COMMAND...: output kept in $out, $err;
# NAME stands for COMMAND in the message when the status differs
expect_status() {
	local want=$1 name=$2 rc

	shift 2
	"$@" >"$out" 2>"$err"
	rc=$?
	[ "$rc" -eq "$want" ] && return 0
	ktap_print_msg "$name ${*:2}: status $rc, expected $want"
	sed 's/^/# stderr: /' "$err" | head -5
	# the end of stdout: a micro-VM's console has the guest's panic there
	tail -n 15 "$out" | sed 's/^/# stdout: /'
	return 1
}

# run_ctl EXPECTED_STATUS ARGS...: sandboxctl, output kept in $out, $err
run_ctl() {
	expect_status "$1" sandboxctl "$ctl" "${@:2}"
}

# json_check PYTHON-EXPRESSION: evaluated on the last line of $out as r
json_check() {
	tail -n 1 "$out" | "$py" -c '
import json, sys
r = json.loads(sys.stdin.read())
ok = eval("(" + sys.argv[1] + ")")
if not ok:
    print("# json:", r)
sys.exit(0 if ok else 1)' "$1"
}

# subscribed PID: PID has a netlink socket bound to some multicast group
subscribed() {
	local fd link ino

	for fd in /proc/"$1"/fd/*; do
		link=$(readlink "$fd" 2>/dev/null) || continue
		case $link in socket:*) ;; *) continue ;; esac
		ino=${link#socket:[}
		ino=${ino%]}
		awk -v ino="$ino" '$10 == ino && $4 != "00000000" { f = 1 }
			END { exit !f }' /proc/net/netlink && return 0
	done
	return 1
}

# events_listen FILE ARGS...: `sandboxctl events ARGS` in the background
# (pid in $listener), into FILE, returning once it is subscribed
events_listen() {
	local i file=$1

	shift
	"$ctl" events "$@" >"$file" 2>"$err" &
	listener=$!
	for i in $(seq 100); do
		subscribed "$listener" && return 0
		kill -0 "$listener" 2>/dev/null || break
		sleep 0.05
	done
	ktap_print_msg "sandboxctl events did not subscribe"
	sed 's/^/# stderr: /' "$err"
	return 1
}

# events_finish: waits (10 s at most) for the listener to exit by itself
events_finish() {
	local i rc

	for i in $(seq 200); do
		kill -0 "$listener" 2>/dev/null || break
		sleep 0.05
	done
	kill "$listener" 2>/dev/null
	wait "$listener"
	rc=$?
	listener=
	return $rc
}
