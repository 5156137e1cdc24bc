/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace API of the sandbox module: the character device /dev/sandbox.
 *
 * This header is the only ABI between sandbox.ko and its tools. It only
 * ever grows: ioctl numbers and struct layouts never change once released.
 */
#ifndef _UAPI_LINUX_SANDBOX_H
#define _UAPI_LINUX_SANDBOX_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: General ioctl format
 *
 * All ioctls are issued on a file descriptor of /dev/sandbox. Commands use
 * _IO(SANDBOX_TYPE, nr): the size of the argument is not part of the
 * command number, it is the first field of the argument struct instead, so
 * that structs can grow without new command numbers.
 *
 * Commands that take a struct follow these rules:
 *
 *  - The struct starts with ``__u32 size`` (set by userspace to
 *    sizeof(struct) as it knows it) and ``__u32 flags``.
 *  - A size smaller than the first released version of the struct fails
 *    with EINVAL. A size larger than the kernel's struct is accepted only if
 *    every byte past the kernel's struct is zero, otherwise E2BIG. A smaller
 *    size is treated as if the missing tail were zero.
 *  - Unknown bits in ``flags`` fail with EINVAL.
 *  - Fields named ``__reserved*`` must be zero, otherwise EINVAL.
 *  - Pointers are passed as __aligned_u64 values.
 *  - Output fields are written back for at most ``size`` bytes.
 *
 * Features are discovered with SANDBOX_CHECK_EXTENSION, never by comparing
 * versions: SANDBOX_API_VERSION never changes.
 */

/**
 * DOC: Error codes
 *
 * Every ioctl returns 0 (or a documented non-negative value) on success and
 * -1 with errno set on failure. An errno has the same meaning for every
 * command:
 *
 * - ENOTTY: unknown ioctl command.
 * - EINVAL: malformed argument: size below the minimum, unknown flag,
 *   non-zero reserved field, or a value out of range.
 * - E2BIG: the argument struct is larger than the kernel's and its tail is
 *   not zero: the caller asks for a feature this module does not have.
 * - EFAULT: a pointer (the argument itself or one inside it) is not
 *   accessible.
 * - ENOMEM: the kernel ran out of memory; nothing was changed.
 * - EACCES, EPERM: reported by open(2) of /dev/sandbox when the caller may
 *   not use the device (node mode, or a process inside a sandbox).
 */

/**
 * SANDBOX_API_VERSION - value returned by %SANDBOX_GET_API_VERSION
 *
 * It never changes. A tool that sees another value is talking to something
 * that is not this module.
 */
#define SANDBOX_API_VERSION	1

/**
 * define SANDBOX_TYPE - the ioctl type byte of every sandbox command
 */
#define SANDBOX_TYPE		0xB5

/**
 * enum sandbox_cap - capabilities for %SANDBOX_CHECK_EXTENSION
 * @SANDBOX_CAP_MODULE_INFO: %SANDBOX_GET_MODULE_INFO is available.
 * @SANDBOX_CAP_CONTAINER: container sandboxes: %SANDBOX_CREATE with
 *	%SANDBOX_KIND_CONTAINER and the sandbox fd commands.
 * @SANDBOX_CAP_NETLINK: the generic netlink family %SANDBOX_GENL_NAME with
 *	%SANDBOX_NL_CMD_GET and the %SANDBOX_GENL_MCGRP_EVENTS group.
 * @SANDBOX_CAP_AUDIT: audit records of type %SANDBOX_AUDIT_TYPE.
 * @SANDBOX_CAP_MICROVM: %SANDBOX_KIND_MICROVM sandboxes, the vCPU and
 *	guest memory fields of struct sandbox_create and struct sandbox_info.
 * @__SANDBOX_CAP_MAX: one past the highest known capability (not ABI: grows).
 *
 * A capability number is never reused. %SANDBOX_CHECK_EXTENSION returns a
 * positive value for a supported capability and 0 for any other number.
 */
enum sandbox_cap {
	SANDBOX_CAP_MODULE_INFO = 1,
	SANDBOX_CAP_CONTAINER = 2,
	SANDBOX_CAP_NETLINK = 3,
	SANDBOX_CAP_AUDIT = 4,
	SANDBOX_CAP_MICROVM = 5,
	__SANDBOX_CAP_MAX,
};

/**
 * struct sandbox_module_info - argument of %SANDBOX_GET_MODULE_INFO
 * @size: sizeof(struct sandbox_module_info) as known to the caller.
 * @flags: must be 0.
 * @api_version: out: %SANDBOX_API_VERSION.
 * @nr_sandboxes: out: number of sandboxes currently alive.
 * @version: in: user pointer to a buffer for the module's version string, or
 *	0 to only learn its length.
 * @version_len: in: size of the @version buffer in bytes; out: length of the
 *	version string including its terminating NUL. The string is truncated
 *	(and still NUL-terminated) when the buffer is too small.
 * @__reserved: must be 0.
 */
