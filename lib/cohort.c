/*
 * Cohorts: the lines engine over caller-owned columns, patients split
 * across worker threads, results merged in input order.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timeline_internal.h"

#define MAX_THREADS 256

struct gist_cohort {
    gist_lines_options options;
    gist_pathway *pathway;
    size_t nlines;
    int64_t *l_patient;
    uint8_t *l_setting;
    int32_t *l_number, *l_start, *l_end;
    uint8_t *l_end_reason, *l_rechallenge;
    uint32_t *l_nsteps, *l_nfind;
    size_t nfinds;
    int64_t *f_patient;
    int32_t *f_date;
    int64_t *f_line;
    uint8_t *f_code, *f_severity;
    uint32_t *f_row;
    /* text columns: offsets into one buffer of NUL-terminated strings */
    char *text;
    size_t *l_agents, *l_steps, *f_rule, *f_evidence, *f_message;
};

gist_status gist_events_init(gist_events *e, unsigned int version)
{
    GIST_CHECK_NULL(e, "gist_events_init", "events");
    if (version != GIST_EVENTS_VERSION)
        return gist__error(GIST_EVERSION, "gist_events_init: version %u is not %u", version,
                           (unsigned)GIST_EVENTS_VERSION);
    memset(e, 0, sizeof *e);
    e->version = version;
    return GIST_OK;
}

void gist_cohort_free(gist_cohort *c)
{
    if (c == NULL)
        return;
    void *arrays[] = {c->l_patient, c->l_setting, c->l_number, c->l_start,    c->l_end,    c->l_end_reason,
                      c->l_rechallenge, c->l_nsteps, c->l_nfind, c->f_patient, c->f_date, c->f_line,
                      c->f_code,    c->f_severity, c->f_row,  c->text,     c->l_agents, c->l_steps,
                      c->f_rule,    c->f_evidence, c->f_message};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        gist__free(arrays[i]);
    gist_pathway_free(c->pathway);
    gist__free(c);
}

/* ---- order ---- */

struct okey {
    int64_t patient;
    int32_t date;
    int32_t rank;
    uint32_t i;
};

