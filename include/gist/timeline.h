/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_TIMELINE_H
#define GIST_TIMELINE_H

/**
 * @defgroup timeline Timelines, lines of therapy and audit
 * @brief One patient's dated treatment history: the patient state as of any
 *        date, the lines of therapy, and findings where the history departs
 *        from a pathway.
 *
 * A timeline holds drug exposures (agent, start, end, daily dose, schedule
 * and why it ended) and point events (response assessments, genotype
 * results, referral, setting). Events may be added in any order; every
 * analysis sorts them. The timeline is taken as the patient's complete
 * treatment history.
 *
 * **Lines of therapy** follow the rules in docs/lines-of-therapy.md, with
 * every parameter in ::gist_lines_options and echoed in the output: a dose
 * change of the same agent is a dose step inside a line; a new agent starts a
 * new line unless it starts within the combination window of the line's first
 * agent; planned off-periods of a schedule are not gaps; an unplanned gap
 * longer than the interruption threshold with no progression or intolerance
 * recorded is an interruption finding; a gap longer than the discontinuation
 * threshold ends the line; re-starting an agent used in an earlier line is a
 * new line marked re-challenge; adjuvant therapy is numbered apart from the
 * advanced lines.
 *
 * An **audit** adds findings against a pathway: at each change of therapy the
 * patient state just before it is advised with the pathway and the actual
 * change compared with the options; each finding carries the pathway rule and
 * its evidence ids.
 *
 * Dates are whole days since 1970-01-01 (::gist_date), from 1900-01-01 to
 * 2200-12-31.
 *
 * @par Thread safety
 * A timeline and a lines result belong to one thread at a time. Analyses
 * only read the timeline and the pathway.
 * @{
 */

#include <stddef.h>
#include <stdint.h>
#include "gist/common.h"
#include "gist/agent.h"
#include "gist/patient.h"
#include "gist/pathway.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A calendar date: days since 1970-01-01 (negative before 1970). */
typedef int32_t gist_date;

/** No date: an exposure that is still ongoing, or an option left unset. */
#define GIST_DATE_NONE INT32_MIN
/** The earliest date accepted: 1900-01-01. */
#define GIST_DATE_MIN (-25567)
/** The latest date accepted: 2200-12-31. */
#define GIST_DATE_MAX 84370

/**
 * @brief Make a date from a year, month and day.
 * @param[out] out The date.
 * @param[in] year 1900 to 2200.
 * @param[in] month 1 to 12.
 * @param[in] day 1 to the length of the month.
 * @return ::GIST_OK; ::GIST_EINVAL if @p out is NULL; ::GIST_ERANGE for an
 *         invalid or out-of-range date.
 */
GIST_API gist_status gist_date_from_ymd(gist_date *out, int year, int month, int day);

/**
 * @brief Parse an ISO 8601 calendar date, `YYYY-MM-DD`.
 * @param[out] out The date.
 * @param[in] text The text (exactly ten characters, NUL-terminated).
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_EPARSE if the text is not
 *         `YYYY-MM-DD`; ::GIST_ERANGE for an impossible date or one outside
 *         1900-01-01 to 2200-12-31.
 */
GIST_API gist_status gist_date_parse(gist_date *out, const char *text);

/**
 * @brief Write a date as `YYYY-MM-DD`.
 * @param[in] date A date from ::GIST_DATE_MIN to ::GIST_DATE_MAX.
 * @param[out] buf At least 11 bytes; receives the NUL-terminated text.
 * @return ::GIST_OK; ::GIST_EINVAL if @p buf is NULL; ::GIST_ERANGE if the
 *         date is out of range (@p buf then holds `""`).
 */
GIST_API gist_status gist_date_format(gist_date date, char buf[11]);

