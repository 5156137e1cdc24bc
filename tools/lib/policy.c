// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: policy files, and the BPF LSM programs that enforce them.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <linux/sandbox.h>

#include "bpfpin.h"
#include "policy.h"
#include "policy.skel.h"
#include "policy_kf.skel.h"

/* tools/bpf/policy.h mirrors the uapi's enum sandbox_denied_op. */
#define SB_SAME(ours, uapi)	_Static_assert((ours) == (uapi), #ours)
SB_SAME(SB_DENIED_MOUNT, SANDBOX_DENIED_MOUNT);
SB_SAME(SB_DENIED_MODULE, SANDBOX_DENIED_MODULE);
SB_SAME(SB_DENIED_PTRACE, SANDBOX_DENIED_PTRACE);
SB_SAME(SB_DENIED_OPEN, SANDBOX_DENIED_OPEN);
SB_SAME(SB_DENIED_CONNECT, SANDBOX_DENIED_CONNECT);
SB_SAME(SB_DENIED_BIND, SANDBOX_DENIED_BIND);
SB_SAME(SB_DENIED_EXEC, SANDBOX_DENIED_EXEC);

#define SB_POLICY_MAP	SB_POLICY_PIN_DIR "/sb_policy"

void sb_policy_default(struct sb_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->flags = SB_POLICY_DENY_MOUNT | SB_POLICY_DENY_MODULE |
		   SB_POLICY_DENY_PTRACE;
}

static int sb_policy_path(struct sb_policy_path *list, __u32 *nr,
			  const char *path)
{
	if (!path || path[0] != '/' || strlen(path) >= SB_POLICY_PATH_MAX)
		return -EINVAL;
	if (*nr >= SB_POLICY_NR_PATHS)
		return -E2BIG;
	snprintf(list[(*nr)++].path, SB_POLICY_PATH_MAX, "%s", path);
	return 0;
}

/* "1.2.3.4[/N]:PORT", "[::1][/N]:PORT" or "any:PORT"; PORT may be '*'. */
static int sb_policy_addr(struct sb_policy_addr *list, __u32 *nr,
			  const char *spec)
{
	char host[64], *colon, *slash, *end;
	struct sb_policy_addr a = {};
	long port = 0, prefix = -1;
	int ret;

	if (!spec || strlen(spec) >= sizeof(host))
		return -EINVAL;
	snprintf(host, sizeof(host), "%s", spec);
	colon = strrchr(host, ':');
	if (!colon)
		return -EINVAL;
	*colon = '\0';
	if (strcmp(colon + 1, "*")) {
		port = strtol(colon + 1, &end, 10);
		if (*end || port < 1 || port > 65535)
			return -EINVAL;
	}
	slash = strchr(host, '/');
	if (slash) {
		*slash = '\0';
		prefix = strtol(slash + 1, &end, 10);
		if (*end || prefix < 0 || prefix > 128)
			return -EINVAL;
	}
	if (!strcmp(host, "any")) {
		a.family = AF_INET;
		ret = 0;
	} else if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		a.family = AF_INET6;
		ret = inet_pton(AF_INET6, host + 1, a.addr) == 1 ? 0 : -EINVAL;
		a.prefix = prefix < 0 ? 128 : prefix;
	} else {
		a.family = AF_INET;
		ret = inet_pton(AF_INET, host, a.addr) == 1 ? 0 : -EINVAL;
		a.prefix = prefix < 0 ? 32 : prefix;
	}
	if (ret || (a.family == AF_INET && a.prefix > 32))
		return -EINVAL;
	a.port = port;
	if (*nr + (!strcmp(host, "any") ? 2 : 1) > SB_POLICY_NR_ADDRS)
		return -E2BIG;
	list[(*nr)++] = a;
	if (!strcmp(host, "any")) {	/* and every IPv6 address */
		a.family = AF_INET6;
		list[(*nr)++] = a;
	}
	return 0;
}

/* An allow rule was added (@ret 0): its kind is now restricted to them. */
static int sb_policy_allow(struct sb_policy *p, __u32 flag, int ret)
{
	if (!ret)
		p->flags |= flag;
	return ret;
}

