/*
 * libgist - internal declarations shared by the library's modules.
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef GIST_INTERNAL_H
#define GIST_INTERNAL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "gist/gist.h"

#if defined(__GNUC__)
#define GIST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GIST_LIKELY(x) __builtin_expect(!!(x), 1)
#define GIST_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define GIST_PRINTF(f, a)
#define GIST_LIKELY(x) (x)
#define GIST_UNLIKELY(x) (x)
#endif

/* Largest JSON document the readers accept. */
#define GIST_MAX_INPUT_BYTES (16u * 1024u * 1024u)
/* Longest name or identifier (agent names, ids). */
#define GIST_MAX_NAME_BYTES 256u
/* Longest free text in a pathway (rationale, description). */
#define GIST_MAX_TEXT_BYTES 65536u

/* ---- memory (alloc.c) ---- */
void *gist__malloc(size_t size);
void *gist__calloc(size_t n, size_t size);
void *gist__realloc(void *ptr, size_t size);
void gist__free(void *ptr);
char *gist__strndup(const char *s, size_t n);

/* ---- errors (error.c) ---- */
/* Record an error with no input location; returns status. */
gist_status gist__error(gist_status status, const char *fmt, ...) GIST_PRINTF(2, 3);
/* Record an error about input: source, line, column (0 if unknown), field. */
gist_status gist__error_at(gist_status status, const char *source, unsigned long line, unsigned long column,
                           const char *field, const char *fmt, ...) GIST_PRINTF(6, 7);
gist_status gist__error_atv(gist_status status, const char *source, unsigned long line, unsigned long column,
                            const char *field, const char *fmt, va_list ap) GIST_PRINTF(6, 0);
#define GIST_CHECK_NULL(p, fn, what) \
    do { if (GIST_UNLIKELY((p) == NULL)) return gist__error(GIST_EINVAL, "%s: %s is NULL", fn, what); } while (0)

/* ---- growable string (strbuf.c) ---- */
typedef struct gist_sb {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* an allocation failed: every later append is a no-op */
} gist_sb;
void gist_sb_init(gist_sb *sb);
void gist_sb_free(gist_sb *sb);
void gist_sb_putn(gist_sb *sb, const char *s, size_t n);
void gist_sb_puts(gist_sb *sb, const char *s);
void gist_sb_putc(gist_sb *sb, char c);
void gist_sb_printf(gist_sb *sb, const char *fmt, ...) GIST_PRINTF(2, 3);
void gist_sb_indent(gist_sb *sb, int depth);
/* Append s as a JSON string literal (quoted, escaped). NULL gives null. */
void gist_sb_json_str(gist_sb *sb, const char *s);
/* Append a number the shortest way that round-trips ("400", "37.5"). */
void gist_sb_num(gist_sb *sb, double x);
/* Hand the text to the caller (NUL-terminated) or fail with ENOMEM. */
gist_status gist_sb_finish(gist_sb *sb, char **out);
/* Whether the n bytes at s are well-formed UTF-8 (no overlong forms, surrogates or NUL). */
int gist__utf8_valid(const char *s, size_t n);

/* A small JSON writer over gist_sb with optional indentation. */
typedef struct gist_jw {
    gist_sb *sb;
    int depth;
    int compact;
    int first; /* no member written yet at this level */
} gist_jw;
void gist_jw_init(gist_jw *w, gist_sb *sb, int compact);
void gist_jw_begin_object(gist_jw *w);
void gist_jw_end_object(gist_jw *w);
void gist_jw_begin_array(gist_jw *w);
void gist_jw_end_array(gist_jw *w);
void gist_jw_key(gist_jw *w, const char *key);   /* member name inside an object */
void gist_jw_item(gist_jw *w);                   /* before each array element */
void gist_jw_str(gist_jw *w, const char *key, const char *value);
void gist_jw_num(gist_jw *w, const char *key, double value);
void gist_jw_int(gist_jw *w, const char *key, long long value);
void gist_jw_bool(gist_jw *w, const char *key, int value);
void gist_jw_null(gist_jw *w, const char *key);

/* ---- arena (arena.c): many small allocations freed together ---- */
typedef struct gist_arena_chunk gist_arena_chunk;
typedef struct gist_arena {
    gist_arena_chunk *head;
} gist_arena;
void gist_arena_init(gist_arena *a);
void gist_arena_free(gist_arena *a);
void *gist_arena_alloc(gist_arena *a, size_t size); /* zeroed, 16-byte aligned; NULL on failure */
char *gist_arena_strndup(gist_arena *a, const char *s, size_t n);
char *gist_arena_strdup(gist_arena *a, const char *s);

