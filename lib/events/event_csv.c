/*
 * The event CSV format (docs/event-formats.md): a strict RFC 4180 reader
 * that streams one patient at a time, so that memory follows the largest
 * patient rather than the input.
 *
 * Errors name the file, the line and the column. Rows are numbered by the
 * line of the file they start on; findings about a row carry that number.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "events/timeline.h"
#include "model/agent.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/names.h"
#include "util/strbuf.h"

#define MAX_SOURCES 16
#define MAX_COLUMNS 32
#define MAX_FIELD_BYTES 4096u
#define CHUNK 65536u

enum field_id {
    F_PATIENT, F_EVENT, F_DATE, F_END, F_AGENT, F_DOSE, F_SCHEDULE, F_REASON,
    F_RESPONSE, F_METHOD, F_CRITERIA, F_EXTENT, F_VALUE, F_COUNT
};

/* Column names; aliases follow OMOP drug_exposure where it has a column. */
static const struct {
    const char *name;
    enum field_id id;
} columns[] = {
    {"patient", F_PATIENT},   {"person_id", F_PATIENT},
    {"event", F_EVENT},       {"date", F_DATE},
    {"start", F_DATE},        {"drug_exposure_start_date", F_DATE},
    {"end", F_END},           {"drug_exposure_end_date", F_END},
    {"agent", F_AGENT},       {"drug", F_AGENT},
    {"dose_mg", F_DOSE},      {"daily_dose_mg", F_DOSE},
    {"schedule", F_SCHEDULE}, {"reason", F_REASON},
    {"stop_reason", F_REASON}, {"response", F_RESPONSE},
    {"method", F_METHOD},     {"criteria", F_CRITERIA},
    {"extent", F_EXTENT},     {"value", F_VALUE},
};
static const char *const field_names[F_COUNT] = {"patient",  "event",  "date",     "end",    "agent",
                                                 "dose_mg",  "schedule", "reason", "response", "method",
                                                 "criteria", "extent", "value"};

struct source {
    FILE *file;
    char *mem;
    size_t memlen;
    char *name;
    unsigned char *buf;
    size_t len, pos;
    int eof;
    unsigned long long consumed, total;
    unsigned long line, col; /* position of the next byte */
    int col_of[F_COUNT];     /* column index of each field, or -1 */
    int ncols;
    /* the current record */
    char *rec;
    size_t reclen, reccap;
    size_t nfields;
    size_t foff[MAX_COLUMNS + 1];
    unsigned long fcol[MAX_COLUMNS + 1];
    unsigned long rec_line;
    int has_record; /* a parsed record waits (the first of the next patient) */
    int at_end;
};

struct gist_event_reader {
    struct source *src[MAX_SOURCES];
    int nsrc;
    int started;
    /* hashes of patients already returned, to reject ungrouped single-file input */
    uint64_t *seen;
    size_t nseen, capseen;
};

/* ---- errors ---- */

static gist_status src_error(struct source *s, gist_status st, unsigned long line, unsigned long col,
                             const char *field, const char *fmt, ...) GIST_PRINTF(6, 7);
static gist_status src_error(struct source *s, gist_status st, unsigned long line, unsigned long col,
                             const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gist__error_atv(st, s->name, line, col, field, fmt, ap);
    va_end(ap);
    return st;
}

/* ---- opening ---- */

static void source_free(struct source *s)
{
    if (s == NULL)
        return;
    if (s->file && s->file != stdin)
        fclose(s->file);
    gist__free(s->mem);
    gist__free(s->name);
    gist__free(s->buf);
    gist__free(s->rec);
    gist__free(s);
}

static gist_status source_new(struct source **out, const char *name)
{
    *out = NULL;
    struct source *s = gist__calloc(1, sizeof *s);
    if (s == NULL || (s->name = gist__strndup(name, strlen(name))) == NULL ||
        (s->buf = gist__malloc(CHUNK)) == NULL) {
        source_free(s);
        return gist__error(GIST_ENOMEM, "out of memory opening %s", name);
    }
    s->line = 1;
    s->col = 1;
    for (int f = 0; f < F_COUNT; f++)
        s->col_of[f] = -1;
    *out = s;
    return GIST_OK;
}