/* One line, split in words: "deny WHAT [ARG]" or "allow WHAT ARG". */
static int sb_policy_rule(struct sb_policy *p, char *verb, char *what,
			  char *arg)
{
	bool deny = !strcmp(verb, "deny");

	if (!deny && strcmp(verb, "allow"))
		return -EINVAL;
	if (deny && !arg && !strcmp(what, "mount"))
		p->flags |= SB_POLICY_DENY_MOUNT;
	else if (deny && !arg && !strcmp(what, "module"))
		p->flags |= SB_POLICY_DENY_MODULE;
	else if (deny && !arg && !strcmp(what, "ptrace"))
		p->flags |= SB_POLICY_DENY_PTRACE;
	else if (deny && !strcmp(what, "open"))
		return sb_policy_path(p->open, &p->nr_open, arg);
	else if (deny && !arg && !strcmp(what, "connect"))
		p->flags |= SB_POLICY_CONNECT;
	else if (deny && !arg && !strcmp(what, "bind"))
		p->flags |= SB_POLICY_BIND;
	else if (deny)
		return -EINVAL;
	else if (!strcmp(what, "exec"))
		return sb_policy_allow(p, SB_POLICY_EXEC,
				       sb_policy_path(p->exec, &p->nr_exec,
						      arg));
	else if (!strcmp(what, "connect"))
		return sb_policy_allow(p, SB_POLICY_CONNECT,
				       sb_policy_addr(p->connect,
						      &p->nr_connect, arg));
	else if (!strcmp(what, "bind"))
		return sb_policy_allow(p, SB_POLICY_BIND,
				       sb_policy_addr(p->bind, &p->nr_bind,
						      arg));
	else
		return -EINVAL;
	return 0;
}

int sb_policy_parse_file(const char *path, struct sb_policy *p,
			 struct sb_error *e)
{
	char line[512], *w[4], *save;
	int n, nr = 0, ret = 0;
	FILE *f;

	memset(p, 0, sizeof(*p));
	f = fopen(path, "re");
	if (!f)
		return sb_error_set(e, errno, "policy %s", path);
	while (!ret && fgets(line, sizeof(line), f)) {
		nr++;
		if (!strchr(line, '\n') && !feof(f)) {
			ret = sb_error_set(e, E2BIG, "%s:%d: line too long",
					   path, nr);
			break;
		}
		*strchrnul(line, '#') = '\0';
		for (n = 0; n < 4; n++)
			w[n] = strtok_r(n ? NULL : line, " \t\r\n", &save);
		if (!w[0])
			continue;
		if (!w[1] || w[3]) {
			ret = sb_error_set(e, EINVAL, "%s:%d: expected 'deny|allow WHAT [ARG]'",
					   path, nr);
			break;
		}
		ret = sb_policy_rule(p, w[0], w[1], w[2]);
		if (ret == -E2BIG)
			ret = sb_error_set(e, E2BIG, "%s:%d: too many rules of this kind",
					   path, nr);
		else if (ret)
			ret = sb_error_set(e, EINVAL, "%s:%d: bad rule '%s %s%s%s'",
					   path, nr, w[0], w[1], w[2] ? " " : "",
					   w[2] ?: "");
	}
	fclose(f);
	return ret;
}

static struct bpf_object *sb_policy_open(bool kfunc)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "sb_policy");
	const void *elf;
	size_t size;

	elf = kfunc ? policy_kf_bpf__elf_bytes(&size) :
		      policy_bpf__elf_bytes(&size);
	return bpf_object__open_mem(elf, size, &opts);
}

/* The destroy tracepoint as tp_btf with module BTF, raw_tp without. */
static void sb_policy_choose(struct bpf_object *obj, bool btf)
{
	bpf_program__set_autoload(
		bpf_object__find_program_by_name(obj, "sb_policy_gone_btf"),
		btf);
	bpf_program__set_autoload(
		bpf_object__find_program_by_name(obj, "sb_policy_gone_raw"),
		!btf);
}

/*
 * Debian enables it; a kernel booted with another lsm= may not. Without
 * securityfs to ask, loading the programs will tell.
 */
static bool sb_bpf_lsm_enabled(void)
{
	char lsms[256] = "";
	FILE *f = fopen("/sys/kernel/security/lsm", "re");

	if (!f)
		return true;
	if (!fgets(lsms, sizeof(lsms), f))
		lsms[0] = '\0';
	fclose(f);
	return strstr(lsms, "bpf");
}

/* The kernel's own ENOTSUPP, which BPF attach can return to userspace. */
#define ENOTSUPP_KERNEL		524

/* The reason SB_POLICY_UNSUPPORTED gives, into @buf; false if none. */
static bool sb_policy_unsupported(char *buf, size_t len)
{
	FILE *f = fopen(SB_POLICY_UNSUPPORTED, "re");

	if (!f)
		return false;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
	return true;
}

