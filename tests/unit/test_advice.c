/*
 * Advice objects: lifetime, JSON and text output, batch decisions.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

static gist_patient *escalation_patient(void)
{
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_id(p, "P\"1\\"), GIST_OK); /* characters JSON must escape */
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    return p;
}

static void test_advice_outlives_its_pathway(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = escalation_patient();
    gist_advice *a = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    gist_pathway_free(pw); /* the caller's reference only */
    gist_patient_free(p);
    assert_string_equal(gist_advice_pathway_id(a), "gist-2016");
    assert_string_equal(gist_advice_patient_id(a), "P\"1\\");
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    assert_non_null(gist_advice_evidence_text(a, "P16-4"));
    char *text = NULL;
    assert_int_equal(gist_advice_to_text(a, &text), GIST_OK);
    assert_non_null(strstr(text, "Increase imatinib to 800 mg daily"));
    gist_free(text);
    gist_advice_free(a);
}

static void test_json_output_is_valid_and_complete(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = escalation_patient();
    gist_advice *a = NULL;
    char *out = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    for (unsigned flags = 0; flags <= GIST_JSON_COMPACT; flags++) {
        assert_int_equal(gist_advice_to_json(a, flags, &out), GIST_OK);
        json_error_t err;
        json_t *j = json_loads(out, JSON_REJECT_DUPLICATES, &err);
        if (j == NULL)
            fail_msg("invalid JSON at %d:%d: %s", err.line, err.column, err.text);
        assert_string_equal(json_string_value(json_object_get(j, "format")), "gist-advice/1");
        assert_string_equal(json_string_value(json_object_get(j, "patient_id")), "P\"1\\");
        assert_string_equal(json_string_value(json_object_get(j, "outcome")), "recommended");
        assert_string_equal(json_string_value(json_object_get(j, "rule")), "P16-4.escalate-to-800");
        json_t *pwj = json_object_get(j, "pathway");
        assert_string_equal(json_string_value(json_object_get(pwj, "id")), "gist-2016");
        assert_string_equal(json_string_value(json_object_get(pwj, "version")), "2016.1");
        json_t *opt = json_array_get(json_object_get(j, "options"), 0);
        assert_int_equal(json_integer_value(json_object_get(opt, "rank")), 1);
        assert_string_equal(json_string_value(json_object_get(opt, "action")), "escalate");
        assert_string_equal(json_string_value(json_object_get(opt, "agent")), "imatinib");
        assert_true(json_number_value(json_object_get(opt, "dose_mg")) == 800);
        assert_int_equal(json_integer_value(json_object_get(opt, "line")), 1);
        assert_true(json_array_size(json_object_get(opt, "evidence")) >= 2);
        json_t *refs = json_object_get(j, "references");
        assert_non_null(json_object_get(refs, "P16-4"));
        assert_non_null(json_object_get(refs, "P16-5"));
        assert_true(json_array_size(json_object_get(j, "trace")) >= 1);
        assert_non_null(json_object_get(j, "disclaimer"));
        assert_int_equal(strchr(out, '\n') == NULL || strchr(out, '\n') == out + strlen(out) - 1,
                         flags == GIST_JSON_COMPACT);
        json_decref(j);
        gist_free(out);
    }
    assert_int_equal(gist_advice_to_json(a, 4, &out), GIST_EINVAL);
    assert_int_equal(gist_advice_to_json(NULL, 0, &out), GIST_EINVAL);
    assert_int_equal(gist_advice_to_json(a, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_advice_to_text(NULL, &out), GIST_EINVAL);
    gist_advice_free(a);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

static void test_undetermined_json_lists_missing_facts(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = NULL;
    gist_advice *a = NULL;
    char *out = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_to_json(a, GIST_JSON_COMPACT, &out), GIST_OK);
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "outcome")), "undetermined");
    assert_true(json_is_null(json_object_get(j, "rule")));
    json_t *m = json_array_get(json_object_get(j, "missing"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "fact")), "response");
    assert_true(strlen(json_string_value(json_object_get(m, "hint"))) > 10);
    assert_int_equal(json_array_size(json_object_get(j, "options")), 0);
    json_decref(j);
    gist_free(out);
    assert_int_equal(gist_advice_to_text(a, &out), GIST_OK);
    assert_non_null(strstr(out, "Missing facts"));
    gist_free(out);
    gist_advice_free(a);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

