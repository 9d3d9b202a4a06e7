/*
 * Synthetic treatment histories (see synth.h).
 *
 * Each patient: an optional adjuvant course of imatinib, then advanced
 * lines in the 2016 sequence (imatinib 400, sometimes 800, sunitinib,
 * regorafenib, ripretinib) with time on each drawn from an exponential
 * distribution around the trial medians (imatinib 400 first line 18 months,
 * 800 after progression 2.7, sunitinib 6.3, regorafenib 4.8, ripretinib 6.3),
 * drug dispensed in refills of 60-120 days (sunitinib and regorafenib by
 * cycle with their off-weeks), CT assessments about every four months, and noise:
 * interruptions, intolerance, non-standard doses, overlapping refills, stops
 * without a recorded reason, clinical-only progression, referrals.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

const char synth_csv_header[] = "patient,event,date,end,agent,dose_mg,schedule,reason,response,method,criteria,extent,value\n";

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next(synth_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void synth_seed(synth_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) { /* splitmix64 */
        uint64_t z = (seed += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        r->s[i] = z ^ (z >> 31);
    }
}

static double uniform(synth_rng *r)
{
    return (double)(next(r) >> 11) * 0x1.0p-53;
}

static int chance(synth_rng *r, double p)
{
    return uniform(r) < p;
}

static int between(synth_rng *r, int lo, int hi)
{
    return lo + (int)(uniform(r) * (hi - lo + 1));
}

/* Days on a line: exponential around a median in months. */
static int days_for(synth_rng *r, double median_months)
{
    double u = uniform(r);
    double months = -log(1.0 - u) * median_months / log(2.0);
    int d = (int)(months * 30.44);
    return d < 30 ? 30 : d > 4000 ? 4000 : d;
}

void synth_events_init(synth_events *e)
{
    memset(e, 0, sizeof *e);
}

void synth_events_free(synth_events *e)
{
    free(e->patient);
    free(e->date);
    free(e->kind);
    free(e->end);
    free(e->agent);
    free(e->dose);
    free(e->schedule);
    free(e->reason);
    free(e->value);
    free(e->method);
    free(e->criteria);
    free(e->extent);
    synth_events_init(e);
}

#define GROW(col)                                                \
    do {                                                         \
        void *p_ = realloc(e->col, cap * sizeof *e->col);        \
        if (p_ == NULL)                                          \
            return 0;                                            \
        e->col = p_;                                             \
    } while (0)

static int reserve(synth_events *e)
{
    if (e->n < e->cap)
        return 1;
    size_t cap = e->cap ? e->cap * 2 : 1024;
    GROW(patient);
    GROW(date);
    GROW(kind);
    GROW(end);
    GROW(agent);
    GROW(dose);
    GROW(schedule);
    GROW(reason);
    GROW(value);
    GROW(method);
    GROW(criteria);
    GROW(extent);
    e->cap = cap;
    return 1;
}

struct gen {
    synth_rng *r;
    synth_events *e;
    int64_t patient;
    size_t first;
    int ok;
};

static void add(struct gen *g, uint8_t kind, int32_t date, int32_t end, int16_t agent, double dose, uint8_t sched,
                uint8_t reason, uint8_t value, uint8_t method, uint8_t criteria, uint8_t extent)
{
    synth_events *e = g->e;
    if (!g->ok || !reserve(e)) {
        g->ok = 0;
        return;
    }
    size_t i = e->n++;
    e->patient[i] = g->patient;
    e->date[i] = date;
    e->kind[i] = kind;
    e->end[i] = end;
    e->agent[i] = agent;
    e->dose[i] = dose;
    e->schedule[i] = sched;
    e->reason[i] = reason;
    e->value[i] = value;
    e->method[i] = method;
    e->criteria[i] = criteria;
    e->extent[i] = extent;
}

static int16_t agent_index(const char *name)
{
    const gist_agent *a = NULL;
    return gist_agent_lookup(&a, name) == GIST_OK ? (int16_t)gist_agent_index(a) : -1;
}

static void assess(struct gen *g, int32_t date, uint8_t response, int radiologic)
{
    uint8_t method = radiologic ? (chance(g->r, 0.85) ? GIST_METHOD_CT : GIST_METHOD_MRI) : GIST_METHOD_CLINICAL;
    uint8_t extent = response == GIST_RESPONSE_PROGRESSION && radiologic
                         ? (chance(g->r, 0.2) ? GIST_EXTENT_LIMITED : GIST_EXTENT_GENERALIZED)
                         : 0;
    add(g, GIST_EVENT_ASSESSMENT, date, GIST_DATE_NONE, -1, 0, 0, 0, response, method,
        radiologic ? GIST_CRITERIA_RECIST : 0, extent);
}

/*
 * Dispense agent from start for days (refills, or cycles with off-weeks); the last
 * exposure ends with reason. Returns the last day on drug.
 */
