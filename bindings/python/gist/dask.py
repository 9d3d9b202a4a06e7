# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Lines of therapy and audit findings on dask DataFrames: cohorts larger than one machine.

``gist.dask.lines(ddf)`` and ``gist.dask.audit(ddf)`` run the same per-patient
logic as ``gist.lines`` / ``gist.audit`` on every partition of a dask
DataFrame whose rows of one patient are in one partition, and return dask
DataFrames (lazy; ``.compute()`` them)::

    import dask.dataframe as dd
    import gist.dask
    events = dd.read_csv("events-*.csv", dtype=str, keep_default_na=False)
    lines = gist.dask.lines(events).compute()

When the partitions are not known to be by patient (the patient column is
not the index with known divisions, and ``by_patient`` is not given), the
events are shuffled by patient first. Rows are numbered as gist.lines numbers
them (the frame's ``row`` column, else the position in the whole frame plus
2), and with ``order=True`` (the default) the result comes back in the order
of the patients' first rows, so that it equals ``gist.lines`` on the same
events row for row.
"""

import numpy as np
import pandas as pd

import dask.dataframe as dd
from dask.dataframe.utils import make_meta

from . import _cohort
from ._frames import empty_findings, empty_lines

__all__ = ["lines", "audit"]

_ORDER_KEY = "_gist_order"


def _patient_column(ddf):
    for name in ddf.columns:
        if _cohort.EVENT_COLUMNS.get(name) == "patient":
            return name
    if ddf.index.name is not None and _cohort.EVENT_COLUMNS.get(ddf.index.name) == "patient":
        return ddf.index.name
    raise _cohort._core.SchemaError("the events have no patient column")


def _with_rows(ddf):
    """Add the row numbers gist.lines would give (position in the whole frame plus 2) unless there is a row column."""
    if "row" in ddf.columns:
        return ddf
    ones = ddf.map_partitions(lambda df: pd.Series(np.ones(len(df), dtype=np.int64), index=df.index),
                              meta=("row", np.int64))
    return ddf.assign(row=ones.cumsum() + 1)


def _run(pdf, what, pathway, options, threads, order):
    """One partition: every patient's events are here."""
    pdf = pdf.sort_values("row", kind="stable")
    result = _cohort.cohort(pdf, pathway if what == "audit" else None, threads=threads, **options)
    df = result.lines if what == "lines" else result.findings
    df = df.copy()
    df.attrs = {}
    if order:
        # the first row of each patient, then the position within the patient: input order, as gist.lines gives
        first = pdf.groupby(_patient_key(pdf), sort=False)["row"].min()
        key = _patient_key_of(df["patient"], pdf)
        firsts = first.reindex(key).to_numpy(dtype=np.int64)
        within = df.groupby(df["patient"], sort=False).cumcount().to_numpy(dtype=np.int64)
        df[_ORDER_KEY] = firsts * 65536 + within
    return df


def _patient_key(pdf):
    name = next(n for n in pdf.columns if _cohort.EVENT_COLUMNS.get(n) == "patient")
    return pdf[name]


def _patient_key_of(patients, pdf):
    # ids of results have the dtype of the input's ids (or int64 for integer ids)
    source = _patient_key(pdf)
    if source.dtype != patients.dtype and pd.api.types.is_integer_dtype(patients.dtype):
        return patients.astype(source.dtype)
    return patients


def _prepare(ddf, by_patient):
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError("events must be a dask DataFrame, not %s" % type(ddf).__name__)
    patient = _patient_column(ddf)
    if patient == ddf.index.name and patient not in ddf.columns:
        known = ddf.known_divisions
        ddf = ddf.reset_index()
        if by_patient is None:
            by_patient = known
    ddf = _with_rows(ddf)
    if not by_patient:
        ddf = ddf.shuffle(on=patient, ignore_index=True)
    return ddf, patient


def _meta(ddf, patient, what, order):
    dtype = ddf[patient].dtype
    if pd.api.types.is_integer_dtype(dtype):
        dtype = np.int64
    else:
        dtype = object
    meta = empty_lines(dtype) if what == "lines" else empty_findings(dtype)
    if order:
        meta[_ORDER_KEY] = np.empty(0, np.int64)
    # the regimens (agents) of each partition are its own categories
    if what == "lines":
        meta["agents"] = meta["agents"].cat.set_categories(["__UNKNOWN_CATEGORIES__"])
    return make_meta(meta)


def _apply(ddf, what, pathway, by_patient, order, threads, options):
    # the options are checked here, before any work is scheduled
    _cohort.make_options(options)
    if what == "audit":
        _cohort.resolve_pathway(pathway)
    ddf, patient = _prepare(ddf, by_patient)
    meta = _meta(ddf, patient, what, order)
    out = ddf.map_partitions(_run, what, pathway, options, threads, order, meta=meta, align_dataframes=False)
    if order:
        out = out.set_index(_ORDER_KEY, sorted=False).reset_index(drop=True)
    return out


def lines(ddf, *, by_patient=None, order=True, threads=1, **options):
    """The lines of therapy of every patient (a dask DataFrame with the columns of gist.lines).

    ``by_patient=True`` promises that every patient's rows are in one
    partition (no shuffle); ``order=False`` leaves the result in partition
    order (no final sort). ``threads`` are the library's worker threads per
    partition (1: dask's workers give the parallelism). The keyword options
    are those of gist.lines."""
    return _apply(ddf, "lines", None, by_patient, order, threads, options)


def audit(ddf, pathway="gist-2016", *, by_patient=None, order=True, threads=1, **options):
    """The findings where each history departs from ``pathway`` (a built-in pathway id or a file name;
    a dask DataFrame with the columns of gist.audit)."""
    if pathway is None:
        raise TypeError("audit needs a pathway")
    if not isinstance(pathway, str):
        raise TypeError("gist.dask.audit takes a pathway id or file name (sent to the workers), not %s"
                        % type(pathway).__name__)
    return _apply(ddf, "audit", pathway, by_patient, order, threads, options)