struct sandbox_module_info {
	__u32 size;
	__u32 flags;
	__u32 api_version;
	__u32 nr_sandboxes;
	__aligned_u64 version;
	__u32 version_len;
	__u32 __reserved;
};

#define SANDBOX_MODULE_INFO_SIZE_VER0	32 /* first released layout */

/**
 * enum sandbox_cmd - ioctl command numbers (the nr of _IO(SANDBOX_TYPE, nr))
 * @SANDBOX_CMD_GET_API_VERSION: see %SANDBOX_GET_API_VERSION.
 * @SANDBOX_CMD_CHECK_EXTENSION: see %SANDBOX_CHECK_EXTENSION.
 * @SANDBOX_CMD_GET_MODULE_INFO: see %SANDBOX_GET_MODULE_INFO.
 * @SANDBOX_CMD_CREATE: see %SANDBOX_CREATE.
 * @SANDBOX_CMD_OPEN: see %SANDBOX_OPEN.
 * @SANDBOX_CMD_LIST: see %SANDBOX_LIST.
 * @SANDBOX_CMD_START: see %SANDBOX_START (sandbox fd).
 * @SANDBOX_CMD_SET_LIMITS: see %SANDBOX_SET_LIMITS (sandbox fd).
 * @SANDBOX_CMD_KILL: see %SANDBOX_KILL (sandbox fd).
 * @SANDBOX_CMD_GET_INFO: see %SANDBOX_GET_INFO (sandbox fd).
 * @SANDBOX_CMD_DESTROY: see %SANDBOX_DESTROY (sandbox fd).
 *
 * Commands below 0x40 are issued on /dev/sandbox, commands from 0x40 on a
 * sandbox fd; any other combination fails with ENOTTY.
 */
enum sandbox_cmd {
	SANDBOX_CMD_GET_API_VERSION = 0x00,
	SANDBOX_CMD_CHECK_EXTENSION = 0x01,
	SANDBOX_CMD_GET_MODULE_INFO = 0x02,
	SANDBOX_CMD_CREATE = 0x03,
	SANDBOX_CMD_OPEN = 0x04,
	SANDBOX_CMD_LIST = 0x05,
	SANDBOX_CMD_START = 0x40,
	SANDBOX_CMD_SET_LIMITS = 0x41,
	SANDBOX_CMD_KILL = 0x42,
	SANDBOX_CMD_GET_INFO = 0x43,
	SANDBOX_CMD_DESTROY = 0x44,
};

/**
 * define SANDBOX_NAME_MAX - size of a sandbox name, including its NUL
 */
#define SANDBOX_NAME_MAX	64

/**
 * enum sandbox_kind - what isolates a sandbox's workload
 * @SANDBOX_KIND_CONTAINER: processes isolated by the host kernel.
 * @SANDBOX_KIND_MICROVM: a guest kernel under KVM, run by a monitor that
 *	is itself the sandbox's init, jailed like a container.
 */
enum sandbox_kind {
	SANDBOX_KIND_CONTAINER = 1,
	SANDBOX_KIND_MICROVM = 2,
};

/**
 * enum sandbox_state - life of a sandbox
 * @SANDBOX_STATE_CREATED: created, no init task yet.
 * @SANDBOX_STATE_RUNNING: the init task runs.
 * @SANDBOX_STATE_EXITED: the init task exited; see exit_status.
 */
enum sandbox_state {
	SANDBOX_STATE_CREATED = 1,
	SANDBOX_STATE_RUNNING = 2,
	SANDBOX_STATE_EXITED = 3,
};

/**
 * struct sandbox_create - argument of %SANDBOX_CREATE
 * @size: sizeof(struct sandbox_create) as known to the caller.
 * @flags: must be 0.
 * @kind: enum sandbox_kind.
 * @cgroup_fd: an O_RDONLY or O_PATH fd of the sandbox's own cgroup v2
 *	directory: empty, created by the caller for this sandbox only. The
 *	module removes it when the sandbox is freed.
 * @name: user pointer to the sandbox's NUL-terminated name: 1 to
 *	%SANDBOX_NAME_MAX - 1 characters from ``[A-Za-z0-9_.-]``, unique
 *	among live sandboxes.
 * @id: out: the sandbox's id, never reused while the module is loaded.
 * @vcpus: %SANDBOX_KIND_MICROVM: number of vCPUs, 1 to
 *	%SANDBOX_MICROVM_VCPUS_MAX; must be 0 for other kinds.
 * @__reserved: must be 0.
 * @guest_mem: %SANDBOX_KIND_MICROVM: guest memory in bytes, a non-zero
 *	multiple of 4096; must be 0 for other kinds. Recorded for info,
 *	events and accounting; the memory limit is set separately.
 *
 * A micro-VM needs the @vcpus and @guest_mem fields: creating one with a
 * %SANDBOX_CREATE_SIZE_VER0 struct fails with EINVAL.
 */
