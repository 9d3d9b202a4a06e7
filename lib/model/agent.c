/*
 * Agent registries: the built-in one, read from lib/data/agents.json when
 * the library is loaded, and those extended from files; name lookup.
 *
 * The data and its sources: docs/agents-format.md and docs/clinical-basis.md.
 * Nothing about any drug is written here: this file knows names, codes and
 * doses only as fields of a registry.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/agent.h"
#include "model/builtin.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/json_in.h"
#include "util/names.h"

/* ---- the built-in registry ---- */

static gist_registry builtin;
/* The built-in registry's storage: static, so that nothing of it is lost when a host unloads the
 * library (a Lua state closing its C modules, a plugin unloaded); it takes under 8 KiB today, and
 * should it outgrow this, the rest comes from the allocator as any arena's does. */
static _Alignas(16) unsigned char builtin_store[32 * 1024];
static gist_status builtin_status = GIST_ENOMEM; /* until read */
static char builtin_why[512] = "the library's load-time initialisation did not run";
const struct gist_agent *gist__agents;
size_t gist__agent_count;

/* Read when the library is loaded, before any caller can run (and so before any thread of theirs
 * exists): the registry is then immutable and read by every thread without synchronisation. The
 * allocator hook cannot have been set yet, so the C library's allocator serves; the registry lives
 * as long as the process. A failure (out of memory at load time; the data is checked by the unit
 * tests) leaves the registry empty and every lookup reports why. */
__attribute__((constructor)) static void read_builtin(void)
{
    gist__arena_init_fixed(&builtin.arena, builtin_store, sizeof builtin_store);
    gist_jin in;
    memset(&in, 0, sizeof in);
    in.text = (const char *)gist__builtin_registry[0].data;
    in.length = gist__builtin_registry[0].length;
    in.source = "builtin:agents";
    gist_status st = gist__registry_read(&builtin, NULL, &in);
    if (st != GIST_OK) {
        snprintf(builtin_why, sizeof builtin_why, "%s", gist_error_last()->message);
        gist__arena_free(&builtin.arena);
        memset(&builtin, 0, sizeof builtin);
    } else {
        gist__agents = builtin.count ? builtin.agents[0] : NULL; /* the built-in agents are one array */
        gist__agent_count = builtin.count;
    }
    builtin_status = st;
    gist_error_clear();
}

const gist_registry *gist_registry_builtin(void)
{
    return &builtin;
}

static gist_status builtin_failed(void)
{
    return gist__error(builtin_status, "the built-in agent registry could not be read: %s", builtin_why);
}

/* ---- registries from files ---- */

/* Registries are immutable except for their reference count: the union drops the const that a
 * cast would need to cast away. */
static gist_registry *counted(const gist_registry *reg)
{
    union {
        // cppcheck-suppress unusedStructMember
        const gist_registry *c;
        gist_registry *m;
    } u = {reg};
    return u.m;
}

static const gist_registry *retain(const gist_registry *reg)
{
    if (reg != &builtin)
        atomic_fetch_add_explicit(&counted(reg)->refs, 1, memory_order_relaxed);
    return reg;
}

void gist_registry_free(gist_registry *reg)
{
    /* Dropping the last reference to a registry drops the one it held on its base. */
    while (reg != NULL && reg != &builtin && atomic_fetch_sub_explicit(&reg->refs, 1, memory_order_acq_rel) == 1) {
        gist_registry *base = counted(reg->base);
        gist__arena_free(&reg->arena);
        gist__free(reg);
        reg = base;
    }
}

gist_status gist_registry_parse(gist_registry **out, const gist_registry *base, const char *json, size_t length,
                                const char *source)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(json, "json");
    if (base == NULL)
        base = &builtin;
    if (base == &builtin && builtin_status != GIST_OK)
        return builtin_failed();
    gist_registry *reg = gist__calloc(1, sizeof *reg);
    if (reg == NULL)
        return gist__error(GIST_ENOMEM, "out of memory reading an agent registry");
    gist__arena_init(&reg->arena);
    atomic_init(&reg->refs, 1);
    gist_jin in;
    memset(&in, 0, sizeof in);
    in.text = json;
    in.length = length;
    in.source = source ? source : "<string>";
    gist_status st = gist__registry_read(reg, base, &in);
    if (st != GIST_OK) {
        gist__arena_free(&reg->arena);
        gist__free(reg);
        return st;
    }
    reg->base = retain(base);
    *out = reg;
    return GIST_OK;
}

