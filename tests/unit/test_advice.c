/*
 * Advice objects: lifetime, JSON and text output, batch decisions.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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


static gist_pathway *custom_pathway(const char *rules)
{
    char doc[4096];
    snprintf(doc, sizeof doc,
             "{\"format\": \"gist-pathway/1\", \"id\": \"custom\", \"version\": \"3\", \"title\": \"T\", "
             "\"description\": \"D\", \"source\": \"S\", \"evidence\": {\"E1\": \"one\"}, \"rules\": %s}",
             rules);
    gist_pathway *pw = NULL;
    if (gist_pathway_parse(&pw, doc, strlen(doc), NULL) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    return pw;
}

/* When no rule applies, the explanation names what the nearest rule needs and the patient's value
 * of every kind of fact: a regimen, a yes/no fact, a set of agents, a number and an unknown. */
static void test_not_covered_explains_each_kind_of_fact(void **state)
{
    (void)state;
    gist_pathway *pw = custom_pathway(
        "[{\"id\": \"near\", \"kind\": \"recommend\", \"title\": \"the nearest\", \"rationale\": \"its basis\", "
        "\"evidence\": [\"E1\"], \"when\": [{\"fact\": \"regimen.agent\", \"is\": \"imatinib\"}, "
        "{\"fact\": \"interrupted\", \"is\": true}, {\"fact\": \"prior.agents\", \"includes\": [\"sunitinib\"]}, "
        "{\"fact\": \"genotype\", \"is\": \"kit_exon11\", \"if_unknown\": \"false\"}, "
        "{\"fact\": \"regimen.dose_mg\", \"eq\": 400}, {\"fact\": \"setting\", \"is\": \"advanced\"}], "
        "\"options\": [{\"action\": \"continue\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}, "
        "{\"id\": \"far\", \"kind\": \"recommend\", \"title\": \"farther\", \"rationale\": \"r\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"referred\", \"is\": true}, {\"fact\": \"extent\", \"is\": \"limited\"}, "
        "{\"fact\": \"line\", \"min\": 5}, {\"fact\": \"tolerance\", \"is\": \"intolerant\"}, "
        "{\"fact\": \"response\", \"is\": \"stable\"}, {\"fact\": \"setting\", \"is\": \"advanced\"}], "
        "\"options\": [{\"action\": \"refer\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}]");
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_setting(p, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "sunitinib", 50), GIST_OK);
    assert_int_equal(gist_patient_set_interrupted(p, GIST_TRISTATE_NO), GIST_OK);
    assert_int_equal(gist_patient_set_referred(p, GIST_TRISTATE_NO), GIST_OK);
    assert_int_equal(gist_patient_set_extent(p, GIST_EXTENT_GENERALIZED), GIST_OK);
    assert_int_equal(gist_patient_set_tolerance(p, GIST_TOLERANCE_TOLERATING), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "regorafenib", GIST_STOP_OTHER, GIST_SETTING_ADJUVANT), GIST_OK);
    gist_advice *a = NULL;
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_null(gist_advice_rule(a));
    const char *why = gist_advice_rationale(a);
    assert_non_null(strstr(why, "Not covered: no rule of pathway custom 3 addresses this situation."));
    assert_non_null(strstr(why, "The nearest rule is \"near\" (the nearest), which does not apply:"));
    assert_non_null(strstr(why, " it requires regimen.agent is imatinib, but regimen.agent is sunitinib"));
    assert_non_null(strstr(why, "; it requires interrupted is true, but interrupted is false"));
    assert_non_null(strstr(why, "; it requires prior.agents includes sunitinib, but prior.agents is {imatinib, regorafenib}"));
    assert_non_null(strstr(why, "but genotype is unknown"));
    assert_non_null(strstr(why, "it requires regimen.dose_mg = 400, but regimen.dose_mg is 50"));
    assert_null(strstr(why, "setting")); /* a condition that holds is not listed */
    assert_non_null(strstr(why, ". Its basis: its basis"));
    assert_int_equal(gist_advice_trace_count(a), 1);
    assert_int_equal(gist_advice_trace_result(a, 0), GIST_TRACE_NEAREST);
    assert_string_equal(gist_advice_evidence(a, 0), "E1");
    gist_advice_free(a);

    /* with no current regimen the agent reads "none" */
    assert_int_equal(gist_patient_set_no_regimen(p), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_non_null(strstr(gist_advice_rationale(a), "but regimen.agent is none"));
    gist_advice_free(a);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

/* A pathway of not-covered rules alone has no nearest recommendation to name. */
static void test_not_covered_without_a_nearest_rule(void **state)
{
    (void)state;
    gist_pathway *pw = custom_pathway(
        "[{\"id\": \"adjuvant\", \"kind\": \"not_covered\", \"title\": \"t\", \"rationale\": \"r\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"setting\", \"is\": \"adjuvant\"}]}, "
        "{\"id\": \"refer-all\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"r\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"setting\", \"is\": \"advanced\", \"if_unknown\": \"false\"}, {\"fact\": \"referred\", "
        "\"is\": false}], "
        "\"options\": [{\"action\": \"refer\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}]");
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_setting(p, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_set_referred(p, GIST_TRISTATE_YES), GIST_OK);
    gist_advice *a = NULL;
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_string_equal(gist_rule_id(gist_advice_trace_rule(a, 0)), "refer-all");
    gist_advice_free(a);
    gist_pathway_free(pw);

    pw = custom_pathway(
        "[{\"id\": \"adjuvant\", \"kind\": \"not_covered\", \"title\": \"t\", \"rationale\": \"r\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"setting\", \"is\": \"adjuvant\"}]}]");
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_string_equal(gist_advice_rationale(a), "Not covered: no rule of pathway custom 3 addresses this situation.");
    assert_int_equal(gist_advice_trace_count(a), 0);
    assert_int_equal(gist_advice_evidence_count(a), 0);
    char *json = NULL, *text = NULL;
    assert_int_equal(gist_advice_to_json(a, GIST_JSON_COMPACT, &json), GIST_OK);
    assert_non_null(strstr(json, "\"evidence\":[]"));
    assert_non_null(strstr(json, "\"trace\":[]"));
    assert_non_null(strstr(json, "\"references\":{}"));
    assert_int_equal(gist_advice_to_text(a, &text), GIST_OK);
    assert_null(strstr(text, "Trace:"));
    assert_null(strstr(text, "Evidence:"));
    gist_free(json);
    gist_free(text);
    gist_advice_free(a);

    /* in a batch too: no deciding and no nearest rule */
    gist_outcome outcome;
    const gist_rule *rule = (const gist_rule *)1;
    const gist_patient *const one[] = {p};
    assert_int_equal(gist_advise_batch(pw, one, 1, &outcome, &rule), GIST_OK);
    assert_int_equal(outcome, GIST_OUTCOME_NOT_COVERED);
    assert_null(rule);
    assert_int_equal(gist_advise_batch(pw, one, 1, &outcome, NULL), GIST_OK);
    assert_int_equal(gist_advise_batch(pw, NULL, 0, NULL, NULL), GIST_OK);
    assert_int_equal(gist_advise_batch(NULL, one, 1, &outcome, NULL), GIST_EINVAL);
    assert_int_equal(gist_advise_batch(pw, NULL, 1, &outcome, NULL), GIST_EINVAL);
    assert_int_equal(gist_advise_batch(pw, one, 1, NULL, NULL), GIST_EINVAL);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

/* A missing fact tested twice by the blocking rule is named once. */
static void test_missing_facts_are_named_once(void **state)
{
    (void)state;
    gist_pathway *pw = custom_pathway(
        "[{\"id\": \"twice\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"r\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"response\", \"in\": [\"stable\", \"progression\"]}, {\"fact\": \"response\", "
        "\"not_in\": [\"stable\"]}, {\"fact\": \"extent\", \"is\": \"limited\"}], "
        "\"options\": [{\"action\": \"assess\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}]");
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    gist_advice *a = NULL;
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_int_equal(gist_advice_missing_count(a), 2);
    assert_string_equal(gist_advice_missing_fact(a, 0), "response");
    assert_string_equal(gist_advice_missing_fact(a, 1), "extent");
    assert_non_null(strstr(gist_advice_rationale(a), "depends on facts that are not known: response, extent."));
    gist_advice_free(a);
    gist_patient_free(p);
    gist_pathway_free(pw);
}

static void test_accessors_of_a_null_advice(void **state)
{
    (void)state;
    assert_null(gist_advice_pathway_id(NULL));
    assert_null(gist_advice_pathway_version(NULL));
    assert_null(gist_advice_patient_id(NULL));
    assert_null(gist_advice_rule(NULL));
    assert_int_equal(gist_advice_evidence_count(NULL), 0);
    assert_int_equal(gist_advice_alert_count(NULL), 0);
    assert_int_equal(gist_advice_missing_count(NULL), 0);
    assert_int_equal(gist_advice_trace_count(NULL), 0);
    assert_null(gist_advice_evidence(NULL, 0));
    assert_null(gist_advice_evidence_text(NULL, "P16-1"));
    assert_null(gist_advice_option(NULL, 0));
    assert_null(gist_advice_alert(NULL, 0));
    assert_null(gist_advice_missing_fact(NULL, 0));
    assert_null(gist_advice_missing_hint(NULL, 0));
    assert_null(gist_advice_trace_rule(NULL, 0));
    assert_int_equal(gist_advice_trace_result(NULL, 0), 0);
    char *out = (char *)1;
    assert_int_equal(gist_advice_to_json(NULL, 0, &out), GIST_EINVAL);
    assert_null(out);
    assert_int_equal(gist_advice_to_text(NULL, &out), GIST_EINVAL);
    assert_int_equal(gist_advice_to_text((const gist_advice *)1, NULL), GIST_EINVAL);
    assert_int_equal(gist_advice_to_json((const gist_advice *)1, 0, NULL), GIST_EINVAL);
}


/* Control characters in a patient id are escaped in the advice JSON, which stays valid. */
static void test_json_escapes_control_characters(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = NULL;
    gist_advice *a = NULL;
    char *out = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_id(p, "a\nb\rc\td\be\ff\x01g/\xc3\xa9"), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_to_json(a, GIST_JSON_COMPACT, &out), GIST_OK);
    assert_non_null(strstr(out, "\"patient_id\":\"a\\nb\\rc\\td\\be\\ff\\u0001g/\xc3\xa9\""));
    json_error_t err;
    json_t *j = json_loads(out, JSON_REJECT_DUPLICATES, &err);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "patient_id")), gist_patient_id(p));
    json_decref(j);
    gist_free(out);
    gist_advice_free(a);
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
        cmocka_unit_test(test_not_covered_explains_each_kind_of_fact),
        cmocka_unit_test(test_not_covered_without_a_nearest_rule),
        cmocka_unit_test(test_missing_facts_are_named_once),
        cmocka_unit_test(test_accessors_of_a_null_advice),
        cmocka_unit_test(test_json_escapes_control_characters),
    };
    return cmocka_run_group_tests_name("advice", tests, NULL, NULL);
}
