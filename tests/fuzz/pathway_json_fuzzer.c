/*
 * Fuzz target: the pathway JSON reader (gist_pathway_parse) and everything a loaded pathway
 * offers. Properties: a rejected document returns nothing and a located error; an accepted one
 * writes out as JSON that loads again and writes out identically (normalisation is idempotent),
 * as text and as DOT, and gives consistent advice for a few fixed patients.
 */
#include <string.h>

#include "fuzz_patients.h"

static void check_rules(const gist_pathway *pw)
{
    FUZZ_CHECK(gist_pathway_rule_count(pw) > 0);
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++) {
        const gist_rule *r = gist_pathway_rule(pw, i);
        FUZZ_CHECK(gist_pathway_rule_lookup(pw, gist_rule_id(r)) == r);
        FUZZ_CHECK(gist_rule_kind_name(gist_rule_kind_of(r)) != NULL);
        FUZZ_CHECK(gist_rule_evidence_count(r) > 0);
        for (size_t k = 0; k < gist_rule_evidence_count(r); k++)
            FUZZ_CHECK(gist_pathway_evidence_lookup(pw, gist_rule_evidence(r, k)) != NULL);
        for (size_t k = 0; k < gist_rule_condition_count(r); k++)
            FUZZ_CHECK(gist_rule_condition(r, k) != NULL);
        if (gist_rule_kind_of(r) != GIST_RULE_RECOMMEND)
            FUZZ_CHECK(gist_rule_option_count(r) == 0);
        for (size_t k = 0; k < gist_rule_option_count(r); k++) {
            const gist_option *o = gist_rule_option(r, k);
            FUZZ_CHECK(gist_action_name(gist_option_action(o)) != NULL);
            FUZZ_CHECK(gist_option_summary(o) != NULL && gist_option_rationale(o) != NULL);
            FUZZ_CHECK(gist_option_evidence_count(o) > 0);
            if (gist_option_dose_mg(o) > 0)
                FUZZ_CHECK(gist_agent_check_dose(gist_option_agent(o), gist_option_dose_mg(o)) == GIST_OK);
        }
        for (size_t k = 0; k < gist_rule_alert_count(r); k++) {
            const gist_alert *a = gist_rule_alert(r, k);
            FUZZ_CHECK(gist_severity_name(gist_alert_severity(a)) != NULL);
            for (size_t e = 0; e < gist_alert_evidence_count(a); e++)
                FUZZ_CHECK(gist_pathway_evidence_lookup(pw, gist_alert_evidence(a, e)) != NULL);
        }
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gist_pathway *pw = NULL;
    gist_status st = gist_pathway_parse(&pw, (const char *)data, size, "fuzz.json");
    if (st != GIST_OK) {
        FUZZ_CHECK_FAILURE(st, pw);
        FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.json") == 0); /* every error names its input */
        return 0;
    }
    FUZZ_CHECK(pw != NULL);
    check_rules(pw);

    char *json = NULL, *again_json = NULL, *text = NULL, *dot = NULL;
    FUZZ_CHECK(gist_pathway_to_json(pw, 0, &json) == GIST_OK);
    gist_pathway *again = NULL;
    FUZZ_CHECK(gist_pathway_parse(&again, json, strlen(json), "normalised") == GIST_OK);
    FUZZ_CHECK(gist_pathway_to_json(again, 0, &again_json) == GIST_OK);
    FUZZ_CHECK(strcmp(json, again_json) == 0);
    FUZZ_CHECK(gist_pathway_to_text(pw, &text) == GIST_OK);
    FUZZ_CHECK(gist_pathway_to_dot(pw, &dot) == GIST_OK);
    FUZZ_CHECK(strncmp(dot, "digraph ", 8) == 0);

    gist_patient **patients = fuzz_patients();
    for (int i = 0; i < FUZZ_PATIENTS; i++) {
        gist_advice *adv = NULL, *adv2 = NULL;
        FUZZ_CHECK(gist_advise(&adv, pw, patients[i]) == GIST_OK);
        fuzz_check_advice(adv, pw, patients[i]);
        /* the normalised pathway decides the same way */
        FUZZ_CHECK(gist_advise(&adv2, again, patients[i]) == GIST_OK);
        FUZZ_CHECK(gist_advice_outcome(adv2) == gist_advice_outcome(adv));
        FUZZ_CHECK(strcmp(gist_advice_rationale(adv2), gist_advice_rationale(adv)) == 0);
        gist_advice_free(adv2);
        gist_advice_free(adv);
    }
    gist_free(json);
    gist_free(again_json);
    gist_free(text);
    gist_free(dot);
    gist_pathway_free(again);
    gist_pathway_free(pw);
    return 0;
}
