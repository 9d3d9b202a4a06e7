/*
 * Growable strings and a small JSON writer for every text libgist produces.
 *
 * Appends never fail visibly: the first failed allocation marks the buffer,
 * later appends do nothing, and gist__sb_finish() reports GIST_ENOMEM. This
 * keeps the writers free of error checks on every line.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

void gist__sb_init(gist_sb *sb)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
}

void gist__sb_free(gist_sb *sb)
{
    gist__free(sb->data);
    gist__sb_init(sb);
}

static int reserve(gist_sb *sb, size_t extra)
{
    if (sb->failed)
        return 0;
    if (sb->len + extra + 1 <= sb->cap)
        return 1;
    if (extra > SIZE_MAX / 4 - sb->len) {
        sb->failed = 1;
        return 0;
    }
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = gist__realloc(sb->data, cap);
    if (p == NULL) {
        sb->failed = 1;
        return 0;
    }
    sb->data = p;
    sb->cap = cap;
    return 1;
}

void gist__sb_putn(gist_sb *sb, const char *s, size_t n)
{
    if (!reserve(sb, n))
        return;
    char *d = sb->data + sb->len;
    if (n <= 16) { /* names and dates: cheaper than a call */
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        memcpy(d, s, n);
    }
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void gist__sb_puts(gist_sb *sb, const char *s)
{
    gist__sb_putn(sb, s, strlen(s));
}

void gist__sb_putc(gist_sb *sb, char c)
{
    gist__sb_putn(sb, &c, 1);
}

void gist__sb_printf(gist_sb *sb, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        gist__sb_putn(sb, small, (size_t)n);
        return;
    }
    if (!reserve(sb, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void gist__sb_indent(gist_sb *sb, int depth)
{
    static const char spaces[] = "                                ";
    size_t n = (size_t)depth * 2;
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        gist__sb_putn(sb, spaces, k);
        n -= k;
    }
}

void gist__sb_json_str(gist_sb *sb, const char *s)
{
    if (s == NULL) {
        gist__sb_puts(sb, "null");
        return;
    }
    gist__sb_putc(sb, '"');
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = NULL;
        char buf[8];
        switch (*p) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (*p < 0x20) {
                snprintf(buf, sizeof buf, "\\u%04x", *p);
                esc = buf;
            }
        }
        if (esc != NULL) {
            gist__sb_putn(sb, run, (size_t)((const char *)p - run));
            gist__sb_puts(sb, esc);
            run = (const char *)p + 1;
        }
    }
    gist__sb_puts(sb, run);
    gist__sb_putc(sb, '"');
}

void gist__sb_num(gist_sb *sb, double x)
{
    char buf[40];
    if (!isfinite(x)) {
        gist__sb_puts(sb, "null");
        return;
    }
    if (x == floor(x) && fabs(x) < 1e15) {
        /* whole numbers (nearly every dose and count) without printf */
        long long v = (long long)x;
        char *p = buf + sizeof buf;
        unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1u : (unsigned long long)v;
        *--p = '\0';
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0)
            *--p = '-';
        gist__sb_putn(sb, p, (size_t)(buf + sizeof buf - 1 - p));
        return;
    } else if (fabs(x) < 1e12 && x * 1000 == floor(x * 1000)) {
        /* up to three decimals (37.5 mg): whole part, point, digits without trailing zeros */
        double whole = x < 0 ? -floor(-x) : floor(x);
        long long frac = llround(fabs(x - whole) * 1000);
        if (x < 0 && whole == 0)
            gist__sb_putc(sb, '-');
        gist__sb_num(sb, whole);
        char f[5] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10), (char)('0' + frac % 10), 0};
        int len = 4;
        while (f[len - 1] == '0')
            len--;
        gist__sb_putn(sb, f, (size_t)len);
        return;
    } else {
        snprintf(buf, sizeof buf, "%.15g", x);
        if (strtod(buf, NULL) != x)
            snprintf(buf, sizeof buf, "%.17g", x);
    }
    gist__sb_puts(sb, buf);
}

gist_status gist__sb_finish(gist_sb *sb, char **out)
{
    if (!sb->failed && sb->data == NULL)
        reserve(sb, 0);
    if (sb->failed || sb->data == NULL) {
        gist__sb_free(sb);
        *out = NULL;
        return gist__error(GIST_ENOMEM, "out of memory while writing text");
    }
    sb->data[sb->len] = '\0';
    *out = sb->data;
    gist__sb_init(sb);
    return GIST_OK;
}

/* ---- UTF-8 ---- */

int gist__utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p++;
        if (c < 0x80) {
            if (c == 0)
                return 0;
            continue;
        }
        size_t more;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1, cp = c & 0x1Fu, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2, cp = c & 0x0Fu, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            return 0; /* a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF (F5-FF) */
        }
        if ((size_t)(end - p) < more)
            return 0;
        for (size_t k = 0; k < more; k++, p++) {
            if ((*p & 0xC0u) != 0x80u)
                return 0;
            cp = cp << 6 | (*p & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    return 1;
}
