#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sandbox-vmm on its own: the ioctl path with flat 64-bit payloads (HLT,
# I/O, MMIO, the exit port, a triple fault, a guest that hangs), the boot
# protocol conformance bzImage through both entries, the seccomp filters,
# bad input, and a guest larger than its cgroup allows. Everything here
# also runs on a paravirtual /dev/kvm that cannot boot Linux.

. "$(dirname "$0")/lib.sh"

vmm=${SANDBOX_VMM:-$(dirname "$ctl")/sandbox-vmm}
pl=${VMM_PAYLOADS:-$(dirname "$vmm")/../selftests/vmm}

vmm_run() {
	timeout 60 "$vmm" "$@"
}

# vmm EXPECTED_STATUS ARGS...: output in $out, $err
vmm() {
	expect_status "$1" sandbox-vmm vmm_run "${@:2}"
}

# counter NAME: a counter of --stats
counter() {
	sed -n "s/^$1 //p" "$err"
}

flat() {
	local p=$1

	shift
	vmm "$@" --entry flat --kernel "$pl/$p.bin" --mem 64M --stats
}

io_exits_and_the_exit_port() {
	flat io 42 && [ "$(cat "$out")" = "hello from the guest" ] &&
	[ "$(counter exits.io.port_0x3f8)" -eq 21 ] &&
	[ "$(counter exits.io.port_0xf4)" -eq 1 ]
}

hlt_exit_ends_a_flat_payload() {
	flat hlt 0 && [ "$(counter exits.hlt)" -eq 1 ]
}

mmio_exits_see_an_empty_bus() {
	flat mmio 7 && [ "$(counter exits.mmio)" -ge 2 ]
}

triple_fault_is_reported_with_registers() {
	flat triple 123 && grep -q '^sandbox-vmm: vCPU 0: triple fault' "$err" &&
	grep -q '^  rip ' "$err" && grep -q '^  cr0 ' "$err"
}

a_hung_guest_is_stopped() {
	flat spin 123 --progress-timeout 2 &&
	grep -q 'no progress' "$err"
}

seccomp_kills_a_thread_outside_its_filter() {
	flat io 159 --x-test-seccomp vmm && flat io 159 --x-test-seccomp vcpu
}

