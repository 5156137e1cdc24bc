/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the libsandbox sources.
 */
#ifndef _LIBSANDBOX_SBUTIL_H
#define _LIBSANDBOX_SBUTIL_H

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#endif /* _LIBSANDBOX_SBUTIL_H */
