/*
 * The timeline and lines API at its edges: arguments and options refused
 * with a message naming what is wrong, accessors outside the result, the
 * JSON timeline reader's errors located by field, line and column, and
 * lines-of-therapy and audit rules in the situations the fixtures leave out.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

static gist_date D(const char *s)
{
    gist_date d = 0;
    if (gist_date_parse(&d, s) != GIST_OK)
        fail_msg("bad test date %s", s);
    return d;
}

static void exposure(gist_timeline *t, const char *agent, const char *start, const char *end, double dose,
                     gist_schedule s, gist_stop_reason r)
{
    if (gist_timeline_add_exposure(t, agent, D(start), end ? D(end) : GIST_DATE_NONE, dose, s, r) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
}

static void assessment(gist_timeline *t, const char *date, gist_response r, gist_method m)
{
    if (gist_timeline_add_assessment(t, D(date), r, m, GIST_CRITERIA_RECIST, GIST_EXTENT_UNKNOWN) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
}

static gist_lines *lines_of(const gist_timeline *t, const gist_lines_options *o)
{
    gist_lines *l = NULL;
    if (gist_timeline_lines(&l, t, o) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    return l;
}

static gist_lines *audit_of(const gist_timeline *t)
{
    gist_pathway *pw = NULL;
    gist_lines *l = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    if (gist_timeline_audit(&l, t, pw, NULL) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    gist_pathway_free(pw); /* the result keeps what it cites */
    return l;
}

/* Index of the first finding with this code, or -1. */
static long find_code(const gist_lines *l, gist_finding_code code)
{
    for (size_t i = 0; i < gist_lines_finding_count(l); i++)
        if (gist_finding_code_of(l, i) == code)
            return (long)i;
    return -1;
}

