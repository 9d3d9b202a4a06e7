/*
 * The agent registry: identifiers from the clinical basis (section 4),
 * case-insensitive lookup, clear errors.
 */
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
        {"ponatinib", "L01EA05", "L01XE24", ""},
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
    assert_string_equal(gist_agent_dose_evidence(ima, 0), "PDQ-GIST-2024");
    const gist_agent *sun = must("sunitinib");
    assert_int_equal(gist_agent_dose_count(sun), 2);
    assert_int_equal(gist_agent_dose_schedule(sun, 0), GIST_SCHEDULE_4ON2OFF);
    assert_true(gist_agent_dose_mg(sun, 1) == 37.5);
    const gist_agent *reg = must("regorafenib");
    assert_int_equal(gist_agent_dose_schedule(reg, 0), GIST_SCHEDULE_3ON1OFF);
    assert_true(gist_agent_dose_mg(reg, 0) == 160);
    /* off-label in GIST, or a dose only secondary sources give (docs/clinical-basis.md): none recorded */
    const char *none[] = {"dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib", "dabrafenib",
                          "trametinib", "larotrectinib", "entrectinib", "ponatinib"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_int_equal(gist_agent_dose_count(must(none[i])), 0);
    assert_string_equal(gist_agent_dose_evidence(must("ripretinib"), 0), "INVICTUS");
    assert_true(gist_agent_dose_mg(must("avapritinib"), 0) == 300);
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
    assert_int_equal(gist_schedule_cycle(&on, &cycle, GIST_SCHEDULE_4ON2OFF), GIST_OK);
    assert_int_equal(on, 28);
    assert_int_equal(cycle, 42);
    assert_int_equal(gist_schedule_cycle(&on, &cycle, GIST_SCHEDULE_3ON1OFF), GIST_OK);
    assert_int_equal(on, 21);
    assert_int_equal(cycle, 28);
    assert_int_equal(gist_schedule_cycle(&on, &cycle, GIST_SCHEDULE_UNSPECIFIED), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(&on, &cycle, (gist_schedule)99), GIST_EINVAL);
    assert_non_null(strstr(gist_error_last()->message, "gist_schedule_cycle"));
    assert_int_equal(gist_schedule_cycle(NULL, &cycle, GIST_SCHEDULE_CONTINUOUS), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(&on, NULL, GIST_SCHEDULE_CONTINUOUS), GIST_EINVAL);
    assert_int_equal(gist_schedule_cycle(&on, &cycle, GIST_SCHEDULE_CONTINUOUS), GIST_OK);
    assert_int_equal(on, 1); /* every day of a one-day cycle */
    assert_int_equal(cycle, 1);
    assert_string_equal(gist_schedule_name(GIST_SCHEDULE_3ON1OFF), "3on1off");
    assert_null(gist_schedule_name((gist_schedule)-1));
    /* the cycles are data, each planned break with its source */
    assert_non_null(strstr(gist_schedule_text(GIST_SCHEDULE_3ON1OFF), "days 1-21 of each 28-day cycle"));
    assert_string_equal(gist_schedule_evidence(GIST_SCHEDULE_4ON2OFF), "PDQ-GIST-2024");
    assert_string_equal(gist_schedule_evidence(GIST_SCHEDULE_CONTINUOUS), "");
    assert_null(gist_schedule_text(GIST_SCHEDULE_UNSPECIFIED));
    assert_null(gist_schedule_evidence((gist_schedule)GIST_SCHEDULE_COUNT));
    assert_non_null(gist_registry_evidence_text(gist_registry_builtin(), "PDQ-GIST-2024"));
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
    assert_string_equal(gist_agent_dose_evidence(ima, 1), "PDQ-GIST-2024");
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


/* ---- the registry as data: the built-in file, extensions, errors ---- */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_builtin_registry_is_lib_data_agents_json(void **state)
{
    (void)state;
    const gist_registry *reg = gist_registry_builtin();
    assert_non_null(reg);
    assert_ptr_equal(reg, gist_registry_builtin());
    assert_int_equal(gist_registry_count(reg), gist_agent_count());
    for (size_t i = 0; i < gist_registry_count(reg); i++)
        assert_ptr_equal(gist_registry_agent(reg, i), gist_agent_at(i));
    /* written back, the registry is the data file: every field read, nothing added */
    char *text = NULL;
    assert_int_equal(gist_registry_to_json(&text, reg, 0), GIST_OK);
    json_error_t e;
    json_t *written = json_loads(text, 0, &e), *file = json_loads(read_text(GIST_SOURCE_DIR "/lib/data/agents.json"), 0, &e);
    assert_non_null(written);
    assert_non_null(file);
    assert_true(json_equal(written, file));
    json_decref(written);
    json_decref(file);
    gist_free(text);
    assert_int_equal(gist_registry_to_json(&text, reg, GIST_JSON_COMPACT), GIST_OK);
    assert_null(strchr(text, '\n'));
    gist_free(text);
    /* the built-in registry is immortal: freeing it through a cast is not possible, and NULL is ignored */
    gist_registry_free(NULL);
}

static const char extension[] =
    "{\n"
    "  \"format\": \"gist-agents/1\",\n"
    "  \"description\": \"A hospital formulary's names (test data).\",\n"
    "  \"evidence\": {\"LOCAL-1\": \"A local protocol (test data).\"},\n"
    "  \"agents\": [\n"
    "    {\"extends\": \"Glivec\", \"synonyms\": [\"IMA-400 formulary\"], \"brands\": [\"Testivec\"]},\n"
    "    {\"name\": \"exampletinib\", \"atc\": \"L01EX99\", \"class\": \"tyrosine kinase inhibitor\",\n"
    "     \"brands\": [\"Examplo\"], \"targets\": [\"KIT\"],\n"
    "     \"doses\": [{\"dose_mg\": 100, \"schedule\": \"4on2off\", \"text\": \"100 mg daily, 4 on / 2 off\",\n"
    "                \"evidence\": \"LOCAL-1\"},\n"
    "               {\"dose_mg\": 50, \"schedule\": \"continuous\", \"text\": \"50 mg daily\",\n"
    "                \"evidence\": \"PDQ-GIST-2024\"}]},\n"
    "    {\"extends\": \"exampletinib\", \"synonyms\": [\"EXT-1\"]}\n"
    "  ]\n"
    "}\n";

static void test_extension_adds_agents_and_names_and_changes_no_builtin_agent(void **state)
{
    (void)state;
    const size_t n = gist_agent_count();
    gist_registry *reg = NULL;
    assert_int_equal(gist_registry_parse(&reg, NULL, extension, sizeof extension - 1, "formulary.json"), GIST_OK);
    assert_int_equal(gist_registry_count(reg), n + 1);
    const gist_agent *a = NULL;
    assert_int_equal(gist_registry_lookup(&a, reg, "testivec"), GIST_OK);
    assert_string_equal(gist_agent_name(a), "imatinib");
    assert_int_equal(gist_agent_index(a), 0); /* a built-in agent keeps its index */
    assert_int_equal(gist_agent_brand_count(a), 3);
    assert_string_equal(gist_agent_brand(a, 2), "Testivec");
    assert_string_equal(gist_agent_synonym(a, gist_agent_synonym_count(a) - 1), "IMA-400 formulary");
    assert_string_equal(gist_agent_rxnorm(a), "282388"); /* and everything the base says */
    assert_int_equal(gist_registry_lookup(&a, reg, "Sutent"), GIST_OK);
    assert_ptr_equal(a, gist_agent_at(1)); /* an agent not extended is the base's own */
    assert_int_equal(gist_registry_lookup(&a, reg, "ext-1"), GIST_OK);
    assert_string_equal(gist_agent_name(a), "exampletinib");
    assert_int_equal(gist_agent_index(a), n);
    assert_ptr_equal(gist_registry_agent(reg, n), a);
    assert_int_equal(gist_agent_dose_schedule(a, 0), GIST_SCHEDULE_4ON2OFF);
    assert_string_equal(gist_agent_dose_evidence(a, 0), "LOCAL-1");
    assert_string_equal(gist_agent_dose_evidence(a, 1), "PDQ-GIST-2024");
    assert_true(gist_agent_max_daily_mg(a) == 200);
    assert_string_equal(gist_registry_evidence_text(reg, "LOCAL-1"), "A local protocol (test data).");
    assert_non_null(gist_registry_evidence_text(reg, "PDQ-GIST-2024")); /* the base's, through the extension */
    assert_null(gist_registry_evidence_text(reg, "P16-1"));
    assert_null(gist_registry_evidence_text(gist_registry_builtin(), "LOCAL-1"));
    /* the built-in registry is untouched */
    assert_int_equal(gist_agent_count(), n);
    assert_int_equal(gist_agent_lookup(&a, "Testivec"), GIST_ENOTFOUND);
    assert_int_equal(gist_agent_brand_count(gist_agent_at(0)), 2);
    /* misspellings are suggested from the registry searched */
    assert_int_equal(gist_registry_lookup(&a, reg, "exampletnib"), GIST_ENOTFOUND);
    assert_non_null(strstr(gist_error_last()->message, "did you mean \"exampletinib\""));
    /* written whole, the extension is one registry with the added agent and names */
    char *text = NULL;
    assert_int_equal(gist_registry_to_json(&text, reg, 0), GIST_OK);
    assert_non_null(strstr(text, "\"Testivec\""));
    assert_non_null(strstr(text, "\"LOCAL-1\": \"A local protocol (test data).\""));
    assert_non_null(strstr(text, "\"A hospital formulary's names (test data).\""));
    gist_free(text);

    /* an extension of an extension keeps its base alive */
    static const char more[] = "{\"format\": \"gist-agents/1\", \"agents\": [{\"extends\": \"exampletinib\", "
                               "\"brands\": [\"Examplo Forte\"]}]}";
    gist_registry *reg2 = NULL;
    assert_int_equal(gist_registry_parse(&reg2, reg, more, sizeof more - 1, NULL), GIST_OK);
    gist_registry_free(reg);
    assert_int_equal(gist_registry_lookup(&a, reg2, "examplo forte"), GIST_OK);
    assert_int_equal(gist_registry_lookup(&a, reg2, "Testivec"), GIST_OK);
    assert_int_equal(gist_agent_index(a), 0);
    assert_string_equal(gist_agent_dose_evidence(gist_registry_agent(reg2, n), 0), "LOCAL-1");
    gist_registry_free(reg2);
}

static void test_registry_file_from_disk(void **state)
{
    (void)state;
    const char *path = GIST_TEST_TMPDIR "/agents-extension.json";
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(extension, f);
    fclose(f);
    gist_registry *reg = NULL;
    assert_int_equal(gist_registry_load(&reg, gist_registry_builtin(), path), GIST_OK);
    assert_int_equal(gist_registry_count(reg), gist_agent_count() + 1);
    gist_registry_free(reg);
    assert_int_equal(gist_registry_load(&reg, NULL, GIST_TEST_TMPDIR "/no-such-file.json"), GIST_EIO);
    assert_null(reg);
    assert_int_equal(gist_registry_load(NULL, NULL, path), GIST_EINVAL);
    assert_int_equal(gist_registry_load(&reg, NULL, NULL), GIST_EINVAL);
    assert_int_equal(gist_registry_parse(&reg, NULL, NULL, 0, NULL), GIST_EINVAL);
    assert_int_equal(gist_registry_to_json(NULL, gist_registry_builtin(), 0), GIST_EINVAL);
    char *text = (char *)1;
    assert_int_equal(gist_registry_to_json(&text, NULL, 0), GIST_EINVAL);
    assert_null(text);
    const gist_agent *a = NULL;
    assert_int_equal(gist_registry_lookup(&a, NULL, "imatinib"), GIST_EINVAL);
    assert_int_equal(gist_registry_lookup(&a, gist_registry_builtin(), NULL), GIST_EINVAL);
    assert_int_equal(gist_registry_count(NULL), 0);
    assert_null(gist_registry_agent(NULL, 0));
    assert_null(gist_registry_agent(gist_registry_builtin(), gist_agent_count()));
    assert_null(gist_registry_evidence_text(NULL, "PDQ-GIST-2024"));
    assert_null(gist_registry_evidence_text(gist_registry_builtin(), NULL));
}

/* Each bad registry file: the status, where (line, column, JSON pointer) and what the message says. */
static void test_bad_registry_files_are_located_errors(void **state)
{
    (void)state;
    struct {
        const char *json;
        gist_status status;
        unsigned long line, column;
        const char *field, *message;
    } cases[] = {
        {"{\"format\": \"gist-agents/1\",", GIST_EPARSE, 1, 27, "", "end of file"},
        {"[]", GIST_ESCHEMA, 1, 1, "", "a JSON object"},
        {"{\"format\": \"gist-pathway/1\", \"agents\": []}", GIST_ESCHEMA, 1, 12, "/format", "is not \"gist-agents/1\""},
        {"{\"format\": \"gist-agents/2\", \"agents\": []}", GIST_EVERSION, 1, 12, "/format", "gist-agents/2"},
        {"{\"format\": \"gist-agents/1\", \"agent\": []}", GIST_ESCHEMA, 1, 29, "/agent", "unknown field \"agent\""},
        {"{\"format\": \"gist-agents/1\"}", GIST_ESCHEMA, 1, 1, "", "missing required field \"agents\""},
        {"{\"format\": \"gist-agents/1\",\n \"schedules\": {},\n \"agents\": [{\"extends\": \"imatinib\"}]}",
         GIST_ESCHEMA, 2, 2, "/schedules", "an extension cannot define them"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [\n  {\"name\": \"imatinib\", \"class\": \"x\"}]}", GIST_ESCHEMA, 2,
         12, "/agents/0/name", "already names agent \"imatinib\" of the base registry; add names to it with"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [\n  {\"extends\": \"imatinib\", \"brands\": [\"Sutent\"]}]}",
         GIST_ESCHEMA, 2, 38, "/agents/0/brands/0", "\"Sutent\" already names agent \"sunitinib\""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"extends\": \"imatinib\", \"synonyms\": [\"GLEEVEC\"]}]}",
         GIST_ESCHEMA, 1, 77, "/agents/0/synonyms/0", "\"GLEEVEC\" is already a name of \"imatinib\""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"extends\": \"imatinb\"}]}", GIST_ENOTFOUND, 1, 52,
         "/agents/0/extends", "did you mean \"imatinib\""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"atc\": \"L01X\", \"class\": \"x\"}]}",
         GIST_ESCHEMA, 1, 68, "/agents/0/atc", "is not a WHO ATC code"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"atc\": \"L01EA01\", \"class\": \"x\"}]}",
         GIST_ESCHEMA, 1, 68, "/agents/0/atc", "\"L01EA01\" already names agent \"imatinib\""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"rxnorm\": \"RX1\", \"class\": \"x\"}]}",
         GIST_ESCHEMA, 1, 71, "/agents/0/rxnorm", "an RxNorm concept id"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"Newtinib\", \"class\": \"x\"}]}", GIST_ESCHEMA, 1,
         49, "/agents/0/name", "lower-case international non-proprietary name"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\"}]}", GIST_ESCHEMA, 1, 40, "/agents/0",
         "missing required field \"class\""},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \"x\", \"doses\": [\n"
         "  {\"dose_mg\": 0, \"schedule\": \"continuous\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}]}]}",
         GIST_ERANGE, 2, 15, "/agents/0/doses/0/dose_mg", "greater than 0"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \"x\", \"doses\": [\n"
         "  {\"dose_mg\": 10, \"schedule\": \"continuous\", \"text\": \"t\", \"evidence\": \"NOPE\"}]}]}",
         GIST_ENOTFOUND, 2, 70, "/agents/0/doses/0/evidence", "\"NOPE\" is not in the registry's evidence table"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \"x\", \"doses\": [\n"
         "  {\"dose_mg\": 10, \"schedule\": \"unspecified\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}]}]}",
         GIST_ESCHEMA, 2, 31, "/agents/0/doses/0/schedule",
         "unknown value \"unspecified\" (expected one of: continuous, 4on2off, 3on1off)"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \"x\", \"doses\": [\n"
         "  {\"dose_mg\": 10, \"schedule\": \"weekly\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}]}]}",
         GIST_ESCHEMA, 2, 31, "/agents/0/doses/0/schedule", "unknown value \"weekly\""},
        {"{\"format\": \"gist-agents/1\", \"evidence\": {\"PDQ-GIST-2024\": \"mine\"}, \"agents\": [{\"extends\": \"imatinib\"}]}",
         GIST_ESCHEMA, 1, 42, "/evidence/PDQ-GIST-2024", "already defined by the base registry"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \"x\", \"targets\": [\"K IT\"]}]}",
         GIST_ESCHEMA, 1, 87, "/agents/0/targets/0", "gene or protein symbol"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"name\": \"newtinib\", \"class\": \" x\"}]}", GIST_ESCHEMA, 1,
         70, "/agents/0/class", "without surrounding white space"},
        {"{\"format\": \"gist-agents/1\", \"agents\": [{\"extends\": \"imatinib\", \"doses\": []}]}", GIST_ESCHEMA, 1,
         64, "/agents/0/doses", "unknown field \"doses\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gist_registry *reg = (gist_registry *)1;
        gist_status st = gist_registry_parse(&reg, NULL, cases[i].json, strlen(cases[i].json), "bad.json");
        const gist_error *e = gist_error_last();
        if (st != cases[i].status || (st != GIST_OK && (e->line != cases[i].line || e->column != cases[i].column ||
                                                        strcmp(e->field, cases[i].field) != 0 ||
                                                        strstr(e->message, cases[i].message) == NULL)))
            fail_msg("case %zu: %s at %lu:%lu %s: %s", i, gist_status_name(st), e->line, e->column, e->field,
                     e->message);
        if (st == GIST_OK) {
            gist_registry_free(reg);
            continue;
        }
        assert_null(reg);
        assert_string_equal(e->source, "bad.json");
    }
}

/* More ways a registry file can be wrong: each gives its status and says what. */
static void test_every_kind_of_bad_registry_entry(void **state)
{
    (void)state;
#define A(x) "{\"format\": \"gist-agents/1\", \"agents\": [" x "]}"
#define NEW(x) A("{\"name\": \"newtinib\", \"class\": \"c\", " x "}")
#define DOSE(x) NEW("\"doses\": [" x "]")
    static const char many[] = A("{\"extends\": \"imatinib\", \"brands\": [\"b1\", \"b2\", \"b3\", \"b4\", \"b5\", "
                                 "\"b6\", \"b7\", \"b8\", \"b9\", \"b10\", \"b11\", \"b12\", \"b13\", \"b14\", \"b15\"]}");
    struct {
        const char *json;
        gist_status status;
        const char *message;
    } cases[] = {
        {"{\"format\": 1, \"agents\": []}", GIST_ESCHEMA, "must be a string"},
        {"{\"format\": \"gist-agents/1\", \"description\": 3, \"agents\": []}", GIST_ESCHEMA, "must be a string"},
        {"{\"format\": \"gist-agents/1\", \"agents\": {}}", GIST_ESCHEMA, "\"agents\" must be a non-empty array"},
        {"{\"format\": \"gist-agents/1\", \"agents\": []}", GIST_ESCHEMA, "\"agents\" must be a non-empty array"},
        {A("3"), GIST_ESCHEMA, "an agent is an object"},
        {A("{\"extends\": 3}"), GIST_ESCHEMA, "must be a string"},
        {A("{\"extends\": \"imatinib\", \"brands\": \"Testivec\"}"), GIST_ESCHEMA, "\"brands\" must be an array"},
        {A("{\"extends\": \"imatinib\", \"brands\": [3]}"), GIST_ESCHEMA, "a name is a string"},
        {A("{\"extends\": \"imatinib\", \"brands\": [\"\"]}"), GIST_ESCHEMA, "a name is a string"},
        {A("{\"extends\": \"imatinib\", \"brands\": [\"tab\\there\"]}"), GIST_ESCHEMA, "printable"},
        {A("{\"extends\": \"imatinib\", \"brands\": [\"x\", \"X\"]}"), GIST_ESCHEMA, "already a name of"},
        {many, GIST_ELIMIT, "would have 17 brands; the limit is 16"},
        {NEW("\"synonyms\": [\"newtinib\"]"), GIST_ESCHEMA, "\"newtinib\" is already a name of \"newtinib\""},
        {NEW("\"atc\": \"L01EX99\", \"atc_legacy\": \"l01xe99\""), GIST_ESCHEMA, "is not a WHO ATC code"},
        {NEW("\"atc\": \"L01EX99\", \"atc_legacy\": \"L01EX99\""), GIST_ESCHEMA, "already a name of"},
        {NEW("\"rxnorm\": \"12345678901\""), GIST_ESCHEMA, "an RxNorm concept id"},
        {NEW("\"atc\": 7"), GIST_ESCHEMA, "must be a string"},
        {NEW("\"targets\": 3"), GIST_ESCHEMA, "\"targets\" must be an array"},
        {NEW("\"targets\": [3]"), GIST_ESCHEMA, "gene or protein symbol"},
        {NEW("\"doses\": {}"), GIST_ESCHEMA, "\"doses\" must be an array"},
        {DOSE("3"), GIST_ESCHEMA, "a dose is an object"},
        {DOSE("{\"dose_mg\": 1, \"schedule\": \"continuous\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\", \"x\": 1}"),
         GIST_ESCHEMA, "unknown field \"x\""},
        {DOSE("{\"schedule\": \"continuous\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}"), GIST_ESCHEMA,
         "missing required field \"dose_mg\""},
        {DOSE("{\"dose_mg\": 200000, \"schedule\": \"continuous\", \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}"),
         GIST_ERANGE, "at most 100000 mg"},
        {DOSE("{\"dose_mg\": 1, \"text\": \"t\", \"evidence\": \"PDQ-GIST-2024\"}"), GIST_ESCHEMA,
         "missing required field \"schedule\""},
        {DOSE("{\"dose_mg\": 1, \"schedule\": \"continuous\", \"text\": \"\", \"evidence\": \"PDQ-GIST-2024\"}"),
         GIST_ESCHEMA, "\"text\" must not be empty"},
        {DOSE("{\"dose_mg\": 1, \"schedule\": \"continuous\", \"evidence\": \"PDQ-GIST-2024\"}"), GIST_ESCHEMA,
         "missing required field \"text\""},
        {DOSE("{\"dose_mg\": 1, \"schedule\": \"continuous\", \"text\": \"t\"}"), GIST_ESCHEMA,
         "missing required field \"evidence\""},
        {"{\"format\": \"gist-agents/1\", \"evidence\": [], \"agents\": [{\"extends\": \"imatinib\"}]}", GIST_ESCHEMA,
         "must be an object of evidence id"},
        {"{\"format\": \"gist-agents/1\", \"evidence\": {\"a b\": \"x\"}, \"agents\": [{\"extends\": \"imatinib\"}]}",
         GIST_ESCHEMA, "evidence id \"a b\" must be 1-64 letters"},
        {"{\"format\": \"gist-agents/1\", \"evidence\": {\"E\": \"\"}, \"agents\": [{\"extends\": \"imatinib\"}]}",
         GIST_ESCHEMA, "must be a non-empty string"},
        {"{\"format\": \"gist-agents/1\", \"evidence\": {\"E\": 3}, \"agents\": [{\"extends\": \"imatinib\"}]}",
         GIST_ESCHEMA, "must be a non-empty string"},
        {NEW("\"name\": \"x\""), GIST_EPARSE, "duplicate object key"},
        {A("{\"name\": \"\", \"class\": \"c\"}"), GIST_ESCHEMA, "printable bytes"},
        {A("{\"name\": \"1tinib\", \"class\": \"c\"}"), GIST_ESCHEMA, "lower-case"},
        {A("{\"name\": \"newtinib\", \"class\": \"c\"}, {\"name\": \"NEWTINIB\", \"class\": \"c\"}"), GIST_ESCHEMA,
         "lower-case"},
        {A("{\"name\": \"newtinib\", \"class\": \"c\"}, {\"name\": \"newtinib \", \"class\": \"c\"}"), GIST_ESCHEMA,
         "without surrounding white space"},
        {A("{\"name\": \"newtinib\", \"class\": \"c\", \"brands\": [\"Nu\"]}, {\"name\": \"nu\", \"class\": \"c\"}"),
         GIST_ESCHEMA, "\"nu\" already names agent \"newtinib\""},
    };
#undef A
#undef NEW
#undef DOSE
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gist_registry *reg = NULL;
        gist_status st = gist_registry_parse(&reg, NULL, cases[i].json, strlen(cases[i].json), "bad.json");
        if (st != cases[i].status || strstr(gist_error_last()->message, cases[i].message) == NULL)
            fail_msg("case %zu: %s: %s", i, gist_status_name(st), gist_error_last()->message);
        assert_null(reg);
    }
}

static void test_registry_limits(void **state)
{
    (void)state;
    /* 62 agents in all: the built-in ones and as many more as fit, then one too many */
    char json[1 << 14];
    size_t room = 62 - gist_agent_count();
    for (size_t extra = room; extra <= room + 1; extra++) {
        int n = snprintf(json, sizeof json, "{\"format\": \"gist-agents/1\", \"agents\": [");
        for (size_t i = 0; i < extra; i++)
            n += snprintf(json + n, sizeof json - (size_t)n, "%s{\"name\": \"test%c%ctinib\", \"class\": \"x\"}",
                          i ? "," : "", (char)('a' + i / 26), (char)('a' + i % 26));
        n += snprintf(json + n, sizeof json - (size_t)n, "]}");
        gist_registry *reg = NULL;
        gist_status st = gist_registry_parse(&reg, NULL, json, (size_t)n, NULL);
        assert_int_equal(st, extra == room ? GIST_OK : GIST_ELIMIT);
        if (st == GIST_OK)
            assert_int_equal(gist_registry_count(reg), 62);
        else
            assert_non_null(strstr(gist_error_last()->message, "the limit is 62"));
        gist_registry_free(reg);
    }
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
        cmocka_unit_test(test_builtin_registry_is_lib_data_agents_json),
        cmocka_unit_test(test_extension_adds_agents_and_names_and_changes_no_builtin_agent),
        cmocka_unit_test(test_registry_file_from_disk),
        cmocka_unit_test(test_bad_registry_files_are_located_errors),
        cmocka_unit_test(test_every_kind_of_bad_registry_entry),
        cmocka_unit_test(test_registry_limits),
    };
    return cmocka_run_group_tests_name("agent", tests, NULL, NULL);
}