static void test_accessors_reject_out_of_range_and_null(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = escalation_patient();
    gist_advice *a = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_advise(NULL, pw, p), GIST_EINVAL);
    assert_int_equal(gist_advise(&a, NULL, p), GIST_EINVAL);
    assert_null(a);
    assert_int_equal(gist_advise(&a, pw, NULL), GIST_EINVAL);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_null(gist_advice_option(a, 99));
    assert_null(gist_advice_alert(a, 99));
    assert_null(gist_advice_missing_fact(a, 0));
    assert_null(gist_advice_missing_hint(a, 0));
    assert_null(gist_advice_trace_rule(a, 99));
    assert_int_equal(gist_advice_trace_result(a, 99), 0);
    assert_null(gist_advice_evidence(a, 99));
    assert_null(gist_advice_evidence_text(a, "nope"));
    assert_null(gist_advice_evidence_text(a, NULL));
    assert_int_equal(gist_advice_outcome(NULL), 0);
    assert_int_equal(gist_advice_option_count(NULL), 0);
    assert_null(gist_advice_rationale(NULL));
    assert_string_equal(gist_outcome_name(GIST_OUTCOME_NOT_COVERED), "not_covered");
    assert_string_equal(gist_trace_result_name(GIST_TRACE_NEAREST), "nearest");
    assert_null(gist_outcome_name((gist_outcome)9));
    gist_advice_free(a);
    gist_advice_free(NULL);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

static void test_batch_gives_the_same_decisions(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    enum { N = 7 };
    gist_patient *ps[N];
    for (int i = 0; i < N; i++)
        assert_int_equal(gist_patient_new(&ps[i]), GIST_OK);
    gist_patient_set_regimen(ps[0], "imatinib", 400);
    gist_patient_set_response(ps[0], GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC);
    gist_patient_set_regimen(ps[1], "imatinib", 600);
    gist_patient_set_response(ps[1], GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC);
    gist_patient_set_regimen(ps[2], "sunitinib", 50);
    gist_patient_set_setting(ps[3], GIST_SETTING_ADJUVANT);
    gist_patient_set_regimen(ps[4], "regorafenib", 160);
    gist_patient_set_tolerance(ps[4], GIST_TOLERANCE_INTOLERANT);
    gist_patient_set_regimen(ps[5], "imatinib", 800);
    gist_patient_set_response(ps[5], GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC);
    gist_patient_set_tolerance(ps[5], GIST_TOLERANCE_TOLERATING);
    gist_outcome outcomes[N];
    const gist_rule *rules[N];
    assert_int_equal(gist_advise_batch(pw, (const gist_patient *const *)ps, N, outcomes, rules), GIST_OK);
    for (int i = 0; i < N; i++) {
        gist_advice *a = NULL;
        assert_int_equal(gist_advise(&a, pw, ps[i]), GIST_OK);
        assert_int_equal(outcomes[i], gist_advice_outcome(a));
        if (gist_advice_outcome(a) == GIST_OUTCOME_UNDETERMINED) {
            assert_null(rules[i]);
        } else if (gist_advice_rule(a) != NULL) {
            assert_ptr_equal(rules[i], gist_advice_rule(a));
        } else {
            assert_ptr_equal(rules[i], gist_advice_trace_rule(a, gist_advice_trace_count(a) - 1));
        }
        gist_advice_free(a);
    }
    assert_int_equal(outcomes[0], GIST_OUTCOME_RECOMMENDED);
    assert_int_equal(outcomes[1], GIST_OUTCOME_NOT_COVERED);
    assert_int_equal(outcomes[3], GIST_OUTCOME_NOT_COVERED);
    assert_int_equal(gist_advise_batch(pw, (const gist_patient *const *)ps, N, outcomes, NULL), GIST_OK);
    assert_int_equal(gist_advise_batch(pw, NULL, 0, NULL, NULL), GIST_OK);
    assert_int_equal(gist_advise_batch(NULL, (const gist_patient *const *)ps, N, outcomes, NULL), GIST_EINVAL);
    assert_int_equal(gist_advise_batch(pw, (const gist_patient *const *)ps, N, NULL, NULL), GIST_EINVAL);
    const gist_patient *with_null[2] = {ps[0], NULL};
    assert_int_equal(gist_advise_batch(pw, with_null, 2, outcomes, NULL), GIST_EINVAL);
    assert_int_equal(outcomes[0], GIST_OUTCOME_RECOMMENDED);
    for (int i = 0; i < N; i++)
        gist_patient_free(ps[i]);
    gist_pathway_free(pw);
}

static void test_advice_is_deterministic(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = escalation_patient();
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    char *first = NULL;
    for (int i = 0; i < 50; i++) {
        gist_advice *a = NULL;
        char *out = NULL;
        assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
        assert_int_equal(gist_advice_to_json(a, GIST_JSON_COMPACT, &out), GIST_OK);
        if (first == NULL)
            first = out;
        else {
            assert_string_equal(first, out);
            gist_free(out);
        }
        gist_advice_free(a);
    }
    gist_free(first);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advice_outlives_its_pathway),
        cmocka_unit_test(test_json_output_is_valid_and_complete),
        cmocka_unit_test(test_undetermined_json_lists_missing_facts),
        cmocka_unit_test(test_accessors_reject_out_of_range_and_null),
        cmocka_unit_test(test_batch_gives_the_same_decisions),
        cmocka_unit_test(test_advice_is_deterministic),
    };
    return cmocka_run_group_tests_name("advice", tests, NULL, NULL);
}
