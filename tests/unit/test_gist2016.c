/*
 * The 2016 pathway, statement by statement (docs/clinical-basis.md section 1).
 * Every test names the statement it checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

static gist_pathway *pw;

static int setup(void **state)
{
    (void)state;
    return gist_pathway_builtin(&pw, "gist-2016") == GIST_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    gist_pathway_free(pw);
    return 0;
}

/* A patient on agent/dose in the advanced setting with the given response and tolerance. */
static gist_patient *patient(const char *agent, double dose, gist_response resp, gist_basis basis,
                             gist_tolerance tol)
{
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_setting(p, GIST_SETTING_ADVANCED), GIST_OK);
    if (agent != NULL)
        assert_int_equal(gist_patient_set_regimen(p, agent, dose), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, resp, basis), GIST_OK);
    assert_int_equal(gist_patient_set_tolerance(p, tol), GIST_OK);
    return p;
}

static gist_advice *advise(gist_patient *p)
{
    gist_advice *a = NULL;
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_non_null(a);
    assert_string_equal(gist_advice_pathway_id(a), "gist-2016");
    assert_string_equal(gist_advice_pathway_version(a), "2016.1");
    return a;
}

static int has_evidence(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

static int option_cites(const gist_option *o, const char *id)
{
    for (size_t i = 0; i < gist_option_evidence_count(o); i++)
        if (strcmp(gist_option_evidence(o, i), id) == 0)
            return 1;
    return 0;
}

static int advice_cites(const gist_advice *a, const char *id)
{
    const char *ids[64];
    size_t n = gist_advice_evidence_count(a);
    for (size_t i = 0; i < n && i < 64; i++)
        ids[i] = gist_advice_evidence(a, i);
    return has_evidence(ids, n, id);
}

static const gist_alert *find_alert(const gist_advice *a, const char *id)
{
    for (size_t i = 0; i < gist_advice_alert_count(a); i++)
        if (strcmp(gist_alert_id(gist_advice_alert(a, i)), id) == 0)
            return gist_advice_alert(a, i);
    return NULL;
}

/* Every recommendation carries its basis: rationale and evidence that resolves. */
static void assert_basis(const gist_advice *a)
{
    assert_non_null(gist_advice_rationale(a));
    assert_true(strlen(gist_advice_rationale(a)) > 20);
    assert_true(gist_advice_evidence_count(a) > 0);
    for (size_t i = 0; i < gist_advice_evidence_count(a); i++)
        assert_non_null(gist_advice_evidence_text(a, gist_advice_evidence(a, i)));
    for (size_t i = 0; i < gist_advice_option_count(a); i++) {
        const gist_option *o = gist_advice_option(a, i);
        assert_true(strlen(gist_option_rationale(o)) > 10);
        assert_true(gist_option_evidence_count(o) > 0);
        for (size_t k = 0; k < gist_option_evidence_count(o); k++)
            assert_non_null(gist_advice_evidence_text(a, gist_option_evidence(o, k)));
    }
}

static void test_P16_1_maintains_400_when_responding_and_tolerating(void **state)
{
    (void)state;
    gist_response responses[] = {GIST_RESPONSE_RESPONDING, GIST_RESPONSE_STABLE};
    for (int i = 0; i < 2; i++) {
        gist_patient *p = patient("imatinib", 400, responses[i], GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
        gist_advice *a = advise(p);
        assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
        assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-1.maintain-400");
        assert_int_equal(gist_advice_option_count(a), 1);
        const gist_option *o = gist_advice_option(a, 0);
        assert_int_equal(gist_option_action(o), GIST_ACTION_CONTINUE);
        assert_string_equal(gist_agent_name(gist_option_agent(o)), "imatinib");
        assert_true(gist_option_dose_mg(o) == 400.0);
        assert_int_equal(gist_option_schedule(o), GIST_SCHEDULE_CONTINUOUS);
        assert_int_equal(gist_option_line(o), 1);
        assert_true(option_cites(o, "P16-1"));
        assert_true(advice_cites(a, "P16-1"));
        assert_basis(a);
        gist_advice_free(a);
        gist_patient_free(p);
    }
}

static void test_P16_1_needs_tolerance_to_maintain(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_UNKNOWN);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_int_equal(gist_advice_option_count(a), 0);
    assert_int_equal(gist_advice_missing_count(a), 1);
    assert_string_equal(gist_advice_missing_fact(a, 0), "tolerance");
    assert_non_null(strstr(gist_advice_missing_hint(a, 0), "tolerates"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_2_alerts_against_holidays_while_maintaining(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    const gist_alert *al = find_alert(a, "P16-2.do-not-interrupt");
    assert_non_null(al);
    assert_int_equal(gist_alert_evidence_count(al), 1);
    assert_string_equal(gist_alert_evidence(al, 0), "P16-2");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_2_interruption_gives_warning_and_resume(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_interrupted(p, GIST_TRISTATE_YES), GIST_OK);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-2.resume-imatinib");
    assert_int_equal(gist_option_action(gist_advice_option(a, 0)), GIST_ACTION_RESUME);
    const gist_alert *al = find_alert(a, "P16-2.no-holidays");
    assert_non_null(al);
    assert_int_equal(gist_alert_severity(al), GIST_SEVERITY_WARNING);
    /* the alert rule and the deciding rule carry the same alert: it is listed once */
    size_t seen = 0;
    for (size_t i = 0; i < gist_advice_alert_count(a); i++)
        seen += gist_advice_alert(a, i) == al;
    assert_int_equal(seen, 1);
    assert_basis(a);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_2_interruption_alert_fires_whatever_the_decision(void **state)
{
    (void)state;
    /* Interrupted with confirmed progression: escalation decides, the no-holiday warning still shows. */
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_interrupted(p, GIST_TRISTATE_YES), GIST_OK);
    gist_advice *a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    assert_non_null(find_alert(a, "P16-2.no-holidays"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_3_unconfirmed_progression_gives_assessment_not_switch(void **state)
{
    (void)state;
    const char *agents[] = {"imatinib", "sunitinib", "regorafenib"};
    double doses[] = {400, 50, 160};
    for (int i = 0; i < 3; i++) {
        gist_patient *p = patient(agents[i], doses[i], GIST_RESPONSE_PROGRESSION, GIST_BASIS_CLINICAL,
                                  GIST_TOLERANCE_TOLERATING);
        gist_advice *a = advise(p);
        assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
        assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-3.confirm-progression");
        assert_int_equal(gist_advice_option_count(a), 2);
        const gist_option *first = gist_advice_option(a, 0);
        assert_int_equal(gist_option_action(first), GIST_ACTION_ASSESS);
        assert_non_null(strstr(gist_option_summary(first), "radiolog"));
        assert_true(option_cites(first, "P16-3"));
        assert_non_null(strstr(gist_advice_rationale(a), "flare"));
        for (size_t k = 0; k < gist_advice_option_count(a); k++) {
            gist_action act = gist_option_action(gist_advice_option(a, k));
            assert_true(act != GIST_ACTION_SWITCH && act != GIST_ACTION_ESCALATE);
        }
        assert_basis(a);
        gist_advice_free(a);
        gist_patient_free(p);
    }
}

static void test_P16_3_progression_of_unknown_basis_is_undetermined(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_UNKNOWN,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_int_equal(gist_advice_missing_count(a), 1);
    assert_string_equal(gist_advice_missing_fact(a, 0), "confirmed_by");
    assert_non_null(strstr(gist_advice_missing_hint(a, 0), "radiologic"));
    assert_null(gist_advice_rule(a));
    assert_int_equal(gist_advice_trace_result(a, gist_advice_trace_count(a) - 1), GIST_TRACE_UNKNOWN);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_4_escalates_to_800_on_confirmed_progression(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    assert_int_equal(gist_advice_option_count(a), 1);
    const gist_option *o = gist_advice_option(a, 0);
    assert_int_equal(gist_option_action(o), GIST_ACTION_ESCALATE);
    assert_string_equal(gist_agent_name(gist_option_agent(o)), "imatinib");
    assert_true(gist_option_dose_mg(o) == 800.0);
    assert_int_equal(gist_option_line(o), 1);
    assert_true(option_cites(o, "P16-4"));
    assert_basis(a);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_4_escalation_needs_no_tolerance_or_setting(void **state)
{
    (void)state;
    /* The documented one-line example: only the regimen and the confirmed progression are known. */
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    /* the setting is not stated: the advice says which population it assumes */
    assert_non_null(find_alert(a, "scope.setting-not-stated"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_5_escalation_cites_one_third_stability(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_true(advice_cites(a, "P16-5"));
    assert_true(option_cites(gist_advice_option(a, 0), "P16-5"));
    assert_non_null(strstr(gist_advice_rationale(a), "one third"));
    assert_non_null(strstr(gist_advice_evidence_text(a, "P16-5"), "one third"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_5_maintains_800_while_stable(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 800, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-5.maintain-800");
    const gist_option *o = gist_advice_option(a, 0);
    assert_int_equal(gist_option_action(o), GIST_ACTION_CONTINUE);
    assert_true(gist_option_dose_mg(o) == 800.0);
    assert_basis(a);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void assert_switch(const gist_advice *a, const char *rule, const char *agent, int line, const char *ev)
{
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), rule);
    const gist_option *o = gist_advice_option(a, 0);
    assert_int_equal(gist_option_action(o), GIST_ACTION_SWITCH);
    assert_string_equal(gist_agent_name(gist_option_agent(o)), agent);
    assert_int_equal(gist_option_line(o), line);
    /* the 2016 source gives no dose for the later lines: none is invented */
    assert_true(gist_option_dose_mg(o) == 0.0);
    assert_true(option_cites(o, ev));
    assert_basis(a);
}

static void test_P16_6_intolerance_of_800_switches_to_sunitinib(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 800, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_INTOLERANT);
    gist_advice *a = advise(p);
    assert_switch(a, "P16-6.sunitinib-after-intolerance-of-800", "sunitinib", 2, "P16-6");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_7_progression_on_800_switches_to_sunitinib(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 800, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_switch(a, "P16-7.sunitinib-after-progression-on-800", "sunitinib", 2, "P16-7");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_8_sunitinib_is_the_second_line(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 800, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    const gist_option *o = gist_advice_option(a, 0);
    assert_true(option_cites(o, "P16-8"));
    assert_non_null(strstr(gist_advice_evidence_text(a, "P16-8"), "second-line"));
    gist_advice_free(a);
    gist_patient_free(p);

    /* and on sunitinib, controlled and tolerated: continue it as line 2 */
    p = patient("sunitinib", 50, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-8.continue-sunitinib");
    assert_int_equal(gist_option_action(gist_advice_option(a, 0)), GIST_ACTION_CONTINUE);
    assert_int_equal(gist_option_line(gist_advice_option(a, 0)), 2);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_9_regorafenib_is_the_third_line(void **state)
{
    (void)state;
    gist_patient *p = patient("sunitinib", 50, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_switch(a, "P16-9.regorafenib-after-progression-on-sunitinib", "regorafenib", 3, "P16-9");
    gist_advice_free(a);
    gist_patient_free(p);

    p = patient("sunitinib", 37.5, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_INTOLERANT);
    a = advise(p);
    assert_switch(a, "P16-9.regorafenib-after-intolerance-of-sunitinib", "regorafenib", 3, "P16-9");
    gist_advice_free(a);
    gist_patient_free(p);

    p = patient("regorafenib", 160, GIST_RESPONSE_RESPONDING, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-9.continue-regorafenib");
    gist_advice_free(a);
    gist_patient_free(p);
}

/* Options after three failed lines: referral (unless done), trials, the five off-label TKIs. */
static void assert_after_three_lines(const gist_advice *a, int expect_refer)
{
    static const char *const offlabel[] = {"dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib"};
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    size_t n = gist_advice_option_count(a);
    assert_int_equal(n, (size_t)(expect_refer ? 7 : 6));
    size_t i = 0;
    if (expect_refer) {
        const gist_option *refer = gist_advice_option(a, i++);
        assert_int_equal(gist_option_action(refer), GIST_ACTION_REFER);
        assert_non_null(strstr(gist_option_summary(refer), "high-volume sarcoma centre"));
        assert_true(option_cites(refer, "P16-10"));
    }
    const gist_option *trial = gist_advice_option(a, i++);
    assert_int_equal(gist_option_action(trial), GIST_ACTION_CONSIDER_TRIAL);
    assert_true(option_cites(trial, "P16-11"));
    for (size_t k = 0; k < 5; k++) {
        const gist_option *o = gist_advice_option(a, i + k);
        assert_int_equal(gist_option_action(o), GIST_ACTION_CONSIDER_OFF_LABEL);
        assert_string_equal(gist_agent_name(gist_option_agent(o)), offlabel[k]);
        assert_non_null(strstr(gist_option_summary(o), "off-label"));
        assert_true(gist_option_dose_mg(o) == 0.0); /* no dose in the source */
        assert_true(option_cites(o, "P16-12"));
    }
    assert_basis(a);
}

static void test_P16_10_three_failed_lines_refer_to_sarcoma_centre(void **state)
{
    (void)state;
    gist_patient *p = patient("regorafenib", 160, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-10.refer-after-regorafenib-progression");
    assert_after_three_lines(a, 1);
    gist_advice_free(a);
    gist_patient_free(p);

    p = patient("regorafenib", 120, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_INTOLERANT);
    a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-10.refer-after-regorafenib-intolerance");
    assert_after_three_lines(a, 1);
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_10_counts_failed_lines_from_history(void **state)
{
    (void)state;
    /* Off therapy after imatinib (400 -> 800), sunitinib and regorafenib all failed. */
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_setting(p, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_set_no_regimen(p), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "Sutent", GIST_STOP_INTOLERANCE, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "regorafenib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_failed_lines(p), 3);
    gist_advice *a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-10.refer-after-three-lines");
    assert_after_three_lines(a, 1);
    gist_advice_free(a);

    /* two failed lines only: not yet */
    assert_int_equal(gist_patient_clear_prior(p), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "sunitinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_failed_lines(p), 2);
    a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "scope.no-therapy");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_11_referred_patients_are_offered_trials(void **state)
{
    (void)state;
    gist_patient *p = patient("regorafenib", 160, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_referred(p, GIST_TRISTATE_YES), GIST_OK);
    gist_advice *a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-11.trials-after-regorafenib-progression-referred");
    assert_after_three_lines(a, 0);
    assert_non_null(strstr(gist_advice_evidence_text(a, "P16-11"), "clinical trials"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_12_off_label_tkis_are_listed_as_such(void **state)
{
    (void)state;
    gist_patient *p = patient("regorafenib", 160, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    size_t offlabel = 0;
    for (size_t i = 0; i < gist_advice_option_count(a); i++) {
        const gist_option *o = gist_advice_option(a, i);
        if (gist_option_action(o) == GIST_ACTION_CONSIDER_OFF_LABEL) {
            offlabel++;
            /* ranked after referral and trials */
            assert_true(i >= 2);
        }
    }
    assert_int_equal(offlabel, 5);
    assert_non_null(strstr(gist_advice_evidence_text(a, "P16-12"), "off-label"));
    gist_advice_free(a);
    gist_patient_free(p);
}

/* ---- situations the 2016 source does not address ---- */

static void assert_not_covered(gist_patient *p, const char *rule)
{
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_int_equal(gist_advice_option_count(a), 0);
    if (rule != NULL)
        assert_string_equal(gist_rule_id(gist_advice_rule(a)), rule);
    assert_true(strlen(gist_advice_rationale(a)) > 30);
    assert_true(gist_advice_evidence_count(a) > 0);
    gist_advice_free(a);
}

static void test_P16_silent_intolerance_of_400_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_INTOLERANT);
    assert_not_covered(p, "scope.imatinib-400-intolerance");
    gist_patient_free(p);
}

static void test_P16_silent_pdgfra_d842v_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_PDGFRA_D842V), GIST_OK);
    assert_not_covered(p, "scope.pdgfra-d842v");
    gist_patient_free(p);
}

static void test_P16_silent_kit_exon11_stays_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_KIT_EXON11), GIST_OK);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    gist_advice_free(a);
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_KIT_EXON9), GIST_OK);
    assert_not_covered(p, "scope.genotype");
    gist_patient_free(p);
}

/* Finding 8: PDGFRA exon 18 other than D842V is not lumped with the imatinib-sensitive exons 12 and 14. */
static void test_P16_silent_pdgfra_exon18_other_apart_from_exon12_and_14(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_PDGFRA_EXON18_OTHER), GIST_OK);
    assert_not_covered(p, "scope.genotype");
    gist_genotype sensitive[] = {GIST_GENOTYPE_PDGFRA_EXON12, GIST_GENOTYPE_PDGFRA_EXON14, GIST_GENOTYPE_NOT_TESTED};
    for (size_t i = 0; i < sizeof sensitive / sizeof sensitive[0]; i++) {
        assert_int_equal(gist_patient_set_genotype(p, sensitive[i]), GIST_OK);
        gist_advice *a = advise(p);
        assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
        assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-1.maintain-400");
        gist_advice_free(a);
    }
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_WILD_TYPE_SDH_UNTESTED), GIST_OK);
    assert_not_covered(p, "scope.genotype");
    gist_patient_free(p);
}

static void test_P16_silent_adjuvant_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_setting(p, GIST_SETTING_ADJUVANT), GIST_OK);
    assert_not_covered(p, "scope.adjuvant");
    gist_patient_free(p);
}

static void test_P16_silent_limited_progression_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_set_extent(p, GIST_EXTENT_LIMITED), GIST_OK);
    assert_not_covered(p, "scope.limited-progression");
    assert_int_equal(gist_patient_set_extent(p, GIST_EXTENT_GENERALIZED), GIST_OK);
    gist_advice *a = advise(p);
    assert_string_equal(gist_rule_id(gist_advice_rule(a)), "P16-4.escalate-to-800");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_P16_silent_fourth_line_agent_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("ripretinib", 150, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_not_covered(p, "scope.other-agent");
    gist_patient_free(p);
}

static void test_P16_silent_imatinib_rechallenge_is_not_covered(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 400, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC, GIST_TOLERANCE_TOLERATING);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "sunitinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED), GIST_OK);
    assert_int_equal(gist_patient_line(p), 3);
    assert_not_covered(p, "scope.imatinib-rechallenge");
    gist_patient_free(p);
}

static void test_P16_silent_nonstandard_dose_names_nearest_rule(void **state)
{
    (void)state;
    gist_patient *p = patient("imatinib", 600, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC,
                              GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    assert_null(gist_advice_rule(a));
    assert_int_equal(gist_advice_trace_result(a, gist_advice_trace_count(a) - 1), GIST_TRACE_NEAREST);
    assert_string_equal(gist_rule_id(gist_advice_trace_rule(a, gist_advice_trace_count(a) - 1)),
                        "P16-4.escalate-to-800");
    assert_non_null(strstr(gist_advice_rationale(a), "regimen.dose_mg = 400"));
    assert_non_null(strstr(gist_advice_rationale(a), "600"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_undetermined_when_response_unknown(void **state)
{
    (void)state;
    gist_patient *p = patient("sunitinib", 50, GIST_RESPONSE_UNKNOWN, GIST_BASIS_UNKNOWN, GIST_TOLERANCE_TOLERATING);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_string_equal(gist_advice_missing_fact(a, 0), "response");
    assert_non_null(strstr(gist_advice_rationale(a), "response"));
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_undetermined_when_regimen_unknown(void **state)
{
    (void)state;
    gist_patient *p = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    gist_advice *a = advise(p);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_UNDETERMINED);
    assert_string_equal(gist_advice_missing_fact(a, 0), "regimen.agent");
    gist_advice_free(a);
    gist_patient_free(p);
}

static void test_every_rule_carries_rationale_and_resolving_evidence(void **state)
{
    (void)state;
    size_t n = gist_pathway_rule_count(pw);
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        const gist_rule *r = gist_pathway_rule(pw, i);
        assert_true(strlen(gist_rule_rationale(r)) > 20);
        assert_true(gist_rule_evidence_count(r) > 0);
        for (size_t k = 0; k < gist_rule_evidence_count(r); k++)
            assert_non_null(gist_pathway_evidence_lookup(pw, gist_rule_evidence(r, k)));
    }
    /* every statement of the source is in the evidence table and cited by a rule */
    for (int s = 1; s <= 12; s++) {
        char id[16];
        snprintf(id, sizeof id, "P16-%d", s);
        assert_non_null(gist_pathway_evidence_lookup(pw, id));
        int cited = 0;
        for (size_t i = 0; i < n && !cited; i++) {
            const gist_rule *r = gist_pathway_rule(pw, i);
            for (size_t k = 0; k < gist_rule_evidence_count(r); k++)
                cited |= strcmp(gist_rule_evidence(r, k), id) == 0;
        }
        assert_true(cited);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_P16_1_maintains_400_when_responding_and_tolerating),
        cmocka_unit_test(test_P16_1_needs_tolerance_to_maintain),
        cmocka_unit_test(test_P16_2_alerts_against_holidays_while_maintaining),
        cmocka_unit_test(test_P16_2_interruption_gives_warning_and_resume),
        cmocka_unit_test(test_P16_2_interruption_alert_fires_whatever_the_decision),
        cmocka_unit_test(test_P16_3_unconfirmed_progression_gives_assessment_not_switch),
        cmocka_unit_test(test_P16_3_progression_of_unknown_basis_is_undetermined),
        cmocka_unit_test(test_P16_4_escalates_to_800_on_confirmed_progression),
        cmocka_unit_test(test_P16_4_escalation_needs_no_tolerance_or_setting),
        cmocka_unit_test(test_P16_5_escalation_cites_one_third_stability),
        cmocka_unit_test(test_P16_5_maintains_800_while_stable),
        cmocka_unit_test(test_P16_6_intolerance_of_800_switches_to_sunitinib),
        cmocka_unit_test(test_P16_7_progression_on_800_switches_to_sunitinib),
        cmocka_unit_test(test_P16_8_sunitinib_is_the_second_line),
        cmocka_unit_test(test_P16_9_regorafenib_is_the_third_line),
        cmocka_unit_test(test_P16_10_three_failed_lines_refer_to_sarcoma_centre),
        cmocka_unit_test(test_P16_10_counts_failed_lines_from_history),
        cmocka_unit_test(test_P16_11_referred_patients_are_offered_trials),
        cmocka_unit_test(test_P16_12_off_label_tkis_are_listed_as_such),
        cmocka_unit_test(test_P16_silent_intolerance_of_400_is_not_covered),
        cmocka_unit_test(test_P16_silent_pdgfra_d842v_is_not_covered),
        cmocka_unit_test(test_P16_silent_kit_exon11_stays_covered),
        cmocka_unit_test(test_P16_silent_pdgfra_exon18_other_apart_from_exon12_and_14),
        cmocka_unit_test(test_P16_silent_adjuvant_is_not_covered),
        cmocka_unit_test(test_P16_silent_limited_progression_is_not_covered),
        cmocka_unit_test(test_P16_silent_fourth_line_agent_is_not_covered),
        cmocka_unit_test(test_P16_silent_imatinib_rechallenge_is_not_covered),
        cmocka_unit_test(test_P16_silent_nonstandard_dose_names_nearest_rule),
        cmocka_unit_test(test_undetermined_when_response_unknown),
        cmocka_unit_test(test_undetermined_when_regimen_unknown),
        cmocka_unit_test(test_every_rule_carries_rationale_and_resolving_evidence),
    };
    return cmocka_run_group_tests_name("gist-2016", tests, setup, teardown);
}
