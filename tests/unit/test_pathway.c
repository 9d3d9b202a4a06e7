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
    assert_int_equal(gist_pathway_load(&b, GIST_SOURCE_DIR "/lib/data/pathways/gist-2016.json"), GIST_OK);
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

/* The number of the box (cluster) headed by the regimen state in DOT text, or -1. */
static int dot_state(const char *dot, const char *state)
{
    char heading[160];
    snprintf(heading, sizeof heading, "<b>%s<br align=\"left\"/></b></td></tr>", state);
    const char *at = strstr(dot, heading);
    if (at == NULL)
        return -1;
    int n = -1;
    for (const char *p = dot; (p = strstr(p, "\"state ")) != NULL && p < at; p++)
        if (sscanf(p, "\"state %d\" [label=<", &n) != 1)
            continue;
    return n;
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
    /* one box (a cluster) per regimen rules start from, headed by its name, titled with its line */
    size_t boxes = 0;
    for (const char *p = dot; (p = strstr(p, "subgraph \"cluster_")) != NULL; p++)
        boxes++;
    assert_int_equal(boxes, 9);
    int imatinib400 = dot_state(dot, "imatinib 400 mg"), imatinib800 = dot_state(dot, "imatinib 800 mg");
    int sunitinib = dot_state(dot, "sunitinib"), regorafenib = dot_state(dot, "regorafenib");
    assert_true(imatinib400 >= 0 && imatinib800 >= 0 && sunitinib >= 0 && regorafenib >= 0);
    assert_non_null(strstr(dot, "label=\"line 2\"];\n    \"state"));
    assert_true(dot_state(dot, "any regimen except imatinib, sunitinib and regorafenib") >= 0); /* "except" */
    assert_true(dot_state(dot, "no therapy") >= 0);
    /* the boxes make one column, by line: sunitinib's below imatinib 800 mg's, regorafenib's below it */
    char edge[160];
    snprintf(edge, sizeof edge, "\"state %d\" -> \"state %d\" [style=invis", imatinib800, sunitinib);
    assert_non_null(strstr(dot, edge));
    snprintf(edge, sizeof edge, "\"state %d\" -> \"state %d\" [style=invis", sunitinib, regorafenib);
    assert_non_null(strstr(dot, edge));
    /* every decision rule is a row, numbered as gist pathway show numbers it, with its other
     * conditions and what it gives; alert rules are not drawn */
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++) {
        const gist_rule *r = gist_pathway_rule(pw, i);
        char row[160];
        snprintf(row, sizeof row, "<b>%zu. %s<br", i + 1, gist_rule_id(r));
        if (gist_rule_kind_of(r) == GIST_RULE_ALERT)
            assert_null(strstr(dot, row));
        else
            assert_non_null(strstr(dot, row));
    }
    assert_null(strstr(dot, "P16-2.interrupted"));
    const char *escalate = strstr(dot, "P16-4.escalate-to-800<br");
    assert_non_null(escalate);
    assert_true(strstr(escalate, "response is progression<br align=\"left\"/>confirmed_by is radiologic") <
                strstr(escalate, "</td>"));
    assert_true(strstr(escalate, "=&gt; escalate imatinib 800 mg") < strstr(escalate, "</td>"));
    /* a change of regimen is an arrow from the rule's row to that regimen's box */
    size_t p16_4 = 0, p16_7 = 0;
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++) {
        if (strcmp(gist_rule_id(gist_pathway_rule(pw, i)), "P16-4.escalate-to-800") == 0)
            p16_4 = i;
        if (strcmp(gist_rule_id(gist_pathway_rule(pw, i)), "P16-7.sunitinib-after-progression-on-800") == 0)
            p16_7 = i;
    }
    snprintf(edge, sizeof edge, "\"state %d\":\"r%zu\":e -> \"state %d\";", imatinib400, p16_4, imatinib800);
    assert_non_null(strstr(dot, edge));
    snprintf(edge, sizeof edge, "\"state %d\":\"r%zu\":e -> \"state %d\";", imatinib800, p16_7, sunitinib);
    assert_non_null(strstr(dot, edge));
    /* alternatives follow "or"; the five off-label options are one, listing their agents */
    const char *refer = strstr(dot, "P16-10.refer-after-regorafenib-progression<br");
    assert_non_null(refer);
    assert_true(strstr(refer, "=&gt; refer to a specialist centre<br align=\"left\"/>or clinical trial<br "
                              "align=\"left\"/>or off-label: dasatinib, nilotinib, sorafenib,") <
                strstr(refer, "</td>"));
    /* a rule that declines is a dashed row saying so */
    const char *d842v = strstr(dot, "style=\"dashed\"><b>4. scope.pdgfra-d842v<br");
    assert_non_null(d842v);
    assert_true(strstr(d842v, "=&gt; not covered") < strstr(d842v, "</td>"));
    /* each box is declared once; labels are wrapped */
    const char *first = strstr(dot, "<b>imatinib 800 mg<br");
    assert_non_null(first);
    assert_null(strstr(first + 1, "<b>imatinib 800 mg<br"));
    assert_non_null(strstr(dot, "pdgfra_exon18_other,<br align=\"left\"/>&#160;&#160;"));
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
    /* a rule's row: its number, id, other conditions, and what it gives, alternatives after "or" */
    assert_non_null(strstr(dot, "<b>no therapy<br align=\"left\"/></b></td></tr>\n<tr><td port=\"r1\" "
                                "align=\"left\" balign=\"left\"><b>2. start<br align=\"left\"/></b><font "
                                "point-size=\"10\">setting is advanced<br align=\"left\"/></font>"));
    assert_non_null(strstr(dot, "=&gt; start imatinib 400 mg<br align=\"left\"/>or local_therapy: Resect the "
                                "growing lesion<br align=\"left\"/>"));
    /* a regimen no rule starts from gets a box of its own and the arrow */
    assert_non_null(strstr(dot, "\"regimen imatinib 400 mg\" [shape=box"));
    assert_non_null(strstr(dot, "\"state 0\":\"r1\":e -> \"regimen imatinib 400 mg\";"));
    /* text is escaped for HTML-like labels; an option without an agent continues the rule's regimen */
    assert_non_null(strstr(dot, "<b>imatinib or sunitinib &gt;= 600 mg<br"));
    assert_non_null(strstr(dot, "=&gt; continue imatinib or sunitinib &gt;= 600 mg<br align=\"left\"/>or assess: "
                                "Check &quot;levels&quot;<br"));
    assert_null(strstr(dot, "\"state 1\":\"r2\""));                      /* no arrow to its own box */
    /* a regimen condition with its own rule for unknown stays a condition, in full */
    assert_non_null(strstr(dot, "<b>any regimen &lt;= 25 mg<br"));
    assert_non_null(strstr(dot, "style=\"dashed\"><b>4. low-dose<br align=\"left\"/></b><font point-size=\"10\">"
                                "regimen.agent is sunitinib (if unknown: false)<br"));
    assert_non_null(strstr(dot, "<b>sunitinib 30-40 mg<br"));
    assert_non_null(strstr(dot, "<b>6. always<br align=\"left\"/></b><font point-size=\"10\" color=\"#1f4e79\">"
                                "=&gt; refer to a specialist centre<br"));
    gist_free(dot);
    gist_pathway_free(pw);
}


