/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_PATIENT_H
#define GIST_PATIENT_H

/**
 * @defgroup patient Patient state
 * @brief What is known about one patient at one moment: the facts a pathway
 *        reasons over.
 *
 * A new patient knows nothing: every fact is unknown until set. Unknown is
 * never filled with a default; a pathway that needs an unknown fact answers
 * *undetermined* and names it. Setters validate their arguments and leave
 * the patient unchanged on failure.
 *
 * Two facts are derived rather than set:
 * - the **line** of the current regimen: set explicitly with
 *   gist_patient_set_line(), or counted from the previous lines when those
 *   are known (gist_patient_add_prior() or gist_patient_set_no_prior());
 * - the number of **failed lines**: previous advanced lines that ended in
 *   progression or intolerance, plus the current line when progression is
 *   confirmed radiologically or the regimen is not tolerated. Consecutive
 *   entries of the same agent are one line (a dose change is not a new line),
 *   and a previous entry of the current agent directly before it belongs to
 *   the current line.
 *
 * The patient JSON format is described in docs/patient-format.md.
 *
 * @par Thread safety
 * A patient belongs to one thread at a time; different patients may be used
 * from different threads. Reading one patient from several threads at once
 * (for example, advising with it) is safe while nobody modifies it.
 * @{
 */

#include <stddef.h>
#include "gist/common.h"
#include "gist/agent.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The state of one patient (opaque; create with gist_patient_new(),
 *        free with gist_patient_free()).
 *
 * One thread at a time may modify it; any number may read it while nobody does.
 */
typedef struct gist_patient gist_patient;

/** @brief Treatment setting. */
typedef enum gist_setting {
    GIST_SETTING_UNKNOWN = 0,  /**< Not recorded. */
    GIST_SETTING_ADVANCED = 1, /**< Unresectable, metastatic or recurrent disease (palliative intent). */
    GIST_SETTING_ADJUVANT = 2  /**< After complete resection (curative intent). */
} gist_setting;
/** Number of ::gist_setting values. */
#define GIST_SETTING_COUNT 3

/**
 * @brief Tumour genotype (mutational status), at the detail current guidance distinguishes.
 *
 * The values follow the first-line choices of current guidance (CLINICAL.md
 * section 2: NCCN-GIST-2026, PDQ-GIST-2024, ESMO-GIST-2021): KIT exon 9 and
 * PDGFRA exon 18 D842V are treated differently from KIT exon 11; the US
 * avapritinib label covers every PDGFRA exon 18 mutation, so exon 18 other
 * than D842V is apart from the imatinib-sensitive PDGFRA exons 12 and 14;
 * KIT/PDGFRA wild-type tumours are SDH-deficient (SDHB immunohistochemistry),
 * NF1-related, BRAF V600E, NTRK-fusion, or wild-type without SDH testing.
 * ::GIST_GENOTYPE_UNKNOWN means the genotype is not recorded;
 * ::GIST_GENOTYPE_NOT_TESTED records that no mutational analysis was done.
 */
typedef enum gist_genotype {
    GIST_GENOTYPE_UNKNOWN = 0,             /**< Not recorded (`"unknown"`). */
    GIST_GENOTYPE_NOT_TESTED = 1,          /**< No mutational analysis done (`"not_tested"`). */
    GIST_GENOTYPE_KIT_EXON11 = 2,          /**< KIT exon 11 mutation (`"kit_exon11"`). */
    GIST_GENOTYPE_KIT_EXON9 = 3,           /**< KIT exon 9 mutation (`"kit_exon9"`). */
    GIST_GENOTYPE_KIT_EXON13 = 4,          /**< KIT exon 13 mutation (`"kit_exon13"`). */
    GIST_GENOTYPE_KIT_EXON17 = 5,          /**< KIT exon 17 mutation (`"kit_exon17"`). */
    GIST_GENOTYPE_KIT_OTHER = 6,           /**< A KIT mutation in another exon, such as exon 8 (`"kit_other"`). */
    GIST_GENOTYPE_PDGFRA_D842V = 7,        /**< PDGFRA exon 18 D842V, imatinib-resistant (`"pdgfra_d842v"`). */
    GIST_GENOTYPE_PDGFRA_EXON18_OTHER = 8, /**< PDGFRA exon 18 mutation other than D842V (`"pdgfra_exon18_other"`). */
    GIST_GENOTYPE_PDGFRA_EXON12 = 9,       /**< PDGFRA exon 12 mutation (`"pdgfra_exon12"`). */
    GIST_GENOTYPE_PDGFRA_EXON14 = 10,      /**< PDGFRA exon 14 mutation (`"pdgfra_exon14"`). */
    GIST_GENOTYPE_SDH_DEFICIENT = 11,      /**< KIT/PDGFRA wild-type, SDH-deficient by SDHB immunohistochemistry (`"sdh_deficient"`). */
    GIST_GENOTYPE_NF1 = 12,                /**< KIT/PDGFRA wild-type, NF1-related (`"nf1"`). */
    GIST_GENOTYPE_BRAF_V600E = 13,         /**< BRAF V600E mutation (`"braf_v600e"`). */
    GIST_GENOTYPE_NTRK_FUSION = 14,        /**< NTRK gene fusion (`"ntrk_fusion"`). */
    GIST_GENOTYPE_WILD_TYPE_SDH_UNTESTED = 15 /**< KIT/PDGFRA wild-type, SDH status not tested (`"wild_type_sdh_untested"`). */
} gist_genotype;
/** Number of ::gist_genotype values. */
#define GIST_GENOTYPE_COUNT 16

