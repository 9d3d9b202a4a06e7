/*
 * Pathways: built-ins, loading, validation with locations, writing out.
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

/* A small valid pathway; RULES is replaced by the rules under test. */
static const char head[] = "{\n"
                           "\"format\": \"gist-pathway/1\",\n"
                           "\"id\": \"test\", \"version\": \"1\", \"title\": \"T\", \"description\": \"D\",\n"
                           "\"source\": \"S\",\n"
                           "\"evidence\": {\"E1\": \"statement one\", \"E2\": \"statement two\"},\n"
                           "\"alerts\": {\"A1\": {\"severity\": \"warning\", \"text\": \"careful\", \"evidence\": [\"E1\"]}},\n"
                           "\"rules\": [\n";
/* head is 7 lines: the first rule line is line 8 */

static const char ok_rule[] =
    "{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [{\"fact\": \"response\", \"is\": "
    "\"progression\"}], \"rationale\": \"because\", \"evidence\": [\"E1\"], \"options\": [{\"action\": \"assess\", "
    "\"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}";

static char *doc(const char *rules)
{
    size_t n = strlen(head) + strlen(rules) + 8;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s\n]}\n", head, rules);
    return s;
}

static gist_status load(const char *rules, gist_pathway **out)
{
    char *s = doc(rules);
    gist_status st = gist_pathway_parse(out, s, strlen(s), "t.json");
    free(s);
    return st;
}

