/*
 * libgist - therapy-sequencing decision support for advanced GIST.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The one SWIG interface of libgist, for Python and Lua. It wraps the public
 * headers as they are and adds no logic: the idiomatic layers (the Python
 * package `gist`, the Lua module `gist`) are written over the raw module it
 * generates (Python `gist.core`, Lua `gist.core`).
 *
 * What the raw module does differently from the C API, in every language:
 *
 *  - Names lose their prefix: gist_advise -> advise, GIST_EINVAL -> EINVAL.
 *  - A gist_status other than GIST_OK raises (a Python exception of the
 *    class for that status, a Lua error) carrying gist_error_last()'s
 *    message. Always: there is no switch. GIST_OK returns nothing.
 *  - Out-parameters become return values: gist_pathway_builtin(&out, id)
 *    becomes pathway_builtin(id) -> pathway. Handles the caller must free are
 *    returned owned (SWIG_POINTER_OWN, the out-parameter form of
 *    %newobject), so the garbage collector frees them with gist_*_free().
 *    Strings the caller must free (`..._to_json`, `..._to_text`) are copied
 *    into the language's string and freed with gist_free().
 *  - Borrowed children (rules, options, alerts) keep the object they came
 *    from alive: each child holds a reference to its parent, so the parent
 *    may be collected first. Advice holds a reference to its pathway in C.
 *    Agents are children of their registry (the built-in one is immortal).
 *  - gist_error_last(), gist_error_clear(), the allocator hook and gist_free()
 *    are not wrapped: errors arrive as exceptions, allocation is the host
 *    language's business, and nothing returned needs freeing by hand.
 *
 * Adding a module (say include/gist/foo.h): declare each handle type
 * with GIST_HANDLE(type, free_function), each borrowed child type with
 * GIST_CHILD(type), then %include the header in the section list at the
 * end. Out-parameters named `out` and `char **out` strings are then handled
 * already.
 *
 * C that a binding needs beyond the stable API belongs in the library, in
 * gist/helpers.h (GIST_HELPERS_API), not in this file.
 */

#if defined(SWIGPYTHON)
%module(package="gist", docstring="Raw SWIG wrapper of the libgist C API. Use the package `gist` instead: it wraps this module in Python objects.") core
#elif defined(SWIGLUA)
%module gist_core
#else
#error "gist.i supports Python and Lua"
#endif

%{
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gist/gist.h>
%}

/* The export macro means nothing to the wrapper. */
#define GIST_API

/* Strip the prefix: gist_advise -> advise, GIST_EINVAL -> EINVAL. */
%rename("%(regex:/^(gist_|GIST_)(.+)$/\\2/)s") "";

/* Not wrapped: see the header comment. */
%ignore gist_error_last;
%ignore gist_error_clear;
%ignore gist_error;
%ignore gist_allocator;
%ignore gist_allocator_init;
%ignore gist_allocator_set;
%ignore gist_free;
%ignore GIST_ALLOCATOR_VERSION;

/* No object is made or destroyed except through the C API. */
%nodefaultctor;
%nodefaultdtor;

%include <typemaps.i>
%include <stdint.i>

/* ------------------------------------------------------------------------- */
/* Python                                                                     */
/* ------------------------------------------------------------------------- */
#ifdef SWIGPYTHON

%{
/* Raise the exception for a failed call: the class for its status, made by
   gist._errors from the calling thread's last error. */
static PyObject *gist_py_text(const char *s)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static void gist_py_raise(gist_status status)
{
    const gist_error *e = gist_error_last();
    int located = e->status == status;
    PyObject *mod = PyImport_ImportModule("gist._errors");
    PyObject *exc = mod ? PyObject_CallMethod(mod, "_from_c", "iNNNkk", (int)status,
                                              gist_py_text(located && e->message[0] ? e->message : gist_strerror(status)),
                                              gist_py_text(located ? e->source : ""), gist_py_text(located ? e->field : ""),
                                              located ? e->line : 0UL, located ? e->column : 0UL)
                        : NULL;
    Py_XDECREF(mod);
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    } /* else the failure to build the exception is raised instead */
}

/* A borrowed child keeps the object it came from alive. */
static int gist_py_keep_parent(PyObject *child, PyObject *parent)
{
    PyObject *name = PyUnicode_InternFromString("_parent");
    int rc = name ? PyObject_GenericSetAttr(child, name, parent) : -1;
    Py_XDECREF(name);
    return rc;
}
%}

/* The exception classes (gist/_errors.py), named in this module too. */
%pythoncode %{
from ._errors import (GistError, InvalidArgumentError, OutOfMemoryError, NotFoundError, AmbiguousNameError,
                      ParseError, SchemaError, RangeError, ReadError, LimitError, PathwayError, OrderError,
                      VersionError, StateError)
%}

%typemap(out) gist_status {
    if ($1 != GIST_OK) {
        gist_py_raise($1);
        SWIG_fail;
    }
    $result = SWIG_Py_Void();
}

%define %gist_outparam(TYPE, OWN)
%typemap(in, numinputs=0) TYPE **out ($*1_ltype tmp = NULL) "$1 = &tmp;"
%typemap(argout) TYPE **out {
    $result = SWIG_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, OWN));
}
%enddef

%typemap(in, numinputs=0) char **out (char *tmp = NULL) "$1 = &tmp;"
%typemap(argout) char **out {
    $result = SWIG_AppendOutput($result, SWIG_FromCharPtr(*$1));
}
%typemap(freearg) char **out "gist_free(*$1);"

%define %gist_child(TYPE)
%typemap(out) const TYPE * {
    $result = SWIG_NewPointerObj(SWIG_as_voidptr($1), $1_descriptor, 0);
    if ($1 && $result && gist_py_keep_parent($result, swig_obj[0]) < 0) {
        Py_DECREF($result);
        $result = NULL;
        SWIG_fail;
    }
}
/* A child found through an out-parameter (gist_registry_lookup) keeps the first argument alive. */
%typemap(in, numinputs=0) const TYPE **out ($*1_ltype tmp = NULL) "$1 = &tmp;"
%typemap(argout) const TYPE **out {
    PyObject *child = SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0);
    if (child && *$1 && gist_py_keep_parent(child, swig_obj[0]) < 0)
        Py_CLEAR(child);
    if (!child)
        SWIG_fail;
    $result = SWIG_AppendOutput($result, child);
}
%enddef

