/*
 * Cohorts: the lines engine over caller-owned columns, patients split
 * across worker threads, results merged in input order.
 *
 * The run produces numeric columns only; the text columns of the CSV form
 * (dose steps, finding messages) are rendered the first time they are asked
 * for, so that deriving lines costs what the lines cost.
 * SPDX-License-Identifier: Apache-2.0
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lines/lot.h"
#include "model/agent.h"
#include "model/pathway.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#define MAX_THREADS 256

struct gist_cohort {
    gist_lines_options options;
    gist_pathway *pathway;
    /* lines */
    size_t nlines;
    int64_t *l_patient;
    uint8_t *l_setting;
    int32_t *l_number, *l_start, *l_end;
    uint8_t *l_end_reason, *l_rechallenge;
    uint32_t *l_regimen, *l_nsteps, *l_nfind;
    int64_t *l_first_step;
    /* steps */
    size_t nsteps;
    int64_t *s_line;
    int32_t *s_date;
    int16_t *s_agent;
    double *s_dose;
    uint8_t *s_reason;
    /* findings: columns, and the records the messages are written from */
    size_t nfinds;
    struct gist_lot_finding *finds;
    int64_t *f_patient;
    int32_t *f_date;
    int64_t *f_line;
    uint8_t *f_code, *f_severity;
    uint32_t *f_row;
    int32_t *f_rule;
    /* regimens: distinct agent sequences */
    size_t nregimens;
    char **regimens;
    /* text rendered on first use (a result is read by one thread at a time) */
    struct text_cache *cache;
};

struct text_cache {
    int state; /* 0 not yet, 1 done, -1 out of memory */
    char *text;
    size_t *steps, *rule, *evidence, *message; /* offsets into text */
};

