/*
 * Cohorts: the columnar API gives exactly what the timeline API gives
 * patient by patient, on any number of threads, sorted or not.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

#include "synth.h"

#define PATIENTS 3000

static synth_events cohort;
static gist_pathway *pw;

static int setup(void **state)
{
    (void)state;
    synth_rng r;
    synth_seed(&r, 20261128);
    synth_events_init(&cohort);
    for (int64_t p = 1; p <= PATIENTS; p++)
        if (!synth_patient(&r, p, &cohort))
            return -1;
    return gist_pathway_builtin(&pw, "gist-2016") == GIST_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    synth_events_free(&cohort);
    gist_pathway_free(pw);
    return 0;
}

static void columns(gist_events *e, const synth_events *s)
{
    gist_events_init(e, GIST_EVENTS_VERSION);
    e->count = s->n;
    e->patient = s->patient;
    e->date = s->date;
    e->kind = s->kind;
    e->end = s->end;
    e->agent = s->agent;
    e->dose_mg = s->dose;
    e->schedule = s->schedule;
    e->reason = s->reason;
    e->value = s->value;
    e->method = s->method;
    e->criteria = s->criteria;
    e->extent = s->extent;
}

/* The lines and findings of a cohort result in the CSV form of gist lines and gist audit. */
static char *render(const gist_cohort *c)
{
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    size_t cap = 1 << 20, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
#define PUT(...)                                                        \
    do {                                                                \
        char line_[4096];                                               \
        int k_ = snprintf(line_, sizeof line_, __VA_ARGS__);            \
        while (n + (size_t)k_ + 1 > cap)                                \
            out = realloc(out, cap *= 2);                               \
        memcpy(out + n, line_, (size_t)k_ + 1);                         \
        n += (size_t)k_;                                                \
    } while (0)
    for (size_t i = 0; i < lt.count; i++) {
        char s[11], e[11];
        gist_date_format(lt.start[i], s);
        gist_date_format(lt.end[i], e);
        PUT("%lld,%s,%d,%s,%s,%s,%s,%d,%s,%u\n", (long long)lt.patient[i],
            gist_setting_name((gist_setting)lt.setting[i]), lt.number[i], s, e,
            gist_line_end_name((gist_line_end)lt.end_reason[i]), gist_cohort_line_agents(c, i), lt.rechallenge[i],
            gist_cohort_line_steps(c, i), lt.findings[i]);
    }
    PUT("--\n");
    for (size_t i = 0; i < ft.count; i++) {
        char d[11] = "";
        if (ft.date[i] != GIST_DATE_NONE)
            gist_date_format(ft.date[i], d);
        PUT("%lld,%s,%lld,%s,%s,%s,%s,%u,%s\n", (long long)ft.patient[i], d, (long long)ft.line[i],
            gist_finding_code_name((gist_finding_code)ft.code[i]), gist_severity_name((gist_severity)ft.severity[i]),
            gist_cohort_finding_rule(c, i), gist_cohort_finding_evidence(c, i), ft.row[i],
            gist_cohort_finding_message(c, i));
    }
    return out;
#undef PUT
}