static void expect_message(const char *words)
{
    if (strstr(gist_error_last()->message, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, gist_error_last()->message);
}

/* ---- names and the timeline API ---- */

static void test_names_out_of_range(void **state)
{
    (void)state;
    assert_null(gist_method_name((gist_method)GIST_METHOD_COUNT));
    assert_null(gist_criteria_name((gist_criteria)-1));
    assert_null(gist_criteria_name((gist_criteria)GIST_CRITERIA_COUNT));
    assert_string_equal(gist_criteria_name(GIST_CRITERIA_UNKNOWN), "unknown");
    assert_null(gist_line_end_name((gist_line_end)-1));
    assert_null(gist_line_end_name((gist_line_end)GIST_LINE_END_END));
    assert_string_equal(gist_line_end_name(GIST_LINE_END_CENSORED), "censored");
    assert_null(gist_finding_code_name((gist_finding_code)-1));
    assert_string_equal(gist_finding_code_name(GIST_FINDING_INVALID_EVENT), "invalid_event");
    assert_null(gist_event_kind_name((gist_event_kind)-1));
    assert_null(gist_event_kind_name((gist_event_kind)GIST_EVENT_KIND_COUNT));
    assert_string_equal(gist_event_kind_name(GIST_EVENT_SETTING), "setting");
}

static void test_timeline_arguments(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    assert_int_equal(gist_timeline_new(&t), GIST_OK);
    assert_null(gist_timeline_id(NULL));
    assert_int_equal(gist_timeline_event_count(NULL), 0);
    assert_int_equal(gist_timeline_clear(NULL), GIST_EINVAL);

    /* ids: NULL and "" clear it, more than 256 bytes is refused and leaves it as it was */
    assert_int_equal(gist_timeline_set_id(t, "P1"), GIST_OK);
    assert_int_equal(gist_timeline_set_id(t, NULL), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "");
    assert_int_equal(gist_timeline_set_id(t, "P1"), GIST_OK);
    assert_int_equal(gist_timeline_set_id(t, ""), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "");
    char id[300];
    memset(id, 'x', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    assert_int_equal(gist_timeline_set_id(t, "P1"), GIST_OK);
    assert_int_equal(gist_timeline_set_id(t, id), GIST_ELIMIT);
    expect_message("id is 299 bytes, longer than 256");
    assert_string_equal(gist_timeline_id(t), "P1");
    id[256] = '\0';
    assert_int_equal(gist_timeline_set_id(t, id), GIST_OK); /* exactly the limit */

    gist_date d = D("2016-01-01");
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", d, GIST_DATE_NONE, 400, (gist_schedule)-1,
                                                GIST_STOP_UNKNOWN),
                     GIST_EINVAL);
    expect_message("-1 is not a valid schedule");
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", d, GIST_DATE_NONE, 400, GIST_SCHEDULE_CONTINUOUS,
                                                (gist_stop_reason)-1),
                     GIST_EINVAL);
    expect_message("-1 is not a valid stop reason");
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", d, GIST_DATE_MAX + 1, 400, GIST_SCHEDULE_CONTINUOUS,
                                                GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    expect_message("end is outside 1900-01-01 to 2200-12-31");

    assert_int_equal(gist_timeline_add_assessment(NULL, d, GIST_RESPONSE_STABLE, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                                  GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, d, (gist_response)GIST_RESPONSE_COUNT, GIST_METHOD_CT,
                                                  GIST_CRITERIA_RECIST, GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    expect_message("is not a response");
    assert_int_equal(gist_timeline_add_assessment(t, d, GIST_RESPONSE_STABLE, (gist_method)-1, GIST_CRITERIA_RECIST,
                                                  GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, d, GIST_RESPONSE_STABLE, GIST_METHOD_CT, (gist_criteria)-1,
                                                  GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, d, GIST_RESPONSE_STABLE, GIST_METHOD_CT,
                                                  (gist_criteria)GIST_CRITERIA_COUNT, GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, d, GIST_RESPONSE_STABLE, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                                  (gist_extent)-1),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, d, GIST_RESPONSE_STABLE, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                                  (gist_extent)GIST_EXTENT_COUNT),
                     GIST_EINVAL);
    expect_message("method, criteria or extent out of range");
    assert_int_equal(gist_timeline_add_assessment(t, GIST_DATE_MIN - 1, GIST_RESPONSE_STABLE, GIST_METHOD_CT,
                                                  GIST_CRITERIA_RECIST, GIST_EXTENT_UNKNOWN),
                     GIST_ERANGE);
    expect_message("gist_timeline_add_assessment: date is outside");

    assert_int_equal(gist_timeline_add_genotype(NULL, d, GIST_GENOTYPE_KIT_EXON11), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_genotype(t, d, (gist_genotype)GIST_GENOTYPE_COUNT), GIST_EINVAL);
    expect_message("is not a genotype");
    assert_int_equal(gist_timeline_add_genotype(t, GIST_DATE_MAX + 1, GIST_GENOTYPE_KIT_EXON11), GIST_ERANGE);
    assert_int_equal(gist_timeline_add_referral(NULL, d), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_setting(NULL, d, GIST_SETTING_ADVANCED), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_setting(t, GIST_DATE_MIN - 1, GIST_SETTING_ADVANCED), GIST_ERANGE);
    expect_message("gist_timeline_add_setting: date is outside");
    assert_int_equal(gist_timeline_event_count(t), 0); /* nothing was added by the failures */

    gist_patient *p = (gist_patient *)&p;
    assert_int_equal(gist_timeline_patient_at(&p, NULL, d, NULL), GIST_EINVAL);
    assert_null(p);
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.interruption_days = 4000;
    assert_int_equal(gist_timeline_patient_at(&p, t, d, &o), GIST_ERANGE);
    expect_message("interruption_days 4000 is outside 0 to 3650");
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_audit(&l, NULL, NULL, NULL), GIST_EINVAL);
    gist_timeline_free(t);
}

