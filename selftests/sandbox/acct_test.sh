#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# eBPF accounting against workloads whose truth is known (acct_workload):
# exact syscall counts, CPU time against the cgroup's own cpu.stat, memory
# peak, O_DIRECT writes to a block device, loopback traffic; two sandboxes
# at once do not bleed into each other; the workload cannot reach the
# pinned maps; a destroyed sandbox leaves no entry behind.

. "$(dirname "$0")/lib.sh"
wl=$sb_here/acct_workload
[ -x "$wl" ] || wl=$(cd "$sb_here/../.." && pwd)/build/selftests/acct_workload
pins=/sys/fs/bpf/sandbox/acct

ktap_print_header
if [ "$(id -u)" -ne 0 ] || [ ! -x "$wl" ] || [ ! -c /dev/sandbox ]; then
	ktap_set_plan 1
	ktap_test_skip "needs root, /dev/sandbox and acct_workload"
	ktap_finished
fi
ktap_set_plan 15

# usage_check PYTHON-EXPRESSION: on the --json --stats object in $out,
# with u its "usage" and sc(name) the count of one syscall in its top-N
usage_check() {
	json_check "r[\"usage\"][\"accounting\"] and (lambda u, sc: $1)(r[\"usage\"], lambda n: sum(s[\"calls\"] for s in r[\"usage\"][\"top_syscalls\"] if s[\"name\"] == n))"
}

enable_loads_and_pins() {
	run_ctl 0 acct enable || return 1
	run_ctl 0 acct --json status || return 1
	json_check 'r["loaded"] and not r["disabled"]' &&
	[ -e "$pins/sb_acct" ] && [ -e "$pins/link_sb_syscall" ] &&
	[ "$(stat -c %a /sys/fs/bpf/sandbox)" = 700 ]
}

getppid_counted_exactly() {
	local n=200000

	run_ctl 0 run --json --stats -- "$wl" getppid $n || return 1
	usage_check "$n <= sc('getppid') <= $n * 1.01 and u['syscalls'] >= $n"
}

# Syscalls are counted where seccomp checks them: without a deny list too,
# and what the filter refuses is "denied".
seccomp_none_and_denied_counted() {
	local n=20000 deny=$scratch/deny-getppid

	run_ctl 0 run --seccomp none --json --stats -- "$wl" getppid $n &&
	usage_check "$n <= sc('getppid') <= $n * 1.01 and u['denied'] == 0" ||
		return 1
	echo getppid >"$deny" &&
	run_ctl 0 run --seccomp "$deny" --json --stats -- "$wl" getppid $n &&
	usage_check "$n <= sc('getppid') <= $n * 1.01 and $n <= u['denied'] <= $n * 1.01"
}

# The cgroup directory is gone once `run` returns: measure a live one.
cpu_matches_cgroup() {
	local name=acpu-$$ dir rc

	run_ctl 0 create "$name" -- sleep 1000 || return 1
	run_ctl 0 exec "$name" -- "$wl" burn 300 &&
	run_ctl 0 stats --json "$name" &&
	dir=$(ls -d "$cgparent/$name"-* | head -n 1) &&
	awk '$1 == "usage_usec" { print $2 }' "$dir/cpu.stat" >"$scratch/cg"
	rc=$?
	"$ctl" destroy "$name" >/dev/null 2>&1
	[ $rc -eq 0 ] || return 1
	usage_check "abs(u['cpu_user_us'] + u['cpu_system_us'] - $(cat "$scratch/cg")) <= 0.1 * $(cat "$scratch/cg") and u['cpu_user_us'] + u['cpu_system_us'] >= 270000"
}

memory_peak_seen() {
	run_ctl 0 run --json --stats -- "$wl" alloc 64 || return 1
	usage_check "u['memory_peak_bytes'] >= 64 << 20"
}

direct_writes_counted() {
	local dir=/mnt/scratch/acct-$$

	mkdir -m 1777 "$dir" || return 1
	run_ctl 0 run --json --stats --bind "$dir" -- \
		"$wl" direct "$dir/f" 32 || return 1
	rm -rf "$dir"
	usage_check "u['io_write_bytes'] >= 32 << 20 and u['io_writes'] > 0"
}

