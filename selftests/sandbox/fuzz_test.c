// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzzer of the sandbox uapi: random and mutated ioctls on /dev/sandbox and
 * on sandbox fds (sizes, flags, pointers, values) and random messages to
 * the generic netlink family, from several threads, while other threads
 * create, start, kill, destroy and close sandboxes under them.  A third
 * of the sandboxes are micro-VMs (the module's record of one; no guest).
 *
 * The kernel must survive it (on the debug kernel: no KASAN, lockdep or
 * WARN report either), argument checks must hold (a too small struct, a
 * non-zero tail, an unknown flag, a bad pointer or a kind without its
 * fields never succeed, errors are documented ones), and no sandbox may
 * outlive its fds.
 *
 * Environment: FUZZ_SECONDS (default 3) or FUZZ_CALLS (run until that
 * many calls were made), FUZZ_THREADS (default 4), FUZZ_SEED to replay a
 * run: the seed is printed first.  Thread scheduling is not replayed, so a
 * race may need a few runs with the same seed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "fuzz_util.h"
#include "genl_util.h"

#define FZ_SLOTS	24
#define FZ_BUF		8192
#define FZ_NL_BUF	(64 * 1024)
#define FZ_MAX_THREADS	16

/* A sandbox fd and its cgroup's fd; fd is -1 when the slot is free. */
struct fz_slot {
	pthread_mutex_t lock;
	int fd;
	int cg;
};

struct fz_thread {
	pthread_t th;
	uint64_t rng;
	int id;
	int dev;
	int nl;
	unsigned long ncg;
	unsigned char buf[FZ_BUF] __attribute__((aligned(8)));
	unsigned char nlbuf[FZ_NL_BUF] __attribute__((aligned(8)));
};

static struct fz_slot fz_slots[FZ_SLOTS];
static atomic_ulong fz_calls, fz_created, fz_bad;
static atomic_int fz_stop;
static unsigned char *fz_hole;	/* a PROT_NONE page after a mapped one */
static uint16_t fz_family;
static int fz_events = -1;	/* subscribed to the events group */

/* Reports an argument check the module got wrong. */
#define fz_violation(fmt, ...) do {					\
	atomic_fetch_add(&fz_bad, 1);					\
	fprintf(stderr, "# fuzz: VIOLATION: " fmt "\n", ##__VA_ARGS__);	\
} while (0)

/* Errors the uapi documents, plus what cgroup files and fds may say. */
static int fz_errno_ok(long err)
{
	switch (-err) {
	case ENOTTY: case EINVAL: case E2BIG: case EFAULT: case ENOMEM:
	case EBADF: case EEXIST: case EPERM: case EMFILE: case ENOENT:
	case ESRCH: case EBUSY: case EOPNOTSUPP: case ENODEV: case EACCES:
	case EAGAIN:
		return 1;
	}
	return 0;
}

/* A pointer the module must refuse with EFAULT, or NULL for a good one. */
static unsigned long fz_bad_ptr(struct fz_thread *t, size_t len)
{
	static const unsigned long bad[] = {
		0, 1, 4095, 0xffffffff81000000ul, 0xffff888000000000ul,
		~0ul, 0x00007ffffffff000ul,
	};
	uint64_t n = fz_below(&t->rng, ARRAY_SIZE(bad) + 2);

	if (n < ARRAY_SIZE(bad))
		return bad[n];
	if (n == ARRAY_SIZE(bad))
		return (unsigned long)fz_hole;
	/*
	 * Straddles the end of a mapping: the first bytes are readable.
	 * Never further back than the scratch page: @len may be any size
	 * field, and a pointer into our own memory would be a good one.
	 */
	if (len > 4096)
		len = 4096;
	return (unsigned long)fz_hole - (len > 8 ? len / 2 : 4);
}

/*
 * A pointer for a field: mostly to the name fz_template() writes at
 * buf + 2048 (also room for outputs), sometimes elsewhere or bad.
 */
static __u64 fz_field_ptr(struct fz_thread *t)
{
	if (fz_one_in(&t->rng, 4))
		return fz_bad_ptr(t, 64);
	if (fz_one_in(&t->rng, 4))
		return (uintptr_t)(t->buf + 2048 + fz_below(&t->rng, 1024));
	return (uintptr_t)(t->buf + 2048);
}

/* A random valid name, or random bytes, at @p (64 bytes of room). */
static void fz_name(struct fz_thread *t, char *p)
{
	int i, n = 1 + fz_below(&t->rng, 12);

	if (fz_one_in(&t->rng, 8)) {
		for (i = 0; i < SANDBOX_NAME_MAX; i++)
			p[i] = fz_next(&t->rng);
		p[fz_below(&t->rng, SANDBOX_NAME_MAX)] = '\0';
		return;
	}
	for (i = 0; i < n; i++)
		p[i] = "abcdefgh.-_0123"[fz_below(&t->rng, 15)];
	p[n] = '\0';
}

/* One ioctl being built: what the module must make of it. */
struct fz_call {
	unsigned int cmd;
	unsigned long arg;
	unsigned int ksize;	/* the struct's size, 0 for a by-value cmd */
	unsigned int vmin;	/* its *_SIZE_VER0 */
	unsigned int valid_flags;
	int must_fail;		/* size, tail, flags or pointer are bad */
	int cg;			/* a fresh cgroup we made for CREATE */
	char cgname[48];
};

static const struct {
	unsigned int ksize, vmin, valid_flags;
} fz_structs[] = {
	[SANDBOX_CMD_GET_MODULE_INFO] = { sizeof(struct sandbox_module_info),
					  SANDBOX_MODULE_INFO_SIZE_VER0 },
	[SANDBOX_CMD_CREATE] = { sizeof(struct sandbox_create),
				 SANDBOX_CREATE_SIZE_VER0 },
	[SANDBOX_CMD_OPEN] = { sizeof(struct sandbox_open),
			       SANDBOX_OPEN_SIZE_VER0 },
	[SANDBOX_CMD_LIST] = { sizeof(struct sandbox_list),
			       SANDBOX_LIST_SIZE_VER0 },
	[SANDBOX_CMD_START] = { sizeof(struct sandbox_start),
				SANDBOX_START_SIZE_VER0 },
	[SANDBOX_CMD_SET_LIMITS] = { sizeof(struct sandbox_limits),
				     SANDBOX_LIMITS_SIZE_VER0,
				     SANDBOX_LIMIT_ALL },
	[SANDBOX_CMD_GET_INFO] = { sizeof(struct sandbox_info),
				   SANDBOX_INFO_SIZE_VER0 },
};

/* A fresh empty cgroup for a CREATE, its fd in c->cg. */
static void fz_fresh_cgroup(struct fz_thread *t, struct fz_call *c)
{
	snprintf(c->cgname, sizeof(c->cgname), "fz-%d-%d-%lu", getpid(),
		 t->id, t->ncg++);
	c->cg = cg_create(c->cgname);
}

/* Plausible contents for command @nr, so that deep paths are reached. */
static void fz_template(struct fz_thread *t, struct fz_call *c,
			unsigned int nr)
{
	__u64 *u = (__u64 *)t->buf;

	switch (nr) {
	case SANDBOX_CMD_CREATE: {
		struct sandbox_create *a = (void *)t->buf;

		/* A fresh cgroup costs a mkdir: not every time. */
		if (fz_one_in(&t->rng, 4))
			fz_fresh_cgroup(t, c);
		a->kind = fz_one_in(&t->rng, 8) ? fz_next(&t->rng) :
			  fz_one_in(&t->rng, 3) ? SANDBOX_KIND_MICROVM :
			  SANDBOX_KIND_CONTAINER;
		/* a micro-VM's guest, or a container's that must fail */
		if (a->kind == SANDBOX_KIND_MICROVM || fz_one_in(&t->rng, 16)) {
			a->vcpus = fz_one_in(&t->rng, 8) ? fz_next(&t->rng) :
				   1 + fz_below(&t->rng,
						SANDBOX_MICROVM_VCPUS_MAX);
			a->guest_mem = fz_one_in(&t->rng, 8) ?
				       fz_next(&t->rng) :
				       4096ull * (1 + fz_below(&t->rng, 65536));
		}
		a->cgroup_fd = c->cg < 0 || fz_one_in(&t->rng, 8) ?
			       fz_below(&t->rng, 64) : (unsigned int)c->cg;
		a->name = fz_field_ptr(t);
		break;
	}
	case SANDBOX_CMD_START:
		/* pid, __reserved: ours (not in the cgroup) or anyone's */
		u[1] = fz_one_in(&t->rng, 2) ? getpid() :
		       fz_below(&t->rng, 70000);
		break;
	case SANDBOX_CMD_SET_LIMITS:
		/* memory, pids, cpu quota and period, io weight */
		u[1] = fz_one_in(&t->rng, 2) ?
		       (1ull << 20) << fz_below(&t->rng, 12) : fz_next(&t->rng);
		u[2] = fz_below(&t->rng, 3) ? fz_below(&t->rng, 100) :
		       fz_next(&t->rng);
		u[3] = fz_next(&t->rng) & 0x000fffff000fffffull;
		u[4] = fz_below(&t->rng, 12000);
		break;
	case SANDBOX_CMD_OPEN:
		/* id (0: by name), name */
		u[1] = fz_one_in(&t->rng, 2) ? 0 : fz_below(&t->rng, 4096);
		u[2] = fz_field_ptr(t);
		break;
	case SANDBOX_CMD_LIST:
		/* ids, count with __reserved */
		u[1] = fz_field_ptr(t);
		u[2] = fz_below(&t->rng, 3) ? fz_below(&t->rng, 128) :
		       fz_next(&t->rng);
		break;
	case SANDBOX_CMD_GET_MODULE_INFO:
		/* version, version_len with __reserved */
		u[2] = fz_field_ptr(t);
		u[3] = fz_below(&t->rng, 3) ? fz_below(&t->rng, 128) :
		       fz_next(&t->rng);
		break;
	case SANDBOX_CMD_GET_INFO:
		/* name */
		u[14] = fz_one_in(&t->rng, 4) ? 0 : fz_field_ptr(t);
		break;
	}
	fz_name(t, (char *)t->buf + 2048);
	memcpy(t->buf + 2048 + 1024, t->buf + 2048, SANDBOX_NAME_MAX);
}

/* The size field: mostly right, often at the edges the checks care about. */
static __u32 fz_size(struct fz_thread *t, const struct fz_call *c)
{
	switch (fz_below(&t->rng, 12)) {
	case 0:
		return fz_below(&t->rng, 8);
	case 1:
		return c->vmin - 1 - fz_below(&t->rng, 4);
	case 2:
		return c->ksize + 8 * (1 + fz_below(&t->rng, 4));
	case 3:
		return 4096;
	case 4:
		return 4097;
	case 5:
		return fz_below(&t->rng, 4098);
	case 6:
		return fz_next(&t->rng);
	default:
		return c->ksize;
	}
}

/* Random bytes into [@from, @to) of the buffer, a few of them. */
static void fz_scribble(struct fz_thread *t, unsigned int from,
			unsigned int to)
{
	int i, n = 1 + fz_below(&t->rng, 4);

	for (i = 0; from < to && i < n; i++)
		t->buf[from + fz_below(&t->rng, to - from)] = fz_next(&t->rng);
}

/* Does the argument break a rule the module must enforce? */
static int fz_must_fail(struct fz_thread *t, const struct fz_call *c,
			__u32 size, __u32 flags)
{
	unsigned int i, end = size < 4097 ? size : 4097;

	if (size < c->vmin || size > 4096 || (flags & ~c->valid_flags))
		return 1;
	for (i = c->ksize; i < end; i++)
		if (t->buf[i])
			return 1;
	return 0;
}

/*
 * Does a CREATE break the uapi's rules for kinds?  The kernel sees the
 * fields a short struct lacks as 0.
 */
static int fz_create_must_fail(struct fz_thread *t, __u32 size)
{
	const struct sandbox_create *a = (void *)t->buf;
	__u32 vcpus = size >= offsetof(struct sandbox_create, vcpus) + 4 ?
		      a->vcpus : 0;
	__u64 mem = size >= offsetof(struct sandbox_create, guest_mem) + 8 ?
		    a->guest_mem : 0;

	switch (a->kind) {
	case SANDBOX_KIND_CONTAINER:
		return vcpus || mem;
	case SANDBOX_KIND_MICROVM:
		return !vcpus || vcpus > SANDBOX_MICROVM_VCPUS_MAX || !mem ||
		       mem % 4096;
	}
	return 1;
}

/*
 * The u64 slot of t->buf holding the pointer command @nr writes through
 * (LIST's ids, GET_MODULE_INFO's version, GET_INFO's name), or 0.
 */
static unsigned int fz_output_slot(unsigned int nr)
{
	switch (nr) {
	case SANDBOX_CMD_LIST:
		return 1;
	case SANDBOX_CMD_GET_MODULE_INFO:
		return 2;
	case SANDBOX_CMD_GET_INFO:
		return 14;
	}
	return 0;
}

/* Builds the argument struct of command @nr in t->buf; sets c->arg. */
static void fz_struct_arg(struct fz_thread *t, struct fz_call *c,
			  unsigned int nr)
{
	__u64 *u = (__u64 *)t->buf, keep;
	__u32 size, flags = 0;
	unsigned int out;

	c->ksize = fz_structs[nr].ksize;
	c->vmin = fz_structs[nr].vmin;
	c->valid_flags = fz_structs[nr].valid_flags;
	memset(t->buf, 0, 4200);
	fz_template(t, c, nr);
	if (fz_one_in(&t->rng, 2))
		flags = fz_next(&t->rng) & c->valid_flags;
	else if (fz_one_in(&t->rng, 4))
		flags = fz_next(&t->rng);
	size = fz_size(t, c);
	out = fz_output_slot(nr);
	keep = out ? u[out] : 0;
	if (fz_one_in(&t->rng, 4))
		fz_scribble(t, 8, c->ksize);
	/*
	 * A scribbled output pointer may land in our own stacks or libc's
	 * data, which the kernel would then overwrite: a glibc abort, not a
	 * finding. Make it one that faults.
	 */
	if (out && u[out] != keep)
		u[out] = 0xffff888000000000ull;
	if (size > c->ksize && fz_one_in(&t->rng, 2))
		fz_scribble(t, c->ksize, size < 4097 ? size : 4097);
	memcpy(t->buf, &size, sizeof(size));
	memcpy(t->buf + 4, &flags, sizeof(flags));
	c->must_fail = fz_must_fail(t, c, size, flags);
	if (nr == SANDBOX_CMD_CREATE)
		c->must_fail |= fz_create_must_fail(t, size);
	c->arg = (uintptr_t)t->buf;
	if (fz_one_in(&t->rng, 10)) {
		c->arg = fz_bad_ptr(t, size);
		/*
		 * A pointer straddling fz_hole starts in readable memory: the
		 * kernel reads the struct's size from there, not ours, and a
		 * small one fits before the hole. Only the others must fail.
		 */
		c->must_fail = c->arg < (uintptr_t)fz_hole - 4096 ||
			       c->arg >= (uintptr_t)fz_hole;
	}
}

/* Keeps a new sandbox fd in a free slot, or closes it if none is free. */
static void fz_keep(struct fz_thread *t, int fd, int cg)
{
	int i, start = fz_below(&t->rng, FZ_SLOTS);

	atomic_fetch_add(&fz_created, 1);
	for (i = 0; i < FZ_SLOTS; i++) {
		struct fz_slot *s = &fz_slots[(start + i) % FZ_SLOTS];

		if (pthread_mutex_trylock(&s->lock))
			continue;
		if (s->fd < 0) {
			s->fd = fd;
			s->cg = cg;
			pthread_mutex_unlock(&s->lock);
			return;
		}
		pthread_mutex_unlock(&s->lock);
	}
	close(fd);
	if (cg >= 0)
		close(cg);
}

/* Closes a random slot's sandbox: its last fd, so the sandbox dies. */
static void fz_close_slot(struct fz_thread *t)
{
	struct fz_slot *s = &fz_slots[fz_below(&t->rng, FZ_SLOTS)];
	int fd, cg;

	pthread_mutex_lock(&s->lock);
	fd = s->fd;
	cg = s->cg;
	s->fd = -1;
	s->cg = -1;
	pthread_mutex_unlock(&s->lock);
	if (fd >= 0)
		close(fd);
	if (cg >= 0)
		close(cg);
	atomic_fetch_add(&fz_calls, 1);
}

/* A racy look at a slot: the fd may be closed (or reused) meanwhile. */
static int fz_peek_slot(struct fz_thread *t, int *cg)
{
	struct fz_slot *s = &fz_slots[fz_below(&t->rng, FZ_SLOTS)];
	int fd = __atomic_load_n(&s->fd, __ATOMIC_RELAXED);

	if (cg)
		*cg = __atomic_load_n(&s->cg, __ATOMIC_RELAXED);
	return fd;
}

static int fz_is_struct_cmd(unsigned int nr)
{
	return nr < ARRAY_SIZE(fz_structs) && fz_structs[nr].ksize;
}

/* A command number: mostly one of @first..@last, sometimes anything. */
static unsigned int fz_cmd(struct fz_thread *t, unsigned int first,
			   unsigned int last, unsigned int *nr)
{
	if (fz_one_in(&t->rng, 16)) {
		*nr = ~0u;
		return fz_one_in(&t->rng, 2) ? fz_next(&t->rng) :
		       _IOWR(SANDBOX_TYPE, fz_below(&t->rng, 0x50), __u64);
	}
	if (fz_one_in(&t->rng, 8))
		*nr = fz_below(&t->rng, 256);
	else
		*nr = first + fz_below(&t->rng, last - first + 1);
	return _IO(SANDBOX_TYPE, *nr);
}

/* The checks every ioctl result must pass. */
static void fz_check(const struct fz_call *c, unsigned int nr, long ret,
		     int on_dev)
{
	int valid = c->cmd == _IO(SANDBOX_TYPE, nr) &&
		    (on_dev ? nr <= SANDBOX_CMD_LIST :
		     nr >= SANDBOX_CMD_START && nr <= SANDBOX_CMD_DESTROY);

	if (ret < 0 && !fz_errno_ok(ret))
		fz_violation("cmd %#x: undocumented error %ld", c->cmd, ret);
	if (ret >= 0 && c->must_fail)
		fz_violation("cmd %#x: a bad argument was accepted (%ld)",
			     c->cmd, ret);
	if (ret >= 0 && !valid)
		fz_violation("cmd %#x on a %s fd: unknown command accepted",
			     c->cmd, on_dev ? "device" : "sandbox");
	if (valid && nr == SANDBOX_CMD_GET_API_VERSION &&
	    ret != SANDBOX_API_VERSION)
		fz_violation("GET_API_VERSION returned %ld", ret);
}

/*
 * Whether the sandbox of @fd lives in cgroup @cg (a cgroup's id is its
 * inode number). A CREATE given a random fd may have found another
 * thread's fresh cgroup there instead of ours.
 */
static bool fz_in_cgroup(int fd, int cg)
{
	struct sandbox_info info = { .size = sizeof(info) };
	struct stat st;

	return !fstat(cg, &st) &&
	       sb_ioctl_ptr(fd, SANDBOX_GET_INFO, &info) >= 0 &&
	       info.cgroup_id == st.st_ino;
}

/*
 * One ioctl on @fd (on_dev: /dev/sandbox, else a sandbox fd); new
 * sandbox fds it returns are kept for the other threads.
 */
static void fz_ioctl(struct fz_thread *t, int fd, int on_dev)
{
	struct fz_call c = { .cg = -1 };
	unsigned int nr;
	long ret;

	c.cmd = on_dev ? fz_cmd(t, 0, SANDBOX_CMD_LIST, &nr) :
			 fz_cmd(t, SANDBOX_CMD_START, SANDBOX_CMD_DESTROY, &nr);
	c.arg = fz_one_in(&t->rng, 2) ? fz_below(&t->rng, 80) :
		fz_next(&t->rng);
	if (c.cmd == _IO(SANDBOX_TYPE, nr) && fz_is_struct_cmd(nr))
		fz_struct_arg(t, &c, nr);
	ret = sb_ioctl_raw(fd, c.cmd, c.arg);
	atomic_fetch_add(&fz_calls, 1);
	fz_check(&c, nr, ret, on_dev);
	if (ret >= 0 && on_dev && (nr == SANDBOX_CMD_CREATE ||
				   nr == SANDBOX_CMD_OPEN)) {
		/*
		 * START puts tasks in the slot's cgroup: it must be the
		 * sandbox's, which kills them, or a task would outlive it.
		 */
		if (c.cg >= 0 && fz_in_cgroup(ret, c.cg)) {
			fz_keep(t, ret, c.cg);
			c.cg = -1;
		} else {
			fz_keep(t, ret, -1);
		}
	}
	if (c.cg >= 0) {
		close(c.cg);
		cg_remove(c.cgname);
	}
}

/*
 * Tasks for START come from a spawner process forked before the threads:
 * a fork from a multi-threaded process write-protects memory the other
 * threads then fault on, each fault a TLB shootdown, which TCG makes so
 * slow that forking here divided the call rate by four.
 */
static int fz_spawner = -1;
static pid_t fz_spawner_pid;
static pthread_mutex_t fz_spawner_lock = PTHREAD_MUTEX_INITIALIZER;

/* A task in cgroup @cg that exits at once or (@sleep) pauses. */
static pid_t fz_clone_into(int cg, char sleep)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = cg,
	};
	pid_t pid = syscall(SYS_clone3, &args, sizeof(args));

	if (pid == 0) {
		/*
		 * Hold nothing: a member holding a sandbox fd keeps it, and
		 * one that escaped its sandbox must not hold the harness's
		 * stdout, or the test's output would never end.
		 */
		close_range(0, ~0U, 0);
		if (sleep)
			pause();
		_exit(0);
	}
	return pid < 0 ? -errno : pid;
}

