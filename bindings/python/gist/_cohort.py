# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Lines of therapy and audit findings for whole cohorts, from pandas DataFrames.

The events are a DataFrame with the columns of the event CSV format
(docs/event-formats.md), or the name of an event CSV file. Each column is
turned into the typed array the C library reads (vectorised: unique values
are looked up once, then mapped with numpy), the arrays are passed to
gist_cohort_run by address without copying, and the result columns are read
in place as numpy arrays.
"""

import os
import threading

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from . import _core
from ._enums import (Criteria, EventKind, Extent, FindingCode, Genotype, LineEnd, Method, Response, Schedule,
                     Setting, Severity, StopReason, c_names)
from ._frames import (CODE, FINDINGS_COLUMNS, LINE_END, LINES_COLUMNS, SETTING, SEVERITY, STEPS_COLUMNS,
                      STOP_REASON, agent_dtype, attach, days_to_datetime, empty_findings, empty_lines,
                      findings_from_csv, lines_from_csv, lut)
from ._timeline import make_options, options_dict, resolve_pathway

__all__ = ["lines", "audit", "cohort", "Cohort", "read_events", "EVENT_COLUMNS"]

#: Column names of the event CSV format and their aliases (OMOP drug_exposure), plus ``row``.
EVENT_COLUMNS = {
    "patient": "patient", "person_id": "patient",
    "event": "event",
    "date": "date", "start": "date", "drug_exposure_start_date": "date",
    "end": "end", "drug_exposure_end_date": "end",
    "agent": "agent", "drug": "agent",
    "dose_mg": "dose_mg", "daily_dose_mg": "dose_mg",
    "schedule": "schedule",
    "reason": "reason", "stop_reason": "reason",
    "response": "response",
    "method": "method",
    "criteria": "criteria",
    "extent": "extent",
    "value": "value",
    "row": "row",
}

# mCODE / SNOMED synonyms the CSV reader accepts (docs/event-formats.md).
_RESPONSE_CODES = {"268910001": "responding", "359746009": "stable", "271299001": "progression",
                   "improved": "responding", "worsened": "progression"}
_REASON_CODES = {"266721009": "progression", "407563006": "intolerance"}
_SETTING_CODES = {"373808002": "adjuvant", "363676003": "advanced", "curative": "adjuvant",
                  "palliative": "advanced"}
_UNDETERMINED = ("709137006", "undetermined")
_UNDETERMINED_CODE = 255  # internal marker: an assessment whose response is undetermined (sent as 0)

_EXPOSURE, _ASSESSMENT, _GENOTYPE, _REFERRAL, _SETTING = (EventKind(k).code for k in (
    "exposure", "assessment", "genotype", "referral", "setting"))
_NS_PER_DAY = 86_400_000_000_000


def _names(cls, synonyms=None):
    table = {}
    for code, name in enumerate(c_names(cls), start=1):
        table[name] = cls(name).code
    del code
    for key, name in (synonyms or {}).items():
        table[key] = cls(name).code
    return table


_KIND_NAMES = {k.value: k.code for k in EventKind}


class _BadValue(Exception):
    """A value that cannot be read: the exception class and message the row's error will have."""

    def __init__(self, cls, message):
        Exception.__init__(self, message)
        self.cls = cls
        self.message = message


