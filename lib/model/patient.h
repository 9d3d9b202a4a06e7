/*
 * The patient state behind gist_patient.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_MODEL_PATIENT_H
#define GIST_MODEL_PATIENT_H

#include "model/facts.h"

struct gist_prior {
    uint8_t agent; /* index */
    uint8_t reason;
    uint8_t setting;
};
struct gist_patient {
    char *id;
    uint8_t setting, genotype, on_treatment, response, basis, extent, tolerance, interrupted, referred,
        prior_known, schedule;
    int agent; /* index, valid when on_treatment == YES */
    int line_stated;
    double dose_mg;
    size_t prior_count;
    struct gist_prior prior[GIST_PATIENT_MAX_PRIOR];
    gist_facts facts;
};

/* Recompute the derived fact table after changing fields directly. */
void gist__patient_refresh(gist_patient *p);

#endif
