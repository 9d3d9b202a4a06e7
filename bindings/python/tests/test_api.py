# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The Python API: pathways, patients, advice, agents, enums and their output forms."""

import json
import pickle

import pytest

import gist
from gist import core

from conftest import PATIENTS


# ---- pathways ---------------------------------------------------------------

def test_builtin_pathways_are_listed_and_load(pathway):
    assert "gist-2016" in gist.pathways()
    assert (pathway.id, pathway.version) == ("gist-2016", "2016.1")
    assert pathway.title and pathway.description and "Andtbacka" in pathway.source
    assert repr(pathway).startswith("<Pathway gist-2016 2016.1: ")


def test_pathway_rules_are_in_evaluation_order_with_their_parts(pathway):
    rules = pathway.rules
    assert len(rules) == 27
    assert rules[0].id == "scope.setting-not-stated" and rules[0].kind is gist.RuleKind.ALERT
    rule = pathway.rule("P16-4.escalate-to-800")
    assert rule in rules and rule == rules[rules.index(rule)]
    assert rule.kind is gist.RuleKind.RECOMMEND
    assert "regimen.dose_mg = 400" in rule.conditions
    assert [o.summary for o in rule.options] == ["Increase imatinib to 800 mg daily"]
    assert rule.to_dict()["options"][0]["dose_mg"] == 800
    with pytest.raises(KeyError):
        pathway.rule("no-such-rule")


def test_pathway_evidence_table_resolves_every_cited_id(pathway):
    evidence = pathway.evidence
    assert list(evidence)[:2] == ["P16-1", "P16-2"]
    for rule in pathway.rules:
        for eid in rule.evidence:
            assert eid in evidence


def test_pathway_tabulates_as_a_dataframe(pathway):
    pandas = pytest.importorskip("pandas")
    frame = pathway.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.index.name == "id" and len(frame) == 27
    assert frame.loc["P16-4.escalate-to-800", "kind"] == "recommend"
    assert frame.loc["P16-4.escalate-to-800", "options"] == "Increase imatinib to 800 mg daily"
    assert list(frame["order"]) == list(range(1, 28))


def test_pathway_round_trips_through_its_json_and_loads_from_a_file(pathway, tmp_path):
    text = pathway.to_json()
    again = gist.Pathway.parse(text, "copy.json")
    assert again.to_json() == text
    path = tmp_path / "copy.json"
    path.write_text(text)
    loaded = gist.Pathway.load(path)
    assert [r.id for r in loaded.rules] == [r.id for r in pathway.rules]
    assert loaded.advise(regimen=("imatinib", 400), response="progression",
                         confirmed_by="radiologic").rule_id == "P16-4.escalate-to-800"
    assert gist.Pathway.parse(text.encode()).id == "gist-2016"


def test_pathway_text_and_dot_describe_the_rules(pathway):
    assert "P16-4.escalate-to-800" in pathway.to_text()
    assert pathway.to_dot().lstrip().startswith("digraph")
    assert "<table>" in pathway._repr_html_()


def test_decide_agrees_with_advise(pathway):
    patients = [gist.Patient.load(p) for p in sorted(PATIENTS.glob("*.json"))]
    decisions = pathway.decide(patients)
    assert len(decisions) == len(patients)
    for patient, decision in zip(patients, decisions):
        advice = pathway.advise(patient)
        assert decision.outcome == advice.outcome
        if advice.rule is not None:
            assert decision.rule == advice.rule
        elif advice.outcome is gist.Outcome.UNDETERMINED:
            assert decision.rule is None
    assert pathway.decide([]) == [] and len(pathway.decide([])) == 0
    assert decisions.outcomes == [d.outcome for d in decisions]
    assert decisions.rule_ids == [d.rule.id if d.rule else None for d in decisions]
    assert decisions[:2] == list(decisions)[:2]


