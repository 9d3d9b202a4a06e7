/*
 * Out of memory: every public entry point that allocates is run with the
 * N-th allocation failing, for N = 1, 2, ... until it succeeds. Each failure
 * must return GIST_ENOMEM and leave nothing allocated.
 *
 * The entry points that allocate, and where they are looped:
 *   patients   gist_patient_new, _clone, _set_id, _parse, _load, _to_json
 *   registries gist_registry_parse (an extension adding agents and names), _to_json
 *   pathways   gist_pathway_builtin, _parse, _load, _to_json, _to_text, _to_dot
 *              (the built-in pathway and one using every feature of the format)
 *   advice     gist_advise (recommended, undetermined, not covered with and
 *              without alerts), gist_advice_to_json, gist_advice_to_text
 *   timelines  gist_timeline_new, _set_id, _add_*, _patient_at, _lines,
 *              _audit, gist_lines_to_json, _to_csv, _findings_to_csv,
 *              gist_lines_options_describe, gist_event_reader_open_string,
 *              _open, _next, gist_cohort_run and its tables
 * Functions that only read (accessors, gist_advise_batch, the name
 * functions) allocate nothing. A new entry point that allocates gets a loop
 * here.
 *
 * jansson's allocations (JSON parsing) are made to fail in a second pass
 * through its own hook, json_set_alloc_funcs(). jansson reports some of its
 * allocation failures as syntax errors, so that pass requires a clean error
 * and no leak rather than GIST_ENOMEM itself.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

#include "oom_harness.h"

static int setup(void **state)
{
    (void)state;
    return oom_install();
}

static int teardown(void **state)
{
    (void)state;
    oom_uninstall();
    return 0;
}

static gist_pathway *shared_pw;
static gist_patient *shared_pt;
static gist_advice *shared_adv;

static gist_status op_builtin(void)
{
    gist_pathway *pw = NULL;
    gist_status st = gist_pathway_builtin(&pw, "gist-2016");
    gist_pathway_free(pw);
    return st;
}

static gist_status op_patient_parse(void)
{
    static const char json[] = "{\"id\": \"x\", \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400}, "
                               "\"prior\": [{\"agent\": \"imatinib\"}], \"response\": \"stable\"}";
    gist_patient *p = NULL;
    gist_status st = gist_patient_parse(&p, json, sizeof json - 1, NULL);
    gist_patient_free(p);
    return st;
}

static gist_status op_patient_new(void)
{
    gist_patient *p = NULL, *q = NULL;
    gist_status st = gist_patient_new(&p);
    if (st == GIST_OK)
        st = gist_patient_set_id(p, "some-id");
    if (st == GIST_OK)
        st = gist_patient_clone(&q, p);
    gist_patient_free(q);
    gist_patient_free(p);
    return st;
}

static gist_status op_advise(void)
{
    gist_advice *a = NULL;
    gist_status st = gist_advise(&a, shared_pw, shared_pt);
    gist_advice_free(a);
    return st;
}

static gist_status op_advice_json(void)
{
    char *s = NULL;
    gist_status st = gist_advice_to_json(shared_adv, 0, &s);
    gist_free(s);
    return st;
}

static gist_status op_advice_text(void)
{
    char *s = NULL;
    gist_status st = gist_advice_to_text(shared_adv, &s);
    gist_free(s);
    return st;
}

static gist_status op_pathway_out(void)
{
    char *a = NULL, *b = NULL, *c = NULL;
    gist_status st = gist_pathway_to_json(shared_pw, 0, &a);
    if (st == GIST_OK)
        st = gist_pathway_to_text(shared_pw, &b);
    if (st == GIST_OK)
        st = gist_pathway_to_dot(shared_pw, &c);
    gist_free(a);
    gist_free(b);
    gist_free(c);
    return st;
}

static gist_status op_patient_json(void)
{
    char *s = NULL;
    gist_status st = gist_patient_to_json(shared_pt, 0, &s);
    gist_free(s);
    return st;
}

static void test_jansson_oom_is_a_clean_error(void **state)
{
    (void)state;
    fail_jansson = 1;
    oom_loop("gist_pathway_builtin (jansson)", op_builtin);
    oom_loop("gist_patient_parse (jansson)", op_patient_parse);
    fail_jansson = 0;
}

static void test_oom_every_entry_point(void **state)
{
    (void)state;
    oom_loop("gist_pathway_builtin", op_builtin);
    oom_loop("gist_patient_parse", op_patient_parse);
    oom_loop("gist_patient_new/set_id/clone", op_patient_new);

    countdown = -1;
    assert_int_equal(gist_pathway_builtin(&shared_pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&shared_pt), GIST_OK);
    assert_int_equal(gist_patient_set_id(shared_pt, "oom"), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(shared_pt, "imatinib", 400), GIST_OK);
    long base = live;

    /* measure leaks relative to what the shared objects hold */
    long n;
    for (n = 0;; n++) {
        countdown = n;
        gist_status st = op_advise();
        countdown = -1;
        assert_int_equal(live, base);
        if (st == GIST_OK)
            break;
        assert_int_equal(st, GIST_ENOMEM);
    }
    assert_true(n > 0);
    assert_int_equal(gist_advise(&shared_adv, shared_pw, shared_pt), GIST_OK);
    base = live;
    op_fn ops[] = {op_advice_json, op_advice_text, op_pathway_out, op_patient_json};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        for (n = 0;; n++) {
            countdown = n;
            gist_status st = ops[k]();
            countdown = -1;
            assert_int_equal(live, base);
            if (st == GIST_OK)
                break;
            assert_int_equal(st, GIST_ENOMEM);
        }
        assert_true(n > 0);
    }
    gist_advice_free(shared_adv);
    gist_patient_free(shared_pt);
    gist_pathway_free(shared_pw);
    assert_int_equal(live, 0);
}