# conform ENTRY: boot the conformance bzImage, compare what it saw.
conform() {
	local initrd=$scratch/initrd cmdline="hello conformance x=1 'q'" crc size

	head -c 300001 /dev/urandom >"$initrd"
	vmm 0 --entry "$1" --kernel "$pl/conform.bzImage" --initrd "$initrd" \
		--cmdline "$cmdline" --mem 128M || return 1
	crc=$("$py" -c 'import sys, zlib
print("%x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$initrd")
	size=$(printf %x 300001)
	grep -qx "entry=$1" "$out" && grep -qx "loader=ff" "$out" &&
	grep -qxF "cmdline=$cmdline" "$out" &&
	# RAM from 1 MiB to the end of guest memory, the rest below 640K
	grep -qx "e820=100000 7f00000 1" "$out" &&
	grep -qx "e820=0 9fc00 1" "$out" &&
	"$py" - "$out" "$size" "$crc" <<-'PY'
	import sys
	for l in open(sys.argv[1]):
	    if l.startswith("initrd="):
	        addr, size, crc = l.split("=")[1].split()
	addr = int(addr, 16)
	ok = (size == sys.argv[2] and crc == sys.argv[3] and addr % 4096 == 0
	      and addr + int(size, 16) <= 128 << 20
	      and addr + int(size, 16) > (128 << 20) - 4096)
	if not ok:
	    print("# initrd:", addr, size, crc, "want", sys.argv[2:])
	sys.exit(0 if ok else 1)
	PY
}

boot_protocol_64bit_entry() {
	conform 64
}

boot_protocol_32bit_entry() {
	conform 32
}

one_line_125() {
	vmm 125 "$@" && [ "$(wc -l <"$err")" -eq 1 ] ||
		{ ktap_print_msg "$*: $(cat "$err")"; return 1; }
}

bad_input_is_one_line_and_125() {
	local old=$scratch/old.bzImage big=$scratch/big

	cp "$pl/conform.bzImage" "$old" &&
	printf '\x05\x02' | dd of="$old" bs=1 seek=$((0x206)) conv=notrunc \
		2>/dev/null &&
	head -c 20M /dev/zero >"$big" &&
	one_line_125 --kernel /etc/passwd &&
	grep -q 'not a bzImage' "$err" &&
	one_line_125 --entry 64 --kernel "$old" &&
	grep -q 'too old' "$err" &&
	one_line_125 --entry 64 --kernel "$pl/conform.bzImage" --mem 16M \
		--initrd "$big" &&
	grep -q 'fit' "$err" &&
	one_line_125 --kernel "$pl/conform.bzImage" --mem 512M \
		--mem-limit 256M &&
	grep -q 'memory limit' "$err" &&
	one_line_125 --kernel "$pl/conform.bzImage" --mem 4G &&
	unshare -m sh -c "mount -t tmpfs none /dev && exec $vmm \
		--kernel $pl/conform.bzImage" >"$out" 2>"$err"
	[ $? -eq 125 ] && grep -q '/dev/kvm' "$err"
}

# The guest touches 512M; its cgroup allows 64M: the kernel's OOM killer
# ends the monitor, and only it.
more_memory_than_the_cgroup_allows() {
	local cg=/sys/fs/cgroup/vmm-payloads-$$ rc

	echo +memory >/sys/fs/cgroup/cgroup.subtree_control &&
	mkdir "$cg" || return 1
	echo 64M >"$cg/memory.max" || { rmdir "$cg"; return 1; }
	sh -c "echo \$\$ >$cg/cgroup.procs && exec $vmm --entry flat \
		--kernel $pl/memtouch.bin --mem 512M" >"$out" 2>"$err"
	rc=$?
	grep -q 'oom_kill [1-9]' "$cg/memory.events" || rc=1
	rmdir "$cg"
	[ "$rc" -eq 137 ] || { ktap_print_msg "status $rc"; return 1; }
}

# The running kernel (or the newest in /boot) without a root: a nested KVM boots it to its panic
# and reset, a paravirtual one cannot run it; either way the monitor
# ends with 123 and says why, it does not hang.
a_linux_guest_never_hangs() {
	local k=/boot/vmlinuz-$(uname -r) rc

	[ -r "$k" ] || k=$(ls /boot/vmlinuz-* | tail -n 1)
	timeout 300 "$vmm" --kernel "$k" --mem 256M --progress-timeout 60 \
		>"$out" 2>"$err"
	rc=$?
	[ "$rc" -eq 123 ] &&
	grep -Eq '^sandbox-vmm: (vCPU [0-9]+: |the guest reset|no progress)' \
		"$err" || { ktap_print_msg "status $rc: $(head -1 "$err")"; return 1; }
}

# KVM_GET_STATS_FD (Linux 5.14 and later): read back through the library,
# the VM's and the vCPU's (exits by reason), at least the 22 exits to us.
kvm_stats() {
	flat io 42 && [ "$(grep -c '^kvm\.' "$err")" -gt 5 ] &&
	[ -n "$(counter kvm.mmu_cache_miss)" ] &&
	[ -n "$(counter kvm.vcpu.halt_exits)" ] &&
	[ "$(counter kvm.vcpu.exits)" -ge 22 ]
}

# The payloads are built by the top-level make (build/selftests/vmm).
[ -x "$vmm" ] && [ -r "$pl/io.bin" ] || { ktap_print_header
	ktap_set_plan 1; ktap_test_skip "no sandbox-vmm or payloads in $pl"
	ktap_finished; }
[ -c /dev/kvm ] || { ktap_print_header; ktap_set_plan 1;
	ktap_test_skip "no /dev/kvm"; ktap_finished; }
ktap_print_header
ktap_set_plan 12
ktap_test_result "I/O exits and the exit port" io_exits_and_the_exit_port
ktap_test_result "a HLT exit ends a flat payload" hlt_exit_ends_a_flat_payload
ktap_test_result "MMIO exits see an empty bus" mmio_exits_see_an_empty_bus
ktap_test_result "a triple fault is reported with registers" \
	triple_fault_is_reported_with_registers
ktap_test_result "a hung guest is stopped" a_hung_guest_is_stopped
ktap_test_result "seccomp kills a thread outside its filter" \
	seccomp_kills_a_thread_outside_its_filter
ktap_test_result "boot protocol: 64-bit entry" boot_protocol_64bit_entry
ktap_test_result "boot protocol: 32-bit entry" boot_protocol_32bit_entry
ktap_test_result "bad input is one line and 125" bad_input_is_one_line_and_125
if [ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]; then
	ktap_test_result "more memory than the cgroup allows" \
		more_memory_than_the_cgroup_allows
else
	ktap_test_skip "more memory than the cgroup allows: no cgroup v2"
fi
ktap_test_result "KVM statistics where KVM has them" kvm_stats
ktap_test_result "a Linux guest never hangs the monitor" \
	a_linux_guest_never_hangs
ktap_finished