gist_status gist_events_init(gist_events *e, unsigned int version)
{
    GIST_CHECK_NULL(e, "events");
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
    void *arrays[] = {c->l_patient, c->l_setting,  c->l_number,   c->l_start, c->l_end,   c->l_end_reason,
                      c->l_rechallenge, c->l_regimen, c->l_nsteps, c->l_nfind, c->l_first_step, c->s_line,
                      c->s_date,    c->s_agent,    c->s_dose,     c->s_reason, c->finds,  c->f_patient,
                      c->f_date,    c->f_line,     c->f_code,     c->f_severity, c->f_row, c->f_rule};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        gist__free(arrays[i]);
    if (c->cache) {
        gist__free(c->cache->text);
        gist__free(c->cache->steps);
        gist__free(c->cache->rule);
        gist__free(c->cache->evidence);
        gist__free(c->cache->message);
        gist__free(c->cache);
    }
    for (size_t k = 0; k < c->nregimens; k++)
        gist__free(c->regimens[k]);
    gist__free(c->regimens);
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

/* Is event i out of order after event i - 1 (input marked sorted)? */
static int out_of_order(const gist_events *e, size_t i)
{
    int64_t p0 = e->patient[i - 1], p1 = e->patient[i];
    if (p1 != p0)
        return p1 < p0;
    int32_t d0 = e->date[i - 1], d1 = e->date[i];
    return d1 < d0 || (d1 == d0 && e->kind && gist__kind_rank(e->kind[i]) < gist__kind_rank(e->kind[i - 1]));
}

static gist_status order_error(const gist_events *e, size_t i)
{
    return gist__error(GIST_EORDER,
                       "gist_cohort_run: event %zu (row %lu) is out of order: events marked sorted must be sorted by "
                       "patient, date and kind",
                       i, (unsigned long)(e->row ? e->row[i] : i + 1));
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
    size_t disorder; /* sorted input: first event out of order in this range, or SIZE_MAX */
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
        if (j->order == NULL) {
            /* sorted input is checked on the way, while its columns are being read anyway */
            if (pos > 0 && out_of_order(j->e, pos)) {
                j->disorder = pos;
                return NULL;
            }
            /* inside one patient only the date and kind can be out of order; the kind's rank is
               looked at only for events on the same day */
            const int64_t *patient = j->e->patient;
            const int32_t *date = j->e->date;
            while (stop < j->end && patient[stop] == key) {
                if (date[stop] <= date[stop - 1] && out_of_order(j->e, stop)) {
                    j->disorder = stop;
                    return NULL;
                }
                stop++;
            }
        } else {
            while (stop < j->end && patient_at(j, stop) == key)
                stop++;
        }
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

/* A line's agents in start order, packed 6 bits each (registry index + 1), 10 at most. */
static uint64_t regimen_key(const gist_lot *lot, const struct gist_lot_line *l)
{
    uint64_t key = 0;
    int n = 0;
    for (uint32_t k = 0; k < l->nsteps && n < 10; k++) {
        uint64_t a = (uint64_t)lot->steps[l->first_step + k].agent + 1;
        int seen = 0;
        for (int m = 0; m < n; m++)
            seen |= ((key >> (6 * m)) & 63u) == a;
        if (!seen)
            key |= a << (6 * n++);
    }
    return key;
}

static char *regimen_name(uint64_t key)
{
    gist_sb sb;
    gist__sb_init(&sb);
    for (int m = 0; key >> (6 * m) & 63u; m++) {
        if (m)
            gist__sb_putc(&sb, '+');
        gist__sb_puts(&sb, gist__agents[(key >> (6 * m) & 63u) - 1].name);
        if (m == 9)
            break;
    }
    char *s = NULL;
    return gist__sb_finish(&sb, &s) == GIST_OK ? s : NULL;
}

/* Regimen ids in order of first appearance, through a small open-addressing table. */
static gist_status name_regimens(gist_cohort *c, const uint64_t *keys)
{
    size_t cap = 64;
    uint64_t *tab = gist__calloc(cap, sizeof *tab);
    uint32_t *ids = gist__calloc(cap, sizeof *ids);
    uint64_t *order = gist__malloc(cap * sizeof *order);
    gist_status st = tab && ids && order ? GIST_OK : GIST_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < c->nlines && st == GIST_OK; i++) {
        uint64_t k = keys[i];
        size_t h = (size_t)((k * 0x9E3779B97F4A7C15u) >> 40) & (cap - 1);
        while (tab[h] && tab[h] != k)
            h = (h + 1) & (cap - 1);
        if (tab[h] == 0) {
            if ((n + 1) * 2 > cap) { /* grow and place this key again */
                size_t ncap = cap * 2;
                uint64_t *nt = gist__calloc(ncap, sizeof *nt), *no = gist__realloc(order, ncap * sizeof *order);
                uint32_t *ni = gist__calloc(ncap, sizeof *ni);
                if (no)
                    order = no;
                if (!nt || !ni || !no) {
                    gist__free(nt);
                    gist__free(ni);
                    st = GIST_ENOMEM;
                    break;
                }
                for (size_t m = 0; m < cap; m++) {
                    if (!tab[m])
                        continue;
                    size_t g = (size_t)((tab[m] * 0x9E3779B97F4A7C15u) >> 40) & (ncap - 1);
                    while (nt[g])
                        g = (g + 1) & (ncap - 1);
                    nt[g] = tab[m];
                    ni[g] = ids[m];
                }
                gist__free(tab);
                gist__free(ids);
                tab = nt;
                ids = ni;
                cap = ncap;
                i--;
                continue;
            }
            tab[h] = k;
            ids[h] = (uint32_t)n;
            order[n++] = k;
        }
        c->l_regimen[i] = ids[h];
    }
    if (st == GIST_OK && (c->regimens = gist__calloc(n ? n : 1, sizeof *c->regimens)) == NULL)
        st = GIST_ENOMEM;
    for (size_t k = 0; st == GIST_OK && k < n; k++) {
        if ((c->regimens[k] = regimen_name(order[k])) == NULL)
            st = GIST_ENOMEM;
        c->nregimens = k + 1;
    }
    gist__free(tab);
    gist__free(ids);
    gist__free(order);
    return st == GIST_OK ? GIST_OK : gist__error(GIST_ENOMEM, "gist_cohort_run: out of memory for the results");
}

static int32_t rule_index(const gist_pathway *pw, const struct gist_rule *r)
{
    return pw && r ? (int32_t)(r - pw->rules) : -1;
}

static gist_status merge(gist_cohort *c, struct job *jobs, unsigned njobs, const gist_pathway *pw)
{
    size_t nl = 0, ns = 0, nf = 0;
    for (unsigned t = 0; t < njobs; t++) {
        nl += jobs[t].lot.nlines;
        ns += jobs[t].lot.nsteps;
        nf += jobs[t].lot.nfinds;
    }
    c->nlines = nl;
    c->nsteps = ns;
    c->nfinds = nf;
    uint64_t *keys = NULL;
    if (ALLOC(c->l_patient, nl) || ALLOC(c->l_setting, nl) || ALLOC(c->l_number, nl) || ALLOC(c->l_start, nl) ||
        ALLOC(c->l_end, nl) || ALLOC(c->l_end_reason, nl) || ALLOC(c->l_rechallenge, nl) ||
        ALLOC(c->l_regimen, nl) || ALLOC(c->l_nsteps, nl) || ALLOC(c->l_nfind, nl) || ALLOC(c->l_first_step, nl) ||
        ALLOC(keys, nl) || ALLOC(c->s_line, ns) || ALLOC(c->s_date, ns) || ALLOC(c->s_agent, ns) ||
        ALLOC(c->s_dose, ns) || ALLOC(c->s_reason, ns) || ALLOC(c->finds, nf) || ALLOC(c->f_patient, nf) ||
        ALLOC(c->f_date, nf) || ALLOC(c->f_line, nf) || ALLOC(c->f_code, nf) || ALLOC(c->f_severity, nf) ||
        ALLOC(c->f_row, nf) || ALLOC(c->f_rule, nf)) {
        gist__free(keys);
        return gist__error(GIST_ENOMEM, "gist_cohort_run: out of memory for the results");
    }
    size_t lo = 0, so = 0, fo = 0;
    for (unsigned t = 0; t < njobs; t++) {
        const gist_lot *lot = &jobs[t].lot;
        for (size_t i = 0; i < lot->nlines; i++) {
            const struct gist_lot_line *l = &lot->lines[i];
            size_t d = lo + i;
            c->l_patient[d] = l->patient;
            c->l_setting[d] = l->setting;
            c->l_number[d] = l->number;
            c->l_start[d] = l->start;
            c->l_end[d] = l->end;
            c->l_end_reason[d] = l->end_reason;
            c->l_rechallenge[d] = l->rechallenge;
            c->l_nsteps[d] = l->nsteps;
            c->l_first_step[d] = (int64_t)(so + l->first_step);
            c->l_nfind[d] = 0;
            keys[d] = regimen_key(lot, l);
        }
        for (size_t i = 0; i < lot->nsteps; i++) {
            const struct gist_lot_step *s = &lot->steps[i];
            c->s_line[so + i] = (int64_t)(lo + s->line);
            c->s_date[so + i] = s->date;
            c->s_agent[so + i] = s->agent;
            c->s_dose[so + i] = s->dose;
            c->s_reason[so + i] = s->reason;
        }
        for (size_t i = 0; i < lot->nfinds; i++) {
            const struct gist_lot_finding *f = &lot->finds[i];
            size_t d = fo + i;
            c->finds[d] = *f;
            c->f_patient[d] = f->patient;
            c->f_date[d] = f->date;
            c->f_line[d] = f->line < lot->nlines ? (int64_t)(lo + f->line) : -1;
            c->f_code[d] = f->code;
            c->f_severity[d] = f->severity;
            c->f_row[d] = f->row;
            c->f_rule[d] = rule_index(pw, f->rule);
            if (f->line < lot->nlines)
                c->l_nfind[lo + f->line]++;
        }
        lo += lot->nlines;
        so += lot->nsteps;
        fo += lot->nfinds;
    }
    gist_status st = name_regimens(c, keys);
    gist__free(keys);
    return st;
}

gist_status gist_cohort_run(gist_cohort **out, const gist_events *e, const gist_pathway *pw,
                            const gist_lines_options *options, unsigned int threads)
{
    const char *const fn = __func__;
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(e, "events");
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
    if (!e->sorted && (st = make_order(e, &order)) != GIST_OK)
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
    if (c != NULL)
        c->cache = gist__calloc(1, sizeof *c->cache);
    if (jobs == NULL || c == NULL || c->cache == NULL) {
        gist__free(jobs);
        gist_cohort_free(c);
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
        j->disorder = SIZE_MAX;
        gist__lot_init(&j->lot);
        j->begin = pos;
        size_t target = t + 1 == n ? e->count : e->count / n * (t + 1);
        if (target < pos)
            target = pos;
        while (target > pos && target < e->count && patient_at(j, target) == patient_at(j, target - 1))
            target++;
        j->end = target;
        pos = target;
        /* Reserved here, on the calling thread, so that the buffers come from one allocator arena
         * (a thread's own arena cannot hold buffers this large and would map fresh pages). */
        size_t m = j->end - j->begin;
        gist__lot_reserve(&j->lot, m / 8 + 16, m / 6 + 16, m / 16 + 16);
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
    size_t disorder = SIZE_MAX;
    for (unsigned t = 0; t < n; t++)
        if (jobs[t].disorder < disorder)
            disorder = jobs[t].disorder;
    if (disorder != SIZE_MAX)
        st = order_error(e, disorder);
    for (unsigned t = 0; t < n && st == GIST_OK; t++)
        if (jobs[t].st != GIST_OK)
            st = gist__error(GIST_ENOMEM, "%s: out of memory (or no thread could be started)", fn);
    if (st == GIST_OK)
        st = merge(c, jobs, n, pw);
    for (unsigned t = 0; t < n; t++)
        gist__lot_free(&jobs[t].lot);
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
size_t gist_cohort_regimen_count(const gist_cohort *c) { return c ? c->nregimens : 0; }

const char *gist_cohort_regimen(const gist_cohort *c, size_t k)
{
    return c && k < c->nregimens ? c->regimens[k] : NULL;
}

#define CHECK_TABLE()                                                                                  \
    GIST_CHECK_NULL(c, "cohort");                                                                    \
    GIST_CHECK_NULL(t, "table");                                                                     \
    if (t->version != GIST_COHORT_TABLE_VERSION)                                                         \
        return gist__error(GIST_EVERSION, "%s: table version %u is not %u", __func__, t->version,            \
                           (unsigned)GIST_COHORT_TABLE_VERSION)

gist_status gist_cohort_lines(const gist_cohort *c, gist_lines_table *t)
{
    CHECK_TABLE();
    t->count = c->nlines;
    t->patient = c->l_patient;
    t->setting = c->l_setting;
    t->number = c->l_number;
    t->start = c->l_start;
    t->end = c->l_end;
    t->end_reason = c->l_end_reason;
    t->rechallenge = c->l_rechallenge;
    t->regimen = c->l_regimen;
    t->dose_steps = c->l_nsteps;
    t->first_step = c->l_first_step;
    t->findings = c->l_nfind;
    return GIST_OK;
}

gist_status gist_cohort_steps(const gist_cohort *c, gist_steps_table *t)
{
    CHECK_TABLE();
    t->count = c->nsteps;
    t->line = c->s_line;
    t->date = c->s_date;
    t->agent = c->s_agent;
    t->dose_mg = c->s_dose;
    t->reason = c->s_reason;
    return GIST_OK;
}

gist_status gist_cohort_findings(const gist_cohort *c, gist_findings_table *t)
{
    CHECK_TABLE();
    t->count = c->nfinds;
    t->patient = c->f_patient;
    t->date = c->f_date;
    t->line = c->f_line;
    t->code = c->f_code;
    t->severity = c->f_severity;
    t->row = c->f_row;
    t->rule = c->f_rule;
    return GIST_OK;
}

const char *gist_cohort_line_agents(const gist_cohort *c, size_t i)
{
    return c && i < c->nlines ? c->regimens[c->l_regimen[i]] : NULL;
}

/* Render the text columns once (a result is used by one thread at a time). */
static int rendered(const gist_cohort *c)
{
    struct text_cache *t = c->cache;
    if (t->state != 0)
        return t->state > 0;
    size_t nl = c->nlines ? c->nlines : 1, nf = c->nfinds ? c->nfinds : 1;
    gist_sb sb;
    gist__sb_init(&sb);
    t->steps = gist__malloc(nl * sizeof *t->steps);
    t->rule = gist__malloc(nf * sizeof *t->rule);
    t->evidence = gist__malloc(nf * sizeof *t->evidence);
    t->message = gist__malloc(nf * sizeof *t->message);
    if (t->steps && t->rule && t->evidence && t->message) {
        for (size_t i = 0; i < c->nlines; i++) {
            t->steps[i] = sb.len;
            for (uint32_t k = 0; k < c->l_nsteps[i]; k++) {
                size_t s = (size_t)c->l_first_step[i] + k;
                gist__step_text(&sb, k == 0, c->s_date[s], c->s_agent[s], c->s_dose[s], c->s_reason[s]);
            }
            gist__sb_putc(&sb, '\0');
        }
        for (size_t i = 0; i < c->nfinds; i++) {
            const struct gist_lot_finding *f = &c->finds[i];
            t->rule[i] = sb.len;
            gist__sb_puts(&sb, f->rule ? f->rule->id : "");
            gist__sb_putc(&sb, '\0');
            t->evidence[i] = sb.len;
            gist__lot_evidence_text(&sb, f);
            gist__sb_putc(&sb, '\0');
            t->message[i] = sb.len;
            gist__finding_message(&sb, f);
            gist__sb_putc(&sb, '\0');
        }
        if (gist__sb_finish(&sb, &t->text) == GIST_OK) {
            t->state = 1;
            return 1;
        }
    }
    gist__sb_free(&sb);
    t->state = -1;
    gist__error(GIST_ENOMEM, "out of memory rendering the text of a cohort result");
    return 0;
}

const char *gist_cohort_line_steps(const gist_cohort *c, size_t i)
{
    return c && i < c->nlines && rendered(c) ? c->cache->text + c->cache->steps[i] : NULL;
}

const char *gist_cohort_finding_rule(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds && rendered(c) ? c->cache->text + c->cache->rule[i] : NULL;
}

const char *gist_cohort_finding_evidence(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds && rendered(c) ? c->cache->text + c->cache->evidence[i] : NULL;
}

const char *gist_cohort_finding_message(const gist_cohort *c, size_t i)
{
    return c && i < c->nfinds && rendered(c) ? c->cache->text + c->cache->message[i] : NULL;
}