loopback_counted() {
	run_ctl 0 run --json --stats -- "$wl" loopback 10 || return 1
	usage_check "u['net_tx_bytes'] >= 10**7 and u['net_rx_bytes'] >= 10**7 and u['net_tx_packets'] > 0 and u['net_rx_packets'] > 0"
}

two_sandboxes_do_not_bleed() {
	local a=50000 b=150000 pa pb

	"$ctl" run --json --stats -- "$wl" getppid $a >"$scratch/a" &
	pa=$!
	"$ctl" run --json --stats -- "$wl" getppid $b >"$scratch/b" &
	pb=$!
	wait $pa && wait $pb || return 1
	cp "$scratch/a" "$out" && usage_check "$a <= sc('getppid') <= $a * 1.01" &&
	cp "$scratch/b" "$out" && usage_check "$b <= sc('getppid') <= $b * 1.01"
}

# Neither the pins (bpffs is root's, 0700) nor bpf(2) itself.
workload_cannot_reach_maps() {
	run_ctl 1 run -- sh -c "test -e $pins/sb_acct || exit 1" || return 1
	run_ctl 3 run --ro-bind /sys/fs/bpf -- sh -c \
		"cat $pins/sb_acct 2>/dev/null && exit 0
		 bpftool map show pinned $pins/sb_acct 2>/dev/null && exit 2
		 bpftool map list 2>/dev/null | grep -q sb_acct && exit 2
		 exit 3"
}

# Every key of the records map, as "cgroup-id" lines.
map_cgroups() {
	bpftool -j map dump pinned "$pins/sb_acct" | "$py" -c '
import json, sys
for e in json.load(sys.stdin):
    print(e.get("formatted", e)["key"])'
}

destroy_leaves_no_entry() {
	local cg

	run_ctl 0 run --json --stats -- "$wl" getppid 1000 || return 1
	cg=$(tail -n 1 "$out" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["cgroup_id"])')
	usage_check "sc('getppid') >= 1000" || return 1
	map_cgroups >"$scratch/keys" || return 1
	! grep -qx "$cg" "$scratch/keys"
}

# Disabled stays disabled, even when sandboxes start; enable reloads.
disable_and_enable() {
	run_ctl 0 acct disable && [ ! -e "$pins" ] &&
	run_ctl 0 run -- true && [ ! -e "$pins" ] &&
	run_ctl 0 acct enable && [ -e "$pins/sb_acct" ]
}

# Without module BTF the module's tracepoints are raw_tp: forced here.
raw_tp_fallback_works() {
	run_ctl 0 acct disable &&
	SANDBOX_ACCT_RAW_TP=1 run_ctl 0 acct enable &&
	[ -e "$pins/link_sb_created_raw" ] &&
	[ ! -e "$pins/link_sb_created_btf" ] &&
	[ ! -e "$pins/link_sb_exec_adopt" ] || return 1
	getppid_counted_exactly && destroy_leaves_no_entry || return 1
	run_ctl 0 acct disable && run_ctl 0 acct enable &&
	[ -e "$pins/link_sb_created_btf" ]
}

# A sandbox without a record (created while accounting was off) is
# adopted at its next exec, through the module's kfunc.
kfunc_adopts_sandbox() {
	local name=akf-$$ cg key rc=0

	run_ctl 0 create "$name" -- sleep 1000 || return 1
	run_ctl 0 info --json "$name" &&
	cg=$(tail -n 1 "$out" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["cgroup_id"])') &&
	key=$("$py" -c "import sys; print(' '.join('%02x' % b for b in int(sys.argv[1]).to_bytes(8, 'little')))" "$cg") &&
	bpftool map delete pinned "$pins/sb_acct" key hex $key &&
	run_ctl 0 exec "$name" -- "$wl" getppid 5000 &&
	run_ctl 0 stats --json "$name" && usage_check "sc('getppid') >= 5000" ||
		rc=1
	"$ctl" destroy "$name" >/dev/null 2>&1
	return $rc
}

