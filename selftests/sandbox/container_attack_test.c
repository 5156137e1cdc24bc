// SPDX-License-Identifier: GPL-2.0
/*
 * Container sandboxes attacked from the inside.
 *
 * Each test runs this same program inside a sandbox through `sandboxctl
 * run`, as "container_attack_test attack NAME [ARG]": the attack exits 0
 * if every attempt was refused, 1 (after saying which on stderr) if one
 * got through. The test then checks from the outside that nothing moved.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/keyctl.h>
#include <linux/landlock.h>

#include "kselftest_harness.h"

/*
 * Each test starts sandboxes with sandboxctl: about 1 s each on Debian's
 * kernels, 5-10 s on check-debug's, and the first one there loads and
 * verifies the BPF programs for two minutes. TEST() reads this where it
 * is used.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT 300

/* ---- inside: the attacks ---- */

static int failures;

/* Records an attempt that should have failed with @want (0: any errno). */
static void refused(const char *what, long ret, int want)
{
	if (ret >= 0) {
		fprintf(stderr, "attack: %s succeeded\n", what);
		failures++;
	} else if (want && errno != want) {
		fprintf(stderr, "attack: %s failed with %s, expected %s\n",
			what, strerror(errno), strerror(want));
		failures++;
	}
}

static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* Only the sandbox's own processes exist: its init, us, nothing else. */
static void attack_pids(const char *arg)
{
	char path[300], comm[64];
	struct dirent *d;
	int n = 0;
	DIR *dir;

	(void)arg;
	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		n++;
		snprintf(path, sizeof(path), "/proc/%s/comm", d->d_name);
		if (read_line(path, comm, sizeof(comm)) &&
		    !strcmp(comm, "kthreadd")) {
			fprintf(stderr, "attack: kthreadd is visible\n");
			failures++;
		}
	}
	if (dir)
		closedir(dir);
	if (n > 2) {
		fprintf(stderr, "attack: %d processes visible\n", n);
		failures++;
	}
	if (!read_line("/proc/1/comm", comm, sizeof(comm)) ||
	    strcmp(comm, "sandbox-init")) {
		fprintf(stderr, "attack: pid 1 is not the sandbox's init\n");
		failures++;
	}
}

static void attack_mount(const char *arg)
{
	(void)arg;
	refused("mount tmpfs", mount("x", "/tmp", "tmpfs", 0, NULL), 0);
	refused("remount / rw", mount(NULL, "/", NULL, MS_REMOUNT, NULL), 0);
	refused("umount /dev", umount2("/dev", MNT_DETACH), 0);
	refused("umount /proc", umount2("/proc", MNT_DETACH), 0);
	refused("fsopen", syscall(SYS_fsopen, "tmpfs", 0), 0);
	refused("unshare user+mount", unshare(CLONE_NEWUSER | CLONE_NEWNS),
		EPERM);
	refused("unshare mount", unshare(CLONE_NEWNS), 0);
}

static void attack_modules(const char *arg)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	static char image[4096];

	(void)arg;
	refused("finit_module", syscall(SYS_finit_module, fd, "", 0), EPERM);
	refused("init_module",
		syscall(SYS_init_module, image, sizeof(image), ""), EPERM);
	refused("delete_module",
		syscall(SYS_delete_module, "sandbox", O_NONBLOCK), EPERM);
	refused("open modprobe path",
		open("/proc/sys/kernel/modprobe", O_WRONLY), 0);
	close(fd);
}

/* @arg: "MAJOR:MINOR" of /dev/sandbox on the host. */
static void attack_devices(const char *arg)
{
	unsigned int major, minor;

	refused("open /dev/sandbox", open("/dev/sandbox", O_RDWR), ENOENT);
	refused("open /dev/kvm", open("/dev/kvm", O_RDWR), ENOENT);
	if (sscanf(arg, "%u:%u", &major, &minor) == 2) {
		refused("mknod sandbox", mknod("/tmp/sb", S_IFCHR | 0600,
					       makedev(major, minor)), 0);
		refused("open a made sandbox node",
			open("/tmp/sb", O_RDWR), 0);
	}
	refused("open host /dev/sandbox through /proc/1/root",
		open("/proc/1/root/dev/sandbox", O_RDWR), 0);
}