/* The spawner: a cgroup fd and a byte in, a pid out, until EOF. */
static void fz_spawner_loop(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], sleep;
	struct iovec iov = { &sleep, 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;
	pid_t pid;
	int cg;

	signal(SIGCHLD, SIG_IGN);
	while (recvmsg(sock, &msg, 0) > 0) {
		cm = CMSG_FIRSTHDR(&msg);
		if (!cm || cm->cmsg_type != SCM_RIGHTS)
			break;
		memcpy(&cg, CMSG_DATA(cm), sizeof(cg));
		pid = fz_clone_into(cg, sleep);
		close(cg);
		if (write(sock, &pid, sizeof(pid)) != sizeof(pid))
			break;
		msg.msg_controllen = sizeof(cbuf);
	}
	_exit(0);
}

static int fz_spawner_start(void)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(sv[0]);
		fz_spawner_loop(sv[1]);
	}
	close(sv[1]);
	fz_spawner = sv[0];
	fz_spawner_pid = pid;
	return 0;
}

/* Asks the spawner for a task in cgroup @cg; its pid or -errno. */
static pid_t fz_spawn(int cg, char sleep)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &sleep, 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	pid_t pid = -EIO;

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &cg, sizeof(cg));
	pthread_mutex_lock(&fz_spawner_lock);
	if (sendmsg(fz_spawner, &msg, 0) > 0 &&
	    read(fz_spawner, &pid, sizeof(pid)) != sizeof(pid))
		pid = -EIO;
	pthread_mutex_unlock(&fz_spawner_lock);
	return pid;
}

