#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# audit_capture.py NAME COUNT COMMAND...: turns auditing on, runs COMMAND
# and prints, one per line as key=value JSON objects, the first COUNT audit
# records of type 1316 (sandbox records) of the sandbox NAME, read from the
# audit log multicast group within 5 s; then restores the audit state.
# Exits 1 if fewer arrived.

import json
import socket
import struct
import subprocess
import sys
import time

NETLINK_AUDIT, AUDIT_GET, AUDIT_SET = 9, 1000, 1001
AUDIT_STATUS_ENABLED, READLOG, SANDBOX_AUDIT_TYPE = 1, 1, 1316


def request(s, typ, payload=b""):
    # AUDIT_GET answers from a kernel thread: ask no ACK, wait for the reply
    flags = 1 if typ == AUDIT_GET else 5
    s.send(struct.pack("=IHHII", 16 + len(payload), typ, flags, 1, 0) +
           payload)
    while True:
        data = s.recv(65536)
        ln, t = struct.unpack_from("=IH", data)
        if t == 2:  # NLMSG_ERROR
            err = struct.unpack_from("=i", data, 16)[0]
            assert err == 0, err
            return None
        if t == typ:
            return data[16:ln]


def set_enabled(s, on):
    # struct audit_status: mask, enabled, then fields we leave alone
    request(s, AUDIT_SET, struct.pack("=II", AUDIT_STATUS_ENABLED, on) +
            bytes(32))


def fields(text):
    body = text.split("): ", 1)[1]
    return dict(f.split("=", 1) for f in body.split(" ") if "=" in f)


def main():
    name, count, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    ctl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_AUDIT)
    was = struct.unpack_from("=II", request(ctl, AUDIT_GET))[1]
    log = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_AUDIT)
    log.bind((0, READLOG))
    set_enabled(ctl, 1)
    recs = []
    try:
        subprocess.run(cmd)
        log.settimeout(5)
        deadline = time.time() + 5
        while len(recs) < count and time.time() < deadline:
            data = log.recv(65536)
            ln, t = struct.unpack_from("=IH", data)
            text = data[16:ln].rstrip(b"\0").decode()
            if t == SANDBOX_AUDIT_TYPE and f'sandbox_name="{name}"' in text:
                recs.append(text)
    except socket.timeout:
        pass
    finally:
        set_enabled(ctl, was)
    for r in recs:
        print(json.dumps(fields(r)))
    sys.exit(0 if len(recs) >= count else 1)


main()