/* @arg: the host pid of a process outside. */
static void attack_signal(const char *arg)
{
	pid_t pid = atoi(arg);

	refused("kill outside", kill(pid, SIGKILL), ESRCH);
	refused("ptrace outside", ptrace(PTRACE_ATTACH, pid, 0, 0), ESRCH);
	refused("pidfd_open outside", syscall(SYS_pidfd_open, pid, 0), 0);
	/* Everything we can reach: only the sandbox, so we survive it. */
	kill(-1, SIGKILL);
}

static void write_file(const char *path, const char *val)
{
	char what[PATH_MAX + 16];
	int fd = open(path, O_WRONLY);
	ssize_t ret = fd;

	if (fd >= 0) {
		ret = write(fd, val, strlen(val));
		close(fd);
	}
	snprintf(what, sizeof(what), "write %s", path);
	refused(what, ret, 0);
}

/* Leave the cgroup, raise the limits: through every path we can name. */
static void attack_cgroup(const char *arg)
{
	char path[PATH_MAX], line[256];
	struct dirent *d;
	DIR *dir;

	(void)arg;
	if (!read_line("/proc/self/cgroup", line, sizeof(line)) ||
	    strcmp(line, "0::/")) {
		fprintf(stderr, "attack: cgroup namespace root is %s\n", line);
		failures++;
	}
	write_file("/sys/fs/cgroup/cgroup.procs", "0");
	write_file("/sys/fs/cgroup/sandbox/cgroup.procs", "0");
	dir = opendir("/sys/fs/cgroup/sandbox");
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.' || d->d_type != DT_DIR)
			continue;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/sandbox/%s/pids.max",
			 d->d_name);
		write_file(path, "max");
		snprintf(path, sizeof(path), "/sys/fs/cgroup/sandbox/%s/memory.max",
			 d->d_name);
		write_file(path, "max");
	}
	if (dir)
		closedir(dir);
	refused("mount cgroup2", mount("x", "/tmp", "cgroup2", 0, NULL), 0);
}

static bool status_has(const char *line)
{
	char buf[256];
	bool found = false;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && !found && fgets(buf, sizeof(buf), f))
		found = !strncmp(buf, line, strlen(line));
	if (f)
		fclose(f);
	if (!found) {
		fprintf(stderr, "attack: no '%s' in status\n", line);
		failures++;
	}
	return found;
}

/* no_new_privs, no capabilities, seccomp and Landlock in force. */
static void attack_confined(const char *arg)
{
	long abi;

	(void)arg;
	status_has("NoNewPrivs:\t1");
	status_has("Seccomp:\t2");
	status_has("CapEff:\t0000000000000000");
	status_has("CapBnd:\t0000000000000000");
	refused("keyctl", syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
				  KEY_SPEC_SESSION_KEYRING, 0), EPERM);
	refused("bpf", syscall(SYS_bpf, 0, NULL, 0), EPERM);
	refused("perf_event_open",
		syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0), EPERM);
	refused("userfaultfd", syscall(SYS_userfaultfd, 0), EPERM);
	refused("unshare user", unshare(CLONE_NEWUSER), EPERM);
	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	fprintf(stderr, "attack: Landlock ABI %ld\n", abi);
	/* Writable by mount and DAC, but not one of our writable mounts. */
	if (abi > 0)
		refused("write /proc/self/comm",
			open("/proc/self/comm", O_WRONLY), EACCES);
}

/* --seccomp FILE denying uname only: uname fails, keyctl is allowed. */
static void attack_seccomp_file(const char *arg)
{
	struct utsname u;

	(void)arg;
	refused("uname", uname(&u), EPERM);
	if (syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
		    KEY_SPEC_SESSION_KEYRING, 0) < 0 && errno == EPERM) {
		fprintf(stderr, "attack: keyctl denied by a file without it\n");
		failures++;
	}
}

static const struct {
	const char *name;
	void (*fn)(const char *arg);
} attacks[] = {
	{ "pids", attack_pids },
	{ "mount", attack_mount },
	{ "modules", attack_modules },
	{ "devices", attack_devices },
	{ "signal", attack_signal },
	{ "cgroup", attack_cgroup },
	{ "confined", attack_confined },
	{ "seccomp-file", attack_seccomp_file },
};