# The exposition format: every family announced once, before its samples;
# samples labelled with the sandbox's id and name, values numbers.
prometheus_exposition() {
	local name=aprom-$$ rc=0

	run_ctl 0 create "$name" -- sleep 1000 || return 1
	run_ctl 0 stats --prometheus || rc=1
	"$ctl" destroy "$name" >/dev/null 2>&1
	[ $rc -eq 0 ] || return 1
	"$py" - "$out" "$name" <<'PY'
import re, sys
name = sys.argv[2]
seen, families, samples = set(), [], 0
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    m = re.match(r"# (HELP|TYPE) (sandbox_[a-z_]+) (.+)$", line)
    if m:
        if m.group(1) == "TYPE":
            assert m.group(3) in ("counter", "gauge"), line
            assert m.group(2) not in seen, ("announced twice", line)
            seen.add(m.group(2))
        continue
    m = re.match(r'(sandbox_[a-z_]+)\{id="\d+",name="([^"]+)"(,[a-z]+="[a-z]+")?\} ([0-9.e+-]+)$', line)
    assert m, ("bad sample", line)
    assert m.group(1) in seen, ("sample before its TYPE", line)
    if m.group(2) == name:
        samples += 1
    float(m.group(4))
for f in ("sandbox_cpu_seconds_total", "sandbox_memory_usage_bytes",
          "sandbox_syscalls_total", "sandbox_network_receive_bytes_total"):
    assert f in seen, f
assert samples >= 20, samples
PY
}

# Not a terminal: a '#' header per refresh and one timestamped line per
# sandbox; --sort takes only the documented keys.
top_plain_lines() {
	local name=atop-$$ rc=0

	run_ctl 0 create "$name" -- sleep 1000 || return 1
	run_ctl 0 top --sort mem --interval 0.2 --iterations 2 || rc=1
	"$ctl" destroy "$name" >/dev/null 2>&1
	[ $rc -eq 0 ] || return 1
	[ "$(grep -c '^# TIME ' "$out")" -eq 2 ] &&
	[ "$(grep -cE "^[0-9]{2}:[0-9]{2}:[0-9]{2} +[0-9]+ +$name " "$out")" -eq 2 ] &&
	! grep -q $'\033' "$out" &&
	run_ctl 2 top --sort nonsense
}

ktap_test_result "acct enable loads and pins the programs" enable_loads_and_pins
ktap_test_result "N getppid calls counted within N and N + 1%" getppid_counted_exactly
ktap_test_result "--seccomp none counted; what seccomp refuses is denied" \
	seccomp_none_and_denied_counted
ktap_test_result "300 ms CPU burner matches the cgroup's cpu.stat" cpu_matches_cgroup
ktap_test_result "64 MiB allocation shows a peak of 64 MiB" memory_peak_seen
if [ -n "${VMRUN_SCRATCH_DEV:-}" ] && mountpoint -q /mnt/scratch; then
	ktap_test_result "32 MiB O_DIRECT writes counted as block I/O" direct_writes_counted
else
	ktap_test_skip "no scratch block device (vmrun -d)"
fi
ktap_test_result "10 MB over loopback counted in and out" loopback_counted
ktap_test_result "two sandboxes at once keep their own counts" two_sandboxes_do_not_bleed
ktap_test_result "a sandbox cannot reach the pinned maps" workload_cannot_reach_maps
ktap_test_result "destroy removes the sandbox from every map" destroy_leaves_no_entry
ktap_test_result "acct disable unpins; acct enable reloads" disable_and_enable
if "$ctl" acct status --json | grep -q '"kfunc":true'; then
	ktap_test_result "the kfunc adopts a sandbox without a record" kfunc_adopts_sandbox
else
	ktap_test_skip "no kfunc bpf_sandbox_task_id (module without BTF)"
fi
ktap_test_result "module tracepoints through raw_tp without module BTF" raw_tp_fallback_works
ktap_test_result "stats --prometheus is the text exposition format" prometheus_exposition
ktap_test_result "top degrades to plain lines without a terminal" top_plain_lines
ktap_finished
