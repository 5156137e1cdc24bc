// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line numbers: digits only (strtoull alone would take signs,
 * spaces and hexadecimal), checked for overflow and range.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "parse.h"

int sb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *val)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*val = strtoull(s, &end, 10);
	if (errno || *end || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

int sb_parse_size(const char *s, uint64_t *bytes)
{
	unsigned int shift = 0;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*bytes = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	switch (toupper((unsigned char)*end)) {
	case 'G':
		shift += 10;
		/* fall through */
	case 'M':
		shift += 10;
		/* fall through */
	case 'K':
		shift += 10;
		end++;
		break;
	}
	if (*end || *bytes > (UINT64_MAX >> shift))
		return -EINVAL;
	*bytes <<= shift;
	return 0;
}
