// SPDX-License-Identifier: GPL-2.0
/*
 * Error context for libsandbox.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "sberror.h"

int sb_error_set(struct sb_error *e, int err, const char *fmt, ...)
{
	va_list ap;

	err = abs(err);
	if (!err)
		err = EIO;	/* a failure must never look like success */
	if (e) {
		e->err = err;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return -err;
}