static int attack_main(const char *name, const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(attacks); i++) {
		if (!strcmp(attacks[i].name, name)) {
			attacks[i].fn(arg ? arg : "");
			return failures ? 1 : 0;
		}
	}
	fprintf(stderr, "attack: unknown attack %s\n", name);
	return 2;
}

/* ---- outside: the tests ---- */

static char self[PATH_MAX];

/*
 * Runs "sandboxctl run OPTS... -- self attack NAME ARG" and returns its
 * exit status, or -1.
 */
static int run_attack(const char *const *opts, const char *name,
		      const char *arg)
{
	const char *ctl = getenv("SANDBOXCTL") ?: "sandboxctl";
	const char *argv[32];
	int argc = 0, status;
	pid_t pid;

	argv[argc++] = ctl;
	argv[argc++] = "run";
	while (opts && *opts && argc < 24)
		argv[argc++] = *opts++;
	argv[argc++] = "--";
	argv[argc++] = self;
	argv[argc++] = "attack";
	argv[argc++] = name;
	argv[argc++] = arg;
	argv[argc] = NULL;
	pid = fork();
	if (pid == 0) {
		execvp(ctl, (char **)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The host's mount table, to compare before and after an attack. */
static char *read_all(const char *path)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	do {
		if (len + 4096 > cap) {
			cap = (cap + 4096) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				break;
		}
		n = read(fd, buf + len, cap - len - 1);
		len += n > 0 ? n : 0;
	} while (n > 0);
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

TEST(cannot_see_host_processes)
{
	EXPECT_EQ(0, run_attack(NULL, "pids", NULL));
}

TEST(cannot_mount_or_unmount_anything_outside)
{
	char *before = read_all("/proc/self/mountinfo"), *after;

	ASSERT_NE(NULL, before);
	EXPECT_EQ(0, run_attack(NULL, "mount", NULL));
	after = read_all("/proc/self/mountinfo");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ(before, after);
	free(before);
	free(after);
}

TEST(cannot_load_or_unload_modules)
{
	EXPECT_EQ(0, run_attack(NULL, "modules", NULL));
	EXPECT_EQ(0, access("/sys/module/sandbox", F_OK));
}

TEST(cannot_reach_dev_sandbox_or_kvm)
{
	char dev[32] = "";
	FILE *f = fopen("/sys/class/misc/sandbox/dev", "r");

	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(dev, sizeof(dev), f));
	fclose(f);
	dev[strcspn(dev, "\n")] = '\0';
	EXPECT_EQ(0, run_attack(NULL, "devices", dev));
}

TEST(cannot_signal_or_ptrace_outside)
{
	char arg[16];
	pid_t victim;

	victim = fork();
	ASSERT_GE(victim, 0);
	if (victim == 0) {
		pause();
		_exit(0);
	}
	snprintf(arg, sizeof(arg), "%d", victim);
	EXPECT_EQ(0, run_attack(NULL, "signal", arg));
	/* Still alive after kill(-1, SIGKILL) inside. */
	EXPECT_EQ(0, waitpid(victim, NULL, WNOHANG));
	kill(victim, SIGKILL);
	waitpid(victim, NULL, 0);
}

TEST(cannot_leave_cgroup_or_raise_limits)
{
	static const char *const opts[] = {
		"--pids", "32", "--mem", "64M", NULL
	};

	EXPECT_EQ(0, run_attack(opts, "cgroup", NULL));
}

TEST(no_caps_nnp_seccomp_landlock)
{
	EXPECT_EQ(0, run_attack(NULL, "confined", NULL));
}

TEST(seccomp_file_replaces_default_list)
{
	static const char text[] = "# deny list\n\n  uname  # the only one\n";
	static char path[32];
	static const char *const opts[] = { "--seccomp", path, NULL };
	int fd;

	snprintf(path, sizeof(path), "/tmp/seccomp-XXXXXX");
	fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(sizeof(text) - 1, write(fd, text, sizeof(text) - 1));
	close(fd);
	EXPECT_EQ(0, run_attack(opts, "seccomp-file", NULL));
	unlink(path);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "attack"))
		return attack_main(argv[2], argv[3]);
	if (!realpath("/proc/self/exe", self))
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