gist_status gist_registry_load(gist_registry **out, const gist_registry *base, const char *path)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(path, "path");
    char *text = NULL;
    size_t length = 0;
    gist_status st = gist__read_file(path, &text, &length);
    if (st != GIST_OK)
        return st;
    st = gist_registry_parse(out, base, text, length, path);
    gist__free(text);
    return st;
}

size_t gist_registry_count(const gist_registry *reg)
{
    return reg ? reg->count : 0;
}

const gist_agent *gist_registry_agent(const gist_registry *reg, size_t index)
{
    return reg && index < reg->count ? reg->agents[index] : NULL;
}

const char *gist__registry_evidence(const gist_registry *reg, const char *id, const char **interned)
{
    for (; reg != NULL; reg = reg->base)
        for (size_t i = 0; i < reg->evidence_count; i++)
            if (strcmp(reg->evidence_ids[i], id) == 0) {
                if (interned)
                    *interned = reg->evidence_ids[i];
                return reg->evidence_texts[i];
            }
    return NULL;
}

const char *gist_registry_evidence_text(const gist_registry *reg, const char *id)
{
    return reg && id ? gist__registry_evidence(reg, id, NULL) : NULL;
}

size_t gist_agent_count(void)
{
    return builtin.count;
}

const gist_agent *gist_agent_at(size_t index)
{
    return gist_registry_agent(&builtin, index);
}

/* ---- schedules: the one place cycle lengths are read ---- */

static const struct gist_schedule_def *schedule_def(gist_schedule s)
{
    if ((int)s <= (int)GIST_SCHEDULE_UNSPECIFIED || (int)s >= GIST_SCHEDULE_COUNT || builtin_status != GIST_OK)
        return NULL;
    return &builtin.schedules[s];
}

gist_status gist_schedule_cycle(int *on_days, int *cycle_days, gist_schedule schedule)
{
    GIST_CHECK_NULL(on_days, "on_days");
    GIST_CHECK_NULL(cycle_days, "cycle_days");
    const struct gist_schedule_def *d = schedule_def(schedule);
    if (d == NULL) {
        if (builtin_status != GIST_OK && (int)schedule > 0 && (int)schedule < GIST_SCHEDULE_COUNT)
            return builtin_failed();
        return gist__error(GIST_EINVAL, "%s: schedule %d has no cycle", __func__, (int)schedule);
    }
    *on_days = d->on_days;
    *cycle_days = d->cycle_days;
    return GIST_OK;
}

const char *gist_schedule_text(gist_schedule s)
{
    const struct gist_schedule_def *d = schedule_def(s);
    return d ? d->text : NULL;
}

const char *gist_schedule_evidence(gist_schedule s)
{
    const struct gist_schedule_def *d = schedule_def(s);
    return d ? d->evidence : NULL;
}

/* ---- agents ---- */

size_t gist_agent_index(const gist_agent *a) { return a ? a->index : (size_t)-1; }
const char *gist_agent_name(const gist_agent *a) { return a ? a->name : NULL; }
const char *gist_agent_atc(const gist_agent *a) { return a ? a->atc : NULL; }
const char *gist_agent_atc_legacy(const gist_agent *a) { return a ? a->atc_legacy : NULL; }
const char *gist_agent_rxnorm(const gist_agent *a) { return a ? a->rxnorm : NULL; }
const char *gist_agent_class(const gist_agent *a) { return a ? a->klass : NULL; }
size_t gist_agent_synonym_count(const gist_agent *a) { return a ? a->synonym_count : 0; }
size_t gist_agent_brand_count(const gist_agent *a) { return a ? a->brand_count : 0; }
size_t gist_agent_target_count(const gist_agent *a) { return a ? a->target_count : 0; }
size_t gist_agent_dose_count(const gist_agent *a) { return a ? a->dose_count : 0; }
double gist_agent_max_daily_mg(const gist_agent *a) { return a ? a->max_daily_mg : 0; }