struct sandbox_create {
	__u32 size;
	__u32 flags;
	__u32 kind;
	__u32 cgroup_fd;
	__aligned_u64 name;
	__aligned_u64 id;
	__u32 vcpus;
	__u32 __reserved;
	__aligned_u64 guest_mem;
};

#define SANDBOX_CREATE_SIZE_VER0	32 /* first released layout */
#define SANDBOX_CREATE_SIZE_VER1	48 /* adds vcpus, guest_mem */

/**
 * define SANDBOX_MICROVM_VCPUS_MAX - the most vCPUs of one sandbox
 */
#define SANDBOX_MICROVM_VCPUS_MAX	256

/**
 * struct sandbox_start - argument of %SANDBOX_START
 * @size: sizeof(struct sandbox_start) as known to the caller.
 * @flags: must be 0.
 * @pid: the init task, a pid in the caller's pid namespace. It must
 *	already be in the sandbox's cgroup (clone3 with CLONE_INTO_CGROUP).
 * @__reserved: must be 0.
 */
struct sandbox_start {
	__u32 size;
	__u32 flags;
	__u32 pid;
	__u32 __reserved;
};

#define SANDBOX_START_SIZE_VER0		16 /* first released layout */

/**
 * DOC: Limit flags
 *
 * Bits of struct sandbox_limits.flags (which limits to apply) and of
 * struct sandbox_info.limits (which limits are in force):
 * %SANDBOX_LIMIT_MEMORY, %SANDBOX_LIMIT_PIDS, %SANDBOX_LIMIT_CPU,
 * %SANDBOX_LIMIT_IO_WEIGHT; %SANDBOX_LIMIT_ALL is their union.
 *
 * Each argument struct has a ``*_SIZE_VER0`` constant: its size in the
 * first released layout, the smallest size the kernel accepts.
 */
#define SANDBOX_LIMIT_MEMORY		(1U << 0)
#define SANDBOX_LIMIT_PIDS		(1U << 1)
#define SANDBOX_LIMIT_CPU		(1U << 2)
#define SANDBOX_LIMIT_IO_WEIGHT		(1U << 3)
#define SANDBOX_LIMIT_ALL		0xfU

/**
 * struct sandbox_limits - argument of %SANDBOX_SET_LIMITS
 * @size: sizeof(struct sandbox_limits) as known to the caller.
 * @flags: SANDBOX_LIMIT_* bits: the limits to apply; others are unchanged.
 * @memory_max: bytes of memory (cgroup memory.max), at least 1 MiB.
 * @pids_max: number of tasks (cgroup pids.max), at least 1.
 * @cpu_quota_us: CPU time per period (cgroup cpu.max), 1000 or more.
 * @cpu_period_us: the period, 1000 to 1000000 microseconds.
 * @io_weight: 1 to 10000 (cgroup io.weight).
 * @__reserved: must be 0.
 *
 * Errors: EINVAL for a value out of range; EOPNOTSUPP if the cgroup lacks
 * the controller.
 */
struct sandbox_limits {
	__u32 size;
	__u32 flags;
	__aligned_u64 memory_max;
	__aligned_u64 pids_max;
	__u32 cpu_quota_us;
	__u32 cpu_period_us;
	__u32 io_weight;
	__u32 __reserved;
};

#define SANDBOX_LIMITS_SIZE_VER0	40 /* first released layout */

/**
 * struct sandbox_info - argument of %SANDBOX_GET_INFO
 * @size: sizeof(struct sandbox_info) as known to the caller.
 * @flags: must be 0.
 * @id: out: the sandbox id.
 * @cgroup_id: out: the id of its cgroup (the inode number of the cgroup
 *	directory, what bpf_get_current_cgroup_id() returns inside it).
 * @kind: out: enum sandbox_kind.
 * @state: out: enum sandbox_state.
 * @init_pid: out: the init task's pid in the caller's pid namespace, 0 if
 *	not started or not visible there.
 * @exit_status: out: the init task's wait status (as waitpid(2) reports
 *	it) once @state is %SANDBOX_STATE_EXITED.
 * @creator_uid: out: euid of the creator, in the caller's user namespace.
 * @limits: out: SANDBOX_LIMIT_* bits of the limits in force.
 * @memory_max: out: see struct sandbox_limits.
 * @pids_max: out: see struct sandbox_limits.
 * @cpu_quota_us: out: see struct sandbox_limits.
 * @cpu_period_us: out: see struct sandbox_limits.
 * @io_weight: out: see struct sandbox_limits.
 * @__reserved: must be 0.
 * @created_ns: out: CLOCK_MONOTONIC time of creation.
 * @started_ns: out: CLOCK_MONOTONIC time of %SANDBOX_START, or 0.
 * @exited_ns: out: CLOCK_MONOTONIC time the init task exited, or 0.
 * @created_boot_ns: out: CLOCK_BOOTTIME time of creation.
 * @name: in: user pointer to a buffer of %SANDBOX_NAME_MAX bytes for the
 *	name, or 0.
 * @vcpus: out: a micro-VM's vCPUs, 0 for other kinds.
 * @__reserved2: must be 0.
 * @guest_mem: out: a micro-VM's guest memory in bytes, 0 for other kinds.
 */
