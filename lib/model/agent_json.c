/*
 * Agent registry files (format gist-agents/1, docs/agents-format.md): the
 * reader, which validates everything and reports file:line:column, and the
 * writer.
 *
 * The reader serves the built-in registry (no base: the file defines the
 * schedules too) and extensions of a base registry (new agents after the
 * base's, and more names for the base's agents; nothing the base states may
 * change). A name, synonym, brand or code must name one agent only.
 * SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/agent.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/json_out.h"
#include "util/names.h"
#include "util/strbuf.h"

#define FORMAT "gist-agents/1"
#define MAX_NAMES 16u    /* synonyms, brands of one agent */
#define MAX_TARGETS 32u
#define MAX_DOSES 8u
#define MAX_EVIDENCE 256u
#define MAX_LABEL 128u   /* names, codes, classes, targets */
#define MAX_DOSE_MG 100000.0
#define MAX_CYCLE_DAYS 365

typedef struct reader {
    gist_jin *in;
    gist_registry *reg;
    const gist_registry *base; /* NULL for the built-in file */
} reader;

static const char *const top_keys[] = {"format", "description", "evidence", "schedules", "agents", NULL};
static const char *const agent_keys[] = {"name",     "atc",    "atc_legacy", "rxnorm", "class",
                                         "synonyms", "brands", "targets",    "doses",  NULL};
static const char *const extend_keys[] = {"extends", "synonyms", "brands", NULL};
static const char *const dose_keys[] = {"dose_mg", "schedule", "text", "evidence", NULL};
static const char *const schedule_keys[] = {"on_days", "cycle_days", "text", "evidence", NULL};

static gist_status err(reader *R, gist_status st, const char *fmt, ...) GIST_PRINTF(3, 4);
static gist_status err(reader *R, gist_status st, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return gist__jin_error(R->in, 0, st, "%s", text);
}

static gist_status oom(reader *R)
{
    return gist__error(GIST_ENOMEM, "out of memory reading agent registry %s", R->in->source);
}

static const char *dup(reader *R, const char *s)
{
    return gist__arena_strdup(&R->reg->arena, s);
}

/* ---- the forms of names and codes ---- */