/* Text with its length: a str (as UTF-8) or bytes; None passes NULL. */
%typemap(in) (const char *json, size_t length) {
    if ($input == Py_None) {
        $1 = NULL;
        $2 = 0;
    } else if (PyBytes_Check($input)) {
        char *buf = NULL;
        Py_ssize_t len = 0;
        if (PyBytes_AsStringAndSize($input, &buf, &len) < 0)
            SWIG_fail;
        $1 = buf;
        $2 = (size_t)len;
    } else if (PyUnicode_Check($input)) {
        Py_ssize_t len = 0;
        const char *buf = PyUnicode_AsUTF8AndSize($input, &len);
        if (!buf)
            SWIG_fail;
        $1 = ($1_ltype)buf;
        $2 = (size_t)len;
    } else {
        PyErr_Format(PyExc_TypeError, "expected str or bytes, not %.200s", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
}

/* gist_advise_batch: a sequence of patients in; (outcomes, rules) out. */
%typemap(in) (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules)
    (PyObject *seq = NULL, const gist_patient **pts = NULL, gist_outcome *outs = NULL, const gist_rule **rls = NULL) {
    seq = PySequence_Fast($input, "patients must be a sequence of patients");
    if (!seq)
        SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    size_t cap = n > 0 ? (size_t)n : 1;
    pts = (const gist_patient **)calloc(cap, sizeof *pts);
    outs = (gist_outcome *)calloc(cap, sizeof *outs);
    rls = (const gist_rule **)calloc(cap, sizeof *rls);
    if (!pts || !outs || !rls) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        void *p = NULL;
        if (item != Py_None && !SWIG_IsOK(SWIG_ConvertPtr(item, &p, $descriptor(gist_patient *), 0))) {
            PyErr_Format(PyExc_TypeError, "patients[%zd] is not a patient", i);
            SWIG_fail;
        }
        pts[i] = (const gist_patient *)p;
    }
    $1 = ($1_ltype)pts;
    $2 = (size_t)n;
    $3 = outs;
    $4 = ($4_ltype)rls;
}
%typemap(argout) (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules) {
    /* Two columns, as in Lua: the outcomes (small ints) and the rules, one
       proxy per distinct rule, None where there is none. No object per
       patient, so a million patients cost two lists. */
    enum { SEEN = 64 };
    const gist_rule *seen[SEEN];
    PyObject *seen_obj[SEEN];
    size_t nseen = 0, i;
    PyObject *outs_list = PyList_New((Py_ssize_t)$2);
    PyObject *rules_list = PyList_New((Py_ssize_t)$2);
    int ok = outs_list != NULL && rules_list != NULL;
    for (i = 0; ok && i < $2; i++) {
        PyObject *outcome = PyLong_FromLong((long)$3[i]);
        PyObject *rule = NULL;
        size_t k;
        if (!outcome) {
            ok = 0;
            break;
        }
        PyList_SET_ITEM(outs_list, (Py_ssize_t)i, outcome);
        for (k = 0; k < nseen && seen[k] != $4[i]; k++)
            ;
        if (k < nseen) {
            rule = seen_obj[k];
            Py_INCREF(rule);
        } else {
            rule = SWIG_NewPointerObj(SWIG_as_voidptr($4[i]), $descriptor(gist_rule *), 0);
            if (rule && $4[i] && gist_py_keep_parent(rule, swig_obj[0]) < 0)
                Py_CLEAR(rule);
            if (rule && nseen < SEEN) {
                seen[nseen] = $4[i];
                seen_obj[nseen++] = rule;
                Py_INCREF(rule);
            }
        }
        if (!rule)
            ok = 0;
        else
            PyList_SET_ITEM(rules_list, (Py_ssize_t)i, rule);
    }
    for (i = 0; i < nseen; i++)
        Py_DECREF(seen_obj[i]);
    if (!ok) {
        Py_XDECREF(outs_list);
        Py_XDECREF(rules_list);
        SWIG_fail;
    }
    /* One tuple: appending a list to None would make the list itself the result. */
    $result = SWIG_AppendOutput($result, Py_BuildValue("(NN)", outs_list, rules_list));
}
%typemap(freearg) (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules) {
    Py_XDECREF(seq$argnum);
    free((void *)pts$argnum);
    free(outs$argnum);
    free((void *)rls$argnum);
}

/* ---- Timelines and cohorts (Python) -------------------------------------- */

/* The columnar cohort API reads caller-owned columns: the package passes the
   addresses of numpy arrays (as integers, 0 for an absent column) and reads
   the result columns in place through the addresses py_cohort_tables()
   gives, so no row crosses the boundary one at a time. The long calls
   release the GIL, so threads (and dask workers) run in parallel. */
%{
/* One column of a result table: (address, count, numpy type string). */
static int gist_py_put_col(PyObject *table, const char *name, const void *data, size_t count, const char *typestr)
{
    PyObject *v = Py_BuildValue("(KKs)", (unsigned long long)(uintptr_t)data, (unsigned long long)count, typestr);
    int rc = v ? PyDict_SetItemString(table, name, v) : -1;
    Py_XDECREF(v);
    return rc;
}

static int gist_py_put_table(PyObject *dict, const char *name, PyObject *table, size_t count)
{
    PyObject *n = PyLong_FromSize_t(count);
    int rc = (n && table) ? PyDict_SetItemString(table, "count", n) : -1;
    Py_XDECREF(n);
    if (rc == 0)
        rc = PyDict_SetItemString(dict, name, table);
    Py_XDECREF(table);
    return rc;
}

/* Text of one column for every row, joined with NUL bytes (which no text holds). */
typedef const char *(*gist_py_text_fn)(const gist_cohort *, size_t);
%}

/* gist_date_format: the date's text is returned. */
%typemap(in, numinputs=0) char buf[11] (char tmp[11]) "$1 = tmp; tmp[0] = '\\0';"
%typemap(argout) char buf[11] { $result = SWIG_AppendOutput($result, SWIG_FromCharPtr($1)); }

#endif /* SWIGPYTHON */

/* ------------------------------------------------------------------------- */
/* Lua (5.4 and LuaJIT)                                                       */
/* ------------------------------------------------------------------------- */
#ifdef SWIGLUA

%{
/* Errors are tables {code, status, message, file, line, column, field} (the
   location fields only when known) sharing one metatable, gist_core.Error,
   whose __tostring gives "GIST_<CODE>: message"; gist.lua raises its own the
   same way, so pcall callers branch on e.code whoever raised. */
static int gist_lua_error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "code");
    lua_getfield(L, 1, "message");
    lua_pushfstring(L, "%s: %s", lua_isstring(L, -2) ? lua_tostring(L, -2) : "GIST_E?",
                    lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
    return 1;
}

static void gist_lua_error_metatable(lua_State *L)
{
    if (luaL_newmetatable(L, "gist.Error")) {
        lua_pushcfunction(L, gist_lua_error_tostring);
        lua_setfield(L, -2, "__tostring");
    }
}

static void gist_lua_set(lua_State *L, const char *key, const char *text, unsigned long number)
{
    if (text != NULL && text[0] != '\0')
        lua_pushstring(L, text);
    else if (text == NULL && number != 0)
        lua_pushinteger(L, (lua_Integer)number);
    else
        return;
    lua_setfield(L, -2, key);
}

/* Push the error table of a failed call from the calling thread's last error
   (its message, where known), or with @p message when it is not NULL. */
static void gist_lua_push_error(lua_State *L, gist_status status, const char *message)
{
    const gist_error *e = gist_error_last();
    int located = message == NULL && e->status == status;
    lua_createtable(L, 0, 7);
    gist_lua_set(L, "code", gist_status_name(status), 0);
    lua_pushinteger(L, (lua_Integer)status);
    lua_setfield(L, -2, "status");
    gist_lua_set(L, "message", message ? message : located && e->message[0] ? e->message : gist_strerror(status), 0);
    if (located) {
        gist_lua_set(L, "file", e->source, 0);
        gist_lua_set(L, "field", e->field, 0);
        gist_lua_set(L, "line", NULL, e->line);
        gist_lua_set(L, "column", NULL, e->column);
    }
    gist_lua_error_metatable(L);
    lua_setmetatable(L, -2);
}

/* A borrowed child keeps the object it came from alive: the parent is
   stored as the child's user value (Lua 5.4) or in its environment table
   (Lua 5.1 and LuaJIT). */
static void gist_lua_keep_parent(lua_State *L, int child, int parent)
{
    int top = lua_gettop(L);
    if (child < 0)
        child = top + child + 1;
    if (parent < 0)
        parent = top + parent + 1;
    if (!lua_isuserdata(L, child) || !lua_isuserdata(L, parent))
        return;
#if LUA_VERSION_NUM >= 504
    lua_pushvalue(L, parent);
    lua_setiuservalue(L, child, 1);
#elif LUA_VERSION_NUM == 503 || LUA_VERSION_NUM == 502
    lua_pushvalue(L, parent);
    lua_setuservalue(L, child);
#else
    lua_createtable(L, 1, 0);
    lua_pushvalue(L, parent);
    lua_rawseti(L, -2, 1);
    lua_setfenv(L, child);
#endif
}
%}