/* A well-formed CREATE, so that there are sandboxes to fuzz. */
static void fz_create(struct fz_thread *t)
{
	struct fz_call c;
	char name[SANDBOX_NAME_MAX];
	int fd;

	fz_fresh_cgroup(t, &c);
	if (c.cg < 0)
		return;
	snprintf(name, sizeof(name), "fz%d-%lu", t->id, t->ncg);
	if (fz_one_in(&t->rng, 3))
		fd = sb_create_microvm_raw(t->dev, name, c.cg,
					   1 + fz_below(&t->rng, 4), 64 << 20);
	else
		fd = sb_create_raw(t->dev, name, c.cg);
	atomic_fetch_add(&fz_calls, 1);
	if (fd >= 0) {
		fz_keep(t, fd, c.cg);
		return;
	}
	close(c.cg);
	cg_remove(c.cgname);
}

/*
 * Starts a slot's sandbox with a task that exits or sleeps.  Under the
 * slot's lock: a task put in the cgroup of a sandbox already closed would
 * outlive it (the module kills the cgroup once, at the last close).
 */
static void fz_start(struct fz_thread *t)
{
	struct fz_slot *s = &fz_slots[fz_below(&t->rng, FZ_SLOTS)];
	pid_t pid;

	pthread_mutex_lock(&s->lock);
	if (s->fd >= 0 && s->cg >= 0) {
		pid = fz_spawn(s->cg, fz_one_in(&t->rng, 2));
		if (pid > 0)
			sb_start_raw(s->fd, pid);
		atomic_fetch_add(&fz_calls, 1);
	}
	pthread_mutex_unlock(&s->lock);
}

