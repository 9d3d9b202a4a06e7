/*
 * Timelines: dates, events, the lines-of-therapy rules one by one, the
 * patient state as of a date, audit findings, and the JSON and CSV readers.
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
#include <unistd.h>

#include <cmocka.h>

#include <gist/gist.h>

static gist_date D(const char *s)
{
    gist_date d = 0;
    if (gist_date_parse(&d, s) != GIST_OK)
        fail_msg("bad test date %s", s);
    return d;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* ---- dates ---- */

static void test_dates(void **state)
{
    (void)state;
    gist_date d = 1;
    char buf[11];
    assert_int_equal(gist_date_from_ymd(&d, 1970, 1, 1), GIST_OK);
    assert_int_equal(d, 0);
    assert_int_equal(gist_date_from_ymd(&d, 1900, 1, 1), GIST_OK);
    assert_int_equal(d, GIST_DATE_MIN);
    assert_int_equal(gist_date_from_ymd(&d, 2200, 12, 31), GIST_OK);
    assert_int_equal(d, GIST_DATE_MAX);
    assert_int_equal(gist_date_from_ymd(&d, 2024, 2, 29), GIST_OK);
    assert_int_equal(gist_date_format(d, buf), GIST_OK);
    assert_string_equal(buf, "2024-02-29");
    assert_int_equal(gist_date_from_ymd(&d, 2023, 2, 29), GIST_ERANGE);
    assert_int_equal(gist_date_from_ymd(&d, 2100, 2, 29), GIST_ERANGE); /* not a leap year */
    assert_int_equal(gist_date_from_ymd(&d, 2000, 2, 29), GIST_OK);     /* a leap year */
    assert_int_equal(gist_date_from_ymd(&d, 1899, 12, 31), GIST_ERANGE);
    assert_int_equal(gist_date_from_ymd(&d, 2201, 1, 1), GIST_ERANGE);
    assert_int_equal(gist_date_from_ymd(&d, 2020, 13, 1), GIST_ERANGE);
    assert_int_equal(gist_date_from_ymd(NULL, 2020, 1, 1), GIST_EINVAL);
    assert_int_equal(gist_date_parse(&d, "2016-07-01"), GIST_OK);
    assert_int_equal(gist_date_format(d + 1, buf), GIST_OK);
    assert_string_equal(buf, "2016-07-02");
    assert_int_equal(gist_date_parse(&d, "2016-7-1"), GIST_EPARSE);
    assert_int_equal(gist_date_parse(&d, "2016-07-01T00:00"), GIST_EPARSE);
    assert_int_equal(gist_date_parse(&d, "20160701"), GIST_EPARSE);
    assert_int_equal(gist_date_parse(&d, "1850-01-01"), GIST_ERANGE);
    assert_int_equal(gist_date_parse(&d, "2016-06-31"), GIST_ERANGE);
    assert_int_equal(gist_date_parse(&d, NULL), GIST_EINVAL);
    assert_int_equal(gist_date_format(GIST_DATE_MAX + 1, buf), GIST_ERANGE);
    assert_string_equal(buf, "");
    assert_int_equal(gist_date_format(0, NULL), GIST_EINVAL);
    /* every day of the range round-trips */
    for (gist_date x = GIST_DATE_MIN; x <= GIST_DATE_MAX; x += 7) {
        gist_date y = 0;
        assert_int_equal(gist_date_format(x, buf), GIST_OK);
        assert_int_equal(gist_date_parse(&y, buf), GIST_OK);
        assert_int_equal(x, y);
    }
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(gist_method_name(GIST_METHOD_PET), "pet");
    assert_string_equal(gist_criteria_name(GIST_CRITERIA_CHOI), "choi");
    assert_string_equal(gist_line_end_name(GIST_LINE_END_DISCONTINUED), "discontinued");
    assert_string_equal(gist_finding_code_name(GIST_FINDING_NO_REFERRAL), "no_referral");
    assert_string_equal(gist_event_kind_name(GIST_EVENT_REFERRAL), "referral");
    assert_null(gist_finding_code_name((gist_finding_code)GIST_FINDING_END));
    assert_null(gist_line_end_name((gist_line_end)0));
    assert_null(gist_method_name((gist_method)-1));
}

/* ---- the timeline API ---- */