static gist_status source_open_file(struct source **out, const char *path)
{
    struct source *s = NULL;
    gist_status st = source_new(&s, strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (st != GIST_OK || s == NULL)
        return st;
    if (strcmp(path, "-") == 0) {
        s->file = stdin;
    } else {
        s->file = fopen(path, "rb");
        if (s->file == NULL) {
            int e = errno;
            source_free(s);
            return gist__error_at(GIST_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(e));
        }
        struct stat sb;
        if (fstat(fileno(s->file), &sb) == 0 && S_ISREG(sb.st_mode))
            s->total = (unsigned long long)sb.st_size;
    }
    *out = s;
    return GIST_OK;
}

gist_status gist_event_reader_open(gist_event_reader **out, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    gist_event_reader *r = gist__calloc(1, sizeof *r);
    if (r == NULL)
        return gist__error(GIST_ENOMEM, "out of memory opening %s", path);
    gist_status st = source_open_file(&r->src[0], path);
    if (st != GIST_OK) {
        gist__free(r);
        return st;
    }
    r->nsrc = 1;
    *out = r;
    return GIST_OK;
}

gist_status gist_event_reader_open_string(gist_event_reader **out, const char *text, size_t length,
                                          const char *source)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(text, "text");
    gist_event_reader *r = gist__calloc(1, sizeof *r);
    struct source *s = NULL;
    if (r == NULL)
        return gist__error(GIST_ENOMEM, "out of memory opening a CSV text");
    gist_status st = source_new(&s, source ? source : "<string>");
    char *mem = st == GIST_OK ? gist__malloc(length ? length : 1) : NULL;
    if (mem == NULL) {
        source_free(s);
        gist__free(r);
        return st != GIST_OK ? st : gist__error(GIST_ENOMEM, "out of memory opening a CSV text");
    }
    memcpy(mem, text, length);
    s->mem = mem;
    s->memlen = length;
    s->total = length;
    r->src[0] = s;
    r->nsrc = 1;
    *out = r;
    return GIST_OK;
}

gist_status gist_event_reader_add_file(gist_event_reader *r, const char *path)
{
    GIST_CHECK_NULL(r, "reader");
    GIST_CHECK_NULL(path, "path");
    if (r->started)
        return gist__error(GIST_ESTATE, "gist_event_reader_add_file: reading has begun");
    if (r->nsrc >= MAX_SOURCES)
        return gist__error(GIST_ELIMIT, "gist_event_reader_add_file: at most %d files", MAX_SOURCES);
    gist_status st = source_open_file(&r->src[r->nsrc], path);
    if (st == GIST_OK)
        r->nsrc++;
    return st;
}

void gist_event_reader_free(gist_event_reader *r)
{
    if (r == NULL)
        return;
    for (int i = 0; i < r->nsrc; i++)
        source_free(r->src[i]);
    gist__free(r->seen);
    gist__free(r);
}

void gist_event_reader_progress(const gist_event_reader *r, unsigned long long *consumed, unsigned long long *total)
{
    unsigned long long c = 0, t = 0;
    for (int i = 0; r != NULL && i < r->nsrc; i++) {
        c += r->src[i]->consumed;
        t += r->src[i]->total;
    }
    if (consumed)
        *consumed = c;
    if (total)
        *total = t;
}

/* ---- bytes and records ---- */

static int next_byte(struct source *s, gist_status *st)
{
    if (s->pos == s->len) {
        if (s->eof)
            return -1;
        if (s->mem) {
            size_t left = s->memlen - (size_t)s->consumed;
            size_t n = left < CHUNK ? left : CHUNK;
            memcpy(s->buf, s->mem + s->consumed, n);
            s->len = n;
        } else {
            s->len = fread(s->buf, 1, CHUNK, s->file);
            if (s->len < CHUNK && ferror(s->file)) {
                *st = src_error(s, GIST_EIO, s->line, 0, NULL, "read error: %s", strerror(errno));
                return -2;
            }
        }
        s->pos = 0;
        if (s->len == 0) {
            s->eof = 1;
            return -1;
        }
    }
    s->consumed++;
    return s->buf[s->pos++];
}