/** @brief How a response assessment was made. */
typedef enum gist_method {
    GIST_METHOD_UNKNOWN = 0,  /**< Not recorded. */
    GIST_METHOD_CT = 1,       /**< Computed tomography. */
    GIST_METHOD_MRI = 2,      /**< Magnetic resonance imaging. */
    GIST_METHOD_PET = 3,      /**< Positron emission tomography. */
    GIST_METHOD_CLINICAL = 4  /**< Clinical assessment without imaging. */
} gist_method;
/** Number of ::gist_method values. */
#define GIST_METHOD_COUNT 5

/** @brief Response criteria used by an assessment. */
typedef enum gist_criteria {
    GIST_CRITERIA_UNKNOWN = 0, /**< Not recorded. */
    GIST_CRITERIA_RECIST = 1,  /**< RECIST. */
    GIST_CRITERIA_CHOI = 2     /**< Choi criteria (size and density). */
} gist_criteria;
/** Number of ::gist_criteria values. */
#define GIST_CRITERIA_COUNT 3

/** @brief Kinds of event in a timeline (the `event` column of the CSV format). */
typedef enum gist_event_kind {
    GIST_EVENT_EXPOSURE = 0,   /**< A drug exposure: agent, start, end, dose, schedule, stop reason. */
    GIST_EVENT_ASSESSMENT = 1, /**< A response assessment: response, method, criteria, extent. */
    GIST_EVENT_GENOTYPE = 2,   /**< A genotype result. */
    GIST_EVENT_REFERRAL = 3,   /**< A referral to a high-volume sarcoma centre. */
    GIST_EVENT_SETTING = 4     /**< The treatment setting from this date on. */
} gist_event_kind;
/** Number of ::gist_event_kind values. */
#define GIST_EVENT_KIND_COUNT 5

/** @brief Why a line of therapy ended. */
typedef enum gist_line_end {
    GIST_LINE_END_PROGRESSION = 1,  /**< Disease progression recorded. */
    GIST_LINE_END_INTOLERANCE = 2,  /**< Intolerance recorded. */
    GIST_LINE_END_COMPLETED = 3,    /**< Planned course completed. */
    GIST_LINE_END_OTHER = 4,        /**< Another recorded reason. */
    GIST_LINE_END_SWITCHED = 5,     /**< A new regimen began with no reason recorded for the change. */
    GIST_LINE_END_DISCONTINUED = 6, /**< No drug for longer than the discontinuation threshold. */
    GIST_LINE_END_CENSORED = 7      /**< Still ongoing at the end of the data (censored at the last date). */
} gist_line_end;
/** One more than the largest ::gist_line_end value. */
#define GIST_LINE_END_END 8

/** @brief What a finding is about. The numbers never change. */
typedef enum gist_finding_code {
    GIST_FINDING_INTERRUPTION = 1,            /**< Unplanned gap while benefiting (no progression or intolerance recorded). */
    GIST_FINDING_SWITCH_WITHOUT_REASON = 2,   /**< A new agent without documented progression or intolerance. */
    GIST_FINDING_UNCONFIRMED_PROGRESSION = 3, /**< Therapy changed on progression not confirmed radiologically. */
    GIST_FINDING_ESCALATION_SKIPPED = 4,      /**< The pathway's dose escalation was not tried before switching (informational). */
    GIST_FINDING_OUT_OF_SEQUENCE = 5,         /**< The next agent is not among the pathway's options. */
    GIST_FINDING_NO_REFERRAL = 6,             /**< The pathway advises referral and none is recorded afterwards. */
    GIST_FINDING_NONSTANDARD_DOSE = 7,        /**< A daily dose that is not a standard dose of the agent. */
    GIST_FINDING_OVERLAP = 8,                 /**< Overlapping exposures of the same agent (merged). */
    GIST_FINDING_NOT_ASSESSABLE = 9,          /**< The pathway cannot judge this change (undetermined or not covered). */
    GIST_FINDING_SETTING_ASSUMED = 10,        /**< No setting recorded: the options' default setting was used. */
    GIST_FINDING_INVALID_EVENT = 11           /**< An event that cannot be used (reported, never dropped silently). */
} gist_finding_code;
/** One more than the largest ::gist_finding_code value. */
#define GIST_FINDING_END 12

