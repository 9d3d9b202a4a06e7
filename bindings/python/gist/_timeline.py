# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""One patient's dated treatment history: timelines, lines of therapy and audit findings."""

import collections
import datetime
import numbers
import os

from . import _core
from ._agent import Agent
from ._enums import (Criteria, Extent, FindingCode, Genotype, LineEnd, Method, Response, Schedule, Setting,
                     Severity, StopReason, from_c, to_c)
from ._patient import Patient

__all__ = ["Timeline", "Lines", "Line", "DoseStep", "Finding", "read_timelines", "LINES_OPTIONS"]

_EPOCH = datetime.date(1970, 1, 1)
DATE_NONE = _core.DATE_NONE

#: The keyword options of the lines-of-therapy rules and their defaults (docs/lines-of-therapy.md).
LINES_OPTIONS = {
    "combination_window_days": 28,
    "interruption_days": 28,
    "discontinuation_days": 180,
    "honor_schedules": True,
    "unknown_setting": "advanced",
    "censor_date": None,
}


def to_days(value, what, required=True):
    """A date (``datetime.date``, ``datetime.datetime``, pandas Timestamp, numpy datetime64 or
    ``"YYYY-MM-DD"``) as days since 1970-01-01; None gives DATE_NONE unless ``required``."""
    if value is None:
        if required:
            raise _core.InvalidArgumentError("%s: a date is required" % what)
        return DATE_NONE
    if isinstance(value, str):
        try:
            return _core.date_parse(value)
        except _core.GistError as error:
            raise type(error)("%s: %s" % (what, error)) from None
    if hasattr(value, "to_pydatetime") and not isinstance(value, datetime.datetime):
        value = value.to_pydatetime()
    if type(value).__name__ == "datetime64":
        import numpy
        if numpy.isnat(value):
            if required:
                raise _core.InvalidArgumentError("%s: a date is required, not NaT" % what)
            return DATE_NONE
        days = int(value.astype("datetime64[D]").astype("int64"))
    elif isinstance(value, datetime.datetime):
        days = (value.date() - _EPOCH).days
    elif isinstance(value, datetime.date):
        days = (value - _EPOCH).days
    else:
        raise TypeError("%s must be a date or 'YYYY-MM-DD', not %s" % (what, type(value).__name__))
    if not _core.DATE_MIN <= days <= _core.DATE_MAX:
        raise _core.RangeError("%s: %s is not a date from 1900-01-01 to 2200-12-31"
                               % (what, _EPOCH + datetime.timedelta(days=days)))
    return days


def from_days(days):
    """A ``datetime.date`` for days since 1970-01-01 (None for DATE_NONE)."""
    if days == DATE_NONE:
        return None
    return _EPOCH + datetime.timedelta(days=int(days))