static int rec_put(struct source *s, char c)
{
    if (s->reclen + 1 >= s->reccap) {
        size_t cap = s->reccap ? s->reccap * 2 : 1024;
        char *p = gist__realloc(s->rec, cap);
        if (p == NULL)
            return 0;
        s->rec = p;
        s->reccap = cap;
    }
    s->rec[s->reclen++] = c;
    return 1;
}

/* Read one record into s->rec (fields NUL-separated). Returns 1, 0 at the end, or -1 on error (*st set). */
static int read_record(struct source *s, gist_status *st)
{
    enum { START, PLAIN, QUOTED, QUOTE } state = START;
    s->reclen = 0;
    s->nfields = 0;
    s->rec_line = s->line;
    s->foff[0] = 0;
    s->fcol[0] = s->col;
    size_t flen = 0;
    int quoted = 0; /* a quoted field was read: the record is not blank, even if it is empty */
    for (;;) {
        int c = next_byte(s, st);
        if (c == -2)
            return -1;
        if (c == 0) {
            *st = src_error(s, GIST_EPARSE, s->line, s->col, NULL, "NUL byte in the input");
            return -1;
        }
        int end_field = 0, end_record = 0;
        if (c == -1) {
            if (state == QUOTED) {
                *st = src_error(s, GIST_EPARSE, s->rec_line, s->fcol[s->nfields], NULL,
                                "quoted field is not closed before the end of the input");
                return -1;
            }
            if (s->nfields == 0 && s->reclen == 0 && state == START)
                return 0;
            end_field = end_record = 1;
        } else {
            char ch = (char)c;
            unsigned long here = s->col;
            if (ch == '\n') {
                s->line++;
                s->col = 1;
            } else if (((unsigned char)ch & 0xC0) != 0x80) {
                s->col++;
            }
            switch (state) {
            case START:
            case PLAIN:
                if (ch == ',') {
                    end_field = 1;
                } else if (ch == '\n') {
                    end_field = end_record = 1;
                } else if (ch == '\r') {
                    /* part of CRLF: dropped */
                } else if (ch == '"') {
                    if (state == PLAIN) {
                        *st = src_error(s, GIST_EPARSE, s->line, here, NULL,
                                        "a quote inside an unquoted field (quote the whole field)");
                        return -1;
                    }
                    state = QUOTED;
                    quoted = 1;
                } else {
                    state = PLAIN;
                    if (!rec_put(s, ch))
                        goto oom;
                    flen++;
                }
                break;
            case QUOTED:
                if (ch == '"') {
                    state = QUOTE;
                } else {
                    if (!rec_put(s, ch))
                        goto oom;
                    flen++;
                }
                break;
            case QUOTE:
                if (ch == '"') {
                    state = QUOTED;
                    if (!rec_put(s, '"'))
                        goto oom;
                    flen++;
                } else if (ch == ',') {
                    end_field = 1;
                } else if (ch == '\n') {
                    end_field = end_record = 1;
                } else if (ch != '\r') {
                    *st = src_error(s, GIST_EPARSE, s->line, here, NULL,
                                    "unexpected character after a closing quote");
                    return -1;
                }
                break;
            }
            if (flen > MAX_FIELD_BYTES) {
                *st = src_error(s, GIST_ELIMIT, s->rec_line, s->fcol[s->nfields], NULL,
                                "field longer than %u bytes", MAX_FIELD_BYTES);
                return -1;
            }
        }
        if (end_field) {
            if (!rec_put(s, '\0'))
                goto oom;
            if (!gist__utf8_valid(s->rec + s->foff[s->nfields], flen)) {
                *st = src_error(s, GIST_EPARSE, s->rec_line, s->fcol[s->nfields], NULL, "field is not valid UTF-8");
                return -1;
            }
            if (++s->nfields > MAX_COLUMNS) {
                *st = src_error(s, GIST_ELIMIT, s->rec_line, 0, NULL, "more than %d fields", MAX_COLUMNS);
                return -1;
            }
            s->foff[s->nfields] = s->reclen;
            s->fcol[s->nfields] = s->col;
            flen = 0;
            state = START;
        }
        if (end_record) {
            /* a blank line is no record */
            if (s->nfields == 1 && s->rec[0] == '\0' && !quoted) {
                if (c == -1)
                    return 0;
                s->reclen = 0;
                s->nfields = 0;
                s->rec_line = s->line;
                s->fcol[0] = s->col;
                continue;
            }
            return 1;
        }
    }
oom:
    *st = gist__error(GIST_ENOMEM, "out of memory reading %s", s->name);
    return -1;
}