/* KILL with a real signal, or DESTROY. */
static void fz_kill(struct fz_thread *t)
{
	static const int sigs[] = { SIGKILL, SIGTERM, SIGSTOP, SIGCONT };
	int fd = fz_peek_slot(t, NULL);

	if (fd < 0)
		return;
	if (fz_one_in(&t->rng, 3))
		ioctl(fd, SANDBOX_DESTROY, 0);
	else
		ioctl(fd, SANDBOX_KILL, sigs[fz_below(&t->rng, 4)]);
	atomic_fetch_add(&fz_calls, 1);
}

/* One attribute: a known one with a plausible value, or noise. */
static void fz_nl_attr(struct fz_thread *t, struct nlmsghdr *nlh)
{
	unsigned char data[80];
	uint16_t type = fz_below(&t->rng, SANDBOX_A_MAX + 3);
	uint16_t len = fz_below(&t->rng, sizeof(data));
	__u64 id = fz_below(&t->rng, 64);
	int i;

	if (fz_one_in(&t->rng, 8))
		type = fz_next(&t->rng);
	for (i = 0; i < len; i++)
		data[i] = fz_next(&t->rng);
	if (type == SANDBOX_A_ID && fz_below(&t->rng, 4)) {
		len = sizeof(id);
		memcpy(data, &id, len);
	} else if (type == SANDBOX_A_NAME && fz_below(&t->rng, 4)) {
		fz_name(t, (char *)data);
		len = strlen((char *)data) + !fz_one_in(&t->rng, 8);
	}
	genl_put(nlh, type, data, len);
}