static int printable_label(const char *s, size_t n)
{
    if (n == 0 || n > MAX_LABEL || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

/* A canonical name: lower case, starting with a letter (international non-proprietary names). */
static int canonical_name(const char *s)
{
    if (!islower((unsigned char)s[0]))
        return 0;
    for (; *s; s++)
        if (isupper((unsigned char)*s))
            return 0;
    return 1;
}

/* A WHO ATC code of the fifth level: letter, 2 digits, 2 letters, 2 digits (L01EA01). */
static int atc_code(const char *s)
{
    static const char form[] = "A99AA99";
    if (strlen(s) != 7)
        return 0;
    for (int i = 0; i < 7; i++)
        if (form[i] == 'A' ? !isupper((unsigned char)s[i]) : !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int rxcui(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int valid_evidence_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-/", s[i]))
            return 0;
    return 1;
}

/* ---- members ---- */

/* An array member whose length is checked (absent: *out = NULL). */
static gist_status get_array(reader *R, json_t *obj, const char *key, size_t max, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL)
        return GIST_OK;
    gist__jpath_push_key(&R->in->path, key);
    gist_status st = GIST_OK;
    if (!json_is_array(v))
        st = err(R, GIST_ESCHEMA, "\"%s\" must be an array", key);
    else if (json_array_size(v) > max)
        st = err(R, GIST_ELIMIT, "\"%s\" has %zu entries; the limit is %zu", key, json_array_size(v), max);
    gist__jpath_pop(&R->in->path);
    if (st == GIST_OK)
        *out = v;
    return st;
}

/* A string member of at most MAX_LABEL printable bytes without surrounding space; "" if absent
 * and optional. The value is copied into the registry. */
static gist_status get_label(reader *R, json_t *obj, const char *key, int required, int allow_empty,
                             const char **out)
{
    const char *s = NULL;
    gist_status st = gist__jin_string(R->in, obj, key, required, MAX_LABEL, &s);
    if (st != GIST_OK)
        return st;
    if (s == NULL)
        s = "";
    if (!(allow_empty && s[0] == '\0') && !printable_label(s, strlen(s))) {
        gist__jpath_push_key(&R->in->path, key);
        st = err(R, GIST_ESCHEMA, "\"%s\" must be 1-%u printable bytes without surrounding white space", key,
                 MAX_LABEL);
        gist__jpath_pop(&R->in->path);
        return st;
    }
    return (*out = dup(R, s)) != NULL ? GIST_OK : oom(R);
}

/* The agent (in the registry so far) that a name, synonym, brand or code already denotes. */
static const gist_agent *owner(reader *R, const char *name)
{
    return gist__registry_find(R->reg, name);
}

static int eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

/* Every name of agent a that equals s, ignoring case (its own names before they are registered). */
static int own_name(const struct gist_agent *a, const char *s)
{
    if ((a->name && eq_nocase(a->name, s)) || (a->atc && a->atc[0] && eq_nocase(a->atc, s)) ||
        (a->atc_legacy && a->atc_legacy[0] && eq_nocase(a->atc_legacy, s)))
        return 1;
    for (size_t i = 0; i < a->synonym_count; i++)
        if (eq_nocase(a->synonyms[i], s))
            return 1;
    for (size_t i = 0; i < a->brand_count; i++)
        if (eq_nocase(a->brands[i], s))
            return 1;
    return 0;
}

/* A name agent a is about to take must name nothing yet (the error points at the current path). */
static gist_status check_free(reader *R, const struct gist_agent *a, const char *s)
{
    const gist_agent *other = owner(R, s);
    if (other != NULL && other->index == a->index)
        other = NULL; /* the agent itself (or the base's copy of it): its own names are checked below */
    if (other != NULL)
        return err(R, GIST_ESCHEMA, "\"%s\" already names agent \"%s\"", s, other->name);
    if (own_name(a, s))
        return err(R, GIST_ESCHEMA, "\"%s\" is already a name of \"%s\"", s, a->name);
    return GIST_OK;
}

/* Append the strings of member key (synonyms or brands) to *list, each checked to name nothing yet. */
static gist_status add_names(reader *R, json_t *obj, const char *key, struct gist_agent *a,
                             const char *const **list, size_t *count)
{
    json_t *arr;
    gist_status st = get_array(R, obj, key, MAX_NAMES, &arr);
    if (st != GIST_OK || arr == NULL || json_array_size(arr) == 0)
        return st;
    size_t n = *count + json_array_size(arr);
    if (n > MAX_NAMES) {
        gist__jpath_push_key(&R->in->path, key);
        st = err(R, GIST_ELIMIT, "agent \"%s\" would have %zu %s; the limit is %u", a->name, n, key, MAX_NAMES);
        gist__jpath_pop(&R->in->path);
        return st;
    }
    const char **grown = gist__arena_alloc(&R->reg->arena, n * sizeof *grown);
    if (grown == NULL)
        return oom(R);
    for (size_t i = 0; i < *count; i++)
        grown[i] = (*list)[i];
    gist__jpath_push_key(&R->in->path, key);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        gist__jpath_push_index(&R->in->path, i);
        const char *s = json_string_value(v);
        if (!json_is_string(v) || strlen(s) != json_string_length(v) || !printable_label(s, strlen(s)))
            st = err(R, GIST_ESCHEMA, "a name is a string of 1-%u printable bytes without surrounding white space",
                     MAX_LABEL);
        else if ((st = check_free(R, a, s)) == GIST_OK && (grown[*count] = dup(R, s)) == NULL)
            st = oom(R);
        gist__jpath_pop(&R->in->path);
        if (st != GIST_OK)
            break;
        *list = grown; /* visible to own_name() for the next entry */
        (*count)++;
    }
    gist__jpath_pop(&R->in->path);
    return st;
}

static gist_status get_targets(reader *R, json_t *obj, struct gist_agent *a)
{
    json_t *arr;
    gist_status st = get_array(R, obj, "targets", MAX_TARGETS, &arr);
    if (st != GIST_OK || arr == NULL || json_array_size(arr) == 0)
        return st;
    const char **t = gist__arena_alloc(&R->reg->arena, json_array_size(arr) * sizeof *t);
    if (t == NULL)
        return oom(R);
    gist__jpath_push_key(&R->in->path, "targets");
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        gist__jpath_push_index(&R->in->path, i);
        const char *s = json_string_value(v);
        if (!json_is_string(v) || strlen(s) != json_string_length(v) || !printable_label(s, strlen(s)) ||
            strchr(s, ' ') != NULL)
            st = err(R, GIST_ESCHEMA, "a target is a gene or protein symbol (1-%u printable bytes, no spaces)",
                     MAX_LABEL);
        else if ((t[i] = dup(R, s)) == NULL)
            st = oom(R);
        gist__jpath_pop(&R->in->path);
        if (st != GIST_OK)
            break;
    }
    gist__jpath_pop(&R->in->path);
    a->targets = t;
    a->target_count = st == GIST_OK ? json_array_size(arr) : 0;
    return st;
}

/* An evidence id member, resolved in this file's table or the base's (interned there). */
static gist_status get_evidence(reader *R, json_t *obj, int required, const char **out)
{
    const char *id = NULL;
    gist_status st = gist__jin_string(R->in, obj, "evidence", required, 64, &id);
    if (st != GIST_OK || id == NULL)
        return st;
    if (gist__registry_evidence(R->reg, id, out) == NULL) {
        gist__jpath_push_key(&R->in->path, "evidence");
        st = err(R, GIST_ENOTFOUND, "evidence id \"%s\" is not in the registry's evidence table", id);
        gist__jpath_pop(&R->in->path);
    }
    return st;
}

static gist_status get_doses(reader *R, json_t *obj, struct gist_agent *a)
{
    json_t *arr;
    gist_status st = get_array(R, obj, "doses", MAX_DOSES, &arr);
    if (st != GIST_OK || arr == NULL || json_array_size(arr) == 0)
        return st;
    struct gist_agent_dose *d = gist__arena_alloc(&R->reg->arena, json_array_size(arr) * sizeof *d);
    if (d == NULL)
        return oom(R);
    gist__jpath_push_key(&R->in->path, "doses");
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        gist__jpath_push_index(&R->in->path, i);
        int schedule = 0;
        if (!json_is_object(v))
            st = err(R, GIST_ESCHEMA, "a dose is an object with dose_mg, schedule, text and evidence");
        if (st == GIST_OK)
            st = gist__jin_check_keys(R->in, v, dose_keys);
        if (st == GIST_OK)
            st = gist__jin_number(R->in, v, "dose_mg", 1, &d[i].mg, NULL);
        if (st == GIST_OK && (d[i].mg <= 0 || d[i].mg > MAX_DOSE_MG)) {
            gist__jpath_push_key(&R->in->path, "dose_mg");
            st = err(R, GIST_ERANGE, "a daily dose is greater than 0 and at most %g mg", MAX_DOSE_MG);
            gist__jpath_pop(&R->in->path);
        }
        /* a standard dose states its schedule: every name but "unspecified" */
        if (st == GIST_OK)
            st = gist__jin_enum(R->in, v, "schedule", 1, gist__schedule_names + 1, GIST_SCHEDULE_COUNT - 1,
                                &schedule);
        d[i].schedule = (gist_schedule)(schedule + 1);
        if (st == GIST_OK) {
            const char *text = NULL;
            if ((st = gist__jin_string(R->in, v, "text", 1, GIST_MAX_NAME_BYTES, &text)) == GIST_OK &&
                text[0] == '\0') {
                gist__jpath_push_key(&R->in->path, "text");
                st = err(R, GIST_ESCHEMA, "\"text\" must not be empty");
                gist__jpath_pop(&R->in->path);
            }
            if (st == GIST_OK && (d[i].text = dup(R, text)) == NULL)
                st = oom(R);
        }
        if (st == GIST_OK)
            st = get_evidence(R, v, 1, &d[i].evidence);
        gist__jpath_pop(&R->in->path);
        if (st != GIST_OK)
            break;
    }
    gist__jpath_pop(&R->in->path);
    a->doses = d;
    a->dose_count = st == GIST_OK ? json_array_size(arr) : 0;
    return st;
}

