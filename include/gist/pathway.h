/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_PATHWAY_H
#define GIST_PATHWAY_H

/**
 * @defgroup pathway Pathways
 * @brief Versioned sets of clinical rules, held as data.
 *
 * A pathway is a list of rules. Each rule has an id, a condition (a
 * conjunction of predicates over the patient's facts), and either options
 * (a *recommend* rule), an explanation that the situation is not addressed
 * (a *not_covered* rule), or alerts only (an *alert* rule). Every rule
 * carries a rationale and evidence ids that resolve in the pathway's
 * evidence table. The JSON format is described in docs/pathway-format.md.
 *
 * Built-in pathways are compiled into the library; others are loaded from
 * files or strings and validated completely: unknown fields, agents, facts,
 * values or evidence ids, contradictory conditions and rules that can never
 * fire are errors reported with their line and column.
 *
 * @par Ownership and thread safety
 * A pathway is immutable once loaded and may be shared by any number of
 * threads. It is reference counted: advice made from it keeps it alive, so
 * gist_pathway_free() may be called before the advice is freed. Rules,
 * options and alerts are borrowed from the pathway and valid while the
 * pathway (or any advice made from it) is alive.
 * @{
 */

#include <stddef.h>
#include "gist/common.h"
#include "gist/agent.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief A loaded pathway (opaque, immutable, reference counted).
 *
 * Shared freely between threads: any number may advise with it at once, and
 * gist_pathway_free() and the advice holding references may run on any thread.
 */
typedef struct gist_pathway gist_pathway;
/** @brief One rule of a pathway (opaque, borrowed from its pathway; readable from any thread). */
typedef struct gist_rule gist_rule;
/** @brief One option of a rule (opaque, borrowed from its pathway; readable from any thread). */
typedef struct gist_option gist_option;
/** @brief One alert of a rule (opaque, borrowed from its pathway; readable from any thread). */
typedef struct gist_alert gist_alert;

/** @brief What a rule does when its condition holds. */
typedef enum gist_rule_kind {
    GIST_RULE_RECOMMEND = 1,   /**< Decides: gives ranked options. */
    GIST_RULE_NOT_COVERED = 2, /**< Decides: the pathway does not address this situation. */
    GIST_RULE_ALERT = 3        /**< Adds alerts only; every alert rule that holds fires. */
} gist_rule_kind;

/** @brief What an option proposes. */
typedef enum gist_action {
    GIST_ACTION_CONTINUE = 1,          /**< Continue the current regimen at the stated dose. */
    GIST_ACTION_ESCALATE = 2,          /**< Increase the dose of the current agent. */
    GIST_ACTION_SWITCH = 3,            /**< Change to another agent (a new line). */
    GIST_ACTION_ASSESS = 4,            /**< Establish a fact first (for example confirm progression radiologically). */
    GIST_ACTION_REFER = 5,             /**< Refer to a specialist centre. */
    GIST_ACTION_CONSIDER_TRIAL = 6,    /**< Consider enrolment in a clinical trial. */
    GIST_ACTION_CONSIDER_OFF_LABEL = 7,/**< Consider an agent approved for other indications (off-label use). */
    GIST_ACTION_START = 8,             /**< Start a first regimen. */
    GIST_ACTION_RESUME = 9,            /**< Resume an interrupted regimen. */
    GIST_ACTION_LOCAL_THERAPY = 10     /**< Add local therapy (resection, ablation, radiotherapy) to systemic therapy. */
} gist_action;
/** One more than the largest ::gist_action value. */
#define GIST_ACTION_END 11

/** @brief How urgent an alert is (the CDS Hooks card indicator). */
typedef enum gist_severity {
    GIST_SEVERITY_INFO = 1,     /**< For information. */
    GIST_SEVERITY_WARNING = 2,  /**< Needs attention. */
    GIST_SEVERITY_CRITICAL = 3  /**< Must be acted on. */
} gist_severity;
/** One more than the largest ::gist_severity value. */
#define GIST_SEVERITY_END 4