struct sandbox_info {
	__u32 size;
	__u32 flags;
	__aligned_u64 id;
	__aligned_u64 cgroup_id;
	__u32 kind;
	__u32 state;
	__u32 init_pid;
	__u32 exit_status;
	__u32 creator_uid;
	__u32 limits;
	__aligned_u64 memory_max;
	__aligned_u64 pids_max;
	__u32 cpu_quota_us;
	__u32 cpu_period_us;
	__u32 io_weight;
	__u32 __reserved;
	__aligned_u64 created_ns;
	__aligned_u64 started_ns;
	__aligned_u64 exited_ns;
	__aligned_u64 created_boot_ns;
	__aligned_u64 name;
	__u32 vcpus;
	__u32 __reserved2;
	__aligned_u64 guest_mem;
};

#define SANDBOX_INFO_SIZE_VER0		120 /* first released layout */
#define SANDBOX_INFO_SIZE_VER1		136 /* adds vcpus, guest_mem */

/**
 * struct sandbox_open - argument of %SANDBOX_OPEN
 * @size: sizeof(struct sandbox_open) as known to the caller.
 * @flags: must be 0.
 * @id: the sandbox's id, or 0 to look it up by @name.
 * @name: user pointer to the sandbox's NUL-terminated name (when @id is 0).
 */
struct sandbox_open {
	__u32 size;
	__u32 flags;
	__aligned_u64 id;
	__aligned_u64 name;
};

#define SANDBOX_OPEN_SIZE_VER0		24 /* first released layout */

/**
 * struct sandbox_list - argument of %SANDBOX_LIST
 * @size: sizeof(struct sandbox_list) as known to the caller.
 * @flags: must be 0.
 * @ids: user pointer to an array of __u64 that receives sandbox ids.
 * @count: in: entries in @ids; out: number of sandboxes the caller may
 *	open (may exceed the array: call again with a larger one).
 * @__reserved: must be 0.
 */
struct sandbox_list {
	__u32 size;
	__u32 flags;
	__aligned_u64 ids;
	__u32 count;
	__u32 __reserved;
};

#define SANDBOX_LIST_SIZE_VER0		24 /* first released layout */

/**
 * define SANDBOX_GET_API_VERSION - return %SANDBOX_API_VERSION
 *
 * Takes no argument. Returns %SANDBOX_API_VERSION. Never fails.
 */
#define SANDBOX_GET_API_VERSION	_IO(SANDBOX_TYPE, SANDBOX_CMD_GET_API_VERSION)

/**
 * define SANDBOX_CHECK_EXTENSION - probe for a capability
 *
 * The argument is a capability number (enum sandbox_cap) passed by value.
 * Returns a positive value if the capability is supported, 0 otherwise
 * (including for numbers this module does not know). Never fails.
 */
#define SANDBOX_CHECK_EXTENSION	_IO(SANDBOX_TYPE, SANDBOX_CMD_CHECK_EXTENSION)

/**
 * define SANDBOX_GET_MODULE_INFO - describe the loaded module
 *
 * The argument is a pointer to struct sandbox_module_info. Returns 0.
 * Errors: EINVAL, E2BIG, EFAULT as in the general rules.
 */
#define SANDBOX_GET_MODULE_INFO	_IO(SANDBOX_TYPE, SANDBOX_CMD_GET_MODULE_INFO)

/**
 * define SANDBOX_CREATE - create a sandbox
 *
 * The argument is a pointer to struct sandbox_create. Returns a new sandbox
 * fd (O_CLOEXEC). The sandbox lives while any fd of it is open; when the
 * last one is closed every task in its cgroup is killed and the cgroup is
 * removed. Sandbox fds poll readable once the init task has exited.
 *
 * Errors: EINVAL (unknown kind, bad name, @cgroup_fd not a cgroup v2
 * directory or not empty), EBADF (@cgroup_fd not an fd), EEXIST (name in
 * use, or the cgroup already belongs to a sandbox), EPERM (caller is inside
 * a sandbox), EMFILE, ENOMEM, EFAULT, E2BIG.
 */
#define SANDBOX_CREATE		_IO(SANDBOX_TYPE, SANDBOX_CMD_CREATE)

/**
 * define SANDBOX_OPEN - get a new fd of a live sandbox
 *
 * The argument is a pointer to struct sandbox_open. Returns a new fd
 * (O_CLOEXEC) of the same sandbox: it keeps the sandbox alive like the
 * creator's fd does. Only the creator (same effective uid) or a caller with
 * CAP_SYS_ADMIN may open a sandbox. Errors: ENOENT (no such sandbox),
 * EPERM, EINVAL (bad name), EFAULT, EMFILE.
 */
#define SANDBOX_OPEN		_IO(SANDBOX_TYPE, SANDBOX_CMD_OPEN)