static void test_events_are_validated(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    assert_int_equal(gist_timeline_new(&t), GIST_OK);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), D("2015-12-31"), 400,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    assert_non_null(strstr(gist_error_last()->message, "ends before it starts"));
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), GIST_DATE_NONE, 40000,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), GIST_DATE_NONE, -5,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), GIST_DATE_NONE, NAN,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    assert_int_equal(gist_timeline_add_exposure(t, "placebo", D("2016-01-01"), GIST_DATE_NONE, 400,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ENOTFOUND);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", GIST_DATE_MIN - 1, GIST_DATE_NONE, 400,
                                                GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                     GIST_ERANGE);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), GIST_DATE_NONE, 400,
                                                (gist_schedule)9, GIST_STOP_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_exposure(t, "imatinib", D("2016-01-01"), GIST_DATE_NONE, 400,
                                                GIST_SCHEDULE_CONTINUOUS, (gist_stop_reason)9),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_exposure(t, NULL, 0, 0, 0, 0, 0), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_exposure(NULL, "imatinib", 0, 0, 0, 0, 0), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, D("2016-01-01"), GIST_RESPONSE_UNKNOWN, GIST_METHOD_CT,
                                                  GIST_CRITERIA_RECIST, GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_assessment(t, D("2016-01-01"), GIST_RESPONSE_STABLE, (gist_method)7,
                                                  GIST_CRITERIA_RECIST, GIST_EXTENT_UNKNOWN),
                     GIST_EINVAL);
    assert_int_equal(gist_timeline_add_genotype(t, D("2016-01-01"), GIST_GENOTYPE_UNKNOWN), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_setting(t, D("2016-01-01"), GIST_SETTING_UNKNOWN), GIST_EINVAL);
    assert_int_equal(gist_timeline_add_referral(t, GIST_DATE_MAX + 1), GIST_ERANGE);
    assert_int_equal(gist_timeline_event_count(t), 0); /* nothing was added by the failures */
    assert_int_equal(gist_timeline_add_exposure(t, "Glivec", D("2016-01-01"), GIST_DATE_NONE, 0,
                                                GIST_SCHEDULE_UNSPECIFIED, GIST_STOP_UNKNOWN),
                     GIST_OK); /* dose not recorded */
    assert_int_equal(gist_timeline_event_count(t), 1);
    assert_int_equal(gist_timeline_set_id(t, "patient-1"), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "patient-1");
    assert_int_equal(gist_timeline_set_id(t, "bad\xff"), GIST_EINVAL); /* not UTF-8 */
    assert_non_null(strstr(gist_error_last()->message, "UTF-8"));
    assert_string_equal(gist_timeline_id(t), "patient-1");              /* unchanged */
    assert_int_equal(gist_timeline_set_id(NULL, "x"), GIST_EINVAL);
    assert_int_equal(gist_timeline_clear(t), GIST_OK);
    assert_int_equal(gist_timeline_event_count(t), 0);
    assert_string_equal(gist_timeline_id(t), "");
    gist_timeline_free(t);
    gist_timeline_free(NULL);
    assert_int_equal(gist_timeline_new(NULL), GIST_EINVAL);
}

static gist_lines *lines_of(gist_timeline *t, const gist_lines_options *o)
{
    gist_lines *l = NULL;
    if (gist_timeline_lines(&l, t, o) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    return l;
}

static void exposure(gist_timeline *t, const char *agent, const char *start, const char *end, double dose,
                     gist_schedule s, gist_stop_reason r)
{
    if (gist_timeline_add_exposure(t, agent, D(start), end ? D(end) : GIST_DATE_NONE, dose, s, r) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
}

static int count_code(const gist_lines *l, gist_finding_code code)
{
    int n = 0;
    for (size_t i = 0; i < gist_lines_finding_count(l); i++)
        n += gist_finding_code_of(l, i) == code;
    return n;
}

static void test_dose_step_inside_a_line(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2015-01-10", "2016-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    exposure(t, "imatinib", "2016-07-01", "2016-12-31", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_number(l, 0), 1);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADVANCED);
    assert_int_equal(gist_line_start_date(l, 0), D("2015-01-10"));
    assert_int_equal(gist_line_end_date(l, 0), D("2016-12-31"));
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_PROGRESSION);
    assert_int_equal(gist_line_agent_count(l, 0), 1);
    assert_int_equal(gist_line_step_count(l, 0), 2);
    assert_true(gist_line_step_dose_mg(l, 0, 0) == 400);
    assert_true(gist_line_step_dose_mg(l, 0, 1) == 800);
    assert_int_equal(gist_line_step_date(l, 0, 1), D("2016-07-01"));
    assert_int_equal(gist_line_step_reason(l, 0, 1), GIST_STOP_PROGRESSION);
    assert_string_equal(gist_agent_name(gist_line_step_agent(l, 0, 1)), "imatinib");
    assert_int_equal(gist_lines_finding_count(l), 0);
    /* out of range */
    assert_null(gist_line_agent(l, 0, 1));
    assert_null(gist_line_step_agent(l, 0, 2));
    assert_int_equal(gist_line_number(l, 1), 0);
    assert_int_equal(gist_line_start_date(l, 1), GIST_DATE_NONE);
    gist_lines_free(l);
    gist_timeline_free(t);
}

