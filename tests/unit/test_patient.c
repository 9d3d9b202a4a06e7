/*
 * Patient state: setters, derived lines, and the patient JSON reader.
 */
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

static gist_patient *fresh(void)
{
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    return p;
}

static void test_new_patient_knows_nothing(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_setting(p), GIST_SETTING_UNKNOWN);
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_UNKNOWN);
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_UNKNOWN);
    assert_null(gist_patient_agent(p));
    assert_true(gist_patient_dose_mg(p) == 0);
    assert_int_equal(gist_patient_line(p), 0);
    assert_int_equal(gist_patient_failed_lines(p), -1);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_UNKNOWN);
    assert_int_equal(gist_patient_prior_known(p), GIST_TRISTATE_UNKNOWN);
    assert_string_equal(gist_patient_id(p), "");
    gist_patient_free(p);
    gist_patient_free(NULL);
}

static void test_setters_validate_and_leave_state_alone_on_error(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 40000), GIST_ERANGE);
    assert_non_null(strstr(gist_error_last()->message, "40000"));
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", -1), GIST_ERANGE);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", NAN), GIST_ERANGE);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", -INFINITY), GIST_ERANGE);
    assert_int_equal(gist_patient_set_regimen(p, "paracetamol", 400), GIST_ENOTFOUND);
    assert_int_equal(gist_patient_set_regimen(p, NULL, 400), GIST_EINVAL);
    assert_int_equal(gist_patient_set_regimen(NULL, "imatinib", 400), GIST_EINVAL);
    assert_true(gist_patient_dose_mg(p) == 400);
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "imatinib");

    assert_int_equal(gist_patient_set_setting(p, (gist_setting)3), GIST_EINVAL);
    assert_int_equal(gist_patient_set_setting(p, (gist_setting)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_genotype(p, (gist_genotype)GIST_GENOTYPE_COUNT), GIST_EINVAL);
    assert_int_equal(gist_patient_set_response(p, (gist_response)7, GIST_BASIS_CLINICAL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_STABLE, (gist_basis)9), GIST_EINVAL);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_UNKNOWN);
    assert_int_equal(gist_patient_set_extent(p, (gist_extent)3), GIST_EINVAL);
    assert_int_equal(gist_patient_set_tolerance(p, (gist_tolerance)3), GIST_EINVAL);
    assert_int_equal(gist_patient_set_interrupted(p, (gist_tristate)3), GIST_EINVAL);
    assert_int_equal(gist_patient_set_referred(p, (gist_tristate)-2), GIST_EINVAL);
    assert_int_equal(gist_patient_set_schedule(p, (gist_schedule)4), GIST_EINVAL);
    assert_int_equal(gist_patient_set_line(p, 21), GIST_ERANGE);
    assert_int_equal(gist_patient_set_line(p, -1), GIST_ERANGE);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", (gist_stop_reason)5, GIST_SETTING_ADVANCED), GIST_EINVAL);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_OTHER, GIST_SETTING_UNKNOWN), GIST_EINVAL);
    assert_int_equal(gist_patient_prior_count(p), 0);
    assert_int_equal(gist_patient_set_no_regimen(p), GIST_OK);
    assert_int_equal(gist_patient_set_schedule(p, GIST_SCHEDULE_CONTINUOUS), GIST_ESTATE);
    assert_int_equal(gist_patient_set_line(p, 2), GIST_ESTATE);
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_NO);
    gist_patient_free(p);
}