/**
 * define SANDBOX_LIST - list the ids of live sandboxes, oldest first
 *
 * The argument is a pointer to struct sandbox_list. Returns 0. Lists the
 * sandboxes the caller may open (see %SANDBOX_OPEN).
 */
#define SANDBOX_LIST		_IO(SANDBOX_TYPE, SANDBOX_CMD_LIST)

/**
 * define SANDBOX_START - record the sandbox's init task
 *
 * Sandbox fd. The argument is a pointer to struct sandbox_start. Returns 0.
 * Errors: ESRCH (no such process), EINVAL (the task is not in the
 * sandbox's cgroup, or is not a thread-group leader), EBUSY (already
 * started).
 */
#define SANDBOX_START		_IO(SANDBOX_TYPE, SANDBOX_CMD_START)

/**
 * define SANDBOX_SET_LIMITS - apply resource limits to the sandbox's cgroup
 *
 * Sandbox fd. The argument is a pointer to struct sandbox_limits. Returns 0.
 * Limits may be changed at any time; %SANDBOX_GET_INFO reports them.
 */
#define SANDBOX_SET_LIMITS	_IO(SANDBOX_TYPE, SANDBOX_CMD_SET_LIMITS)

/**
 * define SANDBOX_KILL - send a signal to every task of the sandbox
 *
 * Sandbox fd. The argument is the signal number, passed by value. Returns 0.
 * SIGKILL kills every task in the sandbox's cgroup at once; other signals
 * go to every process listed in it. Errors: EINVAL (bad signal number).
 */
#define SANDBOX_KILL		_IO(SANDBOX_TYPE, SANDBOX_CMD_KILL)

/**
 * define SANDBOX_GET_INFO - describe a sandbox
 *
 * Sandbox fd. The argument is a pointer to struct sandbox_info. Returns 0.
 */
#define SANDBOX_GET_INFO	_IO(SANDBOX_TYPE, SANDBOX_CMD_GET_INFO)

/**
 * define SANDBOX_DESTROY - end a sandbox now
 *
 * Sandbox fd. Takes no argument. Returns 0. Kills every task of the
 * sandbox and makes all its fds poll with EPOLLHUP, telling holders (such
 * as the keeper of a long-lived sandbox) to close them; the sandbox is freed
 * when the last fd is closed. Further %SANDBOX_START calls fail with EBUSY.
 */
#define SANDBOX_DESTROY		_IO(SANDBOX_TYPE, SANDBOX_CMD_DESTROY)

/**
 * DOC: Generic netlink family
 *
 * The module registers the generic netlink family %SANDBOX_GENL_NAME
 * (version %SANDBOX_GENL_VERSION) in the initial network namespace. Its
 * messages carry attributes of enum sandbox_nl_attr only, never binary
 * structs; u64 attributes are 8-byte aligned with %SANDBOX_A_PAD. The YAML
 * specification is Documentation/netlink/specs/sandbox.yaml.
 *
 * %SANDBOX_NL_CMD_GET answers with one sandbox (request: %SANDBOX_A_ID or
 * %SANDBOX_A_NAME) or, as a dump, with every live sandbox, oldest first.
 * Numbers are seen from the requester: %SANDBOX_A_CREATOR_UID in its user
 * namespace, %SANDBOX_A_INIT_PID in its pid namespace (0 if not visible).
 * Errors: ENOENT (no such sandbox), EINVAL (neither attribute given),
 * EPERM (no CAP_NET_ADMIN).
 *
 * The multicast group %SANDBOX_GENL_MCGRP_EVENTS receives one
 * %SANDBOX_NL_CMD_EVENT message per lifecycle event of every sandbox; see
 * enum sandbox_event_type for the attributes each one adds. In events,
 * %SANDBOX_A_CREATOR_UID is in the initial user namespace and
 * %SANDBOX_A_INIT_PID in the initial pid namespace.
 *
 * Both dumping and subscribing need CAP_NET_ADMIN in the initial user
 * namespace (GENL_ADMIN_PERM on the command, GENL_MCAST_CAP_NET_ADMIN on
 * the group): sandboxes of every user are visible through them.
 */

/**
 * DOC: Event sequence numbers and lost events
 *
 * Every event carries %SANDBOX_A_EVENT_SEQ and %SANDBOX_A_EVENT_LOST:
 *
 * - The sequence number counts every event the module generated since it
 *   was loaded, whether or not anyone was subscribed; the first event is 1.
 *   Events are numbered and sent under one lock, so every listener
 *   receives them in sequence order. A listener that receives N and then
 *   M has missed exactly M - N - 1 events in between, and knows it.
 * - The lost counter is the number of earlier events, since the module was
 *   loaded, that could not be delivered to at least one subscriber: the
 *   message could not be allocated, or the receive buffer of a subscriber
 *   that set the NETLINK_BROADCAST_ERROR socket option was full (only
 *   those make netlink_broadcast() fail with ENOBUFS; sandboxctl events
 *   sets it). It never decreases. Events generated while nobody is
 *   subscribed are not counted.
 *
 * So a slow listener learns of its losses from the next event it does
 * receive: exactly from the gap in sequence numbers, and, with
 * NETLINK_BROADCAST_ERROR set, from a lost counter larger than the one it
 * saw last. Independently, netlink reports an overrun of the socket's
 * receive buffer as one ENOBUFS error from recvmsg(2), unless the socket
 * set NETLINK_NO_ENOBUFS.
 *
 * All events of one sandbox are sent in the order they happened:
 * %SANDBOX_EVENT_CREATED first and %SANDBOX_EVENT_DESTROYED last. A
 * sandbox whose last fd is closed while its init task still runs has no
 * %SANDBOX_EVENT_EXITED event: its tasks are killed after it is destroyed.
 */