static const char *field(const struct source *s, enum field_id f)
{
    int c = s->col_of[f];
    return c < 0 ? "" : s->rec + s->foff[c];
}

static unsigned long field_col(const struct source *s, enum field_id f)
{
    int c = s->col_of[f];
    return c < 0 ? 0 : s->fcol[c];
}

static gist_status read_header(struct source *s)
{
    gist_status st = GIST_OK;
    int r = read_record(s, &st);
    if (r < 0)
        return st;
    if (r == 0)
        return src_error(s, GIST_EPARSE, 0, 0, NULL, "input is empty: a header row is required");
    /* a UTF-8 byte order mark before the header */
    if (s->reclen >= 3 && memcmp(s->rec, "\xEF\xBB\xBF", 3) == 0) {
        memmove(s->rec, s->rec + 3, s->reclen - 3);
        s->reclen -= 3;
        for (size_t i = 1; i <= s->nfields; i++)
            s->foff[i] -= 3;
    }
    s->ncols = (int)s->nfields;
    for (int c = 0; c < s->ncols; c++) {
        const char *name = s->rec + s->foff[c];
        int found = -1;
        for (size_t k = 0; k < sizeof columns / sizeof columns[0]; k++)
            if (strcmp(columns[k].name, name) == 0)
                found = (int)columns[k].id;
        if (found < 0)
            return src_error(s, GIST_ESCHEMA, s->rec_line, s->fcol[c], name,
                             "unknown column \"%s\" (known: patient, event, date, end, agent, dose_mg, schedule, "
                             "reason, response, method, criteria, extent, value)",
                             name);
        if (s->col_of[found] >= 0)
            return src_error(s, GIST_ESCHEMA, s->rec_line, s->fcol[c], name, "column for %s given twice",
                             field_names[found]);
        s->col_of[found] = c;
    }
    if (s->col_of[F_PATIENT] < 0)
        return src_error(s, GIST_ESCHEMA, s->rec_line, 1, NULL, "the header has no patient column");
    if (s->col_of[F_DATE] < 0)
        return src_error(s, GIST_ESCHEMA, s->rec_line, 1, NULL, "the header has no date (or start) column");
    return GIST_OK;
}

/* ---- values ---- */

static int lower_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != *b)
            return 0;
    return *a == *b;
}

/* Index of a machine name, or of an mCODE/SNOMED synonym; -1 when unknown; 0 for "" (not given). */
static int lookup(const char *text, const char *const *names, int count, const char *const (*codes)[2])
{
    if (text[0] == '\0')
        return 0;
    for (int i = 1; i < count; i++)
        if (names[i] && lower_eq(text, names[i]))
            return i;
    for (int k = 0; codes && codes[k][0]; k++)
        if (lower_eq(text, codes[k][0]))
            for (int i = 1; i < count; i++)
                if (strcmp(names[i], codes[k][1]) == 0)
                    return i;
    return -1;
}

static const char *const response_codes[][2] = {
    {"268910001", "responding"}, {"359746009", "stable"}, {"271299001", "progression"},
    {"improved", "responding"},  {"worsened", "progression"}, {NULL, NULL}};
static const char *const reason_codes[][2] = {
    {"266721009", "progression"}, {"407563006", "intolerance"}, {NULL, NULL}};
static const char *const setting_codes[][2] = {
    {"373808002", "adjuvant"}, {"363676003", "advanced"}, {"curative", "adjuvant"}, {"palliative", "advanced"},
    {NULL, NULL}};

static gist_status bad_value(struct source *s, enum field_id f, const char *const *names, int count)
{
    char list[400];
    size_t n = 0;
    list[0] = '\0';
    for (int i = 1; i < count && n < sizeof list; i++) {
        int w = snprintf(list + n, sizeof list - n, "%s%s", i > 1 ? ", " : "", names[i]);
        if (w < 0)
            break;
        n += (size_t)w;
    }
    return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, f), field_names[f],
                     "unknown %s \"%s\" (expected one of: %s)", field_names[f], field(s, f), list);
}