/* ---- names (names.c) ---- */
/* Find value v with names[v] equal to s (case-sensitive, machine names). -1 if none. */
int gist__name_index(const char *const *names, int count, const char *s);
extern const char *const gist__setting_names[GIST_SETTING_COUNT];
extern const char *const gist__genotype_names[GIST_GENOTYPE_COUNT];
extern const char *const gist__response_names[GIST_RESPONSE_COUNT];
extern const char *const gist__basis_names[GIST_BASIS_COUNT];
extern const char *const gist__extent_names[GIST_EXTENT_COUNT];
extern const char *const gist__tolerance_names[GIST_TOLERANCE_COUNT];
extern const char *const gist__stop_names[GIST_STOP_COUNT];
extern const char *const gist__schedule_names[GIST_SCHEDULE_COUNT];
extern const char *const gist__action_names[GIST_ACTION_END];
extern const char *const gist__severity_names[GIST_SEVERITY_END];
extern const char *const gist__tristate_names[3];

/* ---- agents (agent.c) ---- */
struct gist_agent_dose {
    double mg;
    gist_schedule schedule;
    const char *text;
    const char *evidence;
};
struct gist_agent {
    const char *name;
    const char *atc;
    const char *atc_legacy;
    const char *rxnorm;
    const char *klass;
    const char *synonyms[6];
    const char *brands[4];
    const char *targets[10];
    struct gist_agent_dose doses[3];
};
extern const struct gist_agent gist__agents[];
extern const size_t gist__agent_count;
/* The agent a name denotes, or NULL (no error recorded). */
const gist_agent *gist__agent_find(const char *name);
/* Lookup recording errors against an input location (source may be NULL). */
gist_status gist__agent_lookup_at(const gist_agent **out, const char *name, const char *source, unsigned long line,
                                  unsigned long column, const char *field);

/* ---- facts: the vocabulary pathways reason over (facts.c) ---- */
enum gist_fact_id {
    GIST_FACT_SETTING,
    GIST_FACT_GENOTYPE,
    GIST_FACT_AGENT,
    GIST_FACT_DOSE,
    GIST_FACT_SCHEDULE,
    GIST_FACT_LINE,
    GIST_FACT_RESPONSE,
    GIST_FACT_CONFIRMED_BY,
    GIST_FACT_EXTENT,
    GIST_FACT_TOLERANCE,
    GIST_FACT_INTERRUPTED,
    GIST_FACT_REFERRED,
    GIST_FACT_FAILED_LINES,
    GIST_FACT_PRIOR_AGENTS,
    GIST_FACT_COUNT
};
enum gist_fact_type {
    GIST_FT_ENUM,   /* value: index into names; predicate: membership */
    GIST_FT_BOOL,   /* value: 0 or 1 */
    GIST_FT_AGENT,  /* value: 0 = none, agent index + 1 */
    GIST_FT_NUMBER, /* value: num */
    GIST_FT_AGENTS  /* value: bit set of agent indexes */
};
struct gist_fact_def {
    const char *name;
    enum gist_fact_type type;
    const char *const *names; /* GIST_FT_ENUM: value names, index 0 is "unknown" */
    int name_count;
    const char *hint;         /* how to establish it, unless the pathway says better */
};
extern const struct gist_fact_def gist__facts[GIST_FACT_COUNT];
int gist__fact_index(const char *name);
/* Every value a known fact can take, as a mask of value bits (enum, bool and agent facts). */
uint64_t gist__fact_full_mask(int fact);

/* The facts of one patient, refreshed after every change. */
typedef struct gist_facts {
    uint32_t known;                  /* bit f set: fact f is known */
    uint64_t bits[GIST_FACT_COUNT];  /* enum, bool and agent values; agent sets */
    double num[GIST_FACT_COUNT];     /* number values */
} gist_facts;

/* ---- patient (patient.c) ---- */
struct gist_prior {
    uint8_t agent; /* index */
    uint8_t reason;
    uint8_t setting;
};
struct gist_patient {
    char *id;
    uint8_t setting, genotype, on_treatment, response, basis, extent, tolerance, interrupted, referred,
        prior_known, schedule;
    int agent; /* index, valid when on_treatment == YES */
    int line_stated;
    double dose_mg;
    size_t prior_count;
    struct gist_prior prior[GIST_PATIENT_MAX_PRIOR];
    gist_facts facts;
};

/* Recompute the derived fact table after changing fields directly. */
void gist__patient_refresh(gist_patient *p);