/**
 * @brief Machine names used in the CSV and JSON formats.
 *
 * Each returns a static string, or NULL for an out-of-range value.
 * @param[in] value Any value.
 * @return A static string or NULL.
 */
GIST_API const char *gist_method_name(gist_method value);
/** @copydoc gist_method_name */
GIST_API const char *gist_event_kind_name(gist_event_kind value);
/** @copydoc gist_method_name */
GIST_API const char *gist_criteria_name(gist_criteria value);
/** @copydoc gist_method_name */
GIST_API const char *gist_line_end_name(gist_line_end value);
/** @copydoc gist_method_name */
GIST_API const char *gist_finding_code_name(gist_finding_code value);

/** Version of ::gist_lines_options understood by this library. */
#define GIST_LINES_OPTIONS_VERSION 1

/**
 * @brief Parameters of the lines-of-therapy rules (docs/lines-of-therapy.md).
 *
 * Initialise with gist_lines_options_init(), then change what you need.
 * Every result echoes the options it was computed with.
 */
typedef struct gist_lines_options {
    unsigned int version;          /**< ::GIST_LINES_OPTIONS_VERSION. */
    int combination_window_days;   /**< A new agent started within this many days of the line's first agent joins the line as a combination (default 28). */
    int interruption_days;         /**< An unplanned gap longer than this is an interruption finding (default 28). */
    int discontinuation_days;      /**< A gap longer than this ends the line (default 180). */
    int honor_schedules;           /**< Non-zero: planned off-periods (4on2off, 3on1off) are not gaps (default 1). */
    gist_setting unknown_setting;  /**< Setting of exposures with no setting event before them (default ::GIST_SETTING_ADVANCED, reported as a finding). */
    gist_date censor_date;         /**< Lines still open are censored at this date; ::GIST_DATE_NONE: each patient's last event date (default). */
} gist_lines_options;

/**
 * @brief Set @p options to the defaults of @p version.
 * @param[out] options The struct to fill.
 * @param[in] version ::GIST_LINES_OPTIONS_VERSION.
 * @return ::GIST_OK; ::GIST_EINVAL if @p options is NULL; ::GIST_EVERSION for
 *         an unknown version.
 */
GIST_API gist_status gist_lines_options_init(gist_lines_options *options, unsigned int version);

/** @brief One patient's dated treatment history (opaque). */
typedef struct gist_timeline gist_timeline;

/**
 * @brief Create an empty timeline.
 * @param[out] out The timeline; caller frees with gist_timeline_free().
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_new(gist_timeline **out);

/**
 * @brief Free a timeline.
 * @param[in] timeline The timeline; NULL is accepted.
 */
GIST_API void gist_timeline_free(gist_timeline *timeline);

/**
 * @brief Set the patient identifier used in output.
 * @param[in,out] timeline The timeline.
 * @param[in] id Up to 256 bytes, copied; NULL or `""` clears it.
 * @return ::GIST_OK; ::GIST_EINVAL for a NULL timeline or an id that is not
 *         valid UTF-8; ::GIST_ELIMIT; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_set_id(gist_timeline *timeline, const char *id);

/**
 * @brief The patient identifier.
 * @param[in] timeline The timeline; NULL gives NULL.
 * @return Borrowed string, `""` if none.
 */
GIST_API const char *gist_timeline_id(const gist_timeline *timeline);

