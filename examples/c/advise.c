/*
 * A minimal libgist client: advice for one patient with confirmed
 * progression on imatinib 400 mg, from the built-in 2016 pathway.
 *
 * Build against an installed libgist:
 *   cc advise.c $(pkg-config --cflags --libs gist) -o advise
 * or with CMake: find_package(gist) and target_link_libraries(... gist::gist).
 */
#include <stdio.h>
#include <stdlib.h>

#include <gist/gist.h>

static int fail(const char *what)
{
    const gist_error *e = gist_error_last();
    fprintf(stderr, "%s failed: %s (%s)\n", what, e->message, gist_status_name(e->status));
    return EXIT_FAILURE;
}

int main(void)
{
    gist_pathway *pw = NULL;
    gist_patient *pt = NULL;
    gist_advice *adv = NULL;
    int rc = EXIT_SUCCESS;

    if (gist_pathway_builtin(&pw, "gist-2016") != GIST_OK)
        return fail("gist_pathway_builtin");
    if (gist_patient_new(&pt) != GIST_OK) {
        rc = fail("gist_patient_new");
        goto done;
    }
    if (gist_patient_set_setting(pt, GIST_SETTING_ADVANCED) != GIST_OK ||
        gist_patient_set_regimen(pt, "imatinib", 400.0) != GIST_OK ||
        gist_patient_set_response(pt, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC) != GIST_OK) {
        rc = fail("setting the patient's facts");
        goto done;
    }
    if (gist_advise(&adv, pw, pt) != GIST_OK) {
        rc = fail("gist_advise");
        goto done;
    }

    printf("libgist %s, pathway %s %s: %s\n", gist_version(), gist_advice_pathway_id(adv),
           gist_advice_pathway_version(adv), gist_outcome_name(gist_advice_outcome(adv)));
    for (size_t i = 0; i < gist_advice_option_count(adv); i++) {
        const gist_option *o = gist_advice_option(adv, i);
        printf("%zu. %s [%s", i + 1, gist_option_summary(o), gist_action_name(gist_option_action(o)));
        if (gist_option_agent(o) != NULL)
            printf(" %s", gist_agent_name(gist_option_agent(o)));
        if (gist_option_dose_mg(o) > 0)
            printf(" %g mg/day", gist_option_dose_mg(o));
        printf("]\n   why: %s\n", gist_option_rationale(o));
        for (size_t k = 0; k < gist_option_evidence_count(o); k++) {
            const char *id = gist_option_evidence(o, k);
            printf("   %s: %s\n", id, gist_advice_evidence_text(adv, id));
        }
    }
    printf("Decision support for clinicians, not a prescription.\n");

done:
    gist_advice_free(adv);
    gist_patient_free(pt);
    gist_pathway_free(pw);
    return rc;
}
