/*
 * The advice object, shared by the engine and the advice writers.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_ADVICE_H
#define GIST_MODEL_ADVICE_H

#include "model/facts.h"
#include "model/pathway.h"

struct gist_trace_entry {
    const struct gist_rule *rule;
    uint8_t result; /* gist_trace_result */
};

struct gist_advice {
    gist_pathway *pathway; /* one reference held, unless borrowed */
    int borrowed;          /* made by gist__advise_borrowed: no reference held */
    gist_outcome outcome;
    const struct gist_rule *rule;    /* deciding rule */
    const struct gist_rule *nearest; /* when no rule applied */
    const char *rationale;           /* borrowed from the rule, or owned */
    char *owned;                     /* composed explanation */
    const char *const *evidence;
    size_t evidence_count;
    const gist_alert **alerts;
    size_t alert_count;
    uint8_t missing[GIST_FACT_COUNT];
    size_t missing_count;
    struct gist_trace_entry *trace;
    size_t trace_count;
    char *patient_id;
    /* trace, alerts, evidence and the patient id follow in the same allocation */
};

/*
 * gist_advise without taking a reference to the pathway, for callers inside the library that
 * free the advice before the pathway can go (the audit, which advises at every change of
 * therapy from several threads and would otherwise contend on the shared reference count).
 */
gist_status gist__advise_borrowed(gist_advice **out, const gist_pathway *pw, const gist_patient *pt);

#endif
