/*
 * Machine names of the public enums: the words of the JSON formats.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "util/names.h"

const char *const gist__setting_names[GIST_SETTING_COUNT] = {"unknown", "advanced", "adjuvant"};
const char *const gist__genotype_names[GIST_GENOTYPE_COUNT] = {
    "unknown",       "not_tested",    "kit_exon11",          "kit_exon9",     "kit_exon13",    "kit_exon17",
    "kit_other",     "pdgfra_d842v",  "pdgfra_exon18_other", "pdgfra_exon12", "pdgfra_exon14", "sdh_deficient",
    "nf1",           "braf_v600e",    "ntrk_fusion",         "wild_type_sdh_untested"};
const char *const gist__response_names[GIST_RESPONSE_COUNT] = {"unknown", "responding", "stable", "progression"};
const char *const gist__basis_names[GIST_BASIS_COUNT] = {"unknown", "clinical", "radiologic"};
const char *const gist__extent_names[GIST_EXTENT_COUNT] = {"unknown", "limited", "generalized"};
const char *const gist__tolerance_names[GIST_TOLERANCE_COUNT] = {"unknown", "tolerating", "intolerant"};
const char *const gist__stop_names[GIST_STOP_COUNT] = {"unknown", "progression", "intolerance", "completed",
                                                       "other"};
const char *const gist__schedule_names[GIST_SCHEDULE_COUNT] = {"unspecified", "continuous", "4on2off", "3on1off"};
const char *const gist__action_names[GIST_ACTION_END] = {
    NULL,     "continue", "escalate",           "switch", "assess", "refer", "consider_trial",
    "consider_off_label", "start", "resume", "local_therapy"};
const char *const gist__severity_names[GIST_SEVERITY_END] = {NULL, "info", "warning", "critical"};
const char *const gist__tristate_names[3] = {"unknown", "no", "yes"};
static const char *const rule_kind_names[4] = {NULL, "recommend", "not_covered", "alert"};
static const char *const outcome_names[4] = {NULL, "recommended", "undetermined", "not_covered"};
static const char *const trace_names[4] = {NULL, "fired", "unknown", "nearest"};

int gist__name_index(const char *const *names, int count, const char *s)
{
    for (int i = 0; i < count; i++)
        if (names[i] != NULL && strcmp(names[i], s) == 0)
            return i;
    return -1;
}

#define NAME_FN(fn, type, table, count)                                         \
    const char *fn(type value)                                                  \
    {                                                                           \
        return ((int)value >= 0 && (int)value < (count)) ? (table)[value] : NULL; \
    }

NAME_FN(gist_setting_name, gist_setting, gist__setting_names, GIST_SETTING_COUNT)
NAME_FN(gist_genotype_name, gist_genotype, gist__genotype_names, GIST_GENOTYPE_COUNT)
NAME_FN(gist_response_name, gist_response, gist__response_names, GIST_RESPONSE_COUNT)
NAME_FN(gist_basis_name, gist_basis, gist__basis_names, GIST_BASIS_COUNT)
NAME_FN(gist_extent_name, gist_extent, gist__extent_names, GIST_EXTENT_COUNT)
NAME_FN(gist_tolerance_name, gist_tolerance, gist__tolerance_names, GIST_TOLERANCE_COUNT)
NAME_FN(gist_stop_reason_name, gist_stop_reason, gist__stop_names, GIST_STOP_COUNT)
NAME_FN(gist_tristate_name, gist_tristate, gist__tristate_names, 3)
NAME_FN(gist_schedule_name, gist_schedule, gist__schedule_names, GIST_SCHEDULE_COUNT)
NAME_FN(gist_action_name, gist_action, gist__action_names, GIST_ACTION_END)
NAME_FN(gist_severity_name, gist_severity, gist__severity_names, GIST_SEVERITY_END)
NAME_FN(gist_rule_kind_name, gist_rule_kind, rule_kind_names, 4)
NAME_FN(gist_outcome_name, gist_outcome, outcome_names, 4)
NAME_FN(gist_trace_result_name, gist_trace_result, trace_names, 4)
