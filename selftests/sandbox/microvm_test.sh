#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Micro-VM sandboxes end to end: Debian's own kernels (every
# /boot/vmlinuz-*) boot in sandbox-vmm, through the PVH entry from
# `sandboxctl run --vm` and through the bzImage entry from the monitor
# alone, run a command and hand its status back; the jail holds; the
# module records the kind, vCPUs and guest memory. Needs root,
# sandbox.ko, and a /dev/kvm that runs Linux (the nested one in the
# test guest).

. "$(dirname "$0")/lib.sh"

vmm=${SANDBOX_VMM:-$(dirname "$ctl")/sandbox-vmm}
pl=${VMM_PAYLOADS:-$(dirname "$vmm")/../selftests/vmm}

# An initramfs like the generated one, for the monitor alone and for
# run --initrd: its init reports 5, or with the arguments STATUS "two
# words" STATUS, or 6 for any other arguments.
make_initramfs() {
	local d=$scratch/ird

	mkdir -p "$d/bin" "$d/dev" "$d/proc" && cp /bin/busybox "$d/bin/" &&
	cat >"$d/init" <<-'EOF2' && chmod 755 "$d/init" &&
	#!/bin/busybox sh
	/bin/busybox mount -t devtmpfs dev /dev
	st=5
	[ $# -eq 0 ] || { [ $# -eq 2 ] && [ "$2" = "two words" ] && st=$1 ||
		st=6; }
	printf "\\$(printf %o "$st")" |
		/bin/busybox dd of=/dev/port bs=1 seek=244 count=1
	EOF2
	(cd "$d" && find . | cpio -o -H newc 2>/dev/null) >"$scratch/ird.cpio"
}

# vm_retry STATUS NAME COMMAND...: expect_status, but a guest lost to the
# emulator (the monitor's status 123 for a reset without a status, or no
# exit for 120 s) is run again, twice at most. In vmrun's TCG guest,
# nested SVM loses a Linux micro-VM now and then: a page fault on per-CPU
# data at a timer interrupt, or a guest that stops making progress
# (Documentation/microvm.rst). Each loss is printed with its console, so
# that a rate that grows shows in the log.
vm_retry() {
	local i

	for i in 1 2 3; do
		expect_status "$@" && return 0
		grep -qE 'reset the machine without|no progress' "$err" ||
			return 1
		ktap_print_msg "guest lost (try $i), see its console above"
	done
	return 1
}

# ctl_vm STATUS ARGS...: run_ctl with vm_retry
ctl_vm() {
	vm_retry "$1" sandboxctl "$ctl" "${@:2}"
}

# pvh_via_sandboxctl KERNEL STATUS
pvh_via_sandboxctl() {
	ctl_vm "$2" run --vm --kernel "$1" -- sh -c "echo in-guest; exit $2" &&
	grep -q '^in-guest' "$out"
}

# The monitor's own progress check ends a hung guest after 120 s; the
# timeout is only there should the monitor itself hang.
bzimage_via_the_monitor() {
	vm_retry 5 sandbox-vmm timeout 300 "$vmm" --entry 64 --kernel "$1" \
		--initrd "$scratch/ird.cpio"
}

# COMMAND's words reach a given initrd's init, one with a space whole.
initrd_gets_command() {
	ctl_vm 9 run --vm --initrd "$scratch/ird.cpio" -- 9 "two words" &&
	run_ctl 125 run --vm --initrd "$scratch/ird.cpio" -- 'say "hi"'
}

exit_status_like_a_container() {
	ctl_vm 3 run --vm -- sh -c 'exit 3' &&
	ctl_vm 127 run --vm -- no-such-command
}

the_jail_holds() {
	SANDBOX_VMM=$pl/jailprobe run_ctl 0 run --vm -- true &&
	grep -qx 'jail: ok' "$out" ||
		{ sed 's/^/# /' "$out"; return 1; }
}

# The MP table brings up the second vCPU: nproc is the status.
two_vcpus_come_up() {
	ctl_vm 2 run --vm --vcpus 2 -- sh -c 'exit $(nproc)'
}