static void test_null_handles_are_errors_everywhere(void **state)
{
    (void)state;
    assert_int_equal(gist_patient_new(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_reset(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_id(NULL, "x"), GIST_EINVAL);
    assert_int_equal(gist_patient_set_setting(NULL, GIST_SETTING_ADVANCED), GIST_EINVAL);
    assert_int_equal(gist_patient_set_no_regimen(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_clear_regimen(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_no_prior(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_clear_prior(NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_add_prior(NULL, "imatinib", GIST_STOP_OTHER, GIST_SETTING_ADVANCED), GIST_EINVAL);
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_add_prior(p, NULL, GIST_STOP_OTHER, GIST_SETTING_ADVANCED), GIST_EINVAL);
    assert_int_equal(gist_patient_clone(NULL, p), GIST_EINVAL);
    gist_patient *q = (gist_patient *)1;
    assert_int_equal(gist_patient_clone(&q, NULL), GIST_EINVAL);
    assert_null(q);
    char *s = NULL;
    assert_int_equal(gist_patient_to_json(NULL, 0, &s), GIST_EINVAL);
    assert_int_equal(gist_patient_to_json(p, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_to_json(p, 8, &s), GIST_EINVAL);
    assert_int_equal(gist_patient_parse(NULL, "{}", 2, NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_parse(&q, NULL, 2, NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_load(&q, NULL), GIST_EINVAL);
    assert_null(gist_patient_id(NULL));
    assert_int_equal(gist_patient_line(NULL), 0);
    assert_int_equal(gist_patient_failed_lines(NULL), -1);
    assert_null(gist_patient_prior_agent(p, 0));
    gist_patient_free(p);
}

static void test_ids(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_set_id(p, "P-001"), GIST_OK);
    assert_string_equal(gist_patient_id(p), "P-001");
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(gist_patient_set_id(p, big), GIST_ELIMIT);
    assert_string_equal(gist_patient_id(p), "P-001");
    /* the id goes into JSON, so it must be UTF-8: malformed sequences are refused, the id kept */
    static const char *const bad_utf8[] = {
        "\xff", "a\x80", "\xc3", "\xc3\x28", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xe2\x82", "\xf0\x9f\x98",
    };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        assert_int_equal(gist_patient_set_id(p, bad_utf8[i]), GIST_EINVAL);
        assert_non_null(strstr(gist_error_last()->message, "UTF-8"));
        assert_string_equal(gist_patient_id(p), "P-001");
    }
    assert_int_equal(gist_patient_set_id(p, "P-\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f"), GIST_OK); /* é € 😀 DEL */
    assert_string_equal(gist_patient_id(p), "P-\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f");
    char *json = NULL;
    gist_patient *round = NULL;
    assert_int_equal(gist_patient_to_json(p, 0, &json), GIST_OK);
    assert_int_equal(gist_patient_parse(&round, json, strlen(json), NULL), GIST_OK);
    assert_string_equal(gist_patient_id(round), gist_patient_id(p));
    gist_patient_free(round);
    gist_free(json);
    assert_int_equal(gist_patient_set_id(p, "P-001"), GIST_OK);
    gist_patient *q = NULL;
    assert_int_equal(gist_patient_clone(&q, p), GIST_OK);
    assert_int_equal(gist_patient_set_id(p, NULL), GIST_OK);
    assert_string_equal(gist_patient_id(p), "");
    assert_string_equal(gist_patient_id(q), "P-001");
    assert_int_equal(gist_patient_reset(q), GIST_OK);
    assert_string_equal(gist_patient_id(q), "");
    gist_patient_free(q);
    gist_patient_free(p);
}

static void test_lines_are_derived_from_history(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_set_regimen(p, "sunitinib", 50), GIST_OK);
    assert_int_equal(gist_patient_line(p), 0); /* previous lines unknown */
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_COMPLETED, GIST_SETTING_ADJUVANT), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    /* adjuvant is not a line; 400 -> 800 is one line */
    assert_int_equal(gist_patient_line(p), 2);
    assert_int_equal(gist_patient_failed_lines(p), 1);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_CLINICAL), GIST_OK);
    assert_int_equal(gist_patient_failed_lines(p), 1); /* unconfirmed progression is no failure yet */
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    assert_int_equal(gist_patient_failed_lines(p), 2);
    assert_int_equal(gist_patient_set_line(p, 5), GIST_OK);
    assert_int_equal(gist_patient_line(p), 5); /* stated beats derived */
    assert_int_equal(gist_patient_set_line(p, 0), GIST_OK);
    assert_int_equal(gist_patient_line(p), 2);

    /* the current regimen continues the last previous entry of the same agent */
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 800), GIST_OK);
    assert_int_equal(gist_patient_line(p), 1);
    assert_int_equal(gist_patient_failed_lines(p), 1); /* current line, progression confirmed */
    assert_int_equal(gist_patient_prior_count(p), 3);
    assert_int_equal(gist_patient_prior_setting(p, 0), GIST_SETTING_ADJUVANT);
    assert_int_equal(gist_patient_prior_reason(p, 1), GIST_STOP_PROGRESSION);
    assert_string_equal(gist_agent_name(gist_patient_prior_agent(p, 2)), "imatinib");

    assert_int_equal(gist_patient_set_no_prior(p), GIST_OK);
    assert_int_equal(gist_patient_line(p), 1);
    assert_int_equal(gist_patient_prior_known(p), GIST_TRISTATE_YES);
    for (int i = 0; i < GIST_PATIENT_MAX_PRIOR; i++)
        assert_int_equal(gist_patient_add_prior(p, "sunitinib", GIST_STOP_OTHER, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "sunitinib", GIST_STOP_OTHER, GIST_SETTING_ADVANCED), GIST_ELIMIT);
    gist_patient_free(p);
}