static void test_lines_options_are_checked(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_lines *l = NULL;
    gist_timeline_new(&t);
    struct {
        int window, interruption, discontinuation;
        gist_setting setting;
        gist_date censor;
        gist_status st;
        const char *words;
    } cases[] = {
        {-1, 28, 180, GIST_SETTING_ADVANCED, GIST_DATE_NONE, GIST_ERANGE, "combination_window_days -1 is outside"},
        {3651, 28, 180, GIST_SETTING_ADVANCED, GIST_DATE_NONE, GIST_ERANGE, "combination_window_days 3651"},
        {28, -1, 180, GIST_SETTING_ADVANCED, GIST_DATE_NONE, GIST_ERANGE, "interruption_days -1"},
        {28, 3651, 180, GIST_SETTING_ADVANCED, GIST_DATE_NONE, GIST_ERANGE, "interruption_days 3651"},
        {28, 28, 36501, GIST_SETTING_ADVANCED, GIST_DATE_NONE, GIST_ERANGE, "discontinuation_days 36501"},
        {28, 28, 180, (gist_setting)-1, GIST_DATE_NONE, GIST_EINVAL, "unknown_setting -1 is not a setting"},
        {28, 28, 180, (gist_setting)3, GIST_DATE_NONE, GIST_EINVAL, "unknown_setting 3 is not a setting"},
        {28, 28, 180, GIST_SETTING_ADVANCED, GIST_DATE_MIN - 1, GIST_ERANGE, "censor_date is outside"},
        {28, 28, 180, GIST_SETTING_ADVANCED, GIST_DATE_MAX + 1, GIST_ERANGE, "censor_date is outside"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        gist_lines_options o;
        gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
        o.combination_window_days = cases[k].window;
        o.interruption_days = cases[k].interruption;
        o.discontinuation_days = cases[k].discontinuation;
        o.unknown_setting = cases[k].setting;
        o.censor_date = cases[k].censor;
        gist_status st = gist_timeline_lines(&l, t, &o);
        if (st != cases[k].st)
            fail_msg("case %zu: expected %s, got %s", k, gist_status_name(cases[k].st), gist_status_name(st));
        assert_null(l);
        expect_message(cases[k].words);
        char *desc = (char *)&desc;
        assert_int_equal(gist_lines_options_describe(&o, &desc), cases[k].st); /* described only when valid */
        assert_null(desc);
    }
    /* the limits themselves are accepted, and an unknown setting of 0 means advanced */
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.combination_window_days = 3650;
    o.interruption_days = 0;
    o.discontinuation_days = 36500;
    o.honor_schedules = 0;
    o.unknown_setting = GIST_SETTING_UNKNOWN;
    o.censor_date = D("2016-03-01");
    char *desc = NULL;
    assert_int_equal(gist_lines_options_describe(&o, &desc), GIST_OK);
    assert_string_equal(desc, "lines_options_version=1 combination_window_days=3650 interruption_days=0 "
                              "discontinuation_days=36500 honor_schedules=0 unknown_setting=unknown "
                              "censor_date=2016-03-01");
    gist_free(desc);
    exposure(t, "imatinib", "2016-01-01", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    l = lines_of(t, &o);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADVANCED);
    assert_int_equal(gist_line_end_date(l, 0), D("2016-03-01"));
    gist_lines_free(l);
    assert_int_equal(gist_lines_options_describe(&o, NULL), GIST_EINVAL);
    assert_int_equal(gist_lines_options_describe(NULL, &desc), GIST_EINVAL);
    assert_null(desc);
    gist_timeline_free(t);
}

/* ---- accessors and writers outside the result ---- */

static void test_lines_accessors_outside_the_result(void **state)
{
    (void)state;
    assert_null(gist_lines_options_used(NULL));
    assert_null(gist_lines_patient_id(NULL));
    assert_int_equal(gist_lines_count(NULL), 0);
    assert_int_equal(gist_line_number(NULL, 0), 0);
    assert_int_equal(gist_line_setting(NULL, 0), GIST_SETTING_UNKNOWN);
    assert_int_equal(gist_line_start_date(NULL, 0), GIST_DATE_NONE);
    assert_int_equal(gist_line_end_date(NULL, 0), GIST_DATE_NONE);
    assert_int_equal(gist_line_end_reason(NULL, 0), 0);
    assert_int_equal(gist_line_rechallenge(NULL, 0), 0);
    assert_int_equal(gist_line_step_count(NULL, 0), 0);
    assert_int_equal(gist_line_step_date(NULL, 0, 0), GIST_DATE_NONE);
    assert_null(gist_line_step_agent(NULL, 0, 0));
    assert_true(gist_line_step_dose_mg(NULL, 0, 0) == 0);
    assert_int_equal(gist_line_step_reason(NULL, 0, 0), GIST_STOP_UNKNOWN);
    assert_int_equal(gist_line_agent_count(NULL, 0), 0);
    assert_null(gist_line_agent(NULL, 0, 0));
    assert_int_equal(gist_lines_finding_count(NULL), 0);
    assert_int_equal(gist_finding_code_of(NULL, 0), 0);
    assert_int_equal(gist_finding_severity_of(NULL, 0), 0);
    assert_int_equal(gist_finding_date(NULL, 0), GIST_DATE_NONE);
    assert_int_equal(gist_finding_row(NULL, 0), 0);
    assert_null(gist_finding_rule(NULL, 0));
    assert_int_equal(gist_finding_evidence_count(NULL, 0), 0);
    assert_null(gist_finding_evidence(NULL, 0, 0));
    assert_null(gist_finding_message(NULL, 0));
    assert_int_equal(gist_finding_line(NULL, 0), (size_t)-1);

    /* one line with one dose step, one finding about no line (the setting was assumed) */
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    exposure(t, "imatinib", "2016-01-01", "2016-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    gist_lines *l = lines_of(t, NULL);
    assert_string_equal(gist_lines_patient_id(l), ""); /* no id */
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_setting(l, 1), GIST_SETTING_UNKNOWN);
    assert_int_equal(gist_line_end_date(l, 1), GIST_DATE_NONE);
    assert_int_equal(gist_line_end_reason(l, 1), 0);
    assert_int_equal(gist_line_rechallenge(l, 1), 0);
    assert_int_equal(gist_line_step_count(l, 1), 0);
    assert_int_equal(gist_line_step_date(l, 1, 0), GIST_DATE_NONE);
    assert_int_equal(gist_line_step_date(l, 0, 1), GIST_DATE_NONE);
    assert_true(gist_line_step_dose_mg(l, 0, 1) == 0);
    assert_int_equal(gist_line_step_reason(l, 0, 1), GIST_STOP_UNKNOWN);
    assert_int_equal(gist_line_agent_count(l, 1), 0);
    assert_null(gist_line_agent(l, 1, 0));
    assert_int_equal(gist_lines_finding_count(l), 1);
    assert_int_equal(gist_finding_code_of(l, 0), GIST_FINDING_SETTING_ASSUMED);
    assert_int_equal(gist_finding_line(l, 0), (size_t)-1); /* about no line */
    assert_int_equal(gist_finding_line(l, 1), (size_t)-1);
    assert_int_equal(gist_finding_code_of(l, 1), 0);
    assert_int_equal(gist_finding_severity_of(l, 1), 0);
    assert_int_equal(gist_finding_date(l, 1), GIST_DATE_NONE);
    assert_int_equal(gist_finding_row(l, 1), 0);
    assert_null(gist_finding_rule(l, 1));
    assert_int_equal(gist_finding_evidence_count(l, 1), 0);
    assert_null(gist_finding_evidence(l, 0, 0)); /* a data finding has no evidence */
    assert_null(gist_finding_evidence(l, 1, 0));
    assert_null(gist_finding_message(l, 1));

    /* a finding about no line is written without setting and line */
    char *out = NULL;
    assert_int_equal(gist_lines_to_json(l, GIST_JSON_COMPACT, &out), GIST_OK);
    assert_non_null(strstr(out, "\"setting\":null,\"line\":null,\"code\":\"setting_assumed\""));
    assert_non_null(strstr(out, "\"pathway\":null"));
    assert_null(strchr(out, '\n')); /* compact: one line */
    gist_free(out);

    /* writers: NULL and unknown flags */
    out = (char *)&out;
    assert_int_equal(gist_lines_to_json(l, 2, &out), GIST_EINVAL);
    expect_message("gist_lines_to_json: unknown flags 0x2");
    assert_null(out);
    assert_int_equal(gist_lines_to_json(NULL, 0, &out), GIST_EINVAL);
    assert_int_equal(gist_lines_to_json(l, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_lines_to_csv(l, 4, &out), GIST_EINVAL);
    expect_message("gist_lines_to_csv: unknown flags 0x4");
    assert_int_equal(gist_lines_to_csv(NULL, 0, &out), GIST_EINVAL);
    assert_int_equal(gist_lines_to_csv(l, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_lines_findings_to_csv(l, GIST_JSON_COMPACT << 4, &out), GIST_EINVAL);
    expect_message("gist_lines_findings_to_csv: unknown flags");
    assert_int_equal(gist_lines_findings_to_csv(NULL, 0, &out), GIST_EINVAL);
    assert_int_equal(gist_lines_findings_to_csv(l, 0, NULL), GIST_EINVAL);
    assert_null(out);
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* ---- the JSON timeline reader ---- */

static void expect_json_error(const char *doc, gist_status st, const char *field, unsigned long line,
                              unsigned long column, const char *words)
{
    gist_timeline *t = (gist_timeline *)&t;
    gist_status got = gist_timeline_parse(&t, doc, strlen(doc), "t.json");
    const gist_error *e = gist_error_last();
    if (got != st)
        fail_msg("%s: expected %s, got %s: %s", doc, gist_status_name(st), gist_status_name(got), e->message);
    assert_null(t);
    if (strcmp(e->field, field) != 0)
        fail_msg("%s: expected field \"%s\", got \"%s\": %s", doc, field, e->field, e->message);
    if (line && (e->line != line || e->column != column))
        fail_msg("%s: expected %lu:%lu, got %lu:%lu: %s", doc, line, column, e->line, e->column, e->message);
    if (words && strstr(e->message, words) == NULL)
        fail_msg("%s: message lacks \"%s\": %s", doc, words, e->message);
    assert_string_equal(e->source, "t.json");
}

#define EV(body) "{\"events\": [" body "]}"

static void test_json_timeline_errors_name_the_field(void **state)
{
    (void)state;
    expect_json_error(EV("42"), GIST_ESCHEMA, "/events/0", 1, 13, "an event is an object");
    expect_json_error(EV("{}"), GIST_ESCHEMA, "/events/0", 0, 0, "missing required field \"event\"");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", \"stop\": 1}"),
                      GIST_ESCHEMA, "/events/0/stop", 0, 0, "unknown field \"stop\" (allowed: event, agent, start");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"start\"");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
                         "\"end\": \"2016/06/30\"}"),
                      GIST_EPARSE, "/events/0/end", 0, 0, "\"2016/06/30\" is not a date in the form YYYY-MM-DD");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
                         "\"dose_mg\": \"400\"}"),
                      GIST_ESCHEMA, "/events/0/dose_mg", 0, 0, "must be a number, not a string");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
                         "\"schedule\": \"weekly\"}"),
                      GIST_ESCHEMA, "/events/0/schedule", 0, 0, "unknown value \"weekly\"");
    expect_json_error(EV("{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
                         "\"reason\": \"bored\"}"),
                      GIST_ESCHEMA, "/events/0/reason", 0, 0, "unknown value \"bored\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"date\": \"2016-01-01\", \"response\": \"stable\", "
                         "\"agent\": \"imatinib\"}"),
                      GIST_ESCHEMA, "/events/0/agent", 0, 0, "unknown field \"agent\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"response\": \"stable\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"date\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"date\": \"2016-01-01\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"response\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"date\": \"2016-01-01\", \"response\": \"stable\", "
                         "\"method\": \"xray\"}"),
                      GIST_ESCHEMA, "/events/0/method", 0, 0, "unknown value \"xray\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"date\": \"2016-01-01\", \"response\": \"stable\", "
                         "\"criteria\": \"who\"}"),
                      GIST_ESCHEMA, "/events/0/criteria", 0, 0, "unknown value \"who\"");
    expect_json_error(EV("{\"event\": \"assessment\", \"date\": \"2016-01-01\", \"response\": \"progression\", "
                         "\"extent\": \"everywhere\"}"),
                      GIST_ESCHEMA, "/events/0/extent", 0, 0, "unknown value \"everywhere\"");
    expect_json_error(EV("{\"event\": \"genotype\", \"date\": \"2016-01-01\", \"value\": \"kit_exon11\", \"by\": 1}"),
                      GIST_ESCHEMA, "/events/0/by", 0, 0, "unknown field \"by\" (allowed: event, date, value)");
    expect_json_error(EV("{\"event\": \"setting\", \"value\": \"advanced\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"date\"");
    expect_json_error(EV("{\"event\": \"setting\", \"date\": \"2016-01-01\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"value\"");
    expect_json_error(EV("{\"event\": \"setting\", \"date\": \"2016-01-01\", \"value\": \"unknown\"}"),
                      GIST_ESCHEMA, "/events/0/value", 0, 0, "\"unknown\" is not a value to record");
    expect_json_error(EV("{\"event\": \"referral\"}"), GIST_ESCHEMA, "/events/0", 0, 0,
                      "missing required field \"date\"");
    expect_json_error(EV("{\"event\": \"referral\", \"date\": 20160101}"), GIST_ESCHEMA, "/events/0/date", 0, 0,
                      "must be a string, not a number");
    /* the second event is located on its own line */
    expect_json_error("{\"events\": [\n {\"event\": \"referral\", \"date\": \"2016-01-01\"},\n"
                      " {\"event\": \"referral\", \"date\": \"2016-13-01\"}\n]}",
                      GIST_ERANGE, "/events/1/date", 3, 32, "not a date from 1900-01-01 to 2200-12-31");
    expect_json_error("{\"id\": \"P1\"}", GIST_ESCHEMA, "", 0, 0, "\"events\" (an array) is required");
    expect_json_error("{\"id\": 7, \"events\": []}", GIST_ESCHEMA, "/id", 1, 8, "must be a string, not a number");
    expect_json_error("{\"events\": [], }", GIST_EPARSE, "", 1, 16, NULL);
    expect_json_error("", GIST_EPARSE, "", 0, 0, "input is empty");

    gist_timeline *t = (gist_timeline *)&t;
    assert_int_equal(gist_timeline_parse(NULL, "{}", 2, NULL), GIST_EINVAL);
    assert_int_equal(gist_timeline_parse(&t, NULL, 2, NULL), GIST_EINVAL);
    assert_null(t);
    assert_int_equal(gist_timeline_load(NULL, "t.json"), GIST_EINVAL);
    t = (gist_timeline *)&t;
    assert_int_equal(gist_timeline_load(&t, NULL), GIST_EINVAL);
    assert_null(t);
    /* with no source name, errors are located in "<string>" */
    assert_int_equal(gist_timeline_parse(&t, "[]", 2, NULL), GIST_ESCHEMA);
    assert_string_equal(gist_error_last()->source, "<string>");
}

/* An error is located by walking the text, so member names written with escapes must still be found. */
static void test_json_errors_located_behind_escaped_names(void **state)
{
    (void)state;
    struct {
        const char *key; /* as written in the JSON text */
        const char *field;
    } cases[] = {
        {"caf\\u00e9", "/caf\xC3\xA9"},                  /* two UTF-8 bytes */
        {"CAF\\u00C9", "/CAF\xC3\x89"},                  /* upper-case hex digits */
        {"\\u4e2d", "/\xE4\xB8\xAD"},                    /* three bytes */
        {"\\ud83d\\ude00", "/\xF0\x9F\x98\x80"},         /* a surrogate pair: four bytes */
        {"tab\\there\\n\\r\\b\\f\\/", "/tab\there\n\r\b\f/"}, /* short escapes */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        /* the unknown member comes after members with escaped names and values, on line 3 */
        char doc[512];
        snprintf(doc, sizeof doc,
                 "{\"not\\u0065\": \"a \\\"quoted\\\" note \\ud83d\\ude00\",\n"
                 " \"events\": [{\"event\": \"referral\", \"date\": \"2016-01-01\"}, {}, [1, {\"a\": null}]],\n"
                 "  \"%s\": true}",
                 cases[k].key);
        gist_timeline *t = NULL;
        assert_int_equal(gist_timeline_parse(&t, doc, strlen(doc), "esc.json"), GIST_ESCHEMA);
        assert_null(t);
        assert_string_equal(gist_error_last()->field, cases[k].field);
        assert_int_equal(gist_error_last()->line, 3);
        assert_int_equal(gist_error_last()->column, 3); /* at the member's name */
    }
}

/* ---- lines of therapy: situations the rules name ---- */

/* An exposure of the same agent starting while an earlier one is still open is counted once. */
static void test_overlap_with_an_open_exposure(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-01", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    exposure(t, "imatinib", "2015-06-01", "2015-12-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_step_count(l, 0), 1);
    assert_int_equal(gist_lines_finding_count(l), 1);
    assert_int_equal(gist_finding_code_of(l, 0), GIST_FINDING_OVERLAP);
    assert_int_equal(gist_finding_date(l, 0), D("2015-06-01"));
    assert_int_equal(gist_finding_row(l, 0), 3);
    assert_int_equal(gist_finding_line(l, 0), 0);
    assert_string_equal(gist_finding_message(l, 0),
                        "An exposure of imatinib starts while an earlier one is still open; counted once");
    /* the open exposure is still taken */
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_CENSORED);
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* A gap after a stop recorded for intolerance, or after progression was seen, is not an interruption. */
static void test_gap_with_a_recorded_reason_is_not_an_interruption(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-01", "2015-03-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_INTOLERANCE);
    exposure(t, "imatinib", "2015-06-01", "2015-12-31", 300, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_step_count(l, 0), 2);
    assert_true(gist_line_step_dose_mg(l, 0, 1) == 300);
    assert_int_equal(gist_line_step_reason(l, 0, 1), GIST_STOP_INTOLERANCE); /* why the dose changed */
    assert_int_equal(find_code(l, GIST_FINDING_INTERRUPTION), -1);
    long ns = find_code(l, GIST_FINDING_NONSTANDARD_DOSE);
    assert_true(ns >= 0);
    assert_string_equal(gist_finding_message(l, (size_t)ns),
                        "imatinib 300 mg/day is not a standard dose (standard: 400 mg once daily; 800 mg daily "
                        "(400 mg twice daily))");
    gist_lines_free(l);
    gist_timeline_free(t);

    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-01", "2015-03-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    assessment(t, "2015-03-20", GIST_RESPONSE_PROGRESSION, GIST_METHOD_CT);
    exposure(t, "imatinib", "2015-06-01", "2015-12-31", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(find_code(l, GIST_FINDING_INTERRUPTION), -1);
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* A new agent inside the combination window still starts a new line after a gap over the discontinuation threshold. */
static void test_long_gap_inside_the_combination_window_ends_the_line(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-01", "2015-01-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    exposure(t, "sunitinib", "2015-03-01", "2015-06-30", 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.combination_window_days = 365;
    o.discontinuation_days = 10;
    gist_lines *l = lines_of(t, &o);
    assert_int_equal(gist_lines_count(l), 2);
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_DISCONTINUED);
    assert_int_equal(gist_line_end_date(l, 0), D("2015-01-31"));
    assert_int_equal(gist_line_agent_count(l, 1), 1);
    assert_int_equal(find_code(l, GIST_FINDING_SWITCH_WITHOUT_REASON), -1); /* not a switch: a new start */
    gist_lines_free(l);
    /* with the default discontinuation threshold the same window makes one combination line */
    o.discontinuation_days = 180;
    l = lines_of(t, &o);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_agent_count(l, 0), 2);
    gist_lines_free(l);
    /* and with the default window, a switch without a recorded reason */
    l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 2);
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_SWITCHED);
    assert_true(find_code(l, GIST_FINDING_SWITCH_WITHOUT_REASON) >= 0);
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* A line still open when the setting changes ends the day before the next exposure. */
static void test_setting_change_ends_an_open_line(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2010-01-01"), GIST_SETTING_ADJUVANT);
    exposure(t, "imatinib", "2010-01-10", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_timeline_add_setting(t, D("2012-06-01"), GIST_SETTING_ADVANCED);
    exposure(t, "sunitinib", "2012-06-10", NULL, 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 2);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADJUVANT);
    assert_int_equal(gist_line_end_date(l, 0), D("2012-06-09"));
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_SWITCHED);
    assert_int_equal(gist_line_setting(l, 1), GIST_SETTING_ADVANCED);
    assert_int_equal(gist_line_number(l, 1), 1); /* numbered apart from the adjuvant line */
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* Planned off-weeks count only while schedules are honoured, also for the state as of a date. */
static void test_patient_state_honours_schedules_only_when_asked(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "sunitinib", "2015-01-01", "2015-01-28", 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    assessment(t, "2015-01-20", GIST_RESPONSE_STABLE, GIST_METHOD_CLINICAL);
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    gist_patient *p = NULL;
    /* 41 days after the last dose: 27 beyond the 14 planned days off */
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2015-03-10"), &o), GIST_OK);
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_NO);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_STABLE);
    assert_int_equal(gist_patient_basis(p), GIST_BASIS_CLINICAL);
    gist_patient_free(p);
    o.honor_schedules = 0;
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2015-03-10"), &o), GIST_OK);
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_YES);
    gist_patient_free(p);
    gist_timeline_free(t);

    /* an assessment without a method gives no basis */
    gist_timeline_new(&t);
    exposure(t, "imatinib", "2015-01-01", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    assessment(t, "2015-03-01", GIST_RESPONSE_PROGRESSION, GIST_METHOD_UNKNOWN);
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2015-03-10"), NULL), GIST_OK);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION);
    assert_int_equal(gist_patient_basis(p), GIST_BASIS_UNKNOWN);
    gist_patient_free(p);
    gist_timeline_free(t);
}