static int32_t dispense(struct gen *g, int16_t agent, double dose, uint8_t sched, int32_t start, int days,
                        uint8_t reason, int ongoing)
{
    int32_t day = start, stop = start + days - 1, last = start;
    int interrupted = 0;
    while (day <= stop) {
        int len, off = 0;
        if (sched == GIST_SCHEDULE_4ON2OFF) {
            len = 28;
            off = 14;
        } else if (sched == GIST_SCHEDULE_3ON1OFF) {
            len = 21;
            off = 7;
        } else {
            len = between(g->r, 60, 120);
        }
        int32_t end = day + len - 1;
        int final = end >= stop || end + 1 + off > stop; /* no whole cycle fits after this one */
        if (end > stop)
            end = stop;
        uint8_t why = final ? reason : 0;
        int32_t recorded_end = final && ongoing ? GIST_DATE_NONE : end;
        add(g, GIST_EVENT_EXPOSURE, day, recorded_end, agent, dose, sched, why, 0, 0, 0, 0);
        last = end;
        day = end + 1 + off;
        /* noise: an overlapping refill, or an unplanned interruption */
        if (!final && chance(g->r, 0.003))
            day -= between(g->r, 3, 10);
        if (!final && !interrupted && chance(g->r, 0.01)) {
            day += between(g->r, 40, 120);
            interrupted = 1;
        }
    }
    return last;
}

/* The order of kinds on one day that gist_events documents for sorted input. */
static int kind_rank(uint8_t kind)
{
    static const int rank[GIST_EVENT_KIND_COUNT] = {4, 2, 1, 3, 0};
    return kind < GIST_EVENT_KIND_COUNT ? rank[kind] : 4;
}

int synth_patient(synth_rng *r, int64_t patient, synth_events *e)
{
    static int16_t IMA = -2, SUN, REG, RIP, OFF[5];
    if (IMA == -2) {
        IMA = agent_index("imatinib");
        SUN = agent_index("sunitinib");
        REG = agent_index("regorafenib");
        RIP = agent_index("ripretinib");
        const char *off[5] = {"dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib"};
        for (int i = 0; i < 5; i++)
            OFF[i] = agent_index(off[i]);
    }
    struct gen g = {r, e, patient, e->n, 1};
    gist_date day;
    gist_date_from_ymd(&day, 2005, 1, 1);
    day += between(r, 0, 15 * 365);

    /* genotype, roughly in clinical proportions */
    double u = uniform(r);
    uint8_t genotype = u < 0.65 ? GIST_GENOTYPE_KIT_EXON11 : u < 0.75 ? GIST_GENOTYPE_KIT_EXON9
                       : u < 0.80 ? GIST_GENOTYPE_PDGFRA_D842V : u < 0.85 ? GIST_GENOTYPE_PDGFRA_EXON18_OTHER
                       : u < 0.90 ? GIST_GENOTYPE_SDH_DEFICIENT : u < 0.95 ? GIST_GENOTYPE_WILD_TYPE_SDH_UNTESTED : 0;
    if (genotype)
        add(&g, GIST_EVENT_GENOTYPE, day, GIST_DATE_NONE, -1, 0, 0, 0, genotype, 0, 0, 0);

    if (chance(r, 0.2)) { /* adjuvant imatinib, three years, then recurrence */
        add(&g, GIST_EVENT_SETTING, day, GIST_DATE_NONE, -1, 0, 0, 0, GIST_SETTING_ADJUVANT, 0, 0, 0);
        int relapse_during = chance(r, 0.1);
        int days = relapse_during ? between(r, 200, 900) : 3 * 365;
        int32_t last = dispense(&g, IMA, 400, GIST_SCHEDULE_CONTINUOUS, day + 14, days,
                                relapse_during ? GIST_STOP_PROGRESSION : GIST_STOP_COMPLETED, 0);
        if (relapse_during)
            assess(&g, last - 5, GIST_RESPONSE_PROGRESSION, 1);
        day = last + (relapse_during ? 20 : between(r, 180, 1500));
    }
    add(&g, GIST_EVENT_SETTING, day, GIST_DATE_NONE, -1, 0, 0, 0, GIST_SETTING_ADVANCED, 0, 0, 0);

    const struct step {
        int16_t agent;
        double dose;
        uint8_t sched;
        double median;
    } seq[5] = {{IMA, 400, GIST_SCHEDULE_CONTINUOUS, 18.0},
                {IMA, 800, GIST_SCHEDULE_CONTINUOUS, 2.7},
                {SUN, 50, GIST_SCHEDULE_4ON2OFF, 6.3},
                {REG, 160, GIST_SCHEDULE_3ON1OFF, 4.8},
                {RIP, 150, GIST_SCHEDULE_CONTINUOUS, 6.3}};
    int s = 0;
    day += 10;
    while (s < 5) {
        struct step st = seq[s];
        if (s == 1 && chance(r, 0.53)) { /* escalation skipped: straight to sunitinib */
            s++;
            continue;
        }
        if (s == 0 && chance(r, 0.02))
            st.dose = 600; /* a non-standard dose */
        if (s == 2 && chance(r, 0.3)) {
            st.dose = 37.5;
            st.sched = GIST_SCHEDULE_CONTINUOUS;
        }
        int days = days_for(r, st.median);
        int ongoing = chance(r, 0.15);
        int intolerant = !ongoing && chance(r, 0.1);
        int no_reason = !ongoing && !intolerant && chance(r, 0.02);
        uint8_t reason = ongoing || no_reason ? 0 : intolerant ? GIST_STOP_INTOLERANCE : GIST_STOP_PROGRESSION;
        int32_t last = dispense(&g, st.agent, st.dose, st.sched, day, days, reason, ongoing);
        for (int32_t a = day + 90; a < last - 20; a += between(r, 110, 130))
            assess(&g, a, chance(r, 0.3) ? GIST_RESPONSE_RESPONDING : GIST_RESPONSE_STABLE, 1);
        if (reason == GIST_STOP_PROGRESSION || no_reason)
            assess(&g, last - between(r, 2, 14), GIST_RESPONSE_PROGRESSION, chance(r, 0.9));
        if (ongoing)
            break;
        if (s >= 3 && chance(r, 0.6))
            add(&g, GIST_EVENT_REFERRAL, last + between(r, 7, 60), GIST_DATE_NONE, -1, 0, 0, 0, 0, 0, 0, 0);
        day = last + between(r, 3, 21);
        if (chance(r, 0.12))
            break; /* no further therapy recorded */
        s++;
        if (s == 1 && reason == GIST_STOP_INTOLERANCE)
            s = 2; /* intolerance of imatinib: no escalation */
    }
    if (s == 5 && chance(r, 0.5)) /* after four lines: an off-label TKI */
        dispense(&g, OFF[between(r, 0, 4)], 0, 0, day, days_for(r, 3.0), GIST_STOP_PROGRESSION, 0);

    /* sort this patient's events by date, then kind in the order gist_events documents, stably */
    synth_events *ev = e;
    for (size_t i = g.first + 1; i < ev->n && g.ok; i++) {
        size_t j = i;
        while (j > g.first) {
            size_t k = j - 1;
            int32_t dk = ev->date[k], dj = ev->date[j];
            int before = dj < dk || (dj == dk && kind_rank(ev->kind[j]) < kind_rank(ev->kind[k]));
            if (!before)
                break;
#define SWAP(col)                      \
    do {                               \
        __typeof__(ev->col[0]) t_ = ev->col[k]; \
        ev->col[k] = ev->col[j];       \
        ev->col[j] = t_;               \
    } while (0)
            SWAP(patient);
            SWAP(date);
            SWAP(kind);
            SWAP(end);
            SWAP(agent);
            SWAP(dose);
            SWAP(schedule);
            SWAP(reason);
            SWAP(value);
            SWAP(method);
            SWAP(criteria);
            SWAP(extent);
#undef SWAP
            j = k;
        }
    }
    return g.ok;
}