%typemap(out) gist_status {
    if ($1 != GIST_OK) {
        gist_lua_push_error(L, $1, NULL);
        SWIG_fail;
    }
}

%init %{
    /* the module table is on top: its Error field is the errors' metatable */
    gist_lua_error_metatable(L);
    lua_setfield(L, -2, "Error");
%}

/* Whole numbers come back as Lua integers (5.3 and later), so that a line
   or a count prints as 1, not 1.0. */
%typemap(out) int, unsigned int, long, unsigned long, size_t, enum SWIGTYPE
    "lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++;"
%typemap(argout) int *OUTPUT "lua_pushinteger(L, (lua_Integer)*$1); SWIG_arg++;"

%define %gist_outparam(TYPE, OWN)
%typemap(in, numinputs=0) TYPE **out ($*1_ltype tmp = NULL) "$1 = &tmp;"
%typemap(argout) TYPE **out {
    SWIG_NewPointerObj(L, (void *)*$1, $*1_descriptor, OWN);
    SWIG_arg++;
}
%enddef

%typemap(in, numinputs=0) char **out (char *tmp = NULL) "$1 = &tmp;"
%typemap(argout) char **out {
    lua_pushstring(L, *$1);
    SWIG_arg++;
}
%typemap(freearg) char **out "gist_free(*$1);"

%define %gist_child(TYPE)
%typemap(out) const TYPE * {
    SWIG_NewPointerObj(L, (void *)$1, $1_descriptor, 0);
    SWIG_arg++;
    if ($1)
        gist_lua_keep_parent(L, -1, 1);
}
/* A child found through an out-parameter (gist_registry_lookup) keeps the first argument alive. */
%typemap(in, numinputs=0) const TYPE **out ($*1_ltype tmp = NULL) "$1 = &tmp;"
%typemap(argout) const TYPE **out {
    SWIG_NewPointerObj(L, (void *)*$1, $*1_descriptor, 0);
    SWIG_arg++;
    if (*$1)
        gist_lua_keep_parent(L, -1, 1);
}
%enddef

/* Text with its length: a string, embedded NUL bytes included; nil passes NULL. */
%typemap(in, checkfn="SWIG_lua_isnilstring", fragment="SWIG_lua_isnilstring") (const char *json, size_t length) {
    size_t len = 0;
    $1 = ($1_ltype)lua_tolstring(L, $input, &len);
    $2 = len;
}

/* gist_advise_batch: an array of patients in; arrays of outcomes and rules
   (false where there is none) out. */
%typemap(in, checkfn="lua_istable") (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules)
    (const gist_patient **pts = NULL, gist_outcome *outs = NULL, const gist_rule **rls = NULL) {
    size_t n = (size_t)lua_rawlen(L, $input);
    size_t cap = n > 0 ? n : 1;
    pts = (const gist_patient **)calloc(cap, sizeof *pts);
    outs = (gist_outcome *)calloc(cap, sizeof *outs);
    rls = (const gist_rule **)calloc(cap, sizeof *rls);
    if (!pts || !outs || !rls) {
        gist_lua_push_error(L, GIST_ENOMEM, "out of memory");
        SWIG_fail;
    }
    for (size_t i = 0; i < n; i++) {
        void *p = NULL;
        lua_rawgeti(L, $input, (int)(i + 1));
        if (!SWIG_IsOK(SWIG_ConvertPtr(L, -1, &p, $descriptor(gist_patient *), 0))) {
            lua_pop(L, 1);
            lua_pushfstring(L, "patients[%d] is not a patient", (int)(i + 1));
            gist_lua_push_error(L, GIST_EINVAL, lua_tostring(L, -1));
            SWIG_fail;
        }
        lua_pop(L, 1);
        pts[i] = (const gist_patient *)p;
    }
    $1 = ($1_ltype)pts;
    $2 = n;
    $3 = outs;
    $4 = ($4_ltype)rls;
}
%typemap(argout) (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules) {
    lua_createtable(L, (int)$2, 0);
    for (size_t i = 0; i < $2; i++) {
        lua_pushinteger(L, (lua_Integer)$3[i]);
        lua_rawseti(L, -2, (int)(i + 1));
    }
    SWIG_arg++;
    lua_createtable(L, (int)$2, 0);
    for (size_t i = 0; i < $2; i++) {
        if ($4[i]) {
            SWIG_NewPointerObj(L, (void *)$4[i], $descriptor(gist_rule *), 0);
            gist_lua_keep_parent(L, -1, 1);
        } else {
            lua_pushboolean(L, 0);
        }
        lua_rawseti(L, -2, (int)(i + 1));
    }
    SWIG_arg++;
}
%typemap(freearg) (const gist_patient *const *patients, size_t count, gist_outcome *outcomes, const gist_rule **rules) {
    free((void *)pts$argnum);
    free(outs$argnum);
    free((void *)rls$argnum);
}

