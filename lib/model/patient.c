/*
 * Patient state: the facts one patient brings to a pathway.
 *
 * Every setter validates, changes one fact and refreshes the derived fact
 * table, so that advise() only reads it.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "model/agent.h"
#include "model/facts.h"
#include "model/patient.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#define FACT_BIT(f) (UINT32_C(1) << (f))

static void set_enum(gist_facts *f, int fact, unsigned value)
{
    if (value == 0) {
        f->known &= ~FACT_BIT(fact);
    } else {
        f->known |= FACT_BIT(fact);
        f->bits[fact] = value;
    }
}

static void set_num(gist_facts *f, int fact, double value, int known)
{
    if (known) {
        f->known |= FACT_BIT(fact);
        f->num[fact] = value;
    } else {
        f->known &= ~FACT_BIT(fact);
    }
}

/*
 * Derive the line of the current regimen and the number of failed lines
 * from the previous lines (see the group comment in gist/patient.h).
 */
static void derive_lines(const gist_patient *p, gist_facts *f)
{
    int groups = 0, failed = 0, last_agent = -1, last_failed = 0;
    uint64_t prior_agents = 0;
    for (size_t i = 0; i < p->prior_count; i++) {
        const struct gist_prior *e = &p->prior[i];
        prior_agents |= UINT64_C(1) << e->agent;
        if (e->setting != GIST_SETTING_ADVANCED)
            continue; /* adjuvant therapy is reported apart, never a line */
        int fails = e->reason == GIST_STOP_PROGRESSION || e->reason == GIST_STOP_INTOLERANCE;
        if (e->agent == last_agent) {
            last_failed = fails; /* a dose step inside the same line: the last entry says how it ended */
            continue;
        }
        failed += last_failed;
        groups++;
        last_agent = e->agent;
        last_failed = fails;
    }
    int on = p->on_treatment == GIST_TRISTATE_YES;
    int merged = on && groups > 0 && last_agent == p->agent;
    if (!merged)
        failed += last_failed;

    if (on && p->line_stated > 0)
        set_num(f, GIST_FACT_LINE, p->line_stated, 1);
    else if (on && p->prior_known)
        set_num(f, GIST_FACT_LINE, merged ? groups : groups + 1, 1);
    else
        set_num(f, GIST_FACT_LINE, 0, 0);

    if (p->prior_known) {
        int current_failed = on && ((p->response == GIST_RESPONSE_PROGRESSION && p->basis == GIST_BASIS_RADIOLOGIC) ||
                                    p->tolerance == GIST_TOLERANCE_INTOLERANT);
        set_num(f, GIST_FACT_FAILED_LINES, failed + current_failed, 1);
        f->known |= FACT_BIT(GIST_FACT_PRIOR_AGENTS);
        f->bits[GIST_FACT_PRIOR_AGENTS] = prior_agents;
    } else {
        set_num(f, GIST_FACT_FAILED_LINES, 0, 0);
        f->known &= ~FACT_BIT(GIST_FACT_PRIOR_AGENTS);
    }
}

void gist__patient_refresh(gist_patient *p)
{
    gist_facts *f = &p->facts;
    memset(f, 0, sizeof *f);
    set_enum(f, GIST_FACT_SETTING, p->setting);
    set_enum(f, GIST_FACT_GENOTYPE, p->genotype);
    set_enum(f, GIST_FACT_RESPONSE, p->response);
    set_enum(f, GIST_FACT_CONFIRMED_BY, p->basis);
    set_enum(f, GIST_FACT_EXTENT, p->extent);
    set_enum(f, GIST_FACT_TOLERANCE, p->tolerance);
    if (p->interrupted != GIST_TRISTATE_UNKNOWN) {
        f->known |= FACT_BIT(GIST_FACT_INTERRUPTED);
        f->bits[GIST_FACT_INTERRUPTED] = p->interrupted == GIST_TRISTATE_YES;
    }
    if (p->referred != GIST_TRISTATE_UNKNOWN) {
        f->known |= FACT_BIT(GIST_FACT_REFERRED);
        f->bits[GIST_FACT_REFERRED] = p->referred == GIST_TRISTATE_YES;
    }
    if (p->on_treatment == GIST_TRISTATE_YES) {
        f->known |= FACT_BIT(GIST_FACT_AGENT);
        f->bits[GIST_FACT_AGENT] = (uint64_t)p->agent + 1;
        set_num(f, GIST_FACT_DOSE, p->dose_mg, p->dose_mg > 0); /* 0: dose not recorded */
        set_enum(f, GIST_FACT_SCHEDULE, p->schedule);
    } else if (p->on_treatment == GIST_TRISTATE_NO) {
        f->known |= FACT_BIT(GIST_FACT_AGENT);
        f->bits[GIST_FACT_AGENT] = 0; /* "none" */
    }
    derive_lines(p, f);
}

