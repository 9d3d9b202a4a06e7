/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_COHORT_H
#define GIST_COHORT_H

/**
 * @defgroup cohort Cohorts
 * @brief Lines of therapy and audit findings for many patients at once, over
 *        columns of events, on several threads.
 *
 * The caller describes its events as parallel arrays (a ::gist_events
 * struct: one entry per event, as in a data frame) that the library reads
 * without copying. Patients are processed in parallel; the results are
 * columns too, in the order of the input patients, the same as
 * gist_timeline_lines() / gist_timeline_audit() would give patient by
 * patient. Nothing is allocated per event.
 *
 * @par Thread safety
 * gist_cohort_run() uses its own worker threads and only reads the events
 * and the pathway. A result belongs to one thread at a time.
 * @{
 */

#include <stddef.h>
#include <stdint.h>
#include "gist/common.h"
#include "gist/pathway.h"
#include "gist/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of ::gist_events understood by this library. */
#define GIST_EVENTS_VERSION 1

/**
 * @brief Events of many patients as columns (caller-owned, read in place).
 *
 * Initialise with gist_events_init(), then point the columns at your arrays.
 * Every column has @c count entries. Optional columns may stay NULL: their
 * values are then 0 (or "ongoing" for @c end, "exposure" for @c kind).
 * Values outside their range are not fatal: each such event is reported as
 * a ::GIST_FINDING_INVALID_EVENT finding with its row, never dropped
 * silently.
 */
typedef struct gist_events {
    unsigned int version;     /**< ::GIST_EVENTS_VERSION. */
    size_t count;             /**< Number of events. */
    const int64_t *patient;   /**< Required: patient key of each event. */
    const gist_date *date;    /**< Required: date of the event; first day of an exposure. */
    const uint8_t *kind;      /**< ::gist_event_kind; NULL: every event is an exposure. */
    const gist_date *end;     /**< Last day of an exposure, ::GIST_DATE_NONE if ongoing; NULL: all ongoing. */
    const int16_t *agent;     /**< Agent of an exposure: its registry index (gist_agent_index()); -1 unknown. */
    const double *dose_mg;    /**< Total daily dose, 0 if not recorded. */
    const uint8_t *schedule;  /**< ::gist_schedule. */
    const uint8_t *reason;    /**< ::gist_stop_reason of an exposure. */
    const uint8_t *value;     /**< Assessment: ::gist_response; genotype: ::gist_genotype; setting: ::gist_setting. */
    const uint8_t *method;    /**< Assessment: ::gist_method. */
    const uint8_t *criteria;  /**< Assessment: ::gist_criteria. */
    const uint8_t *extent;    /**< Assessment: ::gist_extent. */
    const uint32_t *row;      /**< Row number reported in findings; NULL: index + 1. */
    int sorted;               /**< Non-zero: events are sorted by patient (ascending), then date, then kind
                                   (setting, genotype, assessment, referral, exposure) — checked; zero: the
                                   library sorts a copy of the order (slower). */
} gist_events;

/**
 * @brief Set @p events to empty columns of @p version.
 * @param[out] events The struct.
 * @param[in] version ::GIST_EVENTS_VERSION.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION.
 */
GIST_API gist_status gist_events_init(gist_events *events, unsigned int version);

/** @brief Lines and findings of a cohort (opaque). */
typedef struct gist_cohort gist_cohort;

/**
 * @brief Derive the lines of therapy of every patient, and audit them when a
 *        pathway is given.
 * @param[out] out The result; caller frees with gist_cohort_free().
 * @param[in] events The events.
 * @param[in] pathway Pathway to audit against, or NULL for lines and data findings only.
 * @param[in] options Lines options, or NULL for the defaults.
 * @param[in] threads Worker threads; 0 for one per available core.
 * @return ::GIST_OK; ::GIST_EINVAL (NULL, a required column missing);
 *         ::GIST_EVERSION; ::GIST_ERANGE (options); ::GIST_EORDER when
 *         @c sorted is set and an event is out of order (the message names its
 *         index); ::GIST_ELIMIT beyond 4 294 967 295 events; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_cohort_run(gist_cohort **out, const gist_events *events, const gist_pathway *pathway,
                                     const gist_lines_options *options, unsigned int threads);

/**
 * @brief Free a cohort result.
 * @param[in] cohort The result; NULL is accepted.
 */
GIST_API void gist_cohort_free(gist_cohort *cohort);

/**
 * @brief The options the result was computed with.
 * @param[in] cohort The result; NULL gives NULL.
 * @return Borrowed, valid while the result lives.
 */
GIST_API const gist_lines_options *gist_cohort_options(const gist_cohort *cohort);

/** Version of the table structs below. */
#define GIST_COHORT_TABLE_VERSION 1

/**
 * @brief The lines of every patient as columns (borrowed from the result).
 *
 * Lines of one patient are contiguous and in start order; patients keep the
 * order of the input.
 */