/* A whole document with the given header sections (NULL leaves a section out) and rules. */
static gist_status load_parts(const char *evidence, const char *facts, const char *alerts, const char *rules,
                              gist_pathway **out)
{
    char doc_text[8192];
    int n = snprintf(doc_text, sizeof doc_text,
                     "{\"format\": \"gist-pathway/1\", \"id\": \"t\", \"version\": \"1\", \"title\": \"T\", "
                     "\"description\": \"D\", \"source\": \"S\"%s%s%s%s%s%s, \"rules\": %s}",
                     evidence ? ", \"evidence\": " : "", evidence ? evidence : "", facts ? ", \"facts\": " : "",
                     facts ? facts : "", alerts ? ", \"alerts\": " : "", alerts ? alerts : "", rules);
    assert_true(n > 0 && (size_t)n < sizeof doc_text);
    return gist_pathway_parse(out, doc_text, (size_t)n, "t.json");
}

static void expect_parts_error(const char *evidence, const char *facts, const char *alerts, const char *rules,
                               gist_status st, const char *field, const char *words)
{
    gist_pathway *pw = (gist_pathway *)1;
    gist_status got = load_parts(evidence, facts, alerts, rules, &pw);
    const gist_error *e = gist_error_last();
    if (got != st)
        fail_msg("expected %s, got %s: %s", gist_status_name(st), gist_status_name(got), e->message);
    assert_null(pw);
    assert_string_equal(e->source, "t.json");
    assert_true(e->line >= 1 && e->column >= 1); /* every error points into the document */
    if (field)
        assert_string_equal(e->field, field);
    if (words && strstr(e->message, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, e->message);
}

#define EV "{\"E1\": \"one\", \"E/2\": \"two\"}"
#define RULES "[{\"id\": \"r\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [], \"rationale\": \"x\", " \
              "\"evidence\": [\"E1\"]}]"

static void test_header_sections_are_validated(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    assert_int_equal(load_parts(EV, "{\"line\": \"Ask.\"}", "{}", RULES, &pw), GIST_OK);
    gist_pathway_free(pw);
    expect_parts_error(NULL, NULL, NULL, RULES, GIST_ESCHEMA, "", "missing required field \"evidence\"");
    expect_parts_error("[]", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence", "non-empty object");
    expect_parts_error("{}", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence", "non-empty object");
    expect_parts_error("{\"bad id\": \"s\"}", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence/bad id", "1-64 letters");
    expect_parts_error("{\"-E\": \"s\"}", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence/-E", "1-64 letters");
    expect_parts_error("{\"E1\": 7}", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence/E1", "non-empty string");
    expect_parts_error("{\"E1\": \"\"}", NULL, NULL, RULES, GIST_ESCHEMA, "/evidence/E1", "non-empty string");
    expect_parts_error(EV, "[]", NULL, RULES, GIST_ESCHEMA, "/facts", "fact name");
    expect_parts_error(EV, "{\"line\": 1}", NULL, RULES, GIST_ESCHEMA, "/facts/line", "non-empty string");
    expect_parts_error(EV, "{\"line\": \"\"}", NULL, RULES, GIST_ESCHEMA, "/facts/line", "non-empty string");
    expect_parts_error(EV, NULL, "[]", RULES, GIST_ESCHEMA, "/alerts", "alert id: alert");
    expect_parts_error(EV, NULL, "{\"a b\": {}}", RULES, GIST_ESCHEMA, "/alerts/a b", "1-64 letters");
    expect_parts_error(EV, NULL, "{\"A\": \"careful\"}", RULES, GIST_ESCHEMA, "/alerts/A", "an alert is an object");
    expect_parts_error(EV, NULL, "{\"A\": {\"text\": \"t\", \"evidence\": [\"E1\"]}}", RULES, GIST_ESCHEMA, "/alerts/A",
                       "missing required field \"severity\"");
    expect_parts_error(EV, NULL, "{\"A\": {\"severity\": \"fatal\", \"text\": \"t\", \"evidence\": [\"E1\"]}}", RULES,
                       GIST_ESCHEMA, "/alerts/A/severity", "expected one of: info, warning, critical");
    expect_parts_error(EV, NULL, "{\"A\": {\"severity\": \"info\", \"text\": \"\", \"evidence\": [\"E1\"]}}", RULES,
                       GIST_ESCHEMA, "/alerts/A/text", "must not be empty");
    expect_parts_error(EV, NULL, "{\"A\": {\"severity\": \"info\", \"text\": \"t\", \"evidence\": [\"E1\"], \"x\": 1}}",
                       RULES, GIST_ESCHEMA, "/alerts/A/x", "unknown field");
    expect_parts_error(EV, NULL, NULL, "{}", GIST_ESCHEMA, "/rules", "must be an array");
    expect_parts_error(EV, NULL, NULL, "7", GIST_ESCHEMA, "/rules", "must be an array");

    /* strings of the header: type, emptiness and length */
    const char *not_string[] = {"{}", "[]", "true", "null", "3"};
    const char *type_words[] = {"not an object", "not an array", "not a boolean", "not null", "not a number"};
    for (size_t i = 0; i < 5; i++) {
        char d[512];
        snprintf(d, sizeof d,
                 "{\"format\": \"gist-pathway/1\", \"id\": \"t\", \"version\": \"1\", \"title\": %s, "
                 "\"description\": \"D\", \"source\": \"S\", \"evidence\": " EV ", \"rules\": " RULES "}",
                 not_string[i]);
        assert_int_equal(gist_pathway_parse(&pw, d, strlen(d), NULL), GIST_ESCHEMA);
        assert_string_equal(gist_error_last()->field, "/title");
        assert_non_null(strstr(gist_error_last()->message, type_words[i]));
    }
    const char *empty_title = "{\"format\": \"gist-pathway/1\", \"id\": \"t\", \"version\": \"1\", \"title\": \"\"}";
    assert_int_equal(gist_pathway_parse(&pw, empty_title, strlen(empty_title), NULL), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "\"title\" must not be empty"));
    char long_id[200];
    snprintf(long_id, sizeof long_id, "{\"format\": \"gist-pathway/1\", \"id\": \"%070d\"}", 7);
    assert_int_equal(gist_pathway_parse(&pw, long_id, strlen(long_id), NULL), GIST_ELIMIT);
    const char *no_format = "{\"id\": \"t\"}";
    assert_int_equal(gist_pathway_parse(&pw, no_format, strlen(no_format), NULL), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "missing required field \"format\""));
    assert_int_equal(gist_pathway_parse(&pw, "[1]", 3, NULL), GIST_ESCHEMA);
    assert_non_null(strstr(gist_error_last()->message, "a pathway is a JSON object"));
    assert_null(pw);
}

/* One rule built from its parts, expected to fail at field with words in the message. */
static void expect_rule_error(const char *rule, gist_status st, const char *field, const char *words)
{
    char rules[4096];
    snprintf(rules, sizeof rules, "[%s]", rule);
    expect_parts_error(EV, NULL, "{\"A\": {\"severity\": \"info\", \"text\": \"t\", \"evidence\": [\"E1\"]}}", rules, st,
                       field, words);
}

#define HEAD "\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E1\"]"
#define OPT "{\"action\": \"refer\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}"
#define WHEN(c) "{" HEAD ", \"options\": [" OPT "], \"when\": [" c "]}"
#define OPTION(o) "{" HEAD ", \"when\": [], \"options\": [" o "]}"

static void test_rules_conditions_and_options_are_validated(void **state)
{
    (void)state;
    /* rules */
    expect_rule_error("{\"id\": \"r r\", \"kind\": \"alert\"}", GIST_ESCHEMA, "/rules/0/id", "1-64 letters");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"maybe\"}", GIST_ESCHEMA, "/rules/0/kind",
                      "expected one of: recommend, not_covered, alert");
    expect_rule_error("{" HEAD ", \"options\": [" OPT "]}", GIST_ESCHEMA, "/rules/0", "missing required field \"when\"");
    expect_rule_error("{" HEAD ", \"options\": [" OPT "], \"when\": {}}", GIST_ESCHEMA, "/rules/0/when",
                      "must be an array");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": \"E1\"}",
                      GIST_ESCHEMA, "/rules/0/evidence", "must be an array");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": []}",
                      GIST_ESCHEMA, "/rules/0/evidence", "must not be empty");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [7]}",
                      GIST_ESCHEMA, "/rules/0/evidence/0", "an evidence id is a string");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": "
                      "[\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\","
                      "\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\",\"E1\","
                      "\"E1\",\"E1\",\"E1\",\"E1\",\"E1\"]}",
                      GIST_ELIMIT, "/rules/0/evidence", "the limit is 32");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"alert\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E1\"], "
                      "\"when\": []}",
                      GIST_ESCHEMA, "/rules/0", "missing required field \"alerts\"");
    expect_rule_error("{\"id\": \"r\", \"kind\": \"alert\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E1\"], "
                      "\"when\": [], \"alerts\": [7]}",
                      GIST_ESCHEMA, "/rules/0/alerts/0", "an alert reference is the id");

    /* conditions */
    expect_rule_error(WHEN("\"response\""), GIST_ESCHEMA, "/rules/0/when/0", "a condition is an object");
    expect_rule_error(WHEN("{\"is\": \"stable\"}"), GIST_ESCHEMA, "/rules/0/when/0", "missing required field \"fact\"");
    expect_rule_error(WHEN("{\"fact\": \"response\"}"), GIST_ESCHEMA, "/rules/0/when/0", "has no test");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"is\": \"stable\", \"colour\": 1}"), GIST_ESCHEMA,
                      "/rules/0/when/0/colour", "unknown field");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"is\": 2}"), GIST_ESCHEMA, "/rules/0/when/0",
                      "line is a number: test it with eq, min and max");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"eq\": 2, \"min\": 1}"), GIST_ESCHEMA, "/rules/0/when/0",
                      "either eq or min/max");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"eq\": \"2\"}"), GIST_ESCHEMA, "/rules/0/when/0/eq", "must be a number");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"min\": true}"), GIST_ESCHEMA, "/rules/0/when/0/min",
                      "not a boolean");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"max\": null}"), GIST_ESCHEMA, "/rules/0/when/0/max", "not null");
    expect_rule_error(WHEN("{\"fact\": \"prior.agents\", \"is\": \"imatinib\"}"), GIST_ESCHEMA, "/rules/0/when/0",
                      "exactly one of includes, includes_any, excludes");
    expect_rule_error(WHEN("{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"], \"excludes\": [\"sunitinib\"]}"),
                      GIST_ESCHEMA, "/rules/0/when/0", "exactly one of includes");
    expect_rule_error(WHEN("{\"fact\": \"prior.agents\", \"includes\": [\"none\"]}"), GIST_ENOTFOUND, NULL,
                      "unknown agent \"none\"");
    expect_rule_error(WHEN("{\"fact\": \"referred\", \"in\": [true]}"), GIST_ESCHEMA, "/rules/0/when/0",
                      "referred is true or false: test it with is");
    expect_rule_error(WHEN("{\"fact\": \"referred\", \"is\": \"yes\"}"), GIST_ESCHEMA, "/rules/0/when/0/is",
                      "referred is true or false");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"is\": 3}"), GIST_ESCHEMA, "/rules/0/when/0/is",
                      "a value of response is a string");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"in\": []}"), GIST_ESCHEMA, "/rules/0/when/0/in",
                      "lists 1 to 64 values");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"in\": \"stable\"}"), GIST_ESCHEMA, "/rules/0/when/0/in",
                      "must be an array of values");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"in\": [\"stable\", \"sideways\"]}"), GIST_ESCHEMA,
                      "/rules/0/when/0/in/1", "expected one of: responding, stable, progression");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"is\": \"unknown\"}"), GIST_ESCHEMA, "/rules/0/when/0/is",
                      "not a value of response");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"known\": 1}"), GIST_ESCHEMA, "/rules/0/when/0/known",
                      "\"known\" is true or false");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"known\": true, \"is\": \"stable\"}"), GIST_ESCHEMA,
                      "/rules/0/when/0/known", "the only test");
    expect_rule_error(WHEN("{\"fact\": \"response\", \"is\": \"stable\", \"if_unknown\": \"maybe\"}"), GIST_ESCHEMA,
                      "/rules/0/when/0/if_unknown", "expected one of: false, true, undetermined");
    expect_rule_error(WHEN("{\"fact\": \"line\", \"min\": 1}, {\"fact\": \"line\", \"min\": 2}, {\"fact\": \"line\", "
                           "\"min\": 3}, {\"fact\": \"line\", \"min\": 4}, {\"fact\": \"line\", \"min\": 5}, {\"fact\": "
                           "\"line\", \"min\": 6}, {\"fact\": \"line\", \"min\": 7}, {\"fact\": \"line\", \"min\": 8}, "
                           "{\"fact\": \"line\", \"min\": 1}, {\"fact\": \"line\", \"min\": 2}, {\"fact\": \"line\", "
                           "\"min\": 3}, {\"fact\": \"line\", \"min\": 4}, {\"fact\": \"line\", \"min\": 5}, {\"fact\": "
                           "\"line\", \"min\": 6}, {\"fact\": \"line\", \"min\": 7}, {\"fact\": \"line\", \"min\": 8}, "
                           "{\"fact\": \"line\", \"min\": 1}, {\"fact\": \"line\", \"min\": 2}, {\"fact\": \"line\", "
                           "\"min\": 3}, {\"fact\": \"line\", \"min\": 4}, {\"fact\": \"line\", \"min\": 5}, {\"fact\": "
                           "\"line\", \"min\": 6}, {\"fact\": \"line\", \"min\": 7}, {\"fact\": \"line\", \"min\": 8}, "
                           "{\"fact\": \"line\", \"min\": 1}, {\"fact\": \"line\", \"min\": 2}, {\"fact\": \"line\", "
                           "\"min\": 3}, {\"fact\": \"line\", \"min\": 4}, {\"fact\": \"line\", \"min\": 5}, {\"fact\": "
                           "\"line\", \"min\": 6}, {\"fact\": \"line\", \"min\": 7}, {\"fact\": \"line\", \"min\": 8}, "
                           "{\"fact\": \"line\", \"min\": 9}"),
                      GIST_ELIMIT, "/rules/0/when", "the limit is 32");

    /* options */
    expect_rule_error(OPTION("\"refer\""), GIST_ESCHEMA, "/rules/0/options/0", "an option is an object");
    expect_rule_error(OPTION("{\"action\": \"refer\", \"dose_mg\": 400, \"summary\": \"s\", \"rationale\": \"r\", "
                             "\"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/dose_mg", "a dose needs an agent");
    expect_rule_error(OPTION("{\"action\": \"continue\", \"agent\": \"imatinib\", \"dose_mg\": \"400\", \"summary\": "
                             "\"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/dose_mg", "must be a number");
    expect_rule_error(OPTION("{\"action\": \"continue\", \"schedule\": \"weekly\", \"summary\": \"s\", \"rationale\": "
                             "\"r\", \"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/schedule", "expected one of");
    expect_rule_error(OPTION("{\"action\": \"continue\", \"line\": \"1\", \"summary\": \"s\", \"rationale\": \"r\", "
                             "\"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/line", "must be a number");
    const char *lines[] = {"0", "21", "1.5"};
    for (size_t i = 0; i < 3; i++) {
        char o[512];
        snprintf(o, sizeof o,
                 OPTION("{\"action\": \"continue\", \"line\": %s, \"summary\": \"s\", \"rationale\": \"r\", "
                        "\"evidence\": [\"E1\"]}"),
                 lines[i]);
        expect_rule_error(o, GIST_ERANGE, "/rules/0/options/0/line", "whole number from 1 to 20");
    }
    expect_rule_error(OPTION("{\"action\": \"continue\", \"dose_text\": \"\", \"summary\": \"s\", \"rationale\": \"r\", "
                             "\"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/dose_text", "must not be empty");
    expect_rule_error(OPTION("{\"action\": \"continue\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}"), GIST_ESCHEMA,
                      "/rules/0/options/0", "missing required field \"summary\"");
    expect_rule_error(OPTION("{\"action\": \"continue\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": "
                             "[\"E9\"]}"),
                      GIST_ENOTFOUND, "/rules/0/options/0/evidence/0", "not in the pathway's evidence table");
    expect_rule_error(OPTION("{\"action\": \"teleport\", \"summary\": \"s\", \"rationale\": \"r\", \"evidence\": [\"E1\"]}"),
                      GIST_ESCHEMA, "/rules/0/options/0/action", "expected one of: continue, escalate");
}

/* The checks that find contradictions and rules that can never fire, on every kind of test. */
static void test_contradictions_and_shadowing_on_every_test(void **state)
{
    (void)state;
    /* contradictions inside one rule */
    expect_rule_error(WHEN("{\"fact\": \"response\", \"is\": \"stable\"}, {\"fact\": \"response\", \"is\": "
                           "\"progression\"}"),
                      GIST_EPATHWAY, "/rules/0/when", "\"response is stable\" contradicts \"response is progression\"");
    expect_rule_error(WHEN("{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"]}, {\"fact\": \"prior.agents\", "
                           "\"excludes\": [\"imatinib\", \"sunitinib\"]}"),
                      GIST_EPATHWAY, "/rules/0/when", "contradicts");
    expect_rule_error(WHEN("{\"fact\": \"prior.agents\", \"excludes\": [\"imatinib\"]}, {\"fact\": \"prior.agents\", "
                           "\"includes\": [\"Glivec\"]}"),
                      GIST_EPATHWAY, "/rules/0/when", "contradicts");
    gist_pathway *pw = NULL;
    /* not contradictions: both hold when the fact is unknown; or tests that can hold together */
    static const char *const fine[] = {
        WHEN("{\"fact\": \"response\", \"is\": \"stable\", \"if_unknown\": \"true\"}, {\"fact\": \"response\", \"is\": "
             "\"progression\", \"if_unknown\": \"true\"}"),
        WHEN("{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"]}, {\"fact\": \"prior.agents\", \"excludes\": "
             "[\"sunitinib\"]}"),
        WHEN("{\"fact\": \"line\", \"min\": 2}, {\"fact\": \"line\", \"max\": 2}"),
        WHEN("{\"fact\": \"line\", \"min\": 2}, {\"fact\": \"response\", \"is\": \"stable\"}"),
        WHEN("{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\"]}, {\"fact\": \"prior.agents\", \"excludes\": "
             "[\"imatinib\"]}"),
    };
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        char rules[2048];
        snprintf(rules, sizeof rules, "[%s]", fine[i]);
        if (load_parts(EV, NULL, NULL, rules, &pw) != GIST_OK)
            fail_msg("case %zu: %s", i, gist_error_last()->message);
        gist_pathway_free(pw);
    }

    /* a later rule that an earlier one always pre-empts, for each kind of test */
    static const char *const shadowed[][2] = {
        {"{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"]}",
         "{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\", \"sunitinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\", \"sunitinib\"]}",
         "{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\", \"sunitinib\"]}",
         "{\"fact\": \"prior.agents\", \"includes_any\": [\"sunitinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"excludes\": [\"imatinib\"]}",
         "{\"fact\": \"prior.agents\", \"excludes\": [\"imatinib\", \"sunitinib\"]}"},
        {"{\"fact\": \"line\", \"min\": 2}", "{\"fact\": \"line\", \"min\": 3, \"max\": 5}"},
        {"{\"fact\": \"response\", \"known\": false}", "{\"fact\": \"response\", \"known\": false}"},
    };
    for (size_t i = 0; i < sizeof shadowed / sizeof shadowed[0]; i++) {
        char rules[2048];
        snprintf(rules, sizeof rules,
                 "[{\"id\": \"first\", \"kind\": \"not_covered\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": "
                 "[\"E1\"], \"when\": [%s]}, {" HEAD ", \"options\": [" OPT "], \"when\": [%s]}]",
                 shadowed[i][0], shadowed[i][1]);
        gist_status st = load_parts(EV, NULL, NULL, rules, &pw);
        if (st != GIST_EPATHWAY)
            fail_msg("case %zu: %s: %s", i, gist_status_name(st), gist_error_last()->message);
        assert_non_null(strstr(gist_error_last()->message, "the earlier rule \"first\" applies whenever it would"));
    }
    /* and pairs where the earlier rule does not always apply first */
    static const char *const reachable[][2] = {
        {"{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\", \"sunitinib\"]}",
         "{\"fact\": \"prior.agents\", \"includes\": [\"imatinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"includes_any\": [\"sunitinib\"]}",
         "{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\", \"sunitinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"excludes\": [\"imatinib\", \"sunitinib\"]}",
         "{\"fact\": \"prior.agents\", \"excludes\": [\"imatinib\"]}"},
        {"{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\"]}",
         "{\"fact\": \"prior.agents\", \"excludes\": [\"sunitinib\"]}"},
        {"{\"fact\": \"line\", \"min\": 3}", "{\"fact\": \"line\", \"min\": 2}"},
        {"{\"fact\": \"response\", \"is\": \"stable\"}", "{\"fact\": \"response\", \"is\": \"stable\", \"if_unknown\": "
                                                         "\"true\"}"},
        {"{\"fact\": \"response\", \"is\": \"stable\"}", "{\"fact\": \"tolerance\", \"is\": \"intolerant\"}"},
    };
    for (size_t i = 0; i < sizeof reachable / sizeof reachable[0]; i++) {
        char rules[2048];
        snprintf(rules, sizeof rules,
                 "[{\"id\": \"first\", \"kind\": \"not_covered\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": "
                 "[\"E1\"], \"when\": [%s]}, {" HEAD ", \"options\": [" OPT "], \"when\": [%s]}]",
                 reachable[i][0], reachable[i][1]);
        if (load_parts(EV, NULL, NULL, rules, &pw) != GIST_OK)
            fail_msg("case %zu: %s", i, gist_error_last()->message);
        gist_pathway_free(pw);
    }
}