/* The same through the timeline API, one patient at a time. */
static char *render_by_timeline(const synth_events *s, const gist_pathway *p)
{
    size_t cap = 1 << 20, n = 0, lines_before = 0;
    char *lines = malloc(cap), *finds = malloc(cap);
    size_t nf = 0, capf = cap;
    assert_non_null(lines);
    assert_non_null(finds);
    lines[0] = finds[0] = '\0';
    gist_timeline *t = NULL;
    assert_int_equal(gist_timeline_new(&t), GIST_OK);
    for (size_t i = 0; i < s->n;) {
        size_t j = i;
        gist_timeline_clear(t);
        char id[32];
        snprintf(id, sizeof id, "%lld", (long long)s->patient[i]);
        gist_timeline_set_id(t, id);
        while (j < s->n && s->patient[j] == s->patient[i]) {
            gist_status st = GIST_OK;
            switch (s->kind[j]) {
            case GIST_EVENT_EXPOSURE:
                st = gist_timeline_add_exposure(t, gist_agent_name(gist_agent_at((size_t)s->agent[j])), s->date[j],
                                                s->end[j], s->dose[j], (gist_schedule)s->schedule[j],
                                                (gist_stop_reason)s->reason[j]);
                break;
            case GIST_EVENT_ASSESSMENT:
                st = gist_timeline_add_assessment(t, s->date[j], (gist_response)s->value[j],
                                                  (gist_method)s->method[j], (gist_criteria)s->criteria[j],
                                                  (gist_extent)s->extent[j]);
                break;
            case GIST_EVENT_GENOTYPE: st = gist_timeline_add_genotype(t, s->date[j], (gist_genotype)s->value[j]); break;
            case GIST_EVENT_REFERRAL: st = gist_timeline_add_referral(t, s->date[j]); break;
            default: st = gist_timeline_add_setting(t, s->date[j], (gist_setting)s->value[j]); break;
            }
            if (st != GIST_OK)
                fail_msg("%s", gist_error_last()->message);
            j++;
        }
        gist_lines *l = NULL;
        assert_int_equal(p ? gist_timeline_audit(&l, t, p, NULL) : gist_timeline_lines(&l, t, NULL), GIST_OK);
        for (size_t k = 0; k < gist_lines_count(l); k++) {
            char a[11], b[11], agents[256] = "", steps[4096] = "";
            gist_date_format(gist_line_start_date(l, k), a);
            gist_date_format(gist_line_end_date(l, k), b);
            for (size_t m = 0; m < gist_line_agent_count(l, k); m++) {
                strcat(agents, m ? "+" : "");
                strcat(agents, gist_agent_name(gist_line_agent(l, k, m)));
            }
            for (size_t m = 0; m < gist_line_step_count(l, k); m++) {
                char d[11], dose[32] = "", piece[128];
                gist_date_format(gist_line_step_date(l, k, m), d);
                if (gist_line_step_dose_mg(l, k, m) > 0)
                    snprintf(dose, sizeof dose, "%g", gist_line_step_dose_mg(l, k, m));
                snprintf(piece, sizeof piece, "%s%s:%s:%s:%s", m ? ";" : "", d,
                         gist_agent_name(gist_line_step_agent(l, k, m)), dose,
                         gist_stop_reason_name(gist_line_step_reason(l, k, m)));
                strcat(steps, piece);
            }
            unsigned nfl = 0;
            for (size_t f = 0; f < gist_lines_finding_count(l); f++)
                nfl += gist_finding_line(l, f) == k;
            char row[8192];
            int w = snprintf(row, sizeof row, "%s,%s,%d,%s,%s,%s,%s,%d,%s,%u\n", gist_timeline_id(t),
                             gist_setting_name(gist_line_setting(l, k)), gist_line_number(l, k), a, b,
                             gist_line_end_name(gist_line_end_reason(l, k)), agents, gist_line_rechallenge(l, k),
                             steps, nfl);
            while (n + (size_t)w + 1 > cap)
                lines = realloc(lines, cap *= 2);
            memcpy(lines + n, row, (size_t)w + 1);
            n += (size_t)w;
        }
        for (size_t f = 0; f < gist_lines_finding_count(l); f++) {
            char d[11] = "", ev[256] = "";
            if (gist_finding_date(l, f) != GIST_DATE_NONE)
                gist_date_format(gist_finding_date(l, f), d);
            for (size_t m = 0; m < gist_finding_evidence_count(l, f); m++) {
                strcat(ev, m ? ";" : "");
                strcat(ev, gist_finding_evidence(l, f, m));
            }
            size_t li = gist_finding_line(l, f);
            char row[8192];
            int w = snprintf(row, sizeof row, "%s,%s,%lld,%s,%s,%s,%s,%lu,%s\n", gist_timeline_id(t), d,
                             li == (size_t)-1 ? -1LL : (long long)(lines_before + li),
                             gist_finding_code_name(gist_finding_code_of(l, f)),
                             gist_severity_name(gist_finding_severity_of(l, f)),
                             gist_finding_rule(l, f) ? gist_rule_id(gist_finding_rule(l, f)) : "", ev,
                             gist_finding_row(l, f), gist_finding_message(l, f));
            while (nf + (size_t)w + 1 > capf)
                finds = realloc(finds, capf *= 2);
            memcpy(finds + nf, row, (size_t)w + 1);
            nf += (size_t)w;
        }
        lines_before += gist_lines_count(l);
        gist_lines_free(l);
        i = j;
    }
    gist_timeline_free(t);
    lines = realloc(lines, n + nf + 8);
    strcpy(lines + n, "--\n");
    strcat(lines + n, finds);
    free(finds);
    return lines;
}

