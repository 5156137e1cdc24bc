/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal streaming JSON writer for machine-readable output.
 */
#ifndef _SANDBOXCTL_JSON_H
#define _SANDBOXCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);
/* @key is NULL inside arrays and for the top-level value. */
void json_begin_object(struct json *j, const char *key);
void json_begin_array(struct json *j, const char *key);
void json_end(struct json *j, char close);
void json_string(struct json *j, const char *key, const char *val);
void json_u64(struct json *j, const char *key, uint64_t val);
void json_i64(struct json *j, const char *key, int64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);
/* Ends the top-level value with a newline (one object per line). */
void json_finish(struct json *j);

#define json_end_object(j)	json_end(j, '}')
#define json_end_array(j)	json_end(j, ']')

#endif /* _SANDBOXCTL_JSON_H */