/**
 * @brief Machine name of a rule kind: `"recommend"`, `"not_covered"`, `"alert"`.
 * @param[in] kind Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_rule_kind_name(gist_rule_kind kind);
/**
 * @brief Machine name of an action, such as `"escalate"` or `"consider_off_label"`.
 * @param[in] action Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_action_name(gist_action action);
/**
 * @brief Machine name of a severity: `"info"`, `"warning"`, `"critical"`.
 * @param[in] severity Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_severity_name(gist_severity severity);

/**
 * @brief Number of pathways built into the library.
 * @return The count.
 */
GIST_API size_t gist_pathway_builtin_count(void);

/**
 * @brief Id of the @p index -th built-in pathway, such as `"gist-2016"`.
 * @param[in] index 0 to gist_pathway_builtin_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_pathway_builtin_id(size_t index);

/**
 * @brief Load a built-in pathway by id.
 * @param[out] out The pathway; caller frees with gist_pathway_free(). NULL on failure.
 * @param[in] id A built-in id (see gist_pathway_builtin_id()).
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOTFOUND for an unknown
 *         id; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_pathway_builtin(gist_pathway **out, const char *id);

/**
 * @brief Load and validate a pathway from JSON text.
 * @param[out] out The pathway; caller frees with gist_pathway_free(). NULL on failure.
 * @param[in] json The text; need not be NUL-terminated.
 * @param[in] length Its length in bytes (at most 16 MiB).
 * @param[in] source Name used in error messages, or NULL for `<string>`.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_EPARSE; ::GIST_ESCHEMA;
 *         ::GIST_ENOTFOUND (unknown agent or evidence id); ::GIST_EAMBIGUOUS;
 *         ::GIST_ERANGE; ::GIST_EPATHWAY (contradictory or unreachable rule,
 *         duplicate rule id); ::GIST_ELIMIT; ::GIST_EVERSION; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_pathway_parse(gist_pathway **out, const char *json, size_t length, const char *source);

/**
 * @brief Load and validate a pathway from a JSON file.
 * @param[out] out The pathway; caller frees with gist_pathway_free(). NULL on failure.
 * @param[in] path File name.
 * @return As gist_pathway_parse(), plus ::GIST_EIO.
 */
GIST_API gist_status gist_pathway_load(gist_pathway **out, const char *path);

/**
 * @brief Release the caller's reference to a pathway.
 *
 * The pathway is destroyed when the last advice made from it is freed too.
 * @param[in] pathway The pathway; NULL is accepted.
 */
GIST_API void gist_pathway_free(gist_pathway *pathway);

/**
 * @brief Pathway id, such as `"gist-2016"`.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @return Borrowed string, valid while the pathway lives.
 */
GIST_API const char *gist_pathway_id(const gist_pathway *pathway);
/**
 * @brief Pathway version, such as `"2016.1"`.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @return Borrowed string, valid while the pathway lives.
 */
GIST_API const char *gist_pathway_version(const gist_pathway *pathway);
/**
 * @brief One-line title.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @return Borrowed string, valid while the pathway lives.
 */
GIST_API const char *gist_pathway_title(const gist_pathway *pathway);
/**
 * @brief Description: scope, population and what the pathway does not cover.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @return Borrowed string, valid while the pathway lives.
 */
GIST_API const char *gist_pathway_description(const gist_pathway *pathway);
/**
 * @brief Citation of the source the rules encode.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @return Borrowed string, valid while the pathway lives.
 */
GIST_API const char *gist_pathway_source(const gist_pathway *pathway);