/* Compare long texts; on a difference, keep both in files for diff and fail. */
static void same_text(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) == 0)
        return;
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/%s.got", GIST_TEST_TMPDIR, what);
    snprintf(b, sizeof b, "%s/%s.want", GIST_TEST_TMPDIR, what);
    FILE *f = fopen(a, "w");
    if (f) {
        fputs(got, f);
        fclose(f);
    }
    f = fopen(b, "w");
    if (f) {
        fputs(want, f);
        fclose(f);
    }
    fail_msg("%s differs: compare %s with %s", what, a, b);
}

static char *run(const gist_events *e, const gist_pathway *p, unsigned threads)
{
    gist_cohort *c = NULL;
    if (gist_cohort_run(&c, e, p, NULL, threads) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    char *s = render(c);
    gist_cohort_free(c);
    return s;
}

static void test_cohort_equals_timeline_path(void **state)
{
    (void)state;
    gist_events e;
    columns(&e, &cohort);
    e.sorted = 1;
    /* rows default to index + 1; the timeline path numbers events per patient, so compare without rows */
    uint32_t *rows = malloc(cohort.n * sizeof *rows);
    assert_non_null(rows);
    size_t first = 0;
    for (size_t i = 0; i < cohort.n; i++) {
        if (i > 0 && cohort.patient[i] != cohort.patient[i - 1])
            first = i;
        rows[i] = (uint32_t)(i - first + 1);
    }
    e.row = rows;
    for (int audit = 0; audit <= 1; audit++) {
        char *want = render_by_timeline(&cohort, audit ? pw : NULL);
        char *one = run(&e, audit ? pw : NULL, 1);
        char *four = run(&e, audit ? pw : NULL, 4);
        same_text(one, want, audit ? "cohort-audit-1-thread" : "cohort-lines-1-thread");
        same_text(four, want, audit ? "cohort-audit-4-threads" : "cohort-lines-4-threads");
        assert_true(strlen(want) > 100000); /* a real cohort, with lines and findings */
        free(want);
        free(one);
        free(four);
    }
    free(rows);
}

static void test_unsorted_input_gives_the_same_result(void **state)
{
    (void)state;
    gist_events e;
    columns(&e, &cohort);
    e.sorted = 1;
    char *sorted = run(&e, pw, 2);
    /* the same events, reversed, with their rows */
    synth_events rev;
    synth_events_init(&rev);
    rev.n = rev.cap = cohort.n;
#define REV(col)                                                   \
    do {                                                           \
        rev.col = malloc(cohort.n * sizeof *cohort.col);           \
        for (size_t i = 0; i < cohort.n; i++)                      \
            rev.col[i] = cohort.col[cohort.n - 1 - i];             \
    } while (0)
    REV(patient);
    REV(date);
    REV(kind);
    REV(end);
    REV(agent);
    REV(dose);
    REV(schedule);
    REV(reason);
    REV(value);
    REV(method);
    REV(criteria);
    REV(extent);
#undef REV
    uint32_t *rows = malloc(cohort.n * sizeof *rows);
    for (size_t i = 0; i < cohort.n; i++)
        rows[i] = (uint32_t)(cohort.n - i);
    gist_events r;
    columns(&r, &rev);
    r.row = rows;
    r.sorted = 0;
    char *unsorted = run(&r, pw, 2);
    same_text(unsorted, sorted, "cohort-unsorted");
    /* marked sorted, it is refused with the first event out of order */
    r.sorted = 1;
    gist_cohort *c = NULL;
    assert_int_equal(gist_cohort_run(&c, &r, pw, NULL, 2), GIST_EORDER);
    assert_null(c);
    assert_non_null(strstr(gist_error_last()->message, "event 1 "));
    free(rows);
    synth_events_free(&rev);
    free(sorted);
    free(unsorted);
}

static void test_invalid_values_become_findings(void **state)
{
    (void)state;
    int64_t patient[] = {7, 7, 7, 7, 7};
    gist_date date[] = {17000, 17100, 17200, 17300, GIST_DATE_MAX + 5};
    gist_date end[] = {17050, 17090, 17250, GIST_DATE_NONE, GIST_DATE_NONE};
    int16_t agent[] = {0, 0, 99, 0, 0};
    double dose[] = {400, 400, 400, -1, 400};
    uint8_t kind[] = {0, 0, 0, 0, 0};
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = 5;
    e.patient = patient;
    e.date = date;
    e.end = end;
    e.agent = agent;
    e.dose_mg = dose;
    e.kind = kind;
    e.sorted = 1;
    gist_cohort *c = NULL;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_OK);
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    /* the end before the start (row 2), the unknown agent (row 3), the negative dose (row 4),
     * the date out of range (row 5): each reported with its row; row 1 makes a line */
    int invalid = 0;
    uint32_t rows = 0;
    for (size_t i = 0; i < ft.count; i++) {
        if (ft.code[i] == GIST_FINDING_INVALID_EVENT) {
            invalid++;
            rows |= 1u << ft.row[i];
        }
    }
    assert_int_equal(invalid, 4);
    assert_int_equal(rows, (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5));
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(lt.count, 1);
    assert_string_equal(gist_cohort_line_agents(c, 0), "imatinib");
    assert_null(gist_cohort_line_agents(c, 1));
    assert_int_equal(gist_cohort_regimen_count(c), 1);
    assert_string_equal(gist_cohort_regimen(c, lt.regimen[0]), "imatinib");
    assert_null(gist_cohort_regimen(c, 1));
    gist_steps_table st = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_steps(c, &st), GIST_OK);
    assert_int_equal(st.count, 1);
    assert_int_equal(st.line[0], 0);
    assert_int_equal(st.date[0], 17000);
    assert_true(st.dose_mg[0] == 400);
    assert_int_equal(lt.first_step[0], 0);
    assert_string_equal(gist_cohort_line_steps(c, 0), "2016-07-18:imatinib:400:unknown");
    for (size_t i = 0; i < ft.count; i++)
        assert_int_equal(ft.rule[i], -1); /* no pathway: no rule */
    assert_null(gist_cohort_finding_message(c, ft.count));
    assert_int_equal(gist_cohort_options(c)->discontinuation_days, 180);
    lt.version = 9;
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_EVERSION);
    gist_cohort_free(c);
    gist_cohort_free(NULL);

    /* required columns, versions */
    e.date = NULL;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_EINVAL);
    e.date = date;
    e.version = 2;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_EVERSION);
    assert_int_equal(gist_events_init(&e, 3), GIST_EVERSION);
    assert_int_equal(gist_events_init(NULL, 1), GIST_EINVAL);
    assert_int_equal(gist_cohort_run(NULL, &e, NULL, NULL, 0), GIST_EINVAL);
    /* an empty cohort */
    gist_events_init(&e, GIST_EVENTS_VERSION);
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_OK);
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_EVERSION);
    lt.version = GIST_COHORT_TABLE_VERSION;
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(lt.count, 0);
    gist_cohort_free(c);
}