static void test_combination_window(void **state)
{
    (void)state;
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    for (int days = 28; days <= 29; days++) {
        gist_timeline *t = NULL;
        gist_timeline_new(&t);
        gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
        exposure(t, "sunitinib", "2015-01-01", "2015-06-30", 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
        gist_date second = D("2015-01-01") + days;
        assert_int_equal(gist_timeline_add_exposure(t, "dasatinib", second, D("2015-06-30"), 0,
                                                    GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                         GIST_OK);
        gist_lines *l = lines_of(t, &o);
        if (days == 28) { /* within the window: one combination line */
            assert_int_equal(gist_lines_count(l), 1);
            assert_int_equal(gist_line_agent_count(l, 0), 2);
            assert_string_equal(gist_agent_name(gist_line_agent(l, 0, 1)), "dasatinib");
        } else { /* a day later: a new line, switched without a recorded reason */
            assert_int_equal(gist_lines_count(l), 2);
            assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_SWITCHED);
            assert_int_equal(count_code(l, GIST_FINDING_SWITCH_WITHOUT_REASON), 1);
        }
        gist_lines_free(l);
        gist_timeline_free(t);
    }
}

static void test_scheduled_off_weeks_are_not_gaps(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    /* sunitinib 4 weeks on, 2 off, recorded cycle by cycle */
    gist_date start = D("2015-01-01");
    for (int c = 0; c < 4; c++) {
        assert_int_equal(gist_timeline_add_exposure(t, "sunitinib", start, start + 27, 50, GIST_SCHEDULE_4ON2OFF,
                                                    GIST_STOP_UNKNOWN),
                         GIST_OK);
        start += 42;
    }
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.interruption_days = 10; /* shorter than the 14 off days */
    gist_lines *l = lines_of(t, &o);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(count_code(l, GIST_FINDING_INTERRUPTION), 0);
    gist_lines_free(l);
    o.honor_schedules = 0; /* the same gaps now count */
    l = lines_of(t, &o);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(count_code(l, GIST_FINDING_INTERRUPTION), 3);
    assert_int_equal(gist_lines_options_used(l)->honor_schedules, 0);
    gist_lines_free(l);
    gist_timeline_free(t);
}

static void test_interruption_and_discontinuation_thresholds(void **state)
{
    (void)state;
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    struct { int gap; int lines; int interruptions; } cases[] = {
        {28, 1, 0},  /* at the threshold: not an interruption */
        {29, 1, 1},  /* over it */
        {180, 1, 1}, /* at the discontinuation threshold: same line */
        {181, 2, 0}, /* over it: the line ends */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        gist_timeline *t = NULL;
        gist_timeline_new(&t);
        gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
        exposure(t, "imatinib", "2015-01-01", "2015-03-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
        gist_date resume = D("2015-03-31") + cases[k].gap + 1;
        gist_timeline_add_exposure(t, "imatinib", resume, resume + 60, 400, GIST_SCHEDULE_CONTINUOUS,
                                   GIST_STOP_UNKNOWN);
        gist_lines *l = lines_of(t, &o);
        assert_int_equal(gist_lines_count(l), (size_t)cases[k].lines);
        assert_int_equal(count_code(l, GIST_FINDING_INTERRUPTION), cases[k].interruptions);
        if (cases[k].lines == 2) {
            assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_DISCONTINUED);
            assert_int_equal(gist_line_rechallenge(l, 1), 0); /* a restart, not a re-challenge */
        }
        gist_lines_free(l);
        gist_timeline_free(t);
    }
}

static void test_rechallenge_and_adjuvant(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2010-01-01"), GIST_SETTING_ADJUVANT);
    exposure(t, "imatinib", "2010-01-10", "2012-12-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_COMPLETED);
    gist_timeline_add_setting(t, D("2014-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2014-01-10", "2015-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    exposure(t, "sunitinib", "2015-07-10", "2016-01-31", 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_PROGRESSION);
    exposure(t, "regorafenib", "2016-02-10", "2016-08-31", 160, GIST_SCHEDULE_3ON1OFF, GIST_STOP_PROGRESSION);
    exposure(t, "imatinib", "2016-09-10", NULL, 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 5);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADJUVANT);
    assert_int_equal(gist_line_number(l, 0), 1);
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_COMPLETED);
    for (size_t i = 1; i < 5; i++) {
        assert_int_equal(gist_line_setting(l, i), GIST_SETTING_ADVANCED);
        assert_int_equal(gist_line_number(l, i), (int)i);
    }
    assert_int_equal(gist_line_rechallenge(l, 1), 0); /* adjuvant imatinib is not an earlier advanced line */
    assert_int_equal(gist_line_rechallenge(l, 4), 1); /* imatinib again after other lines */
    assert_int_equal(gist_line_end_reason(l, 4), GIST_LINE_END_CENSORED);
    assert_int_equal(gist_line_end_date(l, 4), D("2016-09-10")); /* censored at the last event date */
    gist_lines_free(l);

    /* with a censoring date, the open line is censored there, and later events are not seen */
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.censor_date = D("2016-03-01");
    l = lines_of(t, &o);
    assert_int_equal(gist_lines_count(l), 4);
    assert_int_equal(gist_line_end_reason(l, 3), GIST_LINE_END_CENSORED);
    assert_int_equal(gist_line_end_date(l, 3), D("2016-03-01"));
    gist_lines_free(l);
    gist_timeline_free(t);
}

static void test_setting_assumed_and_invalid_options(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    exposure(t, "imatinib", "2015-01-10", "2015-12-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_lines_options o;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    o.unknown_setting = GIST_SETTING_ADJUVANT;
    gist_lines *l = lines_of(t, &o);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADJUVANT);
    assert_int_equal(count_code(l, GIST_FINDING_SETTING_ASSUMED), 1);
    assert_non_null(strstr(gist_finding_message(l, 0), "adjuvant"));
    gist_lines_free(l);
    o.discontinuation_days = -1;
    assert_int_equal(gist_timeline_lines(&l, t, &o), GIST_ERANGE);
    assert_null(l);
    o.discontinuation_days = 180;
    o.version = 7;
    assert_int_equal(gist_timeline_lines(&l, t, &o), GIST_EVERSION);
    assert_int_equal(gist_lines_options_init(&o, 2), GIST_EVERSION);
    assert_int_equal(gist_lines_options_init(NULL, 1), GIST_EINVAL);
    assert_int_equal(gist_timeline_lines(NULL, t, NULL), GIST_EINVAL);
    assert_int_equal(gist_timeline_lines(&l, NULL, NULL), GIST_EINVAL);
    assert_int_equal(gist_timeline_audit(&l, t, NULL, NULL), GIST_EINVAL);
    char *desc = NULL;
    gist_lines_options_init(&o, GIST_LINES_OPTIONS_VERSION);
    assert_int_equal(gist_lines_options_describe(&o, &desc), GIST_OK);
    assert_string_equal(desc, "lines_options_version=1 combination_window_days=28 interruption_days=28 "
                              "discontinuation_days=180 honor_schedules=1 unknown_setting=advanced "
                              "censor_date=last-event");
    gist_free(desc);
    gist_timeline_free(t);
}

static void test_one_patient_with_a_million_events(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("1950-01-01"), GIST_SETTING_ADVANCED);
    gist_date day = D("1950-01-10");
    for (int i = 0; i < 1000000; i++) {
        /* daily refills, the dose alternating every 100 000 days' worth of records */
        double dose = (i / 100000) % 2 ? 800 : 400;
        assert_int_equal(gist_timeline_add_exposure(t, "imatinib", day + i / 30, day + i / 30, dose,
                                                    GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN),
                         GIST_OK);
    }
    gist_lines *l = lines_of(t, NULL);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_step_count(l, 0), 10);
    /* a refill on the day of the previous one overlaps it: reported, and counted once */
    assert_true(count_code(l, GIST_FINDING_OVERLAP) > 900000);
    gist_lines_free(l);
    gist_timeline_free(t);
}

