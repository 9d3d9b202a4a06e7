/*
 * The agent registry and name lookup.
 *
 * Identifiers come from docs/clinical-basis.md section 4 (ATC 2024 and the
 * pre-2022 L01XE codes; RxNorm only where verified, otherwise empty).
 * Standard doses are recorded only where a source in the clinical basis
 * states them; agents used off-label in GIST have none.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/agent.h"
#include "util/error.h"
#include "util/json_in.h"

#define TKI "tyrosine kinase inhibitor"

const struct gist_agent gist__agents[] = {
    {.name = "imatinib", .atc = "L01EA01", .atc_legacy = "L01XE01", .rxnorm = "282388", .klass = TKI,
     .synonyms = {"imatinib mesylate", "imatinib mesilate", "STI571", "STI-571"},
     .brands = {"Gleevec", "Glivec"},
     .targets = {"KIT", "PDGFRA", "PDGFRB", "ABL1"},
     .doses = {{.mg = 400, .schedule = GIST_SCHEDULE_CONTINUOUS, .text = "400 mg once daily", .evidence = "NCCN-GIST-2026"},
               {.mg = 800, .schedule = GIST_SCHEDULE_CONTINUOUS, .text = "800 mg daily (400 mg twice daily)", .evidence = "NCCN-GIST-2026"}}},
    {.name = "sunitinib", .atc = "L01EX01", .atc_legacy = "L01XE04", .rxnorm = "357977", .klass = TKI,
     .synonyms = {"sunitinib malate", "SU11248"},
     .brands = {"Sutent"},
     .targets = {"KIT", "PDGFRA", "PDGFRB", "VEGFR1", "VEGFR2", "VEGFR3", "FLT3", "RET"},
     .doses = {{.mg = 50, .schedule = GIST_SCHEDULE_4ON2OFF, .text = "50 mg once daily, 4 weeks on / 2 weeks off", .evidence = "NCCN-GIST-2026"},
               {.mg = 37.5, .schedule = GIST_SCHEDULE_CONTINUOUS, .text = "37.5 mg once daily, continuously", .evidence = "NCCN-GIST-2026"}}},
    {.name = "regorafenib", .atc = "L01EX05", .atc_legacy = "L01XE21", .rxnorm = "", .klass = TKI,
     .synonyms = {"BAY 73-4506"},
     .brands = {"Stivarga"},
     .targets = {"VEGFR1", "VEGFR2", "VEGFR3", "TIE2", "KIT", "PDGFRB", "RET", "RAF1", "BRAF"},
     .doses = {{.mg = 160, .schedule = GIST_SCHEDULE_3ON1OFF, .text = "160 mg once daily, days 1-21 of each 28-day cycle", .evidence = "NCCN-GIST-2026"}}},
    {.name = "ripretinib", .atc = "L01EX19", .atc_legacy = "", .rxnorm = "", .klass = TKI,
     .synonyms = {"DCC-2618"},
     .brands = {"Qinlock"},
     .targets = {"KIT", "PDGFRA"},
     .doses = {{.mg = 150, .schedule = GIST_SCHEDULE_CONTINUOUS, .text = "150 mg once daily", .evidence = "NCCN-GIST-2026"}}},
    {.name = "avapritinib", .atc = "L01EX18", .atc_legacy = "", .rxnorm = "", .klass = TKI,
     .synonyms = {"BLU-285"},
     .brands = {"Ayvakit", "Ayvakyt"},
     .targets = {"KIT", "PDGFRA"},
     .doses = {{.mg = 300, .schedule = GIST_SCHEDULE_CONTINUOUS, .text = "300 mg once daily", .evidence = "NCCN-GIST-2026"}}},
    {.name = "dasatinib", .atc = "L01EA02", .atc_legacy = "L01XE06", .rxnorm = "", .klass = TKI,
     .synonyms = {"BMS-354825"},
     .brands = {"Sprycel"},
     .targets = {"ABL1", "SRC", "KIT", "PDGFRB"}},
    {.name = "nilotinib", .atc = "L01EA03", .atc_legacy = "L01XE08", .rxnorm = "662281", .klass = TKI,
     .synonyms = {"nilotinib hydrochloride", "AMN107"},
     .brands = {"Tasigna"},
     .targets = {"ABL1", "KIT", "PDGFRA", "PDGFRB"}},
    {.name = "sorafenib", .atc = "L01EX02", .atc_legacy = "L01XE05", .rxnorm = "", .klass = TKI,
     .synonyms = {"sorafenib tosylate", "BAY 43-9006"},
     .brands = {"Nexavar"},
     .targets = {"RAF1", "BRAF", "VEGFR2", "VEGFR3", "PDGFRB", "KIT", "FLT3"}},
    {.name = "pazopanib", .atc = "L01EX03", .atc_legacy = "", .rxnorm = "714438", .klass = TKI,
     .synonyms = {"pazopanib hydrochloride", "GW786034"},
     .brands = {"Votrient"},
     .targets = {"VEGFR1", "VEGFR2", "VEGFR3", "PDGFRA", "PDGFRB", "KIT"}},
    {.name = "axitinib", .atc = "L01EK01", .atc_legacy = "L01XE17", .rxnorm = "", .klass = TKI,
     .synonyms = {"AG-013736"},
     .brands = {"Inlyta"},
     .targets = {"VEGFR1", "VEGFR2", "VEGFR3"}},
    {.name = "dabrafenib", .atc = "L01EC02", .atc_legacy = "L01XE23", .rxnorm = "1424911", .klass = "BRAF kinase inhibitor",
     .synonyms = {"dabrafenib mesylate"},
     .brands = {"Tafinlar"},
     .targets = {"BRAF"}},
    {.name = "trametinib", .atc = "L01EE01", .atc_legacy = "L01XE25", .rxnorm = "", .klass = "MEK inhibitor",
     .synonyms = {NULL},
     .brands = {"Mekinist"},
     .targets = {"MEK1", "MEK2"}},
    {.name = "larotrectinib", .atc = "L01EX12", .atc_legacy = "L01XE53", .rxnorm = "", .klass = "TRK inhibitor",
     .synonyms = {"larotrectinib sulfate"},
     .brands = {"Vitrakvi"},
     .targets = {"TRKA", "TRKB", "TRKC"}},
    {.name = "entrectinib", .atc = "L01EX14", .atc_legacy = "", .rxnorm = "", .klass = "TRK/ROS1/ALK inhibitor",
     .synonyms = {NULL},
     .brands = {"Rozlytrek"},
     .targets = {"TRKA", "TRKB", "TRKC", "ROS1", "ALK"}},
};

const size_t gist__agent_count = sizeof gist__agents / sizeof gist__agents[0];

/* Fixed-size string arrays end at the first NULL (or empty) entry. */
static size_t list_count(const char *const *list, size_t cap)
{
    size_t n = 0;
    while (n < cap && list[n] != NULL && list[n][0] != '\0')
        n++;
    return n;
}
#define LIST_COUNT(arr) list_count((arr), sizeof(arr) / sizeof((arr)[0]))

