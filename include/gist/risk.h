/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_RISK_H
#define GIST_RISK_H

/**
 * @defgroup risk Risk of recurrence of a primary tumour
 * @brief Risk stratification tables held as data: the AFIP table
 *        (Miettinen and Lasota 2006) and the modified NIH criteria
 *        (Joensuu 2008), and the category they give a resected tumour.
 *
 * A risk table is versioned data (format `gist-risk/1`, described in
 * docs/risk.md): site groups, size and mitotic-count bands, and cells that
 * together cover every combination exactly once. Each cell carries its
 * category, the percentage the source gives where it gives one, its
 * sources and whether it was verified against the primary publication.
 * Where the sources disagree or could not be checked, the cell is left out
 * and names why: a tumour that falls in it gets an *undetermined* result,
 * never a guess.
 *
 * gist_risk_assess() looks up a tumour. Facts that are not recorded are
 * allowed: when every cell compatible with the recorded facts gives the
 * same category, that is the result (a tumour over 10 cm is high risk by
 * the modified NIH criteria whatever its mitotic count); otherwise the
 * result is undetermined and names the facts that would decide it.
 *
 * @par Ownership and thread safety
 * A table is immutable once loaded and may be shared by any number of
 * threads; it is reference counted, and each result keeps its table
 * alive, so gist_risk_table_free() may be called before the results are
 * freed. Cells are borrowed from their table. A result belongs to one
 * thread at a time.
 *
 * @code
 * gist_risk_table *t = NULL;
 * gist_risk_result *r = NULL;
 * gist_risk_input in;
 * gist_risk_input_init(&in);
 * in.site = GIST_TUMOUR_SITE_STOMACH;
 * in.size_cm = 6.0;
 * in.mitotic_count = 3;
 * in.mitotic_unit = GIST_MITOTIC_UNIT_PER_50_HPF;
 * in.rupture = GIST_TRISTATE_NO;
 * if (gist_risk_table_builtin(&t, "joensuu-2008") == GIST_OK && gist_risk_assess(&r, t, &in) == GIST_OK)
 *     printf("%s\n", gist_risk_category_name(gist_risk_result_category(r))); // "intermediate"
 * gist_risk_result_free(r);
 * gist_risk_table_free(t);
 * @endcode
 * @{
 */

#include <stddef.h>
#include "gist/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A loaded risk table (opaque, immutable, reference counted; shared freely between threads). */
typedef struct gist_risk_table gist_risk_table;
/** @brief One cell of a risk table (opaque, borrowed from its table; readable from any thread). */
typedef struct gist_risk_cell gist_risk_cell;
/** @brief The result of looking a tumour up in a table (opaque; one thread at a time). */
typedef struct gist_risk_result gist_risk_result;

/** @brief Primary site of the tumour. */
typedef enum gist_tumour_site {
    GIST_TUMOUR_SITE_UNKNOWN = 0,               /**< Not recorded. */
    GIST_TUMOUR_SITE_STOMACH = 1,               /**< Stomach (gastric). */
    GIST_TUMOUR_SITE_DUODENUM = 2,              /**< Duodenum. */
    GIST_TUMOUR_SITE_JEJUNUM_ILEUM = 3,         /**< Jejunum or ileum. */
    GIST_TUMOUR_SITE_SMALL_INTESTINE = 4,       /**< Small intestine, part not recorded (duodenum or jejunum/ileum). */
    GIST_TUMOUR_SITE_COLON = 5,                 /**< Colon. */
    GIST_TUMOUR_SITE_RECTUM = 6,                /**< Rectum. */
    GIST_TUMOUR_SITE_OESOPHAGUS = 7,            /**< Oesophagus. */
    GIST_TUMOUR_SITE_EXTRAGASTROINTESTINAL = 8, /**< Outside the gastrointestinal tract (omentum, mesentery, retroperitoneum). */
    GIST_TUMOUR_SITE_OTHER = 9                  /**< Another site. */
} gist_tumour_site;
/** Number of ::gist_tumour_site values. */
#define GIST_TUMOUR_SITE_COUNT 10

/** @brief The area a mitotic count was made in. */
typedef enum gist_mitotic_unit {
    GIST_MITOTIC_UNIT_UNKNOWN = 0,    /**< Not recorded. */
    GIST_MITOTIC_UNIT_PER_50_HPF = 1, /**< Mitoses per 50 high-power fields (the unit of both built-in tables). */
    GIST_MITOTIC_UNIT_PER_5_MM2 = 2   /**< Mitoses per 5 mm² (read per 50 HPF only where a table says so, as an inference). */
} gist_mitotic_unit;
/** Number of ::gist_mitotic_unit values. */
#define GIST_MITOTIC_UNIT_COUNT 3