static double max_daily_mg(const struct gist_agent *a)
{
    /* An input-plausibility bound (gist_agent_max_daily_mg), not advice. */
    double hi = 0;
    for (size_t i = 0; i < a->dose_count; i++)
        if (a->doses[i].mg > hi)
            hi = a->doses[i].mg;
    return hi > 0 ? 2 * hi : 2000;
}

/* A code member (ATC or RxNorm): "" if absent; otherwise of its form and naming nothing yet. */
static gist_status get_code(reader *R, json_t *obj, const char *key, int (*form)(const char *), const char *what,
                            struct gist_agent *a, const char **out)
{
    const char *code = "";
    gist_status st = get_label(R, obj, key, 0, 1, &code);
    if (st != GIST_OK || code[0] == '\0') {
        *out = code;
        return st;
    }
    gist__jpath_push_key(&R->in->path, key);
    if (!form(code))
        st = err(R, GIST_ESCHEMA, "\"%s\" is not %s", code, what);
    else if (form != rxcui) /* codes are names too: "L01EA01" looks imatinib up */
        st = check_free(R, a, code);
    gist__jpath_pop(&R->in->path);
    *out = code; /* only now one of a's names (check_free compares against them) */
    return st;
}

/* A new agent, appended to the registry. */
static gist_status read_agent(reader *R, json_t *v, struct gist_agent *a)
{
    gist_status st = gist__jin_check_keys(R->in, v, agent_keys);
    a->index = R->reg->count;
    if (st == GIST_OK)
        st = get_label(R, v, "name", 1, 0, &a->name);
    if (st == GIST_OK) {
        gist__jpath_push_key(&R->in->path, "name");
        if (!canonical_name(a->name))
            st = err(R, GIST_ESCHEMA, "the name \"%s\" must be the lower-case international non-proprietary name",
                     a->name);
        else {
            const gist_agent *other = owner(R, a->name);
            if (other != NULL)
                st = err(R, GIST_ESCHEMA, "\"%s\" already names agent \"%s\"%s", a->name, other->name,
                         other->index < (R->base ? R->base->count : 0)
                             ? " of the base registry; add names to it with {\"extends\": ...}"
                             : "");
        }
        gist__jpath_pop(&R->in->path);
    }
    if (st == GIST_OK)
        st = get_code(R, v, "atc", atc_code, "a WHO ATC code (such as L01EA01)", a, &a->atc);
    if (st == GIST_OK)
        st = get_code(R, v, "atc_legacy", atc_code, "a WHO ATC code (such as L01XE01)", a, &a->atc_legacy);
    if (st == GIST_OK)
        st = get_code(R, v, "rxnorm", rxcui, "an RxNorm concept id (1-10 digits)", a, &a->rxnorm);
    if (st == GIST_OK)
        st = get_label(R, v, "class", 1, 0, &a->klass);
    if (st == GIST_OK)
        st = add_names(R, v, "synonyms", a, &a->synonyms, &a->synonym_count);
    if (st == GIST_OK)
        st = add_names(R, v, "brands", a, &a->brands, &a->brand_count);
    if (st == GIST_OK)
        st = get_targets(R, v, a);
    if (st == GIST_OK)
        st = get_doses(R, v, a);
    a->max_daily_mg = max_daily_mg(a);
    return st;
}

