/*
 * Strict JSON input: parsing with jansson, limits, typed member access and
 * error locations.
 *
 * jansson reports the line and column of syntax errors but keeps no
 * positions for values. Errors found after parsing (an unknown field, a
 * wrong type, an unknown agent) are located by walking the already
 * validated text along the JSON path of the offending value: a few lines of
 * scanning that run only when an error is reported.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/names.h"

/* ---- paths ---- */

void gist__jpath_push_key(gist_jpath *p, const char *key)
{
    if (p->depth < 16) {
        p->key[p->depth] = key;
        p->index[p->depth] = 0;
    }
    p->depth++;
}

void gist__jpath_push_index(gist_jpath *p, size_t index)
{
    if (p->depth < 16) {
        p->key[p->depth] = NULL;
        p->index[p->depth] = index;
    }
    p->depth++;
}

void gist__jpath_pop(gist_jpath *p)
{
    if (p->depth > 0)
        p->depth--;
}

/* The path as a JSON pointer ("/rules/3/when/0/fact"). */
static void path_pointer(const gist_jpath *p, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    int depth = p->depth < 16 ? p->depth : 16;
    for (int i = 0; i < depth && n < cap; i++) {
        int w;
        if (p->key[i] != NULL)
            w = snprintf(buf + n, cap - n, "/%s", p->key[i]);
        else
            w = snprintf(buf + n, cap - n, "/%zu", p->index[i]);
        if (w < 0)
            break;
        n += (size_t)w;
    }
}

/* ---- locating a path in valid JSON text ---- */

typedef struct scan {
    const char *s;
    size_t n;
    size_t i;
} scan;

static void skip_ws(scan *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r'))
        c->i++;
}

static void skip_string(scan *c)
{
    c->i++; /* opening quote */
    while (c->i < c->n && c->s[c->i] != '"') {
        if (c->s[c->i] == '\\')
            c->i++;
        c->i++;
    }
    c->i++;
}

/* Skip one value of any kind, iteratively (nesting depth is not limited here). */
static void skip_value(scan *c)
{
    size_t depth = 0;
    do {
        skip_ws(c);
        if (c->i >= c->n)
            return;
        char ch = c->s[c->i];
        if (ch == '"') {
            skip_string(c);
        } else if (ch == '{' || ch == '[') {
            depth++;
            c->i++;
        } else if (ch == '}' || ch == ']') {
            if (depth > 0)
                depth--;
            c->i++;
        } else if (ch == ',' || ch == ':') {
            c->i++;
        } else {
            /* a number or literal; always move on, whatever the byte, so the scan ends */
            do
                c->i++;
            while (c->i < c->n && c->s[c->i] != '\0' && !strchr(",:{}[] \t\r\n\"", c->s[c->i]));
        }
    } while (depth > 0 && c->i < c->n);
}

static unsigned hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return (unsigned)(ch - '0');
    if (ch >= 'a' && ch <= 'f')
        return (unsigned)(ch - 'a' + 10);
    if (ch >= 'A' && ch <= 'F')
        return (unsigned)(ch - 'A' + 10);
    return 0;
}

