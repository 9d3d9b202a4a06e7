/*
 * Cohort columns at their edges: optional columns left out, values out of
 * range reported as findings with their rows, the order of events marked
 * sorted checked, and the result's accessors outside their range.
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

static int16_t agent_index(const char *name)
{
    const gist_agent *a = NULL;
    if (gist_agent_lookup(&a, name) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    return (int16_t)gist_agent_index(a);
}

static gist_date D(const char *s)
{
    gist_date d = 0;
    if (gist_date_parse(&d, s) != GIST_OK)
        fail_msg("bad test date %s", s);
    return d;
}

static gist_pathway *builtin(void)
{
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    return pw;
}

/*
 * Only the patient, date and agent columns: every event is an exposure, still
 * ongoing, with no dose recorded. The cohort gives what the timeline API gives
 * for the same history, audit included.
 */
static void test_optional_columns_left_out(void **state)
{
    (void)state;
    int64_t patient[] = {1, 1, 2};
    gist_date date[] = {D("2015-01-01"), D("2015-06-01"), D("2016-01-01")};
    int16_t agent[] = {agent_index("imatinib"), agent_index("sunitinib"), agent_index("regorafenib")};
    gist_events e;
    assert_int_equal(gist_events_init(&e, GIST_EVENTS_VERSION), GIST_OK);
    e.count = 3;
    e.patient = patient;
    e.date = date;
    e.agent = agent;
    gist_pathway *pw = builtin();
    gist_cohort *c = NULL;
    assert_int_equal(gist_cohort_run(&c, &e, pw, NULL, 1000), GIST_OK); /* more threads than allowed: capped */

    /* patient 1 through the timeline API */
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", date[0], GIST_DATE_NONE, 0, GIST_SCHEDULE_UNSPECIFIED,
                                                GIST_STOP_UNKNOWN),
                     GIST_OK);
    assert_int_equal(gist_timeline_add_exposure(t, "sunitinib", date[1], GIST_DATE_NONE, 0, GIST_SCHEDULE_UNSPECIFIED,
                                                GIST_STOP_UNKNOWN),
                     GIST_OK);
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_audit(&l, t, pw, NULL), GIST_OK);

    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    assert_int_equal(lt.count, 3);
    assert_int_equal(gist_lines_count(l), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(lt.patient[i], 1);
        assert_int_equal(lt.start[i], gist_line_start_date(l, i));
        assert_int_equal(lt.end[i], gist_line_end_date(l, i));
        assert_int_equal(lt.end_reason[i], gist_line_end_reason(l, i));
        assert_string_equal(gist_cohort_line_agents(c, i), gist_agent_name(gist_line_agent(l, i, 0)));
    }
    /* the ongoing imatinib ends the day before sunitinib starts, with no reason recorded */
    assert_int_equal(lt.end[0], D("2015-05-31"));
    assert_int_equal(lt.end_reason[0], GIST_LINE_END_SWITCHED);
    assert_int_equal(lt.end_reason[1], GIST_LINE_END_CENSORED);
    assert_string_equal(gist_cohort_line_steps(c, 0), "2015-01-01:imatinib::unknown"); /* no dose recorded */

    size_t n1 = 0;
    for (size_t i = 0; i < ft.count; i++) {
        if (ft.patient[i] != 1)
            continue;
        assert_true(n1 < gist_lines_finding_count(l));
        assert_int_equal(ft.code[i], gist_finding_code_of(l, n1));
        assert_int_equal(ft.date[i], gist_finding_date(l, n1));
        assert_int_equal(ft.row[i], gist_finding_row(l, n1));
        assert_string_equal(gist_cohort_finding_message(c, i), gist_finding_message(l, n1));
        const gist_rule *r = gist_finding_rule(l, n1);
        assert_string_equal(gist_cohort_finding_rule(c, i), r ? gist_rule_id(r) : "");
        n1++;
    }
    assert_int_equal(n1, gist_lines_finding_count(l));
    assert_true(n1 >= 2); /* the setting was assumed; imatinib was replaced with no reason */
    assert_int_equal(gist_finding_code_of(l, 0), GIST_FINDING_SETTING_ASSUMED);
    assert_int_equal(gist_finding_code_of(l, 1), GIST_FINDING_SWITCH_WITHOUT_REASON);
    assert_string_equal(gist_finding_message(l, 1),
                        "imatinib was replaced by sunitinib with no progression or intolerance recorded");
    gist_lines_free(l);
    gist_timeline_free(t);
    gist_cohort_free(c);
    gist_pathway_free(pw);
}

