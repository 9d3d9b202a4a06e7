/*
 * A small JSON writer over a gist_sb, with optional indentation.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_JSON_OUT_H
#define GIST_UTIL_JSON_OUT_H

#include "util/strbuf.h"

typedef struct gist_jw {
    gist_sb *sb;
    int depth;
    int compact;
    int first; /* no member written yet at this level */
} gist_jw;

void gist__jw_init(gist_jw *w, gist_sb *sb, int compact);
void gist__jw_begin_object(gist_jw *w);
void gist__jw_end_object(gist_jw *w);
void gist__jw_begin_array(gist_jw *w);
void gist__jw_end_array(gist_jw *w);
void gist__jw_key(gist_jw *w, const char *key); /* member name inside an object */
void gist__jw_item(gist_jw *w);                 /* before each array element */
void gist__jw_str(gist_jw *w, const char *key, const char *value);
void gist__jw_num(gist_jw *w, const char *key, double value);
void gist__jw_int(gist_jw *w, const char *key, long long value);
void gist__jw_bool(gist_jw *w, const char *key, int value);
void gist__jw_null(gist_jw *w, const char *key);
/* Member key (NULL inside an array) holding an array of the n strings at s. */
void gist__jw_strings(gist_jw *w, const char *key, const char *const *s, size_t n);

#endif
