/*
 * Civil dates as days since 1970-01-01 (gist_date).
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_DATE_H
#define GIST_UTIL_DATE_H

#include <stddef.h>

#include "gist/gist.h"

void gist__date_ymd(gist_date z, int *year, int *month, int *day);
gist_status gist__date_check(int year, int month, int day, gist_date *out);
/* YYYY-MM-DD exactly in the n bytes at s: 0 and *out set, 1 if malformed, 2 if out of range. */
int gist__date_scan(const char *s, size_t n, gist_date *out);
/* Write YYYY-MM-DD and a NUL: 1, or 0 (an empty string) for a date out of range. */
int gist__date_write(gist_date date, char buf[11]);

#endif
