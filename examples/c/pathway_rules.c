/*
 * List the rules of a pathway with their conditions, options and evidence:
 * a built-in pathway by id, or your own pathway file, validated on loading.
 *
 * Usage: pathway_rules [ID|FILE]     (default: gist-2016)
 *
 * Build against an installed libgist:
 *   cc pathway_rules.c $(pkg-config --cflags --libs gist) -o pathway_rules
 */
#include <stdio.h>
#include <string.h>

#include <gist/gist.h>

/* A built-in id, or else a file name. */
static gist_status load(gist_pathway **out, const char *name)
{
    for (size_t i = 0; i < gist_pathway_builtin_count(); i++)
        if (strcmp(gist_pathway_builtin_id(i), name) == 0)
            return gist_pathway_builtin(out, name);
    return gist_pathway_load(out, name);
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "gist-2016";
    gist_pathway *pw = NULL;
    if (load(&pw, name) != GIST_OK) {
        /* A pathway file that fails validation names the place: file:line:column: /json/pointer: why. */
        fprintf(stderr, "%s\n", gist_error_last()->message);
        return gist_error_last()->status == GIST_EIO ? 66 : 65;
    }

    printf("%s %s: %s\nsource: %s\n", gist_pathway_id(pw), gist_pathway_version(pw), gist_pathway_title(pw),
           gist_pathway_source(pw));
    for (size_t i = 0; i < gist_pathway_rule_count(pw); i++) {
        const gist_rule *r = gist_pathway_rule(pw, i);
        printf("\n%s [%s]: %s\n", gist_rule_id(r), gist_rule_kind_name(gist_rule_kind_of(r)), gist_rule_title(r));
        if (gist_rule_condition_count(r) == 0)
            printf("  when: always\n");
        for (size_t k = 0; k < gist_rule_condition_count(r); k++)
            printf("  %s %s\n", k == 0 ? "when:" : " and:", gist_rule_condition(r, k));
        for (size_t k = 0; k < gist_rule_option_count(r); k++) {
            const gist_option *o = gist_rule_option(r, k);
            const gist_agent *a = gist_option_agent(o);
            printf("  option %zu: %s %s\n", k + 1, gist_action_name(gist_option_action(o)),
                   a != NULL ? gist_agent_name(a) : "");
        }
        for (size_t k = 0; k < gist_rule_alert_count(r); k++)
            printf("  alert: %s\n", gist_alert_id(gist_rule_alert(r, k)));
        printf("  evidence:");
        for (size_t k = 0; k < gist_rule_evidence_count(r); k++)
            printf(" %s", gist_rule_evidence(r, k));
        printf("\n");
    }

    printf("\n%zu evidence entries:\n", gist_pathway_evidence_count(pw));
    for (size_t i = 0; i < gist_pathway_evidence_count(pw); i++)
        printf("  %s: %.60s...\n", gist_pathway_evidence_id(pw, i), gist_pathway_evidence_text(pw, i));

    /* Every string above is borrowed from the pathway and valid until it is freed. */
    gist_pathway_free(pw);
    return 0;
}