/* Every accessor answers NULL or 0 for a NULL handle and an index past the end. */
static void test_accessors_of_null_and_out_of_range(void **state)
{
    (void)state;
    assert_null(gist_pathway_version(NULL));
    assert_null(gist_pathway_title(NULL));
    assert_null(gist_pathway_description(NULL));
    assert_null(gist_pathway_source(NULL));
    assert_int_equal(gist_pathway_evidence_count(NULL), 0);
    assert_null(gist_pathway_evidence_id(NULL, 0));
    assert_null(gist_pathway_evidence_text(NULL, 0));
    assert_null(gist_pathway_evidence_lookup(NULL, "E1"));
    assert_null(gist_pathway_rule(NULL, 0));
    assert_null(gist_pathway_rule_lookup(NULL, "r"));
    assert_null(gist_rule_id(NULL));
    assert_int_equal(gist_rule_kind_of(NULL), 0);
    assert_null(gist_rule_title(NULL));
    assert_null(gist_rule_rationale(NULL));
    assert_int_equal(gist_rule_evidence_count(NULL), 0);
    assert_int_equal(gist_rule_condition_count(NULL), 0);
    assert_int_equal(gist_rule_option_count(NULL), 0);
    assert_int_equal(gist_rule_alert_count(NULL), 0);
    assert_null(gist_rule_evidence(NULL, 0));
    assert_null(gist_rule_condition(NULL, 0));
    assert_null(gist_rule_option(NULL, 0));
    assert_null(gist_rule_alert(NULL, 0));
    assert_int_equal(gist_option_action(NULL), 0);
    assert_null(gist_option_agent(NULL));
    assert_true(gist_option_dose_mg(NULL) == 0);
    assert_int_equal(gist_option_schedule(NULL), GIST_SCHEDULE_UNSPECIFIED);
    assert_null(gist_option_dose_text(NULL));
    assert_int_equal(gist_option_line(NULL), 0);
    assert_null(gist_option_summary(NULL));
    assert_null(gist_option_rationale(NULL));
    assert_int_equal(gist_option_evidence_count(NULL), 0);
    assert_null(gist_option_evidence(NULL, 0));
    assert_null(gist_alert_id(NULL));
    assert_int_equal(gist_alert_severity(NULL), 0);
    assert_null(gist_alert_text(NULL));
    assert_int_equal(gist_alert_evidence_count(NULL), 0);
    assert_null(gist_alert_evidence(NULL, 0));

    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_builtin(&pw, "gist-2016"), GIST_OK);
    assert_null(gist_pathway_evidence_lookup(pw, NULL));
    assert_null(gist_pathway_rule_lookup(pw, NULL));
    assert_null(gist_pathway_evidence_text(pw, gist_pathway_evidence_count(pw)));
    assert_string_equal(gist_pathway_evidence_text(pw, 0), gist_pathway_evidence_lookup(pw, gist_pathway_evidence_id(pw, 0)));
    const gist_rule *r = gist_pathway_rule_lookup(pw, "P16-10.refer-after-three-lines");
    assert_non_null(r);
    assert_string_equal(gist_rule_title(r), "Three failed lines: refer to a high-volume sarcoma centre");
    assert_true(strlen(gist_rule_rationale(r)) > 20);
    assert_null(gist_rule_evidence(r, gist_rule_evidence_count(r)));
    assert_null(gist_rule_option(r, gist_rule_option_count(r)));
    assert_null(gist_rule_alert(r, gist_rule_alert_count(r)));
    const gist_option *o = gist_rule_option(r, 2);
    assert_int_equal(gist_option_action(o), GIST_ACTION_CONSIDER_OFF_LABEL);
    assert_string_equal(gist_agent_name(gist_option_agent(o)), "dasatinib");
    assert_true(gist_option_dose_mg(o) == 0); /* the source gives no dose: none is invented */
    assert_string_equal(gist_option_evidence(o, 0), "P16-12");
    assert_null(gist_option_evidence(o, gist_option_evidence_count(o)));
    const gist_rule *alert_rule = gist_pathway_rule_lookup(pw, "P16-2.interrupted");
    const gist_alert *al = gist_rule_alert(alert_rule, 0);
    assert_true(strlen(gist_alert_text(al)) > 10);
    assert_string_equal(gist_alert_evidence(al, 0), "P16-2");
    assert_null(gist_alert_evidence(al, gist_alert_evidence_count(al)));
    gist_pathway_free(pw);
}

