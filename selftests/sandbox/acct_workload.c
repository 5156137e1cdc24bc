// SPDX-License-Identifier: GPL-2.0
/*
 * acct_workload [-t] MODE ARG: workloads whose resource use is known, for
 * acct_test.sh to compare with what the accounting reports, and for the
 * accounting overhead benchmark (-t: print the seconds MODE took).
 *
 *	getppid N	exactly N getppid() calls (raw syscalls)
 *	read N		N read()s of 4 KiB from /dev/zero
 *	burn MS		burn MS milliseconds of this process's CPU time
 *	alloc MIB	touch MIB MiB of anonymous memory, then free it
 *	direct FILE MIB	write MIB MiB to FILE with O_DIRECT, then fsync
 *	loopback MB	send MB megabytes (10^6) over TCP on 127.0.0.1
 *	spawn N [PROG]	fork and exec PROG (default /bin/true) N times, in turn
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MIB	(1024UL * 1024)

static int do_getppid(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}

static int do_read(long n)
{
	static char buf[4096];
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	long i;

	if (fd < 0) {
		perror("/dev/zero");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (read(fd, buf, sizeof(buf)) != sizeof(buf)) {
			perror("read");
			return 1;
		}
	}
	close(fd);
	return 0;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int do_burn(long ms)
{
	double end = cpu_ms() + ms;

	/* clock_gettime() is a vDSO call: the loop stays in user mode */
	while (cpu_ms() < end)
		;
	return 0;
}

static int do_alloc(long mib)
{
	size_t len = mib * MIB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 1;
	memset(p, 1, len);
	return munmap(p, len);
}

static int do_direct(const char *path, long mib)
{
	void *buf;
	long i;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
	if (fd < 0 || posix_memalign(&buf, 4096, MIB))
		return 1;
	memset(buf, 7, MIB);
	for (i = 0; i < mib; i++) {
		if (write(fd, buf, MIB) != (ssize_t)MIB)
			return 1;
	}
	return fsync(fd) || close(fd);
}

static int do_loopback(long mb)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	long total = mb * 1000000, done = 0;
	static char buf[65536];
	int ls, s, status;
	ssize_t n;
	pid_t pid;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || bind(ls, (void *)&a, sizeof(a)) || listen(ls, 1) ||
	    getsockname(ls, (void *)&a, &alen))
		return 1;
	pid = fork();
	if (pid == 0) {
		s = accept(ls, NULL, NULL);
		while (s >= 0 && (n = read(s, buf, sizeof(buf))) > 0)
			done += n;
		_exit(done == total ? 0 : 1);
	}
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (void *)&a, sizeof(a)))
		return 1;
	while (done < total) {
		n = write(s, buf, total - done < (long)sizeof(buf) ?
			  total - done : (long)sizeof(buf));
		if (n <= 0)
			return 1;
		done += n;
	}
	close(s);
	return waitpid(pid, &status, 0) != pid || status;
}

static int do_spawn(long n, const char *prog)
{
	int status;
	pid_t pid;
	long i;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0) {
			execl(prog, "true", NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
			return 1;
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "getppid"))
		return do_getppid(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "read"))
		return do_read(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "burn"))
		return do_burn(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "alloc"))
		return do_alloc(atol(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "direct"))
		return do_direct(argv[2], atol(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "loopback"))
		return do_loopback(atol(argv[2]));
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "spawn"))
		return do_spawn(atol(argv[2]), argc == 4 ? argv[3] : "/bin/true");
	fprintf(stderr, "usage: %s [-t] getppid N|read N|burn MS|alloc MIB|direct FILE MIB|loopback MB|spawn N [PROG]\n",
		argv[0]);
	return 2;
}

int main(int argc, char **argv)
{
	double t0 = now_s();
	int ret;

	if (argc < 2 || strcmp(argv[1], "-t"))
		return run(argc, argv);
	argv[1] = argv[0];
	ret = run(argc - 1, argv + 1);
	printf("%.6f\n", now_s() - t0);
	return ret;
}