/* gist_date_format: the date's text is returned. */
%typemap(in, numinputs=0) char buf[11] (char tmp[11]) "$1 = tmp; tmp[0] = '\\0';"
%typemap(argout) char buf[11] "lua_pushstring(L, $1); SWIG_arg++;"

#endif /* SWIGLUA */

/* ------------------------------------------------------------------------- */
/* Shared by both languages                                                   */
/* ------------------------------------------------------------------------- */

/* An owned handle: a class whose destructor is the C free function, and
   whose `**out` constructors return it owned. */
%define GIST_HANDLE(TYPE, FREE)
struct TYPE {};
%extend TYPE {
    ~TYPE() { FREE($self); }
}
%gist_outparam(TYPE, SWIG_POINTER_OWN)
%enddef

/* A handle borrowed from a parent object; it keeps the parent alive. */
%define GIST_CHILD(TYPE)
struct TYPE {};
%gist_child(TYPE)
%enddef

/* gist_schedule_cycle(schedule) returns (on_days, cycle_days). */
%apply int *OUTPUT { int *on_days, int *cycle_days };

GIST_HANDLE(gist_registry, gist_registry_free)
GIST_CHILD(gist_agent)
GIST_HANDLE(gist_patient, gist_patient_free)
GIST_HANDLE(gist_pathway, gist_pathway_free)
GIST_CHILD(gist_rule)
GIST_CHILD(gist_option)
GIST_CHILD(gist_alert)
GIST_HANDLE(gist_advice, gist_advice_free)

GIST_HANDLE(gist_timeline, gist_timeline_free)
GIST_HANDLE(gist_lines, gist_lines_free)
GIST_HANDLE(gist_event_reader, gist_event_reader_free)
#ifdef SWIGPYTHON
GIST_HANDLE(gist_cohort, gist_cohort_free)
#endif

/* Risk tables are owned handles; the table a result names is borrowed from
   the result and keeps it alive, as do the result's cells. */
GIST_HANDLE(gist_risk_table, gist_risk_table_free)
%gist_child(gist_risk_table)
GIST_CHILD(gist_risk_cell)
GIST_HANDLE(gist_risk_result, gist_risk_result_free)
/* The tumour a table looks up is a public, versioned struct: made with every
   fact unknown (gist_risk_input_init), its fields read and written as
   attributes, names set from text with gist_risk_input_set. */
%extend gist_risk_input {
    gist_risk_input() {
        gist_risk_input *in = (gist_risk_input *)calloc(1, sizeof *in);
        if (in)
            gist_risk_input_init(in);
        return in;
    }
    ~gist_risk_input() { free($self); }
}
%immutable gist_risk_input::version;
%ignore gist_risk_input_init;

/* The lines options are a public, versioned struct: made with the defaults
   of this library's version (gist_lines_options_init), its fields read and
   written as attributes. Options a result was computed with are borrowed
   from it and keep it alive. */
%extend gist_lines_options {
    gist_lines_options() {
        gist_lines_options *o = (gist_lines_options *)calloc(1, sizeof *o);
        if (o)
            gist_lines_options_init(o, GIST_LINES_OPTIONS_VERSION);
        return o;
    }
    ~gist_lines_options() { free($self); }
}
%gist_child(gist_lines_options)
%immutable gist_lines_options::version;

/* gist_event_reader_next(reader, timeline) returns done; progress returns (consumed, total). */
%apply int *OUTPUT { int *done };
/* gist_date_parse and gist_date_from_ymd return the date. */
%apply int *OUTPUT { gist_date *out };
%apply unsigned long long *OUTPUT { unsigned long long *consumed, unsigned long long *total };
/* Text with its length, as for the JSON readers. */
%apply (const char *json, size_t length) { (const char *text, size_t length) };

/* The frees are the destructors above; the raw module does not expose them
   as functions (a second free would be a double free). */
%ignore gist_registry_free;
%ignore gist_patient_free;
%ignore gist_pathway_free;
%ignore gist_advice_free;
%ignore gist_timeline_free;
%ignore gist_lines_free;
%ignore gist_event_reader_free;
%ignore gist_cohort_free;
%ignore gist_risk_table_free;
%ignore gist_risk_result_free;
/* The cohort's struct-based calls are reached through the column helpers
   (py_cohort_run, py_cohort_tables, py_cohort_text) in Python. */
%ignore gist_events;
%ignore gist_events_init;
%ignore gist_cohort_run;
%ignore gist_lines_table;
%ignore gist_steps_table;
%ignore gist_findings_table;
%ignore gist_cohort_lines;
%ignore gist_cohort_steps;
%ignore gist_cohort_findings;

/* The sections of the C API, one header per module. */
%include "gist/common.h"
%include "gist/version.h"
%include "gist/agent.h"
%include "gist/patient.h"
%include "gist/pathway.h"
%include "gist/advice.h"
/* SWIG cannot evaluate INT32_MIN in the header's macro. */
%ignore GIST_DATE_NONE;
%constant int DATE_NONE = GIST_DATE_NONE;
%include "gist/timeline.h"
#ifdef SWIGPYTHON
%include "gist/cohort.h"
#endif
%include "gist/risk.h"

