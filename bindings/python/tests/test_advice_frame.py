# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Advice for a DataFrame of patients: the same as advising each row, in one table."""

import math

import pandas as pd
import pytest

import gist

PATHWAY = gist.Pathway.builtin("gist-2016")

ROWS = pd.DataFrame({
    "id": ["p1", "p2", "p3", "p4", "p5"],
    "setting": ["advanced", "advanced", "adjuvant", "advanced", None],
    "regimen.agent": ["imatinib", "Glivec", "imatinib", "imatinib", "sunitinib"],
    "regimen.dose_mg": [400, 400, 400, 400.0, math.nan],
    "response": ["progression", "progression", "stable", "stable", "progression"],
    "confirmed_by": ["radiologic", None, None, None, "radiologic"],
    "tolerance": [None, None, None, "tolerating", None],
    "interrupted": [None, None, None, False, None],
}, index=[10, 20, 30, 40, 50])


def _document(row):
    doc = {}
    for column, value in row.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if column.startswith("regimen."):
            doc.setdefault("regimen", {})[column.split(".", 1)[1]] = value
        else:
            doc[column] = value.item() if hasattr(value, "item") else value
    return doc


def test_P16_4_a_frame_gives_the_advice_of_each_row_in_one_table():
    result = PATHWAY.advise_frame(ROWS)
    assert list(result.columns) == ["outcome", "rule", "option", "agent", "dose_mg", "line", "missing"]
    assert list(result.index) == [10, 20, 30, 40, 50]
    first = result.loc[10]
    assert (first.outcome, first.rule, first.option) == ("recommended", "P16-4.escalate-to-800",
                                                         "Increase imatinib to 800 mg daily")
    assert (first.agent, first.dose_mg, first.line, first.missing) == ("imatinib", 800.0, 1, "")
    assert result.loc[20, "outcome"] == "undetermined" and result.loc[20, "missing"] == "confirmed_by"
    assert result.loc[20, "rule"] is None and result.loc[20, "option"] is None and math.isnan(result.loc[20, "dose_mg"])
    assert (result.loc[30, "outcome"], result.loc[30, "rule"]) == ("not_covered", "scope.adjuvant")
    assert result.loc[40, "rule"] == "P16-1.maintain-400" and result.loc[40, "dose_mg"] == 400
    assert str(result.dtypes["outcome"]) == "category" and str(result.dtypes["line"]) == "Int64"
    # each row exactly as advising it alone
    for label, row in ROWS.iterrows():
        advice = PATHWAY.advise(gist.Patient.from_dict(_document(row)))
        got = result.loc[label]
        assert got.outcome == advice.outcome.value
        assert got.rule == (advice.rule.id if advice.rule else None)
        if advice.options:
            o = advice.options[0]
            assert (got.option, got.agent, got.line) == (o.summary, o.agent and o.agent.name, o.line)
        assert got.missing == ", ".join(m.fact for m in advice.missing)


def test_whole_fields_in_a_column_and_an_empty_frame():
    frame = pd.DataFrame({"regimen": [{"agent": "imatinib", "dose_mg": 400}, "none"],
                          "response": ["progression", None], "confirmed_by": ["radiologic", None],
                          "prior": [None, []]})
    result = PATHWAY.advise_frame(frame)
    assert result.loc[0, "rule"] == "P16-4.escalate-to-800"
    assert result.loc[1, "outcome"] == PATHWAY.advise(regimen="none", prior=[]).outcome.value
    empty = PATHWAY.advise_frame(pd.DataFrame({"regimen.agent": pd.Series([], dtype=object)}))
    assert len(empty) == 0 and list(empty.columns)[0] == "outcome"


def test_a_bad_row_is_the_patient_readers_error_naming_the_row_and_field():
    bad = ROWS.copy()
    bad.loc[30, "regimen.dose_mg"] = 40000
    with pytest.raises(gist.RangeError) as info:
        PATHWAY.advise_frame(bad)
    assert info.value.source == "row 30" and info.value.field == "/regimen/dose_mg"
    with pytest.raises(gist.SchemaError) as info:
        PATHWAY.advise_frame(pd.DataFrame({"respons": ["stable"]}))
    assert info.value.field == "/respons"
    with pytest.raises(gist.SchemaError):
        PATHWAY.advise_frame(pd.DataFrame({"regimen": ["none"], "regimen.agent": ["imatinib"]}))
    with pytest.raises(TypeError):
        PATHWAY.advise_frame([{"response": "stable"}])
