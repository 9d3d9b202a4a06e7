# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Python enums for the C enums of libgist.

Each member's value is its machine name, the string the JSON formats use
(``Response.PROGRESSION == "progression"``), so members compare equal to
those strings and print as them. The C library's "unknown" (or
"unspecified") value of each enum is ``None`` in Python, never a member.
"""

import enum

from . import _core

__all__ = [
    "Status", "Setting", "Genotype", "Response", "Basis", "Extent", "Tolerance", "StopReason",
    "Schedule", "RuleKind", "Action", "Severity", "Outcome", "TraceResult", "EventKind", "Method", "Criteria",
    "LineEnd", "FindingCode", "TumourSite", "MitoticUnit", "RiskCategory", "Verification",
]


class Status(enum.IntEnum):
    """Status codes of the C API (``gist_status``); every error carries one as ``status``."""

    OK = _core.OK
    EINVAL = _core.EINVAL
    ENOMEM = _core.ENOMEM
    ENOTFOUND = _core.ENOTFOUND
    EAMBIGUOUS = _core.EAMBIGUOUS
    EPARSE = _core.EPARSE
    ESCHEMA = _core.ESCHEMA
    ERANGE = _core.ERANGE
    EIO = _core.EIO
    ELIMIT = _core.ELIMIT
    EPATHWAY = _core.EPATHWAY
    EORDER = _core.EORDER
    EVERSION = _core.EVERSION
    ESTATE = _core.ESTATE

    @property
    def description(self):
        """The C library's description of the code (``gist_strerror``)."""
        return _core.strerror(int(self))


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


class Setting(_Named):
    """Treatment setting (``gist_setting``)."""

    ADVANCED = "advanced"  #: Unresectable, metastatic or recurrent disease (palliative intent).
    ADJUVANT = "adjuvant"  #: After complete resection (curative intent).


class Genotype(_Named):
    """Tumour genotype, the mutational status (``gist_genotype``)."""

    NOT_TESTED = "not_tested"  #: No mutational analysis done.
    KIT_EXON11 = "kit_exon11"
    KIT_EXON9 = "kit_exon9"
    KIT_EXON13 = "kit_exon13"
    KIT_EXON17 = "kit_exon17"
    KIT_OTHER = "kit_other"  #: A KIT mutation in another exon, such as exon 8.
    PDGFRA_D842V = "pdgfra_d842v"  #: PDGFRA exon 18 D842V (imatinib-resistant).
    PDGFRA_EXON18_OTHER = "pdgfra_exon18_other"  #: PDGFRA exon 18 other than D842V.
    PDGFRA_EXON12 = "pdgfra_exon12"
    PDGFRA_EXON14 = "pdgfra_exon14"
    SDH_DEFICIENT = "sdh_deficient"  #: KIT/PDGFRA wild-type, SDH-deficient (SDHB immunohistochemistry).
    NF1 = "nf1"  #: KIT/PDGFRA wild-type, NF1-related.
    BRAF_V600E = "braf_v600e"
    NTRK_FUSION = "ntrk_fusion"
    WILD_TYPE_SDH_UNTESTED = "wild_type_sdh_untested"  #: KIT/PDGFRA wild-type, SDH status not tested.


class Response(_Named):
    """Response of the disease to the current regimen (``gist_response``)."""

    RESPONDING = "responding"  #: Complete or partial response.
    STABLE = "stable"  #: Stable disease.
    PROGRESSION = "progression"  #: Progressive disease, suspected or confirmed (see Basis).


class Basis(_Named):
    """How a response was established (``gist_basis``; the patient fact ``confirmed_by``)."""

    CLINICAL = "clinical"  #: Symptoms, examination or markers only: not confirmed by imaging.
    RADIOLOGIC = "radiologic"  #: Confirmed by imaging with radiologic interpretation.


class Extent(_Named):
    """Extent of progression (``gist_extent``)."""

    LIMITED = "limited"
    GENERALIZED = "generalized"


class Tolerance(_Named):
    """Tolerance of the current regimen (``gist_tolerance``)."""

    TOLERATING = "tolerating"
    INTOLERANT = "intolerant"


