/*
 * Fuzz target: the agent registry reader (gist_registry_parse, extending the built-in registry).
 * Properties: a rejected document returns nothing and a located error; an accepted one keeps every
 * built-in agent at its index with all its names, finds each of its agents by every one of its
 * names, codes and brands, resolves every dose's evidence, accepts every standard dose as
 * plausible, and writes out as JSON that jansson reads back.
 */
#include <jansson.h>
#include <string.h>

#include "fuzz_check.h"

static void check_agent(const gist_registry *reg, const gist_agent *a, size_t index)
{
    const gist_agent *found = NULL;
    FUZZ_CHECK(gist_agent_index(a) == index);
    FUZZ_CHECK(gist_registry_lookup(&found, reg, gist_agent_name(a)) == GIST_OK && found == a);
    if (gist_agent_atc(a)[0])
        FUZZ_CHECK(gist_registry_lookup(&found, reg, gist_agent_atc(a)) == GIST_OK && found == a);
    for (size_t k = 0; k < gist_agent_synonym_count(a); k++)
        FUZZ_CHECK(gist_registry_lookup(&found, reg, gist_agent_synonym(a, k)) == GIST_OK && found == a);
    for (size_t k = 0; k < gist_agent_brand_count(a); k++)
        FUZZ_CHECK(gist_registry_lookup(&found, reg, gist_agent_brand(a, k)) == GIST_OK && found == a);
    for (size_t k = 0; k < gist_agent_dose_count(a); k++) {
        FUZZ_CHECK(gist_agent_check_dose(a, gist_agent_dose_mg(a, k)) == GIST_OK);
        FUZZ_CHECK(gist_registry_evidence_text(reg, gist_agent_dose_evidence(a, k)) != NULL);
        FUZZ_CHECK(gist_schedule_name(gist_agent_dose_schedule(a, k)) != NULL);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    gist_registry *reg = NULL;
    gist_status st = gist_registry_parse(&reg, NULL, (const char *)data, size, "fuzz.json");
    if (st != GIST_OK) {
        FUZZ_CHECK_FAILURE(st, reg);
        FUZZ_CHECK(strcmp(gist_error_last()->source, "fuzz.json") == 0); /* every error names its input */
        return 0;
    }
    FUZZ_CHECK(reg != NULL);
    FUZZ_CHECK(gist_registry_count(reg) >= gist_agent_count() && gist_registry_count(reg) <= 62);
    for (size_t i = 0; i < gist_registry_count(reg); i++) {
        const gist_agent *a = gist_registry_agent(reg, i);
        check_agent(reg, a, i);
        if (i < gist_agent_count()) {
            const gist_agent *b = gist_agent_at(i); /* a built-in agent: same name, codes and doses, more names at most */
            FUZZ_CHECK(strcmp(gist_agent_name(a), gist_agent_name(b)) == 0);
            FUZZ_CHECK(strcmp(gist_agent_rxnorm(a), gist_agent_rxnorm(b)) == 0);
            FUZZ_CHECK(gist_agent_dose_count(a) == gist_agent_dose_count(b));
            FUZZ_CHECK(gist_agent_brand_count(a) >= gist_agent_brand_count(b));
            FUZZ_CHECK(gist_agent_synonym_count(a) >= gist_agent_synonym_count(b));
        }
    }
    char *json = NULL;
    FUZZ_CHECK(gist_registry_to_json(&json, reg, GIST_JSON_COMPACT) == GIST_OK);
    json_error_t e;
    json_t *back = json_loads(json, JSON_REJECT_DUPLICATES, &e);
    FUZZ_CHECK(back != NULL && json_array_size(json_object_get(back, "agents")) == gist_registry_count(reg));
    json_decref(back);
    gist_free(json);
    gist_registry_free(reg);
    return 0;
}