/**
 * define SANDBOX_GENL_NAME - name of the generic netlink family
 */
#define SANDBOX_GENL_NAME		"sandbox"

/**
 * define SANDBOX_GENL_VERSION - version of the generic netlink family
 */
#define SANDBOX_GENL_VERSION		1

/**
 * define SANDBOX_GENL_MCGRP_EVENTS - name of the lifecycle event group
 */
#define SANDBOX_GENL_MCGRP_EVENTS	"events"

/**
 * enum sandbox_nl_cmd - generic netlink commands of the sandbox family
 * @SANDBOX_NL_CMD_UNSPEC: unused.
 * @SANDBOX_NL_CMD_GET: request: get one sandbox, or dump all of them.
 * @SANDBOX_NL_CMD_EVENT: notification in %SANDBOX_GENL_MCGRP_EVENTS.
 * @__SANDBOX_NL_CMD_MAX: one past the highest command (not ABI: grows).
 */
enum sandbox_nl_cmd {
	SANDBOX_NL_CMD_UNSPEC,
	SANDBOX_NL_CMD_GET,
	SANDBOX_NL_CMD_EVENT,
	__SANDBOX_NL_CMD_MAX,
};

#define SANDBOX_NL_CMD_MAX	(__SANDBOX_NL_CMD_MAX - 1)

/**
 * enum sandbox_event_type - value of %SANDBOX_A_EVENT_TYPE
 * @SANDBOX_EVENT_CREATED: %SANDBOX_CREATE succeeded.
 * @SANDBOX_EVENT_STARTED: %SANDBOX_START recorded the init task; adds
 *	%SANDBOX_A_INIT_PID.
 * @SANDBOX_EVENT_EXITED: the init task exited; adds %SANDBOX_A_EXIT_STATUS
 *	and either %SANDBOX_A_EXIT_CODE (it exited) or %SANDBOX_A_EXIT_SIGNAL
 *	(a signal killed it).
 * @SANDBOX_EVENT_DESTROYED: the last fd was closed; the sandbox is gone.
 * @SANDBOX_EVENT_EXEC: the init task, or a child of it, executed a
 *	program; adds %SANDBOX_A_PID and %SANDBOX_A_PATH. These are the
 *	sandbox's entry points (the command sandboxctl starts is a child of
 *	the init), not every exec inside it.
 * @SANDBOX_EVENT_LIMIT_HIT: a limit of the sandbox was reached; adds
 *	%SANDBOX_A_LIMIT, %SANDBOX_A_LIMIT_EVENT and %SANDBOX_A_LIMIT_COUNT.
 *	The cgroup reports at most one change per 10 ms, so a burst of hits
 *	is one event whose count grew by more than one.
 * @SANDBOX_EVENT_DENIED: the sandbox's BPF LSM policy refused an
 *	operation with EPERM; adds %SANDBOX_A_DENIED_OP,
 *	%SANDBOX_A_DENIED_OBJECT and %SANDBOX_A_PID.
 *
 * %SANDBOX_EVENT_EXITED also adds %SANDBOX_A_OOM_KILLS.
 *
 * Every event carries the header attributes %SANDBOX_A_EVENT_TYPE,
 * %SANDBOX_A_EVENT_SEQ, %SANDBOX_A_EVENT_LOST, %SANDBOX_A_EVENT_MONO_NS,
 * %SANDBOX_A_EVENT_BOOT_NS, %SANDBOX_A_ID, %SANDBOX_A_NAME,
 * %SANDBOX_A_KIND, %SANDBOX_A_CGROUP_ID and %SANDBOX_A_CREATOR_UID.
 * Values are never reused; new event types are appended, and listeners
 * must ignore types (and attributes) they do not know.
 */
enum sandbox_event_type {
	SANDBOX_EVENT_CREATED = 1,
	SANDBOX_EVENT_STARTED = 2,
	SANDBOX_EVENT_EXITED = 3,
	SANDBOX_EVENT_DESTROYED = 4,
	SANDBOX_EVENT_EXEC = 5,
	SANDBOX_EVENT_LIMIT_HIT = 6,
	SANDBOX_EVENT_DENIED = 7,
};