/**
 * @brief Number of events (exposures and point events).
 * @param[in] timeline The timeline; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_timeline_event_count(const gist_timeline *timeline);

/**
 * @brief Add a drug exposure: continuous use of one agent at one daily dose.
 *
 * A change of dose is a new exposure starting after the previous one ends;
 * the previous one's @p reason says why it changed.
 * @param[in,out] timeline The timeline.
 * @param[in] agent Any name gist_agent_lookup() accepts.
 * @param[in] start First day on the drug.
 * @param[in] end Last day on the drug (inclusive), or ::GIST_DATE_NONE if ongoing.
 * @param[in] dose_mg Total daily dose in mg, or 0 if not recorded.
 * @param[in] schedule The schedule; planned off-periods are not gaps.
 * @param[in] reason Why the exposure ended (::GIST_STOP_UNKNOWN if not recorded or ongoing).
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or out-of-range enums;
 *         ::GIST_ENOTFOUND / ::GIST_EAMBIGUOUS for the agent; ::GIST_ERANGE
 *         for a date outside 1900-2200, an end before the start, or an
 *         implausible dose; ::GIST_ELIMIT beyond 16 777 216 events; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_add_exposure(gist_timeline *timeline, const char *agent, gist_date start,
                                                gist_date end, double dose_mg, gist_schedule schedule,
                                                gist_stop_reason reason);

/**
 * @brief Add a response assessment.
 * @param[in,out] timeline The timeline.
 * @param[in] date Date of the assessment.
 * @param[in] response The response category (not ::GIST_RESPONSE_UNKNOWN).
 * @param[in] method How it was made; CT, MRI and PET are radiologic.
 * @param[in] criteria Response criteria used.
 * @param[in] extent Extent of progression, when progression.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ERANGE for the date; ::GIST_ELIMIT; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_add_assessment(gist_timeline *timeline, gist_date date, gist_response response,
                                                  gist_method method, gist_criteria criteria, gist_extent extent);

/**
 * @brief Add a genotype result.
 * @param[in,out] timeline The timeline.
 * @param[in] date Date of the result.
 * @param[in] genotype The genotype (not ::GIST_GENOTYPE_UNKNOWN).
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ERANGE; ::GIST_ELIMIT; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_add_genotype(gist_timeline *timeline, gist_date date, gist_genotype genotype);

/**
 * @brief Add a referral to a high-volume sarcoma centre.
 * @param[in,out] timeline The timeline.
 * @param[in] date Date of the referral.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ERANGE; ::GIST_ELIMIT; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_add_referral(gist_timeline *timeline, gist_date date);

/**
 * @brief Record the treatment setting from a date on (for example advanced at
 *        recurrence after adjuvant therapy).
 * @param[in,out] timeline The timeline.
 * @param[in] date Date from which the setting holds.
 * @param[in] setting ::GIST_SETTING_ADVANCED or ::GIST_SETTING_ADJUVANT.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ERANGE; ::GIST_ELIMIT; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_add_setting(gist_timeline *timeline, gist_date date, gist_setting setting);

/**
 * @brief Read one timeline from JSON (format: docs/event-formats.md).
 * @param[out] out The timeline; caller frees with gist_timeline_free().
 * @param[in] json The text; need not be NUL-terminated.
 * @param[in] length Its length in bytes.
 * @param[in] source Name used in error messages, or NULL for `<string>`.
 * @return ::GIST_OK or the errors of gist_patient_parse(), located by file,
 *         line, column and field.
 */
GIST_API gist_status gist_timeline_parse(gist_timeline **out, const char *json, size_t length, const char *source);

/**
 * @brief Read one timeline from a JSON file.
 * @param[out] out The timeline; caller frees with gist_timeline_free().
 * @param[in] path File name.
 * @return As gist_timeline_parse(), plus ::GIST_EIO.
 */
GIST_API gist_status gist_timeline_load(gist_timeline **out, const char *path);

/**
 * @brief The patient state as of the end of @p date, for gist_advise().
 *
 * Uses every event dated on or before @p date: the exposure covering the
 * date (or the last one, if it ended in progression or intolerance, or if the
 * patient is in a gap shorter than the discontinuation threshold, then marked
 * interrupted when the gap exceeds the planned off-period), the latest
 * assessment since that regimen began, genotype, setting, referral, and the
 * previous lines. Unknown stays unknown.
 * @param[out] out A new patient; caller frees with gist_patient_free().
 * @param[in] timeline The timeline.
 * @param[in] date The date.
 * @param[in] options Lines options, or NULL for the defaults.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ERANGE for the date;
 *         ::GIST_EVERSION for the options; ::GIST_ESTATE when several agents
 *         are taken together on that date (a combination is not one regimen);
 *         ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_patient_at(gist_patient **out, const gist_timeline *timeline, gist_date date,
                                              const gist_lines_options *options);

/** @brief Lines of therapy and findings of one patient (opaque). */
typedef struct gist_lines gist_lines;