const char *gist_agent_synonym(const gist_agent *a, size_t i)
{
    return a && i < a->synonym_count ? a->synonyms[i] : NULL;
}

const char *gist_agent_brand(const gist_agent *a, size_t i)
{
    return a && i < a->brand_count ? a->brands[i] : NULL;
}

const char *gist_agent_target(const gist_agent *a, size_t i)
{
    return a && i < a->target_count ? a->targets[i] : NULL;
}

double gist_agent_dose_mg(const gist_agent *a, size_t i)
{
    return a && i < a->dose_count ? a->doses[i].mg : 0;
}

gist_schedule gist_agent_dose_schedule(const gist_agent *a, size_t i)
{
    return a && i < a->dose_count ? a->doses[i].schedule : GIST_SCHEDULE_UNSPECIFIED;
}

const char *gist_agent_dose_text(const gist_agent *a, size_t i)
{
    return a && i < a->dose_count ? a->doses[i].text : NULL;
}

const char *gist_agent_dose_evidence(const gist_agent *a, size_t i)
{
    return a && i < a->dose_count ? a->doses[i].evidence : NULL;
}

gist_status gist_agent_check_dose(const gist_agent *agent, double dose_mg)
{
    GIST_CHECK_NULL(agent, "agent");
    if (!isfinite(dose_mg))
        return gist__error(GIST_ERANGE, "%s dose is not a finite number", agent->name);
    if (dose_mg <= 0)
        return gist__error(GIST_ERANGE, "%s dose %g mg must be greater than zero", agent->name, dose_mg);
    if (dose_mg > agent->max_daily_mg)
        return gist__error(GIST_ERANGE, "%s dose %g mg/day is implausible (largest accepted: %g mg/day)",
                           agent->name, dose_mg, agent->max_daily_mg);
    return GIST_OK;
}

/* ---- lookup ---- */

/* Lower-cased copy of name without surrounding white space; 0 if too long. */
static int normalise(const char *name, char *buf, size_t cap)
{
    while (*name && isspace((unsigned char)*name))
        name++;
    size_t n = strlen(name);
    while (n > 0 && isspace((unsigned char)name[n - 1]))
        n--;
    if (n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)tolower((unsigned char)name[i]);
    buf[n] = '\0';
    return 1;
}

static int eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int matches(const gist_agent *a, const char *s)
{
    if (eq_nocase(a->name, s) || (a->atc[0] && eq_nocase(a->atc, s)) ||
        (a->atc_legacy[0] && eq_nocase(a->atc_legacy, s)))
        return 1;
    for (size_t i = 0; i < a->synonym_count; i++)
        if (eq_nocase(a->synonyms[i], s))
            return 1;
    for (size_t i = 0; i < a->brand_count; i++)
        if (eq_nocase(a->brands[i], s))
            return 1;
    return 0;
}

/* Does the lower-case text contain word (case-insensitive) as a whole word? */
static int contains_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
        int left = p == text || !isalnum((unsigned char)p[-1]);
        int right = !isalnum((unsigned char)p[n]);
        if (left && right)
            return 1;
    }
    return 0;
}

/* The name, synonym or brand closest to s, if it is a close misspelling. */
static const char *closest_name(const gist_registry *reg, const char *s)
{
    const char *best = NULL, *found;
    size_t below = 4; /* suggest only close misspellings */
    for (size_t i = 0; i < reg->count; i++) {
        const gist_agent *a = reg->agents[i];
        if ((found = gist__nearest_name(s, &a->name, 1, &below)) != NULL)
            best = found;
        if ((found = gist__nearest_name(s, a->synonyms, a->synonym_count, &below)) != NULL)
            best = found;
        if ((found = gist__nearest_name(s, a->brands, a->brand_count, &below)) != NULL)
            best = found;
    }
    return best;
}

