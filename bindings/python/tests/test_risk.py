# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Risk of recurrence from Python: the tables as the library holds them
(MIETTINEN-2006, JOENSUU-2008), undetermined results, errors, lifetimes."""

import gc
import json
import pathlib

import pytest

import gist
from gist import MitoticUnit, RiskCategory, TumourSite, Verification

REPO = pathlib.Path(__file__).resolve().parents[3]
GASTRIC_6CM = dict(site="stomach", size_cm=6, mitotic_count=3, mitotic_unit="per_50_hpf", rupture=False)


def test_builtin_tables():
    assert gist.risk_tables() == ["afip-miettinen-2006", "joensuu-2008"]
    with gist.RiskTable.builtin("afip-miettinen-2006") as t:
        assert t.evidence == "MIETTINEN-2006" and t.version == "2026.1"
        assert not t.primary_seen and not t.considers_rupture
        assert t.mitotic_unit is MitoticUnit.PER_50_HPF
        assert len(t.cells) == 24 and sum(c.left_out for c in t.cells) == 3
        assert all(c.verification is Verification.UNVERIFIED for c in t.cells)
        assert t.sources["SEER-CS"][1] is Verification.VERIFIED
    assert t.closed
    with pytest.raises(ValueError):
        t.cells


def test_file_and_builtin_agree():
    path = REPO / "lib" / "data" / "risk" / "joensuu-2008.json"
    a = gist.RiskTable.load(path)
    b = gist.RiskTable.builtin("joensuu-2008")
    assert [c.id for c in a.cells] == [c.id for c in b.cells]
    assert json.loads(a.to_json()) == json.loads(b.to_json())


def test_JOENSUU_2008_gastric_6_cm_intermediate():
    r = gist.RiskTable.builtin("joensuu-2008").assess(**GASTRIC_6CM)
    assert r.category is RiskCategory.INTERMEDIATE
    assert r.verification is Verification.UNVERIFIED
    assert [c.id for c in r.cells] == ["gastric.gt5-le10.le5"]
    assert r.table_id == "joensuu-2008" and r.table_version == "2026.1" and r.evidence == "JOENSUU-2008"
    assert r.missing == () and r.why == ""
    assert "Risk by joensuu-2008: intermediate (unverified)" in str(r)


def test_JOENSUU_2008_nongastric_upgrade_verified_enums_accepted():
    r = gist.RiskTable.builtin("joensuu-2008").assess(site=TumourSite.JEJUNUM_ILEUM, size_cm=7, mitotic_count=3,
                                                      mitotic_unit=MitoticUnit.PER_50_HPF)
    assert r.category is RiskCategory.HIGH
    assert r.verification is Verification.VERIFIED  # the abstract states it; rupture does not matter here
    assert any("Not recorded (rupture)" in n for n in r.notes)


def test_MIETTINEN_2006_percentages_only_where_the_copies_agree():
    t = gist.RiskTable.builtin("afip-miettinen-2006")
    r = t.assess(site="stomach", size_cm=3, mitotic_count=8, mitotic_unit="per_50_hpf")
    assert r.category is RiskCategory.MODERATE and r.cells[0].percent == 16
    r = t.assess(site="stomach", size_cm=12, mitotic_count=2, mitotic_unit="per_50_hpf")
    assert r.category is RiskCategory.MODERATE and r.cells[0].percent is None
    assert "12%" in r.cells[0].note
    r = t.assess(site="rectum", size_cm=7, mitotic_count=2, mitotic_unit="per_50_hpf")
    assert r.category is RiskCategory.INSUFFICIENT_DATA  # a value of the table, not undetermined


def test_MIETTINEN_2006_duodenum_left_out_not_guessed():
    r = gist.RiskTable.builtin("afip-miettinen-2006").assess(site="duodenum", size_cm=7, mitotic_count=2,
                                                             mitotic_unit="per_50_hpf")
    assert r.category is RiskCategory.UNDETERMINED
    assert r.cells[0].left_out and r.cells[0].category is RiskCategory.UNDETERMINED
    assert "which column is the duodenum is not settled" in r.why


def test_undetermined_names_the_deciding_facts():
    afip, joensuu = gist.assess_risk(size_cm=7, mitotic_count=3, mitotic_unit="per_50_hpf", rupture=False)
    assert joensuu.category is RiskCategory.UNDETERMINED and joensuu.missing == ("site",)
    assert "record the primary site" in joensuu.why
    assert afip.category is RiskCategory.UNDETERMINED and "site" in afip.missing


def test_errors_are_the_librarys():
    t = gist.RiskTable.builtin("joensuu-2008")
    with pytest.raises(gist.RangeError) as e:
        t.assess(size_cm=0)
    assert e.value.field == "size_cm"
    with pytest.raises(gist.SchemaError):
        t.assess(site="liver")
    with pytest.raises(TypeError):
        t.assess(rupture="yes")
    with pytest.raises(TypeError):
        t.assess(size_cm="6")
    with pytest.raises(gist.NotFoundError):
        gist.RiskTable.builtin("nih-2002")
    with pytest.raises(gist.VersionError) as e:
        gist.RiskTable.parse('{"format": "gist-risk/9"}', "x.json")
    assert e.value.source == "x.json" and e.value.line == 1


def test_result_and_cells_outlive_their_table():
    t = gist.RiskTable.builtin("joensuu-2008")
    r = t.assess(site="rectum", size_cm=3, mitotic_count=8, mitotic_unit="per_5_mm2", rupture=False)
    cells = t.cells
    t.close()
    del t
    gc.collect()
    assert r.category is RiskCategory.HIGH
    assert any("an inference" in n for n in r.notes)
    assert json.loads(r.to_json())["table"]["id"] == "joensuu-2008"
    assert cells[0].id == "rupture"
    cell = r.cells[0]
    r.close()
    del r
    gc.collect()
    assert cell.category is RiskCategory.HIGH