/* More names for an agent already in the registry: the registry's own copy gains them. */
static gist_status read_extension(reader *R, json_t *v)
{
    gist_status st = gist__jin_check_keys(R->in, v, extend_keys);
    const char *name = NULL;
    if (st == GIST_OK)
        st = gist__jin_string(R->in, v, "extends", 1, GIST_MAX_NAME_BYTES, &name);
    const gist_agent *target = NULL;
    if (st == GIST_OK) {
        unsigned long line = 0, column = 0;
        char field[256];
        gist__jin_member_at(R->in, "extends", &line, &column, field, sizeof field);
        st = gist__registry_lookup_at(&target, R->reg, name, R->in->source, line, column, field);
    }
    if (st != GIST_OK)
        return st;
    struct gist_agent *a;
    if (R->base != NULL && target->index < R->base->count && target == R->base->agents[target->index]) {
        /* first extension of a base agent: copy it (its strings stay the base's, which we retain) */
        if ((a = gist__arena_alloc(&R->reg->arena, sizeof *a)) == NULL)
            return oom(R);
        *a = *target;
    } else {
        union { /* an agent this registry already owns (new in this file, or copied above) */
            // cppcheck-suppress unusedStructMember
            const gist_agent *c;
            struct gist_agent *m;
        } u = {target};
        a = u.m;
    }
    st = add_names(R, v, "synonyms", a, &a->synonyms, &a->synonym_count);
    if (st == GIST_OK)
        st = add_names(R, v, "brands", a, &a->brands, &a->brand_count);
    if (st == GIST_OK)
        R->reg->agents[a->index] = a;
    return st;
}