/* Compare the string literal at c->i with key (decoded), and move past it. */
static int string_equals(scan *c, const char *key)
{
    size_t i = c->i + 1, k = 0, klen = strlen(key);
    int equal = 1;
    while (i < c->n && c->s[i] != '"') {
        unsigned char buf[4];
        size_t len = 1;
        if (c->s[i] == '\\' && i + 1 < c->n) {
            char e = c->s[i + 1];
            i += 2;
            switch (e) {
            case 'b': buf[0] = '\b'; break;
            case 'f': buf[0] = '\f'; break;
            case 'n': buf[0] = '\n'; break;
            case 'r': buf[0] = '\r'; break;
            case 't': buf[0] = '\t'; break;
            case 'u': {
                unsigned cp = 0;
                for (int h = 0; h < 4 && i < c->n; h++, i++)
                    cp = cp * 16 + hexval(c->s[i]);
                if (cp >= 0xD800 && cp < 0xDC00 && i + 5 < c->n && c->s[i] == '\\' && c->s[i + 1] == 'u') {
                    unsigned lo = 0;
                    for (int h = 0; h < 4; h++)
                        lo = lo * 16 + hexval(c->s[i + 2 + (size_t)h]);
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                if (cp < 0x80) {
                    buf[0] = (unsigned char)cp;
                } else if (cp < 0x800) {
                    buf[0] = (unsigned char)(0xC0 | (cp >> 6));
                    buf[1] = (unsigned char)(0x80 | (cp & 0x3F));
                    len = 2;
                } else if (cp < 0x10000) {
                    buf[0] = (unsigned char)(0xE0 | (cp >> 12));
                    buf[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                    buf[2] = (unsigned char)(0x80 | (cp & 0x3F));
                    len = 3;
                } else {
                    buf[0] = (unsigned char)(0xF0 | (cp >> 18));
                    buf[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                    buf[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                    buf[3] = (unsigned char)(0x80 | (cp & 0x3F));
                    len = 4;
                }
                break;
            }
            default: buf[0] = (unsigned char)e; break;
            }
        } else {
            buf[0] = (unsigned char)c->s[i++];
        }
        if (k + len > klen || memcmp(key + k, buf, len) != 0)
            equal = 0;
        k += len;
    }
    c->i = i + 1;
    return equal && k == klen;
}

/* Byte offset of the value (or member name) at path; the document start if not found. */
static size_t locate_offset(const gist_jin *in, int at_key)
{
    scan c = {in->text, in->length, 0};
    if (c.n >= 3 && memcmp(c.s, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3;
    skip_ws(&c);
    int depth = in->path.depth < 16 ? in->path.depth : 16;
    size_t key_at = c.i;
    for (int d = 0; d < depth; d++) {
        skip_ws(&c);
        if (c.i >= c.n)
            return key_at;
        if (in->path.key[d] != NULL) {
            if (c.s[c.i] != '{')
                return c.i;
            c.i++;
            for (;;) {
                skip_ws(&c);
                if (c.i >= c.n || c.s[c.i] != '"')
                    return c.i;
                size_t here = c.i;
                int eq = string_equals(&c, in->path.key[d]);
                skip_ws(&c);
                c.i++; /* ':' */
                skip_ws(&c);
                if (eq) {
                    key_at = here;
                    break;
                }
                skip_value(&c);
                skip_ws(&c);
                if (c.i < c.n && c.s[c.i] == ',')
                    c.i++;
            }
        } else {
            if (c.s[c.i] != '[')
                return c.i;
            c.i++;
            for (size_t k = 0; k < in->path.index[d]; k++) {
                skip_value(&c);
                skip_ws(&c);
                if (c.i < c.n && c.s[c.i] == ',')
                    c.i++;
            }
            skip_ws(&c);
            key_at = c.i;
        }
    }
    skip_ws(&c);
    return at_key ? key_at : c.i;
}

void gist__jin_locate(const gist_jin *in, int at_key, unsigned long *line, unsigned long *column)
{
    size_t off = locate_offset(in, at_key);
    unsigned long l = 1, col = 1;
    for (size_t i = 0; i < off && i < in->length; i++) {
        unsigned char ch = (unsigned char)in->text[i];
        if (ch == '\n') {
            l++;
            col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            col++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    *line = l;
    *column = col;
}

gist_status gist__jin_error(gist_jin *in, int at_key, gist_status status, const char *fmt, ...)
{
    unsigned long line = 0, column = 0;
    char field[256];
    gist__jin_locate(in, at_key, &line, &column);
    path_pointer(&in->path, field, sizeof field);
    va_list ap;
    va_start(ap, fmt);
    gist__error_atv(status, in->source, line, column, field, fmt, ap);
    va_end(ap);
    return status;
}

/* ---- parsing ---- */

gist_status gist__json_parse(gist_jin *in, json_t **out)
{
    *out = NULL;
    if (in->length > GIST_MAX_INPUT_BYTES)
        return gist__error_at(GIST_ELIMIT, in->source, 0, 0, NULL, "input is %zu bytes; the limit is %u bytes",
                              in->length, GIST_MAX_INPUT_BYTES);
    const char *text = in->text;
    size_t length = in->length;
    int bom = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    if (bom) {
        text += 3;
        length -= 3;
    }
    /* No JSON text contains a NUL byte, but jansson 2.14 skips one after a number: refuse it here. */
    const char *nul = memchr(text, '\0', length);
    if (nul != NULL) {
        unsigned long line = 1, column = bom ? 2 : 1;
        for (const char *p = text; p < nul; p++) {
            if (*p == '\n') {
                line++;
                column = 1;
            } else if (((unsigned char)*p & 0xC0) != 0x80) {
                column++;
            }
        }
        return gist__error_at(GIST_EPARSE, in->source, line, column, NULL, "NUL byte in the input");
    }
    json_error_t err;
    memset(&err, 0, sizeof err); /* jansson leaves it untouched when its first allocation fails */
    json_t *root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        gist_status st = GIST_EPARSE;
        switch (json_error_code(&err)) {
        case json_error_out_of_memory: st = GIST_ENOMEM; break;
        case json_error_stack_overflow: st = GIST_ELIMIT; break;
        case json_error_cannot_open_file: st = GIST_EIO; break;
        default: break;
        }
        unsigned long line = err.line > 0 ? (unsigned long)err.line : 0;
        unsigned long column = err.column > 0 ? (unsigned long)err.column : 0;
        if (line == 1 && bom)
            column++;
        if (length == 0)
            return gist__error_at(st, in->source, 0, 0, NULL, "input is empty");
        /* jansson leaves the text empty only when an allocation fails before parsing starts */
        if (err.text[0] == '\0')
            return gist__error_at(GIST_ENOMEM, in->source, 0, 0, NULL, "out of memory while parsing JSON");
        if (line == 0 && st == GIST_EPARSE)
            return gist__error_at(st, in->source, 0, 0, NULL, "%s", err.text);
        return gist__error_at(st, in->source, line, column, NULL, "%s", err.text);
    }
    *out = root;
    return GIST_OK;
}

gist_status gist__read_file(const char *path, char **out, size_t *length)
{
    *out = NULL;
    *length = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return gist__error_at(GIST_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = gist__malloc(cap);
    if (buf == NULL) {
        fclose(f);
        return gist__error(GIST_ENOMEM, "out of memory reading %s", path);
    }
    for (;;) {
        if (n == cap) {
            if (cap > GIST_MAX_INPUT_BYTES) {
                gist__free(buf);
                fclose(f);
                return gist__error_at(GIST_ELIMIT, path, 0, 0, NULL, "file is larger than the limit of %u bytes",
                                      GIST_MAX_INPUT_BYTES);
            }
            char *grown = gist__realloc(buf, cap * 2);
            if (grown == NULL) {
                gist__free(buf);
                fclose(f);
                return gist__error(GIST_ENOMEM, "out of memory reading %s", path);
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno;
                gist__free(buf);
                fclose(f);
                return gist__error_at(GIST_EIO, path, 0, 0, NULL, "read error: %s", strerror(e));
            }
            break;
        }
    }
    fclose(f);
    if (n > GIST_MAX_INPUT_BYTES) {
        gist__free(buf);
        return gist__error_at(GIST_ELIMIT, path, 0, 0, NULL, "file is %zu bytes; the limit is %u bytes", n,
                              GIST_MAX_INPUT_BYTES);
    }
    *out = buf;
    *length = n;
    return GIST_OK;
}

/* ---- typed member access ---- */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

gist_status gist__jin_check_keys(gist_jin *in, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL; a++)
            if (strcmp(*a, key) == 0)
                ok = 1;
        if (!ok) {
            gist__jpath_push_key(&in->path, key);
            char list[512];
            size_t n = 0;
            list[0] = '\0';
            for (const char *const *a = allowed; *a != NULL && n < sizeof list; a++) {
                int w = snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *a);
                if (w < 0)
                    break;
                n += (size_t)w;
            }
            gist_status st = gist__jin_error(in, 1, GIST_ESCHEMA, "unknown field \"%s\" (allowed: %s)", key, list);
            gist__jpath_pop(&in->path);
            return st;
        }
    }
    return GIST_OK;
}

gist_status gist__jin_string(gist_jin *in, json_t *obj, const char *key, int required, size_t max_len,
                             const char **out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        if (required)
            return gist__jin_error(in, 0, GIST_ESCHEMA, "missing required field \"%s\"", key);
        return GIST_OK;
    }
    gist__jpath_push_key(&in->path, key);
    gist_status st = GIST_OK;
    if (!json_is_string(v))
        st = gist__jin_error(in, 0, GIST_ESCHEMA, "must be a string, not %s", type_name(v));
    else if (json_string_length(v) > max_len)
        st = gist__jin_error(in, 0, GIST_ELIMIT, "string of %zu bytes is longer than the limit of %zu",
                             json_string_length(v), max_len);
    else if (strlen(json_string_value(v)) != json_string_length(v))
        st = gist__jin_error(in, 0, GIST_ESCHEMA, "string contains a NUL character");
    else
        *out = json_string_value(v);
    gist__jpath_pop(&in->path);
    return st;
}

gist_status gist__jin_number(gist_jin *in, json_t *obj, const char *key, int required, double *out, int *present)
{
    json_t *v = json_object_get(obj, key);
    if (present)
        *present = 0;
    if (v == NULL) {
        if (required)
            return gist__jin_error(in, 0, GIST_ESCHEMA, "missing required field \"%s\"", key);
        return GIST_OK;
    }
    gist__jpath_push_key(&in->path, key);
    gist_status st = GIST_OK;
    if (!json_is_number(v)) {
        st = gist__jin_error(in, 0, GIST_ESCHEMA, "must be a number, not %s", type_name(v));
    } else {
        double x = json_number_value(v);
        if (!isfinite(x))
            st = gist__jin_error(in, 0, GIST_ERANGE, "number is not finite");
        else {
            *out = x;
            if (present)
                *present = 1;
        }
    }
    gist__jpath_pop(&in->path);
    return st;
}

gist_status gist__jin_enum(gist_jin *in, json_t *obj, const char *key, int required, const char *const *names,
                           int count, int *out)
{
    const char *s = NULL;
    gist_status st = gist__jin_string(in, obj, key, required, GIST_MAX_NAME_BYTES, &s);
    if (st != GIST_OK || s == NULL)
        return st;
    int v = gist__name_index(names, count, s);
    if (v < 0) {
        char list[512];
        size_t n = 0;
        list[0] = '\0';
        for (int i = 0; i < count && n < sizeof list; i++) {
            if (names[i] == NULL)
                continue;
            int w = snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", names[i]);
            if (w < 0)
                break;
            n += (size_t)w;
        }
        gist__jpath_push_key(&in->path, key);
        st = gist__jin_error(in, 0, GIST_ESCHEMA, "unknown value \"%s\" (expected one of: %s)", s, list);
        gist__jpath_pop(&in->path);
        return st;
    }
    *out = v;
    return GIST_OK;
}

void gist__jin_member_at(gist_jin *in, const char *key, unsigned long *line, unsigned long *column, char *field,
                         size_t cap)
{
    gist__jpath_push_key(&in->path, key);
    gist__jin_locate(in, 0, line, column);
    path_pointer(&in->path, field, cap);
    gist__jpath_pop(&in->path);
}