static void test_many_regimens(void **state)
{
    (void)state;
    /* every pair of agents started together, one patient each: 182 distinct regimens */
    size_t na = gist_agent_count(), n = na * (na - 1) * 2;
    int64_t *patient = malloc(n * sizeof *patient);
    gist_date *date = malloc(n * sizeof *date);
    int16_t *agent = malloc(n * sizeof *agent);
    assert_non_null(patient);
    size_t k = 0;
    int64_t pid = 0;
    for (size_t a = 0; a < na; a++)
        for (size_t b = 0; b < na; b++) {
            if (a == b)
                continue;
            pid++;
            patient[k] = pid, date[k] = 18000, agent[k++] = (int16_t)a;
            patient[k] = pid, date[k] = 18001, agent[k++] = (int16_t)b;
        }
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = k;
    e.patient = patient;
    e.date = date;
    e.agent = agent;
    e.sorted = 1;
    gist_cohort *c = NULL;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 2), GIST_OK);
    assert_int_equal(gist_cohort_regimen_count(c), na * (na - 1));
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(lt.count, na * (na - 1));
    for (size_t i = 0; i < lt.count; i++) {
        const char *name = gist_cohort_line_agents(c, i);
        assert_non_null(strchr(name, '+')); /* a combination, in the order started */
        assert_string_equal(name, gist_cohort_regimen(c, lt.regimen[i]));
    }
    assert_string_equal(gist_cohort_line_agents(c, 0), "imatinib+sunitinib");
    gist_cohort_free(c);
    free(patient);
    free(date);
    free(agent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cohort_equals_timeline_path),
        cmocka_unit_test(test_unsorted_input_gives_the_same_result),
        cmocka_unit_test(test_invalid_values_become_findings),
        cmocka_unit_test(test_many_regimens),
    };
    return cmocka_run_group_tests_name("cohort", tests, setup, teardown);
}