static void test_oom_not_covered_explanation(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = NULL;
    countdown = -1;
    live = 0;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 600), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    long base = live;
    long n;
    for (n = 0;; n++) {
        gist_advice *a = NULL;
        countdown = n;
        gist_status st = gist_advise(&a, pw, p);
        countdown = -1;
        if (st == GIST_OK) {
            assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
            gist_advice_free(a);
            break;
        }
        assert_int_equal(st, GIST_ENOMEM);
        assert_null(a);
        assert_int_equal(live, base);
    }
    assert_true(n >= 2); /* the advice and its explanation */
    gist_patient_free(p);
    gist_pathway_free(pw);
    assert_int_equal(live, 0);
}


/* ---- pathways and patients from files, a pathway using every feature ---- */

static gist_status op_pathway_load_every_feature(void)
{
    gist_pathway *pw = NULL;
    char *a = NULL, *b = NULL, *c = NULL;
    gist_status st = gist_pathway_load(&pw, GIST_SOURCE_DIR "/tests/fuzz/corpus/pathway_json/every-feature.json");
    if (st == GIST_OK)
        st = gist_pathway_to_json(pw, GIST_JSON_COMPACT, &a);
    if (st == GIST_OK)
        st = gist_pathway_to_text(pw, &b);
    if (st == GIST_OK)
        st = gist_pathway_to_dot(pw, &c);
    gist_free(a);
    gist_free(b);
    gist_free(c);
    gist_pathway_free(pw);
    return st;
}

static gist_status op_patient_load_and_write(void)
{
    gist_patient *p = NULL;
    char *json = NULL;
    gist_status st = gist_patient_load(&p, GIST_SOURCE_DIR "/examples/patients/p16-11-trials-after-three-lines-referred.json");
    if (st == GIST_OK)
        st = gist_patient_to_json(p, 0, &json);
    gist_free(json);
    gist_patient_free(p);
    return st;
}

static void test_oom_files_and_every_feature(void **state)
{
    (void)state;
    oom_loop("gist_pathway_load + writers (every feature)", op_pathway_load_every_feature);
    oom_loop("gist_patient_load + gist_patient_to_json", op_patient_load_and_write);
    fail_jansson = 1;
    oom_loop("gist_pathway_load (jansson)", op_pathway_load_every_feature);
    oom_loop("gist_patient_load (jansson)", op_patient_load_and_write);
    fail_jansson = 0;
}

/* ---- advice of every outcome, written both ways ---- */

static gist_patient *outcome_patient;

static gist_status op_advise_and_write(void)
{
    gist_advice *a = NULL;
    char *json = NULL, *text = NULL;
    gist_status st = gist_advise(&a, shared_pw, outcome_patient);
    if (st == GIST_OK)
        st = gist_advice_to_json(a, 0, &json);
    if (st == GIST_OK)
        st = gist_advice_to_text(a, &text);
    gist_free(json);
    gist_free(text);
    gist_advice_free(a);
    return st;
}

