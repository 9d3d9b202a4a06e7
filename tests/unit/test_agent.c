/*
 * The agent registry: identifiers from the clinical basis (section 4),
 * case-insensitive lookup, clear errors.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <gist/gist.h>

static const gist_agent *must(const char *name)
{
    const gist_agent *a = NULL;
    assert_int_equal(gist_agent_lookup(&a, name), GIST_OK);
    assert_non_null(a);
    return a;
}

static void test_lookup_by_every_kind_of_name(void **state)
{
    (void)state;
    assert_string_equal(gist_agent_name(must("imatinib")), "imatinib");
    assert_string_equal(gist_agent_name(must("IMATINIB")), "imatinib");
    assert_string_equal(gist_agent_name(must("  Gleevec ")), "imatinib");
    assert_string_equal(gist_agent_name(must("glivec")), "imatinib");
    assert_string_equal(gist_agent_name(must("imatinib mesylate")), "imatinib");
    assert_string_equal(gist_agent_name(must("STI571")), "imatinib");
    assert_string_equal(gist_agent_name(must("L01EA01")), "imatinib");
    assert_string_equal(gist_agent_name(must("l01xe01")), "imatinib"); /* pre-2022 ATC */
    assert_string_equal(gist_agent_name(must("Sutent")), "sunitinib");
    assert_string_equal(gist_agent_name(must("Stivarga")), "regorafenib");
    assert_string_equal(gist_agent_name(must("Qinlock")), "ripretinib");
    assert_string_equal(gist_agent_name(must("Ayvakyt")), "avapritinib");
    assert_string_equal(gist_agent_name(must("L01EK01")), "axitinib");
}

static void test_identifiers_match_the_clinical_basis(void **state)
{
    (void)state;
    struct { const char *name, *atc, *legacy, *rxnorm; } expect[] = {
        {"imatinib", "L01EA01", "L01XE01", "282388"},   {"dasatinib", "L01EA02", "L01XE06", ""},
        {"nilotinib", "L01EA03", "L01XE08", "662281"},  {"sunitinib", "L01EX01", "L01XE04", "357977"},
        {"sorafenib", "L01EX02", "L01XE05", ""},        {"pazopanib", "L01EX03", "", "714438"},
        {"regorafenib", "L01EX05", "L01XE21", ""},      {"larotrectinib", "L01EX12", "L01XE53", ""},
        {"entrectinib", "L01EX14", "", ""},             {"avapritinib", "L01EX18", "", ""},
        {"ripretinib", "L01EX19", "", ""},              {"axitinib", "L01EK01", "L01XE17", ""},
        {"dabrafenib", "L01EC02", "L01XE23", "1424911"}, {"trametinib", "L01EE01", "L01XE25", ""},
    };
    size_t n = sizeof expect / sizeof expect[0];
    assert_int_equal(gist_agent_count(), n);
    for (size_t i = 0; i < n; i++) {
        const gist_agent *a = must(expect[i].name);
        assert_string_equal(gist_agent_atc(a), expect[i].atc);
        assert_string_equal(gist_agent_atc_legacy(a), expect[i].legacy);
        /* RxNorm only where verified; otherwise empty, never invented */
        assert_string_equal(gist_agent_rxnorm(a), expect[i].rxnorm);
        assert_ptr_equal(gist_agent_at(gist_agent_index(a)), a);
    }
    assert_null(gist_agent_at(n));
}

