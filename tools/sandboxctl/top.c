// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl top: a live table of every sandbox's usage, once a second.
 *
 * Rates (CPU %, syscalls/s, I/O and network bytes/s) are differences
 * between two samples of the same sandbox; a sandbox seen for the first
 * time shows its rates from the next refresh on.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lookup.h"
#include "usage.h"

enum top_key { TOP_CPU, TOP_MEM, TOP_SYSCALLS, TOP_IO, TOP_NET };

static const char *const top_keys[] = {
	[TOP_CPU] = "cpu", [TOP_MEM] = "mem", [TOP_SYSCALLS] = "syscalls",
	[TOP_IO] = "io", [TOP_NET] = "net",
};

/**
 * struct top_row - one sandbox in one refresh
 * @u: its usage now
 * @cpu_pct: CPU use since the last refresh, in % of one CPU
 * @sys_rate: syscalls per second
 * @io_rate: block I/O bytes per second, read and written
 * @net_rate: network bytes per second, in and out
 */
struct top_row {
	struct sbctl_usage u;
	double cpu_pct, sys_rate, io_rate, net_rate;
};

struct top {
	enum top_key key;
	double interval;
	long iterations;	/* 0: until interrupted */
	bool tty;
	struct top_row *prev;
	int nprev;
	double prev_t;
};

static double top_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const struct top_row *top_find(const struct top *t, __u64 id)
{
	int k;

	for (k = 0; k < t->nprev; k++) {
		if (t->prev[k].u.id == id)
			return &t->prev[k];
	}
	return NULL;
}

static __u64 io_bytes(const struct sbctl_usage *u)
{
	return u->cg.io_rbytes + u->cg.io_wbytes;
}

static __u64 net_bytes(const struct sbctl_usage *u)
{
	return u->bpf.net_rx_bytes + u->bpf.net_tx_bytes;
}

static void top_rates(const struct top *t, struct top_row *r, double dt)
{
	const struct top_row *p = top_find(t, r->u.id);

	if (!p || dt <= 0)
		return;
	r->cpu_pct = (r->u.cg.cpu_usage_us - p->u.cg.cpu_usage_us) /
		     (dt * 1e4);
	r->sys_rate = (r->u.bpf.syscalls - p->u.bpf.syscalls) / dt;
	r->io_rate = (io_bytes(&r->u) - io_bytes(&p->u)) / dt;
	r->net_rate = (net_bytes(&r->u) - net_bytes(&p->u)) / dt;
}

static double top_sort_val(const struct top_row *r, enum top_key key)
{
	switch (key) {
	case TOP_CPU:
		return r->cpu_pct;
	case TOP_MEM:
		return r->u.cg.memory_current;
	case TOP_SYSCALLS:
		return r->sys_rate;
	case TOP_IO:
		return r->io_rate;
	case TOP_NET:
		return r->net_rate;
	}
	return 0;
}

static enum top_key top_sort_key;

static int top_cmp(const void *a, const void *b)
{
	double x = top_sort_val(a, top_sort_key);
	double y = top_sort_val(b, top_sort_key);

	return x < y ? 1 : x > y ? -1 : 0;
}

static void top_print(const struct top *t, const struct top_row *rows, int n)
{
	time_t now = time(NULL);
	char stamp[16];
	int k;

	strftime(stamp, sizeof(stamp), "%H:%M:%S", localtime(&now));
	if (t->tty)
		printf("\033[H\033[2Jsandboxctl top - %s - %d sandboxes, sorted by %s\n\n",
		       stamp, n, top_keys[t->key]);
	printf("%s%-6s %-20s %6s %10s %10s %10s %12s %12s %5s\n",
	       t->tty ? "" : "# TIME   ", "ID", "NAME", "CPU%", "MEM", "MEMPEAK",
	       "SYSCALL/s", "IO B/s", "NET B/s", "PIDS");
	for (k = 0; k < n; k++) {
		const struct top_row *r = &rows[k];

		printf("%s%s%-6" PRIu64 " %-20.20s %6.1f %10" PRIu64 " %10" PRIu64
		       " %10.0f %12.0f %12.0f %5" PRIu64 "\n",
		       t->tty ? "" : stamp, t->tty ? "" : " ",
		       (uint64_t)r->u.id, r->u.name,
		       r->cpu_pct, (uint64_t)r->u.cg.memory_current,
		       (uint64_t)r->u.cg.memory_peak, r->sys_rate, r->io_rate,
		       r->net_rate, (uint64_t)r->u.cg.pids_current);
	}
	fflush(stdout);
}