/* The regimen just before a date is the exposure that ended last, not the one that started last. */
static void test_patient_state_after_nested_exposures(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-01", "2015-12-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    exposure(t, "imatinib", "2015-03-01", "2015-03-31", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_patient *p = NULL;
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2016-01-05"), NULL), GIST_OK);
    assert_true(gist_patient_dose_mg(p) == 400);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION); /* from the recorded stop */
    gist_patient_free(p);
    gist_timeline_free(t);
}

/* ---- audit ---- */

/* P16-7: progression on imatinib 800 confirmed radiologically: switch to sunitinib. */
static void test_P16_7_regorafenib_instead_of_sunitinib_is_out_of_sequence(void **state)
{
    (void)state;
    for (int with_dose = 0; with_dose <= 1; with_dose++) {
        gist_timeline *t = NULL;
        gist_timeline_new(&t);
        gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
        exposure(t, "imatinib", "2015-01-10", "2016-06-30", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
        assessment(t, "2016-06-20", GIST_RESPONSE_PROGRESSION, GIST_METHOD_CT);
        gist_timeline_add_referral(t, D("2016-07-01"));
        exposure(t, "regorafenib", "2016-07-10", NULL, with_dose ? 160 : 0, GIST_SCHEDULE_3ON1OFF,
                 GIST_STOP_UNKNOWN);
        gist_lines *l = audit_of(t);
        gist_timeline_free(t);
        long i = find_code(l, GIST_FINDING_OUT_OF_SEQUENCE);
        assert_true(i >= 0);
        assert_int_equal(gist_finding_severity_of(l, (size_t)i), GIST_SEVERITY_WARNING);
        assert_string_equal(gist_rule_id(gist_finding_rule(l, (size_t)i)), "P16-7.sunitinib-after-progression-on-800");
        assert_int_equal(gist_finding_date(l, (size_t)i), D("2016-07-10"));
        assert_int_equal(gist_finding_line(l, (size_t)i), 1);
        const char *m = gist_finding_message(l, (size_t)i);
        if (with_dose)
            assert_non_null(strstr(m, "regorafenib 160 mg/day is not among the pathway's options at this point ("));
        else
            assert_non_null(strstr(m, "regorafenib is not among the pathway's options at this point ("));
        assert_non_null(strstr(m, "[rule P16-7.sunitinib-after-progression-on-800]"));
        gist_lines_free(l);
    }
}

/* P16-4: radiologically confirmed progression on 400 mg: escalate to 800 mg. Any other dose departs from it. */
static void test_P16_4_escalation_to_another_dose_is_out_of_sequence(void **state)
{
    (void)state;
    struct { double dose; int departs; } cases[] = {{800, 0}, {600, 1}, {300, 1}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        gist_timeline *t = NULL;
        gist_timeline_new(&t);
        gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
        exposure(t, "imatinib", "2015-01-10", "2016-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
        assessment(t, "2016-06-20", GIST_RESPONSE_PROGRESSION, GIST_METHOD_MRI);
        exposure(t, "imatinib", "2016-07-01", NULL, cases[k].dose, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
        gist_lines *l = audit_of(t);
        gist_timeline_free(t);
        assert_int_equal(gist_lines_count(l), 1); /* a dose step, not a new line */
        long i = find_code(l, GIST_FINDING_OUT_OF_SEQUENCE);
        if (!cases[k].departs) {
            assert_int_equal(i, -1);
        } else {
            assert_true(i >= 0);
            assert_string_equal(gist_rule_id(gist_finding_rule(l, (size_t)i)), "P16-4.escalate-to-800");
            char want[64];
            snprintf(want, sizeof want, "imatinib %g mg/day is not among", cases[k].dose);
            assert_non_null(strstr(gist_finding_message(l, (size_t)i), want));
            assert_true(find_code(l, GIST_FINDING_NONSTANDARD_DOSE) >= 0);
        }
        gist_lines_free(l);
    }
}

/* P16-6: intolerance of imatinib 800 mg: switch to sunitinib; going back to 400 mg departs from it. */
static void test_P16_6_dose_reduction_after_intolerance_of_800_is_out_of_sequence(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-10", "2016-06-30", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_INTOLERANCE);
    exposure(t, "imatinib", "2016-07-01", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_lines *l = audit_of(t);
    gist_timeline_free(t);
    assert_int_equal(gist_lines_count(l), 1);
    long i = find_code(l, GIST_FINDING_OUT_OF_SEQUENCE);
    assert_true(i >= 0);
    assert_string_equal(gist_rule_id(gist_finding_rule(l, (size_t)i)), "P16-6.sunitinib-after-intolerance-of-800");
    assert_int_equal(gist_finding_evidence_count(l, (size_t)i), gist_rule_evidence_count(gist_finding_rule(l, (size_t)i)));
    assert_non_null(strstr(gist_finding_message(l, (size_t)i), "imatinib 400 mg/day is not among"));
    gist_lines_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_out_of_range),
        cmocka_unit_test(test_timeline_arguments),
        cmocka_unit_test(test_lines_options_are_checked),
        cmocka_unit_test(test_lines_accessors_outside_the_result),
        cmocka_unit_test(test_json_timeline_errors_name_the_field),
        cmocka_unit_test(test_json_errors_located_behind_escaped_names),
        cmocka_unit_test(test_overlap_with_an_open_exposure),
        cmocka_unit_test(test_gap_with_a_recorded_reason_is_not_an_interruption),
        cmocka_unit_test(test_long_gap_inside_the_combination_window_ends_the_line),
        cmocka_unit_test(test_setting_change_ends_an_open_line),
        cmocka_unit_test(test_patient_state_honours_schedules_only_when_asked),
        cmocka_unit_test(test_patient_state_after_nested_exposures),
        cmocka_unit_test(test_P16_7_regorafenib_instead_of_sunitinib_is_out_of_sequence),
        cmocka_unit_test(test_P16_4_escalation_to_another_dose_is_out_of_sequence),
        cmocka_unit_test(test_P16_6_dose_reduction_after_intolerance_of_800_is_out_of_sequence),
    };
    return cmocka_run_group_tests_name("timeline_api", tests, NULL, NULL);
}
