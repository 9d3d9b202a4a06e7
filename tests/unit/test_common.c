/*
 * Errors, versions and the allocator hook.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>
#define GIST_HELPERS_API
#include <gist/helpers.h>

static void test_version_macros_match_runtime(void **state)
{
    (void)state;
    assert_string_equal(gist_version(), GIST_VERSION_STRING);
    assert_int_equal(gist_version_number(), GIST_VERSION_NUMBER);
    assert_int_equal(GIST_VERSION_NUMBER, GIST_VERSION_MAJOR * 10000 + GIST_VERSION_MINOR * 100 + GIST_VERSION_PATCH);
}

static void test_every_status_has_a_message_and_a_name(void **state)
{
    (void)state;
    for (int s = 0; s >= GIST_ESTATE; s--) {
        assert_non_null(gist_strerror((gist_status)s));
        assert_string_not_equal(gist_strerror((gist_status)s), "unknown status");
        assert_true(strncmp(gist_status_name((gist_status)s), "GIST_", 5) == 0);
        assert_string_not_equal(gist_status_name((gist_status)s), "GIST_E?");
    }
    assert_string_equal(gist_strerror((gist_status)-999), "unknown status");
    assert_string_equal(gist_status_name((gist_status)42), "GIST_E?");
}

static void test_status_numbers_never_change(void **state)
{
    (void)state;
    /* The ABI promise: these values are fixed forever. */
    assert_int_equal(GIST_OK, 0);
    assert_int_equal(GIST_EINVAL, -1);
    assert_int_equal(GIST_ENOMEM, -2);
    assert_int_equal(GIST_ENOTFOUND, -3);
    assert_int_equal(GIST_EAMBIGUOUS, -4);
    assert_int_equal(GIST_EPARSE, -5);
    assert_int_equal(GIST_ESCHEMA, -6);
    assert_int_equal(GIST_ERANGE, -7);
    assert_int_equal(GIST_EIO, -8);
    assert_int_equal(GIST_ELIMIT, -9);
    assert_int_equal(GIST_EPATHWAY, -10);
    assert_int_equal(GIST_EORDER, -11);
    assert_int_equal(GIST_EVERSION, -12);
    assert_int_equal(GIST_ESTATE, -13);
}

static void test_error_last_is_never_null_and_clears(void **state)
{
    (void)state;
    gist_error_clear();
    const gist_error *e = gist_error_last();
    assert_non_null(e);
    assert_int_equal(e->status, GIST_OK);
    assert_string_equal(e->message, "");
    assert_string_equal(e->source, "");
    assert_string_equal(e->field, "");
    assert_int_equal(gist_patient_new(NULL), GIST_EINVAL);
    e = gist_error_last();
    assert_int_equal(e->status, GIST_EINVAL);
    assert_non_null(strstr(e->message, "out"));
    gist_error_clear();
    assert_int_equal(gist_error_last()->status, GIST_OK);
}

static size_t n_alloc, n_free;

static void *count_malloc(size_t size, void *ud)
{
    (void)ud;
    n_alloc++;
    return malloc(size);
}

static void *count_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (ptr == NULL)
        n_alloc++;
    return realloc(ptr, size);
}

static void count_free(void *ptr, void *ud)
{
    (void)ud;
    if (ptr != NULL)
        n_free++;
    free(ptr);
}