static void test_enum_names(void **state)
{
    (void)state;
    assert_string_equal(gist_setting_name(GIST_SETTING_ADVANCED), "advanced");
    assert_string_equal(gist_genotype_name(GIST_GENOTYPE_PDGFRA_D842V), "pdgfra_d842v");
    assert_string_equal(gist_response_name(GIST_RESPONSE_PROGRESSION), "progression");
    assert_string_equal(gist_basis_name(GIST_BASIS_RADIOLOGIC), "radiologic");
    assert_string_equal(gist_extent_name(GIST_EXTENT_LIMITED), "limited");
    assert_string_equal(gist_tolerance_name(GIST_TOLERANCE_INTOLERANT), "intolerant");
    assert_string_equal(gist_stop_reason_name(GIST_STOP_INTOLERANCE), "intolerance");
    assert_string_equal(gist_tristate_name(GIST_TRISTATE_YES), "yes");
    assert_null(gist_genotype_name((gist_genotype)GIST_GENOTYPE_COUNT));
    assert_null(gist_response_name((gist_response)-1));
}

/* ---- JSON ---- */

static gist_status parse(const char *json, gist_patient **out)
{
    *out = NULL;
    return gist_patient_parse(out, json, strlen(json), "p.json");
}

static void expect_error(const char *json, gist_status st, unsigned long line, unsigned long col, const char *field,
                         const char *words)
{
    gist_patient *p = NULL;
    gist_status got = parse(json, &p);
    if (got != st)
        fail_msg("expected %s, got %s: %s", gist_status_name(st), gist_status_name(got), gist_error_last()->message);
    assert_null(p);
    const gist_error *e = gist_error_last();
    assert_int_equal(e->status, st);
    assert_string_equal(e->source, "p.json");
    if (line) {
        if (e->line != line || e->column != col)
            fail_msg("expected %lu:%lu, got %lu:%lu: %s", line, col, e->line, e->column, e->message);
    }
    if (field)
        assert_string_equal(e->field, field);
    if (words && strstr(e->message, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, e->message);
    assert_non_null(strstr(e->message, "p.json"));
}

static void test_json_reads_every_field(void **state)
{
    (void)state;
    const char *json = "{\n"
                       "  \"format\": \"gist-patient/1\",\n"
                       "  \"id\": \"P-7\",\n"
                       "  \"setting\": \"advanced\",\n"
                       "  \"genotype\": \"kit_exon11\",\n"
                       "  \"regimen\": {\"agent\": \"Gleevec\", \"dose_mg\": 800, \"schedule\": \"continuous\"},\n"
                       "  \"response\": \"progression\",\n"
                       "  \"confirmed_by\": \"radiologic\",\n"
                       "  \"extent\": \"generalized\",\n"
                       "  \"tolerance\": \"tolerating\",\n"
                       "  \"interrupted\": false,\n"
                       "  \"referred\": null,\n"
                       "  \"prior\": [{\"agent\": \"imatinib\", \"stopped\": \"progression\"}],\n"
                       "  \"note\": \"free text is kept out of the facts\"\n"
                       "}\n";
    gist_patient *p = NULL;
    assert_int_equal(parse(json, &p), GIST_OK);
    assert_string_equal(gist_patient_id(p), "P-7");
    assert_int_equal(gist_patient_setting(p), GIST_SETTING_ADVANCED);
    assert_int_equal(gist_patient_genotype(p), GIST_GENOTYPE_KIT_EXON11);
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "imatinib");
    assert_true(gist_patient_dose_mg(p) == 800);
    assert_int_equal(gist_patient_schedule(p), GIST_SCHEDULE_CONTINUOUS);
    assert_int_equal(gist_patient_response(p), GIST_RESPONSE_PROGRESSION);
    assert_int_equal(gist_patient_basis(p), GIST_BASIS_RADIOLOGIC);
    assert_int_equal(gist_patient_extent(p), GIST_EXTENT_GENERALIZED);
    assert_int_equal(gist_patient_tolerance(p), GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_NO);
    assert_int_equal(gist_patient_referred(p), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_prior_count(p), 1);
    assert_int_equal(gist_patient_prior_setting(p, 0), GIST_SETTING_ADVANCED);
    assert_int_equal(gist_patient_line(p), 1);
    assert_int_equal(gist_patient_failed_lines(p), 1);

    /* round trip */
    char *out = NULL;
    assert_int_equal(gist_patient_to_json(p, 0, &out), GIST_OK);
    gist_patient *q = NULL;
    assert_int_equal(gist_patient_parse(&q, out, strlen(out), "round-trip"), GIST_OK);
    char *again = NULL;
    assert_int_equal(gist_patient_to_json(q, GIST_JSON_COMPACT, &again), GIST_OK);
    char *once = NULL;
    assert_int_equal(gist_patient_to_json(p, GIST_JSON_COMPACT, &once), GIST_OK);
    assert_string_equal(once, again);
    assert_null(strchr(once, '\n'));
    gist_free(out);
    gist_free(again);
    gist_free(once);
    gist_patient_free(q);
    gist_patient_free(p);
}

