# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Object lifetimes: whatever order the garbage collector frees objects in,
nothing dangles; close() releases; context managers release on exit."""

import gc
import random
import weakref

import pytest

import gist
from gist import core

PROGRESSION = dict(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")


def collect():
    for _ in range(3):
        gc.collect()


def test_pathway_freed_first_then_advice_is_used():
    pathway = gist.Pathway.builtin("gist-2016")
    advice = pathway.advise(**PROGRESSION)
    ref = weakref.ref(pathway._raw)
    del pathway
    collect()
    assert ref() is None  # the Python pathway and its raw handle are gone
    # ... and the advice, which holds the C pathway, is whole.
    assert advice.rule.id == "P16-4.escalate-to-800"
    assert advice.options[0].summary == "Increase imatinib to 800 mg daily"
    assert "P16-5" in str(advice) and advice.to_dict()["pathway"]["id"] == "gist-2016"


def test_raw_pathway_freed_first_then_raw_advice_is_used():
    raw_pathway = core.pathway_builtin("gist-2016")
    raw_patient = core.patient_new()
    core.patient_set_regimen(raw_patient, "imatinib", 400)
    core.patient_set_response(raw_patient, core.RESPONSE_PROGRESSION, core.BASIS_RADIOLOGIC)
    raw_advice = core.advise(raw_pathway, raw_patient)
    del raw_pathway, raw_patient
    collect()
    assert core.rule_id(core.advice_rule(raw_advice)) == "P16-4.escalate-to-800"
    assert "800 mg" in core.advice_to_text(raw_advice)


def test_options_alerts_and_trace_outlive_their_advice_and_pathway():
    pathway = gist.Pathway.builtin("gist-2016")
    advice = pathway.advise(setting="advanced", regimen=("imatinib", 400), response="stable",
                            confirmed_by="radiologic", tolerance="tolerating", interrupted=True)
    option, alert, entry, rule = advice.options[0], advice.alerts[0], advice.trace[-1], advice.rule
    advice_ref = weakref.ref(advice)
    del advice, pathway
    collect()
    assert advice_ref() is None
    assert option.action is gist.Action.RESUME and option.evidence == ("P16-2",)
    assert alert.id == "P16-2.no-holidays" and alert.text
    assert entry.rule.id == rule.id == "P16-2.resume-imatinib"
    assert rule.options[0].summary == option.summary


def test_rules_outlive_their_pathway():
    rules = gist.Pathway.builtin("gist-2016").rules
    collect()
    rule = rules[-1]
    assert rule.id == "P16-9.continue-regorafenib"
    assert rule.options[0].agent == "regorafenib"
    raw_rule = core.pathway_rule(core.pathway_builtin("gist-2016"), 0)
    collect()
    assert core.rule_id(raw_rule) == "scope.setting-not-stated"
    raw_option = core.rule_option(core.pathway_rule_lookup(core.pathway_builtin("gist-2016"),
                                                           "P16-4.escalate-to-800"), 0)
    collect()
    assert core.option_dose_mg(raw_option) == 800


def test_decisions_keep_their_rules_valid():
    decisions = gist.Pathway.builtin("gist-2016").decide([gist.Patient(**PROGRESSION)])
    collect()
    assert decisions[0].rule.id == "P16-4.escalate-to-800"


def test_any_free_order_is_safe():
    # CPython frees each object the moment its last reference goes, so
    # deleting in a random order frees in that order; a full collection now
    # and then also runs the collector over whatever remains.
    rng = random.Random(2016)
    for i in range(300):
        pathway = gist.Pathway.builtin("gist-2016")
        patient = gist.Patient(**PROGRESSION)
        advice = pathway.advise(patient)
        objects = {"pathway": pathway, "patient": patient, "advice": advice, "option": advice.options[0],
                   "trace": advice.trace, "rules": pathway.rules[:3]}
        del pathway, patient, advice
        names = list(objects)
        rng.shuffle(names)
        survivor = names.pop()
        for name in names:
            del objects[name]
        if i % 50 == 0:
            collect()
        kept = objects[survivor]
        if survivor == "option":
            assert kept.dose_mg == 800
        elif survivor == "advice":
            assert kept.options[0].dose_mg == 800
        elif survivor == "trace":
            assert kept[-1].rule.id == "P16-4.escalate-to-800"
        elif survivor == "rules":
            assert kept[0].id == "scope.setting-not-stated"
        elif survivor == "pathway":
            assert kept.advise(**PROGRESSION).options[0].dose_mg == 800
        else:
            assert kept.dose_mg == 400


def test_close_releases_and_is_idempotent():
    pathway = gist.Pathway.builtin("gist-2016")
    raw = weakref.ref(pathway._raw)
    pathway.close()
    pathway.close()
    assert pathway.closed and raw() is None
    assert repr(pathway) == "<Pathway (closed)>"
    with pytest.raises(ValueError):
        pathway.rules


def test_close_keeps_children_valid():
    pathway = gist.Pathway.builtin("gist-2016")
    rule = pathway.rule("P16-4.escalate-to-800")
    advice = pathway.advise(**PROGRESSION)
    pathway.close()
    assert rule.options[0].dose_mg == 800
    option = advice.options[0]
    advice.close()
    advice.close()
    assert advice.closed and option.summary == "Increase imatinib to 800 mg daily"
    with pytest.raises(ValueError):
        advice.outcome
    assert str(advice) == repr(advice) == "<Advice (closed)>"


def test_context_managers_release_on_exit():
    with gist.Pathway.builtin("gist-2016") as pathway, gist.Patient(**PROGRESSION) as patient:
        with pathway.advise(patient) as advice:
            raw = weakref.ref(advice._raw)
            assert advice.recommended
        assert advice.closed and raw() is None
    assert pathway.closed and patient.closed
    with pytest.raises(ValueError):
        with pathway:
            pass


def test_context_manager_releases_on_error():
    with pytest.raises(RuntimeError):
        with gist.Pathway.builtin("gist-2016") as pathway:
            raise RuntimeError("boom")
    assert pathway.closed