static gist_status read_agents(reader *R, json_t *root)
{
    json_t *arr = json_object_get(root, "agents");
    if (arr == NULL)
        return err(R, GIST_ESCHEMA, "missing required field \"agents\"");
    gist__jpath_push_key(&R->in->path, "agents");
    gist_status st = GIST_OK;
    size_t fresh_count = 0, i;
    json_t *v;
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        st = err(R, GIST_ESCHEMA, "\"agents\" must be a non-empty array");
    json_array_foreach(arr, i, v) {
        if (st == GIST_OK && !json_is_object(v)) {
            gist__jpath_push_index(&R->in->path, i);
            st = err(R, GIST_ESCHEMA, "an agent is an object: {\"name\": ...} or {\"extends\": ...}");
            gist__jpath_pop(&R->in->path);
        }
        if (st == GIST_OK && json_object_get(v, "extends") == NULL)
            fresh_count++;
    }
    if (st == GIST_OK && R->reg->count + fresh_count > GIST__REGISTRY_MAX_AGENTS)
        st = err(R, GIST_ELIMIT, "the registry would hold %zu agents; the limit is %u", R->reg->count + fresh_count,
                 GIST__REGISTRY_MAX_AGENTS);
    /* New agents are one array, in file order (the built-in registry's is gist__agents). */
    struct gist_agent *fresh = NULL;
    if (st == GIST_OK && fresh_count > 0 &&
        (fresh = gist__arena_alloc(&R->reg->arena, fresh_count * sizeof *fresh)) == NULL)
        st = oom(R);
    size_t k = 0;
    json_array_foreach(arr, i, v) {
        if (st != GIST_OK)
            break;
        gist__jpath_push_index(&R->in->path, i);
        if (json_object_get(v, "extends") != NULL && R->base == NULL) {
            st = err(R, GIST_ESCHEMA, "\"extends\" adds names to an agent of a base registry; this file has none");
        } else if (json_object_get(v, "extends") != NULL) {
            st = read_extension(R, v);
        } else if (fresh != NULL && (st = read_agent(R, v, &fresh[k])) == GIST_OK) {
            R->reg->agents[R->reg->count++] = &fresh[k];
            k++;
        }
        gist__jpath_pop(&R->in->path);
    }
    gist__jpath_pop(&R->in->path);
    return st;
}

/* ---- the header: evidence and schedules ---- */

