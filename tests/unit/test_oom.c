/*
 * Out of memory: every public entry point that allocates is run with the
 * N-th allocation failing, for N = 1, 2, ... until it succeeds. Each failure
 * must return GIST_ENOMEM and leave nothing allocated.
 *
 * jansson's allocations (JSON parsing) are made to fail in a second pass
 * through its own hook, json_set_alloc_funcs(). jansson reports some of its
 * allocation failures as syntax errors, so that pass requires a clean error
 * and no leak rather than GIST_ENOMEM itself.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

static long countdown = -1; /* allocations left before failing; -1: never fail */
static long live;           /* blocks allocated and not yet freed */
static int fail_jansson;    /* 0: fail libgist's allocations; 1: fail jansson's */

static int should_fail(void)
{
    if (countdown < 0)
        return 0;
    if (countdown == 0)
        return 1;
    countdown--;
    return 0;
}

static void *t_malloc(size_t n, void *ud)
{
    (void)ud;
    if (!fail_jansson && should_fail())
        return NULL;
    void *p = malloc(n);
    if (p)
        live++;
    return p;
}

static void *t_realloc(void *ptr, size_t n, void *ud)
{
    (void)ud;
    if (!fail_jansson && should_fail())
        return NULL;
    void *p = realloc(ptr, n);
    if (p && !ptr)
        live++;
    return p;
}

static void t_free(void *ptr, void *ud)
{
    (void)ud;
    if (ptr) {
        live--;
        free(ptr);
    }
}

static void *j_malloc(size_t n)
{
    if (fail_jansson && should_fail())
        return NULL;
    void *p = malloc(n);
    if (p)
        live++;
    return p;
}

static void j_free(void *p) { t_free(p, NULL); }

static int setup(void **state)
{
    (void)state;
    gist_allocator a;
    gist_allocator_init(&a);
    a.malloc_fn = t_malloc;
    a.realloc_fn = t_realloc;
    a.free_fn = t_free;
    json_set_alloc_funcs(j_malloc, j_free);
    return gist_set_allocator(&a) == GIST_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    gist_set_allocator(NULL);
    json_set_alloc_funcs(malloc, free);
    return 0;
}

/* One operation: returns its status and frees whatever it made on success. */
typedef gist_status (*op_fn)(void);

static void oom_loop(const char *name, op_fn op)
{
    long n;
    for (n = 0; n < 100000; n++) {
        live = 0;
        countdown = n;
        gist_status st = op();
        countdown = -1;
        if (live != 0)
            fail_msg("%s: %ld block(s) leaked with allocation %ld failing (status %s)", name, live, n,
                     gist_status_name(st));
        if (st == GIST_OK)
            break;
        if (!fail_jansson && st != GIST_ENOMEM)
            fail_msg("%s: allocation %ld failing gave %s, not GIST_ENOMEM: %s", name, n, gist_status_name(st),
                     gist_error_last()->message);
        assert_int_equal(gist_error_last()->status, st);
        assert_true(gist_error_last()->message[0] != '\0');
    }
    assert_true(n > 0); /* the operation allocates, so the loop tested something */
    assert_true(n < 100000);
}

static gist_pathway *shared_pw;
static gist_patient *shared_pt;
static gist_advice *shared_adv;

static gist_status op_builtin(void)
{
    gist_pathway *pw = NULL;
    gist_status st = gist_pathway_builtin(&pw, "gist-2016");
    gist_pathway_free(pw);
    return st;
}

static gist_status op_patient_parse(void)
{
    static const char json[] = "{\"id\": \"x\", \"regimen\": {\"agent\": \"imatinib\", \"dose_mg\": 400}, "
                               "\"prior\": [{\"agent\": \"imatinib\"}], \"response\": \"stable\"}";
    gist_patient *p = NULL;
    gist_status st = gist_patient_parse(&p, json, sizeof json - 1, NULL);
    gist_patient_free(p);
    return st;
}

static gist_status op_patient_new(void)
{
    gist_patient *p = NULL, *q = NULL;
    gist_status st = gist_patient_new(&p);
    if (st == GIST_OK)
        st = gist_patient_set_id(p, "some-id");
    if (st == GIST_OK)
        st = gist_patient_clone(&q, p);
    gist_patient_free(q);
    gist_patient_free(p);
    return st;
}

