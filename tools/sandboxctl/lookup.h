/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the commands that act on existing sandboxes.
 */
#ifndef _SANDBOXCTL_LOOKUP_H
#define _SANDBOXCTL_LOOKUP_H

#include <stdbool.h>

#include <linux/sandbox.h>

#include "json.h"
#include "sandboxctl.h"

/*
 * Parses [--json] [--help] (--json only if @json is not NULL). Returns the
 * index of the first operand, or minus the exit status to return now.
 */
int sbctl_parse_simple(const struct sbctl_cmd *cmd, int argc, char **argv,
		       bool *json);
/* The same for commands taking a verb: options may follow it. */
int sbctl_parse_verb(const struct sbctl_cmd *cmd, int argc, char **argv,
		     bool *json);
/* Opens the sandbox named, or numbered, @ref; reports failure; -1 then. */
int sbctl_open_sandbox(int devfd, const char *ref);
/* The same, opening and closing /dev/sandbox around it. */
int sbctl_open_named(const char *ref);
/* The ids of the live sandboxes, malloc'ed, @nr of them; NULL on error. */
__u64 *sbctl_list_ids(int dev, int *nr);
const char *sbctl_state_name(unsigned int state);
int sbctl_exit_code(unsigned int status);
void sbctl_describe_text(const struct sandbox_info *i, const char *name);
void sbctl_describe_json(struct json *j, const struct sandbox_info *i,
			 const char *name);

#endif /* _SANDBOXCTL_LOOKUP_H */