/* Fills the message up with copies of one more attribute (cheap). */
static void fz_nl_oversize(struct fz_thread *t, struct nlmsghdr *nlh)
{
	unsigned int off = NLMSG_ALIGN(nlh->nlmsg_len), len;

	fz_nl_attr(t, nlh);
	len = nlh->nlmsg_len - off;
	while (len && nlh->nlmsg_len + len < FZ_NL_BUF) {
		memcpy((char *)nlh + nlh->nlmsg_len, (char *)nlh + off, len);
		nlh->nlmsg_len += len;
	}
}

/* Messages it may have answered, and events, without waiting. */
static void fz_nl_drain(struct fz_thread *t)
{
	int i;

	for (i = 0; i < 64; i++)
		if (recv(t->nl, t->nlbuf, FZ_NL_BUF, MSG_DONTWAIT) < 0)
			break;
	for (i = 0; fz_events >= 0 && i < 16; i++)
		if (recv(fz_events, t->nlbuf, FZ_NL_BUF, MSG_DONTWAIT) < 0)
			break;
}

/*
 * A request to the family: random command, flags and attributes; now and
 * then truncated (fewer bytes sent, or a header that lies) or oversized.
 */
static void fz_netlink(struct fz_thread *t)
{
	static const uint16_t flags[] = {
		0, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP | NLM_F_ACK, NLM_F_ECHO,
	};
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	size_t len;
	int i, n;

	nlh = genl_start(t->nlbuf, fz_family, flags[fz_below(&t->rng, 5)],
			 fz_one_in(&t->rng, 8) ? fz_next(&t->rng) :
			 fz_below(&t->rng, 4));
	g = NLMSG_DATA(nlh);
	if (fz_one_in(&t->rng, 8))
		g->version = fz_next(&t->rng);
	n = fz_below(&t->rng, 6);
	for (i = 0; i < n; i++)
		fz_nl_attr(t, nlh);
	if (fz_one_in(&t->rng, 32))
		fz_nl_oversize(t, nlh);
	len = nlh->nlmsg_len;
	if (fz_one_in(&t->rng, 8))
		len = fz_below(&t->rng, len + 1);
	if (fz_one_in(&t->rng, 8))
		nlh->nlmsg_len = fz_below(&t->rng, nlh->nlmsg_len + 16);
	send(t->nl, t->nlbuf, len, MSG_DONTWAIT);
	atomic_fetch_add(&fz_calls, 1);
	fz_nl_drain(t);
}