/**
 * @brief Number of entries in the evidence table.
 * @param[in] pathway The pathway; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_pathway_evidence_count(const gist_pathway *pathway);
/**
 * @brief Id of the @p index -th evidence entry, such as `"P16-4"`.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @param[in] index 0 to gist_pathway_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_pathway_evidence_id(const gist_pathway *pathway, size_t index);
/**
 * @brief Statement and citation of the @p index -th evidence entry.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @param[in] index 0 to gist_pathway_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_pathway_evidence_text(const gist_pathway *pathway, size_t index);
/**
 * @brief Statement and citation of the evidence entry with id @p id.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @param[in] id An evidence id.
 * @return Borrowed string, or NULL if there is no such entry or an argument is NULL.
 */
GIST_API const char *gist_pathway_evidence_lookup(const gist_pathway *pathway, const char *id);

/**
 * @brief Number of rules.
 * @param[in] pathway The pathway; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_pathway_rule_count(const gist_pathway *pathway);
/**
 * @brief The @p index -th rule, in evaluation order.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @param[in] index 0 to gist_pathway_rule_count() - 1.
 * @return Borrowed rule, or NULL if out of range.
 */
GIST_API const gist_rule *gist_pathway_rule(const gist_pathway *pathway, size_t index);
/**
 * @brief The rule with id @p id.
 * @param[in] pathway The pathway; NULL gives NULL.
 * @param[in] id A rule id.
 * @return Borrowed rule, or NULL if there is none or an argument is NULL.
 */
GIST_API const gist_rule *gist_pathway_rule_lookup(const gist_pathway *pathway, const char *id);

/**
 * @brief Write the pathway as JSON in its file format (normalised: agents by
 *        canonical name, every field explicit).
 * @param[in] pathway The pathway; NULL gives ::GIST_EINVAL.
 * @param[in] flags 0 for indented output, or ::GIST_JSON_COMPACT.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or unknown flags; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_pathway_to_json(const gist_pathway *pathway, unsigned int flags, char **out);

/**
 * @brief Write the rules in readable form: one block per rule with its
 *        condition, options, alerts, rationale and evidence.
 * @param[in] pathway The pathway; NULL gives ::GIST_EINVAL.
 * @param[out] out NUL-terminated UTF-8 text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_pathway_to_text(const gist_pathway *pathway, char **out);

/**
 * @brief Write the pathway as a Graphviz DOT digraph: regimens as nodes,
 *        rules as labelled transitions.
 * @param[in] pathway The pathway; NULL gives ::GIST_EINVAL.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_pathway_to_dot(const gist_pathway *pathway, char **out);

/**
 * @brief Rule id, unique in its pathway, such as `"P16-4.escalate"`.
 * @param[in] rule The rule; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_rule_id(const gist_rule *rule);
/**
 * @brief What the rule does.
 * @param[in] rule The rule; NULL gives 0.
 * @return The kind.
 */
GIST_API gist_rule_kind gist_rule_kind_of(const gist_rule *rule);
/**
 * @brief One-line summary of the rule.
 * @param[in] rule The rule; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_rule_title(const gist_rule *rule);
/**
 * @brief Why the rule says what it says.
 * @param[in] rule The rule; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_rule_rationale(const gist_rule *rule);
/**
 * @brief Number of evidence ids of the rule.
 * @param[in] rule The rule; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_rule_evidence_count(const gist_rule *rule);
/**
 * @brief The @p index -th evidence id of the rule.
 * @param[in] rule The rule; NULL gives NULL.
 * @param[in] index 0 to gist_rule_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_rule_evidence(const gist_rule *rule, size_t index);
/**
 * @brief Number of predicates in the rule's condition (all must hold).
 * @param[in] rule The rule; NULL gives 0.
 * @return The count (0 means the rule always holds).
 */
