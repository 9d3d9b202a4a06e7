/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_ADVICE_H
#define GIST_ADVICE_H

/**
 * @defgroup advice Advice
 * @brief Apply a pathway to a patient: options, rationale, evidence, alerts
 *        and the trace of the rules that fired.
 *
 * gist_advise() is pure and deterministic. Its outcome is one of three:
 * - ::GIST_OUTCOME_RECOMMENDED: ranked options from the first decision rule
 *   whose condition holds;
 * - ::GIST_OUTCOME_UNDETERMINED: a rule that comes first needs a fact that is
 *   unknown; the advice names each missing fact and how to establish it;
 * - ::GIST_OUTCOME_NOT_COVERED: the pathway does not address the situation,
 *   either by an explicit rule or because no rule applies; the rationale
 *   then names the nearest rule and why it does not apply.
 *
 * Decision rules are tried in pathway order. A predicate over an unknown
 * fact is unknown unless the rule says otherwise; a rule whose condition is
 * unknown stops no evaluation but makes every later decision undetermined.
 * Alert rules are evaluated independently and fire whenever they hold.
 *
 * libgist supports clinicians; it does not prescribe. Every option carries
 * its rationale and evidence ids so that it can be reviewed independently.
 *
 * @par Ownership and thread safety
 * An advice belongs to one thread at a time and keeps its pathway alive.
 * Strings, options and alerts it returns are borrowed and valid until the
 * advice is freed.
 *
 * @code
 * gist_advice *adv = NULL;
 * if (gist_advise(&adv, pw, pt) == GIST_OK) {
 *     for (size_t i = 0; i < gist_advice_option_count(adv); i++)
 *         puts(gist_option_summary(gist_advice_option(adv, i)));
 *     gist_advice_free(adv);
 * }
 * @endcode
 * @{
 */

#include <stddef.h>
#include "gist/common.h"
#include "gist/pathway.h"
#include "gist/patient.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The result of applying a pathway to a patient (opaque; free with
 *        gist_advice_free()).
 *
 * Immutable once made: one thread at a time owns it, and it may be freed on
 * any thread.
 */
typedef struct gist_advice gist_advice;

/** @brief The three outcomes of advice. */
typedef enum gist_outcome {
    GIST_OUTCOME_RECOMMENDED = 1,  /**< One or more ranked options. */
    GIST_OUTCOME_UNDETERMINED = 2, /**< A fact the rules need is unknown. */
    GIST_OUTCOME_NOT_COVERED = 3   /**< The pathway does not address this situation. */
} gist_outcome;

/** @brief How a rule appears in the trace. */
typedef enum gist_trace_result {
    GIST_TRACE_FIRED = 1,   /**< Its condition held: it decided, or added its alerts. */
    GIST_TRACE_UNKNOWN = 2, /**< Its condition depends on a missing fact. */
    GIST_TRACE_NEAREST = 3  /**< No rule applied; this one came closest (not-covered explanation). */
} gist_trace_result;

/**
 * @brief Machine name of an outcome: `"recommended"`, `"undetermined"`, `"not_covered"`.
 * @param[in] outcome Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_outcome_name(gist_outcome outcome);
/**
 * @brief Machine name of a trace result: `"fired"`, `"unknown"`, `"nearest"`.
 * @param[in] result Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_trace_result_name(gist_trace_result result);

/**
 * @brief Apply @p pathway to @p patient.
 * @param[out] out The advice; caller frees with gist_advice_free(). NULL on failure.
 * @param[in] pathway The pathway (shared, read only).
 * @param[in] patient The patient (read only).
 * @return ::GIST_OK whatever the outcome; ::GIST_EINVAL for NULL;
 *         ::GIST_ENOMEM.
 * @par Thread safety
 * Safe to call concurrently with the same pathway and with patients nobody
 * is modifying.
 */
GIST_API gist_status gist_advise(gist_advice **out, const gist_pathway *pathway, const gist_patient *patient);

/**
 * @brief Decide for many patients without allocating: the outcome and the
 *        deciding rule of each.
 *
 * Gives exactly the outcome and rule gist_advise() would give.
 * @param[in] pathway The pathway; NULL gives ::GIST_EINVAL.
 * @param[in] patients Array of @p count patients (none NULL).
 * @param[in] count Number of patients (0 is accepted).
 * @param[out] outcomes Array of @p count outcomes.
 * @param[out] rules Array of @p count rules, or NULL if not wanted. Each entry
 *             is the deciding rule (recommend or not-covered rule), the
 *             nearest rule when none applies, or NULL when undetermined.
 *             Borrowed from @p pathway.
 * @return ::GIST_OK; ::GIST_EINVAL for a NULL argument or a NULL patient
 *         (entries before it are filled).
 */
GIST_API gist_status gist_advise_batch(const gist_pathway *pathway, const gist_patient *const *patients,
                                       size_t count, gist_outcome *outcomes, const gist_rule **rules);