static gist_status read_evidence(reader *R, json_t *root)
{
    json_t *ev = json_object_get(root, "evidence");
    if (ev == NULL)
        return GIST_OK;
    gist__jpath_push_key(&R->in->path, "evidence");
    gist_status st = GIST_OK;
    if (!json_is_object(ev))
        st = err(R, GIST_ESCHEMA, "\"evidence\" must be an object of evidence id: statement");
    else if (json_object_size(ev) > MAX_EVIDENCE)
        st = err(R, GIST_ELIMIT, "%zu evidence entries; the limit is %u", json_object_size(ev), MAX_EVIDENCE);
    size_t n = st == GIST_OK ? json_object_size(ev) : 0;
    gist_registry *reg = R->reg;
    if (n > 0) {
        reg->evidence_ids = gist__arena_alloc(&reg->arena, n * sizeof *reg->evidence_ids);
        reg->evidence_texts = gist__arena_alloc(&reg->arena, n * sizeof *reg->evidence_texts);
        if (reg->evidence_ids == NULL || reg->evidence_texts == NULL)
            st = oom(R);
    }
    const char *key;
    json_t *v;
    json_object_foreach(ev, key, v) {
        if (st != GIST_OK)
            break;
        gist__jpath_push_key(&R->in->path, key);
        if (!valid_evidence_id(key))
            st = gist__jin_error(R->in, 1, GIST_ESCHEMA,
                                 "evidence id \"%s\" must be 1-64 letters, digits, '.', '_', '-' or '/'", key);
        else if (R->base != NULL && gist__registry_evidence(R->base, key, NULL) != NULL)
            st = gist__jin_error(R->in, 1, GIST_ESCHEMA,
                                 "evidence id \"%s\" is already defined by the base registry; cite it without "
                                 "defining it again",
                                 key);
        else if (!json_is_string(v) || json_string_length(v) == 0)
            st = err(R, GIST_ESCHEMA, "the statement of evidence \"%s\" must be a non-empty string", key);
        else if (json_string_length(v) > GIST_MAX_TEXT_BYTES)
            st = err(R, GIST_ELIMIT, "statement longer than %u bytes", GIST_MAX_TEXT_BYTES);
        gist__jpath_pop(&R->in->path);
        if (st != GIST_OK)
            break;
        size_t k = reg->evidence_count;
        if ((reg->evidence_ids[k] = dup(R, key)) == NULL || (reg->evidence_texts[k] = dup(R, json_string_value(v))) == NULL)
            st = oom(R);
        else
            reg->evidence_count++;
    }
    gist__jpath_pop(&R->in->path);
    return st;
}

static gist_status get_days(reader *R, json_t *obj, const char *key, int min, int *out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL)
        return err(R, GIST_ESCHEMA, "missing required field \"%s\"", key);
    gist__jpath_push_key(&R->in->path, key);
    gist_status st = GIST_OK;
    if (!json_is_integer(v))
        st = err(R, GIST_ESCHEMA, "\"%s\" is a whole number of days", key);
    else if (json_integer_value(v) < min || json_integer_value(v) > MAX_CYCLE_DAYS)
        st = err(R, GIST_ERANGE, "\"%s\" is %d to %d days", key, min, MAX_CYCLE_DAYS);
    gist__jpath_pop(&R->in->path);
    if (st == GIST_OK)
        *out = (int)json_integer_value(v);
    return st;
}

static gist_status read_schedule(reader *R, json_t *v, const char *name, int continuous,
                                 struct gist_schedule_def *d)
{
    if (!json_is_object(v))
        return err(R, GIST_ESCHEMA, "a schedule is an object with on_days, cycle_days, text and evidence");
    gist_status st = gist__jin_check_keys(R->in, v, schedule_keys);
    if (st == GIST_OK)
        st = get_days(R, v, "on_days", 1, &d->on_days);
    if (st == GIST_OK)
        st = get_days(R, v, "cycle_days", d->on_days, &d->cycle_days);
    if (st != GIST_OK)
        return st;
    int breaks = d->on_days < d->cycle_days;
    if (breaks == continuous)
        return err(R, GIST_ESCHEMA, breaks ? "a continuous schedule has no days off"
                                           : "schedule \"%s\" has no days off: give fewer on_days than cycle_days",
                   name);
    const char *text = NULL;
    if ((st = gist__jin_string(R->in, v, "text", 1, GIST_MAX_NAME_BYTES, &text)) != GIST_OK)
        return st;
    if ((d->text = dup(R, text)) == NULL)
        return oom(R);
    d->evidence = "";
    return get_evidence(R, v, breaks, &d->evidence); /* a planned break is a claim: cite it */
}