static void test_allocator_hook_sees_every_allocation(void **state)
{
    (void)state;
    gist_allocator a;
    assert_int_equal(gist_allocator_init(&a), GIST_OK);
    a.malloc_fn = count_malloc;
    a.realloc_fn = count_realloc;
    a.free_fn = count_free;
    n_alloc = n_free = 0;
    assert_int_equal(gist_allocator_set(&a), GIST_OK);
    gist_pathway *pw = NULL;
    gist_patient *pt = NULL;
    gist_advice *adv = NULL;
    char *json = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_int_equal(gist_patient_new(&pt), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(pt, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_advise(&adv, pw, pt), GIST_OK);
    assert_int_equal(gist_advice_to_json(adv, 0, &json), GIST_OK);
    gist_free(json);
    gist_advice_free(adv);
    gist_patient_free(pt);
    gist_pathway_free(pw);
    assert_true(n_alloc > 3);
    assert_int_equal(n_alloc, n_free);
    assert_int_equal(gist_allocator_set(NULL), GIST_OK);
}

static void test_allocator_rejects_bad_structs(void **state)
{
    (void)state;
    gist_allocator a;
    assert_int_equal(gist_allocator_init(NULL), GIST_EINVAL);
    assert_int_equal(gist_allocator_init(&a), GIST_OK);
    a.version = 99;
    assert_int_equal(gist_allocator_set(&a), GIST_EVERSION);
    assert_int_equal(gist_allocator_init(&a), GIST_OK);
    a.free_fn = NULL;
    assert_int_equal(gist_allocator_set(&a), GIST_EINVAL);
    assert_int_equal(gist_allocator_init(&a), GIST_OK);
    a.malloc_fn = NULL;
    assert_int_equal(gist_allocator_set(&a), GIST_EINVAL);
    assert_int_equal(gist_allocator_init(&a), GIST_OK);
    a.realloc_fn = NULL;
    assert_int_equal(gist_allocator_set(&a), GIST_EINVAL);
    assert_non_null(strstr(gist_error_last()->message, "realloc_fn"));
    gist_free(NULL); /* accepted */
}


/* Every machine-name function: a name for each value, NULL outside the enum on both sides. */
static void test_enum_names_are_null_out_of_range(void **state)
{
    (void)state;
    struct {
        const char *(*name)(int);
        int first, count;
        const char *first_name;
    } tables[] = {
        {(const char *(*)(int))gist_setting_name, 0, GIST_SETTING_COUNT, "unknown"},
        {(const char *(*)(int))gist_genotype_name, 0, GIST_GENOTYPE_COUNT, "unknown"},
        {(const char *(*)(int))gist_response_name, 0, GIST_RESPONSE_COUNT, "unknown"},
        {(const char *(*)(int))gist_basis_name, 0, GIST_BASIS_COUNT, "unknown"},
        {(const char *(*)(int))gist_extent_name, 0, GIST_EXTENT_COUNT, "unknown"},
        {(const char *(*)(int))gist_tolerance_name, 0, GIST_TOLERANCE_COUNT, "unknown"},
        {(const char *(*)(int))gist_stop_reason_name, 0, GIST_STOP_COUNT, "unknown"},
        {(const char *(*)(int))gist_tristate_name, 0, 3, "unknown"},
        {(const char *(*)(int))gist_schedule_name, 0, GIST_SCHEDULE_COUNT, "unspecified"},
        {(const char *(*)(int))gist_action_name, 1, GIST_ACTION_END, "continue"},
        {(const char *(*)(int))gist_severity_name, 1, GIST_SEVERITY_END, "info"},
        {(const char *(*)(int))gist_rule_kind_name, 1, 4, "recommend"},
        {(const char *(*)(int))gist_outcome_name, 1, 4, "recommended"},
        {(const char *(*)(int))gist_trace_result_name, 1, 4, "fired"},
    };
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        assert_string_equal(tables[t].name(tables[t].first), tables[t].first_name);
        for (int v = tables[t].first; v < tables[t].count; v++)
            assert_non_null(tables[t].name(v));
        assert_null(tables[t].name(-1));
        assert_null(tables[t].name(tables[t].count));
        assert_null(tables[t].name(1000));
    }
    assert_string_equal(gist_trace_result_name(GIST_TRACE_NEAREST), "nearest");
    assert_string_equal(gist_outcome_name(GIST_OUTCOME_NOT_COVERED), "not_covered");
}

/* Messages, sources and fields longer than the record's buffers are cut, never overrun. */
static void test_long_error_texts_are_truncated(void **state)
{
    (void)state;
    char path[3000];
    memset(path, 'p', sizeof path - 1);
    memcpy(path, "no-such-dir/", 12);
    path[sizeof path - 1] = '\0';
    gist_patient *pt = NULL;
    assert_int_equal(gist_patient_load(&pt, path), GIST_EIO);
    const gist_error *e = gist_error_last();
    assert_int_equal(e->status, GIST_EIO);
    assert_int_equal(strlen(e->source), 255);
    assert_true(strncmp(e->source, path, 255) == 0);
    assert_true(strlen(e->message) > 0 && strlen(e->message) < 1024);
    assert_true(strncmp(e->message, path, 200) == 0);

    /* an unknown field name of 500 bytes: the field is cut at 255, the message at 1023 */
    char json[1200];
    char key[501];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    snprintf(json, sizeof json, "{\"%s\": 1}", key);
    assert_int_equal(gist_patient_parse(&pt, json, strlen(json), path), GIST_ESCHEMA);
    e = gist_error_last();
    assert_int_equal(strlen(e->field), 255);
    assert_true(strncmp(e->field, "/kkkk", 5) == 0);
    assert_true(strlen(e->message) <= 1023);
    assert_null(pt);
}

static void test_helper_nearest_suggests_only_close_names(void **state)
{
    (void)state;
    const char *names[] = {"advise", "pathways", "pathway", NULL, "agents", "lines", "audit"};
    size_t n = sizeof names / sizeof names[0];
    assert_string_equal(gist_helper_nearest(names, n, "advis"), "advise");
    assert_string_equal(gist_helper_nearest(names, n, "ADVISE"), "advise"); /* case is ignored */
    assert_string_equal(gist_helper_nearest(names, n, "pathwy"), "pathway");
    assert_string_equal(gist_helper_nearest(names, n, "pathwayss"), "pathways"); /* the closest, not the first */
    assert_string_equal(gist_helper_nearest(names, n, "aduit"), "audit");
    assert_null(gist_helper_nearest(names, n, "frobnicate")); /* 4 or more edits: no guess */
    assert_null(gist_helper_nearest(names, n, "x"));          /* a short word is not corrected into another */
    assert_null(gist_helper_nearest(names, n, ""));
    assert_null(gist_helper_nearest(NULL, n, "advis"));
    assert_null(gist_helper_nearest(names, n, NULL));
    assert_null(gist_helper_nearest(names, 0, "advis"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_macros_match_runtime),
        cmocka_unit_test(test_every_status_has_a_message_and_a_name),
        cmocka_unit_test(test_status_numbers_never_change),
        cmocka_unit_test(test_error_last_is_never_null_and_clears),
        cmocka_unit_test(test_allocator_hook_sees_every_allocation),
        cmocka_unit_test(test_allocator_rejects_bad_structs),
        cmocka_unit_test(test_enum_names_are_null_out_of_range),
        cmocka_unit_test(test_long_error_texts_are_truncated),
        cmocka_unit_test(test_helper_nearest_suggests_only_close_names),
    };
    return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