/** @brief Risk category of a cell or a result. Each table uses its own words. */
typedef enum gist_risk_category {
    GIST_RISK_UNDETERMINED = 0,     /**< The table does not give one: a cell left out, or facts missing. */
    GIST_RISK_NONE = 1,             /**< None (AFIP). */
    GIST_RISK_VERY_LOW = 2,         /**< Very low. */
    GIST_RISK_LOW = 3,              /**< Low. */
    GIST_RISK_MODERATE = 4,         /**< Moderate (AFIP). */
    GIST_RISK_INTERMEDIATE = 5,     /**< Intermediate (modified NIH). */
    GIST_RISK_HIGH = 6,             /**< High. */
    GIST_RISK_INSUFFICIENT_DATA = 7 /**< The source's series had too few such tumours to say (AFIP): a value of the table, not a missing one. */
} gist_risk_category;
/** Number of ::gist_risk_category values. */
#define GIST_RISK_CATEGORY_COUNT 8

/** @brief Whether a value was checked against its primary publication. */
typedef enum gist_verification {
    GIST_VERIFICATION_UNVERIFIED = 0, /**< Taken from secondary copies only. */
    GIST_VERIFICATION_VERIFIED = 1    /**< Seen in the primary publication or its author abstract. */
} gist_verification;
/** Number of ::gist_verification values. */
#define GIST_VERIFICATION_COUNT 2

/**
 * @brief Machine names of the risk enums, as used in the JSON formats and
 *        on the command line (`"stomach"`, `"per_50_hpf"`, `"very_low"`,
 *        `"unverified"`).
 * @param[in] value Any value.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_tumour_site_name(gist_tumour_site value);
/** @copydoc gist_tumour_site_name */
GIST_API const char *gist_mitotic_unit_name(gist_mitotic_unit value);
/** @copydoc gist_tumour_site_name */
GIST_API const char *gist_risk_category_name(gist_risk_category value);
/** @copydoc gist_tumour_site_name */
GIST_API const char *gist_verification_name(gist_verification value);

/** @name Tables
 * @{ */

/**
 * @brief Number of risk tables built into the library.
 * @return The count.
 */
GIST_API size_t gist_risk_table_builtin_count(void);
/**
 * @brief Id of the @p index -th built-in table, such as `"afip-miettinen-2006"`.
 * @param[in] index 0 to gist_risk_table_builtin_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_risk_table_builtin_id(size_t index);
/**
 * @brief Load a built-in table by id.
 * @param[out] out The table; caller frees with gist_risk_table_free(). NULL on failure.
 * @param[in] id A built-in id (see gist_risk_table_builtin_id()).
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOTFOUND for an unknown id; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_table_builtin(gist_risk_table **out, const char *id);
/**
 * @brief Load and validate a table from JSON text (format `gist-risk/1`).
 *
 * Validation is complete: unknown fields, unknown site, band, source or
 * category names, bands that do not follow each other, a cell marked
 * verified that cites no verified source, and cells that overlap or leave a
 * combination uncovered are errors located at line, column and field.
 * @param[out] out The table; caller frees with gist_risk_table_free(). NULL on failure.
 * @param[in] json The text; need not be NUL-terminated.
 * @param[in] length Its length in bytes (at most 16 MiB).
 * @param[in] source Name used in error messages, or NULL for `<string>`.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_EPARSE; ::GIST_ESCHEMA;
 *         ::GIST_ERANGE; ::GIST_ELIMIT; ::GIST_EVERSION (another format); ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_table_parse(gist_risk_table **out, const char *json, size_t length,
                                           const char *source);
/**
 * @brief Load and validate a table from a JSON file.
 * @param[out] out The table; caller frees with gist_risk_table_free(). NULL on failure.
 * @param[in] path File name.
 * @return As gist_risk_table_parse(), plus ::GIST_EIO.
 */
GIST_API gist_status gist_risk_table_load(gist_risk_table **out, const char *path);
/**
 * @brief Release the caller's reference to a table; it is destroyed when the
 *        last result made from it is freed too.
 * @param[in] table The table; NULL is accepted.
 */
GIST_API void gist_risk_table_free(gist_risk_table *table);