class StopReason(_Named):
    """Why a previous regimen was stopped (``gist_stop_reason``; the field ``stopped``)."""

    PROGRESSION = "progression"
    INTOLERANCE = "intolerance"
    COMPLETED = "completed"
    OTHER = "other"


class Schedule(_Named):
    """Dosing schedule (``gist_schedule``)."""

    CONTINUOUS = "continuous"  #: Every day without planned breaks.
    FOUR_ON_TWO_OFF = "4on2off"  #: 4 weeks on, 2 weeks off (sunitinib).
    THREE_ON_ONE_OFF = "3on1off"  #: Days 1-21 of a 28-day cycle (regorafenib).

    @property
    def cycle(self):
        """``(days on drug, cycle length in days)``, such as ``(28, 42)`` for 4 on / 2 off."""
        on_days, cycle_days = _core.schedule_cycle(self.code)
        return int(on_days), int(cycle_days)


class RuleKind(_Named):
    """What a pathway rule does when its condition holds (``gist_rule_kind``)."""

    RECOMMEND = "recommend"  #: Decides: gives ranked options.
    NOT_COVERED = "not_covered"  #: Decides: the pathway does not address this situation.
    ALERT = "alert"  #: Adds alerts only.


class Action(_Named):
    """What an option proposes (``gist_action``)."""

    CONTINUE = "continue"
    ESCALATE = "escalate"
    SWITCH = "switch"
    ASSESS = "assess"
    REFER = "refer"
    CONSIDER_TRIAL = "consider_trial"
    CONSIDER_OFF_LABEL = "consider_off_label"
    START = "start"
    RESUME = "resume"
    LOCAL_THERAPY = "local_therapy"


class Severity(_Named):
    """How urgent an alert is, as a CDS Hooks card indicator (``gist_severity``)."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class Outcome(_Named):
    """The three outcomes of advice (``gist_outcome``)."""

    RECOMMENDED = "recommended"  #: One or more ranked options.
    UNDETERMINED = "undetermined"  #: A fact the rules need is unknown; see Advice.missing.
    NOT_COVERED = "not_covered"  #: The pathway does not address this situation.


class TraceResult(_Named):
    """How a rule appears in an advice's trace (``gist_trace_result``)."""

    FIRED = "fired"  #: Its condition held.
    UNKNOWN = "unknown"  #: Its condition depends on a missing fact.
    NEAREST = "nearest"  #: No rule applied; this one came closest.


class EventKind(_Named):
    """Kinds of event in a timeline, the ``event`` column of the event CSV format (``gist_event_kind``)."""

    EXPOSURE = "exposure"
    ASSESSMENT = "assessment"
    GENOTYPE = "genotype"
    REFERRAL = "referral"
    SETTING = "setting"


class Method(_Named):
    """How a response assessment was made (``gist_method``); CT, MRI and PET are radiologic."""

    CT = "ct"
    MRI = "mri"
    PET = "pet"
    CLINICAL = "clinical"


class Criteria(_Named):
    """Response criteria of an assessment (``gist_criteria``)."""

    RECIST = "recist"
    CHOI = "choi"


class LineEnd(_Named):
    """Why a line of therapy ended (``gist_line_end``)."""

    PROGRESSION = "progression"
    INTOLERANCE = "intolerance"
    COMPLETED = "completed"
    OTHER = "other"
    SWITCHED = "switched"  #: A new regimen began with no reason recorded for the change.
    DISCONTINUED = "discontinued"  #: No drug for longer than the discontinuation threshold.
    CENSORED = "censored"  #: Still ongoing at the end of the data.


class FindingCode(_Named):
    """What a finding of lines or audit is about (``gist_finding_code``; docs/lines-of-therapy.md)."""

    INTERRUPTION = "interruption"
    SWITCH_WITHOUT_REASON = "switch_without_reason"
    UNCONFIRMED_PROGRESSION = "unconfirmed_progression"
    ESCALATION_SKIPPED = "escalation_skipped"
    OUT_OF_SEQUENCE = "out_of_sequence"
    NO_REFERRAL = "no_referral"
    NONSTANDARD_DOSE = "nonstandard_dose"
    OVERLAPPING_EXPOSURES = "overlapping_exposures"
    NOT_ASSESSABLE = "not_assessable"
    SETTING_ASSUMED = "setting_assumed"
    INVALID_EVENT = "invalid_event"