/* Files: large ones are read whole, those over the 16 MiB limit and unreadable ones are refused. */
static void test_files_large_oversized_and_unreadable(void **state)
{
    (void)state;
    const char *big = "test_pathway_big.json";
    FILE *f = fopen(big, "wb");
    assert_non_null(f);
    fputs("{\"format\": \"gist-pathway/1\", \"id\": \"big\", \"version\": \"1\", \"title\": \"T\", \"description\": "
          "\"D\", \"source\": \"S\", \"evidence\": {",
          f);
    for (int i = 0; i < 3000; i++)
        fprintf(f, "%s\"E%d\": \"statement %d, long enough to make the file larger than one read buffer\"",
                i ? ", " : "", i, i);
    fputs("}, \"rules\": [{\"id\": \"r\", \"kind\": \"not_covered\", \"title\": \"t\", \"when\": [], "
          "\"rationale\": \"x\", \"evidence\": [\"E2999\"]}]}\n",
          f);
    assert_int_equal(fclose(f), 0);
    gist_pathway *pw = NULL;
    assert_int_equal(gist_pathway_load(&pw, big), GIST_OK);
    assert_int_equal(gist_pathway_evidence_count(pw), 3000);
    assert_string_equal(gist_rule_evidence(gist_pathway_rule(pw, 0), 0), "E2999");
    gist_pathway_free(pw);

    /* just over 16 MiB of white space after a valid document */
    f = fopen(big, "wb");
    assert_non_null(f);
    fputs("{}", f);
    static char spaces[65536];
    memset(spaces, ' ', sizeof spaces);
    for (int i = 0; i < 257; i++)
        assert_int_equal(fwrite(spaces, 1, sizeof spaces, f), sizeof spaces);
    assert_int_equal(fclose(f), 0);
    pw = (gist_pathway *)1;
    assert_int_equal(gist_pathway_load(&pw, big), GIST_ELIMIT);
    assert_null(pw);
    assert_string_equal(gist_error_last()->source, big);
    assert_non_null(strstr(gist_error_last()->message, "limit"));
    remove(big);

    /* a directory opens but cannot be read */
    assert_int_equal(gist_pathway_load(&pw, "."), GIST_EIO);
    assert_non_null(strstr(gist_error_last()->message, "read error"));
    assert_int_equal(gist_pathway_load(NULL, big), GIST_EINVAL);
}

