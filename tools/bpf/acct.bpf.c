// SPDX-License-Identifier: GPL-2.0
/*
 * Per-sandbox accounting: what the cgroup controllers do not count.
 *
 * Records live in sb_acct, keyed by the sandbox's cgroup id. The module's
 * sandbox_created tracepoint adds a record and sandbox_destroyed removes
 * it, so the table follows the sandboxes'
 * lives whether or not any tool runs. Counting programs only ever update
 * records that exist: a task outside every sandbox costs one failed
 * lookup where it forks, execs or exits, and nothing where it makes a
 * syscall.
 *
 * Module tracepoints are attached as tp_btf where the module has BTF and
 * as raw_tp otherwise; the loader picks (tools/lib/acct.c).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "acct.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SB_ACCT_MAX_SANDBOXES);
	__type(key, __u64);
	__type(value, struct sb_acct);
} sb_acct SEC(".maps");

/* A zeroed record to create others from: too large for the BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sb_acct);
} sb_zero SEC(".maps");

static __always_inline struct sb_acct *current_acct(void)
{
	__u64 cgid = bpf_get_current_cgroup_id();

	return bpf_map_lookup_elem(&sb_acct, &cgid);
}

/* Counters are shared by the CPUs a sandbox runs on. */
#define COUNT(a, field, n)	__sync_fetch_and_add(&(a)->field, (n))

/*
 * Syscalls, from seccomp: every task of a sandbox runs under a filter
 * (sandboxctl installs one even for --seccomp none), so the kernel calls
 * __secure_computing() on its every syscall and on no one else's. A hook
 * there costs the sandbox one trampoline per call and the rest of the
 * machine nothing; the sys_exit tracepoint put every task on the slow
 * syscall path. It returns -1 when the filter refused the call.
 */
SEC("fexit/__secure_computing")
int BPF_PROG(sb_syscall, const struct seccomp_data *sd, int ret)
{
	struct sb_acct *a = current_acct();
	struct pt_regs *regs;
	long nr;

	if (!a)
		return 0;
	COUNT(a, syscalls, 1);
	if (ret)
		COUNT(a, denied, 1);
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	nr = regs->orig_ax;
	if (nr >= 0 && nr < SB_ACCT_NR_SYSCALLS)
		COUNT(a, syscall_nr[nr], 1);
	return 0;
}

/*
 * Context switches and page faults: the kernel counts them per task
 * (nvcsw, nivcsw, min_flt, maj_flt); a thread's are added as it exits,
 * and the reader adds those of the live threads. Hooks on sched_switch
 * and handle_mm_fault would also do, but patching them into the hottest
 * paths of the machine crashed a TCG guest (an int3 seen after its text
 * poke was over), and they would tax every switch and fault.
 */
SEC("tp_btf/sched_process_exit")
int BPF_PROG(sb_thread_exit, struct task_struct *p)
{
	struct sb_acct *a = current_acct();

	if (a) {
		COUNT(a, nvcsw, p->nvcsw);
		COUNT(a, nivcsw, p->nivcsw);
		COUNT(a, minflt, p->min_flt);
		COUNT(a, majflt, p->maj_flt);
	}
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sb_fork, struct task_struct *parent, struct task_struct *child)
{
	struct sb_acct *a = current_acct();

	if (a)
		COUNT(a, forks, 1);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sb_exec, struct task_struct *p, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	struct sb_acct *a = current_acct();

	if (a)
		COUNT(a, execs, 1);
	return 0;
}

/* Sockets belong to the cgroup of the task that created them. */
static __always_inline void count_skb(struct __sk_buff *skb, bool egress)
{
	__u64 cgid = bpf_skb_cgroup_id(skb);
	struct sb_acct *a = bpf_map_lookup_elem(&sb_acct, &cgid);

	if (!a)
		return;
	if (egress) {
		COUNT(a, net_tx_bytes, skb->len);
		COUNT(a, net_tx_packets, 1);
	} else {
		COUNT(a, net_rx_bytes, skb->len);
		COUNT(a, net_rx_packets, 1);
	}
}

SEC("cgroup_skb/ingress")
int sb_skb_ingress(struct __sk_buff *skb)
{
	count_skb(skb, false);
	return 1;
}

SEC("cgroup_skb/egress")
int sb_skb_egress(struct __sk_buff *skb)
{
	count_skb(skb, true);
	return 1;
}

static __always_inline void sandbox_created(__u64 id, __u64 cgid)
{
	__u32 zero = 0;
	struct sb_acct *a = bpf_map_lookup_elem(&sb_zero, &zero);

	if (!a || bpf_map_update_elem(&sb_acct, &cgid, a, BPF_ANY))
		return;
	a = bpf_map_lookup_elem(&sb_acct, &cgid);
	if (a)
		a->sandbox_id = id;
}

static __always_inline void sandbox_destroyed(__u64 cgid)
{
	bpf_map_delete_elem(&sb_acct, &cgid);
}

SEC("tp_btf/sandbox_created")
int BPF_PROG(sb_created_btf, __u64 id, __u64 cgid)
{
	sandbox_created(id, cgid);
	return 0;
}

SEC("tp_btf/sandbox_destroyed")
int BPF_PROG(sb_destroyed_btf, __u64 id, __u64 cgid)
{
	sandbox_destroyed(cgid);
	return 0;
}

/* What the policy refused (kmod/events.c), past its rate limit too. */
static __always_inline void sandbox_denied(__u64 cgid)
{
	struct sb_acct *a = bpf_map_lookup_elem(&sb_acct, &cgid);

	if (a)
		COUNT(a, denied, 1);
}

SEC("tp_btf/sandbox_denied")
int BPF_PROG(sb_denied_btf, __u64 id, __u64 cgid)
{
	sandbox_denied(cgid);
	return 0;
}

/* Without module BTF: the same, from the raw arguments. */
SEC("raw_tp/sandbox_created")
int sb_created_raw(struct bpf_raw_tracepoint_args *ctx)
{
	sandbox_created(ctx->args[0], ctx->args[1]);
	return 0;
}

SEC("raw_tp/sandbox_destroyed")
int sb_destroyed_raw(struct bpf_raw_tracepoint_args *ctx)
{
	sandbox_destroyed(ctx->args[1]);
	return 0;
}

SEC("raw_tp/sandbox_denied")
int sb_denied_raw(struct bpf_raw_tracepoint_args *ctx)
{
	sandbox_denied(ctx->args[1]);
	return 0;
}

/*
 * With the module's kfunc: a sandbox created while accounting was off is
 * adopted at its first exec. Loaded only where the kfunc exists.
 */
extern __u64 bpf_sandbox_task_id(struct task_struct *task) __ksym;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sb_exec_adopt, struct task_struct *p, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	__u64 cgid = bpf_get_current_cgroup_id();
	__u64 id;

	if (bpf_map_lookup_elem(&sb_acct, &cgid))
		return 0;
	id = bpf_sandbox_task_id(p);
	if (id)
		sandbox_created(id, cgid);
	return 0;
}