/* An extension with every kind of entry: names for a built-in agent, a new agent with doses and
 * its own evidence, names for the new agent; then the whole registry written. */
static gist_status op_registry(void)
{
    static const char json[] =
        "{\"format\": \"gist-agents/1\", \"description\": \"d\", \"evidence\": {\"E1\": \"e\"}, \"agents\": ["
        "{\"extends\": \"imatinib\", \"synonyms\": [\"s1\"], \"brands\": [\"b1\"]},"
        "{\"name\": \"oomtinib\", \"atc\": \"L01EX98\", \"rxnorm\": \"1\", \"class\": \"c\", \"synonyms\": [\"s2\"],"
        " \"brands\": [\"b2\"], \"targets\": [\"KIT\"], \"doses\": [{\"dose_mg\": 1, \"schedule\": \"continuous\","
        " \"text\": \"t\", \"evidence\": \"E1\"}]},"
        "{\"extends\": \"oomtinib\", \"brands\": [\"b3\"]}]}";
    gist_registry *reg = NULL;
    gist_status st = gist_registry_parse(&reg, NULL, json, sizeof json - 1, NULL);
    char *text = NULL;
    if (st == GIST_OK)
        st = gist_registry_to_json(&text, reg, 0);
    gist_free(text);
    gist_registry_free(reg);
    return st;
}

static void test_oom_registry(void **state)
{
    (void)state;
    oom_loop("gist_registry_parse + gist_registry_to_json", op_registry);
    fail_jansson = 1;
    oom_loop("gist_registry_parse (jansson)", op_registry);
    fail_jansson = 0;
}

static void test_oom_advice_of_every_outcome(void **state)
{
    (void)state;
    countdown = -1;
    assert_int_equal(gist_pathway_builtin(&shared_pw, "gist-2016"), GIST_OK);
    static const char *const files[] = {
        "undetermined-confirmation.json",     /* undetermined: a missing fact and its hint */
        "nearest-rule-imatinib-600.json",     /* not covered: the nearest rule explained */
        "scope-pdgfra-d842v.json",            /* not covered by an explicit rule */
        "p16-2-resume-imatinib.json",         /* recommended, with an alert */
        "p16-10-refer-after-three-lines.json" /* recommended, seven options */
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/examples/patients/%s", GIST_SOURCE_DIR, files[i]);
        assert_int_equal(gist_patient_load(&outcome_patient, path), GIST_OK);
        oom_loop(files[i], op_advise_and_write);
        gist_patient_free(outcome_patient);
    }
    gist_pathway_free(shared_pw);
}

/* ---- timelines, lines of therapy, event CSV and cohorts ---- */

static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    *length = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[*length] = '\0';
    return buf;
}

static const char *csv_text;
static size_t csv_length;

/* Every patient of the event CSV fixture: lines, audit, state at a date, and every writer. */
static gist_status op_event_csv_lines_audit(void)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = gist_event_reader_open_string(&r, csv_text, csv_length, "cohort.csv");
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    int done = 0;
    while (st == GIST_OK && !done) {
        st = gist_event_reader_next(r, t, &done);
        if (st != GIST_OK || done)
            break;
        gist_lines *lines = NULL, *audit = NULL;
        gist_patient *p = NULL;
        char *json = NULL, *csv = NULL, *findings = NULL;
        st = gist_timeline_lines(&lines, t, NULL);
        if (st == GIST_OK)
            st = gist_timeline_audit(&audit, t, shared_pw, NULL);
        if (st == GIST_OK)
            st = gist_lines_to_json(audit, 0, &json);
        if (st == GIST_OK)
            st = gist_lines_to_csv(lines, 0, &csv);
        if (st == GIST_OK)
            st = gist_lines_findings_to_csv(audit, 0, &findings);
        if (st == GIST_OK) {
            gist_date d;
            assert_int_equal(gist_date_from_ymd(&d, 2017, 1, 1), GIST_OK);
            st = gist_timeline_patient_at(&p, t, d, NULL);
            if (st == GIST_ESTATE) /* a combination on that date: not one regimen, not a failure */
                st = GIST_OK;
        }
        gist_free(json);
        gist_free(csv);
        gist_free(findings);
        gist_patient_free(p);
        gist_lines_free(lines);
        gist_lines_free(audit);
    }
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return st;
}