/*
 * One step.  Lifecycle steps fork and make cgroups, a thousand times the
 * cost of an ioctl under TCG: they are rare, so that most of the calls
 * reach the argument checks and a million of them fit in minutes.
 */
static void fz_step(struct fz_thread *t)
{
	uint64_t n = fz_below(&t->rng, 1000);

	if (n < 450)
		fz_ioctl(t, t->dev, 1);
	else if (n < 850)
		fz_ioctl(t, fz_peek_slot(t, NULL), 0);
	else if (n < 970 && fz_family)
		fz_netlink(t);
	else if (n < 982)
		fz_create(t);
	else if (n < 990)
		fz_close_slot(t);
	else if (n < 994)
		fz_start(t);
	else
		fz_kill(t);
}

static void *fz_thread_main(void *arg)
{
	struct fz_thread *t = arg;

	while (!atomic_load(&fz_stop))
		fz_step(t);
	return NULL;
}

/* Netlink family, events subscription, the hole, the slots. */
static int fz_setup(void)
{
	struct genl_family_ids ids;
	unsigned char *p;
	int i;

	/* First: the spawner must hold none of our other fds. */
	if (fz_spawner_start())
		return -1;
	fz_family = genl_family_id();
	/* A small buffer: overruns exercise the lost-event accounting. */
	if (!genl_resolve(&ids))
		fz_events = genl_subscribe(&ids, 4096);
	p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* PROT_NONE, not unmapped: nothing else may be mapped there. */
	if (p == MAP_FAILED || mprotect(p + 4096, 4096, PROT_NONE))
		return -errno;
	fz_hole = p + 4096;
	for (i = 0; i < FZ_SLOTS; i++) {
		pthread_mutex_init(&fz_slots[i].lock, NULL);
		fz_slots[i].fd = -1;
		fz_slots[i].cg = -1;
	}
	return 0;
}

