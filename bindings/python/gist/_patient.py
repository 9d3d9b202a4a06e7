# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The patient: what is known about one patient at one moment."""

import collections
import json
import math
import numbers
import os
from collections.abc import Mapping

from . import _core
from ._agent import Agent
from ._enums import (Basis, Extent, Genotype, Response, Schedule, Setting, StopReason, Tolerance, from_c,
                     to_c)
from ._handle import _Handle

__all__ = ["Patient", "Regimen", "Prior"]

Regimen = collections.namedtuple("Regimen", "agent dose_mg schedule line")
Regimen.__new__.__defaults__ = (None, None)
Regimen.__doc__ = """The current regimen: agent (a name or Agent), total daily dose in mg,
and optionally its schedule and line of therapy (derived from the previous lines when None)."""

Prior = collections.namedtuple("Prior", "agent stopped setting")
Prior.__new__.__defaults__ = (None, None)
Prior.__doc__ = """A previous line of therapy: agent, why it was stopped (a StopReason) and
its setting (Setting.ADVANCED when None; adjuvant therapy is not counted as a line)."""

_UNSET = object()

# The facts a Patient takes, in the order they are applied.
_FACTS = ("id", "setting", "genotype", "regimen", "response", "confirmed_by", "extent", "tolerance",
          "interrupted", "referred", "prior")


def _text(value, what):
    if value is not None and not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    return value


def _agent_name(value, what):
    if isinstance(value, Agent):
        return value.name
    if not isinstance(value, str):
        raise TypeError("%s must be an agent name or Agent, not %s" % (what, type(value).__name__))
    return value