static gist_status get_enum(struct source *s, enum field_id f, const char *const *names, int count,
                            const char *const (*codes)[2], uint8_t *out)
{
    int v = lookup(field(s, f), names, count, codes);
    if (v < 0)
        return bad_value(s, f, names, count);
    *out = (uint8_t)v;
    return GIST_OK;
}

static gist_status get_date(struct source *s, enum field_id f, int required, int32_t *out)
{
    const char *t = field(s, f);
    if (t[0] == '\0') {
        if (required)
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, f), field_names[f], "%s is missing",
                             field_names[f]);
        *out = GIST_DATE_NONE;
        return GIST_OK;
    }
    int r = gist__date_scan(t, strlen(t), out);
    if (r == 1)
        return src_error(s, GIST_EPARSE, s->rec_line, field_col(s, f), field_names[f],
                         "\"%s\" is not a date in the form YYYY-MM-DD", t);
    if (r == 2)
        return src_error(s, GIST_ERANGE, s->rec_line, field_col(s, f), field_names[f],
                         "\"%s\" is not a date from 1900-01-01 to 2200-12-31", t);
    return GIST_OK;
}

/* Fields that do not belong to this kind of event must be empty. */
static gist_status only(struct source *s, const char *kind, const enum field_id *allowed, size_t n)
{
    for (int f = F_END; f < F_COUNT; f++) {
        int ok = 0;
        for (size_t k = 0; k < n; k++)
            ok |= allowed[k] == (enum field_id)f;
        if (!ok && field(s, (enum field_id)f)[0] != '\0')
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, (enum field_id)f), field_names[f],
                             "%s does not apply to %s events (leave it empty)", field_names[f], kind);
    }
    return GIST_OK;
}