/* One refresh: sample, compute rates against the last one, print. */
static int top_refresh(int dev, struct top *t)
{
	struct sbctl_usage *u;
	struct top_row *rows;
	double now = top_now();
	int n, k;

	n = sbctl_usage_all(dev, &u, false);
	if (n < 0)
		return -1;
	rows = calloc(n ?: 1, sizeof(*rows));
	if (!rows) {
		free(u);
		return -1;
	}
	for (k = 0; k < n; k++) {
		rows[k].u = u[k];
		top_rates(t, &rows[k], now - t->prev_t);
	}
	free(u);
	top_sort_key = t->key;
	qsort(rows, n, sizeof(*rows), top_cmp);
	top_print(t, rows, n);
	free(t->prev);
	t->prev = rows;
	t->nprev = n;
	t->prev_t = now;
	return 0;
}

static int top_parse(int argc, char **argv, struct top *t)
{
	static const struct option opts[] = {
		{ "sort", required_argument, NULL, 's' },
		{ "interval", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	size_t i;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "+s:d:n:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			for (i = 0; i < ARRAY_SIZE(top_keys); i++) {
				if (!strcmp(optarg, top_keys[i]))
					break;
			}
			if (i == ARRAY_SIZE(top_keys)) {
				sbctl_err("--sort: cpu, mem, syscalls, io or net");
				return -SBCTL_EXIT_USAGE;
			}
			t->key = i;
			break;
		case 'd':
			t->interval = strtod(optarg, &end);
			if (*end || t->interval < 0.1 || t->interval > 3600) {
				sbctl_err("--interval: 0.1 to 3600 seconds");
				return -SBCTL_EXIT_USAGE;
			}
			break;
		case 'n':
			t->iterations = strtol(optarg, &end, 10);
			if (*end || t->iterations < 1) {
				sbctl_err("--iterations: a positive number");
				return -SBCTL_EXIT_USAGE;
			}
			break;
		case 'h':
			return -sbctl_usage(&sbctl_cmd_top, SBCTL_EXIT_OK);
		default:
			return -sbctl_usage(&sbctl_cmd_top, SBCTL_EXIT_USAGE);
		}
	}
	if (optind != argc)
		return -sbctl_usage(&sbctl_cmd_top, SBCTL_EXIT_USAGE);
	return optind;
}

static int top_run(int argc, char **argv)
{
	struct top t = { .key = TOP_CPU, .interval = 1 };
	struct timespec ts;
	int ind, dev, ret = 0;
	long i;

	ind = top_parse(argc, argv, &t);
	if (ind <= 0)
		return -ind;
	t.tty = isatty(STDOUT_FILENO);
	dev = sbctl_open_device();
	if (dev < 0)
		return SBCTL_EXIT_FAIL;
	t.prev_t = top_now();
	for (i = 0; !t.iterations || i < t.iterations; i++) {
		if (i) {
			ts.tv_sec = (time_t)t.interval;
			ts.tv_nsec = (t.interval - ts.tv_sec) * 1e9;
			nanosleep(&ts, NULL);
		}
		ret = top_refresh(dev, &t);
		if (ret)
			break;
	}
	free(t.prev);
	close(dev);
	return ret ? SBCTL_EXIT_FAIL : SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_top = {
	.name = "top",
	.summary = "live usage table of every sandbox",
	.usage =
	"usage: sandboxctl top [--sort KEY] [--interval SECS] [--iterations N]\n\n"
	"Show every live sandbox's CPU, memory, syscall, block I/O and network\n"
	"rates, refreshed every second, busiest first. On a terminal the\n"
	"screen is redrawn; otherwise each refresh prints a header line\n"
	"starting with '#' and one line per sandbox starting with the time.\n\n"
	"  -s, --sort KEY        cpu (default), mem, syscalls, io or net\n"
	"  -d, --interval SECS   time between refreshes (default 1)\n"
	"  -n, --iterations N    stop after N refreshes (default: never)\n"
	"  -h, --help\n",
	.run = top_run,
};
