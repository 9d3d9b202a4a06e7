/*
 * Fuzz target: gist_advise on arbitrary patient states. The input is decoded into a sequence of
 * setter calls (any argument, valid or not: out-of-range enums, implausible doses, unknown or
 * misspelt agent names, long ids), advising along the way with the built-in pathway.
 * Properties: a setter that fails leaves the patient exactly as it was; every advice is
 * consistent (see fuzz_patients.h) and agrees with gist_advise_batch; a patient written to JSON
 * reads back to a patient that gets the same advice.
 */
#include <math.h>
#include <string.h>

#include "fuzz_patients.h"

typedef struct input {
    const unsigned char *p;
    size_t n;
} input;

static unsigned byte(input *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

/* Enum arguments from -2 to 13: every valid value of every enum, and invalid ones on both sides. */
static int enum_arg(input *in)
{
    return (int)(byte(in) % 16) - 2;
}

/* A length-prefixed string from the input (up to 255 bytes, any bytes but NUL). */
static const char *string_arg(input *in, char *buf, size_t cap)
{
    size_t len = byte(in);
    size_t k = 0;
    while (k < len && k + 1 < cap && in->n > 0) {
        char c = (char)byte(in);
        if (c != '\0')
            buf[k++] = c;
    }
    buf[k] = '\0';
    return buf;
}

/* An agent name: one of the registry's names, codes or brands in some case, or raw bytes. */
static const char *agent_arg(input *in, char *buf, size_t cap)
{
    unsigned b = byte(in);
    size_t count = gist_agent_count();
    if (b >= 4 * count)
        return string_arg(in, buf, cap);
    const gist_agent *a = gist_agent_at(b % count);
    const char *name;
    switch (b / count) {
    case 0: name = gist_agent_name(a); break;
    case 1: name = gist_agent_atc(a); break;
    case 2: name = gist_agent_brand_count(a) ? gist_agent_brand(a, 0) : gist_agent_name(a); break;
    default: name = gist_agent_synonym_count(a) ? gist_agent_synonym(a, 0) : gist_agent_atc_legacy(a); break;
    }
    snprintf(buf, cap, (b & 1) ? " %s " : "%s", name);
    if (b & 2)
        for (char *c = buf; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
    return buf;
}

static double dose_arg(input *in)
{
    static const double doses[] = {400, 800, 600, 50, 37.5, 160, 150, 300, 1600, 1600.5, 0, -400, 1e-300, 1e300};
    unsigned b = byte(in);
    if (b < sizeof doses / sizeof doses[0])
        return doses[b];
    if (b == 250)
        return NAN;
    if (b == 251)
        return INFINITY;
    if (b == 252)
        return -INFINITY;
    unsigned hi = byte(in);
    unsigned lo = byte(in);
    return (double)(hi << 8 | lo) / 4.0;
}

static gist_pathway *builtin(void)
{
    static gist_pathway *pw;
    if (pw == NULL)
        FUZZ_CHECK(gist_pathway_builtin(&pw, "gist-2016") == GIST_OK);
    return pw;
}

static char *patient_json(const gist_patient *pt)
{
    char *json = NULL;
    FUZZ_CHECK(gist_patient_to_json(pt, GIST_JSON_COMPACT, &json) == GIST_OK);
    return json;
}

/* Advise, check the advice, and check that the patient survives a trip through JSON. */
static void advise_and_check(const gist_patient *pt)
{
    gist_pathway *pw = builtin();
    gist_advice *adv = NULL, *adv_again = NULL;
    FUZZ_CHECK(gist_advise(&adv, pw, pt) == GIST_OK);
    fuzz_check_advice(adv, pw, pt);

    char *json = patient_json(pt);
    gist_patient *again = NULL;
    FUZZ_CHECK(gist_patient_parse(&again, json, strlen(json), "written") == GIST_OK);
    char *json_again = patient_json(again);
    FUZZ_CHECK(strcmp(json, json_again) == 0);
    FUZZ_CHECK(gist_patient_line(again) == gist_patient_line(pt));
    FUZZ_CHECK(gist_patient_failed_lines(again) == gist_patient_failed_lines(pt));
    FUZZ_CHECK(gist_advise(&adv_again, pw, again) == GIST_OK);
    FUZZ_CHECK(gist_advice_outcome(adv_again) == gist_advice_outcome(adv));
    FUZZ_CHECK(gist_advice_rule(adv_again) == gist_advice_rule(adv));
    FUZZ_CHECK(strcmp(gist_advice_rationale(adv_again), gist_advice_rationale(adv)) == 0);
    gist_free(json);
    gist_free(json_again);
    gist_patient_free(again);
    gist_advice_free(adv);
    gist_advice_free(adv_again);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    input in = {data, size};
    gist_patient *pt = NULL;
    FUZZ_CHECK(gist_patient_new(&pt) == GIST_OK);
    char buf[320];
    for (int steps = 0; in.n > 0 && steps < 256; steps++) {
        gist_patient *before = NULL;
        FUZZ_CHECK(gist_patient_clone(&before, pt) == GIST_OK);
        gist_status st = GIST_OK;
        switch (byte(&in) % 21) {
        case 0: st = gist_patient_set_setting(pt, (gist_setting)enum_arg(&in)); break;
        case 1: st = gist_patient_set_genotype(pt, (gist_genotype)enum_arg(&in)); break;
        case 2: {
            const char *agent = agent_arg(&in, buf, sizeof buf);
            st = gist_patient_set_regimen(pt, agent, dose_arg(&in));
            break;
        }
        case 3: st = gist_patient_set_no_regimen(pt); break;
        case 4: st = gist_patient_clear_regimen(pt); break;
        case 5: st = gist_patient_set_schedule(pt, (gist_schedule)enum_arg(&in)); break;
        case 6: st = gist_patient_set_line(pt, (int)byte(&in) - 3); break;
        case 7: {
            int response = enum_arg(&in);
            st = gist_patient_set_response(pt, (gist_response)response, (gist_basis)enum_arg(&in));
            break;
        }
        case 8: st = gist_patient_set_extent(pt, (gist_extent)enum_arg(&in)); break;
        case 9: st = gist_patient_set_tolerance(pt, (gist_tolerance)enum_arg(&in)); break;
        case 10: st = gist_patient_set_interrupted(pt, (gist_tristate)enum_arg(&in)); break;
        case 11: st = gist_patient_set_referred(pt, (gist_tristate)enum_arg(&in)); break;
        case 12: {
            const char *agent = agent_arg(&in, buf, sizeof buf);
            int reason = enum_arg(&in);
            st = gist_patient_add_prior(pt, agent, (gist_stop_reason)reason, (gist_setting)enum_arg(&in));
            break;
        }
        case 13: st = gist_patient_set_no_prior(pt); break;
        case 14: st = gist_patient_clear_prior(pt); break;
        case 15: st = gist_patient_set_id(pt, string_arg(&in, buf, sizeof buf)); break;
        case 16: st = gist_patient_reset(pt); break;
        case 17: advise_and_check(pt); break;
        case 18: {
            char *json = patient_json(pt), *copy_json = patient_json(before);
            FUZZ_CHECK(strcmp(json, copy_json) == 0); /* a copy is faithful */
            gist_free(json);
            gist_free(copy_json);
            break;
        }
        case 19: st = gist_patient_set_regimen(pt, string_arg(&in, buf, sizeof buf), 400); break;
        default: st = gist_patient_set_agent(pt, agent_arg(&in, buf, sizeof buf)); break; /* dose not recorded */
        }
        if (st != GIST_OK) {
            /* a setter that fails says why and leaves the patient as it was */
            FUZZ_CHECK(gist_error_last()->status == st && gist_error_last()->message[0] != '\0');
            FUZZ_CHECK(st != GIST_ENOMEM);
            char *json_before = patient_json(before), *json_after = patient_json(pt);
            FUZZ_CHECK(strcmp(json_before, json_after) == 0);
            FUZZ_CHECK(gist_patient_line(pt) == gist_patient_line(before));
            FUZZ_CHECK(gist_patient_failed_lines(pt) == gist_patient_failed_lines(before));
            gist_free(json_before);
            gist_free(json_after);
        }
        gist_patient_free(before);
    }
    advise_and_check(pt);
    gist_patient_free(pt);
    return 0;
}