/* Point events and exposures whose values are out of range are reported with their rows, never dropped. */
static void test_values_out_of_range_are_findings(void **state)
{
    (void)state;
    enum { N = 17 };
    int16_t ima = agent_index("imatinib");
    int64_t patient[N];
    for (size_t i = 0; i < N; i++)
        patient[i] = 5;
    gist_date d0 = D("2015-01-01");
    /* one event a day; rows numbered from 101 */
    gist_date date[N], end[N];
    uint8_t kind[N], value[N], method[N], criteria[N], extent[N], schedule[N], reason[N];
    int16_t agent[N];
    double dose[N];
    uint32_t row[N];
    memset(value, 0, sizeof value);
    memset(method, 0, sizeof method);
    memset(criteria, 0, sizeof criteria);
    memset(extent, 0, sizeof extent);
    memset(schedule, 0, sizeof schedule);
    memset(reason, 0, sizeof reason);
    for (size_t i = 0; i < N; i++) {
        date[i] = d0 + (gist_date)i;
        end[i] = GIST_DATE_NONE;
        agent[i] = -1;
        dose[i] = 0;
        row[i] = (uint32_t)(101 + i);
        kind[i] = GIST_EVENT_ASSESSMENT;
        value[i] = GIST_RESPONSE_STABLE;
    }
    /* 0: a valid setting; 1: a valid genotype; 2: a valid exposure that makes the line */
    kind[0] = GIST_EVENT_SETTING, value[0] = GIST_SETTING_ADVANCED;
    kind[1] = GIST_EVENT_GENOTYPE, value[1] = GIST_GENOTYPE_KIT_EXON11;
    kind[2] = GIST_EVENT_EXPOSURE, agent[2] = ima, dose[2] = 400, end[2] = d0 + 2;
    /* invalid point events */
    value[3] = 0;                                         /* an assessment without a response */
    value[4] = GIST_RESPONSE_COUNT;                       /* a response out of range */
    method[5] = GIST_METHOD_COUNT;                        /* a method out of range */
    criteria[6] = GIST_CRITERIA_COUNT;                    /* criteria out of range */
    extent[7] = GIST_EXTENT_COUNT;                        /* an extent out of range */
    kind[8] = GIST_EVENT_GENOTYPE, value[8] = 0;          /* a genotype without a value */
    kind[9] = GIST_EVENT_GENOTYPE, value[9] = GIST_GENOTYPE_COUNT;
    kind[10] = GIST_EVENT_SETTING, value[10] = 0;         /* a setting without a value */
    kind[11] = GIST_EVENT_SETTING, value[11] = 3;
    kind[12] = GIST_EVENT_KIND_COUNT;                     /* no such kind */
    /* invalid exposures */
    kind[13] = GIST_EVENT_EXPOSURE, agent[13] = ima, schedule[13] = GIST_SCHEDULE_COUNT;
    kind[14] = GIST_EVENT_EXPOSURE, agent[14] = ima, reason[14] = GIST_STOP_COUNT;
    kind[15] = GIST_EVENT_EXPOSURE, agent[15] = ima, dose[15] = NAN;
    kind[16] = GIST_EVENT_EXPOSURE, agent[16] = ima, end[16] = GIST_DATE_MAX + 1;
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = N;
    e.patient = patient;
    e.date = date;
    e.kind = kind;
    e.end = end;
    e.agent = agent;
    e.dose_mg = dose;
    e.schedule = schedule;
    e.reason = reason;
    e.value = value;
    e.method = method;
    e.criteria = criteria;
    e.extent = extent;
    e.row = row;
    e.sorted = 1;
    gist_pathway *pw = builtin();
    gist_cohort *c = NULL;
    assert_int_equal(gist_cohort_run(&c, &e, pw, NULL, 1), GIST_OK);
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    uint32_t seen = 0;
    for (size_t i = 0; i < ft.count; i++) {
        if (ft.code[i] != GIST_FINDING_INVALID_EVENT)
            continue;
        uint32_t k = ft.row[i] - 101;
        assert_true(k >= 3 && k < N);
        seen |= 1u << k;
        assert_int_equal(ft.line[i], -1);
        assert_int_equal(ft.severity[i], GIST_SEVERITY_WARNING);
        const char *why = k == 15   ? "its dose is not a plausible daily dose"
                          : k == 16 ? "its date is missing or outside 1900-01-01 to 2200-12-31"
                                    : "a value is unknown or missing";
        char want[128];
        snprintf(want, sizeof want, "Event not used: %s", why);
        assert_string_equal(gist_cohort_finding_message(c, i), want);
        assert_string_equal(gist_cohort_finding_evidence(c, i), "");
    }
    assert_int_equal(seen, ((1u << N) - 1) & ~7u); /* every invalid event, once */
    /* the valid events still count: one advanced line, and the genotype is known to the audit */
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(lt.count, 1);
    assert_int_equal(lt.setting[0], GIST_SETTING_ADVANCED);
    /* stopped too recently to call it: censored at the last event date */
    assert_int_equal(lt.end_reason[0], GIST_LINE_END_CENSORED);
    assert_int_equal(lt.end[0], d0 + N - 1);
    gist_cohort_free(c);
    gist_pathway_free(pw);
}