/**
 * @brief Derive the lines of therapy and the data findings.
 * @param[out] out The result; caller frees with gist_lines_free().
 * @param[in] timeline The timeline.
 * @param[in] options Lines options, or NULL for the defaults.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION; ::GIST_ERANGE for
 *         options out of range (negative days); ::GIST_ENOMEM.
 */
GIST_API gist_status gist_timeline_lines(gist_lines **out, const gist_timeline *timeline,
                                         const gist_lines_options *options);

/**
 * @brief Derive the lines of therapy and audit the history against @p pathway.
 * @param[out] out The result; caller frees with gist_lines_free().
 * @param[in] timeline The timeline.
 * @param[in] pathway The pathway to audit against.
 * @param[in] options Lines options, or NULL for the defaults.
 * @return As gist_timeline_lines().
 */
GIST_API gist_status gist_timeline_audit(gist_lines **out, const gist_timeline *timeline, const gist_pathway *pathway,
                                         const gist_lines_options *options);

/**
 * @brief Free a lines result.
 * @param[in] lines The result; NULL is accepted.
 */
GIST_API void gist_lines_free(gist_lines *lines);

/**
 * @brief The options the result was computed with.
 * @param[in] lines The result; NULL gives NULL.
 * @return Borrowed, valid while the result lives.
 */
GIST_API const gist_lines_options *gist_lines_options_used(const gist_lines *lines);
/**
 * @brief The patient identifier.
 * @param[in] lines The result; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_lines_patient_id(const gist_lines *lines);
/**
 * @brief Number of lines (adjuvant and advanced, in start order).
 * @param[in] lines The result; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_lines_count(const gist_lines *lines);
/**
 * @brief Line number, counted separately in each setting from 1.
 * @param[in] lines The result.
 * @param[in] i 0 to gist_lines_count() - 1.
 * @return The number, or 0 if out of range.
 */
GIST_API int gist_line_number(const gist_lines *lines, size_t i);
/**
 * @brief Setting of line @p i (::GIST_SETTING_ADJUVANT lines are curative, the others palliative).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The setting, or ::GIST_SETTING_UNKNOWN if out of range.
 */
GIST_API gist_setting gist_line_setting(const gist_lines *lines, size_t i);
/**
 * @brief First day of line @p i.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The date, or ::GIST_DATE_NONE if out of range.
 */
GIST_API gist_date gist_line_start_date(const gist_lines *lines, size_t i);
/**
 * @brief Last day on drug of line @p i (for a censored line, the censoring date).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The date, or ::GIST_DATE_NONE if out of range.
 */
GIST_API gist_date gist_line_end_date(const gist_lines *lines, size_t i);
/**
 * @brief Why line @p i ended.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The reason, or 0 if out of range.
 */
GIST_API gist_line_end gist_line_end_reason(const gist_lines *lines, size_t i);
/**
 * @brief Whether line @p i re-starts an agent used in an earlier line of the same setting.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return 1 for a re-challenge, 0 otherwise.
 */
GIST_API int gist_line_rechallenge(const gist_lines *lines, size_t i);
/**
 * @brief Number of agents in line @p i (more than one: a combination).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The count.
 */
GIST_API size_t gist_line_agent_count(const gist_lines *lines, size_t i);
/**
 * @brief The @p k -th agent of line @p i, in the order started.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @param[in] k Agent index.
 * @return Borrowed, immortal agent, or NULL if out of range.
 */
GIST_API const gist_agent *gist_line_agent(const gist_lines *lines, size_t i, size_t k);
/**
 * @brief Number of dose steps in line @p i (the first dose of each agent is step 0).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @return The count (at least the number of agents).
 */