static void test_json_regimen_none_and_bom(void **state)
{
    (void)state;
    gist_patient *p = NULL;
    assert_int_equal(parse("\xEF\xBB\xBF{\"regimen\": \"none\", \"prior\": []}", &p), GIST_OK);
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_NO);
    assert_int_equal(gist_patient_prior_known(p), GIST_TRISTATE_YES);
    assert_int_equal(gist_patient_failed_lines(p), 0);
    gist_patient_free(p);
    assert_int_equal(parse("{\"regimen\": null, \"response\": \"unknown\"}", &p), GIST_OK);
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_UNKNOWN);
    gist_patient_free(p);
}

static void test_json_errors_name_file_line_column_and_field(void **state)
{
    (void)state;
    expect_error("{\n  \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 40000}\n}", GIST_ERANGE, 2, 47,
                 "/regimen/dose_mg", "implausible");
    expect_error("{\n  \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": -400}\n}", GIST_ERANGE, 2, 47,
                 "/regimen/dose_mg", "greater than zero");
    expect_error("{\n  \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 0}\n}", GIST_ERANGE, 2, 47, NULL, NULL);
    expect_error("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": \"400\"}}", GIST_ESCHEMA, 1, 46,
                 "/regimen/dose_mg", "must be a number");
    expect_error("{\n\n  \"regimen\": {\"agent\": \"asprin\", \"dose_mg\": 400}}", GIST_ENOTFOUND, 3, 24,
                 "/regimen/agent", "unknown agent");
    expect_error("{\"regimen\": {\"agent\": \"imatinib and sunitinib\", \"dose_mg\": 400}}", GIST_EAMBIGUOUS, 1, 23,
                 "/regimen/agent", NULL);
    expect_error("{\"regimen\": {\"dose_mg\": 400}}", GIST_ESCHEMA, 1, 13, "/regimen", "missing required field \"agent\"");
    expect_error("{\"respones\": \"stable\"}", GIST_ESCHEMA, 1, 2, "/respones", "unknown field \"respones\"");
    expect_error("{\"response\": \"progressing\"}", GIST_ESCHEMA, 1, 14, "/response", "expected one of");
    expect_error("{\"response\": 3}", GIST_ESCHEMA, 1, 14, "/response", "must be a string");
    expect_error("{\"interrupted\": \"yes\"}", GIST_ESCHEMA, 1, 17, "/interrupted", "true, false or null");
    expect_error("{\"prior\": [{\"agent\": \"imatinib\", \"stopped\": \"bored\"}]}", GIST_ESCHEMA, 1, 45,
                 "/prior/0/stopped", NULL);
    expect_error("{\"prior\": [{\"agent\": \"imatinib\", \"setting\": \"unknown\"}]}", GIST_ESCHEMA, 1, 45,
                 "/prior/0/setting", NULL);
    expect_error("{\"prior\": {}}", GIST_ESCHEMA, 1, 11, "/prior", "array");
    expect_error("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400, \"line\": 1.5}}", GIST_ERANGE, 1, 59,
                 "/regimen/line", NULL);
    expect_error("{\"format\": \"gist-patient/9\"}", GIST_EVERSION, 1, 12, "/format", NULL);
    expect_error("[]", GIST_ESCHEMA, 1, 1, "", "object");
    expect_error("{\"id\": \"a\", \"id\": \"b\"}", GIST_EPARSE, 1, 16, NULL, "duplicate");
}