/* Events marked sorted are checked patient, date and kind; unsorted ties keep settings first. */
static void test_sorted_events_checked_by_kind(void **state)
{
    (void)state;
    int16_t ima = agent_index("imatinib");
    int64_t patient[] = {3, 3, 3};
    gist_date date[] = {D("2015-01-01"), D("2015-01-01"), D("2015-01-01")};
    uint8_t kind[] = {GIST_EVENT_EXPOSURE, GIST_EVENT_SETTING, GIST_EVENT_EXPOSURE};
    uint8_t value[] = {0, GIST_SETTING_ADJUVANT, 0};
    int16_t agent[] = {ima, -1, ima};
    gist_date end[] = {D("2015-12-31"), GIST_DATE_NONE, D("2015-12-31")};
    uint32_t row[] = {10, 20, 30};
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = 3;
    e.patient = patient;
    e.date = date;
    e.kind = kind;
    e.value = value;
    e.agent = agent;
    e.end = end;
    e.row = row;
    e.sorted = 1;
    gist_cohort *c = (gist_cohort *)&c;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 1), GIST_EORDER);
    assert_null(c);
    assert_non_null(strstr(gist_error_last()->message, "event 1 (row 20) is out of order"));
    /* unsorted, the setting of the day comes first: one adjuvant line, the second exposure overlapping */
    e.sorted = 0;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 1), GIST_OK);
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_lines(c, &lt), GIST_OK);
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    assert_int_equal(lt.count, 1);
    assert_int_equal(lt.setting[0], GIST_SETTING_ADJUVANT);
    assert_int_equal(ft.count, 1);
    assert_int_equal(ft.code[0], GIST_FINDING_OVERLAP);
    assert_int_equal(ft.row[0], 30); /* the later of the two in the input */
    assert_string_equal(gist_cohort_finding_message(c, 0), "Exposures of imatinib overlap by 365 days; counted once");
    assert_int_equal(lt.findings[0], 1);
    gist_cohort_free(c);
}

