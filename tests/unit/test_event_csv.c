/*
 * The event CSV reader: values checked by the kind of event, each error naming
 * the file, line and field; RFC 4180 quoting; files that are not regular files;
 * and patients merged across files in the order of their ids.
 */
#define _POSIX_C_SOURCE 200809L
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

/* Every column of the format, in the order of docs/event-formats.md. */
#define HEADER "patient,event,date,end,agent,dose_mg,schedule,reason,response,method,criteria,extent,value\n"

/* Read every patient of a CSV text; the status of the first failure, or GIST_OK. */
static gist_status read_all(const char *csv, size_t *patients)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = gist_event_reader_open_string(&r, csv, strlen(csv), "e.csv");
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    int done = 0;
    size_t n = 0;
    while (st == GIST_OK && !done) {
        st = gist_event_reader_next(r, t, &done);
        n += st == GIST_OK && !done;
    }
    if (patients)
        *patients = n;
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return st;
}

/* A row of HEADER must fail with st on line 2, naming field, with words in the message. */
static void expect_row_error(const char *row, gist_status st, const char *field, const char *words)
{
    char csv[1024];
    snprintf(csv, sizeof csv, "%s%s\n", HEADER, row);
    gist_status got = read_all(csv, NULL);
    const gist_error *e = gist_error_last();
    if (got != st)
        fail_msg("%s: expected %s, got %s: %s", row, gist_status_name(st), gist_status_name(got), e->message);
    if (e->line != 2)
        fail_msg("%s: expected line 2, got %lu: %s", row, e->line, e->message);
    if (strcmp(e->field, field) != 0)
        fail_msg("%s: expected field \"%s\", got \"%s\": %s", row, field, e->field, e->message);
    if (strstr(e->message, words) == NULL)
        fail_msg("%s: message lacks \"%s\": %s", row, words, e->message);
    assert_string_equal(e->source, "e.csv");
}

static void test_exposure_rows_are_checked(void **state)
{
    (void)state;
    expect_row_error("P1,exposure,2015-01-01,,imatinib,400,,,stable,,,,", GIST_ESCHEMA, "response",
                     "response does not apply to exposure events");
    expect_row_error("P1,exposure,2015-01-01,,imatinib,400,,,,,,,kit_exon11", GIST_ESCHEMA, "value",
                     "value does not apply to exposure events");
    expect_row_error("P1,exposure,2015-01-01,2015-02-30,imatinib,400,,,,,,,", GIST_ERANGE, "end",
                     "\"2015-02-30\" is not a date from 1900-01-01 to 2200-12-31");
    expect_row_error("P1,exposure,2015-01-01,30/06/2015,imatinib,400,,,,,,,", GIST_EPARSE, "end",
                     "is not a date in the form YYYY-MM-DD");
    expect_row_error("P1,exposure,2015-01-01,,,400,,,,,,,", GIST_ESCHEMA, "agent", "an exposure needs an agent");
    /* a dose is a finite number of mg and nothing else */
    expect_row_error("P1,exposure,2015-01-01,,imatinib,mg400,,,,,,,", GIST_EPARSE, "dose_mg",
                     "\"mg400\" is not a number of mg per day");
    expect_row_error("P1,exposure,2015-01-01,,imatinib,1e999,,,,,,,", GIST_EPARSE, "dose_mg", "\"1e999\"");
    expect_row_error("P1,exposure,2015-01-01,,imatinib,nan,,,,,,,", GIST_EPARSE, "dose_mg", "\"nan\"");
    expect_row_error("P1,exposure,2015-01-01,,imatinib,inf,,,,,,,", GIST_EPARSE, "dose_mg", "\"inf\"");
    expect_row_error("P1,exposure,2015-01-01,2015-03-01,imatinib,400,,bored,,,,,", GIST_ESCHEMA, "reason",
                     "unknown reason \"bored\" (expected one of: progression, intolerance");
    /* a machine name followed by more text is not that name */
    expect_row_error("P1,exposure,2015-01-01,,sunitinib,50,4on2offx,,,,,,", GIST_ESCHEMA, "schedule",
                     "unknown schedule \"4on2offx\"");
}