def _whole_days(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be a whole number of days, not %s" % (name, type(value).__name__))
    if value < 0:
        raise _core.RangeError("%s must not be negative, not %d" % (name, value))
    if value > 2 ** 31 - 1:
        raise _core.RangeError("%s is too large: %d" % (name, value))
    return int(value)


def make_options(options):
    """(raw gist_lines_options, echo dict) from keyword options (LINES_OPTIONS); unknown keywords raise TypeError."""
    unknown = set(options) - set(LINES_OPTIONS)
    if unknown:
        raise TypeError("unknown lines option(s): %s (known: %s)"
                        % (", ".join(sorted(unknown)), ", ".join(LINES_OPTIONS)))
    raw = _core.new_lines_options()
    for name in ("combination_window_days", "interruption_days", "discontinuation_days"):
        if name in options:
            getattr(_core, "lines_options_%s_set" % name)(raw, _whole_days(options[name], name))
    if "honor_schedules" in options:
        value = options["honor_schedules"]
        if not isinstance(value, (bool, int)) or isinstance(value, float):
            raise TypeError("honor_schedules must be True or False, not %s" % type(value).__name__)
        _core.lines_options_honor_schedules_set(raw, 1 if value else 0)
    if "unknown_setting" in options:
        code = to_c(Setting, options["unknown_setting"], "unknown_setting")
        if code == 0:
            raise _core.InvalidArgumentError("unknown_setting must be advanced or adjuvant")
        _core.lines_options_unknown_setting_set(raw, code)
    if options.get("censor_date") is not None:
        _core.lines_options_censor_date_set(raw, to_days(options["censor_date"], "censor_date"))
    return raw, options_dict(raw)


def options_dict(raw):
    """The options a result was computed with, as plain data (what the outputs echo)."""
    def get(name):
        return getattr(_core, "lines_options_%s_get" % name)(raw)
    censor = get("censor_date")
    return {
        "lines_options_version": get("version"),
        "combination_window_days": get("combination_window_days"),
        "interruption_days": get("interruption_days"),
        "discontinuation_days": get("discontinuation_days"),
        "honor_schedules": bool(get("honor_schedules")),
        "unknown_setting": from_c(Setting, get("unknown_setting")).value,
        "censor_date": None if censor == DATE_NONE else _core.date_format(censor),
    }


def resolve_pathway(pathway):
    """A raw pathway from a Pathway, a built-in id or a file name; None stays None."""
    from ._pathway import Pathway
    if pathway is None:
        return None, None
    if isinstance(pathway, str):
        pathway = Pathway.builtin(pathway) if pathway in _builtin_ids() else Pathway.load(pathway)
    elif isinstance(pathway, os.PathLike):
        pathway = Pathway.load(pathway)
    if not isinstance(pathway, Pathway):
        raise TypeError("pathway must be a Pathway, a built-in id or a file name, not %s" % type(pathway).__name__)
    return pathway, pathway._raw


def _builtin_ids():
    return {_core.pathway_builtin_id(i) for i in range(_core.pathway_builtin_count())}


Line = collections.namedtuple("Line", "number setting start end end_reason agents rechallenge steps findings")
Line.__doc__ = """A line of therapy: its number within its setting (a Setting), first and last day
(``datetime.date``; a censored line ends at the censoring date), why it ended (a LineEnd), its
agents in the order started (Agent), whether it re-starts an earlier agent, its dose steps
(DoseStep) and the number of findings about it."""

DoseStep = collections.namedtuple("DoseStep", "date agent dose_mg reason")
DoseStep.__doc__ = """A dose step of a line: the first dose of an agent or a change of dose, with the
date, the Agent, the daily dose in mg (None if not recorded) and the StopReason recorded for the
change (None for a first dose)."""

Finding = collections.namedtuple("Finding", "date setting line code severity rule evidence row message")
Finding.__doc__ = """A finding: its date, the setting and number of the line it is about (None when
about none), its FindingCode and Severity, the id of the pathway rule behind it (None for data
findings), the evidence ids, the input row it is about (None when not about one row) and the
readable explanation."""


class Lines:
    """The lines of therapy and findings of one patient (Timeline.lines, Timeline.audit).

    ``lines`` and ``findings`` are tuples of Line and Finding; ``options`` the
    options they were computed with; ``to_csv()``, ``findings_to_csv()`` and
    ``to_json()`` write what ``gist lines`` / ``gist audit`` write.
    """

    __slots__ = ("_raw", "_pathway")

    def __init__(self, raw, pathway=None):
        self._raw = raw
        self._pathway = pathway

    @property
    def patient(self):
        """The patient identifier (None if the timeline had none)."""
        return _core.lines_patient_id(self._raw) or None

    @property
    def options(self):
        """The options the result was computed with (a dict)."""
        return options_dict(_core.lines_options_used(self._raw))

    @property
    def pathway(self):
        """The Pathway audited against, or None for lines only."""
        return self._pathway

    def __len__(self):
        return _core.lines_count(self._raw)

    def __iter__(self):
        return iter(self.lines)

    @property
    def lines(self):
        """The lines, adjuvant and advanced, in start order (a tuple of Line)."""
        raw = self._raw
        counts = collections.Counter(_core.finding_line(raw, k) for k in range(_core.lines_finding_count(raw)))
        out = []
        for i in range(_core.lines_count(raw)):
            agents = tuple(Agent._from_raw(_core.line_agent(raw, i, k)) for k in range(_core.line_agent_count(raw, i)))
            steps = tuple(
                DoseStep(from_days(_core.line_step_date(raw, i, k)), Agent._from_raw(_core.line_step_agent(raw, i, k)),
                         _core.line_step_dose_mg(raw, i, k) or None,
                         from_c(StopReason, _core.line_step_reason(raw, i, k)))
                for k in range(_core.line_step_count(raw, i)))
            out.append(Line(_core.line_number(raw, i), from_c(Setting, _core.line_setting(raw, i)),
                            from_days(_core.line_start_date(raw, i)), from_days(_core.line_end_date(raw, i)),
                            from_c(LineEnd, _core.line_end_reason(raw, i)), agents,
                            bool(_core.line_rechallenge(raw, i)), steps, counts.get(i, 0)))
        return tuple(out)

    @property
    def findings(self):
        """The findings in date order (a tuple of Finding)."""
        raw = self._raw
        nlines = _core.lines_count(raw)
        out = []
        for k in range(_core.lines_finding_count(raw)):
            i = _core.finding_line(raw, k)
            rule = _core.finding_rule(raw, k)
            out.append(Finding(
                from_days(_core.finding_date(raw, k)),
                from_c(Setting, _core.line_setting(raw, i)) if i < nlines else None,
                _core.line_number(raw, i) if i < nlines else None,
                from_c(FindingCode, _core.finding_code_of(raw, k)),
                from_c(Severity, _core.finding_severity_of(raw, k)),
                _core.rule_id(rule) if rule is not None else None,
                tuple(_core.finding_evidence(raw, k, e) for e in range(_core.finding_evidence_count(raw, k))),
                _core.finding_row(raw, k) or None,
                _core.finding_message(raw, k)))
        return tuple(out)

    def to_csv(self, header=True):
        """The lines as CSV, as ``gist lines`` writes them (without its first ``#`` line)."""
        return _core.lines_to_csv(self._raw, _core.CSV_HEADER if header else 0)

    def findings_to_csv(self, header=True):
        """The findings as CSV, as ``gist audit`` writes them (without its first ``#`` line)."""
        return _core.lines_findings_to_csv(self._raw, _core.CSV_HEADER if header else 0)

    def to_json(self, compact=False):
        """The lines, dose steps, findings and options as a ``gist-lines/1`` JSON document."""
        return _core.lines_to_json(self._raw, _core.JSON_COMPACT if compact else 0)

    def to_frames(self):
        """``(lines, findings)`` as pandas DataFrames, with the columns and types of gist.lines / gist.audit."""
        from ._frames import findings_from_csv, lines_from_csv
        options = self.options
        return (lines_from_csv(self.to_csv(), options, None, patient_as_text=True),
                findings_from_csv(self.findings_to_csv(), options, self._pathway, patient_as_text=True))

    def __repr__(self):
        return "<Lines of %s: %d lines, %d findings>" % (
            self.patient or "a patient", len(self), _core.lines_finding_count(self._raw))


class Timeline:
    """One patient's dated treatment history.

    Add drug exposures and point events in any order, then ask for the
    patient state as of a date (``patient_at``, for advice with any pathway),
    the lines of therapy (``lines``) or an audit against a pathway
    (``audit``)::

        t = gist.Timeline("p1")
        t.add_setting("2015-01-01", "advanced")
        t.add_exposure("imatinib", "2015-01-10", "2016-06-30", dose_mg=400, reason="progression")
        t.add_assessment("2016-06-25", "progression", method="ct")
        t.add_exposure("imatinib", "2016-07-01", dose_mg=800)
        t.lines().lines[0].steps    # two dose steps in one line

    Dates are ``datetime.date`` (or datetime, pandas Timestamp, numpy
    datetime64) or ``"YYYY-MM-DD"``, from 1900-01-01 to 2200-12-31. The
    lines options are keyword arguments (LINES_OPTIONS). A timeline belongs
    to one thread at a time; ``close()`` (idempotent) releases it.
    """

    __slots__ = ("_raw", "__weakref__")

    def __init__(self, id=None):
        self._raw = _core.timeline_new()
        if id is not None:
            self.id = id

    @classmethod
    def _wrap(cls, raw):
        self = object.__new__(cls)
        self._raw = raw
        return self

    @classmethod
    def parse(cls, text, source=None):
        """Read a timeline from JSON text (the ``gist-timeline/1`` format of docs/event-formats.md)."""
        return cls._wrap(_core.timeline_parse(text, source))

    @classmethod
    def load(cls, path):
        """Read a timeline from a JSON file."""
        return cls._wrap(_core.timeline_load(os.fspath(path)))

    def _live(self):
        if self._raw is None:
            raise ValueError("the timeline is closed")
        return self._raw

    @property
    def id(self):
        """The patient identifier (None if none)."""
        return _core.timeline_id(self._live()) or None

    @id.setter
    def id(self, value):
        if value is not None and not isinstance(value, str):
            raise TypeError("id must be a str, not %s" % type(value).__name__)
        _core.timeline_set_id(self._live(), value)

    def __len__(self):
        return _core.timeline_event_count(self._live())

    def add_exposure(self, agent, start, end=None, dose_mg=None, schedule=None, reason=None):
        """Add continuous use of one agent at one daily dose from ``start`` to ``end`` (inclusive;
        None: ongoing). ``reason`` says why it ended (a StopReason or its name). Returns the timeline."""
        if isinstance(agent, Agent):
            agent = agent.name
        if not isinstance(agent, str):
            raise TypeError("agent must be a name or an Agent, not %s" % type(agent).__name__)
        if dose_mg is None:
            dose = 0.0
        elif isinstance(dose_mg, bool) or not isinstance(dose_mg, numbers.Real):
            raise TypeError("dose_mg must be a number, not %s" % type(dose_mg).__name__)
        else:
            dose = float(dose_mg)
        _core.timeline_add_exposure(self._live(), agent, to_days(start, "start"), to_days(end, "end", False), dose,
                                    to_c(Schedule, schedule, "schedule"), to_c(StopReason, reason, "reason"))
        return self

    def add_assessment(self, date, response, method=None, criteria=None, extent=None):
        """Add a response assessment (``method``: ct, mri, pet are radiologic; clinical is not)."""
        code = to_c(Response, response, "response")
        if code == 0:
            raise _core.InvalidArgumentError("response: an assessment needs a response")
        _core.timeline_add_assessment(self._live(), to_days(date, "date"), code, to_c(Method, method, "method"),
                                      to_c(Criteria, criteria, "criteria"), to_c(Extent, extent, "extent"))
        return self

    def add_genotype(self, date, genotype):
        """Add a genotype result."""
        code = to_c(Genotype, genotype, "genotype")
        if code == 0:
            raise _core.InvalidArgumentError("genotype: a genotype event needs its value")
        _core.timeline_add_genotype(self._live(), to_days(date, "date"), code)
        return self

    def add_referral(self, date):
        """Add a referral to a high-volume sarcoma centre."""
        _core.timeline_add_referral(self._live(), to_days(date, "date"))
        return self

    def add_setting(self, date, setting):
        """Record the treatment setting (advanced or adjuvant) from ``date`` on."""
        code = to_c(Setting, setting, "setting")
        if code == 0:
            raise _core.InvalidArgumentError("setting: advanced or adjuvant")
        _core.timeline_add_setting(self._live(), to_days(date, "date"), code)
        return self

    def clear(self):
        """Remove every event and the id."""
        _core.timeline_clear(self._live())
        return self

    def patient_at(self, date, **options):
        """The patient state as of the end of ``date`` (a Patient), for ``Pathway.advise``.

        StateError when several agents are taken together on that date."""
        raw, _ = make_options(options)
        return Patient._wrap(_core.timeline_patient_at(self._live(), to_days(date, "date"), raw))

    def lines(self, **options):
        """The lines of therapy and data findings (a Lines)."""
        raw, _ = make_options(options)
        return Lines(_core.timeline_lines(self._live(), raw))

    def audit(self, pathway="gist-2016", **options):
        """The lines and the findings where the history departs from ``pathway`` (a Pathway,
        a built-in id or a file name)."""
        raw, _ = make_options(options)
        pw, pw_raw = resolve_pathway(pathway)
        if pw_raw is None:
            raise TypeError("audit needs a pathway")
        return Lines(_core.timeline_audit(self._live(), pw_raw, raw), pw)

    def close(self):
        """Release the timeline. Calling it again does nothing."""
        self._raw = None

    @property
    def closed(self):
        """True once close() was called."""
        return self._raw is None

    def __enter__(self):
        self._live()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        if self._raw is None:
            return "<Timeline (closed)>"
        return "<Timeline %s: %d events>" % (self.id or "(no id)", len(self))


def read_timelines(path, *more_paths):
    """Iterate over the patients of event CSV files (docs/event-formats.md), one Timeline each.

    The streaming reader keeps one patient in memory at a time, so files larger
    than memory can be read. With several files (drug exposures in one,
    assessments in another) each must be sorted by patient, and a patient's
    rows are merged. Errors name the file, the line and the column."""
    reader = _core.event_reader_open(os.fspath(path))
    for extra in more_paths:
        _core.event_reader_add_file(reader, os.fspath(extra))
    while True:
        raw = _core.timeline_new()
        if _core.event_reader_next(reader, raw):
            return
        yield Timeline._wrap(raw)