/* ---- the state as of a date ---- */

static gist_timeline *standard_history(void)
{
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_set_id(t, "S");
    gist_timeline_add_setting(t, D("2015-01-01"), GIST_SETTING_ADVANCED);
    gist_timeline_add_genotype(t, D("2015-01-05"), GIST_GENOTYPE_KIT_EXON11);
    exposure(t, "imatinib", "2015-01-10", "2016-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    gist_timeline_add_assessment(t, D("2016-06-25"), GIST_RESPONSE_PROGRESSION, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                 GIST_EXTENT_GENERALIZED);
    exposure(t, "imatinib", "2016-07-01", "2016-10-31", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    exposure(t, "imatinib", "2017-01-15", "2017-12-31", 800, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_INTOLERANCE);
    exposure(t, "sunitinib", "2018-01-10", NULL, 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    gist_timeline_add_referral(t, D("2018-02-01"));
    return t;
}

static gist_patient *at(const gist_timeline *t, const char *date)
{
    gist_patient *p = NULL;
    if (gist_timeline_patient_at(&p, t, D(date), NULL) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    return p;
}

static void test_patient_state_as_of_a_date(void **state)
{
    (void)state;
    gist_timeline *t = standard_history();
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);

    /* before any therapy */
    gist_patient *p = at(t, "2015-01-02");
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_NO);
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_UNKNOWN); /* not known yet */
    gist_patient_free(p);

    /* the day 400 mg stopped for confirmed progression: escalation is advised (P16-4) */
    p = at(t, "2016-06-30");
    assert_string_equal(gist_patient_id(p), "S");
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "imatinib");
    assert_true(gist_patient_dose_mg(p) == 400);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION);
    assert_int_equal(gist_patient_basis(p), GIST_BASIS_RADIOLOGIC);
    assert_int_equal(gist_patient_extent(p), GIST_EXTENT_GENERALIZED);
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_KIT_EXON11);
    assert_int_equal(gist_patient_line(p), 1);
    gist_advice *a = NULL;
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    gist_advice_free(a);
    gist_patient_free(p);

    /* on 800 mg, no assessment since the escalation: the response is unknown */
    p = at(t, "2016-09-01");
    assert_true(gist_patient_dose_mg(p) == 800);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_UNKNOWN);
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_NO);
    gist_patient_free(p);

    /* in a 75-day gap without a recorded reason: interrupted, and the pathway warns (P16-2) */
    p = at(t, "2017-01-14");
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_YES);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    int warned = 0;
    for (size_t i = 0; i < gist_advice_alert_count(a); i++)
        warned |= strcmp(gist_alert_id(gist_advice_alert(a, i)), "P16-2.no-holidays") == 0;
    assert_true(warned);
    gist_advice_free(a);
    gist_patient_free(p);

    /* stopped for intolerance of 800 mg: sunitinib is advised (P16-6) */
    p = at(t, "2018-01-05");
    assert_int_equal(gist_patient_tolerance(p), GIST_TOLERANCE_INTOLERANT);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-6.sunitinib-after-intolerance-of-800");
    gist_advice_free(a);
    gist_patient_free(p);

    /* on sunitinib: line 2, one failed line before it, referred */
    p = at(t, "2018-03-01");
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "sunitinib");
    assert_int_equal(gist_patient_schedule(p), GIST_SCHEDULE_4ON2OFF);
    assert_int_equal(gist_patient_line(p), 2);
    assert_int_equal(gist_patient_failed_lines(p), 1);
    assert_int_equal(gist_patient_referred(p), GIST_TRISTATE_YES);
    gist_patient_free(p);

    assert_int_equal(gist_timeline_patient_at(&p, t, GIST_DATE_MAX + 1, NULL), GIST_ERANGE);
    assert_int_equal(gist_timeline_patient_at(NULL, t, 0, NULL), GIST_EINVAL);
    gist_pathway_free(pw);
    gist_timeline_free(t);
}

