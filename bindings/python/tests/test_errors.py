# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Errors across the boundary: the exception hierarchy, the C library's
messages and locations, and bad input of every kind."""

import math

import pytest

import gist
from gist import core

# status code -> exception class and the standard exception it also is
HIERARCHY = {
    core.EINVAL: (gist.InvalidArgumentError, ValueError),
    core.ENOMEM: (gist.OutOfMemoryError, MemoryError),
    core.ENOTFOUND: (gist.NotFoundError, LookupError),
    core.EAMBIGUOUS: (gist.AmbiguousNameError, LookupError),
    core.EPARSE: (gist.ParseError, ValueError),
    core.ESCHEMA: (gist.SchemaError, ValueError),
    core.ERANGE: (gist.RangeError, ValueError),
    core.EIO: (gist.ReadError, OSError),
    core.ELIMIT: (gist.LimitError, ValueError),
    core.EPATHWAY: (gist.PathwayError, ValueError),
    core.EORDER: (gist.OrderError, ValueError),
    core.EVERSION: (gist.VersionError, ValueError),
    core.ESTATE: (gist.StateError, RuntimeError),
}


def test_one_exception_class_per_status_code():
    assert set(HIERARCHY) == {s for s in gist.Status if s != gist.Status.OK}
    for status, (cls, std) in HIERARCHY.items():
        assert issubclass(cls, gist.GistError) and issubclass(cls, std)
        assert cls.status == status and cls.code == core.status_name(status)
        assert cls.__module__ == "gist" and cls.__doc__
    assert issubclass(gist.GistError, Exception) and gist.GistError.__module__ == "gist"


def test_error_carries_the_c_message_and_where():
    with pytest.raises(gist.SchemaError) as info:
        gist.Patient.parse('{\n  "regimen": 3\n}', "p.json")
    e = info.value
    assert str(e) == e.message
    assert e.message.startswith("p.json:2:14: /regimen: ")
    assert (e.source, e.line, e.column, e.field) == ("p.json", 2, 14, "/regimen")
    assert e.status == gist.Status.ESCHEMA and e.code == "GIST_ESCHEMA"


def test_errors_raised_in_python_have_the_same_attributes():
    e = gist.InvalidArgumentError("made here")
    assert (e.message, e.status, e.code, e.source, e.line) == ("made here", gist.Status.EINVAL, "GIST_EINVAL",
                                                               None, None)
    with pytest.raises(gist.InvalidArgumentError) as info:
        gist.Patient(response="sideways")
    assert "sideways" in info.value.message and info.value.field is None


def test_errors_not_about_input_have_no_location():
    with pytest.raises(gist.NotFoundError) as info:
        gist.Pathway.builtin("gist-1999")
    e = info.value
    assert "gist-1999" in str(e) and "gist-2016" in str(e)
    assert (e.source, e.line, e.column, e.field) == (None, None, None, None)
    assert isinstance(e, LookupError)


def test_raw_module_raises_the_same_classes():
    with pytest.raises(gist.NotFoundError):
        core.agent_lookup("no-such-drug")
    with pytest.raises(gist.InvalidArgumentError, match="NULL"):
        core.agent_lookup(None)


@pytest.mark.parametrize("dose", [float("nan"), math.inf, -math.inf, 0, -400, 40000, 1e308])
def test_implausible_doses_raise_range_error(dose):
    with pytest.raises(gist.RangeError):
        gist.Patient(regimen=("imatinib", dose))


@pytest.mark.parametrize("dose", ["400", None, True, [400], b"400"])
def test_dose_of_the_wrong_type_raises_type_error(dose):
    with pytest.raises(TypeError):
        gist.Patient(regimen=("imatinib", dose))


@pytest.mark.parametrize("facts,error", [
    ({"response": 3}, TypeError),
    ({"response": gist.StopReason.PROGRESSION}, TypeError),
    ({"response": "sideways"}, gist.InvalidArgumentError),
    ({"genotype": "kit exon 11"}, gist.InvalidArgumentError),
    ({"interrupted": "yes"}, TypeError),
    ({"interrupted": 1}, TypeError),
    ({"id": 42}, TypeError),
    ({"regimen": "imatinib"}, gist.InvalidArgumentError),
    ({"regimen": 400}, TypeError),
    ({"regimen": ("imatinib",)}, TypeError),
    ({"regimen": {"agent": "imatinib"}}, TypeError),
    ({"regimen": {"agent": "imatinib", "dose_mg": 400, "dosage": 1}}, TypeError),
    ({"regimen": {"agent": "imatinib", "dose_mg": 400, "dose": 400}}, TypeError),
    ({"regimen": (None, 400)}, TypeError),
    ({"regimen": ("imatinib", 400, "weekly")}, gist.InvalidArgumentError),
    ({"regimen": ("imatinib", 400, None, 0)}, gist.RangeError),
    ({"regimen": ("imatinib", 400, None, 21)}, gist.RangeError),
    ({"regimen": ("imatinib", 400, None, 1.5)}, TypeError),
    ({"regimen": ("no-such-drug", 400)}, gist.NotFoundError),
    ({"regimen": ("dabrafenib + trametinib", 100)}, gist.AmbiguousNameError),
    ({"prior": "imatinib"}, TypeError),
    ({"prior": [("imatinib", "bored")]}, gist.InvalidArgumentError),
    ({"prior": [{"agent": "imatinib", "why": "progression"}]}, TypeError),
    ({"prior": [("no-such-drug", "progression")]}, gist.NotFoundError),
    ({"prior": [("imatinib", "progression")] * 65}, gist.LimitError),
])
def test_invalid_facts_raise_the_right_error(facts, error):
    with pytest.raises(error):
        gist.Patient(**facts)


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError):
        gist.Patient(respons="stable")


def test_huge_strings_are_refused_not_truncated():
    with pytest.raises(gist.LimitError):
        gist.Patient(id="x" * 257)
    assert gist.Patient(id="x" * 256).id == "x" * 256
    with pytest.raises(gist.LimitError):
        gist.Agent("imatinib" * 1000)
    with pytest.raises(gist.NotFoundError):
        gist.Pathway.builtin("g" * 100000)
    with pytest.raises(gist.LimitError):
        gist.Patient.parse(" " * (16 * 1024 * 1024 + 1))


@pytest.mark.parametrize("text,error", [
    ("", gist.ParseError),
    ("{", gist.ParseError),
    (b"{\"id\": \"\xff\"}", gist.ParseError),
    ('{"id": "a", "id": "b"}', gist.ParseError),
    ('{"format": "gist-patient/9"}', gist.VersionError),
    ('{"respons": "stable"}', gist.SchemaError),
    ('{"regimen": {"agent": "imatinib", "dose_mg": 40000}}', gist.RangeError),
    ('{"regimen": {"agent": "imatinib", "dose_mg": NaN}}', gist.ParseError),
    ("{\"id\": \"a\u0000b\"}", gist.ParseError),
])
def test_malformed_patient_json_raises_with_location(text, error):
    with pytest.raises(error) as info:
        gist.Patient.parse(text, "bad.json")
    assert info.value.source == "bad.json" and info.value.message.startswith("bad.json")


def test_none_and_wrong_types_for_text_and_paths():
    with pytest.raises(gist.InvalidArgumentError):
        gist.Patient.parse(None)
    with pytest.raises(TypeError):
        gist.Patient.parse(42)
    with pytest.raises(TypeError):
        gist.Pathway.builtin(None)
    with pytest.raises(TypeError):
        gist.Pathway.load(None)
    with pytest.raises(TypeError):
        gist.Agent(None)
    with pytest.raises(gist.ReadError) as info:
        gist.Pathway.load("no/such/pathway.json")
    assert isinstance(info.value, OSError) and info.value.status == gist.Status.EIO


def test_invalid_pathway_names_line_column_and_field(tmp_path, pathway):
    text = pathway.to_json().replace('"P16-4.escalate-to-800"', '"P16-1.maintain-400"', 1)
    with pytest.raises(gist.PathwayError) as info:
        gist.Pathway.parse(text, "dup.json")
    assert info.value.source == "dup.json" and info.value.line > 1 and info.value.field.startswith("/rules/")


def test_advise_and_decide_refuse_what_is_not_a_patient(pathway):
    with pytest.raises(TypeError):
        pathway.advise(42)
    with pytest.raises(TypeError):
        pathway.decide([gist.Patient(), "not a patient"])
    with pytest.raises(TypeError):
        core.advise_batch(pathway._raw, [gist.Patient()._raw, 3])
    with pytest.raises(gist.InvalidArgumentError):
        core.advise_batch(pathway._raw, [None])
    with pytest.raises(gist.InvalidArgumentError):
        core.advise(pathway._raw, None)


def test_closed_objects_refuse_use():
    p = gist.Patient()
    p.close()
    with pytest.raises(ValueError, match="closed"):
        p.to_json()
    pw = gist.Pathway.builtin("gist-2016")
    pw.close()
    with pytest.raises(ValueError, match="closed"):
        pw.advise(p)
    with pytest.raises(ValueError, match="closed"):
        gist.Pathway.builtin("gist-2016").advise(p)
