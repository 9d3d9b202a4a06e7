# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The one-pass conversion of event DataFrames agrees with the reference one.

gist.lines / gist.audit / gist.cohort convert a DataFrame's columns in one
pass in C and fall back to the column-by-column reference conversion (which
names the first wrong row) only when that pass finds a wrong row. So the pass
must accept exactly the frames the reference accepts, and give the same
columns: checked here on frames mixing valid and invalid values of every
column, in several column types, on one thread and split between threads."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gist
from gist import _cohort

from conftest import REPO

GOOD = {
    "patient": ["1", "2", "p-3"],
    "date": ["2015-01-01", "2016-02-29", "1900-01-01", "2200-12-31"],
    "end": ["2015-06-01", "2014-01-01", None],
    "agent": ["imatinib", "Glivec", "L01EA01", "sunitinib", "regorafenib"],
    "dose_mg": [400.0, 800.0, "600", None],
    "schedule": ["continuous", "4on2off", None],
    "reason": ["progression", "intolerance", "completed", "other", None],
    "response": ["responding", "stable", "progression", "undetermined", "709137006"],
    "method": ["ct", "MRI", "pet", "clinical", None],
    "criteria": ["recist", "choi", None],
    "extent": ["limited", "generalized", None],
    "genotype": ["kit_exon11", "PDGFRA_D842V", "wild_type_sdh_untested"],
    "setting": ["advanced", "adjuvant"],
}
BAD = {
    "patient": [None, ""],
    "event": ["surgery", None, 3],
    "date": ["2016-02-30", "1899-12-31", "2201-01-01", "01/02/2015", None, 20150101],
    "end": ["2300-01-01", "bad", 7],
    "agent": ["aspirinib", 42, None],
    "dose_mg": ["four hundred", np.inf, True],
    "schedule": ["weekly-ish", 9],
    "reason": ["boredom"],
    "response": ["better", None],
    "method": ["x-ray"],
    "criteria": ["who"],
    "extent": ["everywhere"],
    "value": ["purple", None, "advanced", "kit_exon11"],
}
FIELDS = {"exposure": ("end", "agent", "dose_mg", "schedule", "reason"),
          "assessment": ("response", "method", "criteria", "extent"),
          "genotype": ("value",), "setting": ("value",), "referral": ()}
COLUMNS = ["patient", "date", "event", "end", "agent", "dose_mg", "schedule", "reason", "response", "method",
           "criteria", "extent", "value"]


@st.composite
def frames(draw):
    """Valid events of a few patients, then perhaps some cells made wrong, in various column types."""
    rows = []
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["exposure", "exposure", "assessment", "genotype", "setting", "referral"]))
        row = {"patient": draw(st.sampled_from(GOOD["patient"])), "date": draw(st.sampled_from(GOOD["date"])),
               "event": draw(st.sampled_from([kind, kind.upper()]))}
        for field in FIELDS[kind]:
            pool = GOOD[kind] if field == "value" else GOOD[field]
            row[field] = draw(st.sampled_from(pool))
        rows.append(row)
    df = pd.DataFrame(rows, columns=COLUMNS).astype(object)
    df = df.where(df.notna(), None)
    if all(r["event"].lower() == "exposure" for r in rows) and draw(st.booleans()):
        df = df.drop(columns="event")  # every event an exposure
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):  # some wrong cells
        column = draw(st.sampled_from(list(df.columns)))
        df.at[draw(st.integers(0, len(df) - 1)), column] = draw(st.sampled_from(BAD[column]))
    keep = ["patient", "date"] + [c for c in df.columns[2:] if df[c].notna().any() or draw(st.booleans())]
    df = df[keep].copy()
    for c in df.columns:  # the same values in the other types a notebook would hand over
        form = draw(st.sampled_from(["object", "category", "native"]))
        if form == "category":
            df[c] = df[c].astype("category")
        elif form == "native":
            try:
                if c in ("date", "end"):
                    df[c] = pd.to_datetime(df[c], format="%Y-%m-%d")
                elif c == "dose_mg":
                    df[c] = pd.to_numeric(df[c])
                elif c == "patient":
                    df[c] = pd.to_numeric(df[c]).astype("int64")
            except (ValueError, TypeError, pd.errors.OutOfBoundsDatetime):
                pass  # values that type cannot hold: kept as objects
    return df


def reference(df):
    """(columns, ids) of the reference conversion, or the class and message it raises."""
    try:
        columns, ids, _ = _cohort._checked_convert(_cohort._Events(df))
        return (columns, ids), None
    except (gist.GistError, TypeError, ValueError) as error:
        return None, (type(error), str(error))


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and bool(np.all((a == b) | ((a != a) & (b != b))))


def check(df, threads):
    try:
        _cohort._Events(df)
    except gist.GistError:
        assume(False)  # a frame the column check refuses before either conversion
    expected, error = reference(df)
    try:
        fast = _cohort._fast_convert(_cohort._Events(df), threads)
    except _cohort._NotFast:
        return  # a column type the pass leaves to the reference conversion
    if error is not None:
        assert fast is None, "the one-pass conversion accepted a frame the reference refuses: %s" % (error,)
        with pytest.raises(error[0]) as info:
            gist.lines(df)
        assert str(info.value) == error[1]
        return
    assert fast is not None, "the one-pass conversion refused a frame the reference accepts"
    columns, ids = fast
    assert same(ids, expected[1])
    assert set(columns) == set(expected[0])
    for name in columns:
        assert same(columns[name], expected[0][name]), name


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_one_pass_conversion_accepts_and_gives_what_the_reference_does(df):
    check(df, 1)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_one_pass_conversion_split_between_threads_agrees(df):
    saved = _cohort._ROWS_PER_THREAD
    _cohort._ROWS_PER_THREAD = 2  # split even these small frames between threads
    try:
        check(df, 3)
    finally:
        _cohort._ROWS_PER_THREAD = saved


@pytest.mark.parametrize("path", [REPO / "tests" / "data" / "lot" / "cohort.csv", REPO / "examples" / "cohort.csv"])
def test_one_pass_conversion_of_the_fixtures(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    assert len(df) > 10
    check(df, 1)
