/*
 * The facts pathways reason over. The engine knows these words and their
 * types; what follows from them is pathway data.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "model/agent.h"
#include "model/facts.h"
#include "util/names.h"

const struct gist_fact_def gist__facts[GIST_FACT_COUNT] = {
    [GIST_FACT_SETTING] = {"setting", GIST_FT_ENUM, gist__setting_names, GIST_SETTING_COUNT,
                           "Record the treatment setting: advanced (unresectable, metastatic or recurrent) or adjuvant."},
    [GIST_FACT_GENOTYPE] = {"genotype", GIST_FT_ENUM, gist__genotype_names, GIST_GENOTYPE_COUNT,
                            "Record the tumour genotype from KIT/PDGFRA mutational analysis."},
    [GIST_FACT_AGENT] = {"regimen.agent", GIST_FT_AGENT, NULL, 0,
                         "Record the current systemic therapy (agent and daily dose), or that there is none."},
    [GIST_FACT_DOSE] = {"regimen.dose_mg", GIST_FT_NUMBER, NULL, 0, "Record the daily dose of the current regimen in mg."},
    [GIST_FACT_SCHEDULE] = {"regimen.schedule", GIST_FT_ENUM, gist__schedule_names, GIST_SCHEDULE_COUNT,
                            "Record the dosing schedule of the current regimen."},
    [GIST_FACT_LINE] = {"line", GIST_FT_NUMBER, NULL, 0,
                        "Record the line of therapy of the current regimen, or list the previous lines."},
    [GIST_FACT_RESPONSE] = {"response", GIST_FT_ENUM, gist__response_names, GIST_RESPONSE_COUNT,
                            "Assess the response of the disease to the current regimen (CT or MRI)."},
    [GIST_FACT_CONFIRMED_BY] = {"confirmed_by", GIST_FT_ENUM, gist__basis_names, GIST_BASIS_COUNT,
                                "Record how the response was established: clinically or by radiologic assessment."},
    [GIST_FACT_EXTENT] = {"extent", GIST_FT_ENUM, gist__extent_names, GIST_EXTENT_COUNT,
                          "Record whether progression is limited or generalized."},
    [GIST_FACT_TOLERANCE] = {"tolerance", GIST_FT_ENUM, gist__tolerance_names, GIST_TOLERANCE_COUNT,
                             "Record whether the patient tolerates the current regimen."},
    [GIST_FACT_INTERRUPTED] = {"interrupted", GIST_FT_BOOL, NULL, 0,
                               "Record whether the current regimen is interrupted."},
    [GIST_FACT_REFERRED] = {"referred", GIST_FT_BOOL, NULL, 0,
                            "Record whether the patient has been referred to a high-volume sarcoma centre."},
    [GIST_FACT_FAILED_LINES] = {"failed_lines", GIST_FT_NUMBER, NULL, 0,
                                "List the previous lines of therapy and why each ended."},
    [GIST_FACT_PRIOR_AGENTS] = {"prior.agents", GIST_FT_AGENTS, NULL, 0,
                                "List the previous lines of therapy."},
};

int gist__fact_index(const char *name)
{
    for (int i = 0; i < GIST_FACT_COUNT; i++)
        if (strcmp(gist__facts[i].name, name) == 0)
            return i;
    return -1;
}

uint64_t gist__fact_full_mask(int fact)
{
    const struct gist_fact_def *d = &gist__facts[fact];
    switch (d->type) {
    case GIST_FT_ENUM: return ((UINT64_C(1) << d->name_count) - 1) & ~UINT64_C(1); /* 0 is "unknown" */
    case GIST_FT_BOOL: return 3;
    case GIST_FT_AGENT: return (UINT64_C(1) << (gist__agent_count + 1)) - 1;    /* bit 0 is "none" */
    default: return 0;
    }
}
