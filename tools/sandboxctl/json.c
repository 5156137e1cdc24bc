// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal streaming JSON writer: compact output, RFC 8259 string escaping.
 */
#include <inttypes.h>

#include "json.h"

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
}

static void json_raw_string(struct json *j, const char *s)
{
	const unsigned char *p;

	fputc('"', j->out);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", j->out);
			break;
		case '\\':
			fputs("\\\\", j->out);
			break;
		case '\n':
			fputs("\\n", j->out);
			break;
		case '\t':
			fputs("\\t", j->out);
			break;
		default:
			if (*p < 0x20)
				fprintf(j->out, "\\u%04x", *p);
			else
				fputc(*p, j->out);
		}
	}
	fputc('"', j->out);
}

/* Separator and key before a value at the current depth. */
static void json_prefix(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
	if (key) {
		json_raw_string(j, key);
		fputc(':', j->out);
	}
}

static void json_begin(struct json *j, const char *key, char open)
{
	json_prefix(j, key);
	fputc(open, j->out);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

void json_begin_object(struct json *j, const char *key)
{
	json_begin(j, key, '{');
}

void json_begin_array(struct json *j, const char *key)
{
	json_begin(j, key, '[');
}

void json_end(struct json *j, char close)
{
	fputc(close, j->out);
	if (j->depth > 0)
		j->depth--;
}

void json_string(struct json *j, const char *key, const char *val)
{
	json_prefix(j, key);
	json_raw_string(j, val);
}

void json_u64(struct json *j, const char *key, uint64_t val)
{
	json_prefix(j, key);
	fprintf(j->out, "%" PRIu64, val);
}

void json_i64(struct json *j, const char *key, int64_t val)
{
	json_prefix(j, key);
	fprintf(j->out, "%" PRId64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	json_prefix(j, key);
	fputs(val ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
	json_prefix(j, key);
	fputs("null", j->out);
}

void json_finish(struct json *j)
{
	fputc('\n', j->out);
	fflush(j->out);
	j->need_comma[0] = false;
}