static const char *name_or_empty(const char *const *names, int count, uint8_t v)
{
    return v > 0 && v < count ? names[v] : "";
}

int synth_write_csv(const synth_events *e, size_t from, FILE *out)
{
    static const char *const sched[] = {"", "continuous", "4on2off", "3on1off"};
    static const char *const reason[] = {"", "progression", "intolerance", "completed", "other"};
    static const char *const resp[] = {"", "responding", "stable", "progression"};
    static const char *const method[] = {"", "ct", "mri", "pet", "clinical"};
    static const char *const crit[] = {"", "recist", "choi"};
    static const char *const extent[] = {"", "limited", "generalized"};
    static const char *const kind[] = {"exposure", "assessment", "genotype", "referral", "setting"};
    for (size_t i = from; i < e->n; i++) {
        char d[11], end[11] = "";
        gist_date_format(e->date[i], d);
        if (e->kind[i] == GIST_EVENT_EXPOSURE && e->end[i] != GIST_DATE_NONE)
            gist_date_format(e->end[i], end);
        const char *value = "";
        if (e->kind[i] == GIST_EVENT_GENOTYPE)
            value = gist_genotype_name((gist_genotype)e->value[i]);
        else if (e->kind[i] == GIST_EVENT_SETTING)
            value = gist_setting_name((gist_setting)e->value[i]);
        int w;
        if (e->kind[i] == GIST_EVENT_EXPOSURE) {
            char dose[32] = "";
            if (e->dose[i] > 0)
                snprintf(dose, sizeof dose, "%g", e->dose[i]);
            w = fprintf(out, "%lld,exposure,%s,%s,%s,%s,%s,%s,,,,,\n", (long long)e->patient[i], d, end,
                        gist_agent_name(gist_agent_at((size_t)e->agent[i])), dose, sched[e->schedule[i] & 3],
                        name_or_empty(reason, 5, e->reason[i]));
        } else {
            w = fprintf(out, "%lld,%s,%s,,,,,,%s,%s,%s,%s,%s\n", (long long)e->patient[i], kind[e->kind[i]], d,
                        e->kind[i] == GIST_EVENT_ASSESSMENT ? name_or_empty(resp, 4, e->value[i]) : "",
                        name_or_empty(method, 5, e->method[i]), name_or_empty(crit, 3, e->criteria[i]),
                        name_or_empty(extent, 3, e->extent[i]), value);
        }
        if (w < 0)
            return 0;
    }
    return 1;
}
