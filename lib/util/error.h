/*
 * Recording the thread's last error (gist_error_last).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_ERROR_H
#define GIST_UTIL_ERROR_H

#include <stdarg.h>

#include "util/base.h"

/* Record an error with no input location; returns status. */
gist_status gist__error(gist_status status, const char *fmt, ...) GIST_PRINTF(2, 3);
/* Record an error about input: source, line, column (0 if unknown), field. */
gist_status gist__error_at(gist_status status, const char *source, unsigned long line, unsigned long column,
                           const char *field, const char *fmt, ...) GIST_PRINTF(6, 7);
gist_status gist__error_atv(gist_status status, const char *source, unsigned long line, unsigned long column,
                            const char *field, const char *fmt, va_list ap) GIST_PRINTF(6, 0);

/* In a public entry point: a NULL argument is GIST_EINVAL naming the function and the argument. */
#define GIST_CHECK_NULL(p, what) \
    do { if (GIST_UNLIKELY((p) == NULL)) return gist__error(GIST_EINVAL, "%s: %s is NULL", __func__, what); } while (0)

#endif
