/*
 * gist agents [FILE]: the agent registry, extended by a registry file when one is given.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>

#include "cli.h"

static void text_list(const gist_agent *a, size_t (*count)(const gist_agent *),
                      const char *(*item)(const gist_agent *, size_t))
{
    for (size_t k = 0; k < count(a); k++)
        printf("%s%s", k ? ", " : "", item(a, k));
    if (count(a) == 0)
        fputs("-", stdout);
}

static void print_agent(const gist_agent *a)
{
    const char *atc = gist_agent_atc(a), *legacy = gist_agent_atc_legacy(a), *rxnorm = gist_agent_rxnorm(a);
    printf("%s\n  ATC %s%s%s%s  RxNorm %s  class: %s\n  brands: ", gist_agent_name(a), atc[0] ? atc : "(none recorded)",
           legacy[0] ? " (formerly " : "", legacy, legacy[0] ? ")" : "", rxnorm[0] ? rxnorm : "(not verified)",
           gist_agent_class(a));
    text_list(a, gist_agent_brand_count, gist_agent_brand);
    fputs("\n  synonyms: ", stdout);
    text_list(a, gist_agent_synonym_count, gist_agent_synonym);
    fputs("\n  targets: ", stdout);
    text_list(a, gist_agent_target_count, gist_agent_target);
    fputs("\n  standard doses in GIST: ", stdout);
    if (gist_agent_dose_count(a) == 0)
        fputs("none stated by the sources (off-label, other indications, or not verified)", stdout);
    for (size_t k = 0; k < gist_agent_dose_count(a); k++)
        printf("%s%s [%s]", k ? "; " : "", gist_agent_dose_text(a, k), gist_agent_dose_evidence(a, k));
    fputs("\n\n", stdout);
}

int cmd_agents(const cli_opts *opts, int argc, char **argv)
{
    if (cli_no_options("agents", argc, argv))
        return EXIT_USAGE;
    if (argc > 1) {
        fputs("gist agents: takes at most one registry file\n", stderr);
        return EXIT_USAGE;
    }
    gist_registry *loaded = NULL;
    if (argc == 1 && gist_registry_load(&loaded, NULL, argv[0]) != GIST_OK)
        return cli_fail();
    const gist_registry *reg = loaded ? loaded : gist_registry_builtin();
    int rc = EXIT_OK;
    if (opts->json) {
        char *text = NULL;
        rc = gist_registry_to_json(&text, reg, opts->compact ? GIST_JSON_COMPACT : 0) == GIST_OK ? cli_emit(text)
                                                                                                 : cli_fail();
    } else {
        for (size_t i = 0; i < gist_registry_count(reg); i++)
            print_agent(gist_registry_agent(reg, i));
    }
    gist_registry_free(loaded);
    return rc;
}