/* A timeline built call by call, and the lines options written out. */
static gist_status op_timeline_by_hand(void)
{
    gist_timeline *t = NULL;
    gist_lines *lines = NULL;
    char *text = NULL;
    gist_date d0, d1, d2;
    gist_date_from_ymd(&d0, 2015, 3, 1);
    gist_date_from_ymd(&d1, 2016, 3, 1);
    gist_date_from_ymd(&d2, 2016, 4, 1);
    gist_status st = gist_timeline_new(&t);
    if (st == GIST_OK)
        st = gist_timeline_set_id(t, "by-hand");
    if (st == GIST_OK)
        st = gist_timeline_add_setting(t, d0, GIST_SETTING_ADVANCED);
    if (st == GIST_OK)
        st = gist_timeline_add_genotype(t, d0, GIST_GENOTYPE_KIT_EXON11);
    if (st == GIST_OK)
        st = gist_timeline_add_exposure(t, "imatinib", d0, d1, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    if (st == GIST_OK)
        st = gist_timeline_add_referral(t, d1);
    if (st == GIST_OK)
        st = gist_timeline_add_exposure(t, "sunitinib", d2, GIST_DATE_NONE, 50, GIST_SCHEDULE_4ON2OFF,
                                        GIST_STOP_UNKNOWN);
    if (st == GIST_OK)
        st = gist_timeline_lines(&lines, t, NULL);
    gist_lines_options o;
    if (st == GIST_OK)
        st = gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    if (st == GIST_OK)
        st = gist_lines_options_describe(&o, &text);
    gist_free(text);
    gist_lines_free(lines);
    gist_timeline_free(t);
    return st;
}

static gist_status op_cohort(void)
{
    int64_t patient[] = {1, 1, 1, 2, 2};
    gist_date date[] = {16500, 16600, 17000, 16400, 16800};
    gist_date end[] = {GIST_DATE_NONE, 16990, GIST_DATE_NONE, 16790, GIST_DATE_NONE};
    uint8_t kind[] = {GIST_EVENT_SETTING, GIST_EVENT_EXPOSURE, GIST_EVENT_EXPOSURE, GIST_EVENT_EXPOSURE,
                      GIST_EVENT_EXPOSURE};
    int16_t agent[] = {-1, 0, 1, 0, 2};
    double dose[] = {0, 400, 50, 400, 160};
    uint8_t reason[] = {0, GIST_STOP_PROGRESSION, 0, GIST_STOP_INTOLERANCE, 0};
    uint8_t value[] = {GIST_SETTING_ADVANCED, 0, 0, 0, 0};
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = 5;
    e.patient = patient;
    e.date = date;
    e.end = end;
    e.kind = kind;
    e.agent = agent;
    e.dose_mg = dose;
    e.reason = reason;
    e.value = value;
    gist_cohort *c = NULL;
    gist_status st = gist_cohort_run(&c, &e, shared_pw, NULL, 1);
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    if (st == GIST_OK)
        st = gist_cohort_lines(c, &lt);
    if (st == GIST_OK)
        st = gist_cohort_findings(c, &ft);
    gist_cohort_free(c);
    return st;
}

static void test_oom_timelines_and_cohorts(void **state)
{
    (void)state;
    countdown = -1;
    assert_int_equal(gist_pathway_builtin(&shared_pw, "gist-2016"), GIST_OK);
    csv_text = read_all(GIST_TEST_DATA "/lot/cohort.csv", &csv_length);
    oom_loop("gist_event_reader + lines, audit, patient_at and writers", op_event_csv_lines_audit);
    oom_loop("gist_timeline built by hand", op_timeline_by_hand);
    oom_loop("gist_cohort_run + tables", op_cohort);
    gist_pathway_free(shared_pw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_every_entry_point),
        cmocka_unit_test(test_oom_not_covered_explanation),
        cmocka_unit_test(test_jansson_oom_is_a_clean_error),
        cmocka_unit_test(test_oom_files_and_every_feature),
        cmocka_unit_test(test_oom_advice_of_every_outcome),
        cmocka_unit_test(test_oom_registry),
        cmocka_unit_test(test_oom_timelines_and_cohorts),
    };
    return cmocka_run_group_tests_name("oom", tests, setup, teardown);
}