/**
 * @brief Free an advice (and release its reference to the pathway).
 * @param[in] advice The advice; NULL is accepted.
 */
GIST_API void gist_advice_free(gist_advice *advice);

/**
 * @brief The outcome.
 * @param[in] advice The advice; NULL gives 0.
 * @return The outcome.
 */
GIST_API gist_outcome gist_advice_outcome(const gist_advice *advice);
/**
 * @brief Id of the pathway that gave the advice.
 * @param[in] advice The advice; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_advice_pathway_id(const gist_advice *advice);
/**
 * @brief Version of the pathway that gave the advice.
 * @param[in] advice The advice; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_advice_pathway_version(const gist_advice *advice);
/**
 * @brief Identifier of the patient (gist_patient_id() at the time of advice).
 * @param[in] advice The advice; NULL gives NULL.
 * @return Borrowed string, `""` if none.
 */
GIST_API const char *gist_advice_patient_id(const gist_advice *advice);
/**
 * @brief The deciding rule.
 * @param[in] advice The advice; NULL gives NULL.
 * @return Borrowed rule for recommended advice and explicit not-covered
 *         rules; NULL when undetermined or when no rule applied.
 */
GIST_API const gist_rule *gist_advice_rule(const gist_advice *advice);
/**
 * @brief Why: the deciding rule's rationale; for undetermined advice, what
 *        is missing; when no rule applied, the nearest rule and why it does
 *        not apply.
 * @param[in] advice The advice; NULL gives NULL.
 * @return Borrowed string.
 */
GIST_API const char *gist_advice_rationale(const gist_advice *advice);
/**
 * @brief Number of evidence ids behind the rationale.
 * @param[in] advice The advice; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_advice_evidence_count(const gist_advice *advice);
/**
 * @brief The @p index -th evidence id behind the rationale.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_evidence_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_advice_evidence(const gist_advice *advice, size_t index);
/**
 * @brief Statement and citation for an evidence id, from the advice's pathway.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] id An evidence id.
 * @return Borrowed string, or NULL if unknown or an argument is NULL.
 */
GIST_API const char *gist_advice_evidence_text(const gist_advice *advice, const char *id);
/**
 * @brief Number of options (zero unless recommended).
 * @param[in] advice The advice; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_advice_option_count(const gist_advice *advice);
/**
 * @brief The @p index -th option, best first (rank = index + 1).
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_option_count() - 1.
 * @return Borrowed option, or NULL if out of range.
 */
GIST_API const gist_option *gist_advice_option(const gist_advice *advice, size_t index);
/**
 * @brief Number of alerts: those of every alert rule that fired, then those
 *        of the deciding rule.
 * @param[in] advice The advice; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_advice_alert_count(const gist_advice *advice);
/**
 * @brief The @p index -th alert.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_alert_count() - 1.
 * @return Borrowed alert, or NULL if out of range.
 */
GIST_API const gist_alert *gist_advice_alert(const gist_advice *advice, size_t index);
/**
 * @brief Number of missing facts (non-zero only when undetermined).
 * @param[in] advice The advice; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_advice_missing_count(const gist_advice *advice);
/**
 * @brief Name of the @p index -th missing fact, such as `"confirmed_by"`.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_missing_count() - 1.
 * @return Static string, or NULL if out of range.
 */
GIST_API const char *gist_advice_missing_fact(const gist_advice *advice, size_t index);
/**
 * @brief What to do to establish the @p index -th missing fact.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_missing_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_advice_missing_hint(const gist_advice *advice, size_t index);
/**
 * @brief Number of trace entries.
 * @param[in] advice The advice; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_advice_trace_count(const gist_advice *advice);
/**
 * @brief The rule of the @p index -th trace entry, in evaluation order.
 * @param[in] advice The advice; NULL gives NULL.
 * @param[in] index 0 to gist_advice_trace_count() - 1.
 * @return Borrowed rule, or NULL if out of range.
 */
GIST_API const gist_rule *gist_advice_trace_rule(const gist_advice *advice, size_t index);
/**
 * @brief How the @p index -th trace entry's rule was evaluated.
 * @param[in] advice The advice; NULL gives 0.
 * @param[in] index 0 to gist_advice_trace_count() - 1.
 * @return The result, or 0 if out of range.
 */
GIST_API gist_trace_result gist_advice_trace_result(const gist_advice *advice, size_t index);

/**
 * @brief Write the advice as JSON (format: docs/advice-format.md).
 * @param[in] advice The advice; NULL gives ::GIST_EINVAL.
 * @param[in] flags 0 for indented output, or ::GIST_JSON_COMPACT.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or unknown flags; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_advice_to_json(const gist_advice *advice, unsigned int flags, char **out);

/**
 * @brief Write the advice as readable text for a clinician.
 * @param[in] advice The advice; NULL gives ::GIST_EINVAL.
 * @param[out] out NUL-terminated UTF-8 text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_advice_to_text(const gist_advice *advice, char **out);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_ADVICE_H */
