/*
 * Agent registries: the built-in one (lib/data/agents.json, read when the
 * library is loaded) and those extended from files; name lookup.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_AGENT_H
#define GIST_MODEL_AGENT_H

#include <stdatomic.h>

#include "util/arena.h"
#include "util/base.h"
#include "util/json_in.h"

/* Most agents one registry holds: an agent set is a 64-bit mask with a bit for "none"
 * (model/facts.c), and a cohort regimen key gives each agent 6 bits (lines/cohort.c). */
#define GIST__REGISTRY_MAX_AGENTS 62u

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
    const char *const *synonyms;
    const char *const *brands;
    const char *const *targets;
    const struct gist_agent_dose *doses;
    size_t synonym_count, brand_count, target_count, dose_count;
    size_t index;        /* position in its registry */
    double max_daily_mg; /* the plausibility bound, computed once at load */
};

struct gist_schedule_def {
    int on_days, cycle_days;
    const char *text;
    const char *evidence; /* "" when the schedule has no planned break */
};

struct gist_registry {
    atomic_size_t refs; /* 0 for the built-in registry, which is never freed */
    const gist_registry *base; /* the registry this one extends (holding a reference), or NULL */
    size_t count;
    const gist_agent *agents[GIST__REGISTRY_MAX_AGENTS];
    struct gist_schedule_def schedules[GIST_SCHEDULE_COUNT]; /* [GIST_SCHEDULE_UNSPECIFIED] unused */
    const char *description;                     /* "" when the file gives none */
    const char **evidence_ids, **evidence_texts; /* this file's own; lookups continue in base */
    size_t evidence_count;
    gist_arena arena;
};

/* The built-in agents in registry order, and their number; set when the library is loaded and
 * never changed. Every agent index in a patient, pathway, timeline or cohort indexes this. */
extern const struct gist_agent *gist__agents;
extern size_t gist__agent_count;

/* The agent a name denotes in the built-in registry, or NULL (no error recorded). */
const gist_agent *gist__agent_find(const char *name);
const gist_agent *gist__registry_find(const gist_registry *reg, const char *name);
/* Lookup in the built-in registry recording errors against an input location (source may be NULL). */
gist_status gist__agent_lookup_at(const gist_agent **out, const char *name, const char *source, unsigned long line,
                                  unsigned long column, const char *field);
gist_status gist__registry_lookup_at(const gist_agent **out, const gist_registry *reg, const char *name,
                                     const char *source, unsigned long line, unsigned long column,
                                     const char *field);
/* An agent name member of a JSON object, resolved through the built-in registry (errors located at the member). */
gist_status gist__jin_agent(gist_jin *in, struct json_t *obj, const char *key, int required,
                            const gist_agent **out);
/* The statement of an evidence id in reg or the registries it extends, or NULL. The returned id
 * (in *interned) is the registry's own copy. */
const char *gist__registry_evidence(const gist_registry *reg, const char *id, const char **interned);

/* Read a registry file into reg (zeroed, its arena initialised), extending base (NULL: the file is
 * the built-in registry and must define the schedules). */
gist_status gist__registry_read(gist_registry *reg, const gist_registry *base, gist_jin *in);

#endif
