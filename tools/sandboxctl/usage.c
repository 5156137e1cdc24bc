// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl: reading and printing a sandbox's resource usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "kvm_stats.h"
#include "lookup.h"
#include "sandbox.h"
#include "sandboxctl.h"
#include "usage.h"

/* Which source must be there for a value to mean anything. */
enum sbctl_src {
	SRC_BPF, SRC_CPU, SRC_MEM, SRC_MEM_PEAK, SRC_PIDS, SRC_PIDS_PEAK,
	SRC_IO, SRC_CG,
};

/**
 * struct sbctl_metric - one counter or gauge, in every output format
 * @key: JSON key and text label
 * @prom: Prometheus metric family name
 * @label: Prometheus label distinguishing samples of one family, or NULL
 * @help: Prometheus HELP text (the first of a family carries it)
 * @counter: monotonic (Prometheus counter), else a gauge
 * @src: what must be available
 * @off: offset of the __u64 value in struct sbctl_usage
 * @scale: Prometheus value = value / @scale (microseconds to seconds)
 */
struct sbctl_metric {
	const char *key;
	const char *prom;
	const char *label;
	const char *help;
	bool counter;
	enum sbctl_src src;
	size_t off;
	double scale;
};

#define CG(f)	offsetof(struct sbctl_usage, cg.f)
#define BPF(f)	offsetof(struct sbctl_usage, bpf.f)

static const struct sbctl_metric sbctl_metrics[] = {
	{ "cpu_user_us", "sandbox_cpu_seconds_total", "mode=\"user\"",
	  "CPU time used, by mode.", true, SRC_CPU, CG(cpu_user_us), 1e6 },
	{ "cpu_system_us", "sandbox_cpu_seconds_total", "mode=\"system\"",
	  NULL, true, SRC_CPU, CG(cpu_system_us), 1e6 },
	{ "memory_bytes", "sandbox_memory_usage_bytes", NULL,
	  "Memory in use.", false, SRC_MEM, CG(memory_current), 1 },
	{ "memory_peak_bytes", "sandbox_memory_peak_bytes", NULL,
	  "Largest memory use seen.", false, SRC_MEM_PEAK, CG(memory_peak), 1 },
	{ "io_read_bytes", "sandbox_io_read_bytes_total", NULL,
	  "Bytes read from block devices.", true, SRC_IO, CG(io_rbytes), 1 },
	{ "io_write_bytes", "sandbox_io_written_bytes_total", NULL,
	  "Bytes written to block devices.", true, SRC_IO, CG(io_wbytes), 1 },
	{ "io_reads", "sandbox_io_reads_total", NULL,
	  "Block read operations.", true, SRC_IO, CG(io_rios), 1 },
	{ "io_writes", "sandbox_io_writes_total", NULL,
	  "Block write operations.", true, SRC_IO, CG(io_wios), 1 },
	{ "pids", "sandbox_pids", NULL, "Tasks alive.", false, SRC_PIDS,
	  CG(pids_current), 1 },
	{ "pids_peak", "sandbox_pids_peak", NULL, "Most tasks alive at once.",
	  false, SRC_PIDS_PEAK, CG(pids_peak), 1 },
	{ "oom_kills", "sandbox_oom_kills_total", NULL,
	  "Tasks killed by the OOM killer.", true, SRC_CG, CG(oom_kills), 1 },
	{ "memory_limit_hits", "sandbox_limit_hits_total", "limit=\"memory\"",
	  "Times a limit was reached.", true, SRC_CG, CG(memory_max_hits), 1 },
	{ "pids_limit_hits", "sandbox_limit_hits_total", "limit=\"pids\"",
	  NULL, true, SRC_CG, CG(pids_max_hits), 1 },
	{ "syscalls", "sandbox_syscalls_total", NULL, "System calls made.",
	  true, SRC_BPF, BPF(syscalls), 1 },
	{ "denied", "sandbox_denied_total", NULL,
	  "Operations refused by seccomp or the policy.", true, SRC_BPF,
	  BPF(denied), 1 },
	{ "ctx_switches_voluntary", "sandbox_context_switches_total",
	  "type=\"voluntary\"", "Context switches, by type.", true, SRC_BPF,
	  BPF(nvcsw), 1 },
	{ "ctx_switches_involuntary", "sandbox_context_switches_total",
	  "type=\"involuntary\"", NULL, true, SRC_BPF, BPF(nivcsw), 1 },
	{ "page_faults_minor", "sandbox_page_faults_total", "type=\"minor\"",
	  "Page faults, by type.", true, SRC_BPF, BPF(minflt), 1 },
	{ "page_faults_major", "sandbox_page_faults_total", "type=\"major\"",
	  NULL, true, SRC_BPF, BPF(majflt), 1 },
	{ "forks", "sandbox_forks_total", NULL, "Tasks created.", true,
	  SRC_BPF, BPF(forks), 1 },
	{ "execs", "sandbox_execs_total", NULL, "Programs executed.", true,
	  SRC_BPF, BPF(execs), 1 },
	{ "net_rx_bytes", "sandbox_network_receive_bytes_total", NULL,
	  "Bytes received.", true, SRC_BPF, BPF(net_rx_bytes), 1 },
	{ "net_rx_packets", "sandbox_network_receive_packets_total", NULL,
	  "Packets received.", true, SRC_BPF, BPF(net_rx_packets), 1 },
	{ "net_tx_bytes", "sandbox_network_transmit_bytes_total", NULL,
	  "Bytes sent.", true, SRC_BPF, BPF(net_tx_bytes), 1 },
	{ "net_tx_packets", "sandbox_network_transmit_packets_total", NULL,
	  "Packets sent.", true, SRC_BPF, BPF(net_tx_packets), 1 },
};