/* Closes every kept sandbox. */
static void fz_close_all(void)
{
	int i;

	for (i = 0; i < FZ_SLOTS; i++) {
		if (fz_slots[i].fd >= 0)
			close(fz_slots[i].fd);
		if (fz_slots[i].cg >= 0)
			close(fz_slots[i].cg);
		fz_slots[i].fd = fz_slots[i].cg = -1;
	}
}

/* Prints the first line of /proc/@pid/task/@tid/@name, or all lines. */
static void fz_print_proc(pid_t pid, const char *tid, const char *name,
			  bool all)
{
	char path[96], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/%s", pid, tid, name);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		printf("# fuzz:   %s: %s\n", name, line);
		if (!all)
			break;
	}
	fclose(f);
}

/* Where each thread of @pid sleeps: state, wchan, kernel stack. */
static void fz_dump_tasks(pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		printf("# fuzz: task %d/%s\n", pid, d->d_name);
		fz_print_proc(pid, d->d_name, "stat", false);
		fz_print_proc(pid, d->d_name, "wchan", false);
		fz_print_proc(pid, d->d_name, "stack", true);
	}
	closedir(dir);
	fflush(stdout);
}

/* Calls @fn on each cgroup directory of ours; the number of calls. */
static int fz_each_cgroup(int (*fn)(const char *path))
{
	char prefix[32], path[300];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	snprintf(prefix, sizeof(prefix), "fz-%d-", getpid());
	dir = opendir(CG_PARENT);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, prefix, strlen(prefix)))
			continue;
		snprintf(path, sizeof(path), CG_PARENT "/%s", d->d_name);
		n += fn(path);
	}
	closedir(dir);
	return n;
}

static int fz_exists(const char *path)
{
	return 1;
}

static int fz_rmdir(const char *path)
{
	char file[320], procs[256];
	int err;

	if (!rmdir(path) || errno == ENOENT)
		return 0;
	err = errno;
	snprintf(file, sizeof(file), "%s/cgroup.procs", path);
	if (cg_read(file, procs, sizeof(procs)) < 0)
		procs[0] = '\0';
	procs[strcspn(procs, "\n")] = '\0';
	printf("# fuzz: cannot remove %s: %s; first of its tasks: %s\n",
	       path, strerror(err), procs[0] ? procs : "none");
	if (procs[0])
		fz_dump_tasks(atoi(procs));
	return 1;
}

/*
 * Our cgroups must go: the module removes those of closed sandboxes (give
 * it @ms; removing them under it would make it warn), a failed call
 * leaves none.  Returns how many could not be removed even by us.
 */
static int fz_sweep_cgroups(int ms)
{
	uint64_t end = now_ms() + ms;

	while (fz_each_cgroup(fz_exists) > 0 && now_ms() < end)
		usleep(20000);
	return fz_each_cgroup(fz_rmdir);
}

