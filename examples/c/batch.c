/*
 * Decide for many patients at once with gist_advise_batch(), which gives
 * the same outcome and deciding rule as gist_advise() without allocating,
 * and tally the outcomes by rule.
 *
 * Build against an installed libgist:
 *   cc batch.c $(pkg-config --cflags --libs gist) -o batch
 */
#include <stdio.h>
#include <stdlib.h>

#include <gist/gist.h>

#define PATIENTS 1000

/* A varied population: each index gives a different combination of facts. */
static gist_status describe(gist_patient *pt, size_t i)
{
    static const char *const agents[] = {"imatinib", "imatinib", "sunitinib", "regorafenib"};
    static const double doses[] = {400, 800, 50, 160};
    static const gist_response responses[] = {GIST_RESPONSE_STABLE, GIST_RESPONSE_PROGRESSION,
                                              GIST_RESPONSE_RESPONDING, GIST_RESPONSE_UNKNOWN};
    static const gist_basis bases[] = {GIST_BASIS_RADIOLOGIC, GIST_BASIS_CLINICAL, GIST_BASIS_UNKNOWN};
    size_t k = i % 4;
    gist_status st = gist_patient_set_setting(pt, GIST_SETTING_ADVANCED);
    if (st == GIST_OK)
        st = gist_patient_set_regimen(pt, agents[k], doses[k]);
    if (st == GIST_OK)
        st = gist_patient_set_response(pt, responses[i / 4 % 4], bases[i / 16 % 3]);
    if (st == GIST_OK)
        st = gist_patient_set_tolerance(pt, i % 7 == 0 ? GIST_TOLERANCE_INTOLERANT : GIST_TOLERANCE_TOLERATING);
    return st;
}

int main(void)
{
    gist_pathway *pw = NULL;
    gist_patient *patients[PATIENTS] = {NULL};
    gist_outcome outcomes[PATIENTS];
    const gist_rule *rules[PATIENTS];
    int rc = EXIT_FAILURE;

    if (gist_pathway_builtin(&pw, "gist-2016") != GIST_OK)
        goto done;
    for (size_t i = 0; i < PATIENTS; i++)
        if (gist_patient_new(&patients[i]) != GIST_OK || describe(patients[i], i) != GIST_OK)
            goto done;

    /* One call for the whole array; safe to run from several threads on the same pathway. */
    if (gist_advise_batch(pw, (const gist_patient *const *)patients, PATIENTS, outcomes, rules) != GIST_OK)
        goto done;

    size_t counts[4] = {0};
    for (size_t i = 0; i < PATIENTS; i++)
        counts[outcomes[i]]++;
    printf("%d patients: %zu recommended, %zu undetermined, %zu not covered\n", PATIENTS,
           counts[GIST_OUTCOME_RECOMMENDED], counts[GIST_OUTCOME_UNDETERMINED], counts[GIST_OUTCOME_NOT_COVERED]);

    /* Patients per deciding rule (the nearest rule when none applies), in pathway order; rules are
     * borrowed from the pathway. */
    for (size_t r = 0; r < gist_pathway_rule_count(pw); r++) {
        const gist_rule *rule = gist_pathway_rule(pw, r);
        size_t n = 0;
        for (size_t i = 0; i < PATIENTS; i++)
            n += rules[i] == rule;
        if (n > 0)
            printf("%5zu  %s\n", n, gist_rule_id(rule));
    }
    rc = EXIT_SUCCESS;

done:
    if (rc != EXIT_SUCCESS)
        fprintf(stderr, "batch: %s\n", gist_error_last()->message);
    for (size_t i = 0; i < PATIENTS; i++)
        gist_patient_free(patients[i]);
    gist_pathway_free(pw);
    return rc;
}