def _dose(value, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a number (total daily mg), not %s" % (what, type(value).__name__))
    return float(value)


def _line(value, what):
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be a whole number, not %s" % (what, type(value).__name__))
    if not 1 <= value <= 20:
        raise _core.RangeError("%s must be 1 to 20, not %d" % (what, value))
    return int(value)


def _tristate(value, what):
    if value is None:
        return 0
    if not isinstance(value, bool):
        raise TypeError("%s must be True, False or None, not %s" % (what, type(value).__name__))
    return 2 if value else 1


def _regimen(value):
    """Normalise a regimen to None (unknown), "none" or (agent, dose, schedule code, line)."""
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() == "none":
            return "none"
        raise _core.InvalidArgumentError(
            "regimen: expected (agent, dose_mg), a mapping with agent and dose_mg, \"none\" or None, not %r" % value)
    if isinstance(value, Mapping):
        fields = dict(value)
        unknown = set(fields) - {"agent", "dose_mg", "dose", "schedule", "line"}
        if unknown:
            raise TypeError("regimen: unknown field(s) %s" % ", ".join(sorted(map(repr, unknown))))
        if "dose" in fields and "dose_mg" in fields:
            raise TypeError("regimen: give dose_mg or dose, not both")
        if "agent" not in fields or ("dose_mg" not in fields and "dose" not in fields):
            raise TypeError("regimen: agent and dose_mg are required")
        agent = fields["agent"]
        dose = fields["dose_mg"] if "dose_mg" in fields else fields["dose"]
        schedule = fields.get("schedule")
        line = fields.get("line")
    elif isinstance(value, (tuple, list)):
        if not 2 <= len(value) <= 4:
            raise TypeError("regimen: expected (agent, dose_mg[, schedule[, line]]), got %d items" % len(value))
        agent, dose, schedule, line = (tuple(value) + (None, None))[:4]
    else:
        raise TypeError("regimen must be (agent, dose_mg), a mapping, \"none\" or None, not %s"
                        % type(value).__name__)
    return (_agent_name(agent, "regimen agent"), _dose(dose, "regimen dose_mg"),
            to_c(Schedule, schedule, "regimen schedule"), _line(line, "regimen line"))


def _prior(value):
    """Normalise previous lines to None (unknown) or a list of (agent, reason code, setting code)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise TypeError("prior must be a sequence of previous lines, not %s" % type(value).__name__)
    entries = []
    for i, entry in enumerate(value):
        what = "prior[%d]" % i
        if isinstance(entry, Mapping):
            fields = dict(entry)
            unknown = set(fields) - {"agent", "stopped", "setting"}
            if unknown:
                raise TypeError("%s: unknown field(s) %s" % (what, ", ".join(sorted(map(repr, unknown)))))
            if "agent" not in fields:
                raise TypeError("%s: agent is required" % what)
            agent, stopped, setting = fields["agent"], fields.get("stopped"), fields.get("setting")
        elif isinstance(entry, (tuple, list)):
            if not 1 <= len(entry) <= 3:
                raise TypeError("%s: expected (agent, stopped[, setting]), got %d items" % (what, len(entry)))
            agent, stopped, setting = (tuple(entry) + (None, None))[:3]
        else:
            agent, stopped, setting = entry, None, None
        setting_code = to_c(Setting, setting, what + " setting") or Setting.ADVANCED.code
        entries.append((_agent_name(agent, what + " agent"), to_c(StopReason, stopped, what + " stopped"),
                        setting_code))
    return entries


def _validate(facts):
    """Check every fact's type and value before anything is applied."""
    out = {}
    for name, value in facts.items():
        if value is _UNSET:
            continue
        if name == "id":
            out[name] = _text(value, "id")
        elif name == "setting":
            out[name] = to_c(Setting, value, "setting")
        elif name == "genotype":
            out[name] = to_c(Genotype, value, "genotype")
        elif name == "regimen":
            out[name] = _regimen(value)
        elif name == "response":
            out[name] = to_c(Response, value, "response")
        elif name == "confirmed_by":
            out[name] = to_c(Basis, value, "confirmed_by")
        elif name == "extent":
            out[name] = to_c(Extent, value, "extent")
        elif name == "tolerance":
            out[name] = to_c(Tolerance, value, "tolerance")
        elif name in ("interrupted", "referred"):
            out[name] = _tristate(value, name)
        elif name == "prior":
            out[name] = _prior(value)
    return out


def _apply(raw, facts):
    """Apply validated facts to a raw patient (the C library checks the rest)."""
    if "id" in facts:
        _core.patient_set_id(raw, facts["id"])
    if "setting" in facts:
        _core.patient_set_setting(raw, facts["setting"])
    if "genotype" in facts:
        _core.patient_set_genotype(raw, facts["genotype"])
    if "regimen" in facts:
        regimen = facts["regimen"]
        if regimen is None:
            _core.patient_clear_regimen(raw)
        elif regimen == "none":
            _core.patient_set_no_regimen(raw)
        else:
            agent, dose, schedule, line = regimen
            _core.patient_set_regimen(raw, agent, dose)
            if schedule:
                _core.patient_set_schedule(raw, schedule)
            if line:
                _core.patient_set_line(raw, line)
    if "response" in facts or "confirmed_by" in facts:
        response = facts.get("response", _core.patient_response(raw))
        basis = facts.get("confirmed_by", _core.patient_basis(raw))
        _core.patient_set_response(raw, response, basis)
    if "extent" in facts:
        _core.patient_set_extent(raw, facts["extent"])
    if "tolerance" in facts:
        _core.patient_set_tolerance(raw, facts["tolerance"])
    if "interrupted" in facts:
        _core.patient_set_interrupted(raw, facts["interrupted"])
    if "referred" in facts:
        _core.patient_set_referred(raw, facts["referred"])
    if "prior" in facts:
        prior = facts["prior"]
        _core.patient_clear_prior(raw)
        if prior is not None:
            _core.patient_set_no_prior(raw)
            for agent, reason, setting in prior:
                _core.patient_add_prior(raw, agent, reason, setting)


def _tristate_out(code):
    return None if code == 0 else code == 2


class Patient(_Handle):
    """What is known about one patient at one moment: the facts a pathway reasons over.

    Every fact is optional and unknown until given; libgist never fills an
    unknown fact with a default (a pathway that needs one answers
    *undetermined* and names it). The keyword arguments follow the patient
    JSON format (docs/patient-format.md)::

        Patient(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic")

    id
        an identifier echoed in the advice (at most 256 bytes)
    setting
        "advanced" or "adjuvant" (or a Setting)
    genotype
        "kit_exon11", "kit_exon9", "pdgfra_d842v", ... (or a Genotype)
    regimen
        the current regimen: ``(agent, dose_mg)``, ``(agent, dose_mg, schedule, line)``,
        a mapping ``{"agent": ..., "dose_mg": ..., "schedule": ..., "line": ...}`` or a
        Regimen; ``"none"`` when known to be on no therapy. The dose is the total daily
        dose in mg (400 mg twice daily is 800).
    response
        "responding", "stable" or "progression" (or a Response)
    confirmed_by
        how the response was established: "clinical" or "radiologic" (or a Basis)
    extent
        extent of progression: "limited" or "generalized" (or an Extent)
    tolerance
        "tolerating" or "intolerant" (or a Tolerance)
    interrupted, referred
        True, False or None (unknown)
    prior
        previous lines, oldest first: a sequence of ``(agent, stopped)``,
        ``(agent, stopped, setting)``, mappings with those keys, or Prior;
        an empty sequence means none (and makes line numbers derivable)

    Enum facts take a member, its machine name or ``"unknown"``. A wrong type
    raises TypeError; a wrong value InvalidArgumentError (a ValueError);
    an unknown agent NotFoundError; an implausible or NaN dose RangeError.
    A patient is a context manager: ``close()`` (idempotent) releases it.
    """

    __slots__ = ("_raw", "__weakref__")
    _what = "patient"

    def __init__(self, *, id=_UNSET, setting=_UNSET, genotype=_UNSET, regimen=_UNSET, response=_UNSET,
                 confirmed_by=_UNSET, extent=_UNSET, tolerance=_UNSET, interrupted=_UNSET, referred=_UNSET,
                 prior=_UNSET):
        facts = _validate(dict(id=id, setting=setting, genotype=genotype, regimen=regimen, response=response,
                               confirmed_by=confirmed_by, extent=extent, tolerance=tolerance,
                               interrupted=interrupted, referred=referred, prior=prior))
        raw = _core.patient_new()
        _apply(raw, facts)
        self._raw = raw

    @classmethod
    def _wrap(cls, raw):
        self = object.__new__(cls)
        self._raw = raw
        return self

    @classmethod
    def parse(cls, text, source=None):
        """Read a patient from JSON text (str or bytes; format: docs/patient-format.md).

        Errors name the source, line, column and field: ParseError, SchemaError,
        RangeError, NotFoundError (agent names), VersionError, LimitError."""
        return cls._wrap(_core.patient_parse(text, source))

    @classmethod
    def load(cls, path):
        """Read a patient from a JSON file (ReadError if it cannot be read)."""
        return cls._wrap(_core.patient_load(os.fspath(path)))

    @classmethod
    def from_dict(cls, data, source=None):
        """A patient from a mapping in the patient JSON format (as ``json.load`` gives it)."""
        if not isinstance(data, Mapping):
            raise TypeError("expected a mapping, not %s" % type(data).__name__)
        return cls.parse(json.dumps(data, allow_nan=True), source)

    def update(self, **facts):
        """Change some facts, with the keyword arguments of the constructor.

        A fact given as None becomes unknown. Either every change is made or,
        if one is invalid, none is."""
        unknown = set(facts) - set(_FACTS)
        if unknown:
            raise TypeError("unknown patient fact(s): %s" % ", ".join(sorted(unknown)))
        checked = _validate({name: facts.get(name, _UNSET) for name in _FACTS})
        copy = _core.patient_clone(self._live())
        _apply(copy, checked)
        self._raw = copy
        return self

    def copy(self):
        """An independent copy."""
        return Patient._wrap(_core.patient_clone(self._live()))


    # ---- facts -------------------------------------------------------------

    @property
    def id(self):
        """The identifier, or None."""
        return _core.patient_id(self._live()) or None

    @property
    def setting(self):
        """The treatment setting (a Setting), or None."""
        return from_c(Setting, _core.patient_setting(self._live()))

    @property
    def genotype(self):
        """The genotype (a Genotype), or None."""
        return from_c(Genotype, _core.patient_genotype(self._live()))

    @property
    def on_treatment(self):
        """True when on a regimen, False when known to be on none, None when unknown."""
        return _tristate_out(_core.patient_on_treatment(self._live()))

    @property
    def regimen(self):
        """The current regimen (a Regimen of Agent, dose, Schedule and line), ``"none"``, or None when unknown."""
        raw = self._live()
        on = _core.patient_on_treatment(raw)
        if on == 1:
            return "none"
        if on == 0:
            return None
        return Regimen(Agent._from_raw(_core.patient_agent(raw)), _core.patient_dose_mg(raw),
                       from_c(Schedule, _core.patient_schedule(raw)), _core.patient_line(raw) or None)

    @property
    def agent(self):
        """The Agent of the current regimen, or None."""
        return Agent._from_raw(_core.patient_agent(self._live()))

    @property
    def dose_mg(self):
        """The daily dose of the current regimen in mg, or None."""
        return _core.patient_dose_mg(self._live()) or None

    @property
    def schedule(self):
        """The schedule of the current regimen (a Schedule), or None."""
        return from_c(Schedule, _core.patient_schedule(self._live()))

    @property
    def line(self):
        """The line of the current regimen, stated or derived from the previous lines; None when unknown."""
        return _core.patient_line(self._live()) or None

    @property
    def failed_lines(self):
        """Number of failed lines, the current one included if it has failed; None when unknown."""
        n = _core.patient_failed_lines(self._live())
        return None if n < 0 else n

    @property
    def response(self):
        """The response (a Response), or None."""
        return from_c(Response, _core.patient_response(self._live()))

    @property
    def confirmed_by(self):
        """How the response was established (a Basis), or None."""
        return from_c(Basis, _core.patient_basis(self._live()))

    @property
    def extent(self):
        """The extent of progression (an Extent), or None."""
        return from_c(Extent, _core.patient_extent(self._live()))

    @property
    def tolerance(self):
        """Tolerance of the current regimen (a Tolerance), or None."""
        return from_c(Tolerance, _core.patient_tolerance(self._live()))

    @property
    def interrupted(self):
        """Whether the current regimen is interrupted: True, False or None."""
        return _tristate_out(_core.patient_interrupted(self._live()))

    @property
    def referred(self):
        """Whether referred to a high-volume sarcoma centre: True, False or None."""
        return _tristate_out(_core.patient_referred(self._live()))

    @property
    def prior(self):
        """Previous lines, oldest first (a tuple of Prior; empty when none), or None when unknown."""
        raw = self._live()
        if _core.patient_prior_known(raw) != 2:
            return None
        return tuple(Prior(Agent._from_raw(_core.patient_prior_agent(raw, i)),
                           from_c(StopReason, _core.patient_prior_reason(raw, i)),
                           from_c(Setting, _core.patient_prior_setting(raw, i)))
                     for i in range(_core.patient_prior_count(raw)))

    # ---- output ------------------------------------------------------------

    def to_json(self, compact=False):
        """The patient in the JSON format Patient.parse reads."""
        return _core.patient_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def to_dict(self):
        """The patient as plain data in the JSON format (unknown facts left out)."""
        return json.loads(self.to_json(compact=True))

    def __eq__(self, other):
        if isinstance(other, Patient):
            return self.to_json(compact=True) == other.to_json(compact=True)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        if self._raw is None:
            return "<Patient (closed)>"
        data = self.to_dict()
        data.pop("format", None)
        args = []
        for name in _FACTS:
            if name in data:
                value = data[name]
                if name == "regimen" and isinstance(value, dict) and set(value) == {"agent", "dose_mg"}:
                    value = (value["agent"], value["dose_mg"])
                if isinstance(value, float) and math.isfinite(value) and value.is_integer():
                    value = int(value)
                args.append("%s=%r" % (name, value))
        return "Patient(%s)" % ", ".join(args)
