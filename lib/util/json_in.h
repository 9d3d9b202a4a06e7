/*
 * Reading JSON input over jansson: strict parsing, a path to the value being
 * read, and errors located at file:line:column with a JSON pointer.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_UTIL_JSON_IN_H
#define GIST_UTIL_JSON_IN_H

#include "util/base.h"

struct json_t;
typedef struct gist_jpath {
    const char *key[16]; /* object member names, or NULL for an array index */
    size_t index[16];
    int depth;
} gist_jpath;
typedef struct gist_jin {
    const char *text;
    size_t length;
    const char *source;
    gist_jpath path;
} gist_jin;

/* Parse text with jansson; strict (duplicate keys rejected) and limited. */
gist_status gist__json_parse(gist_jin *in, struct json_t **out);
/* Read a whole file (at most GIST_MAX_INPUT_BYTES). Caller frees *out with gist__free. */
gist_status gist__read_file(const char *path, char **out, size_t *length);
void gist__jpath_push_key(gist_jpath *p, const char *key);
void gist__jpath_push_index(gist_jpath *p, size_t index);
void gist__jpath_pop(gist_jpath *p);
/* Record an error located at the current path (at_key: point at the member name). */
gist_status gist__jin_error(gist_jin *in, int at_key, gist_status status, const char *fmt, ...) GIST_PRINTF(4, 5);
/* Locate the current path in the text. */
void gist__jin_locate(const gist_jin *in, int at_key, unsigned long *line, unsigned long *column);
/* Locate member key of the current object: its line, column and JSON pointer (for errors found later). */
void gist__jin_member_at(gist_jin *in, const char *key, unsigned long *line, unsigned long *column, char *field,
                         size_t cap);
/* Check that every member of obj is one of the NULL-terminated allowed names. */
gist_status gist__jin_check_keys(gist_jin *in, struct json_t *obj, const char *const *allowed);
/* Typed member access: absent members leave *out alone and return GIST_OK with *present = 0. */
gist_status gist__jin_string(gist_jin *in, struct json_t *obj, const char *key, int required, size_t max_len,
                             const char **out);
gist_status gist__jin_number(gist_jin *in, struct json_t *obj, const char *key, int required, double *out,
                             int *present);
gist_status gist__jin_enum(gist_jin *in, struct json_t *obj, const char *key, int required,
                           const char *const *names, int count, int *out);

#endif