#ifdef SWIGPYTHON
%{
/* ---- Events from a DataFrame: one pass over the rows ---------------------

   gist_py_events_convert() converts and checks rows [begin, end) of the
   columns the package prepared (see gist/_cohort.py, _fast_convert): the
   slots are addresses (0: absent) and code widths, in the order of
   GIST_PY_EVENT_SLOTS. Columns are either read directly (int64 patient keys,
   datetime64[ns] as int64, float64 doses) or as integer codes (1, 2, 4 or 8
   bytes, -1 for empty) into a small table built per distinct value:

     date, end   int64 days since 1970-01-01; INT64_MIN empty, INT64_MAX unreadable
     dose_mg     float64; NaN empty, infinite unreadable
     the others  uint32: bits 0-15 the C value (value: genotype in bits 0-7,
                 setting in bits 8-15), bits 16-25 the field's presence bit,
                 bit 29 not a genotype, bit 30 not a setting, bit 31 unknown

   and the checks of the event format are made on each row: required values,
   fields that do not apply to the row's kind of event, dates from 1900 to
   2200, finite doses. It does not say which row is wrong: when any is, the
   package checks the columns again with the reference code, which names the
   first bad row. The GIL is released; rows of one call are written only by
   that call, so calls over disjoint ranges may run on several threads. */
#define GIST_PY_EVENT_SLOTS(X)                                                                          \
    X(patient) X(patient_codes) X(date) X(date_size) X(date_table) X(kind) X(kind_size) X(kind_table)    \
    X(end) X(end_size) X(end_table) X(agent) X(agent_size) X(agent_table) X(dose) X(dose_size)           \
    X(dose_table) X(schedule) X(schedule_size) X(schedule_table) X(reason) X(reason_size)               \
    X(reason_table) X(response) X(response_size) X(response_table) X(value) X(value_size)               \
    X(value_table) X(method) X(method_size) X(method_table) X(criteria) X(criteria_size)                \
    X(criteria_table) X(extent) X(extent_size) X(extent_table) X(out_date) X(out_kind) X(out_end)        \
    X(out_agent) X(out_dose) X(out_schedule) X(out_reason) X(out_value) X(out_method) X(out_criteria)  \
    X(out_extent)

#define GIST_PY_SLOT_ENUM(name) GIST_PY_SLOT_##name,
enum { GIST_PY_EVENT_SLOTS(GIST_PY_SLOT_ENUM) GIST_PY_SLOT_COUNT };
#define GIST_PY_SLOT_NAME(name) #name ","
static const char gist_py_slot_names[] = GIST_PY_EVENT_SLOTS(GIST_PY_SLOT_NAME);

/* Presence bits (bits 16-25 of a table entry, shifted down). */
enum {
    GIST_PY_HAS_END = 1 << 0, GIST_PY_HAS_AGENT = 1 << 1, GIST_PY_HAS_DOSE = 1 << 2, GIST_PY_HAS_SCHEDULE = 1 << 3,
    GIST_PY_HAS_REASON = 1 << 4, GIST_PY_HAS_RESPONSE = 1 << 5, GIST_PY_HAS_METHOD = 1 << 6,
    GIST_PY_HAS_CRITERIA = 1 << 7, GIST_PY_HAS_EXTENT = 1 << 8, GIST_PY_HAS_VALUE = 1 << 9
};
/* Result bits. */
enum { GIST_PY_CONVERT_BAD = 1, GIST_PY_CONVERT_UNSORTED = 2, GIST_PY_CONVERT_KINDS = 8 /* << kind */ };

static inline int64_t gist_py_code(const void *codes, unsigned size, size_t i)
{
    switch (size) {
    case 1: return ((const int8_t *)codes)[i];
    case 2: return ((const int16_t *)codes)[i];
    case 4: return ((const int32_t *)codes)[i];
    default: return ((const int64_t *)codes)[i];
    }
}

/* A table entry of a coded column (codes -1 for empty read entry 0). */
#define GIST_PY_ENTRY(type, s, field, i) \
    (((const type *)(uintptr_t)(s)[GIST_PY_SLOT_##field##_table])[gist_py_code( \
        (const void *)(uintptr_t)(s)[GIST_PY_SLOT_##field], (unsigned)(s)[GIST_PY_SLOT_##field##_size], (i)) + 1])

/* Days of a date column at row i: INT64_MIN when empty. */
static inline int64_t gist_py_days(const unsigned long long *s, int field, size_t i)
{
    const void *data = (const void *)(uintptr_t)s[field];
    unsigned size = (unsigned)s[field + 1];
    if (size == 0) {
        const int64_t ns = ((const int64_t *)data)[i], day = 86400000000000LL;
        if (ns == INT64_MIN)
            return INT64_MIN;
        int64_t d = ns / day;
        return d - (ns % day < 0);
    }
    return ((const int64_t *)(uintptr_t)s[field + 2])[gist_py_code(data, size, i) + 1];
}

static unsigned gist_py_convert_rows(const unsigned long long *s, size_t begin, size_t end)
{
    /* fields each kind of event may have, and must have */
    static const uint32_t allowed[5] = {
        [GIST_EVENT_EXPOSURE] = GIST_PY_HAS_END | GIST_PY_HAS_AGENT | GIST_PY_HAS_DOSE | GIST_PY_HAS_SCHEDULE |
                                GIST_PY_HAS_REASON,
        [GIST_EVENT_ASSESSMENT] = GIST_PY_HAS_RESPONSE | GIST_PY_HAS_METHOD | GIST_PY_HAS_CRITERIA | GIST_PY_HAS_EXTENT,
        [GIST_EVENT_GENOTYPE] = GIST_PY_HAS_VALUE,
        [GIST_EVENT_REFERRAL] = 0,
        [GIST_EVENT_SETTING] = GIST_PY_HAS_VALUE};
    static const uint32_t required[5] = {
        [GIST_EVENT_EXPOSURE] = GIST_PY_HAS_AGENT, [GIST_EVENT_ASSESSMENT] = GIST_PY_HAS_RESPONSE,
        [GIST_EVENT_GENOTYPE] = GIST_PY_HAS_VALUE, [GIST_EVENT_REFERRAL] = 0, [GIST_EVENT_SETTING] = GIST_PY_HAS_VALUE};
    const int64_t *patient = (const int64_t *)(uintptr_t)s[GIST_PY_SLOT_patient];
    const int patient_codes = s[GIST_PY_SLOT_patient_codes] != 0;
    gist_date *out_date = (gist_date *)(uintptr_t)s[GIST_PY_SLOT_out_date];
    uint8_t *out_kind = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_kind];
    gist_date *out_end = (gist_date *)(uintptr_t)s[GIST_PY_SLOT_out_end];
    int16_t *out_agent = (int16_t *)(uintptr_t)s[GIST_PY_SLOT_out_agent];
    double *out_dose = (double *)(uintptr_t)s[GIST_PY_SLOT_out_dose];
    uint8_t *out_schedule = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_schedule];
    uint8_t *out_reason = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_reason];
    uint8_t *out_value = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_value];
    uint8_t *out_method = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_method];
    uint8_t *out_criteria = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_criteria];
    uint8_t *out_extent = (uint8_t *)(uintptr_t)s[GIST_PY_SLOT_out_extent];
    const double *dose = (const double *)(uintptr_t)s[GIST_PY_SLOT_dose];
    const int dose_direct = s[GIST_PY_SLOT_dose_size] == 0;
    uint32_t bad = 0, unsorted = 0, kinds = 0;
    for (size_t i = begin; i < end; i++) {
        uint32_t acc = 0, kind = 0, v = 0;
        int64_t days;
        if (patient_codes)
            bad |= patient[i] < 0;
        else if (i > 0)
            unsorted |= patient[i] < patient[i - 1];
        days = gist_py_days(s, GIST_PY_SLOT_date, i);
        bad |= (uint64_t)days - (uint64_t)GIST_DATE_MIN > (uint64_t)(GIST_DATE_MAX - GIST_DATE_MIN); /* empty too */
        out_date[i] = (gist_date)days;
        if (out_kind) {
            uint32_t e = GIST_PY_ENTRY(uint32_t, s, kind, i);
            kind = e & 0xff;
            bad |= e >> 31;
            out_kind[i] = (uint8_t)kind;
        }
        kinds |= 1u << kind;
        if (out_end) {
            days = gist_py_days(s, GIST_PY_SLOT_end, i);
            if (days == INT64_MIN) {
                out_end[i] = GIST_DATE_NONE;
            } else {
                bad |= (uint64_t)days - (uint64_t)GIST_DATE_MIN > (uint64_t)(GIST_DATE_MAX - GIST_DATE_MIN);
                out_end[i] = (gist_date)days;
                acc |= (uint32_t)GIST_PY_HAS_END << 16;
            }
        }
        if (out_agent) {
            uint32_t e = GIST_PY_ENTRY(uint32_t, s, agent, i);
            out_agent[i] = (int16_t)(uint16_t)e;
            acc |= e;
        }
        if (out_dose) {
            double d = dose_direct ? dose[i] : GIST_PY_ENTRY(double, s, dose, i);
            if (d != d) {
                d = 0.0;
            } else {
                bad |= !isfinite(d);
                acc |= (uint32_t)GIST_PY_HAS_DOSE << 16;
            }
            out_dose[i] = d;
        }
#define GIST_PY_ENUM_FIELD(field)                                  \
        if (out_##field) {                                         \
            uint32_t e = GIST_PY_ENTRY(uint32_t, s, field, i);     \
            out_##field[i] = (uint8_t)e;                           \
            acc |= e;                                              \
        }
        GIST_PY_ENUM_FIELD(schedule)
        GIST_PY_ENUM_FIELD(reason)
        GIST_PY_ENUM_FIELD(method)
        GIST_PY_ENUM_FIELD(criteria)
        GIST_PY_ENUM_FIELD(extent)
#undef GIST_PY_ENUM_FIELD
        if (s[GIST_PY_SLOT_response]) {
            uint32_t e = GIST_PY_ENTRY(uint32_t, s, response, i);
            acc |= e;
            if (kind == GIST_EVENT_ASSESSMENT)
                v = e & 0xff;
        }
        if (s[GIST_PY_SLOT_value]) {
            uint32_t e = GIST_PY_ENTRY(uint32_t, s, value, i);
            acc |= e & 0x9fffffffu;
            if (kind == GIST_EVENT_GENOTYPE) {
                v = e & 0xff;
                bad |= (e >> 29) & 1;
            } else if (kind == GIST_EVENT_SETTING) {
                v = (e >> 8) & 0xff;
                bad |= (e >> 30) & 1;
            }
        }
        if (out_value)
            out_value[i] = (uint8_t)v;
        bad |= acc >> 31;
        {
            uint32_t has = (acc >> 16) & 0x3ff;
            bad |= (has & ~allowed[kind]) != 0;
            bad |= (required[kind] & ~has) != 0;
        }
    }
    return (bad ? GIST_PY_CONVERT_BAD : 0) | (unsorted ? GIST_PY_CONVERT_UNSORTED : 0) |
           kinds * GIST_PY_CONVERT_KINDS;
}
%}