def _key(value):
    """The text of a value as the CSV reader would see it."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return None


def _enum_code(value, table, extra=None):
    """The C value of one distinct value of an enum column, or None when the format has no such value."""
    text = _key(value)
    if text is None:
        return None
    low = text.lower()
    code = table.get(low)
    if code is None and extra is not None:
        code = extra.get(low)
    return code


def _date_days(value):
    """Days since 1970-01-01 of one distinct value of a date column; raises _BadValue."""
    import datetime
    if value is None:
        return 0
    if isinstance(value, str):
        try:
            return _core.date_parse(value)
        except (_core.ParseError, _core.RangeError) as error:
            message = str(error)
            if isinstance(error, _core.RangeError) and len(value) == 10:
                message = "%r is not a date from 1900-01-01 to 2200-12-31" % value
            elif isinstance(error, _core.ParseError):
                message = "%r is not a date in the form YYYY-MM-DD" % value
            raise _BadValue(type(error), message) from None
    if isinstance(value, (datetime.date, pd.Timestamp, np.datetime64)):
        return int(np.datetime64(value, "D").astype(np.int64))
    raise _BadValue(TypeError, "%r is not a date (datetime64 or 'YYYY-MM-DD' text)" % (value,))


def _agent_index(value):
    """Registry index of one distinct value of the agent column; raises _BadValue."""
    if not isinstance(value, str):
        raise _BadValue(_core.InvalidArgumentError,
                        "%r is not an agent name (canonical, synonym, brand or ATC code)" % (value,))
    try:
        return _core.agent_index(_core.agent_lookup(value))
    except _core.GistError as error:
        raise _BadValue(type(error), str(error)) from None


def _dose_value(value):
    """mg per day of one distinct value of a text dose column: NaN for a boolean, inf when unreadable."""
    if isinstance(value, (bool, np.bool_)):
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.inf


class _Events:
    """The columns of a DataFrame of events, checked and converted for gist_cohort_run."""

    def __init__(self, df):
        if not isinstance(df, pd.DataFrame):
            raise TypeError("events must be a pandas DataFrame or a file name, not %s" % type(df).__name__)
        self.n = len(df)
        cols = {}
        for name in df.columns:
            if not isinstance(name, str) or name not in EVENT_COLUMNS:
                raise _core.SchemaError(
                    "unknown column %r (known: patient, event, date, end, agent, dose_mg, schedule, reason, "
                    "response, method, criteria, extent, value, row; aliases person_id, start, "
                    "drug_exposure_start_date, drug_exposure_end_date, drug, daily_dose_mg, stop_reason)" % (name,))
            field = EVENT_COLUMNS[name]
            if field in cols:
                raise _core.SchemaError("column for %s given twice (%r and %r)" % (field, cols[field].name, name))
            # an empty frame's columns have whatever dtype pandas chose: take them as empty text
            cols[field] = df[name] if self.n else df[name].astype(object)
        for field, what in (("patient", "patient"), ("date", "date (or start)")):
            if field not in cols:
                raise _core.SchemaError("the events have no %s column" % what)
        self.cols = cols
        self.row = None
        if "row" in cols:
            self.row = self._rows(cols["row"])

    # ---- errors ----------------------------------------------------------

    def row_of(self, position):
        return int(self.row[position]) if self.row is not None else int(position) + 2

    def fail(self, cls, position, field, message):
        row = self.row_of(position)
        error = cls("row %d: %s: %s" % (row, field, message))
        error.line = row
        error.field = field
        raise error

    def _rows(self, s):
        if not ptypes.is_integer_dtype(s.dtype) or ptypes.is_bool_dtype(s.dtype):
            if s.isna().any():
                self.row = None
                self.fail(_core.SchemaError, int(np.flatnonzero(s.isna().to_numpy())[0]), "row", "row is missing")
            raise TypeError("row must be a column of whole numbers, not %s" % s.dtype)
        values = s.to_numpy()
        bad = (values < 1) | (values > 0xFFFFFFFF)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise _core.RangeError("row: %d (position %d) is not from 1 to 4294967295" % (values[k], k))
        return values.astype(np.uint32, copy=False)

    # ---- column kinds ----------------------------------------------------

    @staticmethod
    def factor(s):
        """(codes with -1 for empty, unique values): NaN, None and "" are empty."""
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes = s.cat.codes.to_numpy()
            uniques = list(s.cat.categories)
        else:
            codes, uniques = pd.factorize(s, sort=False)
            uniques = list(uniques)
        empty = [k for k, u in enumerate(uniques) if isinstance(u, str) and u == ""]
        if empty:
            codes = codes.copy()
            for k in empty:
                codes[codes == k] = -1
                uniques[k] = None
        return codes, uniques

    def enum(self, field, table, dtype=np.uint8, extra=None):
        """Codes of an enum column (0 where empty); unknown values raise SchemaError with their row."""
        if field not in self.cols:
            return None, None
        codes, uniques = self.factor(self.cols[field])
        mapping = np.zeros(len(uniques) + 1, dtype=dtype)
        for k, u in enumerate(uniques):
            code = _enum_code(u, table, extra)
            if code is None:
                where = np.flatnonzero(codes == k)
                if len(where):
                    expected = ", ".join(n for n in table if not n.isdigit() and n not in _SYNONYM_WORDS)
                    self.fail(_core.SchemaError, where[0], field,
                              "unknown %s %r (expected one of: %s)" % (field, u, expected))
                code = 0
            mapping[k] = code
        return mapping[codes], codes >= 0

    def dates(self, field, required):
        """int32 days since 1970-01-01 (DATE_NONE where empty), checked against 1900-2200."""
        if field not in self.cols:
            return None, None
        s = self.cols[field]
        if ptypes.is_datetime64_any_dtype(s.dtype):
            if getattr(s.dtype, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            ns = s.to_numpy(dtype="M8[ns]").view(np.int64)
            missing = ns == np.iinfo(np.int64).min
            days = ns // _NS_PER_DAY
        elif s.dtype == object or ptypes.is_string_dtype(s.dtype) or isinstance(s.dtype, pd.CategoricalDtype):
            codes, uniques = self.factor(s)
            udays = np.zeros(len(uniques) + 1, dtype=np.int64)
            for k, u in enumerate(uniques):
                udays[k] = self._one_date(u, codes, k, field)
            days = udays[codes]
            missing = codes < 0
        else:
            raise TypeError("%s must be dates (datetime64 or 'YYYY-MM-DD' text), not %s" % (field, s.dtype))
        if required and missing.any():
            self.fail(_core.SchemaError, np.flatnonzero(missing)[0], field, "%s is missing" % field)
        present = ~missing
        if self.n and present.any():
            low, high = days[present].min(), days[present].max()
            if low < _core.DATE_MIN or high > _core.DATE_MAX:
                bad = present & ((days < _core.DATE_MIN) | (days > _core.DATE_MAX))
                k = np.flatnonzero(bad)[0]
                self.fail(_core.RangeError, k, field, "%s is not a date from 1900-01-01 to 2200-12-31"
                          % np.datetime64(int(days[k]), "D"))
        out = days.astype(np.int32)
        if missing.any():
            out[missing] = _core.DATE_NONE
        return out, present

    def _one_date(self, value, codes, k, field):
        try:
            return _date_days(value)
        except _BadValue as bad:
            where = np.flatnonzero(codes == k)
            if not len(where):
                return 0  # a category no row has
            self.fail(bad.cls, where[0], field, bad.message)

    def patients(self):
        """int64 keys in order of first appearance, and the ids to map them back (None: the keys are the ids)."""
        s = self.cols["patient"]
        if self.integer_patients():
            values = s.to_numpy(dtype=np.int64)
            if self.n < 2 or bool((values[1:] >= values[:-1]).all()):
                return values, None
        elif ptypes.is_float_dtype(s.dtype) or ptypes.is_bool_dtype(s.dtype):
            missing = s.isna().to_numpy()
            if missing.any():
                self.fail(_core.SchemaError, np.flatnonzero(missing)[0], "patient", "patient is missing")
            raise TypeError("patient ids must be whole numbers or text, not %s" % s.dtype)
        codes, uniques = self.factor(s)
        if (codes < 0).any():
            self.fail(_core.SchemaError, np.flatnonzero(codes < 0)[0], "patient", "patient is missing")
        return codes.astype(np.int64, copy=False), self.patient_ids(uniques)

    def integer_patients(self):
        """Whether the patient column holds whole numbers without gaps (used as the keys when in order)."""
        s = self.cols["patient"]
        return ptypes.is_integer_dtype(s.dtype) and not ptypes.is_bool_dtype(s.dtype) and not s.hasnans

    def patient_ids(self, uniques):
        """The patient ids of factor() keys, in the column's type (integers) or as objects."""
        s = self.cols["patient"]
        if isinstance(uniques, list):
            uniques = pd.Index(uniques)
        return np.asarray(uniques, dtype=s.dtype if ptypes.is_integer_dtype(s.dtype) else object)

    def agents(self):
        """int16 registry indices (-1 where empty); unknown names raise with their row."""
        if "agent" not in self.cols:
            return None, None
        codes, uniques = self.factor(self.cols["agent"])
        mapping = np.full(len(uniques) + 1, -1, dtype=np.int16)
        for k, u in enumerate(uniques):
            try:
                mapping[k] = _agent_index(u)
            except _BadValue as bad:
                where = np.flatnonzero(codes == k)
                if len(where):
                    self.fail(bad.cls, where[0], "agent", bad.message)
        return mapping[codes], codes >= 0

    def doses(self):
        """float64 daily doses (0 where not recorded)."""
        if "dose_mg" not in self.cols:
            return None, None
        s = self.cols["dose_mg"]
        if ptypes.is_bool_dtype(s.dtype):
            raise TypeError("dose_mg must be numbers of mg per day, not %s" % s.dtype)
        if ptypes.is_numeric_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
            values = s.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            codes, uniques = self.factor(s)
            udose = np.full(len(uniques) + 1, np.nan)
            for k, u in enumerate(uniques):
                udose[k] = _dose_value(u)
                if not np.isfinite(udose[k]):
                    where = np.flatnonzero(codes == k)
                    if len(where):
                        self.fail(_core.ParseError, where[0], "dose_mg", "%r is not a number of mg per day" % (u,))
            values = udose[codes]
        finite = np.isfinite(values)
        if finite.all():
            return values, np.ones(self.n, dtype=bool) if self.n else finite
        missing = np.isnan(values)
        bad = ~finite & ~missing
        if bad.any():
            k = np.flatnonzero(bad)[0]
            self.fail(_core.ParseError, k, "dose_mg", "%r is not a number of mg per day" % values[k])
        values = np.where(missing, 0.0, values)
        return values, ~missing


