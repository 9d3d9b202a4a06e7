/*
 * Calendar dates as days since 1970-01-01 (proleptic Gregorian), after
 * Howard Hinnant's days_from_civil / civil_from_days.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/error.h"

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void gist__date_ymd(gist_date z, int *year, int *month, int *day)
{
    int32_t zz = z + 719468;
    int32_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    int32_t doe = zz - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t y = yoe + era * 400;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(y + (*month <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

gist_status gist__date_check(int year, int month, int day, gist_date *out)
{
    if (year < 1900 || year > 2200)
        return GIST_ERANGE;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return GIST_ERANGE;
    *out = days_from_civil(year, month, day);
    return GIST_OK;
}

gist_status gist_date_from_ymd(gist_date *out, int year, int month, int day)
{
    GIST_CHECK_NULL(out, "out");
    if (gist__date_check(year, month, day, out) != GIST_OK)
        return gist__error(GIST_ERANGE, "%04d-%02d-%02d is not a date from 1900-01-01 to 2200-12-31", year, month,
                           day);
    return GIST_OK;
}

int gist__date_scan(const char *s, size_t n, gist_date *out)
{
    /* YYYY-MM-DD exactly: returns 0 if well-formed and valid, 1 if malformed, 2 if out of range */
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return 1;
    int v[3] = {0, 0, 0};
    static const int pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < pos[k][1]; i++) {
            char c = s[pos[k][0] + i];
            if (c < '0' || c > '9')
                return 1;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    return gist__date_check(v[0], v[1], v[2], out) == GIST_OK ? 0 : 2;
}

gist_status gist_date_parse(gist_date *out, const char *text)
{
    GIST_CHECK_NULL(out, "out");
    GIST_CHECK_NULL(text, "text");
    size_t n = 0;
    while (n < 16 && text[n] != '\0')
        n++;
    int r = gist__date_scan(text, n, out);
    if (r == 1)
        return gist__error(GIST_EPARSE, "\"%.16s\" is not a date in the form YYYY-MM-DD", text);
    if (r == 2)
        return gist__error(GIST_ERANGE, "\"%s\" is not a date from 1900-01-01 to 2200-12-31", text);
    return GIST_OK;
}

int gist__date_write(gist_date date, char buf[11])
{
    if (date < GIST_DATE_MIN || date > GIST_DATE_MAX) {
        buf[0] = '\0';
        return 0;
    }
    int y, m, d;
    gist__date_ymd(date, &y, &m, &d);
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return 1;
}

gist_status gist_date_format(gist_date date, char buf[11])
{
    GIST_CHECK_NULL(buf, "buf");
    if (!gist__date_write(date, buf))
        return gist__error(GIST_ERANGE, "date %ld is outside 1900-01-01 to 2200-12-31", (long)date);
    return GIST_OK;
}