/**
 * enum sandbox_denied_op - value of %SANDBOX_A_DENIED_OP: what a policy
 *	refused, and what %SANDBOX_A_DENIED_OBJECT then holds
 * @SANDBOX_DENIED_MOUNT: a mount (object: "mount" or "move_mount").
 * @SANDBOX_DENIED_MODULE: loading a kernel module (object: the module
 *	requested, or "init_module" / "finit_module").
 * @SANDBOX_DENIED_PTRACE: tracing or inspecting a task outside the
 *	sandbox (object: "pid N", N in the initial pid namespace).
 * @SANDBOX_DENIED_OPEN: opening a denied path (object: the path, as seen
 *	from the sandbox).
 * @SANDBOX_DENIED_CONNECT: connect(2) to an address not allowed.
 * @SANDBOX_DENIED_BIND: bind(2) to an address not allowed.
 * @SANDBOX_DENIED_EXEC: executing a program from outside the allowed
 *	paths (object: the program's path).
 */
enum sandbox_denied_op {
	SANDBOX_DENIED_MOUNT = 1,
	SANDBOX_DENIED_MODULE = 2,
	SANDBOX_DENIED_PTRACE = 3,
	SANDBOX_DENIED_OPEN = 4,
	SANDBOX_DENIED_CONNECT = 5,
	SANDBOX_DENIED_BIND = 6,
	SANDBOX_DENIED_EXEC = 7,
};

/**
 * enum sandbox_limit_event - value of %SANDBOX_A_LIMIT_EVENT
 * @SANDBOX_LIMIT_EVENT_MAX: usage reached the limit and was held there:
 *	memory.max forced reclaim, or pids.max refused a fork
 *	(%SANDBOX_A_LIMIT says which). The count is the cgroup's own
 *	``max`` counter of memory.events or pids.events.
 * @SANDBOX_LIMIT_EVENT_OOM_KILL: the memory limit could not be held and a
 *	task of the sandbox was killed; the count is memory.events'
 *	``oom_kill``.
 */
enum sandbox_limit_event {
	SANDBOX_LIMIT_EVENT_MAX = 1,
	SANDBOX_LIMIT_EVENT_OOM_KILL = 2,
};

/**
 * enum sandbox_nl_attr - attributes of the sandbox netlink family
 * @SANDBOX_A_UNSPEC: unused.
 * @SANDBOX_A_PAD: padding for 64-bit attributes, ignore it.
 * @SANDBOX_A_ID: u64: the sandbox id.
 * @SANDBOX_A_NAME: string: the sandbox name (NUL-terminated).
 * @SANDBOX_A_KIND: u32: enum sandbox_kind.
 * @SANDBOX_A_STATE: u32: enum sandbox_state (GET only).
 * @SANDBOX_A_CGROUP_ID: u64: id of the sandbox's cgroup.
 * @SANDBOX_A_CREATOR_UID: u32: euid of the creator.
 * @SANDBOX_A_INIT_PID: u32: pid of the init task, once started.
 * @SANDBOX_A_EXIT_STATUS: u32: the init task's wait status, once exited.
 * @SANDBOX_A_CREATED_NS: u64: CLOCK_MONOTONIC time of creation (GET only).
 * @SANDBOX_A_CREATED_BOOT_NS: u64: CLOCK_BOOTTIME time of creation (GET
 *	only).
 * @SANDBOX_A_STARTED_NS: u64: CLOCK_MONOTONIC time of %SANDBOX_START, or 0
 *	(GET only).
 * @SANDBOX_A_EXITED_NS: u64: CLOCK_MONOTONIC time the init task exited, or
 *	0 (GET only).
 * @SANDBOX_A_LIMITS: u32: SANDBOX_LIMIT_* bits of the limits in force
 *	(GET only); the limits set are present as the next five attributes.
 * @SANDBOX_A_MEMORY_MAX: u64: see struct sandbox_limits.
 * @SANDBOX_A_PIDS_MAX: u64: see struct sandbox_limits.
 * @SANDBOX_A_CPU_QUOTA_US: u32: see struct sandbox_limits.
 * @SANDBOX_A_CPU_PERIOD_US: u32: see struct sandbox_limits.
 * @SANDBOX_A_IO_WEIGHT: u32: see struct sandbox_limits.
 * @SANDBOX_A_EVENT_TYPE: u32: enum sandbox_event_type.
 * @SANDBOX_A_EVENT_SEQ: u64: sequence number of the event, from 1.
 * @SANDBOX_A_EVENT_LOST: u64: earlier events not delivered to some
 *	subscriber (see "Event sequence numbers and lost events").
 * @SANDBOX_A_EVENT_MONO_NS: u64: CLOCK_MONOTONIC time of the event.
 * @SANDBOX_A_EVENT_BOOT_NS: u64: CLOCK_BOOTTIME time of the event.
 * @SANDBOX_A_EXIT_CODE: u32: exit code of the init task, if it exited.
 * @SANDBOX_A_EXIT_SIGNAL: u32: signal that killed the init task.
 * @SANDBOX_A_PID: u32: the task an event is about, in the initial pid
 *	namespace.
 * @SANDBOX_A_PATH: string: the program an exec event ran, as passed to
 *	execve(2).
 * @SANDBOX_A_LIMIT: u32: the SANDBOX_LIMIT_* bit of the limit hit.
 * @SANDBOX_A_LIMIT_EVENT: u32: enum sandbox_limit_event.
 * @SANDBOX_A_LIMIT_COUNT: u64: how often that limit event happened in the
 *	sandbox so far.
 * @SANDBOX_A_OOM_KILLS: u64: tasks of the sandbox killed by the OOM killer
 *	under its memory limit, up to the init task's exit.
 * @SANDBOX_A_DENIED_OP: u32: enum sandbox_denied_op.
 * @SANDBOX_A_DENIED_OBJECT: string: what the denied operation was on.
 * @SANDBOX_A_VCPUS: u32: a micro-VM's vCPUs (micro-VMs only, in GET
 *	replies and every event).
 * @SANDBOX_A_GUEST_MEM: u64: a micro-VM's guest memory in bytes (as
 *	%SANDBOX_A_VCPUS).
 * @__SANDBOX_A_MAX: one past the highest attribute (not ABI: grows).
 *
 * Attribute numbers are never changed or reused; new ones are appended.
 */
