# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Python enums for the C enums of libgist, generated from the library's own name tables.

Each enum's members are read at import from the C name function of its enum
(``gist_response_name`` ...), as the Lua module builds its tables: a value the
library adds appears here without a change, and nothing can disagree. Each
member's value is its machine name, the string the JSON formats use
(``Response.PROGRESSION == "progression"``), so members compare equal to
those strings and print as them; its name is the machine name in upper case
(a leading number is spelt out: ``Schedule.FOUR_ON_TWO_OFF`` is ``"4on2off"``).
The C library's "unknown" (or "unspecified") value of each enum is ``None``
in Python, never a member.
"""

import enum
import re

from . import _core

__all__ = [
    "Status", "Setting", "Genotype", "Response", "Basis", "Extent", "Tolerance", "StopReason",
    "Schedule", "RuleKind", "Action", "Severity", "Outcome", "TraceResult", "EventKind", "Method", "Criteria",
    "LineEnd", "FindingCode", "TumourSite", "MitoticUnit", "RiskCategory", "Verification",
]

# Values the name functions are asked about: every enum of the C API is smaller.
_RANGE = range(0, 64)
# Machine names of a value 0 that means "not known" (None in Python).
_UNKNOWN_NAMES = frozenset(("unknown", "unspecified"))
_DIGITS = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")


def _member_name(machine_name):
    """``"progression"`` -> ``"PROGRESSION"``; a leading number is spelt out: ``"4on2off"`` -> ``"FOUR_ON_TWO_OFF"``."""
    if not machine_name[0].isdigit():
        return machine_name.upper()
    parts = re.findall(r"\d|[^\d]+", machine_name)
    return "_".join(_DIGITS[int(p)] if p.isdigit() else p.upper() for p in parts)


class Status(enum.IntEnum):
    """Status codes of the C API (``gist_status``); every error carries one as ``status``."""

    @property
    def description(self):
        """The C library's description of the code (``gist_strerror``)."""
        return _core.strerror(int(self))


def _status_members():
    out = []
    for value in range(0, -64, -1):
        name = _core.status_name(value)
        if name != _core.status_name(1):  # the name of a value that is no status ("GIST_E?")
            out.append((name[len("GIST_"):], value))
    return out


Status = Status("Status", _status_members(), module=__name__)
Status.__doc__ = "Status codes of the C API (``gist_status``); every error carries one as ``status``."


class _Named(str, enum.Enum):
    """A C enum whose members are their machine names."""

    def __str__(self):
        return self.value

    def __repr__(self):
        return "%s.%s" % (type(self).__name__, self.name)

    @property
    def code(self):
        """The member's value in the C API."""
        return _TO_C[type(self)][self]


class _ScheduleBase(_Named):
    @property
    def cycle(self):
        """``(days on drug, cycle length in days)``, such as ``(28, 42)`` for 4 on / 2 off (registry data)."""
        on_days, cycle_days = _core.schedule_cycle(self.code)
        return int(on_days), int(cycle_days)

    @property
    def text(self):
        """The registry's description of the cycle, such as ``"days 1-21 of each 28-day cycle ..."``."""
        return _core.schedule_text(self.code)


