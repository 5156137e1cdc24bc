/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of sandbox.ko: the life of every sandbox, for perf, ftrace
 * and BPF (raw_tp everywhere, tp_btf where the module has BTF). Every
 * event starts with the sandbox id and its cgroup id, the key of the
 * accounting programs; arguments are plain values, never pointers, so
 * raw_tp programs read them without the module's types.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sandbox

#if !defined(_SANDBOX_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SANDBOX_TRACE_H

#include <linux/tracepoint.h>

/* Room for a path in the trace buffer; longer ones are cut. */
#define SANDBOX_TRACE_PATH_LEN	128

DECLARE_EVENT_CLASS(sandbox_lifecycle,
	TP_PROTO(u64 id, u64 cgroup_id),
	TP_ARGS(id, cgroup_id),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u64, cgroup_id)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->cgroup_id = cgroup_id;
	),
	TP_printk("id=%llu cgroup_id=%llu", __entry->id, __entry->cgroup_id)
);

DEFINE_EVENT(sandbox_lifecycle, sandbox_created,
	TP_PROTO(u64 id, u64 cgroup_id),
	TP_ARGS(id, cgroup_id)
);

DEFINE_EVENT(sandbox_lifecycle, sandbox_started,
	TP_PROTO(u64 id, u64 cgroup_id),
	TP_ARGS(id, cgroup_id)
);

DEFINE_EVENT(sandbox_lifecycle, sandbox_destroyed,
	TP_PROTO(u64 id, u64 cgroup_id),
	TP_ARGS(id, cgroup_id)
);

TRACE_EVENT(sandbox_exec,
	TP_PROTO(u64 id, u64 cgroup_id, u32 pid, const char *path),
	TP_ARGS(id, cgroup_id, pid, path),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u64, cgroup_id)
		__field(u32, pid)
		__array(char, path, SANDBOX_TRACE_PATH_LEN)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->cgroup_id = cgroup_id;
		__entry->pid = pid;
		strscpy(__entry->path, path, SANDBOX_TRACE_PATH_LEN);
	),
	TP_printk("id=%llu cgroup_id=%llu pid=%u path=%s", __entry->id,
		  __entry->cgroup_id, __entry->pid, __entry->path)
);

TRACE_EVENT(sandbox_exited,
	TP_PROTO(u64 id, u64 cgroup_id, u32 status, u64 oom_kills),
	TP_ARGS(id, cgroup_id, status, oom_kills),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u64, cgroup_id)
		__field(u32, status)
		__field(u64, oom_kills)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->cgroup_id = cgroup_id;
		__entry->status = status;
		__entry->oom_kills = oom_kills;
	),
	TP_printk("id=%llu cgroup_id=%llu status=0x%x oom_kills=%llu",
		  __entry->id, __entry->cgroup_id, __entry->status,
		  __entry->oom_kills)
);

TRACE_EVENT(sandbox_limit_hit,
	TP_PROTO(u64 id, u64 cgroup_id, u32 limit, u32 event, u64 count),
	TP_ARGS(id, cgroup_id, limit, event, count),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u64, cgroup_id)
		__field(u32, limit)
		__field(u32, event)
		__field(u64, count)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->cgroup_id = cgroup_id;
		__entry->limit = limit;
		__entry->event = event;
		__entry->count = count;
	),
	TP_printk("id=%llu cgroup_id=%llu limit=0x%x event=%u count=%llu",
		  __entry->id, __entry->cgroup_id, __entry->limit,
		  __entry->event, __entry->count)
);

TRACE_EVENT(sandbox_denied,
	TP_PROTO(u64 id, u64 cgroup_id, u32 pid, u32 op, const char *object),
	TP_ARGS(id, cgroup_id, pid, op, object),
	TP_STRUCT__entry(
		__field(u64, id)
		__field(u64, cgroup_id)
		__field(u32, pid)
		__field(u32, op)
		__array(char, object, SANDBOX_TRACE_PATH_LEN)
	),
	TP_fast_assign(
		__entry->id = id;
		__entry->cgroup_id = cgroup_id;
		__entry->pid = pid;
		__entry->op = op;
		strscpy(__entry->object, object, SANDBOX_TRACE_PATH_LEN);
	),
	TP_printk("id=%llu cgroup_id=%llu pid=%u op=%u object=%s",
		  __entry->id, __entry->cgroup_id, __entry->pid, __entry->op,
		  __entry->object)
);

#endif /* _SANDBOX_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE sandbox_trace
#include <trace/define_trace.h>
