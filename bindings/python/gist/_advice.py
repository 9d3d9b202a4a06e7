# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Advice: the result of applying a pathway to a patient."""

import collections
import html
import json

from . import _core
from ._enums import Outcome, TraceResult, from_c
from ._handle import _Handle
from ._rules import Alert, Option, Rule

__all__ = ["Advice", "Missing", "TraceEntry"]

Missing = collections.namedtuple("Missing", "fact hint")
Missing.__doc__ = """A fact the rules need that is unknown, and how to establish it."""

TraceEntry = collections.namedtuple("TraceEntry", "rule result")
TraceEntry.__doc__ = """One rule in evaluation order (a Rule) and how it was evaluated (a TraceResult)."""

_DISCLAIMER = ("Decision support for clinicians, not a prescription: review each option and its evidence "
               "against the patient's full clinical picture.")


class Advice(_Handle):
    """The result of applying a pathway to a patient.

    ``outcome`` is one of three (an Outcome):

    - RECOMMENDED: ``options`` holds ranked options, each with its rationale and evidence;
    - UNDETERMINED: a fact the rules need is unknown; ``missing`` names each and how to learn it;
    - NOT_COVERED: the pathway does not address this situation; ``rationale`` says why.

    ``str(advice)`` is the readable text a clinician reads; ``to_dict()`` and
    ``to_json()`` give the advice JSON format (docs/advice-format.md). Advice
    stays valid after its pathway is closed or collected. It is a context
    manager; ``close()`` (idempotent) releases it.
    """

    __slots__ = ("_raw", "_options", "__weakref__")
    _what = "advice"
    _caches = ("_options",)

    def __init__(self, raw):
        self._raw = raw
        self._options = None

    @property
    def outcome(self):
        """RECOMMENDED, UNDETERMINED or NOT_COVERED (an Outcome)."""
        return from_c(Outcome, _core.advice_outcome(self._live()))

    @property
    def recommended(self):
        """True when the outcome is RECOMMENDED."""
        return _core.advice_outcome(self._live()) == _core.OUTCOME_RECOMMENDED

    @property
    def pathway_id(self):
        """Id of the pathway that gave the advice, such as ``"gist-2016"``."""
        return _core.advice_pathway_id(self._live())

    @property
    def pathway_version(self):
        """Version of that pathway, such as ``"2016.1"``."""
        return _core.advice_pathway_version(self._live())

    @property
    def patient_id(self):
        """The patient's identifier, or None."""
        return _core.advice_patient_id(self._live()) or None

    @property
    def rule(self):
        """The deciding Rule; None when undetermined or when no rule applied."""
        raw = _core.advice_rule(self._live())
        return None if raw is None else Rule(raw)

    @property
    def rule_id(self):
        """Id of the deciding rule, or None."""
        raw = _core.advice_rule(self._live())
        return None if raw is None else _core.rule_id(raw)

    @property
    def rationale(self):
        """Why: the deciding rule's rationale; what is missing; or, when no rule applied,
        the nearest rule and why it does not apply."""
        return _core.advice_rationale(self._live())

    @property
    def evidence(self):
        """Evidence ids behind the rationale."""
        raw = self._live()
        return tuple(_core.advice_evidence(raw, i) for i in range(_core.advice_evidence_count(raw)))

    def evidence_text(self, evidence_id):
        """Statement and citation of an evidence id, from the advice's pathway (None if unknown)."""
        return _core.advice_evidence_text(self._live(), evidence_id)

    @property
    def references(self):
        """Every evidence id the advice mentions, with its statement and citation."""
        return self.to_dict()["references"]

    @property
    def options(self):
        """Ranked options, best first (a tuple of Option; empty unless recommended)."""
        options = self._options
        if options is None:
            raw = self._live()
            options = self._options = tuple(
                Option(_core.advice_option(raw, i), i + 1) for i in range(_core.advice_option_count(raw)))
        return options

    @property
    def alerts(self):
        """Alerts (a tuple of Alert): those of every alert rule that fired, then the deciding rule's."""
        raw = self._live()
        return tuple(Alert(_core.advice_alert(raw, i)) for i in range(_core.advice_alert_count(raw)))

    @property
    def missing(self):
        """For undetermined advice, each missing fact and how to establish it (a tuple of Missing)."""
        raw = self._live()
        return tuple(Missing(_core.advice_missing_fact(raw, i), _core.advice_missing_hint(raw, i))
                     for i in range(_core.advice_missing_count(raw)))

    @property
    def trace(self):
        """The rules evaluated, in order, with how each was evaluated (a tuple of TraceEntry)."""
        raw = self._live()
        return tuple(TraceEntry(Rule(_core.advice_trace_rule(raw, i)),
                                from_c(TraceResult, _core.advice_trace_result(raw, i)))
                     for i in range(_core.advice_trace_count(raw)))

    def to_json(self, compact=False):
        """The advice JSON format (docs/advice-format.md)."""
        return _core.advice_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def to_dict(self):
        """The advice JSON format as plain data."""
        return json.loads(self.to_json(compact=True))

    def to_text(self):
        """The advice as readable text for a clinician (what ``str()`` gives)."""
        return _core.advice_to_text(self._live())

    def __str__(self):
        if self._raw is None:
            return "<Advice (closed)>"
        return self.to_text()

    def __repr__(self):
        raw = self._raw
        if raw is None:
            return "<Advice (closed)>"
        outcome = self.outcome.value
        head = "<Advice %s %s: %s" % (self.pathway_id, self.pathway_version, outcome)
        rule = self.rule_id
        if rule:
            head += " by " + rule
        if self.options:
            head += "; " + "; ".join("%d. %s [%s]" % (o.rank, o.summary, ", ".join(o.evidence))
                                      for o in self.options)
        missing = self.missing
        if missing:
            head += "; missing " + ", ".join(m.fact for m in missing)
        return head + ">"

    def _repr_html_(self):
        if self._raw is None:
            return "<p>Advice (closed)</p>"
        e = html.escape
        data = self.to_dict()
        parts = ['<div class="gist-advice">',
                 "<p><strong>%s</strong> &mdash; pathway %s %s%s%s</p>" % (
                     e(data["outcome"].replace("_", " ")), e(data["pathway"]["id"]), e(data["pathway"]["version"]),
                     ", rule <code>%s</code>" % e(data["rule"]) if data["rule"] else "",
                     ", patient %s" % e(data["patient_id"]) if data.get("patient_id") else "")]
        if data["options"]:
            parts.append("<table><thead><tr><th>#</th><th>option</th><th>dose</th><th>line</th>"
                         "<th>why</th><th>evidence</th></tr></thead><tbody>")
            for o in data["options"]:
                parts.append("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                    o["rank"], e(o["summary"]), e(o["dose_text"] or ""), "" if o["line"] is None else o["line"],
                    e(o["rationale"]), e(", ".join(o["evidence"]))))
            parts.append("</tbody></table>")
        if data["missing"]:
            parts.append("<p>Missing facts:</p><ul>")
            parts.extend("<li><code>%s</code>: %s</li>" % (e(m["fact"]), e(m["hint"])) for m in data["missing"])
            parts.append("</ul>")
        if data["alerts"]:
            parts.append("<p>Alerts:</p><ul>")
            parts.extend("<li>%s (%s): %s</li>" % (e(a["severity"]), e(a["id"]), e(a["text"]))
                         for a in data["alerts"])
            parts.append("</ul>")
        parts.append("<p>%s</p>" % e(data["rationale"]))
        if data["references"]:
            parts.append("<details><summary>Evidence</summary><dl>")
            parts.extend("<dt>%s</dt><dd>%s</dd>" % (e(k), e(v)) for k, v in data["references"].items())
            parts.append("</dl></details>")
        parts.append("<p><em>%s</em></p></div>" % e(data.get("disclaimer", _DISCLAIMER)))
        return "".join(parts)