enum sandbox_nl_attr {
	SANDBOX_A_UNSPEC,
	SANDBOX_A_PAD,
	SANDBOX_A_ID,
	SANDBOX_A_NAME,
	SANDBOX_A_KIND,
	SANDBOX_A_STATE,
	SANDBOX_A_CGROUP_ID,
	SANDBOX_A_CREATOR_UID,
	SANDBOX_A_INIT_PID,
	SANDBOX_A_EXIT_STATUS,
	SANDBOX_A_CREATED_NS,
	SANDBOX_A_CREATED_BOOT_NS,
	SANDBOX_A_STARTED_NS,
	SANDBOX_A_EXITED_NS,
	SANDBOX_A_LIMITS,
	SANDBOX_A_MEMORY_MAX,
	SANDBOX_A_PIDS_MAX,
	SANDBOX_A_CPU_QUOTA_US,
	SANDBOX_A_CPU_PERIOD_US,
	SANDBOX_A_IO_WEIGHT,
	SANDBOX_A_EVENT_TYPE,
	SANDBOX_A_EVENT_SEQ,
	SANDBOX_A_EVENT_LOST,
	SANDBOX_A_EVENT_MONO_NS,
	SANDBOX_A_EVENT_BOOT_NS,
	SANDBOX_A_EXIT_CODE,
	SANDBOX_A_EXIT_SIGNAL,
	SANDBOX_A_PID,
	SANDBOX_A_PATH,
	SANDBOX_A_LIMIT,
	SANDBOX_A_LIMIT_EVENT,
	SANDBOX_A_LIMIT_COUNT,
	SANDBOX_A_OOM_KILLS,
	SANDBOX_A_DENIED_OP,
	SANDBOX_A_DENIED_OBJECT,
	SANDBOX_A_VCPUS,
	SANDBOX_A_GUEST_MEM,
	__SANDBOX_A_MAX,
};

#define SANDBOX_A_MAX	(__SANDBOX_A_MAX - 1)

/**
 * DOC: Audit records
 *
 * When auditing is enabled (auditd running, or ``auditctl -e 1``), the
 * module writes one record of type %SANDBOX_AUDIT_TYPE when a sandbox is
 * created, one when it is destroyed (its last fd closed) and one for each
 * operation its policy denies. Fields, all ``key=value`` for ausearch(8)
 * and aureport(8)::
 *
 *   op=sandbox_create|sandbox_destroy|sandbox_denied sandbox_id=ID
 *   sandbox_name="NAME" sandbox_kind=container|microvm cgroup_id=ID
 *   creator_uid=UID [denied_op=OP object=OBJECT] <task> res=1|0
 *
 * Denied records (res=0) add ``denied_op``, one of mount, module, ptrace,
 * open, connect, bind, exec, and ``object``, quoted, or hex-encoded when it
 * holds spaces or special characters (audit's untrusted-string rule); the
 * task is the one that was refused.
 *
 * where ``<task>`` is the kernel's standard description of the task that
 * caused the record (``ppid= pid= auid= uid= ... ses= comm= exe=`` and
 * ``subj=`` under an LSM): the creator, or the task that closed the last
 * fd. Names only ever hold ``[A-Za-z0-9_.-]``. ``creator_uid`` is in the
 * initial user namespace. Search them with ``ausearch -m KERNEL_OTHER``.
 */

/**
 * define SANDBOX_AUDIT_TYPE - audit record type of sandbox lifecycle records
 *
 * AUDIT_KERNEL_OTHER (1316), the type the kernel reserves for records of
 * modules outside the tree; ``op=`` tells sandbox records apart.
 */
#define SANDBOX_AUDIT_TYPE		1316

#endif /* _UAPI_LINUX_SANDBOX_H */
