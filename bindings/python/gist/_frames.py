# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The DataFrames of lines, dose steps and findings, with their column types.

Columns and values are those of ``gist lines`` / ``gist audit`` (CSV), typed:

lines
    patient (int64 when every id is a whole number, else str), setting
    (category), line (int32), start and end (datetime64[ns]), end_reason
    (category), agents (category: the regimen, agents joined with ``+``),
    rechallenge (bool), dose_steps (str, ``date:agent:dose_mg:reason`` joined
    with ``;``), findings (int32)
findings
    patient, date (datetime64[ns]), setting (category, NaN when about no
    line), line (Int32, NA when about no line), code and severity
    (category), rule (str, None for data findings), evidence (str, ids
    joined with ``;``, None when none), row (UInt32, NA when about no row),
    message (str)
"""

import io

import numpy as np
import pandas as pd

from . import _core
from ._enums import FindingCode, LineEnd, Setting, Severity, StopReason, c_names

LINES_COLUMNS = ["patient", "setting", "line", "start", "end", "end_reason", "agents", "rechallenge", "dose_steps",
                 "findings"]
FINDINGS_COLUMNS = ["patient", "date", "setting", "line", "code", "severity", "rule", "evidence", "row", "message"]
STEPS_COLUMNS = ["patient", "line", "setting", "number", "date", "agent", "dose_mg", "reason"]

_NS_PER_DAY = 86_400_000_000_000


def _categories(cls):
    return pd.CategoricalDtype(c_names(cls))


SETTING = _categories(Setting)
LINE_END = _categories(LineEnd)
CODE = _categories(FindingCode)
SEVERITY = _categories(Severity)
STOP_REASON = _categories(StopReason)


def agent_dtype():
    """The categories of the steps' agent column: every agent of the registry, in registry order."""
    return pd.CategoricalDtype([_core.agent_name(_core.agent_at(i)) for i in range(_core.agent_count())])


def lut(cls, dtype):
    """C value -> category code of ``dtype`` (-1 for values without a category)."""
    table = np.full(256, -1, dtype=np.int16)
    name_of = {Setting: _core.setting_name, LineEnd: _core.line_end_name, FindingCode: _core.finding_code_name,
               Severity: _core.severity_name, StopReason: _core.stop_reason_name}[cls]
    index = {name: k for k, name in enumerate(dtype.categories)}
    for value in range(256):
        name = name_of(value)
        if name in index and value != 0:
            table[value] = index[name]
    return table


def days_to_datetime(days):
    """int32 days since 1970-01-01 -> datetime64[ns] (DATE_NONE -> NaT)."""
    days = np.asarray(days)
    out = days.astype(np.int64) * _NS_PER_DAY
    none = days == _core.DATE_NONE
    if none.any():
        out[none] = np.iinfo(np.int64).min
    return out.view("M8[ns]")


def attach(df, options, pathway, what):
    """Echo the options (and the pathway) in ``df.attrs``, as the command line's first line does."""
    df.attrs["options"] = dict(options)
    if pathway is not None:
        df.attrs["pathway"] = "%s@%s" % (pathway.id, pathway.version)
    text = " ".join("%s=%s" % (k, _option_text(k, v)) for k, v in options.items())
    if pathway is not None:
        text += " pathway=" + df.attrs["pathway"]
    df.attrs["header"] = "gist %s %s" % (what, text)
    return df


def _option_text(key, value):
    if isinstance(value, bool):
        return str(int(value))
    if key == "censor_date" and value is None:
        return "last-event"
    return str(value)


def _patients(values, as_text):
    """Patient ids from CSV text: int64 when every one is a whole number (as pandas.read_csv reads them)."""
    if not as_text and len(values):
        s = pd.Series(values, dtype=object)
        if s.str.fullmatch(r"-?(0|[1-9][0-9]{0,17})").all():
            return s.astype(np.int64).to_numpy()
    return np.asarray(values, dtype=object)


def _text_or_none(values):
    out = np.asarray(values, dtype=object)
    out[out == ""] = None
    return out