static void expect_error(const char *rules, gist_status st, unsigned long line, unsigned long col,
                         const char *field, const char *words)
{
    gist_pathway *pw = (gist_pathway *)1;
    gist_status got = load(rules, &pw);
    const gist_error *e = gist_error_last();
    if (got != st)
        fail_msg("expected %s, got %s: %s", gist_status_name(st), gist_status_name(got), e->message);
    assert_null(pw);
    assert_string_equal(e->source, "t.json");
    if (line && (e->line != line || e->column != col))
        fail_msg("expected %lu:%lu, got %lu:%lu: %s", line, col, e->line, e->column, e->message);
    if (field)
        assert_string_equal(e->field, field);
    if (words && strstr(e->message, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, e->message);
}

static void test_builtins_are_listed_and_load(void **state)
{
    (void)state;
    assert_true(gist_pathway_builtin_count() >= 1);
    int found = 0;
    for (size_t i = 0; i < gist_pathway_builtin_count(); i++) {
        gist_pathway *pw = NULL;
        const char *id = gist_pathway_builtin_id(i);
        assert_int_equal(gist_pathway_builtin(&pw, id), GIST_OK);
        assert_string_equal(gist_pathway_id(pw), id); /* the file's id matches its name */
        found |= strcmp(id, "gist-2016") == 0;
        gist_pathway_free(pw);
    }
    assert_true(found);
    assert_null(gist_pathway_builtin_id(gist_pathway_builtin_count()));
    gist_pathway *pw = (gist_pathway *)1;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-1999"), GIST_ENOTFOUND);
    assert_null(pw);
    assert_non_null(strstr(gist_error_last()->message, "gist-2016"));
    assert_int_equal(gist_pathway_builtin(NULL, "gist-2016"), GIST_EINVAL);
    assert_int_equal(gist_pathway_builtin(&pw, NULL), GIST_EINVAL);
}

static void test_builtin_matches_its_source_file(void **state)
{
    (void)state;
    gist_pathway *a = NULL, *b = NULL;
    assert_int_equal(gist_pathway_builtin(&a, "gist-2016"), GIST_OK);
    assert_int_equal(gist_pathway_load(&b, GIST_SOURCE_DIR "/lib/pathways/gist-2016.json"), GIST_OK);
    char *ja = NULL, *jb = NULL;
    assert_int_equal(gist_pathway_to_json(a, GIST_JSON_COMPACT, &ja), GIST_OK);
    assert_int_equal(gist_pathway_to_json(b, GIST_JSON_COMPACT, &jb), GIST_OK);
    assert_string_equal(ja, jb);
    gist_free(ja);
    gist_free(jb);
    gist_pathway_free(a);
    gist_pathway_free(b);
}

static void test_json_round_trip_is_stable(void **state)
{
    (void)state;
    gist_pathway *a = NULL, *b = NULL;
    assert_int_equal(gist_pathway_builtin(&a, "gist-2016"), GIST_OK);
    char *ja = NULL, *jb = NULL;
    assert_int_equal(gist_pathway_to_json(a, 0, &ja), GIST_OK);
    assert_int_equal(gist_pathway_parse(&b, ja, strlen(ja), "written"), GIST_OK);
    assert_int_equal(gist_pathway_to_json(b, 0, &jb), GIST_OK);
    assert_string_equal(ja, jb);
    assert_int_equal(gist_pathway_rule_count(a), gist_pathway_rule_count(b));
    gist_free(ja);
    gist_free(jb);
    gist_pathway_free(a);
    gist_pathway_free(b);
}

static void test_accessors(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    assert_int_equal(load(ok_rule, &pw), GIST_OK);
    assert_string_equal(gist_pathway_id(pw), "test");
    assert_string_equal(gist_pathway_version(pw), "1");
    assert_string_equal(gist_pathway_title(pw), "T");
    assert_string_equal(gist_pathway_description(pw), "D");
    assert_string_equal(gist_pathway_source(pw), "S");
    assert_int_equal(gist_pathway_evidence_count(pw), 2);
    assert_string_equal(gist_pathway_evidence_id(pw, 1), "E2");
    assert_string_equal(gist_pathway_evidence_text(pw, 1), "statement two");
    assert_string_equal(gist_pathway_evidence_lookup(pw, "E1"), "statement one");
    assert_null(gist_pathway_evidence_lookup(pw, "E9"));
    assert_null(gist_pathway_evidence_id(pw, 2));
    const gist_rule *r = gist_pathway_rule(pw, 0);
    assert_ptr_equal(gist_pathway_rule_lookup(pw, "r1"), r);
    assert_null(gist_pathway_rule_lookup(pw, "r2"));
    assert_null(gist_pathway_rule(pw, 1));
    assert_string_equal(gist_rule_id(r), "r1");
    assert_int_equal(gist_rule_kind_of(r), GIST_RULE_RECOMMEND);
    assert_string_equal(gist_rule_condition(r, 0), "response is progression");
    assert_null(gist_rule_condition(r, 1));
    assert_int_equal(gist_rule_option_count(r), 1);
    const gist_option *o = gist_rule_option(r, 0);
    assert_int_equal(gist_option_action(o), GIST_ACTION_ASSESS);
    assert_null(gist_option_agent(o));
    assert_int_equal(gist_option_line(o), 0);
    assert_string_equal(gist_option_dose_text(o), "");
    assert_string_equal(gist_rule_kind_name(GIST_RULE_NOT_COVERED), "not_covered");
    assert_string_equal(gist_action_name(GIST_ACTION_CONSIDER_OFF_LABEL), "consider_off_label");
    assert_string_equal(gist_severity_name(GIST_SEVERITY_CRITICAL), "critical");
    assert_null(gist_action_name((gist_action)0));
    assert_null(gist_pathway_id(NULL));
    assert_int_equal(gist_pathway_rule_count(NULL), 0);
    gist_pathway_free(pw);
    gist_pathway_free(NULL);
}

static void test_every_kind_of_condition(void **state)
{
    (void)state;
    const char *rules =
        "{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": ["
        "{\"fact\": \"regimen.agent\", \"in\": [\"imatinib\", \"Sutent\"]},"
        "{\"fact\": \"regimen.dose_mg\", \"min\": 300, \"max\": 900},"
        "{\"fact\": \"setting\", \"not_in\": [\"adjuvant\"], \"if_unknown\": \"true\"},"
        "{\"fact\": \"interrupted\", \"is\": false, \"if_unknown\": \"false\"},"
        "{\"fact\": \"prior.agents\", \"excludes\": [\"regorafenib\"]},"
        "{\"fact\": \"genotype\", \"known\": false}"
        "], \"rationale\": \"because\", \"evidence\": [\"E1\"], \"alerts\": [\"A1\"], \"options\": [{\"action\": "
        "\"switch\", \"agent\": \"sunitinib\", \"dose_mg\": 50, \"schedule\": \"4on2off\", \"line\": 2, "
        "\"dose_text\": \"50 mg\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E2\"]}]}";
    gist_pathway *pw = NULL;
    if (load(rules, &pw) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    const gist_rule *r = gist_pathway_rule(pw, 0);
    assert_string_equal(gist_rule_condition(r, 0), "regimen.agent in {imatinib, sunitinib}");
    assert_string_equal(gist_rule_condition(r, 1), "regimen.dose_mg in 300..900");
    assert_string_equal(gist_rule_condition(r, 2), "setting is not adjuvant (if unknown: true)");
    assert_string_equal(gist_rule_condition(r, 3), "interrupted is false (if unknown: false)");
    assert_string_equal(gist_rule_condition(r, 4), "prior.agents excludes regorafenib");
    assert_string_equal(gist_rule_condition(r, 5), "genotype is unknown");
    assert_string_equal(gist_alert_id(gist_rule_alert(r, 0)), "A1");
    assert_int_equal(gist_alert_severity(gist_rule_alert(r, 0)), GIST_SEVERITY_WARNING);
    const gist_option *o = gist_rule_option(r, 0);
    assert_true(gist_option_dose_mg(o) == 50);
    assert_int_equal(gist_option_schedule(o), GIST_SCHEDULE_4ON2OFF);

    /* and the engine evaluates them */
    gist_patient *p = NULL;
    gist_advice *a = NULL;
    assert_int_equal(gist_patient_new(&p), GIST_OK);
    assert_int_equal(gist_patient_set_regimen(p, "imatinib", 400), GIST_OK);
    assert_int_equal(gist_patient_set_interrupted(p, GIST_TRISTATE_NO), GIST_OK);
    assert_int_equal(gist_patient_add_prior(p, "imatinib", GIST_STOP_OTHER, GIST_SETTING_ADJUVANT), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_RECOMMENDED);
    gist_advice_free(a);
    assert_int_equal(gist_patient_set_genotype(p, GIST_GENOTYPE_KIT_EXON11), GIST_OK);
    assert_int_equal(gist_advise(&a, pw, p), GIST_OK);
    assert_int_equal(gist_advice_outcome(a), GIST_OUTCOME_NOT_COVERED);
    gist_advice_free(a);
    gist_patient_free(p);

    /* written out and read back, the conditions are the same */
    char *j = NULL;
    gist_pathway *b = NULL;
    assert_int_equal(gist_pathway_to_json(pw, 0, &j), GIST_OK);
    assert_int_equal(gist_pathway_parse(&b, j, strlen(j), NULL), GIST_OK);
    for (size_t k = 0; k < 6; k++)
        assert_string_equal(gist_rule_condition(gist_pathway_rule(b, 0), k), gist_rule_condition(r, k));
    gist_free(j);
    gist_pathway_free(b);
    gist_pathway_free(pw);
}

static void test_validation_errors_are_located(void **state)
{
    (void)state;
    /* unknown field in a rule */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"colour\": 1}", GIST_ESCHEMA, 8, 35, "/rules/0/colour",
                 "unknown field \"colour\"");
    /* unknown agent */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [{\"fact\": \"regimen.agent\", "
                 "\"is\": \"imatinab\"}], \"rationale\": \"x\", \"evidence\": [\"E1\"], \"options\": []}",
                 GIST_ENOTFOUND, 8, 90, NULL, "did you mean \"imatinib\"");
    /* unknown agent in an option */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"], \"options\": [{\"action\": \"switch\", \"agent\": \"wonderdrug\", "
                 "\"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}",
                 GIST_ENOTFOUND, 8, 141, "/rules/0/options/0/agent", "wonderdrug");
    /* unknown evidence id */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E7\"]}",
                 GIST_ENOTFOUND, 8, 92, "/rules/0/evidence/0", "evidence id \"E7\"");
    /* alert reference that does not exist */
    expect_error("{\"id\": \"r1\", \"kind\": \"alert\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"], \"alerts\": [\"A9\"]}",
                 GIST_ENOTFOUND, 8, 106, "/rules/0/alerts/0", "alert \"A9\"");
    /* unknown fact and unknown value */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [{\"fact\": \"mood\", \"is\": "
                 "\"good\"}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_ESCHEMA, 8, 67, "/rules/0/when/0/fact", "unknown fact \"mood\"");
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [{\"fact\": \"response\", \"is\": "
                 "\"better\"}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_ESCHEMA, 8, 85, "/rules/0/when/0/is", "\"better\" is not a value of response");
    /* a test that does not fit the fact */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [{\"fact\": \"response\", \"min\": "
                 "2}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_ESCHEMA, 8, 58, "/rules/0/when/0", "exactly one of is, in, not_in");
    /* recommend without options */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"]}",
                 GIST_ESCHEMA, 8, 1, "/rules/0", "missing required field \"options\"");
    /* options on a not-covered rule */
    expect_error("{\"id\": \"r1\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"], \"options\": [{}]}",
                 GIST_ESCHEMA, 8, 112, "/rules/0/options", "only \"recommend\" rules have options");
    /* an implausible dose in an option */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"], \"options\": [{\"action\": \"escalate\", \"agent\": \"imatinib\", \"dose_mg\": "
                 "40000, \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}]}",
                 GIST_ERANGE, 8, 166, "/rules/0/options/0/dose_mg", "implausible");
    /* switch without an agent */
    expect_error("{\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
                 "\"evidence\": [\"E1\"], \"options\": [{\"action\": \"switch\", \"summary\": \"s\", "
                 "\"rationale\": \"r\", \"evidence\": [\"E1\"]}]}",
                 GIST_ESCHEMA, 8, 111, "/rules/0/options/0", "needs an \"agent\"");
    /* wrong type */
    expect_error("{\"id\": 7}", GIST_ESCHEMA, 8, 8, "/rules/0/id", "must be a string");
    expect_error("\"r1\"", GIST_ESCHEMA, 8, 1, "/rules/0", "a rule is an object");
}

static void test_inconsistent_pathways_are_rejected(void **state)
{
    (void)state;
    char rules[2048];
    /* duplicate rule id */
    snprintf(rules, sizeof rules, "%s,\n%s", ok_rule, ok_rule);
    expect_error(rules, GIST_EPATHWAY, 9, 8, "/rules/1/id", "duplicate rule id \"r1\"");
    /* a rule shadowed by an earlier, more general one */
    snprintf(rules, sizeof rules,
             "%s,\n{\"id\": \"r2\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [{\"fact\": \"response\", "
             "\"is\": \"progression\"}, {\"fact\": \"extent\", \"is\": \"limited\"}], \"rationale\": \"x\", "
             "\"evidence\": [\"E1\"]}",
             ok_rule);
    expect_error(rules, GIST_EPATHWAY, 9, 59, "/rules/1/when", "earlier rule \"r1\" applies whenever it would");
    /* a condition that contradicts itself */
    expect_error("{\"id\": \"r1\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [{\"fact\": \"line\", \"min\": 3},"
                 " {\"fact\": \"line\", \"max\": 2}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_EPATHWAY, 8, 59, "/rules/0/when", "contradicts");
    expect_error("{\"id\": \"r1\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [{\"fact\": \"line\", \"min\": 3,"
                 " \"max\": 2}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_EPATHWAY, 8, 60, "/rules/0/when/0", "can never hold");
    expect_error("{\"id\": \"r1\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [{\"fact\": \"tolerance\", "
                 "\"not_in\": [\"tolerating\", \"intolerant\"]}], \"rationale\": \"x\", \"evidence\": [\"E1\"]}",
                 GIST_EPATHWAY, 8, 60, "/rules/0/when/0", "excludes every value");
    /* rules after a catch-all can never fire */
    snprintf(rules, sizeof rules,
             "{\"id\": \"all\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", "
             "\"evidence\": [\"E1\"]},\n%s",
             ok_rule);
    expect_error(rules, GIST_EPATHWAY, 9, 57, "/rules/1/when", "\"all\"");
}

static void test_header_errors(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    const char *bad_format = "{\"format\": \"gist-pathway/2\"}";
    assert_int_equal(gist_pathway_parse(&pw, bad_format, strlen(bad_format), NULL), GIST_EVERSION);
    assert_string_equal(gist_error_last()->source, "<string>");
    const char *other = "{\"format\": \"something\"}";
    assert_int_equal(gist_pathway_parse(&pw, other, strlen(other), NULL), GIST_ESCHEMA);
    const char *no_rules = "{\"format\": \"gist-pathway/1\", \"id\": \"x\", \"version\": \"1\", \"title\": \"T\", "
                           "\"description\": \"D\", \"source\": \"S\", \"evidence\": {\"E\": \"s\"}, \"rules\": []}";
    assert_int_equal(gist_pathway_parse(&pw, no_rules, strlen(no_rules), NULL), GIST_ESCHEMA);
    assert_string_equal(gist_error_last()->field, "/rules");
    const char *bad_id = "{\"format\": \"gist-pathway/1\", \"id\": \"has space\"}";
    assert_int_equal(gist_pathway_parse(&pw, bad_id, strlen(bad_id), NULL), GIST_ESCHEMA);
    const char *bad_fact = "{\"format\": \"gist-pathway/1\", \"id\": \"x\", \"version\": \"1\", \"title\": \"T\", "
                           "\"description\": \"D\", \"source\": \"S\", \"evidence\": {\"E\": \"s\"}, "
                           "\"facts\": {\"mood\": \"ask\"}, \"rules\": []}";
    assert_int_equal(gist_pathway_parse(&pw, bad_fact, strlen(bad_fact), NULL), GIST_ESCHEMA);
    assert_string_equal(gist_error_last()->field, "/facts/mood");
    assert_int_equal(gist_pathway_parse(&pw, "{", 1, NULL), GIST_EPARSE);
    assert_int_equal(gist_pathway_load(&pw, "/nonexistent/pathway.json"), GIST_EIO);
    assert_int_equal(gist_pathway_parse(NULL, "{}", 2, NULL), GIST_EINVAL);
    assert_int_equal(gist_pathway_parse(&pw, NULL, 2, NULL), GIST_EINVAL);
    assert_int_equal(gist_pathway_load(&pw, NULL), GIST_EINVAL);
    assert_null(pw);
}

static void test_text_and_dot(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    char *text = NULL, *dot = NULL;
    assert_int_equal(gist_pathway_to_text(pw, &text), GIST_OK);
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++)
        assert_non_null(strstr(text, gist_rule_id(gist_pathway_rule(pw, i))));
    assert_non_null(strstr(text, "P16-12:"));
    assert_int_equal(gist_pathway_to_dot(pw, &dot), GIST_OK);
    assert_true(strncmp(dot, "digraph \"gist-2016\" {", 21) == 0);
    /* regimen -> rule (labelled with its other conditions) -> what its options lead to */
    assert_non_null(strstr(dot, "\"imatinib 400 mg\" -> \"rule P16-4.escalate-to-800\" "
                                "[label=\"response is progression\\nconfirmed_by is radiologic\"];"));
    assert_non_null(strstr(dot, "\"rule P16-4.escalate-to-800\" -> \"imatinib 800 mg\";"));
    assert_non_null(strstr(dot, "\"rule P16-7.sunitinib-after-progression-on-800\" -> \"sunitinib\";"));
    assert_non_null(strstr(dot, "\"rule P16-9.regorafenib-after-progression-on-sunitinib\" -> \"regorafenib\";"));
    assert_non_null(strstr(dot, "\"rule P16-10.refer-after-regorafenib-progression\" -> "
                                "\"refer to a specialist centre\";"));
    /* alternatives are dotted; the five off-label options are one target listing their agents */
    assert_non_null(strstr(dot, "\"rule P16-10.refer-after-regorafenib-progression\" -> \"clinical trial\" "
                                "[style=dotted];"));
    assert_non_null(strstr(dot, "\"rule P16-10.refer-after-regorafenib-progression\" -> \"off-label: dasatinib, "
                                "nilotinib, sorafenib,\\npazopanib, axitinib\" [style=dotted];"));
    assert_null(strstr(dot, "\"rule P16-10.refer-after-regorafenib-progression\" -> \"off-label: dasatinib\" "));
    /* not-covered rules lead to "not covered"; a negated agent condition reads as "except" */
    assert_non_null(strstr(dot, "\"rule scope.pdgfra-d842v\" -> \"not covered\" [style=dashed];"));
    assert_non_null(strstr(dot, "\"any regimen except imatinib, sunitinib and\\nregorafenib\" -> "
                                "\"rule scope.other-agent\";"));
    assert_non_null(strstr(dot, "\"no therapy\" -> \"rule scope.no-therapy\";"));
    /* alert rules never decide and are not drawn; every decision rule is */
    assert_null(strstr(dot, "P16-2.interrupted\""));
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++) {
        const gist_rule *r = gist_pathway_rule(pw, i);
        char node[128];
        snprintf(node, sizeof node, "\"rule %s\" [", gist_rule_id(r));
        if (gist_rule_kind_of(r) == GIST_RULE_ALERT)
            assert_null(strstr(dot, node));
        else
            assert_non_null(strstr(dot, node));
    }
    /* each node is declared once */
    const char *first = strstr(dot, "  \"imatinib 800 mg\" [");
    assert_non_null(first);
    assert_null(strstr(first + 1, "  \"imatinib 800 mg\" ["));
    assert_int_equal(dot[strlen(dot) - 2], '}');
    gist_free(text);
    gist_free(dot);
    assert_int_equal(gist_pathway_to_text(NULL, &text), GIST_EINVAL);
    assert_int_equal(gist_pathway_to_dot(pw, NULL), GIST_EINVAL);
    assert_int_equal(gist_pathway_to_json(pw, 2, &text), GIST_EINVAL);
    gist_pathway_free(pw);
}

/* A pathway with every kind of source and target the diagram draws, and text that needs escaping. */
static void test_dot_of_a_custom_pathway(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\": \"gist-pathway/1\", \"id\": \"dot-test\", \"version\": \"2\",\n"
        " \"title\": \"A \\\"quoted\\\" title with a back\\\\slash\", \"description\": \"d\", \"source\": \"s\",\n"
        " \"evidence\": {\"E\": \"e\"},\n"
        " \"alerts\": {\"A\": {\"severity\": \"info\", \"text\": \"t\", \"evidence\": [\"E\"]}},\n"
        " \"rules\": [\n"
        "  {\"id\": \"alert-only\", \"kind\": \"alert\", \"title\": \"t\", \"when\": [], \"alerts\": [\"A\"],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "  {\"id\": \"start\", \"kind\": \"recommend\", \"title\": \"t\",\n"
        "   \"when\": [{\"fact\": \"regimen.agent\", \"is\": \"none\"}, {\"fact\": \"setting\", \"is\": \"advanced\"}],\n"
        "   \"options\": [{\"action\": \"start\", \"agent\": \"imatinib\", \"dose_mg\": 400, \"summary\": \"s\",\n"
        "                \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "               {\"action\": \"local_therapy\", \"summary\": \"Resect the growing lesion\", \"rationale\": \"r\",\n"
        "                \"evidence\": [\"E\"]}],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "  {\"id\": \"high-dose\", \"kind\": \"recommend\", \"title\": \"t\",\n"
        "   \"when\": [{\"fact\": \"regimen.agent\", \"in\": [\"sunitinib\", \"Glivec\"]},\n"
        "            {\"fact\": \"regimen.dose_mg\", \"min\": 600}],\n"
        "   \"options\": [{\"action\": \"continue\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "               {\"action\": \"assess\", \"summary\": \"Check \\\"levels\\\"\", \"rationale\": \"r\", \"evidence\": [\"E\"]}],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "  {\"id\": \"low-dose\", \"kind\": \"not_covered\", \"title\": \"t\",\n"
        "   \"when\": [{\"fact\": \"regimen.agent\", \"is\": \"sunitinib\", \"if_unknown\": \"false\"},\n"
        "            {\"fact\": \"regimen.dose_mg\", \"max\": 25}],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "  {\"id\": \"mid-dose\", \"kind\": \"not_covered\", \"title\": \"t\",\n"
        "   \"when\": [{\"fact\": \"regimen.agent\", \"is\": \"sunitinib\"}, {\"fact\": \"regimen.dose_mg\", \"min\": 30, \"max\": 40}],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]},\n"
        "  {\"id\": \"always\", \"kind\": \"recommend\", \"title\": \"t\", \"when\": [],\n"
        "   \"options\": [{\"action\": \"refer\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E\"]}],\n"
        "   \"rationale\": \"r\", \"evidence\": [\"E\"]}\n"
        " ]}\n";
    gist_pathway *pw = NULL;
    if (gist_pathway_parse(&pw, json, sizeof json - 1, NULL) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    char *dot = NULL;
    assert_int_equal(gist_pathway_to_dot(pw, &dot), GIST_OK);
    assert_non_null(strstr(dot, "digraph \"dot-test\" {"));
    assert_non_null(strstr(dot, "label=\"dot-test 2: A \\\"quoted\\\" title with a back\\\\slash\""));
    assert_null(strstr(dot, "alert-only"));
    assert_non_null(strstr(dot, "\"no therapy\" -> \"rule start\" [label=\"setting is advanced\"];"));
    assert_non_null(strstr(dot, "\"rule start\" -> \"imatinib 400 mg\";"));
    assert_non_null(strstr(dot, "\"rule start\" -> \"local_therapy: Resect the growing lesion\" [style=dotted];"));
    assert_non_null(strstr(dot, "\"imatinib or sunitinib >= 600 mg\" -> \"rule high-dose\";"));
    assert_non_null(strstr(dot, "\"rule high-dose\" -> \"current regimen\";"));
    assert_non_null(strstr(dot, "\"rule high-dose\" -> \"assess: Check \\\"levels\\\"\" [style=dotted];"));
    /* a regimen condition with its own rule for unknown stays a condition, in full */
    assert_non_null(strstr(dot, "\"any regimen <= 25 mg\" -> \"rule low-dose\" "
                                "[label=\"regimen.agent is sunitinib (if unknown: false)\"];"));
    assert_non_null(strstr(dot, "\"sunitinib 30-40 mg\" -> \"rule mid-dose\";"));
    assert_non_null(strstr(dot, "\"any regimen\" -> \"rule always\";"));
    assert_non_null(strstr(dot, "\"rule always\" -> \"refer to a specialist centre\";"));
    assert_non_null(strstr(dot, "\"rule low-dose\" [shape=oval, fontsize=9, height=0.3, style=dashed, label=\"low-dose\"];"));
    gist_free(dot);
    gist_pathway_free(pw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins_are_listed_and_load),
        cmocka_unit_test(test_builtin_matches_its_source_file),
        cmocka_unit_test(test_json_round_trip_is_stable),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_every_kind_of_condition),
        cmocka_unit_test(test_validation_errors_are_located),
        cmocka_unit_test(test_inconsistent_pathways_are_rejected),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_text_and_dot),
        cmocka_unit_test(test_dot_of_a_custom_pathway),
    };
    return cmocka_run_group_tests_name("pathway", tests, NULL, NULL);
}
