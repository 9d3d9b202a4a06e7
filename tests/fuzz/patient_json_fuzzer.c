/*
 * Fuzz target: the patient JSON reader (gist_patient_parse). Properties: a rejected document
 * returns nothing and an error that names its input; an accepted patient writes out as JSON that
 * reads back to the same JSON, copies faithfully, and gets consistent advice from the built-in
 * pathway, the same advice as its copy read back from JSON.
 */
#include <string.h>

#include "fuzz_patients.h"

static gist_pathway *builtin(void)
{
    static gist_pathway *pw;
    if (pw == NULL)
        FUZZ_CHECK(gist_pathway_builtin(&pw, "gist-2016") == GIST_OK);
    return pw;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gist_pathway *pw = builtin();
    gist_patient *pt = NULL;
    gist_status st = gist_patient_parse(&pt, (const char *)data, size, "fuzz.json");
    if (st != GIST_OK) {
        FUZZ_CHECK_FAILURE(st, pt);
        FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.json") == 0);
        return 0;
    }
    FUZZ_CHECK(pt != NULL);

    char *json = NULL, *again_json = NULL, *clone_json = NULL;
    gist_patient *again = NULL, *copy = NULL;
    FUZZ_CHECK(gist_patient_to_json(pt, 0, &json) == GIST_OK);
    FUZZ_CHECK(gist_patient_parse(&again, json, strlen(json), "written") == GIST_OK);
    FUZZ_CHECK(gist_patient_to_json(again, GIST_JSON_COMPACT, &again_json) == GIST_OK);
    FUZZ_CHECK(gist_patient_clone(&copy, pt) == GIST_OK);
    FUZZ_CHECK(gist_patient_to_json(copy, GIST_JSON_COMPACT, &clone_json) == GIST_OK);
    FUZZ_CHECK(strcmp(again_json, clone_json) == 0);
    FUZZ_CHECK(gist_patient_line(again) == gist_patient_line(pt));
    FUZZ_CHECK(gist_patient_failed_lines(again) == gist_patient_failed_lines(pt));

    gist_advice *adv = NULL, *adv_again = NULL;
    FUZZ_CHECK(gist_advise(&adv, pw, pt) == GIST_OK);
    fuzz_check_advice(adv, pw, pt);
    FUZZ_CHECK(gist_advise(&adv_again, pw, again) == GIST_OK);
    FUZZ_CHECK(gist_advice_outcome(adv_again) == gist_advice_outcome(adv));
    FUZZ_CHECK(gist_advice_rule(adv_again) == gist_advice_rule(adv));
    FUZZ_CHECK(strcmp(gist_advice_rationale(adv_again), gist_advice_rationale(adv)) == 0);

    gist_advice_free(adv);
    gist_advice_free(adv_again);
    gist_free(json);
    gist_free(again_json);
    gist_free(clone_json);
    gist_patient_free(again);
    gist_patient_free(copy);
    gist_patient_free(pt);
    return 0;
}