static bool sbctl_has(const struct sbctl_usage *u, enum sbctl_src src)
{
	switch (src) {
	case SRC_BPF:
		return u->has_bpf;
	case SRC_CPU:
		return u->cg.has_cpu;
	case SRC_MEM:
		return u->cg.has_memory;
	case SRC_MEM_PEAK:
		return u->cg.has_memory_peak;
	case SRC_PIDS:
		return u->cg.has_pids;
	case SRC_PIDS_PEAK:
		return u->cg.has_pids_peak;
	case SRC_IO:
		return u->cg.has_io;
	case SRC_CG:
		return true;
	}
	return false;
}

static __u64 sbctl_val(const struct sbctl_usage *u,
		       const struct sbctl_metric *m)
{
	return *(const __u64 *)((const char *)u + m->off);
}

/* The most called syscalls, by selection: there are only a few. */
static void sbctl_usage_top(struct sbctl_usage *u, const __u64 *counts)
{
	bool taken[SB_ACCT_NR_SYSCALLS] = {};
	unsigned int i, k, best;

	for (k = 0; k < SBCTL_TOP_SYSCALLS; k++) {
		best = SB_ACCT_NR_SYSCALLS;
		for (i = 0; i < SB_ACCT_NR_SYSCALLS; i++) {
			if (counts[i] && !taken[i] &&
			    (best == SB_ACCT_NR_SYSCALLS ||
			     counts[i] > counts[best]))
				best = i;
		}
		if (best == SB_ACCT_NR_SYSCALLS)
			break;
		taken[best] = true;
		u->nr[k] = best;
		u->nr_calls[k] = counts[best];
	}
	u->nr_top = k;
}

static int sbctl_kvm_stat(const char *name, uint64_t value, void *arg)
{
	struct sbctl_usage *u = arg;
	struct sbctl_kvm_stat *s;

	if (u->nr_kvm >= SBCTL_KVM_STATS)
		return 1;
	s = &u->kvm[u->nr_kvm++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->value = value;
	return 0;
}

/*
 * A micro-VM's monitor is a child of the sandbox's init (executed from an
 * fd: its name is a number); it keeps its VM's statistics fd where
 * sb_kvm_stats_of_pid() finds it (Documentation/microvm.rst).
 */
static void sbctl_usage_kvm(struct sbctl_usage *u, pid_t init)
{
	char path[64], kids[256], *tok, *save;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", init, init);
	f = fopen(path, "re");
	if (!f)
		return;
	if (!fgets(kids, sizeof(kids), f))
		kids[0] = '\0';
	fclose(f);
	for (tok = strtok_r(kids, "\n ", &save); tok;
	     tok = strtok_r(NULL, "\n ", &save)) {
		if (!sb_kvm_stats_of_pid(atoi(tok), sbctl_kvm_stat, u))
			return;
		u->nr_kvm = 0;
	}
}

/* A live thread's page faults: fields 10 and 12 of its own stat file. */
static void sbctl_usage_live_faults(struct sbctl_usage *u, int tid)
{
	unsigned long long minflt, majflt;
	char path[64], line[1024], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", tid, tid);
	f = fopen(path, "re");
	if (!f)
		return;
	/* after the command name, which may hold spaces and parentheses */
	p = fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
	if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %llu %*u %llu",
			&minflt, &majflt) == 2) {
		u->bpf.minflt += minflt;
		u->bpf.majflt += majflt;
	}
	fclose(f);
}