GIST_API size_t gist_rule_condition_count(const gist_rule *rule);
/**
 * @brief The @p index -th predicate in readable form, such as
 *        `"regimen.dose_mg = 400"`.
 * @param[in] rule The rule; NULL gives NULL.
 * @param[in] index 0 to gist_rule_condition_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_rule_condition(const gist_rule *rule, size_t index);
/**
 * @brief Number of options of the rule (zero unless it recommends).
 * @param[in] rule The rule; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_rule_option_count(const gist_rule *rule);
/**
 * @brief The @p index -th option, best first.
 * @param[in] rule The rule; NULL gives NULL.
 * @param[in] index 0 to gist_rule_option_count() - 1.
 * @return Borrowed option, or NULL if out of range.
 */
GIST_API const gist_option *gist_rule_option(const gist_rule *rule, size_t index);
/**
 * @brief Number of alerts of the rule.
 * @param[in] rule The rule; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_rule_alert_count(const gist_rule *rule);
/**
 * @brief The @p index -th alert of the rule.
 * @param[in] rule The rule; NULL gives NULL.
 * @param[in] index 0 to gist_rule_alert_count() - 1.
 * @return Borrowed alert, or NULL if out of range.
 */
GIST_API const gist_alert *gist_rule_alert(const gist_rule *rule, size_t index);

/**
 * @brief What the option proposes.
 * @param[in] option The option; NULL gives 0.
 * @return The action.
 */
GIST_API gist_action gist_option_action(const gist_option *option);
/**
 * @brief The agent the option concerns.
 * @param[in] option The option; NULL gives NULL.
 * @return Borrowed, immortal agent, or NULL when the option names none (refer, trial).
 */
GIST_API const gist_agent *gist_option_agent(const gist_option *option);
/**
 * @brief Daily dose in mg.
 * @param[in] option The option; NULL gives 0.
 * @return The dose, or 0 when the source gives none (never a guessed dose).
 */
GIST_API double gist_option_dose_mg(const gist_option *option);
/**
 * @brief Schedule of the dose.
 * @param[in] option The option; NULL gives ::GIST_SCHEDULE_UNSPECIFIED.
 * @return The schedule.
 */
GIST_API gist_schedule gist_option_schedule(const gist_option *option);
/**
 * @brief Readable dose, such as `"800 mg daily (400 mg twice daily)"`, or `""`.
 * @param[in] option The option; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_option_dose_text(const gist_option *option);
/**
 * @brief Line of therapy the option belongs to.
 * @param[in] option The option; NULL gives 0.
 * @return 1 or more, or 0 when not applicable (refer, trial).
 */
GIST_API int gist_option_line(const gist_option *option);
/**
 * @brief One-line summary of the option.
 * @param[in] option The option; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_option_summary(const gist_option *option);
/**
 * @brief Why this option.
 * @param[in] option The option; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_option_rationale(const gist_option *option);
/**
 * @brief Number of evidence ids of the option.
 * @param[in] option The option; NULL gives 0.
 * @return The count (at least 1 for a valid pathway).
 */
GIST_API size_t gist_option_evidence_count(const gist_option *option);
/**
 * @brief The @p index -th evidence id of the option.
 * @param[in] option The option; NULL gives NULL.
 * @param[in] index 0 to gist_option_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_option_evidence(const gist_option *option, size_t index);

/**
 * @brief Stable id of the alert, such as `"P16-2.no-holidays"`.
 * @param[in] alert The alert; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_alert_id(const gist_alert *alert);
/**
 * @brief How urgent the alert is.
 * @param[in] alert The alert; NULL gives 0.
 * @return The severity.
 */
GIST_API gist_severity gist_alert_severity(const gist_alert *alert);
/**
 * @brief Alert text.
 * @param[in] alert The alert; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_alert_text(const gist_alert *alert);
/**
 * @brief Number of evidence ids of the alert.
 * @param[in] alert The alert; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_alert_evidence_count(const gist_alert *alert);
/**
 * @brief The @p index -th evidence id of the alert.
 * @param[in] alert The alert; NULL gives NULL.
 * @param[in] index 0 to gist_alert_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_alert_evidence(const gist_alert *alert, size_t index);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_PATHWAY_H */