/**
 * @brief Table id, such as `"joensuu-2008"`.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_id(const gist_risk_table *table);
/**
 * @brief Version of the table's data, such as `"2026.1"`.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_version(const gist_risk_table *table);
/**
 * @brief One-line title.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_title(const gist_risk_table *table);
/**
 * @brief What the table measures, where its cells come from and what is left out.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_description(const gist_risk_table *table);
/**
 * @brief Evidence id of the publication the table encodes, such as `"MIETTINEN-2006"`.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_evidence(const gist_risk_table *table);
/**
 * @brief Citation of that publication.
 * @param[in] table The table; NULL gives NULL.
 * @return Borrowed string, valid while the table lives.
 */
GIST_API const char *gist_risk_table_citation(const gist_risk_table *table);
/**
 * @brief Whether the primary publication was seen when the table was written.
 * @param[in] table The table; NULL gives 0.
 * @return 1 if it was, 0 if every cell comes from other sources.
 */
GIST_API int gist_risk_table_primary_seen(const gist_risk_table *table);
/**
 * @brief The unit of the table's mitotic counts.
 * @param[in] table The table; NULL gives ::GIST_MITOTIC_UNIT_UNKNOWN.
 * @return The unit.
 */
GIST_API gist_mitotic_unit gist_risk_table_mitotic_unit(const gist_risk_table *table);
/**
 * @brief Whether the table takes tumour rupture into account.
 * @param[in] table The table; NULL gives 0.
 * @return 1 or 0.
 */
GIST_API int gist_risk_table_considers_rupture(const gist_risk_table *table);

/**
 * @brief Number of sources the cells cite.
 * @param[in] table The table; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_risk_table_source_count(const gist_risk_table *table);
/**
 * @brief Id of the @p index -th source, such as `"C1"`.
 * @param[in] table The table; NULL gives NULL.
 * @param[in] index 0 to gist_risk_table_source_count() - 1.
 * @return Borrowed string, valid while the table lives; NULL if out of range.
 */
GIST_API const char *gist_risk_table_source_id(const gist_risk_table *table, size_t index);
/**
 * @brief Citation (and address) of the @p index -th source.
 * @param[in] table The table; NULL gives NULL.
 * @param[in] index 0 to gist_risk_table_source_count() - 1.
 * @return Borrowed string, valid while the table lives; NULL if out of range.
 */
GIST_API const char *gist_risk_table_source_citation(const gist_risk_table *table, size_t index);
/**
 * @brief Whether the @p index -th source is the primary publication or its verified wording.
 * @param[in] table The table; NULL gives ::GIST_VERIFICATION_UNVERIFIED.
 * @param[in] index 0 to gist_risk_table_source_count() - 1.
 * @return The status; ::GIST_VERIFICATION_UNVERIFIED if out of range.
 */
GIST_API gist_verification gist_risk_table_source_verification(const gist_risk_table *table, size_t index);

/**
 * @brief Number of cells, including the cells left out.
 * @param[in] table The table; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_risk_table_cell_count(const gist_risk_table *table);
/**
 * @brief The @p index -th cell, in file order.
 * @param[in] table The table; NULL gives NULL.
 * @param[in] index 0 to gist_risk_table_cell_count() - 1.
 * @return Borrowed cell, valid while the table lives; NULL if out of range.
 */
GIST_API const gist_risk_cell *gist_risk_table_cell(const gist_risk_table *table, size_t index);

/**
 * @brief Write the whole table in readable form: every cell with its
 *        category, percentage, status and sources, and every source.
 * @param[out] out NUL-terminated UTF-8 text; caller frees with gist_free().
 * @param[in] table The table.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_table_to_text(char **out, const gist_risk_table *table);
/**
 * @brief Write the table as JSON: its metadata, sources and cells (with
 *        readable labels), as `gist risk show --json` prints it.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @param[in] table The table.
 * @param[in] flags 0 for indented output, or ::GIST_JSON_COMPACT.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or unknown flags; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_table_to_json(char **out, const gist_risk_table *table, unsigned int flags);

/** @} */

/** @name Cells
 * Every accessor accepts NULL and then returns NULL, 0 or the unknown value.
 * Strings are borrowed, valid while the cell's table lives.
 * @{ */

/** @brief Cell id, unique in its table, such as `"gastric.gt10.le5"`. @param[in] cell The cell. @return Borrowed string. */
GIST_API const char *gist_risk_cell_id(const gist_risk_cell *cell);
/** @brief Readable address, such as `"gastric, > 10 cm, <= 5 mitoses per 50 HPF"`. @param[in] cell The cell. @return Borrowed string. */
GIST_API const char *gist_risk_cell_label(const gist_risk_cell *cell);
/** @brief The category, or ::GIST_RISK_UNDETERMINED for a cell left out. @param[in] cell The cell. @return The category. */
GIST_API gist_risk_category gist_risk_cell_category(const gist_risk_cell *cell);
/**
 * @brief The percentage the source gives for the cell (AFIP: patients with
 *        progressive disease), or NaN where the table gives none.
 * @param[in] cell The cell; NULL gives NaN.
 * @return The percentage from 0 to 100, or NaN (test with isnan()).
 */
