/*
 * gist agents: the agent registry.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>

#include "cli.h"

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

static void json_list(const gist_agent *a, size_t (*count)(const gist_agent *),
                      const char *(*item)(const gist_agent *, size_t))
{
    putchar('[');
    for (size_t k = 0; k < count(a); k++) {
        if (k)
            fputs(", ", stdout);
        json_str(item(a, k));
    }
    putchar(']');
}

static void text_list(const gist_agent *a, size_t (*count)(const gist_agent *),
                      const char *(*item)(const gist_agent *, size_t))
{
    for (size_t k = 0; k < count(a); k++)
        printf("%s%s", k ? ", " : "", item(a, k));
    if (count(a) == 0)
        fputs("-", stdout);
}

int cmd_agents(const cli_opts *opts, int argc, char **argv)
{
    if (cli_no_options("agents", argc, argv))
        return EXIT_USAGE;
    if (argc != 0) {
        fputs("gist agents: takes no arguments\n", stderr);
        return EXIT_USAGE;
    }
    if (opts->json)
        putchar('[');
    for (size_t i = 0; i < gist_agent_count(); i++) {
        const gist_agent *a = gist_agent_at(i);
        if (opts->json) {
            fputs(i ? ",\n {" : "\n {", stdout);
            fputs("\"name\": ", stdout);
            json_str(gist_agent_name(a));
            fputs(", \"atc\": ", stdout);
            json_str(gist_agent_atc(a));
            fputs(", \"atc_legacy\": ", stdout);
            json_str(gist_agent_atc_legacy(a));
            fputs(", \"rxnorm\": ", stdout);
            json_str(gist_agent_rxnorm(a));
            fputs(", \"class\": ", stdout);
            json_str(gist_agent_class(a));
            fputs(", \"brands\": ", stdout);
            json_list(a, gist_agent_brand_count, gist_agent_brand);
            fputs(", \"synonyms\": ", stdout);
            json_list(a, gist_agent_synonym_count, gist_agent_synonym);
            fputs(", \"targets\": ", stdout);
            json_list(a, gist_agent_target_count, gist_agent_target);
            fputs(", \"doses\": [", stdout);
            for (size_t k = 0; k < gist_agent_dose_count(a); k++) {
                printf("%s{\"dose_mg\": %g, \"schedule\": \"%s\", \"text\": ", k ? ", " : "", gist_agent_dose_mg(a, k),
                       gist_schedule_name(gist_agent_dose_schedule(a, k)));
                json_str(gist_agent_dose_text(a, k));
                fputs(", \"evidence\": ", stdout);
                json_str(gist_agent_dose_evidence(a, k));
                putchar('}');
            }
            printf("], \"max_daily_mg\": %g}", gist_agent_max_daily_mg(a));
        } else {
            printf("%s\n  ATC %s%s%s%s  RxNorm %s  class: %s\n  brands: ", gist_agent_name(a), gist_agent_atc(a),
                   gist_agent_atc_legacy(a)[0] ? " (formerly " : "", gist_agent_atc_legacy(a),
                   gist_agent_atc_legacy(a)[0] ? ")" : "",
                   gist_agent_rxnorm(a)[0] ? gist_agent_rxnorm(a) : "(not verified)", gist_agent_class(a));
            text_list(a, gist_agent_brand_count, gist_agent_brand);
            fputs("\n  synonyms: ", stdout);
            text_list(a, gist_agent_synonym_count, gist_agent_synonym);
            fputs("\n  targets: ", stdout);
            text_list(a, gist_agent_target_count, gist_agent_target);
            fputs("\n  standard doses in GIST: ", stdout);
            if (gist_agent_dose_count(a) == 0)
                fputs("none stated by the sources (off-label or other indications)", stdout);
            for (size_t k = 0; k < gist_agent_dose_count(a); k++)
                printf("%s%s [%s]", k ? "; " : "", gist_agent_dose_text(a, k), gist_agent_dose_evidence(a, k));
            fputs("\n\n", stdout);
        }
    }
    if (opts->json)
        fputs("\n]\n", stdout);
    return EXIT_OK;
}