/** @brief Response of the disease to the current regimen. */
typedef enum gist_response {
    GIST_RESPONSE_UNKNOWN = 0,     /**< Not assessed. */
    GIST_RESPONSE_RESPONDING = 1,  /**< Complete or partial response. */
    GIST_RESPONSE_STABLE = 2,      /**< Stable disease. */
    GIST_RESPONSE_PROGRESSION = 3  /**< Progressive disease (suspected or confirmed: see ::gist_basis). */
} gist_response;
/** Number of ::gist_response values. */
#define GIST_RESPONSE_COUNT 4

/** @brief How a response status was established. */
typedef enum gist_basis {
    GIST_BASIS_UNKNOWN = 0,    /**< Not recorded. */
    GIST_BASIS_CLINICAL = 1,   /**< Symptoms, examination or markers only: not confirmed by imaging. */
    GIST_BASIS_RADIOLOGIC = 2  /**< Confirmed by imaging (CT, MRI or PET) with radiologic interpretation. */
} gist_basis;
/** Number of ::gist_basis values. */
#define GIST_BASIS_COUNT 3

/** @brief Extent of progression. */
typedef enum gist_extent {
    GIST_EXTENT_UNKNOWN = 0,     /**< Not recorded. */
    GIST_EXTENT_LIMITED = 1,     /**< Limited (focal) progression: one or few growing lesions. */
    GIST_EXTENT_GENERALIZED = 2  /**< Generalized (multifocal) progression. */
} gist_extent;
/** Number of ::gist_extent values. */
#define GIST_EXTENT_COUNT 3

/** @brief Tolerance of the current regimen. */
typedef enum gist_tolerance {
    GIST_TOLERANCE_UNKNOWN = 0,    /**< Not recorded. */
    GIST_TOLERANCE_TOLERATING = 1, /**< Tolerating the current dose. */
    GIST_TOLERANCE_INTOLERANT = 2  /**< Cannot tolerate the current dose. */
} gist_tolerance;
/** Number of ::gist_tolerance values. */
#define GIST_TOLERANCE_COUNT 3

/** @brief Why a regimen was stopped. */
typedef enum gist_stop_reason {
    GIST_STOP_UNKNOWN = 0,      /**< Not recorded. */
    GIST_STOP_PROGRESSION = 1,  /**< Disease progression. */
    GIST_STOP_INTOLERANCE = 2,  /**< Intolerance or toxicity. */
    GIST_STOP_COMPLETED = 3,    /**< Planned course completed (for example adjuvant therapy). */
    GIST_STOP_OTHER = 4         /**< Any other reason (patient choice, surgery, ...). */
} gist_stop_reason;
/** Number of ::gist_stop_reason values. */
#define GIST_STOP_COUNT 5

/**
 * @brief Machine names of the patient enums, as used in the JSON formats.
 *
 * Each returns a static string, or NULL for an out-of-range value. The
 * unknown value of every enum is named `"unknown"`.
 * @param[in] value Any value.
 * @return A static string or NULL.
 */