/*
 * Adds the context switches and page faults of the live threads of the
 * cgroup @cgfd; the programs counted those of the threads gone.
 */
static void sbctl_usage_live_threads(struct sbctl_usage *u, int cgfd)
{
	char path[64], line[128];
	unsigned long long n;
	FILE *threads, *st;
	int tid, fd;

	fd = openat(cgfd, "cgroup.threads", O_RDONLY | O_CLOEXEC);
	threads = fd < 0 ? NULL : fdopen(fd, "r");
	if (!threads)
		return;
	while (fscanf(threads, "%d", &tid) == 1) {
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status", tid, tid);
		st = fopen(path, "re");
		if (!st)
			continue;	/* gone: the programs counted it */
		sbctl_usage_live_faults(u, tid);
		while (fgets(line, sizeof(line), st)) {
			if (sscanf(line, "voluntary_ctxt_switches: %llu", &n) == 1)
				u->bpf.nvcsw += n;
			else if (sscanf(line, "nonvoluntary_ctxt_switches: %llu",
					&n) == 1)
				u->bpf.nivcsw += n;
		}
		fclose(st);
	}
	fclose(threads);
}

int sbctl_usage_read(struct sbctl_usage *u, const struct sandbox_info *info,
		     const char *name, int cgfd, bool top)
{
	int fd = cgfd;

	memset(u, 0, sizeof(*u));
	u->id = info->id;
	u->cgroup_id = info->cgroup_id;
	snprintf(u->name, sizeof(u->name), "%s", name);
	if (fd < 0)
		fd = sb_cgroup_open_id(info->cgroup_id);
	if (fd < 0)
		return fd;
	sb_cgroup_read_stats(fd, &u->cg);
	u->has_bpf = !sb_acct_read(info->cgroup_id, &u->bpf);
	if (u->has_bpf)
		sbctl_usage_live_threads(u, fd);
	if (cgfd < 0)
		close(fd);
	if (u->has_bpf && top)
		sbctl_usage_top(u, u->bpf.syscall_nr);
	if (info->kind == SANDBOX_KIND_MICROVM && info->init_pid)
		sbctl_usage_kvm(u, info->init_pid);
	return 0;
}

static const char *sbctl_syscall_name(unsigned int nr, char *buf, size_t n)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

	snprintf(buf, n, "%s", name ? name : "?");
	free(name);
	return buf;
}

void sbctl_usage_text(FILE *out, const struct sbctl_usage *u)
{
	char buf[64];
	size_t i;

	fprintf(out, "Sandbox: %s (id %" PRIu64 ", cgroup %" PRIu64 ")\n",
		u->name, (uint64_t)u->id, (uint64_t)u->cgroup_id);
	for (i = 0; i < ARRAY_SIZE(sbctl_metrics); i++) {
		const struct sbctl_metric *m = &sbctl_metrics[i];

		if (sbctl_has(u, m->src))
			fprintf(out, "\t%-26s %" PRIu64 "\n", m->key,
				(uint64_t)sbctl_val(u, m));
		else
			fprintf(out, "\t%-26s -\n", m->key);
	}
	if (!u->has_bpf)
		fputs("\t(no accounting for this sandbox: see sandboxctl acct)\n",
		      out);
	for (i = 0; i < u->nr_top; i++)
		fprintf(out, "\tsyscall %-18s %" PRIu64 "\n",
			sbctl_syscall_name(u->nr[i], buf, sizeof(buf)),
			(uint64_t)u->nr_calls[i]);
	for (i = 0; i < u->nr_kvm; i++)
		fprintf(out, "\tkvm %-22s %" PRIu64 "\n", u->kvm[i].name,
			(uint64_t)u->kvm[i].value);
}

