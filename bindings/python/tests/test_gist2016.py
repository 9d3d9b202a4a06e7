# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The 2016 pathway through the Python binding, statement by statement.

Each test is named after the rule or statement it checks (docs/clinical-basis.md).
The binding adds no logic: these tests check that what the C engine decides
arrives in Python whole and typed (actions, agents, doses, lines, evidence)."""

import pytest

import gist
from gist import Action, Outcome, Schedule

from conftest import PATIENTS, expected_examples

OFF_LABEL = ["dasatinib", "nilotinib", "sorafenib", "pazopanib", "axitinib"]


@pytest.mark.parametrize("name,outcome,rule", expected_examples(), ids=[r[0] for r in expected_examples()])
def test_example_patient_gives_listed_outcome_and_rule(pathway, name, outcome, rule):
    advice = pathway.advise(gist.Patient.load(PATIENTS / name))
    assert advice.outcome == outcome
    assert advice.rule_id == rule
    assert advice.pathway_id == "gist-2016"
    assert advice.pathway_version == pathway.version


def test_P16_1_maintain_imatinib_400_when_responding_and_tolerating(advise):
    advice = advise(regimen=("imatinib", 400), response="stable", confirmed_by="radiologic",
                    tolerance="tolerating", interrupted=False)
    assert advice.rule_id == "P16-1.maintain-400"
    (option,) = advice.options
    assert option.action is Action.CONTINUE
    assert option.agent == "imatinib" and option.dose_mg == 400 and option.schedule is Schedule.CONTINUOUS
    assert option.line == 1
    assert option.evidence == ("P16-1", "P16-2")


def test_P16_2_interrupted_imatinib_is_resumed_with_a_no_holidays_alert(advise):
    advice = advise(regimen=("imatinib", 400), response="stable", confirmed_by="radiologic",
                    tolerance="tolerating", interrupted=True)
    assert advice.rule_id == "P16-2.resume-imatinib"
    assert [o.action for o in advice.options] == [Action.RESUME]
    assert advice.options[0].agent == gist.Agent("imatinib")
    alert = next(a for a in advice.alerts if a.id == "P16-2.no-holidays")
    assert alert.severity is gist.Severity.WARNING
    assert "P16-2" in alert.evidence


def test_P16_3_clinical_progression_is_confirmed_radiologically_before_any_change(advise):
    advice = advise(regimen=("imatinib", 400), response="progression", confirmed_by="clinical")
    assert advice.rule_id == "P16-3.confirm-progression"
    assert [o.action for o in advice.options] == [Action.ASSESS, Action.CONTINUE]
    assert all(o.action is not Action.ESCALATE for o in advice.options)


def test_P16_3_unknown_confirmation_is_undetermined_and_names_the_missing_fact(advise):
    advice = advise(regimen=("imatinib", 400), response="progression")
    assert advice.outcome is Outcome.UNDETERMINED
    assert advice.rule is None and advice.options == ()
    (missing,) = advice.missing
    assert missing.fact == "confirmed_by"
    assert "radiologic" in missing.hint
    assert [(e.rule.id, e.result) for e in advice.trace] == [("P16-3.confirm-progression", gist.TraceResult.UNKNOWN)]


def test_P16_4_escalate_imatinib_400_to_800_on_radiologic_progression(advise):
    advice = advise(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")
    assert advice.outcome is Outcome.RECOMMENDED
    assert advice.rule_id == "P16-4.escalate-to-800"
    (option,) = advice.options
    assert (option.rank, option.action, option.agent, option.dose_mg, option.schedule, option.line) == \
        (1, Action.ESCALATE, gist.Agent("imatinib"), 800, Schedule.CONTINUOUS, 1)
    assert option.summary == "Increase imatinib to 800 mg daily"
    assert option.evidence == ("P16-4", "P16-5")
    assert advice.references["P16-4"].startswith("Progressive GIST on imatinib 400 mg")
    assert "one third" in advice.references["P16-5"]


def test_P16_5_maintain_imatinib_800_when_stable_and_tolerating(advise):
    advice = advise(regimen=("imatinib", 800), response="stable", confirmed_by="radiologic", tolerance="tolerating")
    assert advice.rule_id == "P16-5.maintain-800"
    assert (advice.options[0].action, advice.options[0].dose_mg) == (Action.CONTINUE, 800)


def test_P16_6_switch_to_sunitinib_when_800_is_not_tolerated_without_an_invented_dose(advise):
    advice = advise(regimen=("imatinib", 800), tolerance="intolerant")
    assert advice.rule_id == "P16-6.sunitinib-after-intolerance-of-800"
    (option,) = advice.options
    assert (option.action, option.agent, option.line) == (Action.SWITCH, "sunitinib", 2)
    # The 2016 source gives no sunitinib dose: none is invented.
    assert option.dose_mg is None and option.schedule is None
    assert option.evidence == ("P16-6", "P16-8")


def test_P16_7_switch_to_sunitinib_on_radiologic_progression_on_800(advise):
    advice = advise(regimen=("imatinib", 800), response="progression", confirmed_by="radiologic")
    assert advice.rule_id == "P16-7.sunitinib-after-progression-on-800"
    assert [(o.action, o.agent, o.line) for o in advice.options] == [(Action.SWITCH, gist.Agent("sunitinib"), 2)]


def test_P16_8_continue_sunitinib_second_line_while_it_works(advise):
    advice = advise(regimen=("Sutent", 37.5), response="responding", confirmed_by="radiologic", tolerance="tolerating")
    assert advice.rule_id == "P16-8.continue-sunitinib"
    assert (advice.options[0].action, advice.options[0].agent, advice.options[0].line) == \
        (Action.CONTINUE, "sunitinib", 2)


def test_P16_9_regorafenib_third_line_after_progression_on_sunitinib(advise):
    advice = advise(regimen=("sunitinib", 50), response="progression", confirmed_by="radiologic")
    assert advice.rule_id == "P16-9.regorafenib-after-progression-on-sunitinib"
    assert [(o.action, o.agent, o.line) for o in advice.options] == [(Action.SWITCH, "regorafenib", 3)]


def test_P16_10_refer_to_a_sarcoma_centre_after_three_failed_lines(advise):
    advice = advise(regimen="none", prior=[("imatinib", "progression"), ("sunitinib", "progression"),
                                           ("regorafenib", "intolerance")])
    assert advice.rule_id == "P16-10.refer-after-three-lines"
    assert advice.options[0].action is Action.REFER
    assert advice.options[0].agent is None and advice.options[0].line is None
    assert advice.options[0].evidence == ("P16-10", "P16-11")


def test_P16_11_clinical_trials_once_referred_without_repeating_the_referral(advise):
    advice = advise(regimen="none", referred=True,
                    prior=[{"agent": "imatinib", "stopped": "progression"},
                           {"agent": "sunitinib", "stopped": "progression"},
                           {"agent": "regorafenib", "stopped": "progression"}])
    assert advice.rule_id == "P16-11.trials-after-three-lines-referred"
    assert advice.options[0].action is Action.CONSIDER_TRIAL
    assert Action.REFER not in [o.action for o in advice.options]


def test_P16_12_off_label_tkis_are_options_after_three_lines(advise):
    advice = advise(regimen="none", prior=[("imatinib", "progression"), ("sunitinib", "progression"),
                                           ("regorafenib", "progression")])
    off_label = [o for o in advice.options if o.action is Action.CONSIDER_OFF_LABEL]
    assert [o.agent.name for o in off_label] == OFF_LABEL
    assert all(o.evidence == ("P16-12",) and o.dose_mg is None for o in off_label)


def test_P16_silent_adjuvant_setting_is_not_covered(advise):
    advice = advise(setting="adjuvant", regimen=("imatinib", 400))
    assert advice.outcome is Outcome.NOT_COVERED
    assert advice.rule_id == "scope.adjuvant" and advice.options == ()
    assert "P16-silent" in advice.evidence


def test_P16_silent_pdgfra_d842v_is_not_covered(advise):
    advice = advise(genotype="pdgfra_d842v", regimen=("imatinib", 400), response="progression",
                    confirmed_by="radiologic")
    assert (advice.outcome, advice.rule_id) == (Outcome.NOT_COVERED, "scope.pdgfra-d842v")


def test_not_covered_without_a_rule_names_the_nearest_rule(advise):
    advice = advise(regimen=("imatinib", 600), response="progression", confirmed_by="radiologic")
    assert advice.outcome is Outcome.NOT_COVERED and advice.rule is None
    assert "P16-4.escalate-to-800" in advice.rationale
    assert gist.TraceResult.NEAREST in [e.result for e in advice.trace]


def test_setting_not_stated_alert_accompanies_advice(pathway):
    advice = pathway.advise(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")
    assert advice.rule_id == "P16-4.escalate-to-800"
    assert [a.id for a in advice.alerts] == ["scope.setting-not-stated"]
    assert advice.alerts[0].severity is gist.Severity.INFO