/* Readable text and JSON of conditions that only a custom pathway has. */
static void test_text_of_unusual_conditions(void **state)
{
    (void)state;
    gist_pathway *pw = NULL;
    const char *rules =
        "[{\"id\": \"r\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E/2\"], "
        "\"when\": [{\"fact\": \"regimen.dose_mg\", \"max\": 0.30000000000000004}, {\"fact\": \"line\", \"eq\": 2}, "
        "{\"fact\": \"prior.agents\", \"includes_any\": [\"imatinib\", \"nilotinib\"]}, "
        "{\"fact\": \"regimen.agent\", \"not_in\": [\"none\"]}, {\"fact\": \"failed_lines\", \"known\": true}], "
        "\"options\": [" OPT "]}, "
        "{\"id\": \"always\", \"kind\": \"not_covered\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E1\"], "
        "\"when\": []}]";
    if (load_parts(EV, NULL, NULL, rules, &pw) != GIST_OK)
        fail_msg("%s", gist_error_last()->message);
    const gist_rule *r = gist_pathway_rule(pw, 0);
    assert_string_equal(gist_rule_condition(r, 0), "regimen.dose_mg <= 0.30000000000000004");
    assert_string_equal(gist_rule_condition(r, 1), "line = 2");
    assert_string_equal(gist_rule_condition(r, 2), "prior.agents includes any of {imatinib, nilotinib}");
    assert_string_equal(gist_rule_condition(r, 3), "regimen.agent is not none"); /* written as it was given */
    assert_string_equal(gist_rule_condition(r, 4), "failed_lines is known");
    char *text = NULL, *json = NULL;
    assert_int_equal(gist_pathway_to_text(pw, &text), GIST_OK);
    assert_non_null(strstr(text, "2. always [not_covered]: t\n   when: always\n"));
    assert_int_equal(gist_pathway_to_json(pw, GIST_JSON_COMPACT, &json), GIST_OK);
    assert_non_null(strstr(json, "{\"fact\":\"regimen.dose_mg\",\"max\":0.30000000000000004}"));
    assert_non_null(strstr(json, "{\"fact\":\"line\",\"eq\":2}"));
    assert_non_null(strstr(json, "{\"fact\":\"regimen.agent\",\"not_in\":[\"none\"]}"));
    assert_non_null(strstr(json, "{\"fact\":\"failed_lines\",\"known\":true}"));
    assert_non_null(strstr(json, "\"evidence\":{\"E1\":\"one\",\"E/2\":\"two\"}"));
    gist_free(text);
    gist_free(json);
    gist_pathway_free(pw);
}


