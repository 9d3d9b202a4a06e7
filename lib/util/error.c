/*
 * Status codes and the thread-local last error.
 *
 * The record lives in fixed thread-local buffers so that reporting an error,
 * including running out of memory, never allocates.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <string.h>

#include "util/error.h"

struct error_slot {
    gist_error pub;
    char message[1024];
    char source[256];
    char field[256];
};

static _Thread_local struct error_slot t_err = {{GIST_OK, "", "", "", 0, 0}, "", "", ""};

static struct error_slot *slot(void)
{
    struct error_slot *s = &t_err;
    /* Point into this thread's own buffers (the static initialiser cannot). */
    s->pub.message = s->message;
    s->pub.source = s->source;
    s->pub.field = s->field;
    return s;
}

const gist_error *gist_error_last(void)
{
    return &slot()->pub;
}

void gist_error_clear(void)
{
    struct error_slot *s = slot();
    s->pub.status = GIST_OK;
    s->pub.line = s->pub.column = 0;
    s->message[0] = s->source[0] = s->field[0] = '\0';
}

static void copy_trunc(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    if (src != NULL) {
        n = strlen(src);
        if (n >= cap)
            n = cap - 1;
        memcpy(dst, src, n);
    }
    dst[n] = '\0';
}

gist_status gist__error_atv(gist_status status, const char *source, unsigned long line, unsigned long column,
                            const char *field, const char *fmt, va_list ap)
{
    struct error_slot *s = slot();
    char text[768];
    vsnprintf(text, sizeof text, fmt, ap);
    copy_trunc(s->source, sizeof s->source, source);
    copy_trunc(s->field, sizeof s->field, field);
    s->pub.status = status;
    s->pub.line = line;
    s->pub.column = column;
    /* "file:line:col: field: text", leaving out the parts that are unknown. */
    size_t n = 0;
    s->message[0] = '\0';
    if (s->source[0]) {
        if (line && column)
            n = (size_t)snprintf(s->message, sizeof s->message, "%s:%lu:%lu: ", s->source, line, column);
        else if (line)
            n = (size_t)snprintf(s->message, sizeof s->message, "%s:%lu: ", s->source, line);
        else
            n = (size_t)snprintf(s->message, sizeof s->message, "%s: ", s->source);
    }
    if (n < sizeof s->message && s->field[0])
        n += (size_t)snprintf(s->message + n, sizeof s->message - n, "%s: ", s->field);
    if (n < sizeof s->message)
        snprintf(s->message + n, sizeof s->message - n, "%s", text);
    return status;
}

gist_status gist__error_at(gist_status status, const char *source, unsigned long line, unsigned long column,
                           const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gist__error_atv(status, source, line, column, field, fmt, ap);
    va_end(ap);
    return status;
}

gist_status gist__error(gist_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gist__error_atv(status, NULL, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return status;
}

const char *gist_strerror(gist_status status)
{
    switch (status) {
    case GIST_OK: return "success";
    case GIST_EINVAL: return "invalid argument";
    case GIST_ENOMEM: return "out of memory";
    case GIST_ENOTFOUND: return "not found";
    case GIST_EAMBIGUOUS: return "ambiguous name";
    case GIST_EPARSE: return "malformed input";
    case GIST_ESCHEMA: return "input does not follow its format";
    case GIST_ERANGE: return "value out of range";
    case GIST_EIO: return "input/output error";
    case GIST_ELIMIT: return "input exceeds a limit";
    case GIST_EPATHWAY: return "inconsistent pathway";
    case GIST_EORDER: return "events out of order";
    case GIST_EVERSION: return "unsupported version";
    case GIST_ESTATE: return "invalid in the current state";
    }
    return "unknown status";
}

const char *gist_status_name(gist_status status)
{
    switch (status) {
    case GIST_OK: return "GIST_OK";
    case GIST_EINVAL: return "GIST_EINVAL";
    case GIST_ENOMEM: return "GIST_ENOMEM";
    case GIST_ENOTFOUND: return "GIST_ENOTFOUND";
    case GIST_EAMBIGUOUS: return "GIST_EAMBIGUOUS";
    case GIST_EPARSE: return "GIST_EPARSE";
    case GIST_ESCHEMA: return "GIST_ESCHEMA";
    case GIST_ERANGE: return "GIST_ERANGE";
    case GIST_EIO: return "GIST_EIO";
    case GIST_ELIMIT: return "GIST_ELIMIT";
    case GIST_EPATHWAY: return "GIST_EPATHWAY";
    case GIST_EORDER: return "GIST_EORDER";
    case GIST_EVERSION: return "GIST_EVERSION";
    case GIST_ESTATE: return "GIST_ESTATE";
    }
    return "GIST_E?";
}
