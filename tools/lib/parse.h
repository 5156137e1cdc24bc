/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Numbers and sizes on command lines, parsed the same way by sandboxctl
 * and sandbox-vmm.
 */
#ifndef _LIBSANDBOX_PARSE_H
#define _LIBSANDBOX_PARSE_H

#include <stdint.h>

/* A whole decimal number in [@min, @max]: 0, or -EINVAL. */
int sb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *val);

/*
 * SIZE: a decimal number of bytes with an optional K, M or G suffix (of
 * 1024), that fits in 64 bits: 0, or -EINVAL.
 */
int sb_parse_size(const char *s, uint64_t *bytes);

#endif /* _LIBSANDBOX_PARSE_H */