static void test_json_syntax_errors(void **state)
{
    (void)state;
    gist_patient *p = NULL;
    assert_int_equal(parse("", &p), GIST_EPARSE);
    assert_non_null(strstr(gist_error_last()->message, "empty"));
    assert_int_equal(parse("{\"response\": \"stable\"", &p), GIST_EPARSE);
    assert_int_equal(gist_error_last()->line, 1);
    assert_int_equal(parse("{\"id\": \"\xff\xfe\"}", &p), GIST_EPARSE);
    assert_int_equal(parse("{\"id\": \"a\\u0000b\"}", &p), GIST_EPARSE);
    assert_int_equal(parse("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 1e999}}", &p), GIST_EPARSE);
    assert_int_equal(parse("{} trailing", &p), GIST_EPARSE);
    /* a NUL byte is never JSON, even where jansson would skip it (after a number); it used to
     * send the error locator into an endless loop when a later field was invalid */
    static const char nul[] = "{\n  \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400\0},\n"
                              "  \"tolerance\": \"i.tolerant\"\n}";
    assert_int_equal(gist_patient_parse(&p, nul, sizeof nul - 1, "nul.json"), GIST_EPARSE);
    assert_string_equal(gist_error_last()->message, "nul.json:2:50: NUL byte in the input");
    static const char bom_nul[] = "\xEF\xBB\xBF{\"id\": 1\0}";
    assert_int_equal(gist_patient_parse(&p, bom_nul, sizeof bom_nul - 1, NULL), GIST_EPARSE);
    assert_int_equal(gist_error_last()->line, 1);
    assert_int_equal(gist_error_last()->column, 10);
    assert_null(p);
}

static void test_json_limits(void **state)
{
    (void)state;
    gist_patient *p = NULL;
    /* 10 000-deep nesting */
    size_t depth = 10000;
    char *deep = malloc(depth * 2 + 16);
    assert_non_null(deep);
    size_t n = 0;
    n += (size_t)sprintf(deep, "{\"note\": ");
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    deep[n] = '\0';
    assert_int_equal(parse(deep, &p), GIST_ELIMIT);
    free(deep);

    /* a multi-megabyte string where a short one belongs */
    size_t big = 3u << 20;
    char *s = malloc(big + 64);
    assert_non_null(s);
    n = (size_t)sprintf(s, "{\"id\": \"");
    memset(s + n, 'x', big);
    n += big;
    n += (size_t)sprintf(s + n, "\"}");
    assert_int_equal(gist_patient_parse(&p, s, n, "big.json"), GIST_ELIMIT);
    assert_string_equal(gist_error_last()->field, "/id");
    /* and a document over the size limit */
    assert_int_equal(gist_patient_parse(&p, s, 17u << 20, "huge.json"), GIST_ELIMIT);
    free(s);

    /* more previous lines than a patient may hold */
    char *many = malloc(100000);
    assert_non_null(many);
    n = (size_t)sprintf(many, "{\"prior\": [");
    for (int i = 0; i < 65; i++)
        n += (size_t)sprintf(many + n, "%s{\"agent\": \"imatinib\"}", i ? "," : "");
    sprintf(many + n, "]}");
    assert_int_equal(parse(many, &p), GIST_ELIMIT);
    free(many);
}

static void test_load_from_files(void **state)
{
    (void)state;
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_load(&p, "/nonexistent/dir/patient.json"), GIST_EIO);
    assert_string_equal(gist_error_last()->source, "/nonexistent/dir/patient.json");
    assert_non_null(strstr(gist_error_last()->message, "cannot open"));
    assert_int_equal(gist_patient_load(&p, GIST_SOURCE_DIR "/examples/patients/p16-4-escalate.json"), GIST_OK);
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "imatinib");
    gist_patient_free(p);
}


