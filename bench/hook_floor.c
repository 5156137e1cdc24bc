// SPDX-License-Identifier: GPL-2.0
/*
 * hook_floor: run a command while an empty BPF program is attached to a
 * kernel function, to measure what the hook alone costs.
 *
 *	hook_floor fentry|fexit FUNCTION -- COMMAND [ARG...]
 *
 * The program is two instructions (return 0), so whatever the command
 * loses against a run without it is the price of the trampoline: the
 * least any BPF program counting at FUNCTION can cost. `make bench` puts
 * it beside the accounting programs on the same hook.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static int bad_usage(void)
{
	fprintf(stderr,
		"usage: hook_floor fentry|fexit FUNCTION -- COMMAND [ARG...]\n");
	return 2;
}

/* Loads "return 0" as a tracing program of TYPE on FUNC; its link fd. */
static int attach_empty(enum bpf_attach_type type, const char *func)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = type);
	int id, prog, link;

	id = libbpf_find_vmlinux_btf_id(func, type);
	if (id < 0) {
		fprintf(stderr, "hook_floor: %s: not in vmlinux BTF: %s\n",
			func, strerror(-id));
		return -1;
	}
	opts.attach_btf_id = id;
	prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, "hook_floor", "GPL",
			     insns, 2, &opts);
	if (prog < 0) {
		fprintf(stderr, "hook_floor: load: %s\n", strerror(errno));
		return -1;
	}
	link = bpf_link_create(prog, 0, type, NULL);
	if (link < 0)
		fprintf(stderr, "hook_floor: attach to %s: %s\n", func,
			strerror(errno));
	close(prog);
	return link;
}

int main(int argc, char **argv)
{
	enum bpf_attach_type type;
	int link, status;
	pid_t pid;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: hook_floor fentry|fexit FUNCTION -- COMMAND [ARG...]\n"
		       "Runs COMMAND with an empty BPF program attached to the\n"
		       "kernel function FUNCTION; exits with COMMAND's status.\n");
		return 0;
	}
	if (argc < 5 || strcmp(argv[3], "--"))
		return bad_usage();
	if (!strcmp(argv[1], "fentry"))
		type = BPF_TRACE_FENTRY;
	else if (!strcmp(argv[1], "fexit"))
		type = BPF_TRACE_FEXIT;
	else
		return bad_usage();

	link = attach_empty(type, argv[2]);
	if (link < 0)
		return 1;
	pid = fork();
	if (pid < 0) {
		perror("hook_floor: fork");
		return 1;
	}
	if (!pid) {
		close(link);
		execvp(argv[4], argv + 4);
		fprintf(stderr, "hook_floor: %s: %s\n", argv[4], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("hook_floor: waitpid");
		return 1;
	}
	close(link);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