static size_t dose_count(const gist_agent *a)
{
    size_t n = 0;
    while (n < sizeof a->doses / sizeof a->doses[0] && a->doses[n].mg > 0)
        n++;
    return n;
}

size_t gist_agent_count(void)
{
    return gist__agent_count;
}

const gist_agent *gist_agent_at(size_t index)
{
    return index < gist__agent_count ? &gist__agents[index] : NULL;
}

size_t gist_agent_index(const gist_agent *agent)
{
    return agent ? (size_t)(agent - gist__agents) : (size_t)-1;
}

const char *gist_agent_name(const gist_agent *a) { return a ? a->name : NULL; }
const char *gist_agent_atc(const gist_agent *a) { return a ? a->atc : NULL; }
const char *gist_agent_atc_legacy(const gist_agent *a) { return a ? a->atc_legacy : NULL; }
const char *gist_agent_rxnorm(const gist_agent *a) { return a ? a->rxnorm : NULL; }
const char *gist_agent_class(const gist_agent *a) { return a ? a->klass : NULL; }
size_t gist_agent_synonym_count(const gist_agent *a) { return a ? LIST_COUNT(a->synonyms) : 0; }
size_t gist_agent_brand_count(const gist_agent *a) { return a ? LIST_COUNT(a->brands) : 0; }
size_t gist_agent_target_count(const gist_agent *a) { return a ? LIST_COUNT(a->targets) : 0; }
size_t gist_agent_dose_count(const gist_agent *a) { return a ? dose_count(a) : 0; }

const char *gist_agent_synonym(const gist_agent *a, size_t i)
{
    return i < gist_agent_synonym_count(a) ? a->synonyms[i] : NULL;
}

const char *gist_agent_brand(const gist_agent *a, size_t i)
{
    return i < gist_agent_brand_count(a) ? a->brands[i] : NULL;
}

const char *gist_agent_target(const gist_agent *a, size_t i)
{
    return i < gist_agent_target_count(a) ? a->targets[i] : NULL;
}

double gist_agent_dose_mg(const gist_agent *a, size_t i)
{
    return i < gist_agent_dose_count(a) ? a->doses[i].mg : 0;
}

gist_schedule gist_agent_dose_schedule(const gist_agent *a, size_t i)
{
    return i < gist_agent_dose_count(a) ? a->doses[i].schedule : GIST_SCHEDULE_UNSPECIFIED;
}

const char *gist_agent_dose_text(const gist_agent *a, size_t i)
{
    return i < gist_agent_dose_count(a) ? a->doses[i].text : NULL;
}

const char *gist_agent_dose_evidence(const gist_agent *a, size_t i)
{
    return i < gist_agent_dose_count(a) ? a->doses[i].evidence : NULL;
}

double gist_agent_max_daily_mg(const gist_agent *a)
{
    if (a == NULL)
        return 0;
    double hi = 0;
    for (size_t i = 0; i < dose_count(a); i++)
        if (a->doses[i].mg > hi)
            hi = a->doses[i].mg;
    return hi > 0 ? 2 * hi : 2000;
}

