/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_AGENT_H
#define GIST_AGENT_H

/**
 * @defgroup agent Agent registry
 * @brief The drugs libgist knows: names, codes, targets and standard doses.
 *
 * The registry is built into the library and never changes while a program
 * runs. Every ::gist_agent pointer is borrowed from it and valid for the life
 * of the process; never free one. Names are looked up case-insensitively by
 * canonical name, synonym, brand name or ATC code (current or pre-2022).
 * RxNorm codes are given only where verified; otherwise the code is `""`.
 *
 * @par Thread safety
 * Every function here is safe from any thread.
 *
 * @code
 * const gist_agent *a = NULL;
 * if (gist_agent_lookup(&a, "Glivec") == GIST_OK)
 *     printf("%s %s\n", gist_agent_name(a), gist_agent_atc(a)); // imatinib L01EA01
 * @endcode
 * @{
 */

#include <stddef.h>
#include "gist/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An entry of the agent registry (opaque, borrowed, immortal; readable from any thread). */
typedef struct gist_agent gist_agent;

/**
 * @brief Dosing schedule of an oral kinase inhibitor.
 *
 * Planned off-periods of a cycle are part of the schedule, not treatment
 * gaps.
 */
typedef enum gist_schedule {
    GIST_SCHEDULE_UNSPECIFIED = 0, /**< Not stated. */
    GIST_SCHEDULE_CONTINUOUS = 1,  /**< Every day without planned breaks (once or twice daily). */
    GIST_SCHEDULE_4ON2OFF = 2,    /**< 4 weeks on, 2 weeks off: 42-day cycle, 28 days on (sunitinib). */
    GIST_SCHEDULE_3ON1OFF = 3     /**< Days 1-21 of a 28-day cycle (regorafenib). */
} gist_schedule;

/** Number of ::gist_schedule values (for range checks and tables). */
#define GIST_SCHEDULE_COUNT 4

/**
 * @brief Machine name of a schedule: `"unspecified"`, `"continuous"`, `"4on2off"`, `"3on1off"`.
 * @param[in] schedule Any value.
 * @return A static string, or NULL if @p schedule is out of range.
 */
GIST_API const char *gist_schedule_name(gist_schedule schedule);

/**
 * @brief Number of days on treatment in one cycle of @p schedule.
 * @param[in] schedule Any value.
 * @param[out] on_days Days on drug per cycle (1 for continuous).
 * @param[out] cycle_days Length of a cycle in days (1 for continuous).
 * @return ::GIST_OK; ::GIST_EINVAL for a NULL pointer, an out-of-range value
 *         or ::GIST_SCHEDULE_UNSPECIFIED.
 */
GIST_API gist_status gist_schedule_cycle(gist_schedule schedule, int *on_days, int *cycle_days);

/**
 * @brief Number of agents in the registry.
 * @return The count (at least 1).
 */
GIST_API size_t gist_agent_count(void);

/**
 * @brief The @p index -th agent, in registry order.
 * @param[in] index 0 to gist_agent_count() - 1.
 * @return A borrowed, immortal pointer, or NULL if @p index is out of range.
 */
GIST_API const gist_agent *gist_agent_at(size_t index);

/**
 * @brief Find an agent by any of its names or codes.
 *
 * Matching ignores case and leading or trailing white space. A name that
 * mentions more than one agent (such as `"dabrafenib + trametinib"`) is
 * ambiguous. The error message of an unknown name suggests the closest known
 * name.
 *
 * @param[out] out The agent (borrowed, immortal); set to NULL on failure.
 * @param[in] name Canonical name, synonym, brand name or ATC code.
 * @return ::GIST_OK; ::GIST_EINVAL if @p out or @p name is NULL;
 *         ::GIST_ENOTFOUND for an unknown name; ::GIST_EAMBIGUOUS if the
 *         name mentions several agents; ::GIST_ELIMIT for a name longer than
 *         256 bytes.
 */
GIST_API gist_status gist_agent_lookup(const gist_agent **out, const char *name);

/**
 * @brief Canonical (international non-proprietary) name, lower case, such as `"imatinib"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A static string.
 */
GIST_API const char *gist_agent_name(const gist_agent *agent);