static void test_combination_is_not_one_regimen(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    exposure(t, "dabrafenib", "2020-01-01", NULL, 0, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    exposure(t, "trametinib", "2020-01-01", NULL, 0, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_patient *p = NULL;
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2020-02-01"), NULL), GIST_ESTATE);
    assert_non_null(strstr(gist_error_last()->message, "combination"));
    assert_null(p);
    gist_timeline_free(t);
}

/* ---- readers and the fixture with hand-checked lines and findings ---- */

/* Run every patient of a CSV text through lines or audit and join the CSV outputs. */
static char *run_csv(const char *csv, size_t len, const gist_pathway *pw)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    assert_int_equal(gist_event_reader_open_string(&r, csv, len, "fixture.csv"), GIST_OK);
    assert_int_equal(gist_timeline_new(&t), GIST_OK);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    int first = 1;
    for (;;) {
        int done = 0;
        if (gist_event_reader_next(r, t, &done) != GIST_OK)
            fail_msg("%s", gist_error_last()->message);
        if (done)
            break;
        gist_lines *l = NULL;
        char *text = NULL;
        if (pw) {
            assert_int_equal(gist_timeline_audit(&l, t, pw, NULL), GIST_OK);
            assert_int_equal(gist_lines_findings_to_csv(l, first ? GIST_CSV_HEADER : 0, &text), GIST_OK);
        } else {
            assert_int_equal(gist_timeline_lines(&l, t, NULL), GIST_OK);
            assert_int_equal(gist_lines_to_csv(l, first ? GIST_CSV_HEADER : 0, &text), GIST_OK);
        }
        first = 0;
        size_t k = strlen(text);
        while (n + k + 1 > cap)
            out = realloc(out, cap *= 2);
        memcpy(out + n, text, k + 1);
        n += k;
        gist_free(text);
        gist_lines_free(l);
    }
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return out;
}

static void test_fixture_lines_and_findings(void **state)
{
    (void)state;
    size_t len = 0;
    char *csv = slurp(GIST_TEST_DATA "/lot/cohort.csv", &len);
    char *want_lines = slurp(GIST_TEST_DATA "/lot/cohort.lines.csv", NULL);
    char *want_audit = slurp(GIST_TEST_DATA "/lot/cohort.audit.csv", NULL);
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    char *got = run_csv(csv, len, NULL);
    assert_string_equal(got, want_lines);
    free(got);
    got = run_csv(csv, len, pw);
    assert_string_equal(got, want_audit);
    free(got);
    gist_pathway_free(pw);
    free(csv);
    free(want_lines);
    free(want_audit);
}

static void test_audit_result_outlives_the_pathway(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2018-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2018-01-10", "2018-12-31", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_PROGRESSION);
    gist_timeline_add_assessment(t, D("2018-12-20"), GIST_RESPONSE_PROGRESSION, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                 GIST_EXTENT_GENERALIZED);
    exposure(t, "sunitinib", "2019-01-05", NULL, 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    gist_pathway *pw = NULL;
    gist_lines *l = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_timeline_audit(&l, t, pw, NULL), GIST_OK);
    gist_pathway_free(pw);
    gist_timeline_free(t);
    assert_int_equal(gist_lines_finding_count(l), 1);
    assert_int_equal(gist_finding_code_of(l, 0), GIST_FINDING_ESCALATION_SKIPPED);
    assert_int_equal(gist_finding_severity_of(l, 0), GIST_SEVERITY_INFO);
    assert_string_equal(gist_rule_id(gist_finding_rule(l, 0)), "P16-4.escalate-to-800");
    assert_int_equal(gist_finding_evidence_count(l, 0), 2);
    assert_string_equal(gist_finding_evidence(l, 0, 0), "P16-4");
    assert_int_equal(gist_finding_line(l, 0), 1);
    assert_int_equal(gist_finding_date(l, 0), D("2019-01-05"));
    char *json = NULL;
    assert_int_equal(gist_lines_to_json(l, 0, &json), GIST_OK);
    assert_non_null(strstr(json, "\"code\": \"escalation_skipped\""));
    assert_non_null(strstr(json, "\"pathway\": {"));
    gist_free(json);
    gist_lines_free(l);
}

/* P16-1: imatinib 400 mg continues while the disease is controlled and the drug tolerated. Event
 * data never records that a drug was tolerated (only intolerance, as a stop reason), so a switch
 * to sunitinib with stable disease and no stop reason is the data finding switch_without_reason
 * plus the pathway's "cannot judge" naming the missing fact; tolerance is never inferred from
 * silence. */
static void test_P16_1_switch_while_stable_does_not_infer_tolerance(void **state)
{
    (void)state;
    gist_timeline *t = NULL;
    gist_timeline_new(&t);
    gist_timeline_add_setting(t, D("2019-01-01"), GIST_SETTING_ADVANCED);
    exposure(t, "imatinib", "2019-01-10", "2019-06-30", 400, GIST_SCHEDULE_CONTINUOUS, GIST_STOP_UNKNOWN);
    gist_timeline_add_assessment(t, D("2019-06-01"), GIST_RESPONSE_STABLE, GIST_METHOD_CT, GIST_CRITERIA_RECIST,
                                 GIST_EXTENT_UNKNOWN);
    exposure(t, "sunitinib", "2019-07-01", NULL, 50, GIST_SCHEDULE_4ON2OFF, GIST_STOP_UNKNOWN);
    gist_pathway *pw = NULL;
    gist_lines *l = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_timeline_audit(&l, t, pw, NULL), GIST_OK);
    assert_int_equal(gist_lines_finding_count(l), 2);
    assert_int_equal(gist_finding_code_of(l, 0), GIST_FINDING_SWITCH_WITHOUT_REASON);
    assert_int_equal(gist_finding_severity_of(l, 0), GIST_SEVERITY_WARNING);
    assert_null(gist_finding_rule(l, 0));
    assert_int_equal(gist_finding_code_of(l, 1), GIST_FINDING_NOT_ASSESSABLE);
    assert_string_equal(gist_rule_id(gist_finding_rule(l, 1)), "P16-1.maintain-400");
    assert_string_equal(gist_finding_evidence(l, 1, 0), "P16-1");
    assert_int_equal(gist_finding_date(l, 1), D("2019-07-01"));
    char *csv = NULL;
    assert_int_equal(gist_lines_findings_to_csv(l, 0, &csv), GIST_OK);
    assert_non_null(strstr(csv, "facts it needs are not recorded (tolerance)"));
    gist_free(csv);
    gist_lines_free(l);
    gist_pathway_free(pw);
    gist_timeline_free(t);
}

static gist_status read_all(const char *csv, unsigned long *line, unsigned long *col)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = gist_event_reader_open_string(&r, csv, strlen(csv), "e.csv");
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    int done = 0;
    while (st == GIST_OK && !done)
        st = gist_event_reader_next(r, t, &done);
    if (line)
        *line = gist_error_last()->line;
    if (col)
        *col = gist_error_last()->column;
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return st;
}

