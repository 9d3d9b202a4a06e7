# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Properties that hold for every valid patient (hypothesis)."""

import json

from hypothesis import given
from hypothesis import strategies as st

import gist

PATHWAY = gist.Pathway.builtin("gist-2016")
AGENTS = [a.name for a in gist.agents()]


def maybe(strategy):
    return st.one_of(st.none(), strategy)


def names(enum_cls):
    return st.sampled_from([m.value for m in enum_cls] + ["unknown"])


@st.composite
def regimens(draw):
    agent = gist.Agent(draw(st.sampled_from(AGENTS)))
    standard = [d.dose_mg for d in agent.doses]
    dose = draw(st.one_of(st.sampled_from(standard), st.floats(min_value=0.5, max_value=agent.max_daily_mg))
                if standard else st.floats(min_value=0.5, max_value=agent.max_daily_mg))
    spelling = draw(st.sampled_from([agent.name, agent.name.upper(), agent.atc] + list(agent.brands)))
    return {
        "agent": spelling,
        "dose_mg": dose,
        "schedule": draw(maybe(st.sampled_from(list(gist.Schedule)))),
        "line": draw(maybe(st.integers(min_value=1, max_value=20))),
    }


priors = st.lists(st.tuples(st.sampled_from(AGENTS), maybe(names(gist.StopReason)), maybe(names(gist.Setting))),
                  max_size=8)

patients = st.builds(
    dict,
    id=maybe(st.text(max_size=40).filter(lambda s: len(s.encode("utf-8", "surrogatepass")) <= 256
                                                   and "\x00" not in s
                                                   and not any(0xD800 <= ord(c) <= 0xDFFF for c in s))),
    setting=maybe(names(gist.Setting)),
    genotype=maybe(names(gist.Genotype)),
    regimen=st.one_of(st.none(), st.just("none"), regimens()),
    response=maybe(names(gist.Response)),
    confirmed_by=maybe(names(gist.Basis)),
    extent=maybe(names(gist.Extent)),
    tolerance=maybe(names(gist.Tolerance)),
    interrupted=maybe(st.booleans()),
    referred=maybe(st.booleans()),
    prior=maybe(priors),
)


@given(patients)
def test_advise_never_raises_on_any_valid_patient(facts):
    advice = PATHWAY.advise(gist.Patient(**facts))
    assert advice.outcome in set(gist.Outcome)
    assert advice.pathway_id == "gist-2016"


@given(patients)
def test_each_outcome_carries_what_it_promises(facts):
    advice = PATHWAY.advise(gist.Patient(**facts))
    references = advice.references
    if advice.outcome is gist.Outcome.RECOMMENDED:
        assert advice.options and advice.rule is not None and not advice.missing
        for option in advice.options:
            assert option.evidence and all(e in references for e in option.evidence)
            assert option.rationale and option.summary
            assert option.dose_mg is None or option.dose_mg > 0
    elif advice.outcome is gist.Outcome.UNDETERMINED:
        assert advice.missing and not advice.options and advice.rule is None
        assert all(m.fact and m.hint for m in advice.missing)
    else:
        assert not advice.options and not advice.missing
    assert advice.rationale
    assert all(e in references for e in advice.evidence)


@given(patients)
def test_advice_is_deterministic_and_decide_agrees(facts):
    patient = gist.Patient(**facts)
    first, second = PATHWAY.advise(patient), PATHWAY.advise(patient.copy())
    assert first.to_json() == second.to_json()
    (decision,) = PATHWAY.decide([patient])
    assert decision.outcome is first.outcome
    if first.rule is not None:
        assert decision.rule == first.rule


@given(patients)
def test_patient_survives_json_and_repr_round_trips(facts):
    patient = gist.Patient(**facts)
    assert gist.Patient.parse(patient.to_json()) == patient
    assert gist.Patient.from_dict(patient.to_dict()) == patient
    assert eval(repr(patient), {"Patient": gist.Patient}) == patient


@given(patients)
def test_dict_form_matches_the_objects(facts):
    advice = PATHWAY.advise(gist.Patient(**facts))
    data = advice.to_dict()
    assert data["outcome"] == advice.outcome.value
    assert data["options"] == [o.to_dict() for o in advice.options]
    assert data["missing"] == [{"fact": m.fact, "hint": m.hint} for m in advice.missing]
    assert json.loads(json.dumps(data)) == data


@given(st.text(max_size=300))
def test_agent_lookup_of_any_text_answers_or_raises_a_gist_error(name):
    try:
        agent = gist.Agent(name)
    except (gist.NotFoundError, gist.AmbiguousNameError, gist.LimitError, gist.InvalidArgumentError):
        return
    except TypeError:
        # Lone surrogates cannot cross as UTF-8.
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in name)
        return
    assert agent in gist.agents()


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_parsing_any_input_answers_or_raises_a_gist_error(data):
    try:
        gist.Patient.parse(data, "fuzz")
    except gist.GistError as e:
        assert e.status < 0 and e.message
    except UnicodeEncodeError:
        # Lone surrogates cannot cross as UTF-8.
        assert isinstance(data, str)
