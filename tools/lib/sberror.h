/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error context for libsandbox: functions return -errno, and may also say
 * what they were doing, so that the caller can print one useful line.
 */
#ifndef _LIBSANDBOX_SBERROR_H
#define _LIBSANDBOX_SBERROR_H

#define SB_ERROR_MAX	256

/**
 * struct sb_error - what failed, for the caller to report
 * @err: positive errno of the failure, 0 if none
 * @msg: what was being done, without the errno text
 */
struct sb_error {
	int err;
	char msg[SB_ERROR_MAX];
};

/*
 * Records @err (positive or negative errno) and a message in @e (which may
 * be NULL) and returns -errno, so that callers can write
 *	return sb_error_set(e, errno, "mount %s", dir);
 */
int sb_error_set(struct sb_error *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* _LIBSANDBOX_SBERROR_H */
