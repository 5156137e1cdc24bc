// SPDX-License-Identifier: GPL-2.0
/*
 * Stands in for sandbox-vmm in its jail (SANDBOX_VMM=jailprobe sandboxctl
 * run --vm ...) and checks what the monitor can reach: /dev holds kvm
 * only, the root nothing but the mount points, no network but loopback,
 * no capability, and of the host only the fds the plan hands over, among
 * them a working /dev/kvm. Prints "jail: ok" or what it found, exits 0
 * or 1.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/kvm.h>

static int fails;

static void fail(const char *what, const char *detail)
{
	printf("jail: FAIL %s: %s\n", what, detail);
	fails++;
}

/* The entries of @dir, other than . and .., must be exactly @want. */
static void only(const char *dir, const char *want)
{
	char got[512] = "";
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp) {
		fail(dir, "cannot list");
		return;
	}
	while ((d = readdir(dp))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		strncat(got, " ", sizeof(got) - strlen(got) - 1);
		strncat(got, d->d_name, sizeof(got) - strlen(got) - 1);
	}
	closedir(dp);
	/* readdir order is the filesystem's: compare as sets. */
	for (char *w = strtok(strdup(want), " "); w; w = strtok(NULL, " ")) {
		char pat[64];

		snprintf(pat, sizeof(pat), " %s", w);
		if (!strstr(got, pat))
			fail(dir, got);
	}
	if (strlen(got) != strlen(want) + 1)
		fail(dir, got);
}

/*
 * stdio, the kernel, the initrd, kvm, and the one opendir() opens; the
 * monitor's own memfd is close-on-exec.
 */
static void check_fds(void)
{
	DIR *dp = opendir("/proc/self/fd");
	char n[16];
	int i = 0;

	while (dp && readdir(dp))
		i++;
	if (dp)
		closedir(dp);
	if (i != 2 + 7) {
		snprintf(n, sizeof(n), "%d", i - 2);
		fail("open fds", n);
	}
}

static void check_network(void)
{
	char line[256];
	FILE *f = fopen("/proc/net/dev", "r");
	int n = 0;

	if (!f) {
		fail("/proc/net/dev", "cannot read");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strchr(line, ':') && !strstr(line, "lo:"))
			fail("network", line);
		n++;
	}
	fclose(f);
}

static void check_kvm(int argc, char **argv)
{
	int i;

	for (i = 1; i + 1 < argc; i++) {
		if (!strcmp(argv[i], "--kvm-fd")) {
			if (ioctl(atoi(argv[i + 1]), KVM_GET_API_VERSION, 0) !=
			    KVM_API_VERSION)
				fail("--kvm-fd", "not a working /dev/kvm");
			return;
		}
	}
	fail("--kvm-fd", "not given");
}

static void check_caps(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = {};

	if (syscall(SYS_capget, &h, d) || d[0].effective || d[1].effective ||
	    d[0].permitted || d[1].permitted)
		fail("capabilities", "some are left");
}

int main(int argc, char **argv)
{
	only("/dev", "kvm");
	only("/", "dev proc tmp");
	if (open("/dev/sandbox", O_RDONLY) >= 0)
		fail("/dev/sandbox", "opened");
	check_fds();
	check_network();
	check_kvm(argc, argv);
	check_caps();
	if (!fails)
		printf("jail: ok\n");
	return fails ? 1 : 0;
}