static void test_standard_doses_only_where_sources_state_them(void **state)
{
    (void)state;
    const gist_agent *ima = must("imatinib");
    assert_int_equal(gist_agent_dose_count(ima), 2);
    assert_true(gist_agent_dose_mg(ima, 0) == 400);
    assert_true(gist_agent_dose_mg(ima, 1) == 800);
    assert_string_equal(gist_agent_dose_evidence(ima, 0), "NCCN-GIST-2026");
    const gist_agent *sun = must("sunitinib");
    assert_int_equal(gist_agent_dose_count(sun), 2);
    assert_int_equal(gist_agent_dose_schedule(sun, 0), GIST_SCHEDULE_4ON2OFF);
    assert_true(gist_agent_dose_mg(sun, 1) == 37.5);
    const gist_agent *reg = must("regorafenib");
    assert_int_equal(gist_agent_dose_schedule(reg, 0), GIST_SCHEDULE_3ON1OFF);
    assert_true(gist_agent_dose_mg(reg, 0) == 160);
    const char *offlabel[] = {"dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(gist_agent_dose_count(must(offlabel[i])), 0);
    assert_null(gist_agent_dose_text(ima, 2));
    assert_true(gist_agent_dose_mg(ima, 9) == 0);
}

static void test_names_targets_and_class(void **state)
{
    (void)state;
    const gist_agent *sun = must("sunitinib");
    int vegfr = 0;
    for (size_t i = 0; i < gist_agent_target_count(sun); i++)
        vegfr |= strncmp(gist_agent_target(sun, i), "VEGFR", 5) == 0;
    assert_true(vegfr); /* P16-8 */
    assert_string_equal(gist_agent_class(sun), "tyrosine kinase inhibitor");
    assert_string_equal(gist_agent_brand(sun, 0), "Sutent");
    assert_null(gist_agent_brand(sun, 5));
    assert_true(gist_agent_synonym_count(must("imatinib")) >= 3);
    assert_null(gist_agent_synonym(must("trametinib"), 0));
    assert_null(gist_agent_name(NULL));
    assert_int_equal(gist_agent_brand_count(NULL), 0);
}

static void test_unknown_name_is_an_error_with_a_suggestion(void **state)
{
    (void)state;
    const gist_agent *a = (const gist_agent *)1;
    assert_int_equal(gist_agent_lookup(&a, "imatinb"), GIST_ENOTFOUND);
    assert_null(a);
    assert_non_null(strstr(gist_error_last()->message, "did you mean \"imatinib\""));
    assert_int_equal(gist_agent_lookup(&a, "aspirin"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "aspirin"));
    assert_int_equal(gist_agent_lookup(&a, ""), GIST_ENOTFOUND);
    assert_int_equal(gist_agent_lookup(&a, "imatinib 400 mg tablet"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "\"imatinib\""));
}

static void test_name_of_several_agents_is_ambiguous(void **state)
{
    (void)state;
    const gist_agent *a = NULL;
    assert_int_equal(gist_agent_lookup(&a, "dabrafenib + trametinib"), GIST_EAMBIGUOUS);
    assert_non_null(strstr(gist_error_last()->message, "dabrafenib"));
    assert_non_null(strstr(gist_error_last()->message, "trametinib"));
    assert_int_equal(gist_agent_lookup(&a, "imatinib/Sutent"), GIST_EAMBIGUOUS);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    const gist_agent *a = NULL;
    assert_int_equal(gist_agent_lookup(NULL, "imatinib"), GIST_EINVAL);
    assert_int_equal(gist_agent_lookup(&a, NULL), GIST_EINVAL);
    char huge[1000];
    memset(huge, 'x', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_int_equal(gist_agent_lookup(&a, huge), GIST_ELIMIT);
    assert_int_equal(gist_agent_check_dose(NULL, 400), GIST_EINVAL);
}

static void test_dose_plausibility(void **state)
{
    (void)state;
    const gist_agent *ima = must("imatinib");
    assert_int_equal(gist_agent_check_dose(ima, 400), GIST_OK);
    assert_int_equal(gist_agent_check_dose(ima, 600), GIST_OK); /* non-standard but plausible */
    assert_int_equal(gist_agent_check_dose(ima, 40000), GIST_ERANGE);
    assert_non_null(strstr(gist_error_last()->message, "implausible"));
    assert_int_equal(gist_agent_check_dose(ima, 0), GIST_ERANGE);
    assert_int_equal(gist_agent_check_dose(ima, -400), GIST_ERANGE);
    assert_int_equal(gist_agent_check_dose(ima, NAN), GIST_ERANGE);
    assert_int_equal(gist_agent_check_dose(ima, INFINITY), GIST_ERANGE);
    assert_true(gist_agent_max_daily_mg(ima) == 1600);
    assert_true(gist_agent_max_daily_mg(must("dasatinib")) == 2000);
}

static void test_schedules(void **state)
{
    (void)state;
    int on = 0, cycle = 0;
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_4ON2OFF, &on, &cycle), GIST_OK);
    assert_int_equal(on, 28);
    assert_int_equal(cycle, 42);
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_3ON1OFF, &on, &cycle), GIST_OK);
    assert_int_equal(on, 21);
    assert_int_equal(cycle, 28);
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_UNSPECIFIED, &on, &cycle), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle((gist_schedule)99, &on, &cycle), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_CONTINUOUS, NULL, &cycle), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_CONTINUOUS, &on, NULL), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(GIST_SCHEDULE_CONTINUOUS, &on, &cycle), GIST_OK);
    assert_int_equal(on, 1); /* every day of a one-day cycle */
    assert_int_equal(cycle, 1);
    assert_string_equal(gist_schedule_name(GIST_SCHEDULE_3ON1OFF), "3on1off");
    assert_null(gist_schedule_name((gist_schedule)-1));
}