GIST_API const char *gist_setting_name(gist_setting value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_genotype_name(gist_genotype value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_response_name(gist_response value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_basis_name(gist_basis value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_extent_name(gist_extent value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_tolerance_name(gist_tolerance value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_stop_reason_name(gist_stop_reason value);
/** @copydoc gist_setting_name */
GIST_API const char *gist_tristate_name(gist_tristate value);

/** Most previous lines one patient may record. */
#define GIST_PATIENT_MAX_PRIOR 64

/**
 * @brief Create a patient about whom nothing is known.
 * @param[out] out The new patient; caller frees with gist_patient_free(). Set
 *             to NULL on failure.
 * @return ::GIST_OK; ::GIST_EINVAL if @p out is NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_patient_new(gist_patient **out);

/**
 * @brief Copy a patient.
 * @param[out] out The copy; caller frees with gist_patient_free().
 * @param[in] patient The patient to copy.
 * @return ::GIST_OK; ::GIST_EINVAL for a NULL argument; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_patient_clone(gist_patient **out, const gist_patient *patient);

/**
 * @brief Free a patient.
 * @param[in] patient The patient; NULL is accepted.
 */
GIST_API void gist_patient_free(gist_patient *patient);

/**
 * @brief Forget every fact: the patient is as new.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL.
 */
GIST_API gist_status gist_patient_reset(gist_patient *patient);

/**
 * @brief Set an identifier used in output (for example a study or record id).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] id Up to 256 bytes of UTF-8, copied; NULL or `""` clears it.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL or @p id is not
 *         valid UTF-8; ::GIST_ELIMIT if @p id is too long; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_patient_set_id(gist_patient *patient, const char *id);

/**
 * @brief Set the treatment setting.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] setting Any ::gist_setting; ::GIST_SETTING_UNKNOWN forgets it.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_setting(gist_patient *patient, gist_setting setting);

/**
 * @brief Set the tumour genotype.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] genotype Any ::gist_genotype; ::GIST_GENOTYPE_UNKNOWN forgets it.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_genotype(gist_patient *patient, gist_genotype genotype);

/**
 * @brief Set the current regimen: agent and total daily dose.
 *
 * Replaces any current regimen; its schedule becomes unspecified and its line
 * is derived again unless set with gist_patient_set_line().
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] agent Any name gist_agent_lookup() accepts.
 * @param[in] dose_mg Total daily dose in mg (400 mg twice daily is 800).
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOTFOUND or
 *         ::GIST_EAMBIGUOUS for the agent name; ::GIST_ERANGE for an
 *         implausible dose (see gist_agent_check_dose()).
 */
GIST_API gist_status gist_patient_set_regimen(gist_patient *patient, const char *agent, double dose_mg);

/**
 * @brief Set the current regimen's agent when its dose is not recorded.
 *
 * The dose is then unknown: a rule that needs it answers undetermined.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] agent Any name gist_agent_lookup() accepts.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOTFOUND or
 *         ::GIST_EAMBIGUOUS for the agent name.
 */
GIST_API gist_status gist_patient_set_agent(gist_patient *patient, const char *agent);

/**
 * @brief Record that the patient is on no systemic therapy now.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL.
 */
GIST_API gist_status gist_patient_set_no_regimen(gist_patient *patient);

/**
 * @brief Forget the current regimen (on treatment or not becomes unknown).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL.
 */
GIST_API gist_status gist_patient_clear_regimen(gist_patient *patient);

/**
 * @brief Set the schedule of the current regimen.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] schedule Any ::gist_schedule.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value;
 *         ::GIST_ESTATE if there is no current regimen.
 */
GIST_API gist_status gist_patient_set_schedule(gist_patient *patient, gist_schedule schedule);

/**
 * @brief State the line number of the current regimen explicitly.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] line 1 to 20, or 0 to derive it from the previous lines again.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL; ::GIST_ERANGE for a
 *         line outside 0 to 20; ::GIST_ESTATE if there is no current regimen.
 */
GIST_API gist_status gist_patient_set_line(gist_patient *patient, int line);

/**
 * @brief Set the response of the disease to the current regimen and how it was established.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] response Any ::gist_response.
 * @param[in] basis How it was established; ::GIST_BASIS_UNKNOWN if not recorded.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or out-of-range values.
 */
GIST_API gist_status gist_patient_set_response(gist_patient *patient, gist_response response, gist_basis basis);

/**
 * @brief Set the extent of progression.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] extent Any ::gist_extent.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_extent(gist_patient *patient, gist_extent extent);

/**
 * @brief Set the tolerance of the current regimen.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] tolerance Any ::gist_tolerance.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_tolerance(gist_patient *patient, gist_tolerance tolerance);

/**
 * @brief Record whether the current regimen is interrupted (a treatment holiday or pause).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] interrupted Any ::gist_tristate.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_interrupted(gist_patient *patient, gist_tristate interrupted);

/**
 * @brief Record whether the patient has been referred to a high-volume sarcoma centre.
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] referred Any ::gist_tristate.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an out-of-range value.
 */
GIST_API gist_status gist_patient_set_referred(gist_patient *patient, gist_tristate referred);

/**
 * @brief Append a previous line of therapy (oldest first).
 *
 * Calling it makes the previous lines known (so line numbers can be derived).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] agent Any name gist_agent_lookup() accepts.
 * @param[in] reason Why it was stopped.
 * @param[in] setting ::GIST_SETTING_ADVANCED or ::GIST_SETTING_ADJUVANT;
 *            adjuvant therapy is not counted as a line.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or out-of-range values;
 *         ::GIST_ENOTFOUND or ::GIST_EAMBIGUOUS for the agent;
 *         ::GIST_ELIMIT beyond ::GIST_PATIENT_MAX_PRIOR entries.
 */
GIST_API gist_status gist_patient_add_prior(gist_patient *patient, const char *agent,
                                            gist_stop_reason reason, gist_setting setting);

/**
 * @brief Record that the patient had no previous therapy (previous lines known and empty).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL.
 */
GIST_API gist_status gist_patient_set_no_prior(gist_patient *patient);

/**
 * @brief Forget the previous lines (they become unknown).
 * @param[in,out] patient The patient; NULL gives ::GIST_EINVAL.
 * @return ::GIST_OK; ::GIST_EINVAL if @p patient is NULL.
 */
GIST_API gist_status gist_patient_clear_prior(gist_patient *patient);

/**
 * @brief The identifier set with gist_patient_set_id().
 * @param[in] patient The patient; NULL gives NULL.
 * @return Borrowed string valid until the id changes or the patient is freed; `""` if none.
 */
GIST_API const char *gist_patient_id(const gist_patient *patient);
/**
 * @brief The treatment setting.
 * @param[in] patient The patient; NULL gives ::GIST_SETTING_UNKNOWN.
 * @return The setting.
 */
GIST_API gist_setting gist_patient_setting(const gist_patient *patient);
/**
 * @brief The genotype.
 * @param[in] patient The patient; NULL gives ::GIST_GENOTYPE_UNKNOWN.
 * @return The genotype.
 */
GIST_API gist_genotype gist_patient_genotype(const gist_patient *patient);
/**
 * @brief Whether the patient is on a regimen now.
 * @param[in] patient The patient; NULL gives ::GIST_TRISTATE_UNKNOWN.
 * @return ::GIST_TRISTATE_YES (see gist_patient_agent()), ::GIST_TRISTATE_NO
 *         (gist_patient_set_no_regimen()) or ::GIST_TRISTATE_UNKNOWN.
 */
GIST_API gist_tristate gist_patient_on_treatment(const gist_patient *patient);
/**
 * @brief The agent of the current regimen.
 * @param[in] patient The patient; NULL gives NULL.
 * @return A borrowed, immortal agent, or NULL if there is no known regimen.
 */
GIST_API const gist_agent *gist_patient_agent(const gist_patient *patient);
/**
 * @brief The daily dose of the current regimen in mg.
 * @param[in] patient The patient; NULL gives 0.
 * @return The dose, or 0 if there is no known regimen, its dose is not
 *         recorded, or @p patient is NULL.
 */
GIST_API double gist_patient_dose_mg(const gist_patient *patient);
/**
 * @brief The schedule of the current regimen.
 * @param[in] patient The patient; NULL gives ::GIST_SCHEDULE_UNSPECIFIED.
 * @return The schedule.
 */
GIST_API gist_schedule gist_patient_schedule(const gist_patient *patient);
/**
 * @brief The line of the current regimen, stated or derived.
 * @param[in] patient The patient; NULL gives 0.
 * @return 1 or more, or 0 when unknown (no regimen, previous lines unknown,
 *         or @p patient NULL).
 */
GIST_API int gist_patient_line(const gist_patient *patient);
/**
 * @brief The number of failed lines, counting the current one if it has failed.
 * @param[in] patient The patient; NULL gives -1.
 * @return 0 or more, or -1 when unknown.
 */
GIST_API int gist_patient_failed_lines(const gist_patient *patient);
/**
 * @brief The response status.
 * @param[in] patient The patient; NULL gives ::GIST_RESPONSE_UNKNOWN.
 * @return The response.
 */
GIST_API gist_response gist_patient_response(const gist_patient *patient);
/**
 * @brief How the response was established.
 * @param[in] patient The patient; NULL gives ::GIST_BASIS_UNKNOWN.
 * @return The basis.
 */
GIST_API gist_basis gist_patient_basis(const gist_patient *patient);
/**
 * @brief The extent of progression.
 * @param[in] patient The patient; NULL gives ::GIST_EXTENT_UNKNOWN.
 * @return The extent.
 */
GIST_API gist_extent gist_patient_extent(const gist_patient *patient);
/**
 * @brief Tolerance of the current regimen.
 * @param[in] patient The patient; NULL gives ::GIST_TOLERANCE_UNKNOWN.
 * @return The tolerance.
 */
GIST_API gist_tolerance gist_patient_tolerance(const gist_patient *patient);
/**
 * @brief Whether the current regimen is interrupted.
 * @param[in] patient The patient; NULL gives ::GIST_TRISTATE_UNKNOWN.
 * @return The fact.
 */
GIST_API gist_tristate gist_patient_interrupted(const gist_patient *patient);
/**
 * @brief Whether the patient has been referred to a high-volume sarcoma centre.
 * @param[in] patient The patient; NULL gives ::GIST_TRISTATE_UNKNOWN.
 * @return The fact.
 */
GIST_API gist_tristate gist_patient_referred(const gist_patient *patient);
/**
 * @brief Whether the previous lines are known.
 * @param[in] patient The patient; NULL gives ::GIST_TRISTATE_UNKNOWN.
 * @return ::GIST_TRISTATE_YES if recorded (possibly none), else ::GIST_TRISTATE_UNKNOWN.
 */
GIST_API gist_tristate gist_patient_prior_known(const gist_patient *patient);
/**
 * @brief Number of previous lines recorded.
 * @param[in] patient The patient; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_patient_prior_count(const gist_patient *patient);
/**
 * @brief Agent of the @p index -th previous line.
 * @param[in] patient The patient; NULL gives NULL.
 * @param[in] index 0 to gist_patient_prior_count() - 1.
 * @return A borrowed, immortal agent, or NULL if out of range.
 */
GIST_API const gist_agent *gist_patient_prior_agent(const gist_patient *patient, size_t index);
/**
 * @brief Stop reason of the @p index -th previous line.
 * @param[in] patient The patient; NULL gives ::GIST_STOP_UNKNOWN.
 * @param[in] index 0 to gist_patient_prior_count() - 1.
 * @return The reason, or ::GIST_STOP_UNKNOWN if out of range.
 */
GIST_API gist_stop_reason gist_patient_prior_reason(const gist_patient *patient, size_t index);
/**
 * @brief Setting of the @p index -th previous line.
 * @param[in] patient The patient; NULL gives ::GIST_SETTING_UNKNOWN.
 * @param[in] index 0 to gist_patient_prior_count() - 1.
 * @return The setting, or ::GIST_SETTING_UNKNOWN if out of range.
 */
GIST_API gist_setting gist_patient_prior_setting(const gist_patient *patient, size_t index);

/**
 * @brief Read a patient from JSON text (format: docs/patient-format.md).
 *
 * Unknown fields, wrong types, unknown values, implausible doses, duplicate
 * keys and invalid UTF-8 are errors; gist_error_last() names the field and
 * its line and column.
 * @param[out] out The patient; caller frees with gist_patient_free(). NULL on failure.
 * @param[in] json The text; need not be NUL-terminated.
 * @param[in] length Its length in bytes (at most 16 MiB).
 * @param[in] source Name used in error messages (a file name), or NULL for `<string>`.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_EPARSE; ::GIST_ESCHEMA;
 *         ::GIST_ERANGE; ::GIST_ENOTFOUND or ::GIST_EAMBIGUOUS (agent names);
 *         ::GIST_ELIMIT; ::GIST_EVERSION (format version); ::GIST_ENOMEM.
 */
GIST_API gist_status gist_patient_parse(gist_patient **out, const char *json, size_t length, const char *source);

/**
 * @brief Read a patient from a JSON file.
 * @param[out] out The patient; caller frees with gist_patient_free(). NULL on failure.
 * @param[in] path File name.
 * @return As gist_patient_parse(), plus ::GIST_EIO if the file cannot be read.
 */
GIST_API gist_status gist_patient_load(gist_patient **out, const char *path);

/**
 * @brief Write a patient as JSON (the format gist_patient_parse() reads).
 * @param[in] patient The patient; NULL gives ::GIST_EINVAL.
 * @param[in] flags 0 for indented output, or ::GIST_JSON_COMPACT.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or unknown flags; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_patient_to_json(const gist_patient *patient, unsigned int flags, char **out);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_PATIENT_H */