/* The Python column helpers of the cohort API (see the Python section). */
%inline %{
/* gist_cohort_run over columns at these addresses (0: an absent column). */
gist_status gist_py_cohort_run(gist_cohort **out, const gist_pathway *pathway, const gist_lines_options *options,
                               unsigned int threads, int sorted, size_t count, unsigned long long patient,
                               unsigned long long date, unsigned long long kind, unsigned long long end,
                               unsigned long long agent, unsigned long long dose_mg, unsigned long long schedule,
                               unsigned long long reason, unsigned long long value, unsigned long long method,
                               unsigned long long criteria, unsigned long long extent, unsigned long long row)
{
    gist_events e;
    gist_status st = gist_events_init(&e, GIST_EVENTS_VERSION);
    if (st != GIST_OK)
        return st;
    e.count = count;
    e.patient = (const int64_t *)(uintptr_t)patient;
    e.date = (const gist_date *)(uintptr_t)date;
    e.kind = (const uint8_t *)(uintptr_t)kind;
    e.end = (const gist_date *)(uintptr_t)end;
    e.agent = (const int16_t *)(uintptr_t)agent;
    e.dose_mg = (const double *)(uintptr_t)dose_mg;
    e.schedule = (const uint8_t *)(uintptr_t)schedule;
    e.reason = (const uint8_t *)(uintptr_t)reason;
    e.value = (const uint8_t *)(uintptr_t)value;
    e.method = (const uint8_t *)(uintptr_t)method;
    e.criteria = (const uint8_t *)(uintptr_t)criteria;
    e.extent = (const uint8_t *)(uintptr_t)extent;
    e.row = (const uint32_t *)(uintptr_t)row;
    e.sorted = sorted;
    Py_BEGIN_ALLOW_THREADS
    st = gist_cohort_run(out, &e, pathway, options, threads);
    Py_END_ALLOW_THREADS
    return st;
}

/* The result's columns: {"lines": {"count": n, "patient": (address, n, "<i8"), ...}, "steps": ..., "findings": ...}.
   The addresses are valid while the cohort lives. */
PyObject *gist_py_cohort_tables(const gist_cohort *cohort)
{
    gist_lines_table l = {GIST_COHORT_TABLE_VERSION};
    gist_steps_table s = {GIST_COHORT_TABLE_VERSION};
    gist_findings_table f = {GIST_COHORT_TABLE_VERSION};
    gist_status st = gist_cohort_lines(cohort, &l);
    if (st == GIST_OK)
        st = gist_cohort_steps(cohort, &s);
    if (st == GIST_OK)
        st = gist_cohort_findings(cohort, &f);
    if (st != GIST_OK) {
        gist_py_raise(st);
        return NULL;
    }
    PyObject *d = PyDict_New(), *t;
    if (!d)
        return NULL;
    t = PyDict_New();
    if (!t || gist_py_put_col(t, "patient", l.patient, l.count, "<i8") < 0 ||
        gist_py_put_col(t, "setting", l.setting, l.count, "|u1") < 0 ||
        gist_py_put_col(t, "number", l.number, l.count, "<i4") < 0 ||
        gist_py_put_col(t, "start", l.start, l.count, "<i4") < 0 ||
        gist_py_put_col(t, "end", l.end, l.count, "<i4") < 0 ||
        gist_py_put_col(t, "end_reason", l.end_reason, l.count, "|u1") < 0 ||
        gist_py_put_col(t, "rechallenge", l.rechallenge, l.count, "|u1") < 0 ||
        gist_py_put_col(t, "regimen", l.regimen, l.count, "<u4") < 0 ||
        gist_py_put_col(t, "dose_steps", l.dose_steps, l.count, "<u4") < 0 ||
        gist_py_put_col(t, "first_step", l.first_step, l.count, "<i8") < 0 ||
        gist_py_put_col(t, "findings", l.findings, l.count, "<u4") < 0 || gist_py_put_table(d, "lines", t, l.count) < 0)
        goto fail;
    t = PyDict_New();
    if (!t || gist_py_put_col(t, "line", s.line, s.count, "<i8") < 0 ||
        gist_py_put_col(t, "date", s.date, s.count, "<i4") < 0 ||
        gist_py_put_col(t, "agent", s.agent, s.count, "<i2") < 0 ||
        gist_py_put_col(t, "dose_mg", s.dose_mg, s.count, "<f8") < 0 ||
        gist_py_put_col(t, "reason", s.reason, s.count, "|u1") < 0 || gist_py_put_table(d, "steps", t, s.count) < 0)
        goto fail;
    t = PyDict_New();
    if (!t || gist_py_put_col(t, "patient", f.patient, f.count, "<i8") < 0 ||
        gist_py_put_col(t, "date", f.date, f.count, "<i4") < 0 ||
        gist_py_put_col(t, "line", f.line, f.count, "<i8") < 0 ||
        gist_py_put_col(t, "code", f.code, f.count, "|u1") < 0 ||
        gist_py_put_col(t, "severity", f.severity, f.count, "|u1") < 0 ||
        gist_py_put_col(t, "row", f.row, f.count, "<u4") < 0 ||
        gist_py_put_col(t, "rule", f.rule, f.count, "<i4") < 0 || gist_py_put_table(d, "findings", t, f.count) < 0)
        goto fail;
    return d;
fail:
    Py_XDECREF(t);
    Py_DECREF(d);
    return NULL;
}

/* A text column of every line (0: dose steps) or finding (1: rule, 2: evidence,
   3: message), joined with NUL bytes, as one str. */
PyObject *gist_py_cohort_text(const gist_cohort *cohort, int column)
{
    gist_lines_table l = {GIST_COHORT_TABLE_VERSION};
    gist_findings_table f = {GIST_COHORT_TABLE_VERSION};
    gist_status st = gist_cohort_lines(cohort, &l);
    if (st == GIST_OK)
        st = gist_cohort_findings(cohort, &f);
    if (st != GIST_OK) {
        gist_py_raise(st);
        return NULL;
    }
    gist_py_text_fn fn = column == 0 ? gist_cohort_line_steps
                       : column == 1 ? gist_cohort_finding_rule
                       : column == 2 ? gist_cohort_finding_evidence
                       : column == 3 ? gist_cohort_finding_message : NULL;
    if (!fn) {
        PyErr_SetString(PyExc_ValueError, "unknown text column");
        return NULL;
    }
    size_t n = column == 0 ? l.count : f.count, len = 0, cap = 0, i;
    char *buf = NULL;
    int oom = 0;
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < n && !oom; i++) {
        const char *t = fn(cohort, i);
        size_t k = t ? strlen(t) : 0;
        if (!t) {
            oom = 1;
            break;
        }
        if (len + k + 1 > cap) {
            size_t ncap = cap ? cap : 4096;
            while (ncap < len + k + 1)
                ncap *= 2;
            char *nb = (char *)realloc(buf, ncap);
            if (!nb) {
                oom = 1;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        memcpy(buf + len, t, k);
        len += k;
        buf[len++] = '\0';
    }
    Py_END_ALLOW_THREADS
    if (oom) {
        free(buf);
        return PyErr_NoMemory();
    }
    /* n strings: drop the last separator */
    PyObject *text = PyUnicode_DecodeUTF8(buf ? buf : "", (Py_ssize_t)(len ? len - 1 : 0), "replace");
    free(buf);
    return text;
}

/* The slot names, comma-separated, in the order gist_py_events_convert reads them. */
const char *gist_py_events_slots(void)
{
    return gist_py_slot_names;
}

/* Convert and check rows [begin, end): returns the result bits (1: a row is
   wrong; 2: integer patient keys are not in ascending order; 8 << kind: a
   row of that kind was seen). */
PyObject *gist_py_events_convert(PyObject *slots, size_t begin, size_t end)
{
    unsigned long long s[GIST_PY_SLOT_COUNT];
    PyObject *seq = PySequence_Fast(slots, "slots must be a sequence");
    if (!seq)
        return NULL;
    if (PySequence_Fast_GET_SIZE(seq) != GIST_PY_SLOT_COUNT) {
        Py_DECREF(seq);
        PyErr_Format(PyExc_ValueError, "%d slots expected", (int)GIST_PY_SLOT_COUNT);
        return NULL;
    }
    for (int k = 0; k < GIST_PY_SLOT_COUNT; k++) {
        s[k] = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(seq, k));
        if (PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_DECREF(seq);
    static const int sizes[] = {GIST_PY_SLOT_date_size, GIST_PY_SLOT_kind_size, GIST_PY_SLOT_end_size,
                                GIST_PY_SLOT_agent_size, GIST_PY_SLOT_dose_size, GIST_PY_SLOT_schedule_size,
                                GIST_PY_SLOT_reason_size, GIST_PY_SLOT_response_size, GIST_PY_SLOT_value_size,
                                GIST_PY_SLOT_method_size, GIST_PY_SLOT_criteria_size, GIST_PY_SLOT_extent_size};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        unsigned long long z = s[sizes[k]];
        if (!(z == 0 || z == 1 || z == 2 || z == 4 || z == 8) || (z && s[sizes[k] - 1] && !s[sizes[k] + 1])) {
            PyErr_SetString(PyExc_ValueError, "bad code width or missing table");
            return NULL;
        }
    }
    static const int outputs[][2] = {{GIST_PY_SLOT_out_kind, GIST_PY_SLOT_kind}, {GIST_PY_SLOT_out_end, GIST_PY_SLOT_end},
                                     {GIST_PY_SLOT_out_agent, GIST_PY_SLOT_agent}, {GIST_PY_SLOT_out_dose, GIST_PY_SLOT_dose},
                                     {GIST_PY_SLOT_out_schedule, GIST_PY_SLOT_schedule},
                                     {GIST_PY_SLOT_out_reason, GIST_PY_SLOT_reason},
                                     {GIST_PY_SLOT_out_method, GIST_PY_SLOT_method},
                                     {GIST_PY_SLOT_out_criteria, GIST_PY_SLOT_criteria},
                                     {GIST_PY_SLOT_out_extent, GIST_PY_SLOT_extent}};
    for (size_t k = 0; k < sizeof outputs / sizeof outputs[0]; k++) {
        if (s[outputs[k][0]] && !s[outputs[k][1]]) {
            PyErr_SetString(PyExc_ValueError, "an output column without its input");
            return NULL;
        }
    }
    if (!s[GIST_PY_SLOT_patient] || !s[GIST_PY_SLOT_date] || !s[GIST_PY_SLOT_out_date] || begin > end) {
        PyErr_SetString(PyExc_ValueError, "patient and date are required");
        return NULL;
    }
    unsigned r;
    Py_BEGIN_ALLOW_THREADS
    r = gist_py_convert_rows(s, begin, end);
    Py_END_ALLOW_THREADS
    return PyLong_FromUnsignedLong(r);
}

/* The same text column as a list of str, one per line or finding; with
   empty_as_none, empty texts are None. The library renders every text of the
   column on the first call, with the GIL released; the strings are then made
   in one loop, without an intermediate joined copy. */
PyObject *gist_py_cohort_strings(const gist_cohort *cohort, int column, int empty_as_none)
{
    gist_lines_table l = {GIST_COHORT_TABLE_VERSION};
    gist_findings_table f = {GIST_COHORT_TABLE_VERSION};
    gist_status st = gist_cohort_lines(cohort, &l);
    if (st == GIST_OK)
        st = gist_cohort_findings(cohort, &f);
    if (st != GIST_OK) {
        gist_py_raise(st);
        return NULL;
    }
    gist_py_text_fn fn = column == 0 ? gist_cohort_line_steps
                       : column == 1 ? gist_cohort_finding_rule
                       : column == 2 ? gist_cohort_finding_evidence
                       : column == 3 ? gist_cohort_finding_message : NULL;
    if (!fn) {
        PyErr_SetString(PyExc_ValueError, "unknown text column");
        return NULL;
    }
    size_t n = column == 0 ? l.count : f.count;
    const char *first = NULL;
    if (n > 0) {
        Py_BEGIN_ALLOW_THREADS
        first = fn(cohort, 0);
        Py_END_ALLOW_THREADS
        if (!first)
            return PyErr_NoMemory();
    }
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *t = i == 0 ? first : fn(cohort, i);
        PyObject *s;
        if (!t) {
            Py_DECREF(list);
            return PyErr_NoMemory();
        }
        if (empty_as_none && !t[0]) {
            Py_INCREF(Py_None);
            s = Py_None;
        } else {
            s = PyUnicode_DecodeUTF8(t, (Py_ssize_t)strlen(t), "replace");
            if (!s) {
                Py_DECREF(list);
                return NULL;
            }
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

/* Lines (findings == 0) or findings (findings != 0) CSV of every patient of
   event CSV files, as `gist lines` / `gist audit` write them after their first
   comment line: the streaming reader, one timeline at a time, GIL released. */
PyObject *gist_py_csv_file(PyObject *paths, const gist_pathway *pathway, const gist_lines_options *options,
                           int findings)
{
    PyObject *seq = PySequence_Fast(paths, "paths must be a sequence of file names");
    if (!seq)
        return NULL;
    Py_ssize_t np = PySequence_Fast_GET_SIZE(seq);
    if (np < 1) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "no file given");
        return NULL;
    }
    gist_event_reader *r = NULL;
    gist_timeline *t = NULL;
    gist_status st = GIST_OK;
    for (Py_ssize_t i = 0; i < np && st == GIST_OK; i++) {
        const char *p = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(seq, i));
        if (!p) {
            gist_event_reader_free(r);
            Py_DECREF(seq);
            return NULL;
        }
        st = i == 0 ? gist_event_reader_open(&r, p) : gist_event_reader_add_file(r, p);
    }
    Py_DECREF(seq);
    char *text = NULL;
    size_t len = 0, cap = 0;
    if (st == GIST_OK)
        st = gist_timeline_new(&t);
    Py_BEGIN_ALLOW_THREADS
    int first = 1;
    while (st == GIST_OK) {
        int done = 0;
        gist_lines *l = NULL;
        char *part = NULL;
        if ((st = gist_event_reader_next(r, t, &done)) != GIST_OK || done)
            break;
        st = pathway ? gist_timeline_audit(&l, t, pathway, options) : gist_timeline_lines(&l, t, options);
        if (st == GIST_OK)
            st = findings ? gist_lines_findings_to_csv(l, first ? GIST_CSV_HEADER : 0, &part)
                          : gist_lines_to_csv(l, first ? GIST_CSV_HEADER : 0, &part);
        gist_lines_free(l);
        first = 0;
        if (st == GIST_OK) {
            size_t k = strlen(part);
            if (len + k + 1 > cap) {
                size_t ncap = cap ? cap : 65536;
                while (ncap < len + k + 1)
                    ncap *= 2;
                char *nb = (char *)realloc(text, ncap);
                if (!nb)
                    st = GIST_ENOMEM;
                else {
                    text = nb;
                    cap = ncap;
                }
            }
            if (st == GIST_OK) {
                memcpy(text + len, part, k);
                len += k;
            }
        }
        gist_free(part);
    }
    if (st == GIST_OK && first) {
        /* no patient: the header alone */
        const char *h = findings ? "patient,date,setting,line,code,severity,rule,evidence,row,message\n"
                                 : "patient,setting,line,start,end,end_reason,agents,rechallenge,dose_steps,findings\n";
        size_t k = strlen(h);
        text = (char *)malloc(k + 1);
        if (!text)
            st = GIST_ENOMEM;
        else {
            memcpy(text, h, k);
            len = k;
        }
    }
    Py_END_ALLOW_THREADS
    gist_timeline_free(t);
    gist_event_reader_free(r);
    if (st != GIST_OK) {
        free(text);
        if (st == GIST_ENOMEM && gist_error_last()->status != GIST_ENOMEM)
            return PyErr_NoMemory();
        gist_py_raise(st);
        return NULL;
    }
    PyObject *out = PyUnicode_DecodeUTF8(text ? text : "", (Py_ssize_t)len, "replace");
    free(text);
    return out;
}
%}
#endif