static void test_null_and_out_of_range_accessors(void **state)
{
    (void)state;
    assert_null(gist_agent_atc(NULL));
    assert_null(gist_agent_atc_legacy(NULL));
    assert_null(gist_agent_rxnorm(NULL));
    assert_null(gist_agent_class(NULL));
    assert_int_equal(gist_agent_synonym_count(NULL), 0);
    assert_int_equal(gist_agent_target_count(NULL), 0);
    assert_int_equal(gist_agent_dose_count(NULL), 0);
    assert_int_equal(gist_agent_index(NULL), (size_t)-1);
    assert_true(gist_agent_max_daily_mg(NULL) == 0);
    assert_null(gist_agent_synonym(NULL, 0));
    assert_null(gist_agent_target(NULL, 0));
    assert_null(gist_agent_dose_text(NULL, 0));
    assert_null(gist_agent_at(gist_agent_count()));

    const gist_agent *ima = must("imatinib");
    size_t targets = gist_agent_target_count(ima), doses = gist_agent_dose_count(ima);
    assert_string_equal(gist_agent_target(ima, 0), "KIT");
    assert_null(gist_agent_target(ima, targets));
    assert_int_equal(gist_agent_dose_schedule(ima, 0), GIST_SCHEDULE_CONTINUOUS);
    assert_int_equal(gist_agent_dose_schedule(ima, doses), GIST_SCHEDULE_UNSPECIFIED);
    assert_string_equal(gist_agent_dose_evidence(ima, 1), "NCCN-GIST-2026");
    assert_null(gist_agent_dose_evidence(ima, doses));
    assert_true(gist_agent_dose_mg(ima, doses) == 0);
    assert_null(gist_agent_dose_text(ima, doses));
    /* every registry entry: its index round-trips and each list ends where its count says */
    for (size_t i = 0; i < gist_agent_count(); i++) {
        const gist_agent *a = gist_agent_at(i);
        assert_int_equal(gist_agent_index(a), i);
        assert_null(gist_agent_synonym(a, gist_agent_synonym_count(a)));
        assert_null(gist_agent_brand(a, gist_agent_brand_count(a)));
        for (size_t k = 0; k < gist_agent_dose_count(a); k++)
            assert_int_equal(gist_agent_check_dose(a, gist_agent_dose_mg(a, k)), GIST_OK);
    }
}

static void test_names_inside_other_text(void **state)
{
    (void)state;
    const gist_agent *a = NULL;
    /* a brand inside a product description names one agent: give it alone */
    assert_int_equal(gist_agent_lookup(&a, "Gleevec 400 mg film-coated tablets"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "give the agent name alone: \"imatinib\""));
    /* a name is a whole word: "preimatinib" does not mention imatinib, so only sunitinib is named */
    assert_int_equal(gist_agent_lookup(&a, "preimatinib then sunitinib"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "\"sunitinib\""));
    assert_null(strstr(gist_error_last()->message, "\"imatinib\""));
    /* more than two agents are summarised */
    assert_int_equal(gist_agent_lookup(&a, "imatinib, sunitinib, regorafenib"), GIST_EAMBIGUOUS);
    assert_non_null(strstr(gist_error_last()->message, "(imatinib, sunitinib, ...)"));
    /* a long unknown name gets no suggestion */
    assert_int_equal(gist_agent_lookup(&a, "an investigational kinase inhibitor without any approved name yet"),
                     GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "see `gist agents`"));
    /* a close misspelling of a brand or synonym is suggested as written in the registry */
    assert_int_equal(gist_agent_lookup(&a, "Stivarag"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "did you mean \"Stivarga\"?"));
    assert_int_equal(gist_agent_lookup(&a, "  \tSTI571\n"), GIST_OK);
    assert_string_equal(gist_agent_name(a), "imatinib");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_by_every_kind_of_name),
        cmocka_unit_test(test_identifiers_match_the_clinical_basis),
        cmocka_unit_test(test_standard_doses_only_where_sources_state_them),
        cmocka_unit_test(test_names_targets_and_class),
        cmocka_unit_test(test_unknown_name_is_an_error_with_a_suggestion),
        cmocka_unit_test(test_name_of_several_agents_is_ambiguous),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_dose_plausibility),
        cmocka_unit_test(test_schedules),
        cmocka_unit_test(test_null_and_out_of_range_accessors),
        cmocka_unit_test(test_names_inside_other_text),
    };
    return cmocka_run_group_tests_name("agent", tests, NULL, NULL);
}