GIST_API size_t gist_line_step_count(const gist_lines *lines, size_t i);
/**
 * @brief Date of dose step @p k of line @p i.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @param[in] k Step index.
 * @return The date, or ::GIST_DATE_NONE if out of range.
 */
GIST_API gist_date gist_line_step_date(const gist_lines *lines, size_t i, size_t k);
/**
 * @brief Agent of dose step @p k of line @p i.
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @param[in] k Step index.
 * @return Borrowed, immortal agent, or NULL if out of range.
 */
GIST_API const gist_agent *gist_line_step_agent(const gist_lines *lines, size_t i, size_t k);
/**
 * @brief Daily dose from dose step @p k on (0 if not recorded).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @param[in] k Step index.
 * @return The dose in mg.
 */
GIST_API double gist_line_step_dose_mg(const gist_lines *lines, size_t i, size_t k);
/**
 * @brief Why the dose changed at step @p k (the reason recorded on the
 *        exposure before it; ::GIST_STOP_UNKNOWN for a first dose).
 * @param[in] lines The result.
 * @param[in] i Line index.
 * @param[in] k Step index.
 * @return The reason.
 */
GIST_API gist_stop_reason gist_line_step_reason(const gist_lines *lines, size_t i, size_t k);

/**
 * @brief Number of findings, in date order.
 * @param[in] lines The result; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_lines_finding_count(const gist_lines *lines);
/**
 * @brief Code of finding @p i.
 * @param[in] lines The result.
 * @param[in] i 0 to gist_lines_finding_count() - 1.
 * @return The code, or 0 if out of range.
 */
GIST_API gist_finding_code gist_finding_code_of(const gist_lines *lines, size_t i);
/**
 * @brief Severity of finding @p i.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return The severity, or 0 if out of range.
 */
GIST_API gist_severity gist_finding_severity_of(const gist_lines *lines, size_t i);
/**
 * @brief Date of finding @p i.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return The date, or ::GIST_DATE_NONE if out of range.
 */
GIST_API gist_date gist_finding_date(const gist_lines *lines, size_t i);
/**
 * @brief Index of the line finding @p i belongs to.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return The line index, or (size_t)-1 if it belongs to none or is out of range.
 */
GIST_API size_t gist_finding_line(const gist_lines *lines, size_t i);
/**
 * @brief Input row (1-based; for CSV the data row after the header) the finding is about.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return The row, or 0 when not about one row.
 */
GIST_API unsigned long gist_finding_row(const gist_lines *lines, size_t i);
/**
 * @brief The pathway rule behind finding @p i (audit findings).
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return Borrowed rule (valid while the result lives), or NULL.
 */
GIST_API const gist_rule *gist_finding_rule(const gist_lines *lines, size_t i);
/**
 * @brief Number of evidence ids behind finding @p i.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return The count.
 */
GIST_API size_t gist_finding_evidence_count(const gist_lines *lines, size_t i);
/**
 * @brief The @p k -th evidence id of finding @p i.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @param[in] k Evidence index.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_finding_evidence(const gist_lines *lines, size_t i, size_t k);
/**
 * @brief Readable explanation of finding @p i.
 * @param[in] lines The result.
 * @param[in] i Finding index.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_finding_message(const gist_lines *lines, size_t i);

/**
 * @brief Write the lines (and findings) as JSON (format: docs/event-formats.md).
 * @param[in] lines The result.
 * @param[in] flags 0 or ::GIST_JSON_COMPACT.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_lines_to_json(const gist_lines *lines, unsigned int flags, char **out);

/** Flag for gist_lines_to_csv() and gist_lines_findings_to_csv(): start with the header row. */
#define GIST_CSV_HEADER 1u

