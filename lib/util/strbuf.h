/*
 * A growable string. An allocation failure marks the buffer failed, every
 * later append is a no-op, and gist__sb_finish reports GIST_ENOMEM once.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_STRBUF_H
#define GIST_UTIL_STRBUF_H

#include "util/base.h"

typedef struct gist_sb {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* an allocation failed: every later append is a no-op */
} gist_sb;

void gist__sb_init(gist_sb *sb);
void gist__sb_free(gist_sb *sb);
void gist__sb_putn(gist_sb *sb, const char *s, size_t n);
void gist__sb_puts(gist_sb *sb, const char *s);
void gist__sb_putc(gist_sb *sb, char c);
void gist__sb_printf(gist_sb *sb, const char *fmt, ...) GIST_PRINTF(2, 3);
void gist__sb_indent(gist_sb *sb, int depth);
/* Append s as a JSON string literal (quoted, escaped). NULL gives null. */
void gist__sb_json_str(gist_sb *sb, const char *s);
/* Append a number the shortest way that round-trips ("400", "37.5"). */
void gist__sb_num(gist_sb *sb, double x);
/* Hand the text to the caller (NUL-terminated) or fail with ENOMEM. */
gist_status gist__sb_finish(gist_sb *sb, char **out);
/* Whether the n bytes at s are well-formed UTF-8 (no overlong forms, surrogates or NUL). */
int gist__utf8_valid(const char *s, size_t n);

#endif