/* ---- pathway (pathway.c) ---- */
enum gist_pred_op { GIST_OP_IN, GIST_OP_RANGE, GIST_OP_HAS_ALL, GIST_OP_HAS_ANY, GIST_OP_HAS_NONE };
/* Three-valued results; the numbers are used directly by the engine. */
enum { GIST_FALSE = 0, GIST_TRUE = 1, GIST_UNKNOWN = 2 };
struct gist_pred {
    uint8_t fact;
    uint8_t op;
    uint8_t if_unknown; /* GIST_FALSE, GIST_TRUE or GIST_UNKNOWN */
    uint8_t negated;    /* written as not_in (mask holds the allowed values either way) */
    uint64_t mask;      /* IN: allowed values; HAS_*: agent set */
    double lo, hi;      /* RANGE, inclusive */
    const char *text;   /* readable form */
};
struct gist_option {
    gist_action action;
    int agent; /* index or -1 */
    double dose_mg;
    gist_schedule schedule;
    int line;
    const char *dose_text;
    const char *summary;
    const char *rationale;
    const char **evidence;
    size_t evidence_count;
};
struct gist_alert {
    const char *id;
    gist_severity severity;
    const char *text;
    const char **evidence;
    size_t evidence_count;
};
struct gist_rule {
    const char *id;
    gist_rule_kind kind;
    const char *title;
    const char *rationale;
    const char *notes;
    const char **evidence;
    size_t evidence_count;
    struct gist_pred *preds;
    size_t pred_count;
    struct gist_option *options;
    size_t option_count;
    const gist_alert **alerts;
    size_t alert_count;
};
struct gist_pathway {
    atomic_size_t refs;
    gist_arena arena;
    const char *id, *version, *title, *description, *source;
    const char **evidence_ids;
    const char **evidence_texts;
    size_t evidence_count;
    struct gist_alert *alerts; /* the alert table */
    size_t alert_table_count;
    const char *hints[GIST_FACT_COUNT];
    struct gist_rule *rules;
    size_t rule_count;
    size_t max_alerts; /* most alerts one advice can carry */
};
/* Take a reference: returns the same pathway, which the caller later releases with gist_pathway_free(). */
gist_pathway *gist__pathway_retain(const gist_pathway *pw);
/* The interned evidence id of the pathway equal to id, or NULL. */
const char *gist__pathway_evidence_find(const gist_pathway *pw, const char *id);

/* ---- engine (engine.c) ---- */
int gist__rule_eval(const struct gist_rule *rule, const gist_facts *facts, uint32_t *unknown_facts);

/* ---- JSON input helpers (json_in.c) ---- */
struct json_t;
typedef struct gist_jpath {
    const char *key[16]; /* object member names, or NULL for an array index */
    size_t index[16];
    int depth;
} gist_jpath;
typedef struct gist_jin {
    const char *text;
    size_t length;
    const char *source;
    gist_jpath path;
} gist_jin;
/* Parse text with jansson; strict (duplicate keys rejected) and limited. */
gist_status gist__json_parse(gist_jin *in, struct json_t **out);
/* Read a whole file (at most GIST_MAX_INPUT_BYTES). Caller frees *out with gist__free. */
gist_status gist__read_file(const char *path, char **out, size_t *length);
void gist_jpath_push_key(gist_jpath *p, const char *key);
void gist_jpath_push_index(gist_jpath *p, size_t index);
void gist_jpath_pop(gist_jpath *p);
/* Record an error located at the current path (at_key: point at the member name). */
gist_status gist__jin_error(gist_jin *in, int at_key, gist_status status, const char *fmt, ...) GIST_PRINTF(4, 5);
/* Locate the current path in the text. */
void gist__jin_locate(const gist_jin *in, int at_key, unsigned long *line, unsigned long *column);
/* Check that every member of obj is one of the NULL-terminated allowed names. */
gist_status gist__jin_check_keys(gist_jin *in, struct json_t *obj, const char *const *allowed);
/* Typed member access: absent members leave *out alone and return GIST_OK with *present = 0. */
gist_status gist__jin_string(gist_jin *in, struct json_t *obj, const char *key, int required, size_t max_len,
                             const char **out);
gist_status gist__jin_number(gist_jin *in, struct json_t *obj, const char *key, int required, double *out,
                             int *present);
/* An agent name member, resolved through the registry (errors located at the member). */
gist_status gist__jin_agent(gist_jin *in, struct json_t *obj, const char *key, int required,
                            const gist_agent **out);
gist_status gist__jin_enum(gist_jin *in, struct json_t *obj, const char *key, int required,
                           const char *const *names, int count, int *out);

#endif /* GIST_INTERNAL_H */