static int cmp_okey(const void *a, const void *b)
{
    const struct okey *x = a, *y = b;
    if (x->patient != y->patient)
        return x->patient < y->patient ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static gist_status check_sorted(const gist_events *e)
{
    for (size_t i = 1; i < e->count; i++) {
        int64_t p0 = e->patient[i - 1], p1 = e->patient[i];
        if (p1 > p0)
            continue;
        int bad = p1 < p0;
        if (!bad) {
            int32_t d0 = e->date[i - 1], d1 = e->date[i];
            bad = d1 < d0 || (d1 == d0 && e->kind &&
                              gist__kind_rank(e->kind[i]) < gist__kind_rank(e->kind[i - 1]));
        }
        if (bad)
            return gist__error(GIST_EORDER,
                               "gist_cohort_run: event %zu (row %lu) is out of order: events marked sorted must be "
                               "sorted by patient, date and kind",
                               i, (unsigned long)(e->row ? e->row[i] : i + 1));
    }
    return GIST_OK;
}

static gist_status make_order(const gist_events *e, uint32_t **out)
{
    struct okey *keys = gist__malloc((e->count ? e->count : 1) * sizeof *keys);
    uint32_t *idx = gist__malloc((e->count ? e->count : 1) * sizeof *idx);
    if (keys == NULL || idx == NULL) {
        gist__free(keys);
        gist__free(idx);
        return gist__error(GIST_ENOMEM, "gist_cohort_run: out of memory sorting the events");
    }
    for (size_t i = 0; i < e->count; i++) {
        keys[i].patient = e->patient[i];
        keys[i].date = e->date[i];
        keys[i].rank = e->kind ? gist__kind_rank(e->kind[i]) : 4;
        keys[i].i = (uint32_t)i;
    }
    qsort(keys, e->count, sizeof *keys, cmp_okey);
    for (size_t i = 0; i < e->count; i++)
        idx[i] = keys[i].i;
    gist__free(keys);
    *out = idx;
    return GIST_OK;
}

/* ---- workers ---- */

struct job {
    const gist_events *e;
    const gist_evcols *cols;
    const uint32_t *order; /* NULL when sorted */
    size_t begin, end;     /* positions in the order, at patient boundaries */
    const gist_lines_options *o;
    const gist_pathway *pw;
    gist_lot lot;
    gist_status st;
};

static int64_t patient_at(const struct job *j, size_t pos)
{
    return j->e->patient[j->order ? j->order[pos] : pos];
}

static void *work(void *arg)
{
    struct job *j = arg;
    size_t pos = j->begin;
    while (pos < j->end && j->st == GIST_OK) {
        int64_t key = patient_at(j, pos);
        size_t stop = pos + 1;
        while (stop < j->end && patient_at(j, stop) == key)
            stop++;
        gist_evrange ev = {j->cols, j->order ? j->order + pos : NULL, pos, stop - pos};
        j->st = gist__lot_patient(&j->lot, &ev, key, j->o, j->pw);
        pos = stop;
    }
    return NULL;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* ---- merging ---- */

#define ALLOC(ptr, n) ((ptr) = gist__malloc(((n) ? (n) : 1) * sizeof *(ptr))) == NULL

static gist_status build_text(gist_cohort *c, struct job *jobs, unsigned njobs)
{
    gist_sb sb;
    gist_sb_init(&sb);
    size_t li = 0, fi = 0;
    for (unsigned t = 0; t < njobs; t++) {
        const gist_lot *lot = &jobs[t].lot;
        for (size_t i = 0; i < lot->nlines; i++, li++) {
            c->l_agents[li] = sb.len;
            gist__lot_agents_text(&sb, lot, i);
            gist_sb_putc(&sb, '\0');
            c->l_steps[li] = sb.len;
            gist__lot_steps_text(&sb, lot, i);
            gist_sb_putc(&sb, '\0');
        }
        for (size_t i = 0; i < lot->nfinds; i++, fi++) {
            const struct gist_lot_finding *f = &lot->finds[i];
            c->f_rule[fi] = sb.len;
            gist_sb_puts(&sb, f->rule ? f->rule->id : "");
            gist_sb_putc(&sb, '\0');
            c->f_evidence[fi] = sb.len;
            gist__lot_evidence_text(&sb, f);
            gist_sb_putc(&sb, '\0');
            c->f_message[fi] = sb.len;
            gist__finding_message(&sb, f);
            gist_sb_putc(&sb, '\0');
        }
    }
    return gist_sb_finish(&sb, &c->text);
}

static gist_status merge(gist_cohort *c, struct job *jobs, unsigned njobs)
{
    size_t nl = 0, nf = 0;
    for (unsigned t = 0; t < njobs; t++) {
        nl += jobs[t].lot.nlines;
        nf += jobs[t].lot.nfinds;
    }
    c->nlines = nl;
    c->nfinds = nf;
    if (ALLOC(c->l_patient, nl) || ALLOC(c->l_setting, nl) || ALLOC(c->l_number, nl) || ALLOC(c->l_start, nl) ||
        ALLOC(c->l_end, nl) || ALLOC(c->l_end_reason, nl) || ALLOC(c->l_rechallenge, nl) || ALLOC(c->l_nsteps, nl) ||
        ALLOC(c->l_nfind, nl) || ALLOC(c->l_agents, nl) || ALLOC(c->l_steps, nl) || ALLOC(c->f_patient, nf) ||
        ALLOC(c->f_date, nf) || ALLOC(c->f_line, nf) || ALLOC(c->f_code, nf) || ALLOC(c->f_severity, nf) ||
        ALLOC(c->f_row, nf) || ALLOC(c->f_rule, nf) || ALLOC(c->f_evidence, nf) || ALLOC(c->f_message, nf))
        return gist__error(GIST_ENOMEM, "gist_cohort_run: out of memory for the results");
    size_t lo = 0, fo = 0;
    for (unsigned t = 0; t < njobs; t++) {
        const gist_lot *lot = &jobs[t].lot;
        for (size_t i = 0; i < lot->nlines; i++) {
            const struct gist_lot_line *l = &lot->lines[i];
            c->l_patient[lo + i] = l->patient;
            c->l_setting[lo + i] = l->setting;
            c->l_number[lo + i] = l->number;
            c->l_start[lo + i] = l->start;
            c->l_end[lo + i] = l->end;
            c->l_end_reason[lo + i] = l->end_reason;
            c->l_rechallenge[lo + i] = l->rechallenge;
            c->l_nsteps[lo + i] = l->nsteps;
            c->l_nfind[lo + i] = 0;
        }
        for (size_t i = 0; i < lot->nfinds; i++) {
            const struct gist_lot_finding *f = &lot->finds[i];
            c->f_patient[fo + i] = f->patient;
            c->f_date[fo + i] = f->date;
            c->f_line[fo + i] = f->line < lot->nlines ? (int64_t)(lo + f->line) : -1;
            c->f_code[fo + i] = f->code;
            c->f_severity[fo + i] = f->severity;
            c->f_row[fo + i] = f->row;
            if (f->line < lot->nlines)
                c->l_nfind[lo + f->line]++;
        }
        lo += lot->nlines;
        fo += lot->nfinds;
    }
    return build_text(c, jobs, njobs);
}

gist_status gist_cohort_run(gist_cohort **out, const gist_events *e, const gist_pathway *pw,
                            const gist_lines_options *options, unsigned int threads)
{
    static const char fn[] = "gist_cohort_run";
    GIST_CHECK_NULL(out, fn, "out");
    *out = NULL;
    GIST_CHECK_NULL(e, fn, "events");
    if (e->version != GIST_EVENTS_VERSION)
        return gist__error(GIST_EVERSION, "%s: events version %u is not %u (use gist_events_init)", fn, e->version,
                           (unsigned)GIST_EVENTS_VERSION);
    if (e->count > 0 && (e->patient == NULL || e->date == NULL))
        return gist__error(GIST_EINVAL, "%s: the patient and date columns are required", fn);
    if (e->count > UINT32_MAX)
        return gist__error(GIST_ELIMIT, "%s: %zu events; the limit is %u", fn, e->count, UINT32_MAX);
    gist_lines_options o;
    gist_status st = gist__lines_options_resolve(options, &o);
    if (st != GIST_OK)
        return st;
    uint32_t *order = NULL;
    st = e->sorted ? check_sorted(e) : make_order(e, &order);
    if (st != GIST_OK)
        return st;

    gist_evcols cols = {e->kind,   e->date,  e->end,   e->agent,    e->dose_mg, e->schedule,
                        e->reason, e->value, e->method, e->criteria, e->extent, e->row};
    unsigned n = threads ? threads : cores();
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    if ((size_t)n > e->count / 4096 + 1)
        n = (unsigned)(e->count / 4096 + 1); /* small inputs are not worth a thread */
    struct job *jobs = gist__calloc(n, sizeof *jobs);
    gist_cohort *c = gist__calloc(1, sizeof *c);
    if (jobs == NULL || c == NULL) {
        gist__free(jobs);
        gist__free(c);
        gist__free(order);
        return gist__error(GIST_ENOMEM, "%s: out of memory", fn);
    }
    c->options = o;
    /* split the events into n ranges that end at patient boundaries */
    size_t pos = 0;
    for (unsigned t = 0; t < n; t++) {
        struct job *j = &jobs[t];
        j->e = e;
        j->cols = &cols;
        j->order = order;
        j->o = &o;
        j->pw = pw;
        j->st = GIST_OK;
        gist_lot_init(&j->lot);
        j->begin = pos;
        size_t target = t + 1 == n ? e->count : e->count / n * (t + 1);
        if (target < pos)
            target = pos;
        while (target > pos && target < e->count && patient_at(j, target) == patient_at(j, target - 1))
            target++;
        j->end = target;
        pos = target;
    }
    pthread_t tid[MAX_THREADS];
    unsigned started = 0;
    for (unsigned t = 1; t < n; t++) {
        if (pthread_create(&tid[t], NULL, work, &jobs[t]) != 0) {
            jobs[t].st = GIST_ENOMEM;
            break;
        }
        started = t;
    }
    work(&jobs[0]); /* the calling thread takes the first range */
    for (unsigned t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    for (unsigned t = 0; t < n && st == GIST_OK; t++)
        if (jobs[t].st != GIST_OK)
            st = gist__error(GIST_ENOMEM, "%s: out of memory (or no thread could be started)", fn);
    if (st == GIST_OK)
        st = merge(c, jobs, n);
    for (unsigned t = 0; t < n; t++)
        gist_lot_free(&jobs[t].lot);
    gist__free(jobs);
    gist__free(order);
    if (st != GIST_OK) {
        gist_cohort_free(c);
        return st;
    }
    if (pw != NULL)
        c->pathway = gist__pathway_retain(pw);
    *out = c;
    return GIST_OK;
}

/* ---- access ---- */

const gist_lines_options *gist_cohort_options(const gist_cohort *c) { return c ? &c->options : NULL; }

gist_status gist_cohort_lines(const gist_cohort *c, gist_lines_table *t)
{
    GIST_CHECK_NULL(c, "gist_cohort_lines", "cohort");
    GIST_CHECK_NULL(t, "gist_cohort_lines", "table");
    if (t->version != GIST_COHORT_TABLE_VERSION)
        return gist__error(GIST_EVERSION, "gist_cohort_lines: table version %u is not %u", t->version,
                           (unsigned)GIST_COHORT_TABLE_VERSION);
    t->count = c->nlines;
    t->patient = c->l_patient;
    t->setting = c->l_setting;
    t->number = c->l_number;
    t->start = c->l_start;
    t->end = c->l_end;
    t->end_reason = c->l_end_reason;
    t->rechallenge = c->l_rechallenge;
    t->dose_steps = c->l_nsteps;
    t->findings = c->l_nfind;
    return GIST_OK;
}

gist_status gist_cohort_findings(const gist_cohort *c, gist_findings_table *t)
{
    GIST_CHECK_NULL(c, "gist_cohort_findings", "cohort");
    GIST_CHECK_NULL(t, "gist_cohort_findings", "table");
    if (t->version != GIST_COHORT_TABLE_VERSION)
        return gist__error(GIST_EVERSION, "gist_cohort_findings: table version %u is not %u", t->version,
                           (unsigned)GIST_COHORT_TABLE_VERSION);
    t->count = c->nfinds;
    t->patient = c->f_patient;
    t->date = c->f_date;
    t->line = c->f_line;
    t->code = c->f_code;
    t->severity = c->f_severity;
    t->row = c->f_row;
    return GIST_OK;
}

const char *gist_cohort_line_agents(const gist_cohort *c, size_t i)
{
    return c && i < c->nlines ? c->text + c->l_agents[i] : NULL;
}

const char *gist_cohort_line_steps(const gist_cohort *c, size_t i)
{
    return c && i < c->nlines ? c->text + c->l_steps[i] : NULL;
}

const char *gist_cohort_finding_rule(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds ? c->text + c->f_rule[i] : NULL;
}

const char *gist_cohort_finding_evidence(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds ? c->text + c->f_evidence[i] : NULL;
}

const char *gist_cohort_finding_message(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds ? c->text + c->f_message[i] : NULL;
}