/* Turn the current record into an event of t. */
static gist_status push_record(struct source *s, gist_timeline *t)
{
    if ((int)s->nfields != s->ncols)
        return src_error(s, GIST_ESCHEMA, s->rec_line, 0, NULL, "row has %zu field%s; the header has %d",
                         s->nfields, s->nfields == 1 ? "" : "s", s->ncols);
    uint8_t kind = GIST_EVENT_EXPOSURE;
    const char *ev = field(s, F_EVENT);
    if (ev[0] != '\0') {
        int k = -1;
        for (int i = 0; i < GIST_EVENT_KIND_COUNT; i++)
            if (lower_eq(ev, gist__event_kind_names[i]))
                k = i;
        if (k < 0)
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_EVENT), "event",
                             "unknown event \"%s\" (expected one of: exposure, assessment, genotype, referral, "
                             "setting)",
                             ev);
        kind = (uint8_t)k;
    }
    int32_t date = 0, end = GIST_DATE_NONE;
    gist_status st = get_date(s, F_DATE, 1, &date);
    if (st != GIST_OK)
        return st;
    uint32_t row = (uint32_t)s->rec_line;
    uint8_t value = 0, method = 0, criteria = 0, extent = 0, schedule = 0, reason = 0;
    switch (kind) {
    case GIST_EVENT_EXPOSURE: {
        static const enum field_id allowed[] = {F_END, F_AGENT, F_DOSE, F_SCHEDULE, F_REASON};
        if ((st = only(s, "exposure", allowed, 5)) != GIST_OK || (st = get_date(s, F_END, 0, &end)) != GIST_OK)
            return st;
        const char *name = field(s, F_AGENT);
        if (name[0] == '\0')
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_AGENT), "agent",
                             "an exposure needs an agent");
        const gist_agent *a = NULL;
        if ((st = gist__agent_lookup_at(&a, name, s->name, s->rec_line, field_col(s, F_AGENT), "agent")) != GIST_OK)
            return st;
        double dose = 0;
        const char *d = field(s, F_DOSE);
        if (d[0] != '\0') {
            char *endp = NULL;
            errno = 0;
            dose = strtod(d, &endp);
            if (endp == d || *endp != '\0' || errno == ERANGE || !isfinite(dose))
                return src_error(s, GIST_EPARSE, s->rec_line, field_col(s, F_DOSE), "dose_mg",
                                 "\"%s\" is not a number of mg per day", d);
        }
        if ((st = get_enum(s, F_SCHEDULE, gist__schedule_names, GIST_SCHEDULE_COUNT, NULL, &schedule)) != GIST_OK ||
            (st = get_enum(s, F_REASON, gist__stop_names, GIST_STOP_COUNT, reason_codes, &reason)) != GIST_OK)
            return st;
        /* an end before the start or an implausible dose is kept and reported as a finding with its row */
        return gist__timeline_push(t, kind, date, end, (int16_t)gist_agent_index(a), dose, schedule, reason, 0, 0, 0,
                                   0, row);
    }
    case GIST_EVENT_ASSESSMENT: {
        static const enum field_id allowed[] = {F_RESPONSE, F_METHOD, F_CRITERIA, F_EXTENT};
        if ((st = only(s, "assessment", allowed, 4)) != GIST_OK)
            return st;
        if (field(s, F_RESPONSE)[0] == '\0')
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_RESPONSE), "response",
                             "an assessment needs a response");
        /* SNOMED 709137006 (undetermined) is kept as an assessment without a response: reported, not used */
        if (strcmp(field(s, F_RESPONSE), "709137006") != 0 && lower_eq(field(s, F_RESPONSE), "undetermined") == 0 &&
            (st = get_enum(s, F_RESPONSE, gist__response_names, GIST_RESPONSE_COUNT, response_codes, &value)) !=
                GIST_OK)
            return st;
        if ((st = get_enum(s, F_METHOD, gist__method_names, GIST_METHOD_COUNT, NULL, &method)) != GIST_OK ||
            (st = get_enum(s, F_CRITERIA, gist__criteria_names, GIST_CRITERIA_COUNT, NULL, &criteria)) != GIST_OK ||
            (st = get_enum(s, F_EXTENT, gist__extent_names, GIST_EXTENT_COUNT, NULL, &extent)) != GIST_OK)
            return st;
        break;
    }
    case GIST_EVENT_GENOTYPE: {
        static const enum field_id allowed[] = {F_VALUE};
        if ((st = only(s, "genotype", allowed, 1)) != GIST_OK ||
            (st = get_enum(s, F_VALUE, gist__genotype_names, GIST_GENOTYPE_COUNT, NULL, &value)) != GIST_OK)
            return st;
        if (value == 0)
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_VALUE), "value",
                             "a genotype event needs its value");
        break;
    }
    case GIST_EVENT_SETTING: {
        static const enum field_id allowed[] = {F_VALUE};
        if ((st = only(s, "setting", allowed, 1)) != GIST_OK ||
            (st = get_enum(s, F_VALUE, gist__setting_names, GIST_SETTING_COUNT, setting_codes, &value)) != GIST_OK)
            return st;
        if (value == 0)
            return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_VALUE), "value",
                             "a setting event needs its value (advanced or adjuvant)");
        break;
    }
    default:
        if ((st = only(s, "referral", NULL, 0)) != GIST_OK)
            return st;
        break;
    }
    return gist__timeline_push(t, kind, date, GIST_DATE_NONE, -1, 0, 0, 0, value, method, criteria, extent, row);
}

/* ---- patients ---- */

static int all_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Order of patient ids: numerically when both are whole numbers, else byte-wise. */
static int id_cmp(const char *a, const char *b)
{
    if (all_digits(a) && all_digits(b)) {
        while (*a == '0' && a[1])
            a++;
        while (*b == '0' && b[1])
            b++;
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb)
            return la < lb ? -1 : 1;
    }
    int c = strcmp(a, b);
    return (c > 0) - (c < 0);
}

static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h ? h : 1;
}