static gist_status op_advise(void)
{
    gist_advice *a = NULL;
    gist_status st = gist_advise(&a, shared_pw, shared_pt);
    gist_advice_free(a);
    return st;
}

static gist_status op_advice_json(void)
{
    char *s = NULL;
    gist_status st = gist_advice_to_json(shared_adv, 0, &s);
    gist_free(s);
    return st;
}

static gist_status op_advice_text(void)
{
    char *s = NULL;
    gist_status st = gist_advice_to_text(shared_adv, &s);
    gist_free(s);
    return st;
}

static gist_status op_pathway_out(void)
{
    char *a = NULL, *b = NULL, *c = NULL;
    gist_status st = gist_pathway_to_json(shared_pw, 0, &a);
    if (st == GIST_OK)
        st = gist_pathway_to_text(shared_pw, &b);
    if (st == GIST_OK)
        st = gist_pathway_to_dot(shared_pw, &c);
    gist_free(a);
    gist_free(b);
    gist_free(c);
    return st;
}

static gist_status op_patient_json(void)
{
    char *s = NULL;
    gist_status st = gist_patient_to_json(shared_pt, 0, &s);
    gist_free(s);
    return st;
}

static void test_jansson_oom_is_a_clean_error(void **state)
{
    (void)state;
    fail_jansson = 1;
    oom_loop("gist_pathway_builtin (jansson)", op_builtin);
    oom_loop("gist_patient_parse (jansson)", op_patient_parse);
    fail_jansson = 0;
}

static void test_oom_every_entry_point(void **state)
{
    (void)state;
    oom_loop("gist_pathway_builtin", op_builtin);
    oom_loop("gist_patient_parse", op_patient_parse);
    oom_loop("gist_patient_new/set_id/clone", op_patient_new);

    countdown = -1;
    assert_int_equal(gist_pathway_builtin(&shared_pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&shared_pt), GIST_OK);
    assert_int_equal(gist_patient_set_id(shared_pt, "oom"), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(shared_pt, "imatinib", 400), GIST_OK);
    long base = live;

    /* measure leaks relative to what the shared objects hold */
    long n;
    for (n = 0;; n++) {
        countdown = n;
        gist_status st = op_advise();
        countdown = -1;
        assert_int_equal(live, base);
        if (st == GIST_OK)
            break;
        assert_int_equal(st, GIST_ENOMEM);
    }
    assert_true(n > 0);
    assert_int_equal(gist_advise(&shared_adv, shared_pw, shared_pt), GIST_OK);
    base = live;
    op_fn ops[] = {op_advice_json, op_advice_text, op_pathway_out, op_patient_json};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        for (n = 0;; n++) {
            countdown = n;
            gist_status st = ops[k]();
            countdown = -1;
            assert_int_equal(live, base);
            if (st == GIST_OK)
                break;
            assert_int_equal(st, GIST_ENOMEM);
        }
        assert_true(n > 0);
    }
    gist_advice_free(shared_adv);
    gist_patient_free(shared_pt);
    gist_pathway_free(shared_pw);
    assert_int_equal(live, 0);
}

static void test_oom_not_covered_explanation(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    gist_patient *p = NULL;
    countdown = -1;
    live = 0;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 600), GIST_OK);
    assert_int_equal(gist_patient_set_response(p, GIST_RESPONSE_PROGRESSION, GIST_BASIS_RADIOLOGIC), GIST_OK);
    long base = live;
    long n;
    for (n = 0;; n++) {
        gist_advice *a = NULL;
        countdown = n;
        gist_status st = gist_advise(&a, pw, p);
        countdown = -1;
        if (st == GIST_OK) {
            assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
            gist_advice_free(a);
            break;
        }
        assert_int_equal(st, GIST_ENOMEM);
        assert_null(a);
        assert_int_equal(live, base);
    }
    assert_true(n >= 2); /* the advice and its explanation */
    gist_patient_free(p);
    gist_pathway_free(pw);
    assert_int_equal(live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_every_entry_point),
        cmocka_unit_test(test_oom_not_covered_explanation),
        cmocka_unit_test(test_jansson_oom_is_a_clean_error),
    };
    return cmocka_run_group_tests_name("oom", tests, setup, teardown);
}