static void test_cohort_arguments_and_accessors(void **state)
{
    (void)state;
    gist_cohort *c = (gist_cohort *)&c;
    assert_int_equal(gist_cohort_run(&c, NULL, NULL, NULL, 0), GIST_EINVAL);
    assert_null(c);
    int64_t patient[] = {1};
    gist_date date[] = {D("2015-01-01")};
    gist_events e;
    gist_events_init(&e, GIST_EVENTS_VERSION);
    e.count = 1;
    e.date = date;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_EINVAL); /* no patient column */
    assert_non_null(strstr(gist_error_last()->message, "the patient and date columns are required"));
    e.patient = patient;
    /* the count is checked before any column is read */
    e.count = (size_t)UINT32_MAX + 1;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_ELIMIT);
    assert_non_null(strstr(gist_error_last()->message, "4294967296 events; the limit is 4294967295"));
    e.count = 1;
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.combination_window_days = -5;
    assert_int_equal(gist_cohort_run(&c, &e, NULL, &o, 0), GIST_ERANGE);
    assert_non_null(strstr(gist_error_last()->message, "combination_window_days -5"));
    assert_null(c);

    /* a result without agents: the exposure's agent is unknown */
    assert_int_equal(gist_cohort_run(&c, &e, NULL, NULL, 0), GIST_OK);
    gist_lines_table lt = {.version = GIST_COHORT_TABLE_VERSION};
    gist_steps_table st = {.version = GIST_COHORT_TABLE_VERSION};
    gist_findings_table ft = {.version = GIST_COHORT_TABLE_VERSION};
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_OK);
    assert_int_equal(ft.count, 1);
    assert_int_equal(ft.code[0], GIST_FINDING_INVALID_EVENT);
    assert_string_equal(gist_cohort_finding_message(c, 0), "Event not used: its agent is unknown");
    assert_string_equal(gist_cohort_finding_rule(c, 0), "");
    assert_null(gist_cohort_finding_rule(c, 1));
    assert_null(gist_cohort_finding_evidence(c, 1));
    assert_null(gist_cohort_line_steps(c, 0));
    assert_null(gist_cohort_line_agents(c, 0));
    assert_int_equal(gist_cohort_regimen_count(c), 0);

    assert_int_equal(gist_cohort_lines(NULL, &lt), GIST_EINVAL);
    assert_int_equal(gist_cohort_lines(c, NULL), GIST_EINVAL);
    assert_int_equal(gist_cohort_steps(NULL, &st), GIST_EINVAL);
    assert_int_equal(gist_cohort_steps(c, NULL), GIST_EINVAL);
    assert_int_equal(gist_cohort_findings(NULL, &ft), GIST_EINVAL);
    assert_int_equal(gist_cohort_findings(c, NULL), GIST_EINVAL);
    st.version = 2;
    assert_int_equal(gist_cohort_steps(c, &st), GIST_EVERSION);
    assert_non_null(strstr(gist_error_last()->message, "gist_cohort_steps: table version 2 is not 1"));
    ft.version = 0;
    assert_int_equal(gist_cohort_findings(c, &ft), GIST_EVERSION);
    gist_cohort_free(c);

    assert_null(gist_cohort_options(NULL));
    assert_int_equal(gist_cohort_regimen_count(NULL), 0);
    assert_null(gist_cohort_regimen(NULL, 0));
    assert_null(gist_cohort_line_agents(NULL, 0));
    assert_null(gist_cohort_line_steps(NULL, 0));
    assert_null(gist_cohort_finding_rule(NULL, 0));
    assert_null(gist_cohort_finding_evidence(NULL, 0));
    assert_null(gist_cohort_finding_message(NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_optional_columns_left_out),
        cmocka_unit_test(test_values_out_of_range_are_findings),
        cmocka_unit_test(test_sorted_events_checked_by_kind),
        cmocka_unit_test(test_cohort_arguments_and_accessors),
    };
    return cmocka_run_group_tests_name("cohort_columns", tests, NULL, NULL);
}
