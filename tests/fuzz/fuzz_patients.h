/*
 * Shared by the fuzz targets: a few fixed patients that reach different parts of any pathway,
 * and the properties every advice must have.
 */
#ifndef GIST_FUZZ_PATIENTS_H
#define GIST_FUZZ_PATIENTS_H

#include <string.h>

#include "fuzz_check.h"

#define FUZZ_PATIENTS 6

/* Built once per process; never freed (the fuzzer runs until the process ends). */
static inline gist_patient **fuzz_patients(void)
{
    static gist_patient *p[FUZZ_PATIENTS];
    if (p[0] != NULL)
        return p;
    for (int i = 0; i < FUZZ_PATIENTS; i++)
        FUZZ_CHECK(gist_patient_new(&p[i]) == GIST_OK);
    /* p[0] knows nothing */
    FUZZ_CHECK(gist_patient_set_regimen(p[1], "imatinib", 400) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_response(p[1], GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_no_prior(p[1]) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_setting(p[2], GIST_SETTING_ADVANCED) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_genotype(p[2], GIST_GENOTYPE_KIT_EXON11) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_regimen(p[2], "sunitinib", 50) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_schedule(p[2], GIST_SCHEDULE_4ON2OFF) == GIST_OK);
    FUZZ_CHECK(gist_patient_add_prior(p[2], "imatinib", GIST_STOP_COMPLETED, GIST_SETTING_ADJUVANT) == GIST_OK);
    FUZZ_CHECK(gist_patient_add_prior(p[2], "imatinib", GIST_STOP_PROGRESSION, GIST_SETTING_ADVANCED) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_response(p[2], GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_tolerance(p[2], GIST_TOLERANCE_TOLERATING) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_interrupted(p[2], GIST_TRISTATE_NO) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_no_regimen(p[3]) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_referred(p[3], GIST_TRISTATE_YES) == GIST_OK);
    FUZZ_CHECK(gist_patient_add_prior(p[3], "regorafenib", GIST_STOP_INTOLERANCE, GIST_SETTING_ADVANCED) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_regimen(p[4], "regorafenib", 160) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_line(p[4], 3) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_tolerance(p[4], GIST_TOLERANCE_INTOLERANT) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_extent(p[4], GIST_EXTENT_LIMITED) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_setting(p[5], GIST_SETTING_ADJUVANT) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_genotype(p[5], GIST_GENOTYPE_PDGFRA_D842V) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_regimen(p[5], "avapritinib", 300) == GIST_OK);
    FUZZ_CHECK(gist_patient_set_id(p[5], "fuzz \"quoted\" \\ id") == GIST_OK);
    return p;
}

/* Every advice: its outcome, rule, options, missing facts and trace agree, and it can be written. */
static inline void fuzz_check_advice(const gist_advice *adv, const gist_pathway *pw, const gist_patient *pt)
{
    gist_outcome outcome = gist_advice_outcome(adv);
    const gist_rule *rule = gist_advice_rule(adv);
    FUZZ_CHECK(strcmp(gist_advice_pathway_id(adv), gist_pathway_id(pw)) == 0);
    FUZZ_CHECK(strcmp(gist_advice_patient_id(adv), gist_patient_id(pt)) == 0);
    FUZZ_CHECK(gist_advice_rationale(adv) != NULL && gist_advice_rationale(adv)[0] != '\0');
    switch (outcome) {
    case GIST_OUTCOME_RECOMMENDED:
        FUZZ_CHECK(rule != NULL && gist_rule_kind_of(rule) == GIST_RULE_RECOMMEND);
        FUZZ_CHECK(gist_advice_option_count(adv) == gist_rule_option_count(rule));
        FUZZ_CHECK(gist_advice_option_count(adv) > 0);
        FUZZ_CHECK(gist_advice_missing_count(adv) == 0);
        break;
    case GIST_OUTCOME_UNDETERMINED:
        FUZZ_CHECK(rule == NULL);
        FUZZ_CHECK(gist_advice_option_count(adv) == 0);
        FUZZ_CHECK(gist_advice_missing_count(adv) > 0);
        break;
    case GIST_OUTCOME_NOT_COVERED:
        FUZZ_CHECK(rule == NULL || gist_rule_kind_of(rule) == GIST_RULE_NOT_COVERED);
        FUZZ_CHECK(gist_advice_option_count(adv) == 0);
        FUZZ_CHECK(gist_advice_missing_count(adv) == 0);
        break;
    default: FUZZ_CHECK(outcome == GIST_OUTCOME_RECOMMENDED); /* out of range: always fails */
    }
    FUZZ_CHECK(gist_advice_trace_count(adv) <= gist_pathway_rule_count(pw));
    for (size_t i = 0; i < gist_advice_trace_count(adv); i++) {
        FUZZ_CHECK(gist_advice_trace_rule(adv, i) != NULL);
        FUZZ_CHECK(gist_trace_result_name(gist_advice_trace_result(adv, i)) != NULL);
    }
    for (size_t i = 0; i < gist_advice_missing_count(adv); i++)
        FUZZ_CHECK(gist_advice_missing_fact(adv, i) != NULL && gist_advice_missing_hint(adv, i) != NULL);
    for (size_t i = 0; i < gist_advice_evidence_count(adv); i++)
        FUZZ_CHECK(gist_advice_evidence_text(adv, gist_advice_evidence(adv, i)) != NULL);
    for (size_t i = 0; i < gist_advice_alert_count(adv); i++)
        FUZZ_CHECK(gist_alert_id(gist_advice_alert(adv, i)) != NULL);
    FUZZ_CHECK(gist_advice_option(adv, gist_advice_option_count(adv)) == NULL);

    /* The allocation-free batch form decides the same. */
    gist_outcome batch_outcome;
    const gist_rule *batch_rule = NULL;
    FUZZ_CHECK(gist_advise_batch(pw, &pt, 1, &batch_outcome, &batch_rule) == GIST_OK);
    FUZZ_CHECK(batch_outcome == outcome);
    if (outcome != GIST_OUTCOME_UNDETERMINED && rule != NULL)
        FUZZ_CHECK(batch_rule == rule);

    char *json = NULL, *text = NULL;
    FUZZ_CHECK(gist_advice_to_json(adv, GIST_JSON_COMPACT, &json) == GIST_OK);
    FUZZ_CHECK(gist_advice_to_text(adv, &text) == GIST_OK);
    FUZZ_CHECK(json[0] == '{' && text[0] != '\0');
    gist_free(json);
    gist_free(text);
}

#endif
