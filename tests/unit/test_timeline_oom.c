/*
 * Out of memory in the timeline entry points: each allocation made to fail
 * in turn returns GIST_ENOMEM and leaks nothing, until the call succeeds.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

#include "oom_harness.h"

static gist_pathway *pw;
static gist_timeline *tl;
static const char csv[] = "patient,event,date,end,agent,dose_mg,schedule,reason,response,method,value\n"
                          "A,setting,2015-01-01,,,,,,,,advanced\n"
                          "A,exposure,2015-01-10,2016-06-30,imatinib,400,continuous,progression,,,\n"
                          "A,assessment,2016-06-25,,,,,,progression,ct,\n"
                          "A,exposure,2016-07-01,2016-12-31,imatinib,800,continuous,progression,,,\n"
                          "A,exposure,2017-01-10,2017-03-01,sunitinib,50,4on2off,,,,\n"
                          "A,exposure,2017-06-10,,sunitinib,50,4on2off,,,,\n"
                          "B,exposure,2018-01-01,2018-02-01,imatinib,600,,,,,\n"
                          "B,exposure,2018-03-01,,dasatinib,100,,,,,\n";

static int setup(void **state)
{
    (void)state;
    if (gist_pathway_builtin(&pw, "gist-2016") != GIST_OK)
        return -1;
    /* the timeline of patient A, read before any allocation fails */
    gist_event_reader *r = NULL;
    int done = 0;
    if (gist_event_reader_open_string(&r, csv, sizeof csv - 1, NULL) != GIST_OK || gist_timeline_new(&tl) != GIST_OK ||
        gist_event_reader_next(r, tl, &done) != GIST_OK)
        return -1;
    gist_event_reader_free(r);
    return oom_install();
}

static int teardown(void **state)
{
    (void)state;
    oom_uninstall();
    gist_timeline_free(tl);
    gist_pathway_free(pw);
    return 0;
}

static gist_status op_lines(void)
{
    gist_lines *l = NULL;
    char *a = NULL, *b = NULL, *c = NULL;
    gist_status st = gist_timeline_lines(&l, tl, NULL);
    if (st == GIST_OK)
        st = gist_lines_to_csv(l, GIST_CSV_HEADER, &a);
    if (st == GIST_OK)
        st = gist_lines_findings_to_csv(l, GIST_CSV_HEADER, &b);
    if (st == GIST_OK)
        st = gist_lines_to_json(l, 0, &c);
    gist_free(a);
    gist_free(b);
    gist_free(c);
    gist_lines_free(l);
    return st;
}

static gist_status op_audit(void)
{
    gist_lines *l = NULL;
    gist_status st = gist_timeline_audit(&l, tl, pw, NULL);
    gist_lines_free(l);
    return st;
}

static gist_status op_patient_at(void)
{
    gist_patient *p = NULL;
    gist_date d = 0;
    gist_date_parse(&d, "2016-06-30");
    gist_status st = gist_timeline_patient_at(&p, tl, d, NULL);
    gist_patient_free(p);
    return st;
}

static gist_status op_build(void)
{
    gist_timeline *t = NULL;
    gist_status st = gist_timeline_new(&t);
    if (st == GIST_OK)
        st = gist_timeline_set_id(t, "patient");
    for (int i = 0; st == GIST_OK && i < 40; i++)
        st = gist_timeline_add_exposure(t, "imatinib", 16000 + 30 * i, 16000 + 30 * i + 29, 400,
                                        GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    if (st == GIST_OK)
        st = gist_timeline_add_assessment(t, 16100, GIST_RESPONSE_STABLE, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                          GIST_EXTENT_UNKNOWN);
    gist_timeline_free(t);
    return st;
}

static gist_status op_reader(void)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = gist_event_reader_open_string(&r, csv, sizeof csv - 1, "oom.csv");
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    int done = 0;
    while (st == GIST_OK && !done)
        st = gist_event_reader_next(r, t, &done);
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return st;
}

static gist_status op_json(void)
{
    static const char json[] = "{\"id\": \"J\", \"events\": [{\"event\": \"exposure\", \"agent\": \"imatinib\", "
                               "\"start\": \"2015-01-01\", \"dose_mg\": 400}, {\"event\": \"referral\", "
                               "\"date\": \"2016-01-01\"}]}";
    gist_timeline *t = NULL;
    gist_status st = gist_timeline_parse(&t, json, sizeof json - 1, NULL);
    gist_timeline_free(t);
    return st;
}

static gist_status op_cohort(void)
{
    int64_t patient[] = {1, 1, 1, 2, 2};
    gist_date date[] = {16000, 16200, 16400, 16000, 16100};
    gist_date end[] = {16199, 16399, GIST_DATE_NONE, 16050, 16300};
    int16_t agent[] = {0, 0, 1, 0, 5};
    double dose[] = {400, 800, 50, 400, 0};
    uint8_t reason[] = {GIST_STOP_PROGRESSION, GIST_STOP_INTOLERANCE, 0, 0, 0};
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = 5;
    e.patient = patient;
    e.date = date;
    e.end = end;
    e.agent = agent;
    e.dose_mg = dose;
    e.reason = reason;
    e.sorted = 0;
    gist_cohort *c = NULL;
    gist_status st = gist_cohort_run(&c, &e, pw, NULL, 1);
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    if (st == GIST_OK && (st = gist_cohort_findings(c, &ft)) == GIST_OK) {
        assert_true(ft.count > 0);
        if (gist_cohort_finding_message(c, 0) == NULL) {
            assert_int_equal(gist_error_last()->status, GIST_ENOMEM); /* rendering on first use */
            st = GIST_ENOMEM;
        }
    }
    gist_cohort_free(c);
    return st;
}

static void test_oom_timeline_entry_points(void **state)
{
    (void)state;
    oom_loop("gist_timeline_new/add_*", op_build);
    oom_loop("gist_timeline_lines and writers", op_lines);
    oom_loop("gist_timeline_audit", op_audit);
    oom_loop("gist_timeline_patient_at", op_patient_at);
    oom_loop("gist_event_reader", op_reader);
    oom_loop("gist_timeline_parse", op_json);
    oom_loop("gist_cohort_run", op_cohort);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_timeline_entry_points),
    };
    return cmocka_run_group_tests_name("timeline-oom", tests, setup, teardown);
}