const gist_agent *gist__registry_find(const gist_registry *reg, const char *name)
{
    char s[GIST_MAX_NAME_BYTES + 1];
    if (!normalise(name, s, sizeof s) || s[0] == '\0')
        return NULL;
    for (size_t i = 0; i < reg->count; i++)
        if (matches(reg->agents[i], s))
            return reg->agents[i];
    return NULL;
}

const gist_agent *gist__agent_find(const char *name)
{
    return gist__registry_find(&builtin, name);
}

gist_status gist__registry_lookup_at(const gist_agent **out, const gist_registry *reg, const char *name,
                                     const char *source, unsigned long line, unsigned long column, const char *field)
{
    if (reg == &builtin && builtin_status != GIST_OK)
        return builtin_failed();
    char s[GIST_MAX_NAME_BYTES + 1];
    if (!normalise(name, s, sizeof s))
        return gist__error_at(GIST_ELIMIT, source, line, column, field, "agent name longer than %u bytes",
                              GIST_MAX_NAME_BYTES);
    if (s[0] == '\0')
        return gist__error_at(GIST_ENOTFOUND, source, line, column, field, "agent name is empty");
    for (size_t i = 0; i < reg->count; i++) {
        if (matches(reg->agents[i], s)) {
            *out = reg->agents[i];
            return GIST_OK;
        }
    }
    /* Not a name: does it mention agents (a combination, a product description)? */
    const char *found[4];
    size_t nfound = 0;
    for (size_t i = 0; i < reg->count && nfound < 4; i++) {
        const gist_agent *a = reg->agents[i];
        int hit = contains_word(s, a->name);
        for (size_t k = 0; !hit && k < a->brand_count; k++) {
            char b[GIST_MAX_NAME_BYTES + 1];
            if (normalise(a->brands[k], b, sizeof b))
                hit = contains_word(s, b);
        }
        if (hit)
            found[nfound++] = a->name;
    }
    if (nfound >= 2)
        return gist__error_at(GIST_EAMBIGUOUS, source, line, column, field,
                              "agent name \"%s\" names more than one agent (%s, %s%s); give one agent per entry", name,
                              found[0], found[1], nfound > 2 ? ", ..." : "");
    if (nfound == 1)
        return gist__error_at(GIST_ENOTFOUND, source, line, column, field,
                              "unknown agent \"%s\"; give the agent name alone: \"%s\"", name, found[0]);
    const char *hint = closest_name(reg, s);
    if (hint != NULL)
        return gist__error_at(GIST_ENOTFOUND, source, line, column, field,
                              "unknown agent \"%s\"; did you mean \"%s\"?", name, hint);
    return gist__error_at(GIST_ENOTFOUND, source, line, column, field,
                          "unknown agent \"%s\" (see `gist agents` for the known names)", name);
}

gist_status gist__agent_lookup_at(const gist_agent **out, const char *name, const char *source, unsigned long line,
                                  unsigned long column, const char *field)
{
    return gist__registry_lookup_at(out, &builtin, name, source, line, column, field);
}

gist_status gist_registry_lookup(const gist_agent **out, const gist_registry *registry, const char *name)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(registry, "registry");
    GIST_CHECK_NULL(name, "name");
    return gist__registry_lookup_at(out, registry, name, NULL, 0, 0, NULL);
}

gist_status gist_agent_lookup(const gist_agent **out, const char *name)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(name, "name");
    return gist__registry_lookup_at(out, &builtin, name, NULL, 0, 0, NULL);
}

gist_status gist__jin_agent(gist_jin *in, struct json_t *obj, const char *key, int required, const gist_agent **out)
{
    const char *name = NULL;
    gist_status st = gist__jin_string(in, obj, key, required, GIST_MAX_NAME_BYTES, &name);
    if (st != GIST_OK || name == NULL)
        return st;
    if ((*out = gist__agent_find(name)) != NULL)
        return GIST_OK; /* locating the member is only worth it for an error */
    unsigned long line = 0, column = 0;
    char field[256];
    gist__jin_member_at(in, key, &line, &column, field, sizeof field);
    return gist__agent_lookup_at(out, name, in->source, line, column, field);
}