_SYNONYM_WORDS = frozenset(("improved", "worsened", "curative", "palliative"))


def _only(ev, kind_mask, kind_name, present, allowed):
    """Fields that do not belong to a kind of event must be empty."""
    for field, mask in present.items():
        if field in allowed or mask is None:
            continue
        bad = mask & kind_mask if kind_mask is not None else mask
        if bad.any():
            ev.fail(_core.SchemaError, np.flatnonzero(bad)[0], field,
                    "%s does not apply to %s events (leave it empty)" % (field, kind_name))


def convert(df, threads=0):
    """Check the events and build the columns of gist_events; returns (columns dict, patient ids or None, events).

    One pass in C over the rows (gist_py_events_convert, on ``threads``
    threads, 0: one per core) converts and checks them. When it finds a wrong
    row, or a column has a type it does not read, the reference code
    (_checked_convert) converts and checks the columns again, one at a time,
    and raises the error that names the row."""
    ev = _Events(df)
    if ev.n:
        try:
            fast = _fast_convert(ev, threads)
        except _NotFast:
            fast = None
        if fast is not None:
            return fast[0], fast[1], ev
    return _checked_convert(ev)


def _checked_convert(ev):
    """The reference conversion: each column checked in turn, the first wrong row of the first wrong column
    raised (as the CSV reader reports it)."""
    n = ev.n
    keys, ids = ev.patients()
    date, _ = ev.dates("date", True)
    kind, _ = ev.enum("event", _KIND_NAMES)
    end, end_present = ev.dates("end", False)
    agent, agent_present = ev.agents()
    dose, dose_present = ev.doses()
    schedule, schedule_present = ev.enum("schedule", _names(Schedule))
    reason, reason_present = ev.enum("reason", _names(StopReason, _REASON_CODES))
    response_table = _names(Response, _RESPONSE_CODES)
    response_table.update({u: _UNDETERMINED_CODE for u in _UNDETERMINED})
    response, response_present = ev.enum("response", response_table)
    method, method_present = ev.enum("method", _names(Method))
    criteria, criteria_present = ev.enum("criteria", _names(Criteria))
    extent, extent_present = ev.enum("extent", _names(Extent))

    # value: genotype names on genotype rows, settings on setting rows.
    value = value_present = None
    if "value" in ev.cols:
        codes, uniques = ev.factor(ev.cols["value"])
        value_present = codes >= 0
        geno = _names(Genotype)
        sett = _names(Setting, _SETTING_CODES)
        gmap = np.zeros(len(uniques) + 1, dtype=np.int16)
        smap = np.zeros(len(uniques) + 1, dtype=np.int16)
        for k, u in enumerate(uniques):
            text = _key(u)
            low = text.lower() if text is not None else None
            gmap[k] = geno.get(low, -1)
            smap[k] = sett.get(low, -1)
        gcodes, scodes = gmap[codes], smap[codes]
        value = np.zeros(n, dtype=np.uint8)
        for kind_code, codes_k, table, what in ((_GENOTYPE, gcodes, geno, "value"),
                                                (_SETTING, scodes, sett, "value")):
            rows = (kind == kind_code) if kind is not None else np.zeros(n, dtype=bool)
            bad = rows & value_present & (codes_k < 0)
            if bad.any():
                k = np.flatnonzero(bad)[0]
                expected = ", ".join(x for x in table if not x.isdigit() and x not in _SYNONYM_WORDS)
                ev.fail(_core.SchemaError, k, what, "unknown value %r (expected one of: %s)"
                        % (ev.cols["value"].iloc[k], expected))
            np.copyto(value, codes_k.astype(np.uint8), where=rows & value_present)

    present = {"end": end_present, "agent": agent_present, "dose_mg": dose_present, "schedule": schedule_present,
               "reason": reason_present, "response": response_present, "method": method_present,
               "criteria": criteria_present, "extent": extent_present, "value": value_present}
    exposure_fields = ("end", "agent", "dose_mg", "schedule", "reason")
    assessment_fields = ("response", "method", "criteria", "extent")
    if kind is None:
        exposures = None
        _only(ev, None, "exposure", present, exposure_fields)
    else:
        exposures = kind == _EXPOSURE
        for code, name, allowed in ((_EXPOSURE, "exposure", exposure_fields),
                                    (_ASSESSMENT, "assessment", assessment_fields),
                                    (_GENOTYPE, "genotype", ("value",)), (_SETTING, "setting", ("value",)),
                                    (_REFERRAL, "referral", ())):
            rows = exposures if code == _EXPOSURE else kind == code
            if rows.any():
                _only(ev, rows, name, present, allowed)
    # required fields
    need_agent = exposures if exposures is not None else np.ones(n, dtype=bool)
    missing = need_agent & (~agent_present if agent_present is not None else True)
    if np.any(missing):
        ev.fail(_core.SchemaError, np.flatnonzero(missing)[0], "agent", "an exposure needs an agent")
    if kind is not None:
        for code, field, mask, text in ((_ASSESSMENT, "response", response_present, "an assessment needs a response"),
                                        (_GENOTYPE, "value", value_present, "a genotype event needs its value"),
                                        (_SETTING, "value", value_present,
                                         "a setting event needs its value (advanced or adjuvant)")):
            rows = kind == code
            bad = rows & ~mask if mask is not None else rows
            if bad.any():
                ev.fail(_core.SchemaError, np.flatnonzero(bad)[0], field, text)
        # response goes into value on assessments (undetermined: kept without a response, reported)
        if response is not None:
            assess = kind == _ASSESSMENT
            if assess.any():
                if value is None:
                    value = np.zeros(n, dtype=np.uint8)
                resp = np.where(response == _UNDETERMINED_CODE, 0, response).astype(np.uint8)
                np.copyto(value, resp, where=assess)
    columns = {"patient": keys, "date": date, "kind": kind, "end": end, "agent": agent, "dose_mg": dose,
               "schedule": schedule, "reason": reason, "value": value, "method": method, "criteria": criteria,
               "extent": extent, "row": ev.row}
    return columns, ids, ev


