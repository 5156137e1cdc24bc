/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandboxctl: command table and the conventions shared by subcommands.
 */
#ifndef _SANDBOXCTL_H
#define _SANDBOXCTL_H

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

/* Exit statuses of commands other than `run`. */
#define SBCTL_EXIT_OK		0
#define SBCTL_EXIT_FAIL		1
#define SBCTL_EXIT_USAGE	2

/**
 * struct sbctl_cmd - one subcommand
 * @name: word on the command line
 * @summary: one line for `sandboxctl --help`
 * @usage: full help, printed by `sandboxctl NAME --help`
 * @run: the command; argv[0] is @name; returns the exit status
 */
struct sbctl_cmd {
	const char *name;
	const char *summary;
	const char *usage;
	int (*run)(int argc, char **argv);
};

extern const struct sbctl_cmd sbctl_cmd_version;
extern const struct sbctl_cmd sbctl_cmd_run;
extern const struct sbctl_cmd sbctl_cmd_create;
extern const struct sbctl_cmd sbctl_cmd_exec;
extern const struct sbctl_cmd sbctl_cmd_list;
extern const struct sbctl_cmd sbctl_cmd_info;
extern const struct sbctl_cmd sbctl_cmd_kill;
extern const struct sbctl_cmd sbctl_cmd_wait;
extern const struct sbctl_cmd sbctl_cmd_destroy;
extern const struct sbctl_cmd sbctl_cmd_events;
extern const struct sbctl_cmd sbctl_cmd_acct;
extern const struct sbctl_cmd sbctl_cmd_stats;
extern const struct sbctl_cmd sbctl_cmd_top;
extern const struct sbctl_cmd sbctl_cmd_policy;

/* Reports "sandboxctl: <printf-message>" on stderr. */
__printf(1, 2) void sbctl_err(const char *fmt, ...);
/* Prints usage of @cmd to stdout (help asked) or stderr (misuse). */
int sbctl_usage(const struct sbctl_cmd *cmd, int status);
/* Opens /dev/sandbox or reports why not; returns the fd or -1. */
int sbctl_open_device(void);

#endif /* _SANDBOXCTL_H */