def test_decisions_tabulate_as_columns(pathway):
    pandas = pytest.importorskip("pandas")
    patients = [gist.Patient(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic"),
                gist.Patient(regimen=("imatinib", 400), response="progression")] * 3
    d = pathway.decide(patients)
    frame = pandas.DataFrame({"outcome": d.outcomes, "rule": d.rule_ids})
    assert list(frame["outcome"]) == ["recommended", "undetermined"] * 3
    assert list(frame["rule"]) == ["P16-4.escalate-to-800", None] * 3


# ---- patients ---------------------------------------------------------------

def test_patient_takes_every_fact_and_reads_it_back():
    p = gist.Patient(id="P-001", setting="advanced", genotype="kit_exon11",
                     regimen={"agent": "Glivec", "dose_mg": 800, "schedule": "continuous", "line": 1},
                     response="progression", confirmed_by=gist.Basis.RADIOLOGIC, extent="generalized",
                     tolerance="tolerating", interrupted=False, referred=False,
                     prior=[gist.Prior("imatinib", "completed", "adjuvant")])
    assert p.id == "P-001"
    assert p.setting is gist.Setting.ADVANCED and p.genotype is gist.Genotype.KIT_EXON11
    assert p.regimen == gist.Regimen(gist.Agent("imatinib"), 800.0, gist.Schedule.CONTINUOUS, 1)
    assert p.agent.name == "imatinib" and p.dose_mg == 800 and p.schedule == "continuous" and p.line == 1
    assert p.on_treatment is True
    assert (p.response, p.confirmed_by, p.extent, p.tolerance) == ("progression", "radiologic", "generalized",
                                                                   "tolerating")
    assert p.interrupted is False and p.referred is False
    assert p.prior == (gist.Prior(gist.Agent("imatinib"), gist.StopReason.COMPLETED, gist.Setting.ADJUVANT),)
    # Adjuvant therapy is not a line; the current one has failed (confirmed progression).
    assert p.failed_lines == 1


def test_unknown_facts_stay_unknown():
    p = gist.Patient()
    assert (p.id, p.setting, p.genotype, p.regimen, p.response, p.confirmed_by, p.extent, p.tolerance,
            p.interrupted, p.referred, p.prior, p.line, p.failed_lines, p.on_treatment) == (None,) * 14
    assert gist.Patient(response="unknown", setting="Unknown").response is None
    assert gist.Patient(regimen="none").regimen == "none"
    assert gist.Patient(regimen="none").on_treatment is False
    assert gist.Patient(prior=[]).prior == ()


def test_line_and_failed_lines_are_derived_from_prior_lines():
    p = gist.Patient(regimen=("regorafenib", 160), prior=[("imatinib", "progression"), ("sunitinib", "intolerance")])
    assert p.line == 3 and p.failed_lines == 2
    assert gist.Patient(regimen=("imatinib", 400)).line is None  # previous lines unknown


def test_patient_enum_facts_take_members_names_and_any_case():
    assert gist.Patient(response=gist.Response.STABLE).response is gist.Response.STABLE
    assert gist.Patient(response="STABLE").response is gist.Response.STABLE
    assert gist.Patient(regimen=("sunitinib", 50, "4on2off")).schedule is gist.Schedule.FOUR_ON_TWO_OFF
    assert gist.Patient(regimen=("sunitinib", 50, "four_on_two_off")).schedule == "4on2off"


def test_patient_json_round_trip_and_files():
    p = gist.Patient.load(PATIENTS / "p16-11-trials-after-three-lines-referred.json")
    again = gist.Patient.parse(p.to_json())
    assert again == p and again.to_json() == p.to_json()
    assert gist.Patient.from_dict(p.to_dict()) == p
    assert p.to_dict()["prior"][0] == {"agent": "imatinib", "stopped": "progression", "setting": "advanced"}
    assert json.loads(p.to_json(compact=True)) == p.to_dict()
    assert "\n" not in p.to_json(compact=True)


def test_patient_repr_recreates_the_patient():
    p = gist.Patient(id="x", regimen=("imatinib", 400), response="progression", confirmed_by="radiologic",
                     prior=[("imatinib", "completed", "adjuvant")])
    text = repr(p)
    assert text.startswith("Patient(id='x', regimen=('imatinib', 400), response='progression'")
    assert eval(text, {"Patient": gist.Patient}) == p


def test_update_changes_facts_and_is_all_or_nothing():
    p = gist.Patient(regimen=("imatinib", 400), response="stable", confirmed_by="radiologic")
    p.update(response="progression")
    assert (p.response, p.confirmed_by) == ("progression", "radiologic")
    before = p.to_json()
    with pytest.raises(gist.NotFoundError):
        p.update(tolerance="intolerant", regimen=("no-such-drug", 1))
    assert p.to_json() == before
    p.update(confirmed_by=None)
    assert p.confirmed_by is None and p.response is gist.Response.PROGRESSION
    with pytest.raises(TypeError):
        p.update(respons="stable")


def test_copy_is_independent():
    p = gist.Patient(regimen=("imatinib", 400))
    q = p.copy().update(regimen=("imatinib", 800))
    assert p.dose_mg == 400 and q.dose_mg == 800


# ---- advice -----------------------------------------------------------------

def test_advice_fields_and_formats_agree(pathway):
    advice = pathway.advise(gist.Patient.load(PATIENTS / "p16-4-escalate.json"))
    data = advice.to_dict()
    assert data == json.loads(advice.to_json())
    assert data["format"] == "gist-advice/1"
    assert data["outcome"] == advice.outcome.value and data["rule"] == advice.rule_id
    assert data["patient_id"] == advice.patient_id == "demo-p16-4"
    assert data["pathway"] == {"id": advice.pathway_id, "version": advice.pathway_version}
    assert data["options"] == [o.to_dict() for o in advice.options]
    assert data["alerts"] == [a.to_dict() for a in advice.alerts]
    assert data["trace"] == [{"rule": e.rule.id, "result": e.result.value} for e in advice.trace]
    assert list(advice.evidence) == data["evidence"]
    assert advice.evidence_text("P16-4") == data["references"]["P16-4"]
    assert advice.evidence_text("no-such-id") is None


def test_advice_str_is_the_clinician_text_with_its_basis(pathway):
    advice = pathway.advise(gist.Patient(regimen=("imatinib", 400), response="progression",
                                         confirmed_by="radiologic"))
    text = str(advice)
    assert text == advice.to_text()
    assert "Increase imatinib to 800 mg daily" in text
    assert "P16-4" in text and "P16-5" in text and "not a prescription" in text


def test_advice_repr_is_readable(pathway):
    advice = pathway.advise(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")
    assert repr(advice) == ("<Advice gist-2016 2016.1: recommended by P16-4.escalate-to-800; "
                            "1. Increase imatinib to 800 mg daily [P16-4, P16-5]>")
    undetermined = pathway.advise(regimen=("imatinib", 400), response="progression")
    assert repr(undetermined) == "<Advice gist-2016 2016.1: undetermined; missing confirmed_by>"


def test_advice_html_escapes_what_it_shows(pathway):
    advice = pathway.advise(id="<script>alert(1)</script>", regimen=("imatinib", 400), response="progression",
                            confirmed_by="radiologic")
    page = advice._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Increase imatinib to 800 mg daily" in page and "P16-5" in page


def test_advise_accepts_a_patient_a_mapping_or_keyword_facts(pathway):
    facts = {"regimen": {"agent": "imatinib", "dose_mg": 400}, "response": "progression",
             "confirmed_by": "radiologic"}
    by_mapping = pathway.advise(facts)
    by_keywords = pathway.advise(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")
    by_patient = pathway.advise(gist.Patient.from_dict(facts))
    assert by_mapping.to_json() == by_keywords.to_json() == by_patient.to_json()
    with pytest.raises(TypeError):
        pathway.advise(gist.Patient(), response="stable")


# ---- agents, enums, version -------------------------------------------------

def test_agent_registry_and_lookup():
    agents = gist.agents()
    assert agents[0] is gist.Agent("imatinib")
    assert gist.Agent("Glivec") is gist.Agent.lookup("GLEEVEC") is gist.Agent("L01EA01")
    imatinib = gist.Agent("imatinib")
    assert (imatinib.atc, imatinib.atc_legacy, imatinib.rxnorm) == ("L01EA01", "L01XE01", "282388")
    assert "KIT" in imatinib.targets and "Glivec" in imatinib.brands
    assert [d.dose_mg for d in imatinib.doses] == [400, 800]
    assert imatinib.max_daily_mg == 1600
    assert imatinib == "Glivec" and imatinib != "sunitinib" and imatinib != "no-such-drug"
    assert {imatinib: 1}[gist.Agent("Gleevec")] == 1
    assert str(imatinib) == "imatinib" and repr(imatinib) == "Agent('imatinib')"
    assert gist.Agent("regorafenib").rxnorm is None  # not verified: no code rather than a guess
    assert imatinib.to_dict()["doses"][1]["text"].startswith("800 mg daily")
    imatinib.check_dose(800)
    with pytest.raises(gist.RangeError):
        imatinib.check_dose(1e6)


EXTENSION = """{"format": "gist-agents/1", "evidence": {"LOCAL-1": "A local protocol (test data)."},
 "agents": [{"extends": "imatinib", "brands": ["Testivec"]},
            {"name": "exampletinib", "class": "tyrosine kinase inhibitor",
             "doses": [{"dose_mg": 100, "schedule": "3on1off", "text": "100 mg", "evidence": "LOCAL-1"}]}]}"""


def test_registries_extend_the_builtin_one_and_change_nothing_in_it(tmp_path):
    builtin = gist.Registry.builtin()
    assert builtin is gist.Registry.builtin() and len(builtin) == len(gist.agents())
    assert builtin[0] is gist.Agent("imatinib") and builtin.lookup("Glivec") is gist.Agent("imatinib")
    assert list(builtin) == list(gist.agents()) and gist.Agent("imatinib").registry is builtin
    builtin.close()  # the built-in registry is never closed
    assert not builtin.closed
    path = tmp_path / "formulary.json"
    path.write_text(EXTENSION)
    with gist.Registry.load(path) as local:
        assert len(local) == len(builtin) + 1
        imatinib = local.lookup("TESTIVEC")
        assert imatinib == gist.Agent("imatinib") and imatinib.index == 0 and imatinib.registry is local
        assert imatinib.brands == ("Gleevec", "Glivec", "Testivec") and imatinib.rxnorm == "282388"
        new = local.lookup("exampletinib")
        assert new.index == len(builtin) and new.doses[0].schedule is gist.Schedule.THREE_ON_ONE_OFF
        assert local.evidence("LOCAL-1") == "A local protocol (test data)."
        assert local.evidence("PDQ-GIST-2024") == builtin.evidence("PDQ-GIST-2024") is not None
        assert '"Testivec"' in local.to_json() and "\n" not in local.to_json(compact=True)
        assert gist.agents(local)[-1] is new
        with pytest.raises(TypeError):
            pickle.dumps(new)
    assert local.closed and "closed" in repr(local)
    assert new.name == "exampletinib"  # an agent keeps its registry alive
    with pytest.raises(ValueError):
        len(local)
    assert "Testivec" not in gist.Agent("imatinib").brands
    chained = gist.Registry.parse('{"format": "gist-agents/1", "agents": [{"extends": "exampletinib", '
                                  '"brands": ["Examplo"]}]}', base=gist.Registry.parse(EXTENSION))
    assert chained.lookup("examplo").name == "exampletinib"
    with pytest.raises(gist.SchemaError) as info:
        gist.Registry.parse('{"format": "gist-agents/1",\n "agents": [{"extends": "imatinib", "brands": ["Sutent"]}]}',
                            "bad.json")
    assert (info.value.source, info.value.line, info.value.field) == ("bad.json", 2, "/agents/0/brands/0")
    with pytest.raises(gist.NotFoundError):
        gist.Registry.builtin().lookup("Testivec")
    with pytest.raises(TypeError):
        gist.Registry.parse(EXTENSION, base="builtin")


def test_python_enums_are_exactly_the_c_names():
    from gist import _enums
    for cls in _enums._NAME_FUNCTIONS:
        assert sorted(m.value for m in cls) == sorted(_enums.c_names(cls)), cls
        for member in cls:
            assert _enums.from_c(cls, member.code) is member
    assert gist.Schedule.FOUR_ON_TWO_OFF.cycle == (28, 42)
    assert str(gist.Outcome.NOT_COVERED) == "not_covered"


def test_status_enum_mirrors_the_c_codes_and_the_exceptions():
    assert gist.Status.ERANGE == core.ERANGE == -7
    assert gist.Status.ENOTFOUND.description == core.strerror(core.ENOTFOUND)
    assert gist.RangeError.status == gist.Status.ERANGE and gist.RangeError.code == "GIST_ERANGE"


def test_version_is_the_running_library():
    assert gist.version == gist.__version__ == core.version() == core.VERSION_STRING
    assert gist.version.count(".") == 2


def test_public_names_have_docstrings():
    for name in gist.__all__:
        obj = getattr(gist, name)
        if callable(obj) and not isinstance(obj, type(gist.Status.OK)):
            assert obj.__doc__, name
    for cls in (gist.Pathway, gist.Patient, gist.Advice, gist.Agent):
        for attr, value in vars(cls).items():
            if not attr.startswith("_") and (callable(value) or isinstance(value, (property, classmethod))):
                assert getattr(cls, attr).__doc__, "%s.%s" % (cls.__name__, attr)


def test_package_docstring_example_runs():
    import doctest
    result = doctest.testmod(gist, verbose=False)
    assert result.attempted >= 3 and result.failed == 0