# ---- the one-pass conversion ---------------------------------------------------------------------

_SLOTS = tuple(_core.py_events_slots().rstrip(",").split(","))
# table entries of coded columns (see gist_py_events_convert in bindings/swig/gist.i)
_HAS = {name: 1 << (16 + k) for k, name in enumerate(
    ("end", "agent", "dose_mg", "schedule", "reason", "response", "method", "criteria", "extent", "value"))}
_NOT_GENOTYPE, _NOT_SETTING, _UNKNOWN = 1 << 29, 1 << 30, 1 << 31
_DAYS_EMPTY, _DAYS_BAD = np.iinfo(np.int64).min, np.iinfo(np.int64).max
_ROWS_PER_THREAD = 1 << 18  # fewer rows than this per thread: not worth starting one


class _NotFast(Exception):
    """A column of a type the one-pass conversion does not read: the reference code converts it."""


def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _put_codes(slots, keep, slot, codes, table):
    codes = np.ascontiguousarray(codes)
    if codes.dtype.kind != "i" or codes.dtype.itemsize not in (1, 2, 4, 8):
        raise _NotFast()
    keep += (codes, table)
    slots[slot] = _address(codes)
    slots[slot + "_size"] = codes.dtype.itemsize
    slots[slot + "_table"] = _address(table)


