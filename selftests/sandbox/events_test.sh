#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink family "sandbox" as security tooling sees it: the exact event
# sequence of a `sandboxctl run`, genl-ctrl-list, refusal of non-root
# subscribers, and the audit records of create and destroy.
# Needs root, sandbox.ko loaded, SANDBOXCTL (set by run).

. "$(dirname "$0")/lib.sh"

genl_ctrl_list_shows_family() {
	genl-ctrl-list -d >"$out" 2>&1 || return 1
	grep -A20 '^0x[0-9a-f]* sandbox version 1' "$out" >"$err" &&
	grep -q 'grp events' "$err"
}

run_event_sequence() {
	local name=ev-$$

	events_listen "$out" --json --sandbox "$name" || return 1
	"$ctl" run --name "$name" -- sh -c 'exit 3'
	[ $? -eq 3 ] || { ktap_print_msg "run did not exit 3"; return 1; }
	events_finish || { ktap_print_msg "events exited $?"; return 1; }
	"$py" - "$out" "$name" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
kinds = [e["event"] for e in ev]
assert kinds == ["created", "started", "exec", "exited", "destroyed"], kinds
for e in ev:
    for k in ("seq", "lost", "mono_ns", "boot_ns", "id", "cgroup_id",
              "creator_uid"):
        assert isinstance(e[k], int), (k, e)
    assert e["name"] == sys.argv[2] and e["kind"] == "container", e
    assert e["id"] == ev[0]["id"] and e["cgroup_id"] == ev[0]["cgroup_id"]
    assert e["creator_uid"] == 0 and e["cgroup_id"] > 0, e
seqs = [e["seq"] for e in ev]
assert seqs == sorted(seqs) and len(set(seqs)) == 5, seqs
monos = [e["mono_ns"] for e in ev]
assert monos == sorted(monos), monos
assert ev[1]["init_pid"] > 0, ev[1]
x = ev[2]
assert x["path"] in ("/bin/sh", "/usr/bin/sh") and x["pid"] > 0, x
assert x["pid"] != ev[1]["init_pid"], x
x = ev[3]
assert x["exit_code"] == 3 and x["exit_status"] == 3 << 8, x
assert "exit_signal" not in x and x["oom_kills"] == 0, x
PY
}

killed_init_reports_signal() {
	local name=evk-$$ i run

	events_listen "$out" --json --sandbox "$name" || return 1
	"$ctl" run --name "$name" -- sleep 100 >/dev/null 2>&1 &
	run=$!
	for i in $(seq 200); do
		grep -q '"started"' "$out" && break
		sleep 0.05
	done
	"$ctl" kill "$name" KILL
	wait "$run"
	events_finish || return 1
	"$py" - "$out" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
# killed as soon as it started: the command may not have run yet
ev = [e for e in ev if e["event"] != "exec"]
assert [e["event"] for e in ev] == ["created", "started", "exited",
                                    "destroyed"], ev
x = ev[2]
assert x["exit_signal"] == 9 and x["exit_status"] == 9, x
assert "exit_code" not in x, x
PY
}

text_is_one_line_per_event() {
	local name=evt-$$

	events_listen "$out" --sandbox "$name" || return 1
	"$ctl" run --name "$name" -- true || return 1
	events_finish || return 1
	awk -v n="$name" '$5 != n { exit 1 } { printf "%s ", $3 }
		/ exited / && !/ code=0( |$)/ { exit 1 }' "$out" >"$err" &&
	[ "$(cat "$err")" = "created started exec exited destroyed " ] ||
		{ sed 's/^/# /' "$out"; return 1; }
}

# limits_hit_are_reported: a memory hog and a fork loop each reach their
# limit; the hog is OOM-killed and its exit says so
limits_hit_are_reported() {
	local name=evl-$$

	events_listen "$out" --json --sandbox "$name-m" || return 1
	"$ctl" run --name "$name-m" --mem 16M -- \
		sh -c 'x=$(head -c 64000000 /dev/zero | tr "\0" a)' 2>/dev/null
	events_finish || return 1
	cp "$out" "$scratch/mem.json"
	events_listen "$out" --json --sandbox "$name-p" || return 1
	"$ctl" run --name "$name-p" --pids 4 -- \
		sh -c 'for i in 1 2 3 4 5 6; do sleep 1 & done; wait' 2>/dev/null
	events_finish || return 1
	"$py" - "$out" "$scratch/mem.json" <<'PY'
import json, sys
def load(path, limit):
    ev = [json.loads(l) for l in open(path)]
    hits = [e for e in ev if e["event"] == "limit-hit"]
    assert hits and all(h["limit"] == limit for h in hits), ev
    counts = {}
    for h in hits:
        assert h["count"] > counts.get(h["limit_event"], 0), hits
        counts[h["limit_event"]] = h["count"]
    return counts, [e for e in ev if e["event"] == "exited"][0]
pids, x = load(sys.argv[1], "pids")
assert pids.get("max", 0) >= 1 and x["oom_kills"] == 0, (pids, x)
mem, x = load(sys.argv[2], "memory")
assert mem.get("max", 0) >= 1 and mem.get("oom_kill", 0) >= 1, mem
assert x["oom_kills"] >= 1, x
PY
}

non_root_cannot_subscribe() {
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$ctl" events --follow >"$out" 2>"$err"
	[ $? -eq 1 ] && grep -q 'Operation not permitted' "$err"
}

# audit_records: with auditing on, create and destroy each write one
# record of type 1316, read here from the audit log multicast group
audit_records() {
	local name=eva-$$

	"$sb_here/audit_capture.py" "$name" 2 \
		"$ctl" run --name "$name" -- true >"$out" || return 1
	"$py" - "$out" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 2, recs
ops = []
for kv in recs:
    for k in ("sandbox_id", "cgroup_id", "creator_uid", "pid", "auid",
              "uid", "ses", "res"):
        assert k in kv, (k, kv)
    assert kv["sandbox_kind"] == "container" and kv["res"] == "1", kv
    ops.append(kv["op"])
assert ops == ["sandbox_create", "sandbox_destroy"], ops
PY
}

ktap_print_header
ktap_set_plan 7
for t in genl_ctrl_list_shows_family run_event_sequence \
	 killed_init_reports_signal text_is_one_line_per_event \
	 limits_hit_are_reported non_root_cannot_subscribe audit_records; do
	ktap_test_result "$t" "$t"
done
ktap_finished
