# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""libgist: therapy-sequencing decision support for advanced gastrointestinal stromal tumour.

Given what is known about a patient, a pathway says which step comes next,
why, and on what evidence; or that a fact is missing (*undetermined*, naming
it); or that the pathway does not address the situation (*not covered*)::

    >>> import gist
    >>> pathway = gist.Pathway.builtin("gist-2016")
    >>> advice = pathway.advise(gist.Patient(regimen=("imatinib", 400), response="progression",
    ...                                      confirmed_by="radiologic"))
    >>> advice.outcome, advice.options[0].summary, advice.options[0].evidence
    (Outcome.RECOMMENDED, 'Increase imatinib to 800 mg daily', ('P16-4', 'P16-5'))

libgist supports clinicians; it does not prescribe. Every option carries its
rule, rationale, evidence ids and the pathway version so that a clinician can
review its basis independently.

Lines of therapy and audit findings: ``gist.Timeline`` for one patient's
dated history; ``gist.lines(events)``, ``gist.audit(events)`` and
``gist.cohort(events)`` for whole cohorts in pandas DataFrames (the columns
of the event CSV format) or event CSV files; ``gist.dask`` for dask
DataFrames larger than one machine. Risk of recurrence of a resected
primary tumour: ``gist.RiskTable`` and ``gist.assess_risk()``.

Errors are exceptions derived from GistError, one class per status code of
the C library (NotFoundError, RangeError, SchemaError, ...), each also a
standard exception (LookupError, ValueError, OSError, ...). The raw SWIG
wrapper of the C API is ``gist.core``.
"""

from . import core as _core_module  # noqa: F401  (registers the raw proxy classes)
from . import _core
from ._advice import Advice, Missing, TraceEntry
from ._agent import Agent, Registry, StandardDose, agents
from ._cohort import Cohort, audit, cohort, lines, read_events
from ._frames import to_csv
from ._enums import (Action, Basis, Criteria, EventKind, Extent, FindingCode, Genotype, LineEnd, Method, MitoticUnit,
                     Outcome, Response, RiskCategory, RuleKind, Schedule, Setting, Severity, Status, StopReason,
                     Tolerance, TraceResult, TumourSite, Verification)
from ._pathway import Decision, Decisions, Pathway, pathways
from ._patient import Patient, Prior, Regimen
from ._risk import RiskCell, RiskResult, RiskTable, assess_risk, risk_tables
from ._timeline import LINES_OPTIONS, DoseStep, Finding, Line, Lines, Timeline, read_timelines
from ._errors import (AmbiguousNameError, GistError, InvalidArgumentError, LimitError, NotFoundError, OrderError,
                      OutOfMemoryError, ParseError, PathwayError, RangeError, ReadError, SchemaError, StateError,
                      VersionError)

#: Version of the libgist library loaded at run time, "MAJOR.MINOR.PATCH".
version = _core.version()
__version__ = version

__all__ = [
    "Pathway", "Patient", "Advice", "Agent", "Regimen", "Prior", "Missing", "TraceEntry", "Decision", "Decisions",
    "StandardDose", "Registry", "pathways", "agents", "version",
    "Timeline", "Lines", "Line", "DoseStep", "Finding", "read_timelines", "LINES_OPTIONS",
    "lines", "audit", "cohort", "Cohort", "read_events", "to_csv",
    "RiskTable", "RiskCell", "RiskResult", "risk_tables", "assess_risk",
    "TumourSite", "MitoticUnit", "RiskCategory", "Verification",
    "Status", "Setting", "Genotype", "Response", "Basis", "Extent", "Tolerance", "StopReason", "Schedule",
    "RuleKind", "Action", "Severity", "Outcome", "TraceResult", "EventKind", "Method", "Criteria", "LineEnd",
    "FindingCode",
    "GistError", "InvalidArgumentError", "OutOfMemoryError", "NotFoundError", "AmbiguousNameError", "ParseError",
    "SchemaError", "RangeError", "ReadError", "LimitError", "PathwayError", "OrderError", "VersionError",
    "StateError",
]