def _entries(uniques, code_of):
    """uint32 table entries of a coded column: entry 0 for empty, then one per distinct value."""
    entries = np.zeros(len(uniques) + 1, dtype=np.uint32)
    for k, u in enumerate(uniques):
        if u is not None:  # None: an empty text factor() has taken out
            entries[k + 1] = code_of(u)
    return entries


def _enum_entry(table, has, extra=None):
    def code_of(u):
        code = _enum_code(u, table, extra)
        return _UNKNOWN if code is None else code | has
    return code_of


def _put_dates(ev, slots, keep, field):
    s = ev.cols[field]
    if ptypes.is_datetime64_any_dtype(s.dtype):
        if getattr(s.dtype, "tz", None) is not None:
            s = s.dt.tz_localize(None)
        ns = np.ascontiguousarray(s.to_numpy(dtype="M8[ns]")).view(np.int64)
        keep.append(ns)
        slots[field] = _address(ns)
    elif s.dtype == object or ptypes.is_string_dtype(s.dtype) or isinstance(s.dtype, pd.CategoricalDtype):
        codes, uniques = ev.factor(s)
        days = np.full(len(uniques) + 1, _DAYS_EMPTY, dtype=np.int64)
        for k, u in enumerate(uniques):
            if u is None:
                continue
            try:
                day = _date_days(u)
            except _BadValue:
                day = _DAYS_BAD
            days[k + 1] = _DAYS_BAD if day == _DAYS_EMPTY else day
        _put_codes(slots, keep, field, codes, days)
    else:
        raise _NotFast()


def _fast_convert(ev, threads):
    """The columns of gist_events in one pass over the rows; None when a row is wrong."""
    n, cols = ev.n, ev.cols
    slots = dict.fromkeys(_SLOTS, 0)
    keep = []
    out = {}

    def output(name, slot, dtype):
        out[name] = np.empty(n, dtype=dtype)
        slots[slot] = _address(out[name])

    s = cols["patient"]
    ids = None
    if ev.integer_patients():
        keys = np.ascontiguousarray(s.to_numpy(dtype=np.int64))
    elif ptypes.is_float_dtype(s.dtype) or ptypes.is_bool_dtype(s.dtype):
        raise _NotFast()
    else:
        codes, uniques = ev.factor(s)
        keys = np.ascontiguousarray(codes.astype(np.int64, copy=False))
        ids = ev.patient_ids(uniques)
        slots["patient_codes"] = 1
    slots["patient"] = _address(keys)

    _put_dates(ev, slots, keep, "date")
    output("date", "out_date", np.int32)
    if "end" in cols:
        _put_dates(ev, slots, keep, "end")
        output("end", "out_end", np.int32)
    if "event" in cols:
        codes, uniques = ev.factor(cols["event"])
        _put_codes(slots, keep, "kind", codes, _entries(uniques, _enum_entry(_KIND_NAMES, 0)))
        output("kind", "out_kind", np.uint8)
    if "agent" in cols:
        codes, uniques = ev.factor(cols["agent"])

        def agent_entry(u):
            try:
                return (_agent_index(u) & 0xFFFF) | _HAS["agent"]
            except _BadValue:
                return _UNKNOWN
        table = _entries(uniques, agent_entry)
        table[0] = 0xFFFF  # empty: registry index -1
        _put_codes(slots, keep, "agent", codes, table)
        output("agent", "out_agent", np.int16)
    if "dose_mg" in cols:
        s = cols["dose_mg"]
        if ptypes.is_bool_dtype(s.dtype):
            raise _NotFast()
        if ptypes.is_numeric_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype):
            values = np.ascontiguousarray(s.to_numpy(dtype=np.float64, na_value=np.nan))
            keep.append(values)
            slots["dose"] = _address(values)
        else:
            codes, uniques = ev.factor(s)
            doses = np.full(len(uniques) + 1, np.nan)
            for k, u in enumerate(uniques):
                if u is not None:
                    dose = _dose_value(u)
                    doses[k + 1] = dose if np.isfinite(dose) else np.inf
            _put_codes(slots, keep, "dose", codes, doses)
        output("dose_mg", "out_dose", np.float64)
    for field, cls, synonyms in (("schedule", Schedule, None), ("reason", StopReason, _REASON_CODES),
                                 ("method", Method, None), ("criteria", Criteria, None), ("extent", Extent, None)):
        if field in cols:
            codes, uniques = ev.factor(cols[field])
            _put_codes(slots, keep, field, codes, _entries(uniques, _enum_entry(_names(cls, synonyms), _HAS[field])))
            output(field, "out_" + field, np.uint8)
    if "response" in cols:
        table = _names(Response, _RESPONSE_CODES)
        table.update({u: 0 for u in _UNDETERMINED})  # kept without a response, reported by the library
        codes, uniques = ev.factor(cols["response"])
        _put_codes(slots, keep, "response", codes, _entries(uniques, _enum_entry(table, _HAS["response"])))
    if "value" in cols:
        geno, sett = _names(Genotype), _names(Setting, _SETTING_CODES)

        def value_entry(u):
            text = _key(u)
            low = text.lower() if text is not None else None
            g, st = geno.get(low, -1), sett.get(low, -1)
            return ((g if g >= 0 else _NOT_GENOTYPE) | (st << 8 if st >= 0 else _NOT_SETTING)) | _HAS["value"]
        codes, uniques = ev.factor(cols["value"])
        _put_codes(slots, keep, "value", codes, _entries(uniques, value_entry))
    if "value" in cols or ("response" in cols and "event" in cols):
        output("value", "out_value", np.uint8)

    result = _convert_rows(tuple(slots[name] for name in _SLOTS), n, threads)
    if result & 1:
        return None
    if result & 2:
        # whole-number ids out of order: keys in order of first appearance, as the reference code gives
        codes, uniques = ev.factor(cols["patient"])
        keys, ids = codes.astype(np.int64, copy=False), ev.patient_ids(uniques)
    if "value" not in cols and not result & (8 << _ASSESSMENT):
        out.pop("value", None)
    columns = {"patient": keys, "date": out["date"], "kind": out.get("kind"), "end": out.get("end"),
               "agent": out.get("agent"), "dose_mg": out.get("dose_mg"), "schedule": out.get("schedule"),
               "reason": out.get("reason"), "value": out.get("value"), "method": out.get("method"),
               "criteria": out.get("criteria"), "extent": out.get("extent"), "row": ev.row}
    return columns, ids