/* Every getter answers "unknown" (or NULL, 0) for a NULL patient and for indexes past the end. */
static void test_getters_of_null_and_out_of_range(void **state)
{
    (void)state;
    assert_int_equal(gist_patient_setting(NULL), GIST_SETTING_UNKNOWN);
    assert_int_equal(gist_patient_genotype(NULL), GIST_GENOTYPE_UNKNOWN);
    assert_int_equal(gist_patient_on_treatment(NULL), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_response(NULL), GIST_RESPONSE_UNKNOWN);
    assert_int_equal(gist_patient_basis(NULL), GIST_BASIS_UNKNOWN);
    assert_int_equal(gist_patient_extent(NULL), GIST_EXTENT_UNKNOWN);
    assert_int_equal(gist_patient_tolerance(NULL), GIST_TOLERANCE_UNKNOWN);
    assert_int_equal(gist_patient_interrupted(NULL), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_referred(NULL), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_prior_known(NULL), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_prior_count(NULL), 0);
    assert_null(gist_patient_agent(NULL));
    assert_true(gist_patient_dose_mg(NULL) == 0);
    assert_int_equal(gist_patient_schedule(NULL), GIST_SCHEDULE_UNSPECIFIED);
    assert_null(gist_patient_prior_agent(NULL, 0));
    assert_int_equal(gist_patient_prior_reason(NULL, 0), GIST_STOP_UNKNOWN);
    assert_int_equal(gist_patient_prior_setting(NULL, 0), GIST_SETTING_UNKNOWN);

    gist_patient *p = fresh();
    assert_int_equal(gist_patient_add_prior(p, "sunitinib", GIST_STOP_INTOLERANCE, GIST_SETTING_ADVANCED), GIST_OK);
    assert_string_equal(gist_agent_name(gist_patient_prior_agent(p, 0)), "sunitinib");
    assert_int_equal(gist_patient_prior_reason(p, 0), GIST_STOP_INTOLERANCE);
    assert_null(gist_patient_prior_agent(p, 1));
    assert_int_equal(gist_patient_prior_reason(p, 1), GIST_STOP_UNKNOWN);
    assert_int_equal(gist_patient_prior_setting(p, 1), GIST_SETTING_UNKNOWN);
    /* no current regimen known: no agent, dose or schedule whatever was set before */
    assert_int_equal(gist_patient_set_regimen(p, "regorafenib", 160), GIST_OK);
    assert_int_equal(gist_patient_set_schedule(p, GIST_SCHEDULE_3ON1OFF), GIST_OK);
    assert_int_equal(gist_patient_schedule(p), GIST_SCHEDULE_3ON1OFF);
    assert_int_equal(gist_patient_clear_regimen(p), GIST_OK);
    assert_null(gist_patient_agent(p));
    assert_true(gist_patient_dose_mg(p) == 0);
    assert_int_equal(gist_patient_schedule(p), GIST_SCHEDULE_UNSPECIFIED);
    /* an unknown agent in a previous line is refused and adds nothing */
    assert_int_equal(gist_patient_add_prior(p, "regorafenibb", GIST_STOP_OTHER, GIST_SETTING_ADVANCED), GIST_ENOTFOUND);
    assert_int_equal(gist_patient_prior_count(p), 1);
    /* an empty id clears the id like NULL */
    assert_int_equal(gist_patient_set_id(p, "x"), GIST_OK);
    assert_int_equal(gist_patient_set_id(p, ""), GIST_OK);
    assert_string_equal(gist_patient_id(p), "");
    gist_patient_free(p);
}