static void expect_csv_error(const char *csv, gist_status st, unsigned long line, unsigned long col, const char *words)
{
    unsigned long l = 0, c = 0;
    gist_status got = read_all(csv, &l, &c);
    if (got != st)
        fail_msg("expected %s, got %s: %s", gist_status_name(st), gist_status_name(got), gist_error_last()->message);
    if (line && (l != line || (col && c != col)))
        fail_msg("expected %lu:%lu, got %lu:%lu: %s", line, col, l, c, gist_error_last()->message);
    if (words && strstr(gist_error_last()->message, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, gist_error_last()->message);
    assert_non_null(strstr(gist_error_last()->message, "e.csv"));
}

static void test_csv_reader_is_strict_and_locates_errors(void **state)
{
    (void)state;
    const char *H = "patient,event,date,end,agent,dose_mg,schedule,reason\n";
    char buf[1024];
#define ROWS(rows) (snprintf(buf, sizeof buf, "%s%s", H, rows), buf)
    expect_csv_error("", GIST_EPARSE, 0, 0, "empty");
    assert_int_equal(read_all(H, NULL, NULL), GIST_OK); /* a header alone: no patients */
    expect_csv_error("patient,when\n", GIST_ESCHEMA, 1, 9, "unknown column \"when\"");
    expect_csv_error("patient,date,date\n", GIST_ESCHEMA, 1, 14, "given twice");
    expect_csv_error("agent,date\n", GIST_ESCHEMA, 1, 1, "no patient column");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,imatinib,400,continuous\n"), GIST_ESCHEMA, 2, 0,
                     "row has 7 fields; the header has 8");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,imatinib,400,continuous,,extra\n"), GIST_ESCHEMA, 2, 0,
                     "row has 9 fields");
    expect_csv_error(ROWS("P1,exposure,2015-13-01,,imatinib,400,,\n"), GIST_ERANGE, 2, 13, "not a date from");
    expect_csv_error(ROWS("P1,exposure,1899-12-31,,imatinib,400,,\n"), GIST_ERANGE, 2, 13, NULL);
    expect_csv_error(ROWS("P1,exposure,01/02/2015,,imatinib,400,,\n"), GIST_EPARSE, 2, 13, "YYYY-MM-DD");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,aspirin,400,,\n"), GIST_ENOTFOUND, 2, 25, "unknown agent");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,imatinib,400mg,,\n"), GIST_EPARSE, 2, 34, "not a number");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,imatinib,400,weekly,\n"), GIST_ESCHEMA, 2, 38,
                     "unknown schedule");
    expect_csv_error(ROWS("P1,holiday,2015-01-01,,,,,\n"), GIST_ESCHEMA, 2, 4, "unknown event");
    expect_csv_error(ROWS("P1,referral,2015-01-01,,imatinib,,,\n"), GIST_ESCHEMA, 2, 25, "does not apply");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,\"imat\"inib,400,,\n"), GIST_EPARSE, 2, 31,
                     "after a closing quote");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,ima\"tinib,400,,\n"), GIST_EPARSE, 2, 28,
                     "quote inside an unquoted field");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,\"imatinib,400,,\n"), GIST_EPARSE, 2, 25, "not closed");
    expect_csv_error(ROWS("P1,exposure,2015-01-01,,imatinib,400,,\nP2,exposure,2015-01-01,,imatinib,400,,\n"
                          "P1,exposure,2016-01-01,,imatinib,400,,\n"),
                     GIST_EORDER, 4, 0, "not together");
    expect_csv_error(ROWS(",exposure,2015-01-01,,imatinib,400,,\n"), GIST_ESCHEMA, 2, 1, "patient is missing");
    expect_csv_error(ROWS("P\xff,exposure,2015-01-01,,imatinib,400,,\n"), GIST_EPARSE, 2, 1, "UTF-8");
    char nul[] = "patient,date\nP1\0,2015-01-01\n";
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open_string(&r, nul, sizeof nul - 1, "e.csv"), GIST_OK);
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_EPARSE);
    assert_non_null(strstr(gist_error_last()->message, "NUL"));
    gist_event_reader_free(r);
    /* a multi-kilobyte field */
    char *big = malloc(10000);
    int n = snprintf(big, 10000, "%sP1,exposure,2015-01-01,,", H);
    memset(big + n, 'x', 5000);
    strcpy(big + n + 5000, ",400,,\n");
    expect_csv_error(big, GIST_ELIMIT, 2, 0, "longer than");
    free(big);

    /* what is accepted: quotes, commas inside quotes, CRLF, a BOM, blank lines, aliases and codes */
    const char *ok = "\xEF\xBB\xBFperson_id,event,drug_exposure_start_date,drug_exposure_end_date,drug,dose_mg,"
                     "stop_reason,response,method,value\r\n"
                     "\"P,1\",exposure,2015-01-01,2015-06-30,\"Gleevec\",400,266721009,,,\r\n"
                     "\r\n"
                     "\"P,1\",assessment,2015-06-20,,,,,271299001,ct,\r\n"
                     "\"P,1\",setting,2015-01-01,,,,,,,363676003\r\n"
                     "\"P,1\",exposure,2015-07-01,,\"Sutent\",50,,,,\r\n";
    assert_int_equal(gist_event_reader_open_string(&r, ok, strlen(ok), "ok.csv"), GIST_OK);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(done, 0);
    assert_string_equal(gist_timeline_id(t), "P,1");
    assert_int_equal(gist_timeline_event_count(t), 4);
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_lines(&l, t, NULL), GIST_OK);
    assert_int_equal(gist_lines_count(l), 2);
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_PROGRESSION); /* SNOMED 266721009 */
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADVANCED);        /* SNOMED 363676003 palliative */
    gist_lines_free(l);
    gist_patient *p = NULL;
    assert_int_equal(gist_timeline_patient_at(&p, t, D("2015-06-30"), NULL), GIST_OK);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION); /* SNOMED 271299001 worsened */
    assert_int_equal(gist_patient_basis(p), GIST_BASIS_RADIOLOGIC);
    gist_patient_free(p);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(done, 1);
    unsigned long long consumed = 0, total = 0;
    gist_event_reader_progress(r, &consumed, &total);
    assert_true(consumed == total && total == strlen(ok));
    assert_int_equal(gist_event_reader_add_file(r, "x.csv"), GIST_ESTATE);
    gist_event_reader_free(r);
    gist_timeline_free(t);
    assert_int_equal(gist_event_reader_open(&r, "/nonexistent/events.csv"), GIST_EIO);
    assert_null(r);
    assert_int_equal(gist_event_reader_open(NULL, "x"), GIST_EINVAL);