/* An error in a later rule is located after skipping earlier rules' nested values and strings. */
static void test_errors_located_past_nested_values(void **state)
{
    (void)state;
    const char *rules =
        "[{\"id\": \"r0\", \"kind\": \"recommend\", \"title\": \"a \\\"quoted\\\" [bracket] {brace}, colon: yes\", "
        "\"rationale\": \"x\", \"evidence\": [\"E1\", \"E/2\"], \"when\": [{\"fact\": \"line\", \"min\": -1.5e0}, "
        "{\"fact\": \"referred\", \"is\": false}, {\"fact\": \"setting\", \"known\": true}], \"options\": [" OPT "]},\n"
        " {\"id\": \"r1\", \"kind\": \"recommend\", \"title\": \"t\", \"rationale\": \"x\", \"evidence\": [\"E1\"], "
        "\"when\": [{\"fact\": \"response\", \"in\": [\"stable\", null]}], \"options\": [" OPT "]}]";
    gist_pathway *pw = NULL;
    assert_int_equal(load_parts(EV, NULL, NULL, rules, &pw), GIST_ESCHEMA);
    const gist_error *e = gist_error_last();
    assert_string_equal(e->field, "/rules/1/when/0/in/1");
    assert_int_equal(e->line, 2);
    const char *second = strchr(rules, '\n') + 1;
    assert_int_equal(e->column, (unsigned long)(strstr(second, "null") - second) + 1);
    assert_null(pw);
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
        cmocka_unit_test(test_header_sections_are_validated),
        cmocka_unit_test(test_rules_conditions_and_options_are_validated),
        cmocka_unit_test(test_contradictions_and_shadowing_on_every_test),
        cmocka_unit_test(test_accessors_of_null_and_out_of_range),
        cmocka_unit_test(test_files_large_oversized_and_unreadable),
        cmocka_unit_test(test_text_of_unusual_conditions),
        cmocka_unit_test(test_errors_located_past_nested_values),
    };
    return cmocka_run_group_tests_name("pathway", tests, NULL, NULL);
}
