/*
 * Threads: many threads share one loaded pathway and advise concurrently.
 * Each thread's results must equal the single-threaded reference. Run under
 * ThreadSanitizer in scripts/test (the tsan preset).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

#define THREADS 8
#define ROUNDS 2000
#define CASES 6

static gist_pathway *pw;
static gist_outcome reference[CASES];
static const gist_rule *reference_rule[CASES];

static gist_patient *make_case(int k)
{
    gist_patient *p = NULL;
    if (gist_patient_new(&p) != GIST_OK)
        return NULL;
    switch (k) {
    case 0: gist_patient_set_regimen(p, "imatinib", 400);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    case 1: gist_patient_set_regimen(p, "imatinib", 800);
        gist_patient_set_tolerance(p, GIST_TOLERANCE_INTOLERANT); break;
    case 2: gist_patient_set_regimen(p, "sunitinib", 50); break;
    case 3: gist_patient_set_genotype(p, GIST_GENOTYPE_PDGFRA_D842V); break;
    case 4: gist_patient_set_regimen(p, "imatinib", 600);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    default: gist_patient_set_regimen(p, "regorafenib", 160);
        gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC); break;
    }
    return p;
}

static void *worker(void *arg)
{
    intptr_t id = (intptr_t)arg;
    gist_patient *ps[CASES];
    for (int k = 0; k < CASES; k++)
        ps[k] = make_case(k);
    intptr_t bad = 0;
    for (int r = 0; r < ROUNDS; r++) {
        int k = (int)((r + id) % CASES);
        gist_advice *a = NULL;
        if (gist_advise(&a, pw, ps[k]) != GIST_OK) {
            bad++;
            continue;
        }
        const gist_rule *rule = gist_advice_rule(a);
        if (rule == NULL && gist_advice_trace_count(a) > 0 && gist_advice_outcome(a) == GIST_OUTCOME_NOT_COVERED)
            rule = gist_advice_trace_rule(a, gist_advice_trace_count(a) - 1);
        if (gist_advice_outcome(a) != reference[k] || rule != reference_rule[k])
            bad++;
        if (r % 100 == 0) {
            char *s = NULL;
            if (gist_advice_to_json(a, GIST_JSON_COMPACT, &s) != GIST_OK || strstr(s, "gist-2016") == NULL)
                bad++;
            gist_free(s);
        }
        /* a failing call on this thread must not disturb others' errors */
        if (gist_patient_set_regimen(ps[k], "not-a-drug", 1) != GIST_ENOTFOUND ||
            strstr(gist_error_last()->message, "not-a-drug") == NULL)
            bad++;
        gist_advice_free(a);
    }
    for (int k = 0; k < CASES; k++)
        gist_patient_free(ps[k]);
    return (void *)bad;
}

static void test_threads_share_one_pathway(void **state)
{
    (void)state;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    gist_patient *ps[CASES];
    for (int k = 0; k < CASES; k++)
        assert_non_null(ps[k] = make_case(k));
    assert_int_equal(gist_advise_batch(pw, (const gist_patient *const *)ps, CASES, reference, reference_rule),
                     GIST_OK);
    for (int k = 0; k < CASES; k++)
        gist_patient_free(ps[k]);
    pthread_t t[THREADS];
    for (intptr_t i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)i), 0);
    intptr_t bad = 0;
    for (int i = 0; i < THREADS; i++) {
        void *ret = NULL;
        assert_int_equal(pthread_join(t[i], &ret), 0);
        bad += (intptr_t)ret;
    }
    assert_int_equal(bad, 0);
    gist_pathway_free(pw);
}

static void *release_worker(void *arg)
{
    gist_advice *a = arg;
    int ok = strcmp(gist_advice_pathway_id(a), "gist-2016") == 0;
    gist_advice_free(a);
    return (void *)(intptr_t)!ok;
}

static void test_advice_freed_on_other_threads_release_the_pathway(void **state)
{
    (void)state;
    gist_pathway *p = NULL;
    gist_patient *pt = make_case(0);
    assert_int_equal(gist_pathway_builtin(&p, "gist-2016"), GIST_OK);
    gist_advice *as[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(gist_advise(&as[i], p, pt), GIST_OK);
    gist_pathway_free(p); /* the advice keep it alive; the last free on any thread destroys it */
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, release_worker, as[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        void *ret = NULL;
        assert_int_equal(pthread_join(t[i], &ret), 0);
        assert_null(ret);
    }
    gist_patient_free(pt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_one_pathway),
        cmocka_unit_test(test_advice_freed_on_other_threads_release_the_pathway),
    };
    return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
