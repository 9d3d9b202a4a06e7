/*
 * The one number grammar of every libgist reader (CSV fields, JSON text,
 * key/value updates): plain decimal, no sign, no exponent, no hex, no
 * spaces, no inf or nan: digits, optionally a point and more digits
 * ("400", "37.5", "0"). A reader that finds anything else reports it with
 * its location instead of guessing what was meant.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_NUMBER_H
#define GIST_UTIL_NUMBER_H

#include <stddef.h>

enum gist_decimal_result {
    GIST_DECIMAL_OK = 0,   /* *out holds the value */
    GIST_DECIMAL_EMPTY,    /* no characters */
    GIST_DECIMAL_SYNTAX,   /* not the grammar: a sign, exponent, hex, space, letter, lone point ... */
    GIST_DECIMAL_TOO_LONG  /* more than 32 characters: no dose or count needs them */
};

/* Scan the n bytes at s as a whole decimal number (the grammar above). */
enum gist_decimal_result gist__decimal_scan(const char *s, size_t n, double *out);
/* A readable reason for a result other than GIST_DECIMAL_OK ("has a sign", "is hexadecimal" ...). */
const char *gist__decimal_why(const char *s, size_t n);

#endif