/**
 * @brief Write the lines as CSV rows: `patient,setting,line,start,end,end_reason,agents,rechallenge,dose_steps,findings`.
 *
 * `agents` joins the agents with `+`; `dose_steps` lists `date:agent:dose_mg:reason` steps joined
 * with `;`. Fields are quoted when needed (RFC 4180).
 * @param[in] lines The result.
 * @param[in] flags 0 or ::GIST_CSV_HEADER.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_lines_to_csv(const gist_lines *lines, unsigned int flags, char **out);

/**
 * @brief Write the findings as CSV rows: `patient,date,setting,line,code,severity,rule,evidence,row,message`.
 * @param[in] lines The result.
 * @param[in] flags 0 or ::GIST_CSV_HEADER.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_lines_findings_to_csv(const gist_lines *lines, unsigned int flags, char **out);

/**
 * @brief Describe lines options in one line (`combination_window_days=28 ...`), as echoed in outputs.
 * @param[in] options The options.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EVERSION; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_lines_options_describe(const gist_lines_options *options, char **out);

/**
 * @brief Streaming reader of the event CSV format (docs/event-formats.md),
 *        one patient at a time (opaque).
 *
 * Input must be grouped by patient (all rows of one patient together); with
 * several files each must be sorted by patient id, and a patient's rows are
 * merged across files (drug exposures in one file, assessments in another).
 * Memory stays proportional to the largest patient, not to the input.
 */
typedef struct gist_event_reader gist_event_reader;

/**
 * @brief Open a reader over one file.
 * @param[out] out The reader; caller frees with gist_event_reader_free().
 * @param[in] path File name, or `"-"` for standard input.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EIO; ::GIST_ENOMEM. Header errors
 *         are reported by the first gist_event_reader_next().
 */
GIST_API gist_status gist_event_reader_open(gist_event_reader **out, const char *path);

/**
 * @brief Open a reader over text in memory (copied).
 * @param[out] out The reader; caller frees with gist_event_reader_free().
 * @param[in] text The CSV text.
 * @param[in] length Its length in bytes.
 * @param[in] source Name used in error messages, or NULL for `<string>`.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_event_reader_open_string(gist_event_reader **out, const char *text, size_t length,
                                                   const char *source);

/**
 * @brief Add another file whose rows are merged patient by patient (before the first read).
 * @param[in,out] reader The reader.
 * @param[in] path File name.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EIO; ::GIST_ESTATE after reading began; ::GIST_ELIMIT beyond 16 files; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_event_reader_add_file(gist_event_reader *reader, const char *path);

/**
 * @brief Read the next patient's events into @p timeline (its previous events are discarded).
 * @param[in,out] reader The reader.
 * @param[in,out] timeline Receives the patient's id and events.
 * @param[out] done Set to 1 when there are no more patients (the timeline is then empty), else 0.
 * @return ::GIST_OK; ::GIST_EINVAL; ::GIST_EPARSE (quoting, encoding);
 *         ::GIST_ESCHEMA (header, missing or extra columns, unknown values);
 *         ::GIST_ENOTFOUND / ::GIST_EAMBIGUOUS (agents); ::GIST_ERANGE
 *         (dates, doses); ::GIST_EORDER (patients not grouped or not sorted);
 *         ::GIST_ELIMIT; ::GIST_EIO; ::GIST_ENOMEM. Errors name the file,
 *         the line and the column.
 */
GIST_API gist_status gist_event_reader_next(gist_event_reader *reader, gist_timeline *timeline, int *done);

/**
 * @brief Bytes consumed so far and in total (0 when unknown, as for standard input), for progress reports.
 * @param[in] reader The reader.
 * @param[out] consumed Bytes read so far (may be NULL).
 * @param[out] total Total bytes of all files (may be NULL).
 */
GIST_API void gist_event_reader_progress(const gist_event_reader *reader, unsigned long long *consumed,
                                         unsigned long long *total);

/**
 * @brief Close a reader.
 * @param[in] reader The reader; NULL is accepted.
 */
GIST_API void gist_event_reader_free(gist_event_reader *reader);

/**
 * @brief Remove every event and the id: the timeline is as new (its memory is kept for reuse).
 * @param[in,out] timeline The timeline.
 * @return ::GIST_OK; ::GIST_EINVAL.
 */
GIST_API gist_status gist_timeline_clear(gist_timeline *timeline);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_TIMELINE_H */