GIST_API double gist_risk_cell_percent(const gist_risk_cell *cell);
/** @brief Whether the cell was checked against the primary publication. @param[in] cell The cell. @return The status. */
GIST_API gist_verification gist_risk_cell_verification(const gist_risk_cell *cell);
/** @brief Whether the cell is left out (its source values conflict or could not be checked). @param[in] cell The cell. @return 1 or 0. */
GIST_API int gist_risk_cell_left_out(const gist_risk_cell *cell);
/**
 * @brief For a cell left out, why; otherwise the notes on the cell (a
 *        percentage not given and why, a caveat of the source), or `""`.
 * @param[in] cell The cell.
 * @return Borrowed string, never NULL for a non-NULL cell.
 */
GIST_API const char *gist_risk_cell_note(const gist_risk_cell *cell);
/** @brief Number of sources the cell cites. @param[in] cell The cell. @return The count. */
GIST_API size_t gist_risk_cell_source_count(const gist_risk_cell *cell);
/**
 * @brief Id of the @p index -th source the cell cites (see gist_risk_table_source_id()).
 * @param[in] cell The cell.
 * @param[in] index 0 to gist_risk_cell_source_count() - 1.
 * @return Borrowed string, or NULL if out of range.
 */
GIST_API const char *gist_risk_cell_source(const gist_risk_cell *cell, size_t index);

/** @} */

/** @name Looking up a tumour
 * @{ */

/** Version of ::gist_risk_input understood by this library. */
#define GIST_RISK_INPUT_VERSION 1

/**
 * @brief The facts of a resected primary tumour that risk tables use.
 *
 * Initialise with gist_risk_input_init(), which records every fact as
 * unknown, then set what is known. Fields are only ever added at the end.
 */
typedef struct gist_risk_input {
    unsigned int version;           /**< Must be ::GIST_RISK_INPUT_VERSION. */
    gist_tumour_site site;          /**< Primary site. */
    double size_cm;                 /**< Largest dimension in cm, more than 0 and at most 100; NaN when not recorded. */
    double mitotic_count;           /**< Mitoses counted in @c mitotic_unit, from 0 to 10000; NaN when not recorded. */
    gist_mitotic_unit mitotic_unit; /**< The area the count was made in. */
    gist_tristate rupture;          /**< Tumour rupture (before or during surgery). */
} gist_risk_input;

/**
 * @brief Fill @p input with the version and every fact unknown (NaN for the numbers).
 * @param[out] input Struct to initialise (caller-owned).
 * @return ::GIST_OK, or ::GIST_EINVAL if @p input is NULL.
 */
GIST_API gist_status gist_risk_input_init(gist_risk_input *input);

/**
 * @brief Set one fact of @p input from text, as the command line and the
 *        bindings read it.
 *
 * Fields: `site` (a ::gist_tumour_site name), `size_cm` and
 * `mitotic_count` (plain decimal numbers: no sign, exponent or hex),
 * `mitotic_unit` (`per_50_hpf` or `per_5_mm2`), `rupture` (`yes`, `no` or
 * `unknown`). An empty value records the fact as unknown.
 * @param[in,out] input An initialised input; unchanged on failure.
 * @param[in] field The field name.
 * @param[in] value Its value.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or an unknown field;
 *         ::GIST_ESCHEMA for an unknown name; ::GIST_EPARSE for text that is not a
 *         number; ::GIST_ERANGE for a number out of range. The error names the field.
 */
GIST_API gist_status gist_risk_input_set(gist_risk_input *input, const char *field, const char *value);

/**
 * @brief Look a tumour up in a table.
 *
 * Never guesses: the result is a category only when every cell compatible
 * with the recorded facts gives that category. A count in a unit other than
 * the table's is read only as the table says (an inference the result
 * notes); otherwise it counts as not recorded.
 * @param[out] out The result; caller frees with gist_risk_result_free(). NULL on failure.
 * @param[in] table The table (the result keeps it alive).
 * @param[in] input The tumour.
 * @return ::GIST_OK (also for an undetermined result); ::GIST_EINVAL for NULL
 *         or an out-of-range enum; ::GIST_EVERSION for an unknown input version;
 *         ::GIST_ERANGE for a size or count out of range; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_assess(gist_risk_result **out, const gist_risk_table *table,
                                      const gist_risk_input *input);

/**
 * @brief Free a result (and its reference to the table).
 * @param[in] result The result; NULL is accepted.
 */