# Each enum: its name function in the C API, its base class and its docstring.
_ENUMS = (
    ("Setting", _core.setting_name, _Named, "Treatment setting (``gist_setting``)."),
    ("Genotype", _core.genotype_name, _Named, "Tumour genotype, the mutational status (``gist_genotype``)."),
    ("Response", _core.response_name, _Named, "Response of the disease to the current regimen (``gist_response``)."),
    ("Basis", _core.basis_name, _Named,
     "How a response was established (``gist_basis``; the patient fact ``confirmed_by``)."),
    ("Extent", _core.extent_name, _Named, "Extent of progression (``gist_extent``)."),
    ("Tolerance", _core.tolerance_name, _Named, "Tolerance of the current regimen (``gist_tolerance``)."),
    ("StopReason", _core.stop_reason_name, _Named,
     "Why a previous regimen was stopped (``gist_stop_reason``; the field ``stopped``)."),
    ("Schedule", _core.schedule_name, _ScheduleBase, "Dosing schedule (``gist_schedule``)."),
    ("RuleKind", _core.rule_kind_name, _Named, "What a pathway rule does when its condition holds (``gist_rule_kind``)."),
    ("Action", _core.action_name, _Named, "What an option proposes (``gist_action``)."),
    ("Severity", _core.severity_name, _Named, "How urgent an alert is, as a CDS Hooks card indicator (``gist_severity``)."),
    ("Outcome", _core.outcome_name, _Named, "The three outcomes of advice (``gist_outcome``)."),
    ("TraceResult", _core.trace_result_name, _Named, "How a rule appears in an advice's trace (``gist_trace_result``)."),
    ("EventKind", _core.event_kind_name, _Named,
     "Kinds of event in a timeline, the ``event`` column of the event CSV format (``gist_event_kind``)."),
    ("Method", _core.method_name, _Named,
     "How a response assessment was made (``gist_method``); CT, MRI and PET are radiologic."),
    ("Criteria", _core.criteria_name, _Named, "Response criteria of an assessment (``gist_criteria``)."),
    ("LineEnd", _core.line_end_name, _Named, "Why a line of therapy ended (``gist_line_end``)."),
    ("FindingCode", _core.finding_code_name, _Named,
     "What a finding of lines or audit is about (``gist_finding_code``; docs/lines-of-therapy.md)."),
    ("TumourSite", _core.tumour_site_name, _Named, "Primary site of a tumour (``gist_tumour_site``), as risk tables use it."),
    ("MitoticUnit", _core.mitotic_unit_name, _Named, "The area a mitotic count was made in (``gist_mitotic_unit``)."),
    ("RiskCategory", _core.risk_category_name, _Named,
     "Risk category of a risk-table cell or result (``gist_risk_category``)."),
    ("Verification", _core.verification_name, _Named,
     "Whether a value was checked against its primary publication (``gist_verification``)."),
)

_NAME_FUNCTIONS = {}
_TO_C = {}
_FROM_C = {}
for _name, _name_of, _base, _doc in _ENUMS:
    _codes = {}
    for _value in _RANGE:
        _machine = _name_of(_value)
        if _machine is not None and not (_value == 0 and _machine in _UNKNOWN_NAMES):
            _codes[_machine] = _value
    _cls = _base(_name, [(_member_name(m), m) for m in _codes], module=__name__)
    _cls.__doc__ = _doc
    globals()[_name] = _cls
    _NAME_FUNCTIONS[_cls] = _name_of
    _TO_C[_cls] = {member: _codes[member.value] for member in _cls}
    _FROM_C[_cls] = {code: member for member, code in _TO_C[_cls].items()}
del _name, _name_of, _base, _doc, _codes, _value, _machine, _cls


def c_names(cls):
    """The machine names the C library gives for ``cls``'s enum, apart from
    that of the value 0 when it is the unknown value (as in the patient enums;
    an event kind's 0 is an exposure)."""
    return [member.value for member in sorted(cls, key=lambda m: _TO_C[cls][m])]


def from_c(cls, code):
    """The member of ``cls`` for a C value; ``None`` for the unknown value."""
    return _FROM_C[cls].get(code)


def to_c(cls, value, what):
    """The C value for ``value`` (a member, its machine name or its member name,
    any case; ``None`` or ``"unknown"`` for unknown). ``what`` names the fact in errors."""
    if value is None:
        return 0
    if isinstance(value, cls):
        return _TO_C[cls][value]
    if isinstance(value, enum.Enum) or not isinstance(value, str):
        raise TypeError("%s must be a %s or its name, not %s" % (what, cls.__name__, type(value).__name__))
    key = value.strip().lower()
    member = cls._value2member_map_.get(key) or cls.__members__.get(key.upper())
    if member is None and key in _UNKNOWN_NAMES and _NAME_FUNCTIONS[cls](0) == key:
        return 0
    if member is None:
        raise _core.InvalidArgumentError(
            "%s: unknown value %r (expected one of: %s)" % (what, value, ", ".join(m.value for m in cls)))
    return _TO_C[cls][member]