void sbctl_usage_json(struct json *j, const struct sbctl_usage *u)
{
	char buf[64];
	size_t i;

	json_begin_object(j, "usage");
	json_bool(j, "accounting", u->has_bpf);
	for (i = 0; i < ARRAY_SIZE(sbctl_metrics); i++) {
		const struct sbctl_metric *m = &sbctl_metrics[i];

		if (sbctl_has(u, m->src))
			json_u64(j, m->key, sbctl_val(u, m));
		else
			json_null(j, m->key);
	}
	json_begin_array(j, "top_syscalls");
	for (i = 0; i < u->nr_top; i++) {
		json_begin_object(j, NULL);
		json_u64(j, "nr", u->nr[i]);
		json_string(j, "name",
			    sbctl_syscall_name(u->nr[i], buf, sizeof(buf)));
		json_u64(j, "calls", u->nr_calls[i]);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_begin_object(j, "kvm");
	for (i = 0; i < u->nr_kvm; i++)
		json_u64(j, u->kvm[i].name, u->kvm[i].value);
	json_end(j, '}');
	json_end(j, '}');
}

/*
 * The exposition format wants each family's samples together, after its
 * HELP and TYPE: callers print the header once per family, then one
 * sample per sandbox. Both walk the same table, in the same order.
 */
static void sbctl_prom_sample(FILE *out, const struct sbctl_usage *u,
			      const struct sbctl_metric *m)
{
	double v = (double)sbctl_val(u, m) / m->scale;

	if (!sbctl_has(u, m->src))
		return;
	fprintf(out, "%s{id=\"%" PRIu64 "\",name=\"%s\"%s%s} %.6g\n", m->prom,
		(uint64_t)u->id, u->name, m->label ? "," : "",
		m->label ?: "", v);
}

/* KVM's own counters of micro-VMs, one family labelled by their names. */
static void sbctl_prom_kvm(FILE *out, const struct sbctl_usage *u, size_t n)
{
	size_t i, k;

	fputs("# HELP sandbox_kvm_stat KVM statistic of a micro-VM (vcpu.* summed over vCPUs)\n"
	      "# TYPE sandbox_kvm_stat untyped\n", out);
	for (k = 0; k < n; k++)
		for (i = 0; i < u[k].nr_kvm; i++)
			fprintf(out, "sandbox_kvm_stat{id=\"%" PRIu64
				"\",name=\"%s\",stat=\"%s\"} %" PRIu64 "\n",
				(uint64_t)u[k].id, u[k].name, u[k].kvm[i].name,
				(uint64_t)u[k].kvm[i].value);
}

void sbctl_usage_prom_all(FILE *out, const struct sbctl_usage *u, size_t n)
{
	size_t i, k, first;

	for (i = 0; i < ARRAY_SIZE(sbctl_metrics); i = first) {
		const struct sbctl_metric *m = &sbctl_metrics[i];

		fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", m->prom, m->help,
			m->prom, m->counter ? "counter" : "gauge");
		/* A family is a run of entries with the same name. */
		for (first = i; first < ARRAY_SIZE(sbctl_metrics) &&
		     !strcmp(sbctl_metrics[first].prom, m->prom); first++) {
			for (k = 0; k < n; k++)
				sbctl_prom_sample(out, &u[k],
						  &sbctl_metrics[first]);
		}
	}
	for (k = 0; k < n && !u[k].nr_kvm; k++)
		;
	if (k < n)
		sbctl_prom_kvm(out, u, n);
}

int sbctl_usage_all(int dev, struct sbctl_usage **out, bool top)
{
	char name[SANDBOX_NAME_MAX];
	struct sandbox_info info;
	struct sbctl_usage *u;
	int nr, k, fd, n = 0;
	__u64 *ids;

	ids = sbctl_list_ids(dev, &nr);
	if (!ids)
		return -1;
	u = calloc(nr ?: 1, sizeof(*u));
	if (!u) {
		free(ids);
		return -ENOMEM;
	}
	for (k = 0; k < nr; k++) {
		/* Gone meanwhile: skip it. */
		fd = sb_open_sandbox(dev, ids[k], NULL);
		if (fd < 0)
			continue;
		if (!sb_info(fd, &info, name) &&
		    !sbctl_usage_read(&u[n], &info, name, -1, top))
			n++;
		close(fd);
	}
	free(ids);
	*out = u;
	return n;
}
