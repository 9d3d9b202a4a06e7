/*
 * The agent registry: names, codes, classes, targets and standard doses.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_AGENT_H
#define GIST_MODEL_AGENT_H

#include "util/base.h"
#include "util/json_in.h"

struct gist_agent_dose {
    double mg;
    gist_schedule schedule;
    const char *text;
    const char *evidence;
};
struct gist_agent {
    const char *name;
    const char *atc;
    const char *atc_legacy;
    const char *rxnorm;
    const char *klass;
    const char *synonyms[6];
    const char *brands[4];
    const char *targets[10];
    struct gist_agent_dose doses[3];
};
extern const struct gist_agent gist__agents[];
extern const size_t gist__agent_count;
/* The agent a name denotes, or NULL (no error recorded). */
const gist_agent *gist__agent_find(const char *name);
/* Lookup recording errors against an input location (source may be NULL). */
gist_status gist__agent_lookup_at(const gist_agent **out, const char *name, const char *source, unsigned long line,
                                  unsigned long column, const char *field);
/* An agent name member of a JSON object, resolved through the registry (errors located at the member). */
gist_status gist__jin_agent(gist_jin *in, struct json_t *obj, const char *key, int required,
                            const gist_agent **out);

#endif