#undef ROWS
}

static void test_csv_files_merged_by_patient(void **state)
{
    (void)state;
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/gist-test-XXXXXX", GIST_TEST_TMPDIR);
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char drugs[600], assess[600];
    snprintf(drugs, sizeof drugs, "%s/drugs.csv", d);
    snprintf(assess, sizeof assess, "%s/assessments.csv", d);
    FILE *f = fopen(drugs, "w");
    fputs("patient,date,end,agent,dose_mg,reason\n"
          "2,2015-01-01,2015-06-30,imatinib,400,progression\n"
          "2,2015-07-01,,imatinib,800,\n"
          "10,2016-01-01,,imatinib,400,\n",
          f);
    fclose(f);
    f = fopen(assess, "w");
    fputs("patient,event,date,response,method\n"
          "1,assessment,2015-01-01,stable,ct\n"
          "2,assessment,2015-06-25,progression,ct\n"
          "10,assessment,2016-04-01,stable,mri\n",
          f);
    fclose(f);
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open(&r, drugs), GIST_OK);
    assert_int_equal(gist_event_reader_add_file(r, assess), GIST_OK);
    gist_timeline_new(&t);
    const char *ids[] = {"1", "2", "10"};
    size_t counts[] = {1, 3, 2};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
        assert_int_equal(done, 0);
        assert_string_equal(gist_timeline_id(t), ids[k]); /* numeric ids in numeric order */
        assert_int_equal(gist_timeline_event_count(t), counts[k]);
    }
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(done, 1);
    gist_event_reader_free(r);
    /* unsorted with several files: an error naming the file and line */
    f = fopen(assess, "w");
    fputs("patient,event,date,response\n10,assessment,2015-01-01,stable\n2,assessment,2015-01-01,stable\n", f);
    fclose(f);
    assert_int_equal(gist_event_reader_open(&r, drugs), GIST_OK);
    assert_int_equal(gist_event_reader_add_file(r, assess), GIST_OK);
    gist_status st = GIST_OK;
    done = 0;
    while (st == GIST_OK && !done)
        st = gist_event_reader_next(r, t, &done);
    assert_int_equal(st, GIST_EORDER);
    assert_non_null(strstr(gist_error_last()->message, "sorted by patient"));
    assert_string_equal(gist_error_last()->source, assess);
    gist_event_reader_free(r);
    gist_timeline_free(t);
    remove(drugs);
    remove(assess);
    rmdir(d);
}


static void test_csv_reader_limits_and_edges(void **state)
{
    (void)state;
    char *big = malloc(200000);
    assert_non_null(big);
    /* more than 32 columns */
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(big + n, "%sc%d", i ? "," : "", i);
    strcpy(big + n, "\n");
    expect_csv_error(big, GIST_ELIMIT, 1, 0, "more than 32 fields");
    /* a patient id over 256 bytes */
    n = (size_t)sprintf(big, "patient,date\n");
    memset(big + n, 'p', 300);
    strcpy(big + n + 300, ",2015-01-01\n");
    expect_csv_error(big, GIST_ELIMIT, 2, 1, "longer than 256 bytes");
    expect_csv_error("patient,agent\nP1,imatinib\n", GIST_ESCHEMA, 1, 1, "no date");
    expect_csv_error("patient,date,agent\nP1,,imatinib\n", GIST_ESCHEMA, 2, 4, "date is missing");
    /* four-byte UTF-8 is accepted; a surrogate or an overlong form is not */
    assert_int_equal(read_all("patient,date,agent\n\xF0\x9F\x98\x80,2015-01-01,imatinib\n", NULL, NULL), GIST_OK);
    expect_csv_error("patient,date,agent\n\xED\xA0\x80,2015-01-01,imatinib\n", GIST_EPARSE, 2, 1, "UTF-8");
    expect_csv_error("patient,date,agent\n\xC0\xAF,2015-01-01,imatinib\n", GIST_EPARSE, 2, 1, "UTF-8");
    /* a quoted last field closing the record */
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,\"imatinib\"\nP2,2015-01-01,\"Sutent\"", NULL, NULL),
                     GIST_OK);
    /* whole-number ids compare as numbers: 007 and 7 are the same patient, sorted among 10 */
    const char *ids = "patient,date,agent\n7,2015-01-01,imatinib\n007,2015-02-01,imatinib\n10,2015-01-01,imatinib\n";
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open_string(&r, ids, strlen(ids), "ids.csv"), GIST_OK);
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(gist_timeline_event_count(t), 1); /* "007" is not byte-equal to "7": a new group */
    gist_event_reader_free(r);
    /* thousands of patients: the check that each comes once grows with them */
    n = (size_t)sprintf(big, "patient,date,agent\n");
    for (int p = 0; p < 3000; p++)
        n += (size_t)sprintf(big + n, "P%d,2015-01-01,imatinib\n", p);
    assert_int_equal(gist_event_reader_open_string(&r, big, n, "many.csv"), GIST_OK);
    int patients = 0;
    for (;;) {
        assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
        if (done)
            break;
        patients++;
    }
    assert_int_equal(patients, 3000);
    gist_event_reader_free(r);
    /* at most 16 files */
    assert_int_equal(gist_event_reader_open_string(&r, "patient,date\n", 13, "x.csv"), GIST_OK);
    char path[600];
    snprintf(path, sizeof path, "%s/empty-events.csv", GIST_TEST_TMPDIR);
    FILE *f = fopen(path, "w");
    fputs("patient,date\n", f);
    fclose(f);
    gist_status st = GIST_OK;
    int added = 0;
    while ((st = gist_event_reader_add_file(r, path)) == GIST_OK)
        added++;
    assert_int_equal(st, GIST_ELIMIT);
    assert_int_equal(added, 15);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(done, 1);
    gist_event_reader_free(r);
    remove(path);
    gist_timeline_free(t);
    free(big);
}

