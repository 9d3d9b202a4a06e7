/*
 * How long does one piece of advice take? Prints ns per gist_advise() call
 * (goal: <= 200 ns on one core) beside baselines measured in the same run:
 *
 *   malloc+free     the allocation one advice needs: the floor of any API
 *                   that returns an object;
 *   batch decide    gist_advise_batch(): the same decisions with no
 *                   allocation, the cost of the rule evaluation alone;
 *   json parse      reading the same patients from JSON (what a CLI or
 *                   service pays per request before advising).
 *
 * Usage: bench_advise [iterations]
 */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gist/gist.h>

#define NPAT 12
#define RUNS 7

static gist_patient *make(int k)
{
    gist_patient *p = NULL;
    if (gist_patient_new(&p) != GIST_OK)
        exit(1);
    gist_patient_set_setting(p, GIST_SETTING_ADVANCED);
    switch (k) {
    case 0: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    case 1: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_response(p, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_TOLERATING); break;
    case 2: gist_patient_set_regimen(p, "imatinib", 800);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_INTOLERANT); break;
    case 3: gist_patient_set_regimen(p, "imatinib", 800);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    case 4: gist_patient_set_regimen(p, "sunitinib", 50);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    case 5: gist_patient_set_regimen(p, "sunitinib", 50);
        gist_patient_set_response(p, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_TOLERATING); break;
    case 6: gist_patient_set_regimen(p, "regorafenib", 160);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    case 7: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_CLINICAL); break;
    case 8: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_UNKNOWN); break;
    case 9: gist_patient_set_genotype(p, GIST_GENOTYPE_PDGFRA_D842V); break;
    case 10: gist_patient_set_regimen(p, "regorafenib", 160);
        gist_patient_set_response(p, GIST_RESPONSE_RESPONDING, GIST_BASIS_RADIOLOGIC);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_TOLERATING); break;
    default: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_interrupted(p, GIST_TRISTATE_YES);
        gist_patient_set_response(p, GIST_RESPONSE_STABLE, GIST_BASIS_RADIOLOGIC);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_TOLERATING); break;
    }
    return p;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 2000000;
    if (iters < NPAT)
        iters = NPAT;
    gist_pathway *pw = NULL;
    if (gist_pathway_builtin(&pw, "gist-2016") != GIST_OK) {
        fprintf(stderr, "%s\n", gist_error_last()->message);
        return 1;
    }
    gist_patient *ps[NPAT];
    char *json[NPAT];
    for (int k = 0; k < NPAT; k++) {
        ps[k] = make(k);
        if (gist_patient_to_json(ps[k], GIST_JSON_COMPACT, &json[k]) != GIST_OK)
            return 1;
    }

    double t_adv[RUNS], t_batch[RUNS], t_malloc[RUNS], t_json[RUNS];
    gist_outcome outcomes[NPAT];
    const gist_rule *rules[NPAT];
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        for (long i = 0; i < iters; i++) {
            gist_advice *a = NULL;
            gist_advise(&a, pw, ps[i % NPAT]);
            bench_keep((uintptr_t)gist_advice_outcome(a));
            gist_advice_free(a);
        }
        double t1 = bench_now();
        for (long i = 0; i < iters; i += NPAT) {
            gist_advise_batch(pw, (const gist_patient *const *)ps, NPAT, outcomes, rules);
            bench_keep((uintptr_t)rules[i % NPAT]);
        }
        double t2 = bench_now();
        for (long i = 0; i < iters; i++) {
            void *m = malloc(1024 + (size_t)(i & 7));
            bench_keep((uintptr_t)m);
            free(m);
        }
        double t3 = bench_now();
        long jiters = iters / 20;
        for (long i = 0; i < jiters; i++) {
            gist_patient *p = NULL;
            const char *s = json[i % NPAT];
            gist_patient_parse(&p, s, strlen(s), NULL);
            bench_keep((uintptr_t)p);
            gist_patient_free(p);
        }
        double t4 = bench_now();
        t_adv[r] = (t1 - t0) / (double)iters * 1e9;
        t_batch[r] = (t2 - t1) / (double)(iters / NPAT * NPAT) * 1e9;
        t_malloc[r] = (t3 - t2) / (double)iters * 1e9;
        t_json[r] = (t4 - t3) / (double)jiters * 1e9;
    }
    double adv = bench_median(t_adv, RUNS), batch = bench_median(t_batch, RUNS);
    double mal = bench_median(t_malloc, RUNS), js = bench_median(t_json, RUNS);
    printf("bench_advise: pathway gist-2016 (%zu rules), %d patient kinds, %ld calls x %d runs, median, one core\n",
           gist_pathway_rule_count(pw), NPAT, iters, RUNS);
    printf("  %-34s %9.1f ns/call   (goal <= 200 ns)\n", "gist_advise + gist_advice_free", adv);
    printf("  %-34s %9.1f ns/patient  ratio advise/batch %.2f\n", "baseline: gist_advise_batch", batch, adv / batch);
    printf("  %-34s %9.1f ns/call    ratio advise/malloc %.2f\n", "baseline: malloc + free (1 KiB)", mal, adv / mal);
    printf("  %-34s %9.1f ns/call    ratio json/advise %.1f\n", "baseline: gist_patient_parse (JSON)", js, js / adv);
    printf("  result: %s\n", adv <= 200.0 ? "within the 200 ns goal" : "ABOVE the 200 ns goal");
    for (int k = 0; k < NPAT; k++) {
        gist_free(json[k]);
        gist_patient_free(ps[k]);
    }
    gist_pathway_free(pw);
    return 0;
}