/* Remember a finished patient; 1 if it had been seen before. */
static int seen_before(gist_event_reader *r, const char *id, int *oom)
{
    uint64_t h = id_hash(id);
    if (r->nseen * 2 >= r->capseen) {
        size_t cap = r->capseen ? r->capseen * 2 : 1024;
        uint64_t *tab = gist__calloc(cap, sizeof *tab);
        if (tab == NULL) {
            *oom = 1;
            return 0;
        }
        for (size_t i = 0; i < r->capseen; i++) {
            if (r->seen[i] == 0)
                continue;
            size_t j = (size_t)(r->seen[i] & (cap - 1));
            while (tab[j])
                j = (j + 1) & (cap - 1);
            tab[j] = r->seen[i];
        }
        gist__free(r->seen);
        r->seen = tab;
        r->capseen = cap;
    }
    size_t j = (size_t)(h & (r->capseen - 1));
    while (r->seen[j]) {
        if (r->seen[j] == h)
            return 1;
        j = (j + 1) & (r->capseen - 1);
    }
    r->seen[j] = h;
    r->nseen++;
    return 0;
}

/* Make sure the source has a pending record (or is at its end). */
static gist_status fill(struct source *s)
{
    if (s->has_record || s->at_end)
        return GIST_OK;
    gist_status st = GIST_OK;
    int r = read_record(s, &st);
    if (r < 0)
        return st;
    if (r == 0) {
        s->at_end = 1;
        return GIST_OK;
    }
    const char *id = field(s, F_PATIENT);
    if ((int)s->nfields != s->ncols)
        return src_error(s, GIST_ESCHEMA, s->rec_line, 0, NULL, "row has %zu field%s; the header has %d",
                         s->nfields, s->nfields == 1 ? "" : "s", s->ncols);
    if (id[0] == '\0')
        return src_error(s, GIST_ESCHEMA, s->rec_line, field_col(s, F_PATIENT), "patient", "patient is missing");
    if (strlen(id) > GIST_MAX_NAME_BYTES)
        return src_error(s, GIST_ELIMIT, s->rec_line, field_col(s, F_PATIENT), "patient",
                         "patient id longer than %u bytes", GIST_MAX_NAME_BYTES);
    s->has_record = 1;
    return GIST_OK;
}

gist_status gist_event_reader_next(gist_event_reader *r, gist_timeline *t, int *done)
{
    GIST_CHECK_NULL(r, "reader");
    GIST_CHECK_NULL(t, "timeline");
    GIST_CHECK_NULL(done, "done");
    *done = 0;
    gist_timeline_clear(t);
    gist_status st = GIST_OK;
    if (!r->started) {
        r->started = 1;
        for (int i = 0; i < r->nsrc && st == GIST_OK; i++)
            st = read_header(r->src[i]);
        if (st != GIST_OK)
            return st;
    }
    /* the smallest patient id among the sources' next rows, and the first source that has it */
    struct source *first = NULL;
    for (int i = 0; i < r->nsrc; i++) {
        if ((st = fill(r->src[i])) != GIST_OK)
            return st;
        struct source *s = r->src[i];
        if (s->has_record && (first == NULL || id_cmp(field(s, F_PATIENT), field(first, F_PATIENT)) < 0))
            first = s;
    }
    if (first == NULL) {
        *done = 1;
        return GIST_OK;
    }
    char current[GIST_MAX_NAME_BYTES + 1];
    snprintf(current, sizeof current, "%s", field(first, F_PATIENT));
    unsigned long group_line = first->rec_line;
    if ((st = gist_timeline_set_id(t, current)) != GIST_OK)
        return st;
    for (int i = 0; i < r->nsrc; i++) {
        struct source *s = r->src[i];
        while (s->has_record && strcmp(field(s, F_PATIENT), current) == 0) {
            if ((st = push_record(s, t)) != GIST_OK)
                return st;
            s->has_record = 0;
            if ((st = fill(s)) != GIST_OK)
                return st;
        }
        /* the next patient of this source must come later */
        if (s->has_record) {
            const char *next = field(s, F_PATIENT);
            if (r->nsrc > 1 && id_cmp(next, current) < 0)
                return src_error(s, GIST_EORDER, s->rec_line, field_col(s, F_PATIENT), "patient",
                                 "patient \"%s\" comes after \"%s\": with several files each must be sorted by "
                                 "patient",
                                 next, current);
        }
    }
    int oom = 0;
    if (seen_before(r, current, &oom))
        return src_error(first, GIST_EORDER, group_line, 0, "patient",
                         "rows of patient \"%s\" are not together: group the input by patient", current);
    if (oom)
        return gist__error(GIST_ENOMEM, "out of memory reading events");
    return GIST_OK;
}