gist_status gist_agent_check_dose(const gist_agent *agent, double dose_mg)
{
    GIST_CHECK_NULL(agent, "agent");
    if (!isfinite(dose_mg))
        return gist__error(GIST_ERANGE, "%s dose is not a finite number", agent->name);
    if (dose_mg <= 0)
        return gist__error(GIST_ERANGE, "%s dose %g mg must be greater than zero", agent->name, dose_mg);
    double max = gist_agent_max_daily_mg(agent);
    if (dose_mg > max)
        return gist__error(GIST_ERANGE, "%s dose %g mg/day is implausible (largest accepted: %g mg/day)",
                           agent->name, dose_mg, max);
    return GIST_OK;
}

gist_status gist_schedule_cycle(gist_schedule schedule, int *on_days, int *cycle_days)
{
    GIST_CHECK_NULL(on_days, "on_days");
    GIST_CHECK_NULL(cycle_days, "cycle_days");
    switch (schedule) {
    case GIST_SCHEDULE_CONTINUOUS: *on_days = 1; *cycle_days = 1; return GIST_OK;
    case GIST_SCHEDULE_4ON2OFF: *on_days = 28; *cycle_days = 42; return GIST_OK;
    case GIST_SCHEDULE_3ON1OFF: *on_days = 21; *cycle_days = 28; return GIST_OK;
    case GIST_SCHEDULE_UNSPECIFIED: break;
    }
    return gist__error(GIST_EINVAL, "gist_schedule_cycle: schedule %d has no cycle", (int)schedule);
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
    if (eq_nocase(a->name, s) || eq_nocase(a->atc, s) || (a->atc_legacy[0] && eq_nocase(a->atc_legacy, s)))
        return 1;
    for (size_t i = 0; i < LIST_COUNT(a->synonyms); i++)
        if (eq_nocase(a->synonyms[i], s))
            return 1;
    for (size_t i = 0; i < LIST_COUNT(a->brands); i++)
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

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *closest_name(const char *s)
{
    const char *best = NULL;
    size_t best_d = 4; /* suggest only close misspellings */
    for (size_t i = 0; i < gist__agent_count; i++) {
        const gist_agent *a = &gist__agents[i];
        const char *cands[1 + 6 + 4];
        size_t n = 0;
        cands[n++] = a->name;
        for (size_t k = 0; k < LIST_COUNT(a->synonyms); k++)
            cands[n++] = a->synonyms[k];
        for (size_t k = 0; k < LIST_COUNT(a->brands); k++)
            cands[n++] = a->brands[k];
        for (size_t k = 0; k < n; k++) {
            size_t d = edit_distance(s, cands[k]);
            if (d < best_d) {
                best_d = d;
                best = cands[k];
            }
        }
    }
    return best;
}

const gist_agent *gist__agent_find(const char *name)
{
    char s[GIST_MAX_NAME_BYTES + 1];
    if (!normalise(name, s, sizeof s) || s[0] == '\0')
        return NULL;
    for (size_t i = 0; i < gist__agent_count; i++)
        if (matches(&gist__agents[i], s))
            return &gist__agents[i];
    return NULL;
}

gist_status gist__agent_lookup_at(const gist_agent **out, const char *name, const char *source, unsigned long line,
                                  unsigned long column, const char *field)
{
    char s[GIST_MAX_NAME_BYTES + 1];
    if (!normalise(name, s, sizeof s))
        return gist__error_at(GIST_ELIMIT, source, line, column, field, "agent name longer than %u bytes",
                              GIST_MAX_NAME_BYTES);
    if (s[0] == '\0')
        return gist__error_at(GIST_ENOTFOUND, source, line, column, field, "agent name is empty");
    for (size_t i = 0; i < gist__agent_count; i++) {
        if (matches(&gist__agents[i], s)) {
            *out = &gist__agents[i];
            return GIST_OK;
        }
    }
    /* Not a name: does it mention agents (a combination, a product description)? */
    const char *found[4];
    size_t nfound = 0;
    for (size_t i = 0; i < gist__agent_count && nfound < 4; i++) {
        const gist_agent *a = &gist__agents[i];
        int hit = contains_word(s, a->name);
        for (size_t k = 0; !hit && k < LIST_COUNT(a->brands); k++) {
            char b[64];
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
    const char *hint = closest_name(s);
    if (hint != NULL)
        return gist__error_at(GIST_ENOTFOUND, source, line, column, field,
                              "unknown agent \"%s\"; did you mean \"%s\"?", name, hint);
    return gist__error_at(GIST_ENOTFOUND, source, line, column, field,
                          "unknown agent \"%s\" (see `gist agents` for the known names)", name);
}

gist_status gist_agent_lookup(const gist_agent **out, const char *name)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(name, "name");
    return gist__agent_lookup_at(out, name, NULL, 0, 0, NULL);
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