def lines_from_csv(text, options, pathway, patient_as_text=False):
    """The lines DataFrame from the CSV that gist_lines_to_csv writes."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    df = pd.DataFrame({
        "patient": _patients(raw["patient"].to_numpy(), patient_as_text),
        "setting": pd.Categorical(raw["setting"], dtype=SETTING),
        "line": raw["line"].astype(np.int32).to_numpy(),
        "start": pd.to_datetime(raw["start"], format="%Y-%m-%d").to_numpy(),
        "end": pd.to_datetime(raw["end"], format="%Y-%m-%d").to_numpy(),
        "end_reason": pd.Categorical(raw["end_reason"], dtype=LINE_END),
        "agents": pd.Categorical(raw["agents"], categories=pd.unique(raw["agents"])),
        "rechallenge": raw["rechallenge"].to_numpy() == "1",
        "dose_steps": raw["dose_steps"].to_numpy(dtype=object),
        "findings": raw["findings"].astype(np.int32).to_numpy(),
    }, columns=LINES_COLUMNS)
    return attach(df, options, pathway, "lines")


def findings_from_csv(text, options, pathway, patient_as_text=False):
    """The findings DataFrame from the CSV that gist_lines_findings_to_csv writes."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    df = pd.DataFrame({
        "patient": _patients(raw["patient"].to_numpy(), patient_as_text),
        "date": pd.to_datetime(raw["date"], format="%Y-%m-%d").to_numpy(),
        "setting": pd.Categorical(raw["setting"].replace("", np.nan), dtype=SETTING),
        "line": pd.array(pd.to_numeric(raw["line"].replace("", np.nan)), dtype="Int32"),
        "code": pd.Categorical(raw["code"], dtype=CODE),
        "severity": pd.Categorical(raw["severity"], dtype=SEVERITY),
        "rule": _text_or_none(raw["rule"].to_numpy()),
        "evidence": _text_or_none(raw["evidence"].to_numpy()),
        "row": pd.array(pd.to_numeric(raw["row"].replace("", np.nan)), dtype="UInt32"),
        "message": raw["message"].to_numpy(dtype=object),
    }, columns=FINDINGS_COLUMNS)
    return attach(df, options, pathway, "audit" if pathway is not None else "lines")


def empty_lines(patient_dtype=np.int64):
    """An empty lines DataFrame with the column types (dask's meta)."""
    return pd.DataFrame({
        "patient": np.empty(0, dtype=patient_dtype),
        "setting": pd.Categorical([], dtype=SETTING),
        "line": np.empty(0, np.int32),
        "start": np.empty(0, "M8[ns]"),
        "end": np.empty(0, "M8[ns]"),
        "end_reason": pd.Categorical([], dtype=LINE_END),
        "agents": pd.Categorical([]),
        "rechallenge": np.empty(0, bool),
        "dose_steps": np.empty(0, object),
        "findings": np.empty(0, np.int32),
    }, columns=LINES_COLUMNS)


def empty_findings(patient_dtype=np.int64):
    """An empty findings DataFrame with the column types (dask's meta)."""
    return pd.DataFrame({
        "patient": np.empty(0, dtype=patient_dtype),
        "date": np.empty(0, "M8[ns]"),
        "setting": pd.Categorical([], dtype=SETTING),
        "line": pd.array([], dtype="Int32"),
        "code": pd.Categorical([], dtype=CODE),
        "severity": pd.Categorical([], dtype=SEVERITY),
        "rule": np.empty(0, object),
        "evidence": np.empty(0, object),
        "row": pd.array([], dtype="UInt32"),
        "message": np.empty(0, object),
    }, columns=FINDINGS_COLUMNS)


def to_csv(df, path=None):
    """Write a lines or findings DataFrame as ``gist lines`` / ``gist audit`` write CSV (without
    their first ``#`` line): dates as YYYY-MM-DD, booleans as 0/1, missing values empty. Returns
    the text when ``path`` is None."""
    import csv
    out = df.copy()
    for name in out.columns:
        if out[name].dtype == bool:
            out[name] = out[name].astype(np.int8)
    return out.to_csv(path, index=False, na_rep="", date_format="%Y-%m-%d", lineterminator="\n",
                      quoting=csv.QUOTE_MINIMAL)