/* Every setter refuses a NULL patient and values outside its enum on either side. */
static void test_enum_setters_check_both_ends(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_set_genotype(NULL, GIST_GENOTYPE_NF1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_extent(NULL, GIST_EXTENT_LIMITED), GIST_EINVAL);
    assert_int_equal(gist_patient_set_tolerance(NULL, GIST_TOLERANCE_INTOLERANT), GIST_EINVAL);
    assert_int_equal(gist_patient_set_interrupted(NULL, GIST_TRISTATE_YES), GIST_EINVAL);
    assert_int_equal(gist_patient_set_referred(NULL, GIST_TRISTATE_YES), GIST_EINVAL);
    assert_int_equal(gist_patient_set_response(NULL, GIST_RESPONSE_STABLE, GIST_BASIS_CLINICAL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_schedule(NULL, GIST_SCHEDULE_CONTINUOUS), GIST_EINVAL);
    assert_int_equal(gist_patient_set_line(NULL, 1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_genotype(p, (gist_genotype)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_extent(p, (gist_extent)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_tolerance(p, (gist_tolerance)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_interrupted(p, (gist_tristate)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_referred(p, (gist_tristate)3), GIST_EINVAL);
    assert_int_equal(gist_patient_set_response(p, (gist_response)-1, GIST_BASIS_CLINICAL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_STABLE, (gist_basis)-1), GIST_EINVAL);
    assert_int_equal(gist_patient_set_schedule(p, (gist_schedule)-1), GIST_EINVAL);
    char *json = NULL;
    assert_int_equal(gist_patient_to_json(p, GIST_JSON_COMPACT, &json), GIST_OK);
    assert_string_equal(json, "{\"format\":\"gist-patient/1\"}"); /* still knows nothing */
    gist_free(json);
    /* every valid value is accepted and read back */
    for (int v = 0; v < GIST_GENOTYPE_COUNT; v++) {
        assert_int_equal(gist_patient_set_genotype(p, (gist_genotype)v), GIST_OK);
        assert_int_equal(gist_patient_genotype(p), v);
    }
    for (int v = 0; v < 3; v++) {
        assert_int_equal(gist_patient_set_extent(p, (gist_extent)v), GIST_OK);
        assert_int_equal(gist_patient_extent(p), v);
        assert_int_equal(gist_patient_set_tolerance(p, (gist_tolerance)v), GIST_OK);
        assert_int_equal(gist_patient_tolerance(p), v);
        assert_int_equal(gist_patient_set_interrupted(p, (gist_tristate)v), GIST_OK);
        assert_int_equal(gist_patient_interrupted(p), v);
        assert_int_equal(gist_patient_set_referred(p, (gist_tristate)v), GIST_OK);
        assert_int_equal(gist_patient_referred(p), v);
    }
    gist_patient_free(p);
}

static void test_json_shapes_of_regimen_prior_and_booleans(void **state)
{
    (void)state;
    expect_error("{\"regimen\": \"imatinib\"}", GIST_ESCHEMA, 1, 13, "/regimen", "\"none\" or null");
    expect_error("{\"regimen\": 400}", GIST_ESCHEMA, 1, 13, "/regimen", "must be an object");
    expect_error("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400, \"route\": \"oral\"}}", GIST_ESCHEMA, 1,
                 51, "/regimen/route", "unknown field");
    expect_error("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400, \"line\": 0}}", GIST_ERANGE, 1, 59,
                 "/regimen/line", "1 to 20");
    expect_error("{\"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400, \"line\": 21}}", GIST_ERANGE, 1, 59,
                 "/regimen/line", NULL);
    expect_error("{\"prior\": [\"imatinib\"]}", GIST_ESCHEMA, 1, 12, "/prior/0", "must be an object");
    expect_error("{\"prior\": [{\"agent\": \"imatinib\", \"stopped\": \"progression\", \"reason\": \"x\"}]}",
                 GIST_ESCHEMA, 1, 60, "/prior/0/reason", "unknown field");
    expect_error("{\"referred\": 1}", GIST_ESCHEMA, 1, 14, "/referred", "true, false or null");
    expect_error("{\"note\": 7}", GIST_ESCHEMA, 1, 10, "/note", "must be a string");
    gist_patient *p = NULL;
    assert_int_equal(parse("{\"referred\": true, \"interrupted\": true, \"regimen\": {\"agent\": \"sunitinib\", "
                           "\"dose_mg\": 37.5, \"line\": 2}}",
                           &p),
                     GIST_OK);
    assert_int_equal(gist_patient_referred(p), GIST_TRISTATE_YES);
    assert_int_equal(gist_patient_interrupted(p), GIST_TRISTATE_YES);
    assert_int_equal(gist_patient_line(p), 2);
    assert_int_equal(gist_patient_prior_known(p), GIST_TRISTATE_UNKNOWN);
    char *json = NULL;
    assert_int_equal(gist_patient_to_json(p, GIST_JSON_COMPACT, &json), GIST_OK);
    assert_non_null(strstr(json, "\"dose_mg\":37.5,\"line\":2}"));
    assert_non_null(strstr(json, "\"interrupted\":true,\"referred\":true"));
    gist_free(json);
    gist_patient_free(p);
}


/* Errors are located through escaped member names, nested values and any white space. */
static void test_json_error_locations_through_escapes(void **state)
{
    (void)state;
    /* an unknown member whose name uses every JSON escape: located at its opening quote */
    const char *json = "{\"note\": \"x \\\"[{\\\\\", \"a\\n\\t\\b\\f\\r\\/\\u00e9\\u00C9\\u4E2D\\ud83d\\ude00\": 1}";
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_parse(&p, json, strlen(json), "p.json"), GIST_ESCHEMA);
    const gist_error *e = gist_error_last();
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, (unsigned long)(strstr(json, "\"a\\n") - json) + 1);
    assert_string_equal(e->field, "/a\n\t\b\f\r/\xc3\xa9\xc3\x89\xe4\xb8\xad\xf0\x9f\x98\x80");
    /* tabs, CR LF line ends and a member after nested objects: the column counts characters */
    const char *crlf = "{\r\n\t\"prior\": [\r\n\t\t{\"agent\": \"imatinib\", \"stopped\": \"progression\"},\r\n"
                       "\t\t{\"agent\": \"Gl\xc3\xafvec\", \"stopped\": \"other\"}\r\n\t]\r\n}";
    assert_int_equal(gist_patient_parse(&p, crlf, strlen(crlf), "p.json"), GIST_ENOTFOUND);
    e = gist_error_last();
    assert_string_equal(e->field, "/prior/1/agent");
    assert_int_equal(e->line, 4);
    assert_int_equal(e->column, 13); /* a tab is one column */
    /* a syntax error on the first line of a document with a byte-order mark counts the mark as a column */
    const char *bom = "\xEF\xBB\xBF{\"id\" 1}";
    assert_int_equal(gist_patient_parse(&p, bom, strlen(bom), "p.json"), GIST_EPARSE);
    e = gist_error_last();
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 8);
    assert_null(p);
}


/* A regimen whose dose is not recorded: the agent is known, the dose stays unknown. */
static void test_agent_without_a_recorded_dose(void **state)
{
    (void)state;
    gist_patient *p = fresh();
    assert_int_equal(gist_patient_set_agent(NULL, "imatinib"), GIST_EINVAL);
    assert_int_equal(gist_patient_set_agent(p, NULL), GIST_EINVAL);
    assert_int_equal(gist_patient_set_agent(p, "imatinb"), GIST_ENOTFOUND);
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_UNKNOWN);
    assert_int_equal(gist_patient_set_regimen(p, "sunitinib", 50), GIST_OK);
    assert_int_equal(gist_patient_set_line(p, 2), GIST_OK);
    assert_int_equal(gist_patient_set_agent(p, "Glivec"), GIST_OK);
    assert_string_equal(gist_agent_name(gist_patient_agent(p)), "imatinib");
    assert_int_equal(gist_patient_on_treatment(p), GIST_TRISTATE_YES);
    assert_true(gist_patient_dose_mg(p) == 0);
    assert_int_equal(gist_patient_line(p), 0); /* a new regimen: the stated line is dropped */
    /* advice that needs the dose says so instead of guessing one */
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    gist_pathway *pw = NULL;
    gist_advice *a = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_string_equal(gist_advice_missing_fact(a, 0), "regimen.dose_mg");
    gist_advice_free(a);
    gist_pathway_free(pw);
    /* written without a dose, read back the same */
    char *json = NULL, *again = NULL;
    gist_patient *q = NULL;
    assert_int_equal(gist_patient_to_json(p, GIST_JSON_COMPACT, &json), GIST_OK);
    assert_non_null(strstr(json, "\"regimen\":{\"agent\":\"imatinib\"}"));
    assert_int_equal(gist_patient_parse(&q, json, strlen(json), NULL), GIST_OK);
    assert_int_equal(gist_patient_to_json(q, GIST_JSON_COMPACT, &again), GIST_OK);
    assert_string_equal(json, again);
    gist_free(json);
    gist_free(again);
    gist_patient_free(q);
    gist_patient_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_patient_knows_nothing),
        cmocka_unit_test(test_setters_validate_and_leave_state_alone_on_error),
        cmocka_unit_test(test_null_handles_are_errors_everywhere),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_lines_are_derived_from_history),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_json_reads_every_field),
        cmocka_unit_test(test_json_regimen_none_and_bom),
        cmocka_unit_test(test_json_errors_name_file_line_column_and_field),
        cmocka_unit_test(test_json_syntax_errors),
        cmocka_unit_test(test_json_limits),
        cmocka_unit_test(test_load_from_files),
        cmocka_unit_test(test_getters_of_null_and_out_of_range),
        cmocka_unit_test(test_enum_setters_check_both_ends),
        cmocka_unit_test(test_json_shapes_of_regimen_prior_and_booleans),
        cmocka_unit_test(test_json_error_locations_through_escapes),
        cmocka_unit_test(test_agent_without_a_recorded_dose),
    };
    return cmocka_run_group_tests_name("patient", tests, NULL, NULL);
}