/**
 * @brief Position of @p agent in the registry (its index for gist_agent_at()).
 * @param[in] agent An agent; NULL gives (size_t)-1.
 * @return The index, or (size_t)-1 if @p agent is NULL.
 */
GIST_API size_t gist_agent_index(const gist_agent *agent);

/**
 * @brief Current (2024 structure) WHO ATC code, such as `"L01EA01"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A static string.
 */
GIST_API const char *gist_agent_atc(const gist_agent *agent);

/**
 * @brief Pre-2022 ATC code (L01XE...), or `""` if the agent had none.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A static string.
 */
GIST_API const char *gist_agent_atc_legacy(const gist_agent *agent);

/**
 * @brief RxNorm ingredient RxCUI, or `""` where the code is not verified.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A static string.
 */
GIST_API const char *gist_agent_rxnorm(const gist_agent *agent);

/**
 * @brief Pharmacological class, such as `"tyrosine kinase inhibitor"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A static string.
 */
GIST_API const char *gist_agent_class(const gist_agent *agent);

/**
 * @brief Number of synonyms (salts, development codes) of @p agent.
 * @param[in] agent An agent; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_agent_synonym_count(const gist_agent *agent);

/**
 * @brief The @p index -th synonym of @p agent.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_synonym_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_agent_synonym(const gist_agent *agent, size_t index);

/**
 * @brief Number of brand names of @p agent.
 * @param[in] agent An agent; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_agent_brand_count(const gist_agent *agent);

/**
 * @brief The @p index -th brand name of @p agent.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_brand_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_agent_brand(const gist_agent *agent, size_t index);

/**
 * @brief Number of molecular targets listed for @p agent.
 * @param[in] agent An agent; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_agent_target_count(const gist_agent *agent);

/**
 * @brief The @p index -th molecular target, such as `"KIT"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_target_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_agent_target(const gist_agent *agent, size_t index);

/**
 * @brief Number of standard GIST doses recorded for @p agent.
 *
 * Only doses stated by the sources in the project's clinical basis are
 * recorded; agents used off-label in GIST have none.
 * @param[in] agent An agent; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_agent_dose_count(const gist_agent *agent);

/**
 * @brief Daily dose in mg of the @p index -th standard dose.
 * @param[in] agent An agent; NULL gives 0.
 * @param[in] index 0 to gist_agent_dose_count() - 1.
 * @return The dose, or 0 if out of range.
 */
GIST_API double gist_agent_dose_mg(const gist_agent *agent, size_t index);

/**
 * @brief Schedule of the @p index -th standard dose.
 * @param[in] agent An agent; NULL gives ::GIST_SCHEDULE_UNSPECIFIED.
 * @param[in] index 0 to gist_agent_dose_count() - 1.
 * @return The schedule, or ::GIST_SCHEDULE_UNSPECIFIED if out of range.
 */
GIST_API gist_schedule gist_agent_dose_schedule(const gist_agent *agent, size_t index);

/**
 * @brief Readable description of the @p index -th standard dose, such as
 *        `"800 mg daily (400 mg twice daily)"`, with its context.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_dose_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_agent_dose_text(const gist_agent *agent, size_t index);

/**
 * @brief Evidence id (see docs/clinical-basis.md) of the @p index -th standard dose.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_dose_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_agent_dose_evidence(const gist_agent *agent, size_t index);

/**
 * @brief Largest daily dose in mg accepted as input for @p agent.
 *
 * An input-plausibility bound, not clinical advice: twice the highest
 * standard daily dose where one is recorded, otherwise 2000 mg. Larger doses
 * are rejected with ::GIST_ERANGE as data-entry errors.
 * @param[in] agent An agent; NULL gives 0.
 * @return The bound in mg.
 */
GIST_API double gist_agent_max_daily_mg(const gist_agent *agent);

/**
 * @brief Check that @p dose_mg is a plausible daily dose of @p agent.
 * @param[in] agent An agent; NULL gives ::GIST_EINVAL.
 * @param[in] dose_mg Daily dose in mg.
 * @return ::GIST_OK; ::GIST_EINVAL if @p agent is NULL; ::GIST_ERANGE if the
 *         dose is NaN, infinite, zero, negative or above
 *         gist_agent_max_daily_mg().
 */
GIST_API gist_status gist_agent_check_dose(const gist_agent *agent, double dose_mg);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_AGENT_H */