/* The cycle of every schedule: defined by the built-in file, inherited by extensions. */
static gist_status read_schedules(reader *R, json_t *root)
{
    json_t *all = json_object_get(root, "schedules");
    if (R->base != NULL) {
        memcpy(R->reg->schedules, R->base->schedules, sizeof R->reg->schedules);
        if (all == NULL)
            return GIST_OK;
        gist__jpath_push_key(&R->in->path, "schedules");
        gist_status st = gist__jin_error(R->in, 1, GIST_ESCHEMA,
                                         "the schedules are those of the built-in registry; an extension cannot "
                                         "define them");
        gist__jpath_pop(&R->in->path);
        return st;
    }
    if (all == NULL)
        return err(R, GIST_ESCHEMA, "missing required field \"schedules\"");
    gist__jpath_push_key(&R->in->path, "schedules");
    gist_status st = json_is_object(all) ? GIST_OK : err(R, GIST_ESCHEMA, "\"schedules\" must be an object");
    const char *key;
    json_t *v;
    json_object_foreach(all, key, v) {
        if (st != GIST_OK)
            break;
        int s = gist__name_index(gist__schedule_names, GIST_SCHEDULE_COUNT, key);
        gist__jpath_push_key(&R->in->path, key);
        if (s <= 0)
            st = gist__jin_error(R->in, 1, GIST_ESCHEMA, "unknown schedule \"%s\"", key);
        else
            st = read_schedule(R, v, key, s == GIST_SCHEDULE_CONTINUOUS, &R->reg->schedules[s]);
        gist__jpath_pop(&R->in->path);
    }
    for (int s = 1; st == GIST_OK && s < GIST_SCHEDULE_COUNT; s++)
        if (R->reg->schedules[s].cycle_days == 0)
            st = err(R, GIST_ESCHEMA, "schedule \"%s\" is not defined", gist__schedule_names[s]);
    gist__jpath_pop(&R->in->path);
    return st;
}

gist_status gist__registry_read(gist_registry *reg, const gist_registry *base, gist_jin *in)
{
    reader R = {in, reg, base};
    json_t *root = NULL;
    gist_status st = gist__json_parse(in, &root);
    if (st != GIST_OK)
        return st;
    if (!json_is_object(root))
        st = err(&R, GIST_ESCHEMA, "an agent registry is a JSON object");
    if (st == GIST_OK)
        st = gist__jin_check_keys(in, root, top_keys);
    const char *format = NULL;
    if (st == GIST_OK)
        st = gist__jin_string(in, root, "format", 1, GIST_MAX_NAME_BYTES, &format);
    if (st == GIST_OK && strcmp(format, FORMAT) != 0) {
        gist__jpath_push_key(&in->path, "format");
        st = err(&R, strncmp(format, "gist-agents/", 12) == 0 ? GIST_EVERSION : GIST_ESCHEMA,
                 "format \"%s\" is not \"%s\"", format, FORMAT);
        gist__jpath_pop(&in->path);
    }
    const char *description = NULL;
    if (st == GIST_OK)
        st = gist__jin_string(in, root, "description", 0, GIST_MAX_TEXT_BYTES, &description);
    if (st == GIST_OK && (reg->description = dup(&R, description ? description : "")) == NULL)
        st = oom(&R);
    if (base != NULL) {
        reg->count = base->count;
        for (size_t i = 0; i < base->count; i++)
            reg->agents[i] = base->agents[i];
    }
    reg->base = base; /* for evidence lookups while reading; the caller takes the reference */
    if (st == GIST_OK)
        st = read_evidence(&R, root);
    if (st == GIST_OK)
        st = read_schedules(&R, root);
    if (st == GIST_OK)
        st = read_agents(&R, root);
    reg->base = NULL;
    json_decref(root);
    return st;
}