/*
 * No call for this long means a thread sleeps and nothing will wake it:
 * say where every thread is, rather than sit until the harness's alarm.
 * A lifecycle step takes seconds on the debug kernel, never minutes.
 */
#define FZ_STALL_MS	(300 * 1000)

/* Runs the threads until the time or the number of calls is reached. */
static void fz_run(struct fz_thread *th, int nthreads, uint64_t seed,
		   unsigned long long seconds, unsigned long long calls)
{
	uint64_t start = now_ms(), last = start, moved = start;
	unsigned long seen = 0, n;
	int i;

	for (i = 0; i < nthreads; i++) {
		th[i].id = i;
		th[i].rng = seed + 0x9e3779b97f4a7c15ull * (i + 1);
		th[i].dev = sb_open_raw();
		th[i].nl = genl_socket(0);
		pthread_create(&th[i].th, NULL, fz_thread_main, &th[i]);
	}
	for (;;) {
		usleep(50000);
		if (calls ? atomic_load(&fz_calls) >= calls :
			    now_ms() - start >= seconds * 1000)
			break;
		n = atomic_load(&fz_calls);
		if (n != seen) {
			seen = n;
			moved = now_ms();
		} else if (now_ms() - moved >= FZ_STALL_MS) {
			printf("# fuzz: STALL: no call for %d s after %lu calls (seed %llu)\n",
			       FZ_STALL_MS / 1000, n, (unsigned long long)seed);
			fz_dump_tasks(getpid());
			fz_dump_tasks(fz_spawner_pid);
			fflush(stdout);
			/* the threads cannot be joined: fail the test now */
			_exit(KSFT_FAIL);
		}
		if (now_ms() - last >= 30000) {
			last = now_ms();
			printf("# fuzz: %lu calls after %llu s\n",
			       atomic_load(&fz_calls),
			       (unsigned long long)(last - start) / 1000);
			fflush(stdout);
		}
	}
	atomic_store(&fz_stop, 1);
	for (i = 0; i < nthreads; i++) {
		pthread_join(th[i].th, NULL);
		close(th[i].dev);
		close(th[i].nl);
	}
}

FIXTURE(fuzz) {
	long before;
};

FIXTURE_SETUP(fuzz)
{
	if (geteuid())
		SKIP(return, "needs root");
	self->before = sb_count();
	if (self->before < 0)
		SKIP(return, "no /dev/sandbox: %s", strerror(-self->before));
	ASSERT_EQ(0, cg_setup_parent());
	ASSERT_EQ(0, fz_setup());
}

FIXTURE_TEARDOWN(fuzz)
{
}

/* The harness's alarm: long enough for FUZZ_CALLS=1000000 under KASAN. */
TEST_F_TIMEOUT(fuzz, random_calls, 4 * 3600)
{
	unsigned long long seconds = env_ull("FUZZ_SECONDS", 3);
	unsigned long long calls = env_ull("FUZZ_CALLS", 0);
	uint64_t seed = env_ull("FUZZ_SEED", 0);
	int nthreads = env_ull("FUZZ_THREADS", 4);
	struct fz_thread *th;
	uint64_t start = now_ms();

	if (!seed)
		seed = (uint64_t)time(NULL) << 20 ^ getpid();
	if (nthreads < 1 || nthreads > FZ_MAX_THREADS)
		nthreads = 4;
	printf("# fuzz: seed %llu (replay with FUZZ_SEED=%llu), %d threads, %s %llu\n",
	       (unsigned long long)seed, (unsigned long long)seed, nthreads,
	       calls ? "calls" : "seconds", calls ? calls : seconds);
	fflush(stdout);
	th = calloc(nthreads, sizeof(*th));
	ASSERT_NE(NULL, th);
	/* Tasks we start in sandboxes are reaped by the kernel. */
	signal(SIGCHLD, SIG_IGN);
	/* Should the spawner die, its socket fails with EPIPE, no signal. */
	signal(SIGPIPE, SIG_IGN);

	fz_run(th, nthreads, seed, seconds, calls);
	fz_close_all();
	free(th);
	printf("# fuzz: %lu calls, %lu sandboxes in %llu ms, netlink %s\n",
	       atomic_load(&fz_calls), atomic_load(&fz_created),
	       (unsigned long long)(now_ms() - start),
	       fz_family ? "fuzzed" : "absent");
	EXPECT_EQ(0, atomic_load(&fz_bad));
	EXPECT_EQ(self->before, sb_wait_count(self->before, 15000))
		TH_LOG("sandboxes left behind (seed %llu)",
		       (unsigned long long)seed);
	EXPECT_EQ(0, fz_sweep_cgroups(15000));
	if (fz_events >= 0)
		close(fz_events);
	close(fz_spawner);
}

TEST_HARNESS_MAIN