def _convert_rows(slots, n, threads):
    """gist_py_events_convert over rows 0 to n, split between threads (the GIL is released)."""
    threads = _threads(threads) or _cores()
    parts = max(1, min(threads, n // _ROWS_PER_THREAD))
    if parts == 1:
        return _core.py_events_convert(slots, 0, n)
    bounds = [n * k // parts for k in range(parts + 1)]
    results = [0] * parts
    errors = []

    def work(k):
        try:
            results[k] = _core.py_events_convert(slots, bounds[k], bounds[k + 1])
        except BaseException as error:  # raised again on the calling thread
            errors.append(error)
    workers = [threading.Thread(target=work, args=(k,)) for k in range(1, parts)]
    for w in workers:
        w.start()
    work(0)
    for w in workers:
        w.join()
    if errors:
        raise errors[0]
    flags = 0
    for r in results:
        flags |= r
    return flags


def _address(a):
    return 0 if a is None else a.__array_interface__["data"][0]


_ORDER = ("patient", "date", "kind", "end", "agent", "dose_mg", "schedule", "reason", "value", "method", "criteria",
          "extent", "row")
_DTYPES = {"patient": np.int64, "date": np.int32, "kind": np.uint8, "end": np.int32, "agent": np.int16,
           "dose_mg": np.float64, "schedule": np.uint8, "reason": np.uint8, "value": np.uint8, "method": np.uint8,
           "criteria": np.uint8, "extent": np.uint8, "row": np.uint32}


def run_columns(columns, pathway=None, options=None, threads=0):
    """gist_cohort_run over numpy columns named as in ``gist_events`` (patient, date, kind, end, agent,
    dose_mg, schedule, reason, value, method, criteria, extent, row; absent or None columns are NULL).

    The thin wrapper over the C API: each array must have the C type (int64
    patient keys, int32 days, int16 registry indices, float64 doses, uint8
    enum codes, uint32 rows), be contiguous and have the same length. Events
    sorted by patient, date and kind are processed in place; others are sorted
    by the library. Returns the raw result (gist.core.cohort)."""
    arrays = {}
    count = None
    for name in _ORDER:
        a = columns.get(name)
        if a is None:
            arrays[name] = None
            continue
        a = np.ascontiguousarray(a)
        if a.dtype != _DTYPES[name]:
            raise TypeError("column %s must be %s, not %s" % (name, np.dtype(_DTYPES[name]), a.dtype))
        if count is None:
            count = len(a)
        elif len(a) != count:
            raise ValueError("column %s has %d entries, not %d" % (name, len(a), count))
        arrays[name] = a
    if arrays["patient"] is None or arrays["date"] is None:
        raise _core.InvalidArgumentError("the patient and date columns are required")
    if count == 0:
        # a zero-length array may have no storage at all: give the library a valid address
        arrays = {k: (np.zeros(1, _DTYPES[k]) if v is not None else None) for k, v in arrays.items()}
    args = [_address(arrays[name]) for name in _ORDER]
    threads = _threads(threads)
    try:
        return _core.py_cohort_run(pathway, options, threads, 1, count, *args)
    except _core.OrderError:
        return _core.py_cohort_run(pathway, options, threads, 0, count, *args)


def _threads(threads):
    if threads is None:
        return 0
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or not 0 <= threads <= 256:
        raise TypeError("threads must be a whole number from 0 (one per core) to 256")
    return int(threads)


class _CColumn:
    """Exposes a column of the library's memory to numpy; keeps the result alive while the array lives."""

    def __init__(self, owner, address, count, typestr):
        self._owner = owner
        self.__array_interface__ = {"version": 3, "shape": (count,), "typestr": typestr, "data": (address, True)}


def _column(owner, spec):
    address, count, typestr = spec
    if count == 0 or address == 0:
        return np.empty(0, dtype=typestr)
    return np.asarray(_CColumn(owner, address, count, typestr))


class Cohort:
    """Lines of therapy and findings of many patients (``gist.cohort``).

    ``lines``, ``steps`` and ``findings`` are DataFrames, built on first use
    (the text columns are rendered then). ``columns(table)`` gives the raw
    result columns as read-only numpy arrays over the library's memory, with
    no copy; they keep the result alive. ``options`` is the dict of options
    used, ``pathway`` the Pathway audited against (or None).
    """

    def __init__(self, raw, ids, row_offset, pathway, n_events):
        self._raw = raw
        self._ids = ids
        self._row_offset = row_offset
        self.pathway = pathway
        self.options = options_dict(_core.cohort_options(raw)) if raw is not None else None
        self.events = n_events
        self._tables = None
        self._frames = {}

    @classmethod
    def _from_frames(cls, lines_df, findings_df, pathway, n_events=None):
        self = cls(None, None, 0, pathway, n_events)
        self.options = lines_df.attrs["options"]
        self._frames = {"lines": lines_df, "findings": findings_df}
        return self

    def columns(self, table):
        """The raw columns of ``table`` ("lines", "steps" or "findings") as a dict of numpy arrays (no copy).

        Codes are the C library's (patient keys, days since 1970-01-01, enum
        values, registry indices; gist/cohort.h)."""
        if self._raw is None:
            raise ValueError("this cohort was read from a file: use the DataFrames")
        if self._tables is None:
            self._tables = _core.py_cohort_tables(self._raw)
        spec = self._tables[table]
        return {name: _column(self._raw, value) for name, value in spec.items() if name != "count"}

    def _patients(self, keys):
        if self._ids is None:
            return keys.astype(np.int64)
        return self._ids.take(keys)

    def _text(self, column, empty_as_none=False):
        """A text column (0: dose steps; 1: rule, 2: evidence, 3: message) as an object array of str."""
        strings = _core.py_cohort_strings(self._raw, column, 1 if empty_as_none else 0)
        out = np.empty(len(strings), dtype=object)
        out[:] = strings
        return out

    @property
    def lines(self):
        """The lines DataFrame (columns of ``gist lines``)."""
        if "lines" not in self._frames:
            c = self.columns("lines")
            n = len(c["patient"])
            regimens = [_core.cohort_regimen(self._raw, k) for k in range(_core.cohort_regimen_count(self._raw))]
            df = pd.DataFrame({
                "patient": self._patients(c["patient"]),
                "setting": pd.Categorical.from_codes(lut(Setting, SETTING)[c["setting"]], dtype=SETTING),
                "line": c["number"].astype(np.int32),
                "start": days_to_datetime(c["start"]),
                "end": days_to_datetime(c["end"]),
                "end_reason": pd.Categorical.from_codes(lut(LineEnd, LINE_END)[c["end_reason"]], dtype=LINE_END),
                "agents": pd.Categorical.from_codes(c["regimen"].astype(np.int32), categories=regimens),
                "rechallenge": c["rechallenge"] != 0,
                "dose_steps": self._text(0) if n else np.empty(0, object),
                "findings": c["findings"].astype(np.int32),
            }, columns=LINES_COLUMNS)
            self._frames["lines"] = attach(df, self.options, self.pathway, "lines")
        return self._frames["lines"]

    @property
    def findings(self):
        """The findings DataFrame (columns of ``gist audit``)."""
        if "findings" not in self._frames:
            c = self.columns("findings")
            lines = self.columns("lines")
            n = len(c["patient"])
            line = c["line"]
            has_line = line >= 0
            safe = np.where(has_line, line, 0)
            setting_codes = np.where(has_line, lut(Setting, SETTING)[lines["setting"][safe]] if len(lines["setting"])
                                     else -1, -1)
            number = pd.array(np.where(has_line, lines["number"][safe] if len(lines["number"]) else 0, 0),
                              dtype="Int32")
            number[~has_line] = pd.NA
            row = c["row"].astype(np.int64)
            row = np.where(row > 0, row + self._row_offset, 0)
            row_arr = pd.array(row, dtype="UInt32")
            row_arr[row == 0] = pd.NA
            rule = self._text(1, True) if n else np.empty(0, object)
            evidence = self._text(2, True) if n else np.empty(0, object)
            df = pd.DataFrame({
                "patient": self._patients(c["patient"]),
                "date": days_to_datetime(c["date"]),
                "setting": pd.Categorical.from_codes(setting_codes.astype(np.int16), dtype=SETTING),
                "line": number,
                "code": pd.Categorical.from_codes(lut(FindingCode, CODE)[c["code"]], dtype=CODE),
                "severity": pd.Categorical.from_codes(lut(Severity, SEVERITY)[c["severity"]], dtype=SEVERITY),
                "rule": rule,
                "evidence": evidence,
                "row": row_arr,
                "message": self._text(3) if n else np.empty(0, object),
            }, columns=FINDINGS_COLUMNS)
            what = "audit" if self.pathway is not None else "lines"
            self._frames["findings"] = attach(df, self.options, self.pathway, what)
        return self._frames["findings"]

    @property
    def steps(self):
        """The dose steps DataFrame: patient, line (index into ``lines``), setting and number of the line,
        date, agent (category), dose_mg (NaN if not recorded), reason recorded for the change (category)."""
        if "steps" not in self._frames:
            if self._raw is None:
                df = _steps_from_lines(self.lines)
            else:
                s = self.columns("steps")
                lines = self.columns("lines")
                line = s["line"]
                dose = s["dose_mg"].copy()
                dose[dose == 0] = np.nan
                df = pd.DataFrame({
                    "patient": self._patients(lines["patient"][line]) if len(line) else self._patients(
                        lines["patient"][:0]),
                    "line": line.astype(np.int64),
                    "setting": pd.Categorical.from_codes(lut(Setting, SETTING)[lines["setting"][line]],
                                                         dtype=SETTING),
                    "number": lines["number"][line].astype(np.int32),
                    "date": days_to_datetime(s["date"]),
                    "agent": pd.Categorical.from_codes(s["agent"].astype(np.int16), dtype=agent_dtype()),
                    "dose_mg": dose,
                    "reason": pd.Categorical.from_codes(lut(StopReason, STOP_REASON)[s["reason"]],
                                                        dtype=STOP_REASON),
                }, columns=STEPS_COLUMNS)
            self._frames["steps"] = attach(df, self.options, self.pathway, "lines")
        return self._frames["steps"]

    def __repr__(self):
        return "<Cohort: %d lines, %d findings>" % (len(self.lines), len(self.findings))


def _steps_from_lines(lines_df):
    """Dose steps parsed from the lines' dose_steps text (for cohorts read from files)."""
    parts = lines_df["dose_steps"].str.split(";").explode()
    fields = parts.str.split(":", expand=True) if len(parts) else pd.DataFrame(columns=range(4))
    idx = parts.index.to_numpy()
    dose = pd.to_numeric(fields[2]).to_numpy(dtype=np.float64) if len(parts) else np.empty(0)
    dose[dose == 0] = np.nan
    reason = fields[3].replace("unknown", np.nan) if len(parts) else []
    return pd.DataFrame({
        "patient": lines_df["patient"].to_numpy()[idx],
        "line": idx.astype(np.int64),
        "setting": pd.Categorical(lines_df["setting"].to_numpy()[idx], dtype=SETTING),
        "number": lines_df["line"].to_numpy()[idx],
        "date": pd.to_datetime(fields[0], format="%Y-%m-%d").to_numpy() if len(parts) else np.empty(0, "M8[ns]"),
        "agent": pd.Categorical(fields[1] if len(parts) else [], dtype=agent_dtype()),
        "dose_mg": dose,
        "reason": pd.Categorical(reason, dtype=STOP_REASON),
    }, columns=STEPS_COLUMNS)


def _is_path(events):
    return isinstance(events, (str, bytes, os.PathLike))


def read_events(path):
    """An event CSV file as a DataFrame of text columns (every value as written; empty fields as "")
    with a ``row`` column giving each row's line in the file, ready for gist.lines and gist.dask."""
    import csv
    with open(os.fspath(path), newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise _core.ParseError("%s: input is empty: a header row is required" % os.fspath(path))
        rows, lines = [], []
        for record in reader:
            if record == [] or record == [""]:
                continue
            rows.append(record)
            lines.append(reader.line_num)
    for k, record in enumerate(rows):
        if len(record) != len(header):
            raise _core.SchemaError("%s:%d: row has %d fields; the header has %d"
                                    % (os.fspath(path), lines[k], len(record), len(header)))
    df = pd.DataFrame(rows, columns=header, dtype=object)
    df["row"] = np.asarray(lines, dtype=np.int64)
    return df


def cohort(events, pathway=None, *, threads=0, **options):
    """Lines of therapy of every patient, audited against ``pathway`` when given (a Cohort).

    ``events`` is a DataFrame with the columns of the event CSV format
    (docs/event-formats.md, aliases too; see docs/getting-started-python.md
    for the accepted types), or the name of an event CSV file, read with the
    library's streaming reader exactly as ``gist lines`` reads it. Options are
    the lines options (combination_window_days, interruption_days,
    discontinuation_days, honor_schedules, unknown_setting, censor_date);
    ``threads`` is the number of worker threads (0: one per core)."""
    raw_options, echo = make_options(options)
    pw, pw_raw = resolve_pathway(pathway)
    if _is_path(events):
        paths = [os.fsdecode(events)]
        lines_df = lines_from_csv(_core.py_csv_file(paths, pw_raw, raw_options, 0), echo, None)
        findings_df = findings_from_csv(_core.py_csv_file(paths, pw_raw, raw_options, 1), echo, pw)
        return Cohort._from_frames(lines_df, findings_df, pw)
    columns, ids, ev = convert(events, threads)
    raw = run_columns(columns, pw_raw, raw_options, threads)
    # Rows: the frame's row column, else the position plus 2 (the library numbers them from 1).
    return Cohort(raw, ids, 0 if ev.row is not None else 1, pw, ev.n)


def lines(events, *, threads=0, **options):
    """The lines of therapy of every patient as a DataFrame, with the columns and values of ``gist lines``.

    See ``cohort`` for ``events`` and the options; ``df.attrs["options"]``
    echoes the options used. Column types: see docs/getting-started-python.md."""
    if _is_path(events):
        raw_options, echo = make_options(options)
        return lines_from_csv(_core.py_csv_file([os.fsdecode(events)], None, raw_options, 0), echo, None)
    return cohort(events, None, threads=threads, **options).lines


def audit(events, pathway="gist-2016", *, threads=0, **options):
    """The findings where each history departs from ``pathway`` as a DataFrame, with the columns and
    values of ``gist audit``. ``df.attrs`` echoes the options and the pathway."""
    if pathway is None:
        raise TypeError("audit needs a pathway")
    if _is_path(events):
        raw_options, echo = make_options(options)
        pw, pw_raw = resolve_pathway(pathway)
        return findings_from_csv(_core.py_csv_file([os.fsdecode(events)], pw_raw, raw_options, 1), echo, pw)
    return cohort(events, pathway, threads=threads, **options).findings


def empty_like(patient_dtype):
    """Empty lines and findings DataFrames with the column types of these functions."""
    return empty_lines(patient_dtype), empty_findings(patient_dtype)