GIST_API void gist_risk_result_free(gist_risk_result *result);

/**
 * @brief The category, or ::GIST_RISK_UNDETERMINED (see gist_risk_result_why()).
 * @param[in] result The result; NULL gives ::GIST_RISK_UNDETERMINED.
 * @return The category.
 */
GIST_API gist_risk_category gist_risk_result_category(const gist_risk_result *result);
/**
 * @brief Verified only if every cell behind the category was verified and
 *        the lookup read no value by an inference (a count per 5 mm² read per
 *        50 HPF, a size between two bands as the source writes them).
 * @param[in] result The result; NULL gives ::GIST_VERIFICATION_UNVERIFIED.
 * @return The status.
 */
GIST_API gist_verification gist_risk_result_verification(const gist_risk_result *result);
/**
 * @brief The table the result came from.
 * @param[in] result The result; NULL gives NULL.
 * @return Borrowed table, valid while the result lives.
 */
GIST_API const gist_risk_table *gist_risk_result_table(const gist_risk_result *result);
/**
 * @brief Number of cells compatible with the recorded facts: one when every
 *        fact the table uses is recorded.
 * @param[in] result The result; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_risk_result_cell_count(const gist_risk_result *result);
/**
 * @brief The @p index -th compatible cell, in table order.
 * @param[in] result The result; NULL gives NULL.
 * @param[in] index 0 to gist_risk_result_cell_count() - 1.
 * @return Borrowed cell, valid while the result lives; NULL if out of range.
 */
GIST_API const gist_risk_cell *gist_risk_result_cell(const gist_risk_result *result, size_t index);
/**
 * @brief Number of facts, not recorded, that would decide an undetermined result.
 * @param[in] result The result; NULL gives 0.
 * @return The count (0 for a result with a category).
 */
GIST_API size_t gist_risk_result_missing_count(const gist_risk_result *result);
/**
 * @brief Name of the @p index -th deciding fact: a field of ::gist_risk_input
 *        (`"site"`, `"size_cm"`, `"mitotic_count"`, `"mitotic_unit"`, `"rupture"`).
 * @param[in] result The result; NULL gives NULL.
 * @param[in] index 0 to gist_risk_result_missing_count() - 1.
 * @return A static string, or NULL if out of range.
 */
GIST_API const char *gist_risk_result_missing(const gist_risk_result *result, size_t index);
/**
 * @brief Why the result is undetermined, with the step that would decide it; `""` otherwise.
 * @param[in] result The result; NULL gives NULL.
 * @return Borrowed string, valid while the result lives.
 */
GIST_API const char *gist_risk_result_why(const gist_risk_result *result);
/**
 * @brief Number of notes: inferences the lookup made (a unit read as another,
 *        a band boundary), facts the table does not consider, facts not
 *        recorded that did not matter.
 * @param[in] result The result; NULL gives 0.
 * @return The count.
 */
GIST_API size_t gist_risk_result_note_count(const gist_risk_result *result);
/**
 * @brief The @p index -th note.
 * @param[in] result The result; NULL gives NULL.
 * @param[in] index 0 to gist_risk_result_note_count() - 1.
 * @return Borrowed string, valid while the result lives; NULL if out of range.
 */
GIST_API const char *gist_risk_result_note(const gist_risk_result *result, size_t index);

/**
 * @brief Write the result as JSON: the table (id, version, evidence,
 *        citation), the input, the category and its status, the cells,
 *        the deciding facts, the reason and the notes.
 * @param[out] out NUL-terminated text; caller frees with gist_free().
 * @param[in] result The result.
 * @param[in] flags 0 for indented output, or ::GIST_JSON_COMPACT.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL or unknown flags; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_result_to_json(char **out, const gist_risk_result *result, unsigned int flags);
/**
 * @brief Write the result in readable form for a clinician.
 * @param[out] out NUL-terminated UTF-8 text; caller frees with gist_free().
 * @param[in] result The result.
 * @return ::GIST_OK; ::GIST_EINVAL for NULL; ::GIST_ENOMEM.
 */
GIST_API gist_status gist_risk_result_to_text(char **out, const gist_risk_result *result);

/** @} */

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* GIST_RISK_H */