# The monitor's test hook makes a vCPU thread break its filter.
a_seccomp_violation_is_reported() {
	run_ctl 159 run --vm --env SANDBOX_VMM_TEST_SECCOMP=vcpu -- true &&
	grep -q 'outside its seccomp filter' "$err"
}

bad_input_is_125() {
	run_ctl 125 run --vm --kernel /etc/passwd -- true &&
	grep -q 'not a bzImage' "$err" &&
	run_ctl 125 run --vm --mem 8G -- true &&
	[ "$(wc -l <"$err")" -eq 1 ] &&
	run_ctl 125 run --vm --kernel /nonexistent -- true &&
	[ "$(wc -l <"$err")" -eq 1 ] &&
	run_ctl 125 run --kernel /boot/vmlinuz -- true
}

# stats shows KVM's own counters of the VM once its monitor has made it
# (create returns when the sandbox starts, the monitor a little later).
kvm_stats_shown() {
	local i

	for i in $(seq 50); do
		run_ctl 0 stats --json "$1" || return 1
		json_check '"pages_4k" in (k := r["usage"]["kvm"]) and k.get("vcpu.exits", 0) > 0 and r["usage"]["cpu_user_us"] + r["usage"]["cpu_system_us"] > 0' >/dev/null &&
			return 0
		sleep 0.2
	done
	json_check 'False'
}

# A long-lived micro-VM: create, info, stats (with KVM's own counters of
# the VM), list, kill, destroy.
lifecycle_and_info() {
	local name=vm-$$

	run_ctl 0 create "$name" --vm --vcpus 2 --mem 128M -- sleep 600 &&
	kvm_stats_shown "$name" &&
	run_ctl 0 info "$name" &&
	grep -q '^kind: *microvm' "$out" && grep -q '^vcpus: *2' "$out" &&
	grep -q "^guest mem: *$((128 << 20)) bytes" "$out" &&
	run_ctl 0 info --json "$name" &&
	json_check 'r["kind"] == "microvm" and r["vcpus"] == 2' &&
	run_ctl 0 list && grep -q "$name" "$out" &&
	run_ctl 0 kill "$name" KILL &&
	run_ctl 0 destroy "$name"
}

nothing_left() {
	sleep 1
	"$ctl" version --json | "$py" -c '
import json, sys
sys.exit(json.load(sys.stdin)["module"]["sandboxes"] != 0)' &&
	! pgrep -x sandbox-vmm >/dev/null
}

[ -c /dev/kvm ] && [ -r /boot/vmlinuz-"$(uname -r)" ] || {
	ktap_print_header; ktap_set_plan 1
	ktap_test_skip "no /dev/kvm or no /boot/vmlinuz-$(uname -r)"
	ktap_finished
}
make_initramfs
kernels=(/boot/vmlinuz-*)
ktap_print_header
ktap_set_plan $((8 + 2 * ${#kernels[@]}))
ktap_test_result "exit status like a container" exit_status_like_a_container
if [ -x "$pl/jailprobe" ]; then
	ktap_test_result "the jail holds" the_jail_holds
else
	ktap_test_skip "the jail holds: no $pl/jailprobe (top-level make)"
fi
ktap_test_result "two vCPUs come up" two_vcpus_come_up
ktap_test_result "a seccomp violation is reported" \
	a_seccomp_violation_is_reported
ktap_test_result "bad input is 125" bad_input_is_125
ktap_test_result "create, info, list, kill, destroy" lifecycle_and_info
ktap_test_result "--initrd: COMMAND goes to its init" initrd_gets_command
st=10
for k in "${kernels[@]}"; do
	ktap_test_result "${k##*/}: PVH entry from sandboxctl" \
		pvh_via_sandboxctl "$k" "$st"
	ktap_test_result "${k##*/}: bzImage entry" bzimage_via_the_monitor "$k"
	st=$((st + 1))
done
ktap_test_result "nothing is left" nothing_left
ktap_finished