static void test_point_event_rows_are_checked(void **state)
{
    (void)state;
    expect_row_error("P1,assessment,2015-01-01,,imatinib,,,,stable,ct,,,", GIST_ESCHEMA, "agent",
                     "agent does not apply to assessment events");
    expect_row_error("P1,assessment,2015-01-01,,,,,,,ct,,,", GIST_ESCHEMA, "response",
                     "an assessment needs a response");
    expect_row_error("P1,assessment,2015-01-01,,,,,,worse,ct,,,", GIST_ESCHEMA, "response",
                     "unknown response \"worse\"");
    expect_row_error("P1,assessment,2015-01-01,,,,,,stable,CTscan,,,", GIST_ESCHEMA, "method",
                     "unknown method \"CTscan\" (expected one of: ct, mri, pet, clinical)");
    expect_row_error("P1,assessment,2015-01-01,,,,,,stable,ct,who,,", GIST_ESCHEMA, "criteria",
                     "unknown criteria \"who\" (expected one of: recist, choi)");
    expect_row_error("P1,assessment,2015-01-01,,,,,,progression,ct,recist,everywhere,", GIST_ESCHEMA, "extent",
                     "unknown extent \"everywhere\"");
    expect_row_error("P1,genotype,2015-01-01,,,400,,,,,,,kit_exon11", GIST_ESCHEMA, "dose_mg",
                     "dose_mg does not apply to genotype events");
    expect_row_error("P1,genotype,2015-01-01,,,,,,,,,,", GIST_ESCHEMA, "value", "a genotype event needs its value");
    expect_row_error("P1,genotype,2015-01-01,,,,,,,,,,kit", GIST_ESCHEMA, "value", "unknown value \"kit\"");
    expect_row_error("P1,setting,2015-01-01,,imatinib,,,,,,,,advanced", GIST_ESCHEMA, "agent",
                     "agent does not apply to setting events");
    expect_row_error("P1,setting,2015-01-01,,,,,,,,,,", GIST_ESCHEMA, "value",
                     "a setting event needs its value (advanced or adjuvant)");
    expect_row_error("P1,setting,2015-01-01,,,,,,,,,,neoadjuvant", GIST_ESCHEMA, "value",
                     "unknown value \"neoadjuvant\"");
    expect_row_error("P1,referral,2015-01-01,2015-02-01,,,,,,,,,", GIST_ESCHEMA, "end",
                     "end does not apply to referral events");
}

/* Names are matched without regard to case; SNOMED and plain-word synonyms are accepted. */
static void test_values_in_any_case_and_synonyms(void **state)
{
    (void)state;
    const char *csv = HEADER "P1,Setting,2015-01-01,,,,,,,,,,Curative\n"
                             "P1,GENOTYPE,2015-01-02,,,,,,,,,,KIT_EXON11\n"
                             "P1,exposure,2015-01-10,2015-06-30,Imatinib,400,Continuous,407563006,,,,,\n"
                             "P1,assessment,2015-06-20,,,,,,Improved,CT,RECIST,,\n";
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open_string(&r, csv, strlen(csv), NULL), GIST_OK);
    assert_int_equal(gist_timeline_new(&t), GIST_OK);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(gist_timeline_event_count(t), 4);
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_lines(&l, t, NULL), GIST_OK);
    assert_int_equal(gist_lines_count(l), 1);
    assert_int_equal(gist_line_setting(l, 0), GIST_SETTING_ADJUVANT);         /* "curative" */
    assert_int_equal(gist_line_end_reason(l, 0), GIST_LINE_END_INTOLERANCE); /* SNOMED 407563006 */
    assert_int_equal(gist_lines_finding_count(l), 0);
    gist_lines_free(l);
    gist_patient *p = NULL;
    gist_date d = 0;
    assert_int_equal(gist_date_parse(&d, "2015-06-25"), GIST_OK);
    assert_int_equal(gist_timeline_patient_at(&p, t, d, NULL), GIST_OK);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_RESPONDING); /* "improved" */
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_KIT_EXON11);
    gist_patient_free(p);
    gist_timeline_free(t);
    gist_event_reader_free(r);

    /* errors in a text read without a source name are located in "<string>" */
    const char *bad = "patient,date\nP1,2015-01-01\n";
    assert_int_equal(gist_event_reader_open_string(&r, bad, strlen(bad), NULL), GIST_OK);
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_ESCHEMA);
    /* no agent column at all: the error names the field, with no column */
    assert_string_equal(gist_error_last()->source, "<string>");
    assert_string_equal(gist_error_last()->field, "agent");
    assert_int_equal(gist_error_last()->line, 2);
    assert_int_equal(gist_error_last()->column, 0);
    assert_non_null(strstr(gist_error_last()->message, "an exposure needs an agent"));
    gist_timeline_free(t);
    gist_event_reader_free(r);
}