/* ---- writing ---- */

static void write_evidence(gist_jw *w, const gist_registry *reg)
{
    if (reg == NULL)
        return;
    write_evidence(w, reg->base); /* the base's first, as a reader meets them */
    for (size_t i = 0; i < reg->evidence_count; i++)
        gist__jw_str(w, reg->evidence_ids[i], reg->evidence_texts[i]);
}

gist_status gist_registry_to_json(char **out, const gist_registry *reg, unsigned int flags)
{
    GIST_CHECK_NULL(out, "out");
    *out = NULL;
    GIST_CHECK_NULL(reg, "registry");
    gist_sb sb;
    gist__sb_init(&sb);
    gist_jw w;
    gist__jw_init(&w, &sb, (flags & GIST_JSON_COMPACT) != 0);
    gist__jw_begin_object(&w);
    gist__jw_str(&w, "format", FORMAT);
    const gist_registry *root = reg;
    while (root->base != NULL)
        root = root->base;
    gist__jw_str(&w, "description", reg->description[0] ? reg->description : root->description);
    gist__jw_key(&w, "evidence");
    gist__jw_begin_object(&w);
    write_evidence(&w, reg);
    gist__jw_end_object(&w);
    gist__jw_key(&w, "schedules");
    gist__jw_begin_object(&w);
    for (int s = 1; s < GIST_SCHEDULE_COUNT; s++) {
        const struct gist_schedule_def *d = &reg->schedules[s];
        gist__jw_key(&w, gist__schedule_names[s]);
        gist__jw_begin_object(&w);
        gist__jw_int(&w, "on_days", d->on_days);
        gist__jw_int(&w, "cycle_days", d->cycle_days);
        gist__jw_str(&w, "text", d->text);
        if (d->evidence[0])
            gist__jw_str(&w, "evidence", d->evidence);
        gist__jw_end_object(&w);
    }
    gist__jw_end_object(&w);
    gist__jw_key(&w, "agents");
    gist__jw_begin_array(&w);
    for (size_t i = 0; i < reg->count; i++) {
        const gist_agent *a = reg->agents[i];
        gist__jw_item(&w);
        gist__jw_begin_object(&w);
        gist__jw_str(&w, "name", a->name);
        gist__jw_str(&w, "atc", a->atc);
        gist__jw_str(&w, "atc_legacy", a->atc_legacy);
        gist__jw_str(&w, "rxnorm", a->rxnorm);
        gist__jw_str(&w, "class", a->klass);
        /* lists are written when not empty, as the data file gives them */
        if (a->synonym_count)
            gist__jw_strings(&w, "synonyms", a->synonyms, a->synonym_count);
        if (a->brand_count)
            gist__jw_strings(&w, "brands", a->brands, a->brand_count);
        if (a->target_count)
            gist__jw_strings(&w, "targets", a->targets, a->target_count);
        if (a->dose_count == 0) {
            gist__jw_end_object(&w);
            continue;
        }
        gist__jw_key(&w, "doses");
        gist__jw_begin_array(&w);
        for (size_t k = 0; k < a->dose_count; k++) {
            gist__jw_item(&w);
            gist__jw_begin_object(&w);
            gist__jw_num(&w, "dose_mg", a->doses[k].mg);
            gist__jw_str(&w, "schedule", gist__schedule_names[a->doses[k].schedule]);
            gist__jw_str(&w, "text", a->doses[k].text);
            gist__jw_str(&w, "evidence", a->doses[k].evidence);
            gist__jw_end_object(&w);
        }
        gist__jw_end_array(&w);
        gist__jw_end_object(&w);
    }
    gist__jw_end_array(&w);
    gist__jw_end_object(&w);
    if (!(flags & GIST_JSON_COMPACT))
        gist__sb_putc(&sb, '\n');
    return gist__sb_finish(&sb, out);
}