class TumourSite(_Named):
    """Primary site of a tumour (``gist_tumour_site``), as risk tables use it."""

    STOMACH = "stomach"
    DUODENUM = "duodenum"
    JEJUNUM_ILEUM = "jejunum_ileum"
    SMALL_INTESTINE = "small_intestine"  #: Small intestine, part not recorded (duodenum or jejunum/ileum).
    COLON = "colon"
    RECTUM = "rectum"
    OESOPHAGUS = "oesophagus"
    EXTRAGASTROINTESTINAL = "extragastrointestinal"  #: Omentum, mesentery, retroperitoneum.
    OTHER = "other"


class MitoticUnit(_Named):
    """The area a mitotic count was made in (``gist_mitotic_unit``)."""

    PER_50_HPF = "per_50_hpf"  #: Mitoses per 50 high-power fields (the unit of both built-in tables).
    PER_5_MM2 = "per_5_mm2"  #: Mitoses per 5 mm2 (read per 50 HPF only where a table says so, as an inference).


class RiskCategory(_Named):
    """Risk category of a risk-table cell or result (``gist_risk_category``)."""

    UNDETERMINED = "undetermined"  #: The table gives none: a cell left out, or facts missing.
    NONE = "none"
    VERY_LOW = "very_low"
    LOW = "low"
    MODERATE = "moderate"
    INTERMEDIATE = "intermediate"
    HIGH = "high"
    INSUFFICIENT_DATA = "insufficient_data"  #: The source's series had too few such tumours (a value, not a gap).


class Verification(_Named):
    """Whether a value was checked against its primary publication (``gist_verification``)."""

    UNVERIFIED = "unverified"  #: Taken from secondary copies only.
    VERIFIED = "verified"  #: Seen in the primary publication or its author abstract.

# Each enum's C values, read from the library's own name functions so that
# the two can never disagree silently: a name the library does not know
# fails here, at import.
_NAME_FUNCTIONS = {
    Setting: _core.setting_name,
    Genotype: _core.genotype_name,
    Response: _core.response_name,
    Basis: _core.basis_name,
    Extent: _core.extent_name,
    Tolerance: _core.tolerance_name,
    StopReason: _core.stop_reason_name,
    Schedule: _core.schedule_name,
    RuleKind: _core.rule_kind_name,
    Action: _core.action_name,
    Severity: _core.severity_name,
    Outcome: _core.outcome_name,
    TraceResult: _core.trace_result_name,
    EventKind: _core.event_kind_name,
    Method: _core.method_name,
    Criteria: _core.criteria_name,
    LineEnd: _core.line_end_name,
    FindingCode: _core.finding_code_name,
    TumourSite: _core.tumour_site_name,
    MitoticUnit: _core.mitotic_unit_name,
    RiskCategory: _core.risk_category_name,
    Verification: _core.verification_name,
}
_TO_C = {}
_FROM_C = {}
for _cls, _name_of in _NAME_FUNCTIONS.items():
    _codes = {}
    for _value in range(0, 64):
        _name = _name_of(_value)
        if _name is not None:
            _codes[_name] = _value
    _TO_C[_cls] = {member: _codes[member.value] for member in _cls}
    _FROM_C[_cls] = {code: member for member, code in _TO_C[_cls].items()}
del _cls, _name_of, _codes, _value, _name

# Strings that mean "not known", as the JSON formats accept them.
_UNKNOWN_NAMES = frozenset(("unknown", "unspecified"))


def c_names(cls):
    """The machine names the C library gives for ``cls``'s enum, apart from
    that of the value 0 when it is the unknown value (as in the patient enums;
    an event kind's 0 is an exposure)."""
    name_of = _NAME_FUNCTIONS[cls]
    first = name_of(0)
    names = [first] if first is not None and first in cls._value2member_map_ else []
    return names + [n for n in (name_of(v) for v in range(1, 64)) if n is not None]


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