static void test_json_timeline(void **state)
{
    (void)state;
    const char *json = "{\"format\": \"gist-timeline/1\", \"id\": \"J1\", \"events\": [\n"
                       " {\"event\": \"setting\", \"date\": \"2015-01-01\", \"value\": \"advanced\"},\n"
                       " {\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2015-01-10\","
                       " \"end\": \"2016-06-30\", \"dose_mg\": 400, \"reason\": \"progression\"},\n"
                       " {\"event\": \"assessment\", \"date\": \"2016-06-20\", \"response\": \"progression\","
                       " \"method\": \"ct\", \"criteria\": \"choi\", \"extent\": \"generalized\"},\n"
                       " {\"event\": \"genotype\", \"date\": \"2015-01-05\", \"value\": \"kit_exon11\"},\n"
                       " {\"event\": \"referral\", \"date\": \"2017-01-01\"}\n]}";
    gist_timeline *t = NULL;
    assert_int_equal(gist_timeline_parse(&t, json, strlen(json), "t.json"), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "J1");
    assert_int_equal(gist_timeline_event_count(t), 5);
    gist_patient *p = at(t, "2016-06-30");
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION);
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_KIT_EXON11);
    gist_patient_free(p);
    gist_timeline_free(t);

    struct { const char *doc; gist_status st; const char *field; } bad[] = {
        {"{\"events\": [{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
         "\"end\": \"2015-01-01\"}]}", GIST_ERANGE, "/events/0/end"},
        {"{\"events\": [{\"event\": \"exposure\", \"agent\": \"imatinib\", \"start\": \"2016-01-01\", "
         "\"dose_mg\": 40000}]}", GIST_ERANGE, "/events/0/dose_mg"},
        {"{\"events\": [{\"event\": \"exposure\", \"agent\": \"wonder\", \"start\": \"2016-01-01\"}]}",
         GIST_ENOTFOUND, "/events/0/agent"},
        {"{\"events\": [{\"event\": \"assessment\", \"date\": \"2016-02-30\", \"response\": \"stable\"}]}",
         GIST_ERANGE, "/events/0/date"},
        {"{\"events\": [{\"event\": \"referral\", \"date\": \"2016-01-01\", \"by\": \"x\"}]}", GIST_ESCHEMA,
         "/events/0/by"},
        {"{\"events\": [{\"event\": \"genotype\", \"date\": \"2016-01-01\", \"value\": \"unknown\"}]}",
         GIST_ESCHEMA, "/events/0/value"},
        {"{\"events\": {}}", GIST_ESCHEMA, ""},
        {"{\"format\": \"gist-timeline/2\", \"events\": []}", GIST_EVERSION, "/format"},
        {"[]", GIST_ESCHEMA, ""},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        gist_status st = gist_timeline_parse(&t, bad[k].doc, strlen(bad[k].doc), "bad.json");
        if (st != bad[k].st)
            fail_msg("case %zu: expected %s, got %s: %s", k, gist_status_name(bad[k].st), gist_status_name(st),
                     gist_error_last()->message);
        assert_null(t);
        assert_string_equal(gist_error_last()->field, bad[k].field);
    }
    assert_int_equal(gist_timeline_load(&t, "/nonexistent.json"), GIST_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_events_are_validated),
        cmocka_unit_test(test_dose_step_inside_a_line),
        cmocka_unit_test(test_combination_window),
        cmocka_unit_test(test_scheduled_off_weeks_are_not_gaps),
        cmocka_unit_test(test_interruption_and_discontinuation_thresholds),
        cmocka_unit_test(test_rechallenge_and_adjuvant),
        cmocka_unit_test(test_setting_assumed_and_invalid_options),
        cmocka_unit_test(test_one_patient_with_a_million_events),
        cmocka_unit_test(test_patient_state_as_of_a_date),
        cmocka_unit_test(test_combination_is_not_one_regimen),
        cmocka_unit_test(test_fixture_lines_and_findings),
        cmocka_unit_test(test_audit_result_outlives_the_pathway),
        cmocka_unit_test(test_P16_1_switch_while_stable_does_not_infer_tolerance),
        cmocka_unit_test(test_csv_reader_is_strict_and_locates_errors),
        cmocka_unit_test(test_csv_files_merged_by_patient),
        cmocka_unit_test(test_csv_reader_limits_and_edges),
        cmocka_unit_test(test_json_timeline),
    };
    return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
