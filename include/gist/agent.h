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
 * The registry is data: `lib/data/agents.json`, compiled into the library
 * and read when it is loaded (docs/agents-format.md). It never changes while
 * a program runs; every ::gist_agent pointer of the built-in registry is
 * borrowed from it and valid for the life of the process. Names are looked up
 * case-insensitively by canonical name, synonym, brand name or ATC code
 * (current or pre-2022). RxNorm codes are given only where verified;
 * otherwise the code is `""`.
 *
 * A registry file of your own extends a registry with new agents and with
 * more names for known ones (local brand or formulary names):
 * gist_registry_load(). The built-in registry itself never changes, so
 * pathways, patients and timelines, which name agents of the built-in
 * registry, read the same agents whatever registries a program loads; a
 * built-in agent has the same index in every registry.
 *
 * @par Thread safety
 * Every function here is safe from any thread; registries are immutable.
 *
 * @code
 * const gist_agent *a = NULL;
 * if (gist_agent_lookup(&a, "Glivec") == GIST_OK)
 *     printf("%s %s\n", gist_agent_name(a), gist_agent_atc(a)); // imatinib L01EA01
 * const gist_registry *reg = gist_registry_builtin();
 * for (size_t i = 0; i < gist_registry_count(reg); i++)
 *     puts(gist_agent_name(gist_registry_agent(reg, i)));
 * @endcode
 * @{
 */

#include <stddef.h>
#include "gist/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief An entry of an agent registry (opaque, immutable; readable from any thread).
 *
 * Borrowed from its registry: an agent of the built-in registry lives as long
 * as the process; an agent of a loaded registry is valid while that registry
 * lives. Never free one.
 */
typedef struct gist_agent gist_agent;

/**
 * @brief A set of agents: the built-in registry, or one extended from a file
 *        (opaque, immutable, reference counted).
 *
 * Shared freely between threads, like a pathway: any number may look names
 * up at once, and gist_registry_free() may run on any thread.
 */
typedef struct gist_registry gist_registry;

/**
 * @brief Dosing schedule of an oral kinase inhibitor.
 *
 * Planned off-periods of a cycle are part of the schedule, not treatment
 * gaps. The length of each cycle is registry data (`lib/data/agents.json`),
 * read with gist_schedule_cycle().
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
 * @brief Days on treatment and length of one cycle of @p schedule, as the
 *        built-in registry states them.
 *
 * The one source of cycle lengths for the whole library (lines of therapy
 * read planned off-periods from here).
 * @param[out] on_days Days on drug per cycle (1 for continuous).
 * @param[out] cycle_days Length of a cycle in days (1 for continuous).
 * @param[in] schedule Any value.
 * @return ::GIST_OK; ::GIST_EINVAL for a NULL pointer, an out-of-range value
 *         or ::GIST_SCHEDULE_UNSPECIFIED (both outputs are then left alone).
 */
GIST_API gist_status gist_schedule_cycle(int *on_days, int *cycle_days, gist_schedule schedule);

/**
 * @brief Readable description of a schedule's cycle, such as
 *        `"days 1-21 of each 28-day cycle (3 weeks on, 1 week off)"`.
 * @param[in] schedule Any value.
 * @return A string valid for the life of the process, or NULL for
 *         ::GIST_SCHEDULE_UNSPECIFIED and out-of-range values.
 */
GIST_API const char *gist_schedule_text(gist_schedule schedule);

/**
 * @brief Evidence id of the source that states a schedule's cycle (see
 *        gist_registry_evidence_text()), or `""` for a schedule without planned
 *        breaks (::GIST_SCHEDULE_CONTINUOUS), which claims nothing.
 * @param[in] schedule Any value.
 * @return A string valid for the life of the process, or NULL for
 *         ::GIST_SCHEDULE_UNSPECIFIED and out-of-range values.
 */
GIST_API const char *gist_schedule_evidence(gist_schedule schedule);

/**
 * @brief The registry built into the library, read from `lib/data/agents.json`.
 *
 * Every call that names agents without a registry (patients, pathways,
 * timelines, event readers, cohorts) uses this one.
 * @return Never NULL; valid for the life of the process; never freed.
 */
GIST_API const gist_registry *gist_registry_builtin(void);

/**
 * @brief Extend @p base with the agents and names of a registry file.
 *
 * The file has the format of `lib/data/agents.json` (docs/agents-format.md):
 * its `agents` add new agents after those of @p base, and its `extends`
 * entries add synonyms and brand names to agents of @p base. It may not
 * change anything @p base states (codes, class, targets, doses, schedules),
 * nor give a name, synonym, brand or code that already names another agent.
 * Agents of @p base keep their indices, so the built-in agents have the same
 * index in every registry. A registry holds at most 62 agents.
 *
 * The result holds a reference to @p base: freeing @p base first is safe.
 * @param[out] out The registry; caller frees with gist_registry_free(). NULL on failure.
 * @param[in] base The registry to extend; NULL means gist_registry_builtin().
 * @param[in] json The text; need not be NUL-terminated.
 * @param[in] length Its length in bytes (at most 16 MiB).
 * @param[in] source Name used in error messages, or NULL for `<string>`.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL @p out or @p json;
 *         ::GIST_EPARSE; ::GIST_ESCHEMA (unknown or missing field, wrong
 *         type, a name already taken, a code of the wrong form);
 *         ::GIST_ENOTFOUND (an `extends` or evidence id that does not
 *         resolve); ::GIST_ERANGE (a dose that is not a positive number);
 *         ::GIST_ELIMIT; ::GIST_EVERSION; ::GIST_ENOMEM. Errors name the
 *         source, line, column and field.
 *
 * @code
 * gist_registry *local = NULL;
 * const gist_agent *a = NULL;
 * if (gist_registry_load(&local, NULL, "formulary-names.json") == GIST_OK &&
 *     gist_registry_lookup(&a, local, "Imatinib Teva") == GIST_OK)
 *     printf("%s\n", gist_agent_name(a)); // imatinib
 * gist_registry_free(local);
 * @endcode
 */
GIST_API gist_status gist_registry_parse(gist_registry **out, const gist_registry *base, const char *json,
                                         size_t length, const char *source);

/**
 * @brief gist_registry_parse() over the contents of the file at @p path.
 * @param[out] out The registry; caller frees with gist_registry_free(). NULL on failure.
 * @param[in] base The registry to extend; NULL means gist_registry_builtin().
 * @param[in] path File to read (at most 16 MiB).
 * @return As gist_registry_parse(), and ::GIST_EIO if the file cannot be read.
 */
GIST_API gist_status gist_registry_load(gist_registry **out, const gist_registry *base, const char *path);

/**
 * @brief Release a registry made by gist_registry_parse() or gist_registry_load().
 *
 * Its agents are freed when the last reference goes (a registry extended from
 * it holds one).
 * @param[in] registry The registry; NULL is accepted and ignored.
 */
GIST_API void gist_registry_free(gist_registry *registry);

/**
 * @brief Number of agents in @p registry.
 * @param[in] registry A registry; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_registry_count(const gist_registry *registry);

/**
 * @brief The @p index -th agent of @p registry, in registry order.
 * @param[in] registry A registry; NULL gives NULL.
 * @param[in] index 0 to gist_registry_count() - 1.
 * @return The agent, valid while @p registry lives, or NULL if @p index is out of range.
 */
GIST_API const gist_agent *gist_registry_agent(const gist_registry *registry, size_t index);

/**
 * @brief Find an agent of @p registry by any of its names or codes.
 *
 * Matching ignores case and leading or trailing white space. A name that
 * mentions more than one agent (such as `"dabrafenib + trametinib"`) is
 * ambiguous. The error message of an unknown name suggests the closest known
 * name.
 *
 * @param[out] out The agent, valid while @p registry lives; set to NULL on failure.
 * @param[in] registry The registry to search.
 * @param[in] name Canonical name, synonym, brand name or ATC code (current or pre-2022).
 * @return ::GIST_OK; ::GIST_EINVAL if an argument is NULL;
 *         ::GIST_ENOTFOUND for an unknown name; ::GIST_EAMBIGUOUS if the
 *         name mentions several agents; ::GIST_ELIMIT for a name longer than
 *         256 bytes; ::GIST_ENOMEM if the built-in registry could not be
 *         read when the library was loaded (the message says why).
 */
GIST_API gist_status gist_registry_lookup(const gist_agent **out, const gist_registry *registry, const char *name);

/**
 * @brief The statement of an evidence id cited by @p registry's doses and schedules.
 * @param[in] registry A registry; NULL gives NULL.
 * @param[in] id An evidence id, such as `"PDQ-GIST-2024"`; NULL gives NULL.
 * @return The statement with its citation, valid while @p registry lives, or
 *         NULL if the registry does not define @p id.
 */
GIST_API const char *gist_registry_evidence_text(const gist_registry *registry, const char *id);

/**
 * @brief The whole registry as JSON, in the format of `lib/data/agents.json`.
 * @param[out] out NUL-terminated text; caller frees with gist_free(). NULL on failure.
 * @param[in] registry The registry.
 * @param[in] flags 0, or ::GIST_JSON_COMPACT for one line.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_registry_to_json(char **out, const gist_registry *registry, unsigned int flags);

/**
 * @brief Number of agents in the built-in registry: gist_registry_count(gist_registry_builtin()).
 * @return The count.
 */
GIST_API size_t gist_agent_count(void);

/**
 * @brief The @p index -th agent of the built-in registry:
 *        gist_registry_agent(gist_registry_builtin(), index).
 * @param[in] index 0 to gist_agent_count() - 1.
 * @return The agent (valid for the life of the process), or NULL if @p index is out of range.
 */
GIST_API const gist_agent *gist_agent_at(size_t index);

/**
 * @brief Find an agent of the built-in registry by any of its names or codes:
 *        gist_registry_lookup() on gist_registry_builtin().
 *
 * @param[out] out The agent (valid for the life of the process); set to NULL on failure.
 * @param[in] name Canonical name, synonym, brand name or ATC code.
 * @return As gist_registry_lookup().
 */
GIST_API gist_status gist_agent_lookup(const gist_agent **out, const char *name);

/**
 * @brief Canonical (international non-proprietary) name, lower case, such as `"imatinib"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A string valid while the agent's registry lives.
 */
GIST_API const char *gist_agent_name(const gist_agent *agent);

/**
 * @brief Position of @p agent in its registry (its index for gist_registry_agent()).
 * @param[in] agent An agent; NULL gives (size_t)-1.
 * @return The index, or (size_t)-1 if @p agent is NULL.
 */
GIST_API size_t gist_agent_index(const gist_agent *agent);

/**
 * @brief Current (2024 structure) WHO ATC code, such as `"L01EA01"`, or `""`
 *        where the registry records none.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A string valid while the agent's registry lives.
 */
GIST_API const char *gist_agent_atc(const gist_agent *agent);

/**
 * @brief Pre-2022 ATC code (L01XE...), or `""` if the agent had none.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A string valid while the agent's registry lives.
 */
GIST_API const char *gist_agent_atc_legacy(const gist_agent *agent);

/**
 * @brief RxNorm ingredient RxCUI, or `""` where the code is not verified.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A string valid while the agent's registry lives.
 */
GIST_API const char *gist_agent_rxnorm(const gist_agent *agent);

/**
 * @brief Pharmacological class, such as `"tyrosine kinase inhibitor"`.
 * @param[in] agent An agent; NULL gives NULL.
 * @return A string valid while the agent's registry lives.
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
 * @return A string valid while the agent's registry lives, or NULL if out of range.
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
 * @return A string valid while the agent's registry lives, or NULL if out of range.
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
 * @return A string valid while the agent's registry lives, or NULL if out of range.
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
 * @return A string valid while the agent's registry lives, or NULL if out of range.
 */
GIST_API const char *gist_agent_dose_text(const gist_agent *agent, size_t index);

/**
 * @brief Evidence id (see docs/clinical-basis.md) of the @p index -th standard dose.
 * @param[in] agent An agent; NULL gives NULL.
 * @param[in] index 0 to gist_agent_dose_count() - 1.
 * @return A string valid while the agent's registry lives, or NULL if out of range.
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
