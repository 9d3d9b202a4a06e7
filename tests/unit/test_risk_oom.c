/*
 * Out of memory in the risk tables: every allocation of loading a table,
 * looking a tumour up and writing either out is made to fail in turn; each
 * failure is GIST_ENOMEM with nothing leaked.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

#include "oom_harness.h"

static gist_risk_table *shared;

static gist_status op_builtin(void)
{
    gist_risk_table *t = NULL;
    gist_status st = gist_risk_table_builtin(&t, "afip-miettinen-2006");
    gist_risk_table_free(t);
    return st;
}

static gist_status op_assess(void)
{
    gist_risk_input in;
    gist_risk_input_init(&in);
    in.size_cm = 12; /* site and count unknown: many cells, a reason and notes */
    in.mitotic_unit = GIST_MITOTIC_UNIT_PER_5_MM2;
    in.mitotic_count = 3;
    gist_risk_result *r = NULL;
    char *text = NULL, *json = NULL;
    gist_status st = gist_risk_assess(&r, shared, &in);
    if (st == GIST_OK)
        st = gist_risk_result_to_text(&text, r);
    if (st == GIST_OK)
        st = gist_risk_result_to_json(&json, r, 0);
    gist_free(text);
    gist_free(json);
    gist_risk_result_free(r);
    return st;
}

static gist_status op_table_out(void)
{
    char *text = NULL, *json = NULL;
    gist_status st = gist_risk_table_to_text(&text, shared);
    if (st == GIST_OK)
        st = gist_risk_table_to_json(&json, shared, GIST_JSON_COMPACT);
    gist_free(text);
    gist_free(json);
    return st;
}

static int setup(void **state)
{
    (void)state;
    if (gist_risk_table_builtin(&shared, "joensuu-2008") != GIST_OK)
        return -1;
    return oom_install();
}

static int teardown(void **state)
{
    (void)state;
    oom_uninstall();
    gist_risk_table_free(shared);
    return 0;
}

static void test_risk_oom(void **state)
{
    (void)state;
    fail_jansson = 0;
    oom_loop("gist_risk_table_builtin", op_builtin);
    oom_loop("gist_risk_assess and its writers", op_assess);
    oom_loop("gist_risk_table_to_text/json", op_table_out);
}

static void test_risk_jansson_oom_is_a_clean_error(void **state)
{
    (void)state;
    fail_jansson = 1;
    oom_loop("gist_risk_table_builtin (jansson)", op_builtin);
    fail_jansson = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_risk_oom),
        cmocka_unit_test(test_risk_jansson_oom_is_a_clean_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
