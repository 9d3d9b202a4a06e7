# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Advice for a DataFrame of patients: one row of advice per row of patients.

The columns are the fields of the patient JSON format (docs/patient-format.md);
a nested field is named by its path with dots (``regimen.agent``,
``regimen.dose_mg``), and a column may also hold a whole field (``regimen``,
``prior`` as a list of mappings). An empty cell (None, NaN, NA) is an unknown
fact, exactly as an absent field. Each row becomes a patient through the C
patient reader, so a row is checked by the code that checks a patient file,
and the decisions of the whole frame are made by one call of the C batch API
(gist_advise_batch); only undetermined rows are advised one by one, for the
facts they miss.
"""

import json
import math

from . import _core
from ._enums import Outcome
from ._patient import Patient

__all__ = ["advise_frame"]

ADVICE_COLUMNS = ("outcome", "rule", "option", "agent", "dose_mg", "line", "missing")


def _is_empty(value):
    if value is None:
        return True
    try:
        import pandas as pd
        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - the frame API needs pandas
        pass
    return isinstance(value, float) and math.isnan(value)


def _plain(value):
    """A cell as JSON would have it: numpy scalars become Python numbers and booleans."""
    item = getattr(value, "item", None)
    if item is not None and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _document(columns, row):
    """The patient JSON object of one row: dotted column names nest, empty cells are left out."""
    doc = {}
    for path, value in zip(columns, row):
        if _is_empty(value):
            continue
        at = doc
        keys = path.split(".")
        for key in keys[:-1]:
            nested = at.setdefault(key, {})
            if not isinstance(nested, dict):
                raise _core.SchemaError("column %r: %r is also given whole" % (path, key))
            at = nested
        at[keys[-1]] = _plain(value)
    return doc


def advise_frame(pathway, frame):
    """Advice for each row of ``frame`` (see the module documentation), as a DataFrame with the
    same index and the columns:

    outcome
        the Outcome (a categorical of its machine names)
    rule
        id of the deciding rule (the nearest rule when none applied; None when undetermined)
    option, agent, dose_mg, line
        the first-ranked option: its summary, agent (canonical name), daily dose in mg and line,
        where the outcome is recommended and the option states them (None / NaN otherwise)
    missing
        the facts an undetermined row misses, comma-separated ("" otherwise)

    A row that is not a valid patient raises the C reader's error, naming the row and the field."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError("frame must be a pandas DataFrame, not %s" % type(frame).__name__)
    columns = [str(c) for c in frame.columns]
    patients = []
    for label, row in zip(frame.index, frame.itertuples(index=False, name=None)):
        source = "row %s" % (label,)
        text = json.dumps(_document(columns, row), allow_nan=False)
        patients.append(Patient.parse(text, source))
    decisions = pathway.decide(patients)
    n = len(patients)
    option = [None] * n
    agent = [None] * n
    dose = [math.nan] * n
    line = [None] * n
    missing = [""] * n
    first = {}  # rule -> (summary, agent, dose, line) of its first option
    for i, (outcome, rule) in enumerate(decisions):
        if outcome is Outcome.RECOMMENDED and rule is not None:
            if rule not in first:
                o = rule.options[0] if rule.options else None
                first[rule] = (o.summary, o.agent.name if o.agent else None,
                               o.dose_mg if o.dose_mg else math.nan, o.line) if o else (None, None, math.nan, None)
            option[i], agent[i], dose[i], line[i] = first[rule]
        elif outcome is Outcome.UNDETERMINED:
            missing[i] = ", ".join(m.fact for m in pathway.advise(patients[i]).missing)
    for p in patients:
        p.close()
    outcome_type = pd.CategoricalDtype([o.value for o in Outcome])
    return pd.DataFrame({
        "outcome": pd.Series([o.value for o in decisions.outcomes], index=frame.index, dtype=outcome_type),
        "rule": pd.Series(decisions.rule_ids, index=frame.index, dtype=object),
        "option": pd.Series(option, index=frame.index, dtype=object),
        "agent": pd.Series(agent, index=frame.index, dtype=object),
        "dose_mg": pd.Series(dose, index=frame.index, dtype="float64"),
        "line": pd.Series(line, index=frame.index, dtype="Int64"),
        "missing": pd.Series(missing, index=frame.index, dtype=object),
    }, columns=list(ADVICE_COLUMNS))
