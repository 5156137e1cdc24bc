#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Documentation/netlink/specs/sandbox.yaml describes what the header
# defines and what the loaded module registers: every enum value, attribute
# and command number, the family name, version and group, the maximum
# attribute and the permission flags that genl-ctrl-list reports.

. "$(dirname "$0")/lib.sh"
top=$(cd "$sb_here/../.." && pwd)
spec=$top/Documentation/netlink/specs/sandbox.yaml
uapi=$top/uapi

ktap_print_header
if [ ! -r "$spec" ] || [ ! -r "$uapi/linux/sandbox.h" ] ||
   ! "$py" -c 'import yaml' 2>/dev/null || ! command -v cc >/dev/null; then
	ktap_set_plan 1
	ktap_test_skip "spec, header, python3-yaml or cc missing"
	ktap_finished
fi
ktap_set_plan 2

# spec_values: "C_NAME VALUE" for everything the spec numbers
spec_values() {
	"$py" - "$spec" <<'PY'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1]))
c = lambda p, n: (p + n).upper().replace("-", "_")
for d in s["definitions"]:
    for i, e in enumerate(d["entries"]):
        n = e if isinstance(e, str) else e["name"]
        v = d.get("value-start", 0) + i if d["type"] == "enum" else 1 << i
        print(c(d["name-prefix"], n), v)
for aset in s["attribute-sets"]:
    v = 0
    for a in aset["attributes"]:
        v = a.get("value", v + 1)
        print(c(aset["name-prefix"], a["name"]), v)
    print(c(aset["name-prefix"], "max"), v)
ops = s["operations"]
for i, o in enumerate(ops["list"]):
    print(c(ops["name-prefix"], o["name"]), o.get("value", i + 1))
PY
}

header_matches_spec() {
	local name val

	spec_values >"$scratch/want" || return 1
	{
		echo '#include <stdio.h>'
		echo '#include <linux/sandbox.h>'
		echo 'int main(void) {'
		while read -r name val; do
			echo "printf(\"$name %d\\n\", (int)$name);"
		done <"$scratch/want"
		echo 'printf("name %s %s %d\n", SANDBOX_GENL_NAME,'
		echo '       SANDBOX_GENL_MCGRP_EVENTS, SANDBOX_GENL_VERSION);'
		echo 'return 0; }'
	} >"$scratch/prog.c"
	echo "name sandbox events 1" >>"$scratch/want"
	cc -I"$uapi" -o "$scratch/prog" "$scratch/prog.c" &&
	"$scratch/prog" >"$scratch/have" &&
	diff "$scratch/want" "$scratch/have"
}

module_matches_spec() {
	local max

	max=$(awk '$1 == "SANDBOX_A_MAX" { print $2 }' "$scratch/want")
	genl-ctrl-list -d >"$scratch/ctrl" 2>&1 || return 1
	grep -A20 '^0x[0-9a-f]* sandbox version 1$' "$scratch/ctrl" |
		sed '/^0x/{1!q}' >"$scratch/family"
	grep -q "maxattr $max\$" "$scratch/family" &&
	grep -q 'op .*(0x01) <admin_perm,has_doit,has_dump,has_policy>' \
		"$scratch/family" &&
	grep -q 'grp events ' "$scratch/family" ||
		{ sed 's/^/# /' "$scratch/family"; return 1; }
}

for t in header_matches_spec module_matches_spec; do
	ktap_test_result "$t" "$t"
done
ktap_finished
