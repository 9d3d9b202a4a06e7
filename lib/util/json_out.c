/*
 * The JSON writer: members and array items with optional indentation.
 * SPDX-License-Identifier: Apache-2.0
 */
#include "util/json_out.h"

void gist__jw_init(gist_jw *w, gist_sb *sb, int compact)
{
    w->sb = sb;
    w->depth = 0;
    w->compact = compact;
    w->first = 1;
}

static void jw_newline(gist_jw *w)
{
    if (!w->compact) {
        gist__sb_putc(w->sb, '\n');
        gist__sb_indent(w->sb, w->depth);
    }
}

/* Separator and indentation before a member or element. */
static void jw_sep(gist_jw *w)
{
    if (!w->first)
        gist__sb_putc(w->sb, ',');
    w->first = 0;
    jw_newline(w);
}

void gist__jw_key(gist_jw *w, const char *key)
{
    jw_sep(w);
    gist__sb_json_str(w->sb, key);
    gist__sb_puts(w->sb, w->compact ? ":" : ": ");
}

void gist__jw_item(gist_jw *w)
{
    jw_sep(w);
}

static void jw_open(gist_jw *w, char c)
{
    gist__sb_putc(w->sb, c);
    w->depth++;
    w->first = 1;
}

static void jw_close(gist_jw *w, char c)
{
    w->depth--;
    if (!w->first)
        jw_newline(w);
    gist__sb_putc(w->sb, c);
    w->first = 0;
}

void gist__jw_begin_object(gist_jw *w) { jw_open(w, '{'); }
void gist__jw_end_object(gist_jw *w) { jw_close(w, '}'); }
void gist__jw_begin_array(gist_jw *w) { jw_open(w, '['); }
void gist__jw_end_array(gist_jw *w) { jw_close(w, ']'); }

void gist__jw_str(gist_jw *w, const char *key, const char *value)
{
    gist__jw_key(w, key);
    gist__sb_json_str(w->sb, value);
}

void gist__jw_num(gist_jw *w, const char *key, double value)
{
    gist__jw_key(w, key);
    gist__sb_num(w->sb, value);
}

void gist__jw_int(gist_jw *w, const char *key, long long value)
{
    gist__jw_key(w, key);
    gist__sb_printf(w->sb, "%lld", value);
}

void gist__jw_bool(gist_jw *w, const char *key, int value)
{
    gist__jw_key(w, key);
    gist__sb_puts(w->sb, value ? "true" : "false");
}

void gist__jw_null(gist_jw *w, const char *key)
{
    gist__jw_key(w, key);
    gist__sb_puts(w->sb, "null");
}

void gist__jw_strings(gist_jw *w, const char *key, const char *const *s, size_t n)
{
    if (key != NULL)
        gist__jw_key(w, key);
    gist__jw_begin_array(w);
    for (size_t i = 0; i < n; i++) {
        gist__jw_item(w);
        gist__sb_json_str(w->sb, s[i]);
    }
    gist__jw_end_array(w);
}
