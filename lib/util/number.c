/*
 * The decimal number grammar shared by the readers (util/number.h).
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>
#include <string.h>

#include "util/number.h"

#define MAX_DIGITS 32u

enum gist_decimal_result gist__decimal_scan(const char *s, size_t n, double *out)
{
    if (n == 0)
        return GIST_DECIMAL_EMPTY;
    if (n > MAX_DIGITS)
        return GIST_DECIMAL_TOO_LONG;
    size_t i = 0, int_digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        i++;
        int_digits++;
    }
    if (i < n && s[i] == '.') {
        size_t frac_digits = 0;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
            frac_digits++;
        }
        if (frac_digits == 0)
            return GIST_DECIMAL_SYNTAX; /* "400." */
    }
    if (i != n || int_digits == 0)
        return GIST_DECIMAL_SYNTAX; /* ".5", "4e2", "0x190", " 400" */
    char buf[MAX_DIGITS + 1];
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* The text is plain decimal, so strtod reads exactly it (it cannot see hex or an exponent). */
    *out = strtod(buf, NULL);
    return GIST_DECIMAL_OK;
}

const char *gist__decimal_why(const char *s, size_t n)
{
    if (n == 0)
        return "is empty";
    if (n > MAX_DIGITS)
        return "is too long for a number";
    if (s[0] == '-' || s[0] == '+')
        return "has a sign (numbers are written as plain decimals: 400, 37.5)";
    if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return "is hexadecimal (numbers are written as plain decimals: 400, 37.5)";
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return "contains white space";
        if (c == 'e' || c == 'E')
            return "has an exponent (numbers are written as plain decimals: 400, 37.5)";
        if (c == ',')
            return "has a comma (the decimal separator is a point: 37.5)";
    }
    return "is not a number written as a plain decimal (400, 37.5)";
}