/*
 * Attaching an LSM program patches a BPF trampoline into the hook, which
 * needs the kernel's function tracer: without it, EBUSY (x86 finds no
 * patchable nop) or ENOTSUPP. Says so, and remembers it for this boot.
 */
static int sb_policy_cannot_attach(struct sb_error *e)
{
	char why[SB_ERROR_MAX + 128];
	FILE *f;

	if (e->err != EBUSY && e->err != ENOTSUPP_KERNEL &&
	    e->err != EOPNOTSUPP)
		return -e->err;
	snprintf(why, sizeof(why),
		 "this kernel cannot attach BPF LSM programs (BPF trampolines need CONFIG_FUNCTION_TRACER): %s",
		 e->msg);
	f = fopen(SB_POLICY_UNSUPPORTED, "we");
	if (f) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
	return sb_error_set(e, EOPNOTSUPP, "%s", why);
}

static int sb_policy_load(struct sb_error *e)
{
	struct bpf_object *obj;
	char why[SB_ERROR_MAX];
	bool btf;
	int ret;

	if (!sb_bpf_lsm_enabled())
		return sb_error_set(e, EOPNOTSUPP,
				    "BPF LSM is not enabled (add bpf to the kernel's lsm= list)");
	/* Before anything slow: parsing BTF takes seconds on a debug kernel. */
	if (sb_policy_unsupported(why, sizeof(why)))
		return sb_error_set(e, EOPNOTSUPP, "%s (%s)", why,
				    SB_POLICY_UNSUPPORTED);
	btf = sb_bpf_module_btf();
	ret = sb_bpf_dir_ready(SB_POLICY_PIN_DIR, e);
	if (ret)
		return ret;
	sb_bpf_quiet();
	obj = sb_policy_open(btf &&
			     sb_bpf_module_has_func("bpf_sandbox_report_denied"));
	if (!obj)
		return sb_error_set(e, errno, "open the policy programs");
	sb_policy_choose(obj, btf);
	ret = bpf_object__load(obj);
	if (ret) {
		ret = sb_error_set(e, ret, "load the policy programs: %s",
				   sb_bpf_last_error());
		goto out;
	}
	ret = sb_bpf_attach_pin(obj, SB_POLICY_PIN_DIR, e);
	if (ret)
		ret = sb_policy_cannot_attach(e);
	/* Last: its pin is what says "loaded". */
	if (!ret) {
		ret = bpf_map__pin(bpf_object__find_map_by_name(obj, "sb_policy"),
				   SB_POLICY_MAP);
		if (ret)
			ret = sb_error_set(e, ret, "pin %s", SB_POLICY_MAP);
	}
out:
	bpf_object__close(obj);
	if (ret)
		sb_bpf_unpin(SB_POLICY_PIN_DIR);
	return ret;
}

int sb_policy_apply(uint64_t cgid, const struct sb_policy *p,
		    struct sb_error *e)
{
	int lock, fd, ret = 0;

	lock = sb_bpf_lock(e);
	if (lock < 0)
		return lock;
	if (access(SB_POLICY_MAP, F_OK))
		ret = sb_policy_load(e);
	close(lock);
	if (ret)
		return ret;
	fd = bpf_obj_get(SB_POLICY_MAP);
	if (fd < 0)
		return sb_error_set(e, errno, "open %s", SB_POLICY_MAP);
	if (bpf_map_update_elem(fd, &cgid, p, BPF_ANY))
		ret = sb_error_set(e, errno, "install the sandbox's policy");
	close(fd);
	return ret;
}

int sb_policy_status(bool *loaded, unsigned int *policies, char *why,
		     size_t len)
{
	int ret;

	if (why && !sb_policy_unsupported(why, len))
		why[0] = '\0';
	*policies = 0;
	*loaded = access(SB_POLICY_MAP, F_OK) == 0;
	if (!*loaded)
		return 0;
	ret = sb_bpf_map_entries(SB_POLICY_MAP);
	if (ret < 0)
		return ret;
	*policies = ret;
	return 0;
}

int sb_policy_unload(struct sb_error *e)
{
	int lock = sb_bpf_lock(e);

	if (lock < 0)
		return lock;
	sb_bpf_unpin(SB_POLICY_PIN_DIR);
	unlink(SB_POLICY_UNSUPPORTED);
	close(lock);
	return 0;
}