/* An undetermined response (SNOMED 709137006) is kept and reported as an event not used. */
static void test_undetermined_response_is_reported_not_dropped(void **state)
{
    (void)state;
    const char *csv = HEADER "P1,setting,2015-01-01,,,,,,,,,,advanced\n"
                             "P1,exposure,2015-01-10,,imatinib,400,,,,,,,\n"
                             "P1,assessment,2015-03-01,,,,,,709137006,ct,,,\n"
                             "P1,assessment,2015-06-01,,,,,,Undetermined,mri,,,\n";
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open_string(&r, csv, strlen(csv), "u.csv"), GIST_OK);
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(gist_timeline_event_count(t), 4);
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_lines(&l, t, NULL), GIST_OK);
    assert_int_equal(gist_lines_finding_count(l), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(gist_finding_code_of(l, i), GIST_FINDING_INVALID_EVENT);
        assert_int_equal(gist_finding_row(l, i), 4 + i); /* the line of the file */
        assert_string_equal(gist_finding_message(l, i), "Event not used: a value is unknown or missing");
        assert_int_equal(gist_finding_line(l, i), (size_t)-1); /* about no line */
    }
    gist_lines_free(l);
    gist_timeline_free(t);
    gist_event_reader_free(r);
}

/* RFC 4180: a doubled quote inside a quoted field is one quote; CRLF after a closing quote ends the record. */
static void test_escaped_quotes_round_trip(void **state)
{
    (void)state;
    const char *csv = "patient,date,end,agent,dose_mg,reason\r\n"
                      "\"P \"\"one\"\"\",2015-01-01,2015-06-30,\"imatinib\",\"400\",\"progression\"\r\n"
                      "\"P \"\"one\"\"\",2015-07-01,,sunitinib,50,\"\"\r\n";
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open_string(&r, csv, strlen(csv), "q.csv"), GIST_OK);
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "P \"one\"");
    assert_int_equal(gist_timeline_event_count(t), 2);
    gist_lines *l = NULL;
    assert_int_equal(gist_timeline_lines(&l, t, NULL), GIST_OK);
    char *out = NULL;
    assert_int_equal(gist_lines_to_csv(l, 0, &out), GIST_OK);
    /* written back quoted the same way */
    assert_string_equal(out, "\"P \"\"one\"\"\",advanced,1,2015-01-01,2015-06-30,progression,imatinib,0,"
                             "2015-01-01:imatinib:400:unknown,0\n"
                             "\"P \"\"one\"\"\",advanced,2,2015-07-01,2015-07-01,censored,sunitinib,0,"
                             "2015-07-01:sunitinib:50:unknown,0\n");
    gist_free(out);
    assert_int_equal(gist_lines_findings_to_csv(l, GIST_CSV_HEADER, &out), GIST_OK);
    assert_string_equal(out, "patient,date,setting,line,code,severity,rule,evidence,row,message\n"
                             "\"P \"\"one\"\"\",2015-01-01,,,setting_assumed,info,,,2,No treatment setting "
                             "recorded: exposures were taken as advanced (the unknown_setting option)\n");
    gist_free(out);
    gist_lines_free(l);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_int_equal(done, 1);
    gist_timeline_free(t);
    gist_event_reader_free(r);
}