typedef struct gist_lines_table {
    unsigned int version;        /**< Set by the caller: ::GIST_COHORT_TABLE_VERSION. */
    size_t count;                /**< Number of lines. */
    const int64_t *patient;      /**< Patient key. */
    const uint8_t *setting;      /**< ::gist_setting. */
    const int32_t *number;       /**< Line number within its setting. */
    const gist_date *start;      /**< First day. */
    const gist_date *end;        /**< Last day on drug, or the censoring date. */
    const uint8_t *end_reason;   /**< ::gist_line_end. */
    const uint8_t *rechallenge;  /**< 1 for a re-challenge. */
    const uint32_t *regimen;     /**< The line's agents: index for gist_cohort_regimen(). */
    const uint32_t *dose_steps;  /**< Number of dose steps (rows of the steps table). */
    const int64_t *first_step;   /**< Index of the line's first row in the steps table. */
    const uint32_t *findings;    /**< Number of findings about the line. */
} gist_lines_table;

/**
 * @brief The dose steps of every line as columns (borrowed from the result):
 *        the first dose of each agent, then each change of dose.
 */
typedef struct gist_steps_table {
    unsigned int version;        /**< Set by the caller: ::GIST_COHORT_TABLE_VERSION. */
    size_t count;                /**< Number of steps. */
    const int64_t *line;         /**< Index in the lines table. */
    const gist_date *date;       /**< Date of the step. */
    const int16_t *agent;        /**< Registry index of the agent. */
    const double *dose_mg;       /**< Daily dose from this step on, 0 if not recorded. */
    const uint8_t *reason;       /**< ::gist_stop_reason recorded for the change. */
} gist_steps_table;

/**
 * @brief The findings as columns (borrowed from the result), by patient then date.
 */
typedef struct gist_findings_table {
    unsigned int version;        /**< Set by the caller: ::GIST_COHORT_TABLE_VERSION. */
    size_t count;                /**< Number of findings. */
    const int64_t *patient;      /**< Patient key. */
    const gist_date *date;       /**< Date. */
    const int64_t *line;         /**< Index in the lines table, or -1. */
    const uint8_t *code;         /**< ::gist_finding_code. */
    const uint8_t *severity;     /**< ::gist_severity. */
    const uint32_t *row;         /**< Input row, or 0. */
    const int32_t *rule;         /**< Index of the pathway rule behind it (gist_pathway_rule()), or -1. */
} gist_findings_table;

/**
 * @brief Fill @p table with the lines columns.
 * @param[in] cohort The result.
 * @param[in,out] table Its @c version set by the caller; the rest is filled.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION.
 */
GIST_API gist_status gist_cohort_lines(const gist_cohort *cohort, gist_lines_table *table);

/**
 * @brief Fill @p table with the dose-step columns.
 * @param[in] cohort The result.
 * @param[in,out] table Its @c version set by the caller; the rest is filled.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION.
 */
GIST_API gist_status gist_cohort_steps(const gist_cohort *cohort, gist_steps_table *table);

/**
 * @brief Fill @p table with the findings columns.
 * @param[in] cohort The result.
 * @param[in,out] table Its @c version set by the caller; the rest is filled.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION.
 */
GIST_API gist_status gist_cohort_findings(const gist_cohort *cohort, gist_findings_table *table);

/**
 * @brief Number of distinct regimens (agent combinations in start order) among the lines.
 * @param[in] cohort The result; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_cohort_regimen_count(const gist_cohort *cohort);

/**
 * @brief Regimen @p k as in `gist lines`: its agents joined with `+` in the order started.
 * @param[in] cohort The result.
 * @param[in] k 0 to gist_cohort_regimen_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_cohort_regimen(const gist_cohort *cohort, size_t k);

/*
 * The text columns of the CSV output are rendered on first use: the first
 * call of any of the functions below renders the text of every line or finding
 * of the result at once; later calls only look it up. Like every use of a
 * result, they must not run on several threads at once.
 */

/**
 * @brief Agents of line @p i joined with `+` in the order started (its regimen).
 * @param[in] cohort The result.
 * @param[in] i Line index.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_cohort_line_agents(const gist_cohort *cohort, size_t i);

/**
 * @brief Dose steps of line @p i as `date:agent:dose_mg:reason` joined with `;`, as in `gist lines`.
 * @param[in] cohort The result.
 * @param[in] i Line index.
 * @return Borrowed string, or NULL if out of range or out of memory.
 */
GIST_API const char *gist_cohort_line_steps(const gist_cohort *cohort, size_t i);

/**
 * @brief Pathway rule id behind finding @p i, or `""`.
 * @param[in] cohort The result.
 * @param[in] i Finding index.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_cohort_finding_rule(const gist_cohort *cohort, size_t i);

/**
 * @brief Evidence ids behind finding @p i joined with `;`, or `""`.
 * @param[in] cohort The result.
 * @param[in] i Finding index.
 * @return Borrowed string, or NULL if out of range or out of memory.
 */
GIST_API const char *gist_cohort_finding_evidence(const gist_cohort *cohort, size_t i);

/**
 * @brief Readable explanation of finding @p i.
 * @param[in] cohort The result.
 * @param[in] i Finding index.
 * @return Borrowed string, or NULL if out of range or out of memory.
 */
GIST_API const char *gist_cohort_finding_message(const gist_cohort *cohort, size_t i);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_COHORT_H */
