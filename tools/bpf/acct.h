/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Accounting records shared by acct.bpf.c and its loader (tools/lib/acct.c).
 *
 * One record per sandbox, keyed by the id of the sandbox's cgroup, in a
 * hash whose records are allocated as sandboxes come and freed as they
 * go. The hot path (every syscall of every task) costs one lookup, and a
 * few atomic adds for the sandboxed ones: a per-CPU map would save the
 * atomics but cost a copy of the per-syscall array per CPU.
 */
#ifndef _SANDBOX_BPF_ACCT_H
#define _SANDBOX_BPF_ACCT_H

/* Syscall numbers counted one by one; larger ones count in the total. */
#define SB_ACCT_NR_SYSCALLS	512
/* Sandboxes accounted at once; more are created but not accounted. */
#define SB_ACCT_MAX_SANDBOXES	4096

/**
 * struct sb_acct - what BPF counts for one sandbox
 * @sandbox_id: the sandbox's id (the same on every CPU)
 * @syscalls: system calls made
 * @denied: system calls the sandbox's seccomp filter refused, and
 *	operations its policy denied
 * @nvcsw: voluntary context switches (the task blocked)
 * @nivcsw: involuntary context switches (the task was preempted)
 * @minflt: page faults served without I/O
 * @majflt: page faults that needed I/O
 * @forks: processes and threads created
 * @execs: successful execve(2) calls
 * @net_rx_bytes: bytes received by the sandbox's sockets
 * @net_rx_packets: packets received by the sandbox's sockets
 * @net_tx_bytes: bytes sent by the sandbox's sockets
 * @net_tx_packets: packets sent by the sandbox's sockets
 * @syscall_nr: calls per syscall number, for the top-N
 */
struct sb_acct {
	__u64 sandbox_id;
	__u64 syscalls;
	__u64 denied;
	__u64 nvcsw;
	__u64 nivcsw;
	__u64 minflt;
	__u64 majflt;
	__u64 forks;
	__u64 execs;
	__u64 net_rx_bytes;
	__u64 net_rx_packets;
	__u64 net_tx_bytes;
	__u64 net_tx_packets;
	__u64 syscall_nr[SB_ACCT_NR_SYSCALLS];
};

#endif /* _SANDBOX_BPF_ACCT_H */