static void test_header_and_later_rows(void **state)
{
    (void)state;
    /* a header shorter than a byte order mark */
    assert_int_equal(read_all("a\n", NULL), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "unknown column \"a\""));
    assert_string_equal(gist_error_last()->field, "a");
    /* a bad row after good rows of the same patient is found on its own line */
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib\nP1,2015-02-01\n", NULL), GIST_ESCHEMA);
    assert_int_equal(gist_error_last()->line, 3);
    assert_non_null(strstr(gist_error_last()->message, "row has 2 fields; the header has 3"));
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib\nP1,2015-02-01,\"imatinib\n", NULL),
                     GIST_EPARSE);
    assert_int_equal(gist_error_last()->line, 3);
    assert_int_equal(gist_error_last()->column, 15);
    /* an empty quoted field is a row of one field, not a blank line: reported, never skipped */
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib\n\"\"\nP1,2015-02-01,imatinib\n", NULL),
                     GIST_ESCHEMA);
    assert_int_equal(gist_error_last()->line, 3);
    assert_non_null(strstr(gist_error_last()->message, "row has 1 field; the header has 3"));
    /* the first row's error comes before any patient is returned */
    size_t n = 9;
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib\nP2,,imatinib\n", &n), GIST_ESCHEMA);
    assert_int_equal(n, 1);
    assert_string_equal(gist_error_last()->field, "date");
    /* a text without a final newline, and trailing blank lines */
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib", &n), GIST_OK);
    assert_int_equal(n, 1);
    assert_int_equal(read_all("patient,date,agent\nP1,2015-01-01,imatinib\n\n\r\n", &n), GIST_OK);
    assert_int_equal(n, 1);
}

static void test_reader_arguments(void **state)
{
    (void)state;
    gist_event_reader *r = (gist_event_reader *)&r;
    gist_timeline *t = NULL;
    int done = 0;
    assert_int_equal(gist_event_reader_open(&r, NULL), GIST_EINVAL);
    assert_null(r);
    assert_int_equal(gist_event_reader_open_string(NULL, "x", 1, NULL), GIST_EINVAL);
    r = (gist_event_reader *)&r;
    assert_int_equal(gist_event_reader_open_string(&r, NULL, 1, NULL), GIST_EINVAL);
    assert_null(r);
    assert_int_equal(gist_event_reader_add_file(NULL, "x.csv"), GIST_EINVAL);
    assert_int_equal(gist_event_reader_next(NULL, t, &done), GIST_EINVAL);

    const char *csv = "patient,date,agent\nP1,2015-01-01,imatinib\n";
    assert_int_equal(gist_event_reader_open_string(&r, csv, strlen(csv), "a.csv"), GIST_OK);
    assert_int_equal(gist_event_reader_add_file(r, NULL), GIST_EINVAL);
    /* a file that cannot be opened is not added: the reader goes on with what it has */
    assert_int_equal(gist_event_reader_add_file(r, "/nonexistent/b.csv"), GIST_EIO);
    assert_string_equal(gist_error_last()->source, "/nonexistent/b.csv");
    assert_non_null(strstr(gist_error_last()->message, "cannot open"));
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_next(r, NULL, &done), GIST_EINVAL);
    assert_int_equal(gist_event_reader_next(r, t, NULL), GIST_EINVAL);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_OK);
    assert_string_equal(gist_timeline_id(t), "P1");
    unsigned long long consumed = 1, total = 1;
    gist_event_reader_progress(r, NULL, &total); /* either output may be left out */
    assert_true(total == strlen(csv));
    gist_event_reader_progress(r, &consumed, NULL);
    assert_true(consumed == strlen(csv));
    gist_event_reader_progress(NULL, &consumed, &total);
    assert_true(consumed == 0 && total == 0);
    gist_event_reader_free(r);
    gist_timeline_free(t);
}

/* A device or a directory: the size is unknown (progress reports 0) and reading fails cleanly. */
static void test_files_that_are_not_regular(void **state)
{
    (void)state;
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    int done = 0;
    unsigned long long consumed = 1, total = 1;
    gist_timeline_new(&t);
    assert_int_equal(gist_event_reader_open(&r, "/dev/null"), GIST_OK);
    gist_event_reader_progress(r, &consumed, &total);
    assert_true(consumed == 0 && total == 0);
    assert_int_equal(gist_event_reader_next(r, t, &done), GIST_EPARSE);
    assert_string_equal(gist_error_last()->source, "/dev/null");
    assert_non_null(strstr(gist_error_last()->message, "a header row is required"));
    gist_event_reader_free(r);

    /* a directory opens on Linux and fails on the first read; elsewhere it may fail to open */
    gist_status st = gist_event_reader_open(&r, GIST_TEST_TMPDIR);
    if (st == GIST_OK) {
        st = gist_event_reader_next(r, t, &done);
        assert_non_null(strstr(gist_error_last()->message, "read error"));
    }
    assert_int_equal(st, GIST_EIO);
    assert_string_equal(gist_error_last()->source, GIST_TEST_TMPDIR);
    gist_event_reader_free(r);
    gist_timeline_free(t);
}