gist_status gist_patient_new(gist_patient **out)
{
    GIST_CHECK_NULL(out, "out");
    *out = gist__calloc(1, sizeof **out);
    if (*out == NULL)
        return gist__error(GIST_ENOMEM, "gist_patient_new: out of memory");
    (*out)->agent = -1;
    gist__patient_refresh(*out);
    return GIST_OK;
}

gist_status gist_patient_clone(gist_patient **out, const gist_patient *patient)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(patient, "patient");
    gist_patient *p = gist__malloc(sizeof *p);
    if (p == NULL)
        return gist__error(GIST_ENOMEM, "gist_patient_clone: out of memory");
    *p = *patient;
    p->id = NULL;
    if (patient->id != NULL && (p->id = gist__strndup(patient->id, strlen(patient->id))) == NULL) {
        gist__free(p);
        return gist__error(GIST_ENOMEM, "gist_patient_clone: out of memory");
    }
    *out = p;
    return GIST_OK;
}

void gist_patient_free(gist_patient *patient)
{
    if (patient != NULL) {
        gist__free(patient->id);
        gist__free(patient);
    }
}

gist_status gist_patient_reset(gist_patient *patient)
{
    GIST_CHECK_NULL(patient, "patient");
    gist__free(patient->id);
    memset(patient, 0, sizeof *patient);
    patient->agent = -1;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_set_id(gist_patient *patient, const char *id)
{
    GIST_CHECK_NULL(patient, "patient");
    char *copy = NULL;
    if (id != NULL && id[0] != '\0') {
        size_t n = strlen(id);
        if (n > GIST_MAX_NAME_BYTES)
            return gist__error(GIST_ELIMIT, "gist_patient_set_id: id is %zu bytes, longer than %u", n,
                               GIST_MAX_NAME_BYTES);
        /* The id is written into JSON (patient and advice), which must stay valid UTF-8. */
        if (!gist__utf8_valid(id, n))
            return gist__error(GIST_EINVAL, "gist_patient_set_id: id is not valid UTF-8");
        if ((copy = gist__strndup(id, n)) == NULL)
            return gist__error(GIST_ENOMEM, "gist_patient_set_id: out of memory");
    }
    gist__free(patient->id);
    patient->id = copy;
    return GIST_OK;
}

/* Setters of one enum-valued field share their checks. */
#define ENUM_SETTER(fn, type, field, count, what)                                                         \
    gist_status fn(gist_patient *patient, type value)                                                     \
    {                                                                                                     \
        GIST_CHECK_NULL(patient, "patient");                                                         \
        if ((int)value < 0 || (int)value >= (count))                                                      \
            return gist__error(GIST_EINVAL, "%s: %d is not a valid %s", #fn, (int)value, what);           \
        patient->field = (uint8_t)value;                                                                  \
        gist__patient_refresh(patient);                                                                                 \
        return GIST_OK;                                                                                   \
    }

ENUM_SETTER(gist_patient_set_setting, gist_setting, setting, GIST_SETTING_COUNT, "setting")
ENUM_SETTER(gist_patient_set_genotype, gist_genotype, genotype, GIST_GENOTYPE_COUNT, "genotype")
ENUM_SETTER(gist_patient_set_extent, gist_extent, extent, GIST_EXTENT_COUNT, "extent")
ENUM_SETTER(gist_patient_set_tolerance, gist_tolerance, tolerance, GIST_TOLERANCE_COUNT, "tolerance")
ENUM_SETTER(gist_patient_set_interrupted, gist_tristate, interrupted, 3, "tristate")
ENUM_SETTER(gist_patient_set_referred, gist_tristate, referred, 3, "tristate")

gist_status gist_patient_set_response(gist_patient *patient, gist_response response, gist_basis basis)
{
    GIST_CHECK_NULL(patient, "patient");
    if ((int)response < 0 || (int)response >= GIST_RESPONSE_COUNT)
        return gist__error(GIST_EINVAL, "gist_patient_set_response: %d is not a valid response", (int)response);
    if ((int)basis < 0 || (int)basis >= GIST_BASIS_COUNT)
        return gist__error(GIST_EINVAL, "gist_patient_set_response: %d is not a valid basis", (int)basis);
    patient->response = (uint8_t)response;
    patient->basis = (uint8_t)basis;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_set_regimen(gist_patient *patient, const char *agent, double dose_mg)
{
    GIST_CHECK_NULL(patient, "patient");
    GIST_CHECK_NULL(agent, "agent");
    const gist_agent *a = NULL;
    gist_status st = gist_agent_lookup(&a, agent);
    if (st != GIST_OK)
        return st;
    if ((st = gist_agent_check_dose(a, dose_mg)) != GIST_OK)
        return st;
    patient->on_treatment = GIST_TRISTATE_YES;
    patient->agent = (int)gist_agent_index(a);
    patient->dose_mg = dose_mg;
    patient->schedule = GIST_SCHEDULE_UNSPECIFIED;
    patient->line_stated = 0;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_set_agent(gist_patient *patient, const char *agent)
{
    GIST_CHECK_NULL(patient, "patient");
    GIST_CHECK_NULL(agent, "agent");
    const gist_agent *a = NULL;
    gist_status st = gist_agent_lookup(&a, agent);
    if (st != GIST_OK)
        return st;
    patient->on_treatment = GIST_TRISTATE_YES;
    patient->agent = (int)gist_agent_index(a);
    patient->dose_mg = 0; /* not recorded */
    patient->schedule = GIST_SCHEDULE_UNSPECIFIED;
    patient->line_stated = 0;
    gist__patient_refresh(patient);
    return GIST_OK;
}

static void drop_regimen(gist_patient *patient, uint8_t on_treatment)
{
    patient->on_treatment = on_treatment;
    patient->agent = -1;
    patient->dose_mg = 0;
    patient->schedule = GIST_SCHEDULE_UNSPECIFIED;
    patient->line_stated = 0;
    gist__patient_refresh(patient);
}

gist_status gist_patient_set_no_regimen(gist_patient *patient)
{
    GIST_CHECK_NULL(patient, "patient");
    drop_regimen(patient, GIST_TRISTATE_NO);
    return GIST_OK;
}

gist_status gist_patient_clear_regimen(gist_patient *patient)
{
    GIST_CHECK_NULL(patient, "patient");
    drop_regimen(patient, GIST_TRISTATE_UNKNOWN);
    return GIST_OK;
}

gist_status gist_patient_set_schedule(gist_patient *patient, gist_schedule schedule)
{
    GIST_CHECK_NULL(patient, "patient");
    if ((int)schedule < 0 || (int)schedule >= GIST_SCHEDULE_COUNT)
        return gist__error(GIST_EINVAL, "gist_patient_set_schedule: %d is not a valid schedule", (int)schedule);
    if (patient->on_treatment != GIST_TRISTATE_YES)
        return gist__error(GIST_ESTATE, "gist_patient_set_schedule: no current regimen; set one first");
    patient->schedule = (uint8_t)schedule;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_set_line(gist_patient *patient, int line)
{
    GIST_CHECK_NULL(patient, "patient");
    if (line < 0 || line > GIST_LINE_MAX)
        return gist__error(GIST_ERANGE, "%s: line %d is outside 0 to %d", __func__, line, GIST_LINE_MAX);
    if (patient->on_treatment != GIST_TRISTATE_YES)
        return gist__error(GIST_ESTATE, "gist_patient_set_line: no current regimen; set one first");
    patient->line_stated = line;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_add_prior(gist_patient *patient, const char *agent, gist_stop_reason reason,
                                   gist_setting setting)
{
    GIST_CHECK_NULL(patient, "patient");
    GIST_CHECK_NULL(agent, "agent");
    if ((int)reason < 0 || (int)reason >= GIST_STOP_COUNT)
        return gist__error(GIST_EINVAL, "gist_patient_add_prior: %d is not a valid stop reason", (int)reason);
    if (setting != GIST_SETTING_ADVANCED && setting != GIST_SETTING_ADJUVANT)
        return gist__error(GIST_EINVAL, "gist_patient_add_prior: setting must be advanced or adjuvant, not %d",
                           (int)setting);
    if (patient->prior_count >= GIST_PATIENT_MAX_PRIOR)
        return gist__error(GIST_ELIMIT, "gist_patient_add_prior: more than %d previous lines",
                           GIST_PATIENT_MAX_PRIOR);
    const gist_agent *a = NULL;
    gist_status st = gist_agent_lookup(&a, agent);
    if (st != GIST_OK)
        return st;
    struct gist_prior *e = &patient->prior[patient->prior_count++];
    e->agent = (uint8_t)gist_agent_index(a);
    e->reason = (uint8_t)reason;
    e->setting = (uint8_t)setting;
    patient->prior_known = 1;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_set_no_prior(gist_patient *patient)
{
    GIST_CHECK_NULL(patient, "patient");
    patient->prior_count = 0;
    patient->prior_known = 1;
    gist__patient_refresh(patient);
    return GIST_OK;
}

gist_status gist_patient_clear_prior(gist_patient *patient)
{
    GIST_CHECK_NULL(patient, "patient");
    patient->prior_count = 0;
    patient->prior_known = 0;
    gist__patient_refresh(patient);
    return GIST_OK;
}

const char *gist_patient_id(const gist_patient *p) { return p ? (p->id ? p->id : "") : NULL; }
gist_setting gist_patient_setting(const gist_patient *p) { return p ? (gist_setting)p->setting : GIST_SETTING_UNKNOWN; }
gist_genotype gist_patient_genotype(const gist_patient *p) { return p ? (gist_genotype)p->genotype : GIST_GENOTYPE_UNKNOWN; }
gist_tristate gist_patient_on_treatment(const gist_patient *p) { return p ? (gist_tristate)p->on_treatment : GIST_TRISTATE_UNKNOWN; }
gist_response gist_patient_response(const gist_patient *p) { return p ? (gist_response)p->response : GIST_RESPONSE_UNKNOWN; }
gist_basis gist_patient_basis(const gist_patient *p) { return p ? (gist_basis)p->basis : GIST_BASIS_UNKNOWN; }
gist_extent gist_patient_extent(const gist_patient *p) { return p ? (gist_extent)p->extent : GIST_EXTENT_UNKNOWN; }
gist_tolerance gist_patient_tolerance(const gist_patient *p) { return p ? (gist_tolerance)p->tolerance : GIST_TOLERANCE_UNKNOWN; }
gist_tristate gist_patient_interrupted(const gist_patient *p) { return p ? (gist_tristate)p->interrupted : GIST_TRISTATE_UNKNOWN; }
gist_tristate gist_patient_referred(const gist_patient *p) { return p ? (gist_tristate)p->referred : GIST_TRISTATE_UNKNOWN; }
gist_tristate gist_patient_prior_known(const gist_patient *p)
{
    return p && p->prior_known ? GIST_TRISTATE_YES : GIST_TRISTATE_UNKNOWN;
}
size_t gist_patient_prior_count(const gist_patient *p) { return p ? p->prior_count : 0; }

const gist_agent *gist_patient_agent(const gist_patient *p)
{
    return p && p->on_treatment == GIST_TRISTATE_YES ? &gist__agents[p->agent] : NULL;
}

double gist_patient_dose_mg(const gist_patient *p)
{
    return p && p->on_treatment == GIST_TRISTATE_YES ? p->dose_mg : 0;
}

gist_schedule gist_patient_schedule(const gist_patient *p)
{
    return p && p->on_treatment == GIST_TRISTATE_YES ? (gist_schedule)p->schedule : GIST_SCHEDULE_UNSPECIFIED;
}

int gist_patient_line(const gist_patient *p)
{
    if (p == NULL || !(p->facts.known & FACT_BIT(GIST_FACT_LINE)))
        return 0;
    return (int)p->facts.num[GIST_FACT_LINE];
}

int gist_patient_failed_lines(const gist_patient *p)
{
    if (p == NULL || !(p->facts.known & FACT_BIT(GIST_FACT_FAILED_LINES)))
        return -1;
    return (int)p->facts.num[GIST_FACT_FAILED_LINES];
}

const gist_agent *gist_patient_prior_agent(const gist_patient *p, size_t i)
{
    return p && i < p->prior_count ? &gist__agents[p->prior[i].agent] : NULL;
}

gist_stop_reason gist_patient_prior_reason(const gist_patient *p, size_t i)
{
    return p && i < p->prior_count ? (gist_stop_reason)p->prior[i].reason : GIST_STOP_UNKNOWN;
}

gist_setting gist_patient_prior_setting(const gist_patient *p, size_t i)
{
    return p && i < p->prior_count ? (gist_setting)p->prior[i].setting : GIST_SETTING_UNKNOWN;
}