/* Write text to a file in the test directory; the path is returned in buf. */
static const char *write_file(char *buf, size_t cap, const char *name, const char *text)
{
    snprintf(buf, cap, "%s/%s", GIST_TEST_TMPDIR, name);
    FILE *f = fopen(buf, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return buf;
}

/* Read every patient of the files; ids (joined with spaces) and event counts, or the failing status. */
static gist_status read_files(const char *a, const char *b, char *ids, size_t cap, size_t *events)
{
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = gist_event_reader_open(&r, a);
    if (st == GIST_OK)
        st = gist_event_reader_add_file(r, b);
    gist_timeline_new(&t);
    ids[0] = '\0';
    *events = 0;
    int done = 0;
    while (st == GIST_OK && !done) {
        st = gist_event_reader_next(r, t, &done);
        if (st == GIST_OK && !done) {
            size_t n = strlen(ids);
            snprintf(ids + n, cap - n, "%s%s", n ? " " : "", gist_timeline_id(t));
            *events += gist_timeline_event_count(t);
        }
    }
    gist_timeline_free(t);
    gist_event_reader_free(r);
    return st;
}

static void test_files_merged_by_id_order(void **state)
{
    (void)state;
    char a[600], b[600], ids[256];
    size_t events = 0;
    /* whole numbers compare as numbers, leading zeros and all: 9 comes before 010 */
    write_file(a, sizeof a, "ids-a.csv", "patient,date,agent\n9,2015-01-01,imatinib\n010,2015-01-01,imatinib\n");
    write_file(b, sizeof b, "ids-b.csv",
               "patient,event,date,response\n9,assessment,2015-03-01,stable\n010,assessment,2015-03-01,stable\n");
    assert_int_equal(read_files(a, b, ids, sizeof ids, &events), GIST_OK);
    assert_string_equal(ids, "9 010");
    assert_int_equal(events, 4);
    /* other ids compare byte by byte: P10 comes before P2 */
    write_file(a, sizeof a, "ids-a.csv", "patient,date,agent\nP1,2015-01-01,imatinib\nP2,2015-01-01,imatinib\n");
    write_file(b, sizeof b, "ids-b.csv",
               "patient,event,date,response\nP1,assessment,2015-03-01,stable\nP10,assessment,2015-03-01,stable\n");
    assert_int_equal(read_files(a, b, ids, sizeof ids, &events), GIST_OK);
    assert_string_equal(ids, "P1 P10 P2");
    assert_int_equal(events, 4);
    /* so a file in "natural" order is out of order, and the error names that file and line */
    write_file(a, sizeof a, "ids-a.csv", "patient,date,agent\nP2,2015-01-01,imatinib\nP10,2015-01-01,imatinib\n");
    assert_int_equal(read_files(a, b, ids, sizeof ids, &events), GIST_EORDER);
    assert_string_equal(gist_error_last()->source, a);
    assert_int_equal(gist_error_last()->line, 3);
    assert_string_equal(gist_error_last()->field, "patient");
    assert_non_null(strstr(gist_error_last()->message, "patient \"P10\" comes after \"P2\""));
    /* a bad header in the second file is reported before any patient */
    write_file(b, sizeof b, "ids-b.csv", "patient,when\nP1,2015-01-01\n");
    assert_int_equal(read_files(a, b, ids, sizeof ids, &events), GIST_ESCHEMA);
    assert_string_equal(ids, "");
    assert_string_equal(gist_error_last()->source, b);
    assert_string_equal(gist_error_last()->field, "when");
    remove(a);
    remove(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exposure_rows_are_checked),
        cmocka_unit_test(test_point_event_rows_are_checked),
        cmocka_unit_test(test_values_in_any_case_and_synonyms),
        cmocka_unit_test(test_undetermined_response_is_reported_not_dropped),
        cmocka_unit_test(test_escaped_quotes_round_trip),
        cmocka_unit_test(test_header_and_later_rows),
        cmocka_unit_test(test_reader_arguments),
        cmocka_unit_test(test_files_that_are_not_regular),
        cmocka_unit_test(test_files_merged_by_id_order),
    };
    return cmocka_run_group_tests_name("event_csv", tests, NULL, NULL);
}
