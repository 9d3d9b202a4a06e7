# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Rules, options and alerts: the parts of a pathway (and of advice).

Each object holds the raw child it wraps, and the raw child holds its
parent (a pathway or an advice), so an option stays valid after the pathway
or advice it came from is closed or collected.
"""

from . import _core
from ._agent import Agent
from ._enums import Action, RuleKind, Schedule, Severity, from_c

__all__ = ["Rule", "Option", "Alert"]


def _ids(count, get, raw):
    return tuple(get(raw, i) for i in range(count(raw)))


class Option:
    """One ranked option: what to do, with which agent and dose, why, and on what evidence."""

    __slots__ = ("_raw", "rank")

    def __init__(self, raw, rank):
        self._raw = raw
        #: Position, best first (1 is the first option).
        self.rank = rank

    @property
    def action(self):
        """What the option proposes (an Action)."""
        return from_c(Action, _core.option_action(self._raw))

    @property
    def agent(self):
        """The Agent the option concerns, or None (refer, trial; continue means the current regimen)."""
        return Agent._from_raw(_core.option_agent(self._raw))

    @property
    def dose_mg(self):
        """Total daily dose in mg, or None when the source states none (never a guessed dose)."""
        return _core.option_dose_mg(self._raw) or None

    @property
    def schedule(self):
        """Schedule of the dose (a Schedule), or None."""
        return from_c(Schedule, _core.option_schedule(self._raw))

    @property
    def dose_text(self):
        """Readable dose, such as ``"800 mg daily"``, or ``""``."""
        return _core.option_dose_text(self._raw)

    @property
    def line(self):
        """Line of therapy the option belongs to, or None (refer, trial)."""
        return _core.option_line(self._raw) or None

    @property
    def summary(self):
        """One-line summary, such as ``"Increase imatinib to 800 mg daily"``."""
        return _core.option_summary(self._raw)

    @property
    def rationale(self):
        """Why this option."""
        return _core.option_rationale(self._raw)

    @property
    def evidence(self):
        """Evidence ids behind the option (resolve them with Pathway.evidence or Advice.references)."""
        return _ids(_core.option_evidence_count, _core.option_evidence, self._raw)

    def to_dict(self):
        """The option as plain data, with the field names of the advice JSON format."""
        agent = self.agent
        schedule = self.schedule
        return {
            "rank": self.rank,
            "action": self.action.value,
            "agent": agent.name if agent else None,
            "dose_mg": self.dose_mg,
            "schedule": schedule.value if schedule else "unspecified",
            "dose_text": self.dose_text,
            "line": self.line,
            "summary": self.summary,
            "rationale": self.rationale,
            "evidence": list(self.evidence),
        }

    def __repr__(self):
        return "<Option %d: %s [%s]>" % (self.rank, self.summary, ", ".join(self.evidence))


class Alert:
    """An alert: a warning or note a clinician should see, with its evidence."""

    __slots__ = ("_raw",)

    def __init__(self, raw):
        self._raw = raw

    @property
    def id(self):
        """Stable id, such as ``"P16-2.no-holidays"``."""
        return _core.alert_id(self._raw)

    @property
    def severity(self):
        """How urgent (a Severity)."""
        return from_c(Severity, _core.alert_severity(self._raw))

    @property
    def text(self):
        """The alert's text."""
        return _core.alert_text(self._raw)

    @property
    def evidence(self):
        """Evidence ids behind the alert."""
        return _ids(_core.alert_evidence_count, _core.alert_evidence, self._raw)

    def to_dict(self):
        """The alert as plain data, with the field names of the advice JSON format."""
        return {"id": self.id, "severity": self.severity.value, "text": self.text, "evidence": list(self.evidence)}

    def __repr__(self):
        return "<Alert %s (%s): %s>" % (self.id, self.severity.value, self.text)


class Rule:
    """One rule of a pathway: an id, a condition, and what it gives when the condition holds."""

    __slots__ = ("_raw",)

    def __init__(self, raw):
        self._raw = raw

    @property
    def id(self):
        """Rule id, unique in its pathway, such as ``"P16-4.escalate-to-800"``."""
        return _core.rule_id(self._raw)

    @property
    def kind(self):
        """What the rule does (a RuleKind)."""
        return from_c(RuleKind, _core.rule_kind_of(self._raw))

    @property
    def title(self):
        """One-line summary of the rule."""
        return _core.rule_title(self._raw)

    @property
    def rationale(self):
        """Why the rule says what it says."""
        return _core.rule_rationale(self._raw)

    @property
    def evidence(self):
        """Evidence ids of the rule."""
        return _ids(_core.rule_evidence_count, _core.rule_evidence, self._raw)

    @property
    def conditions(self):
        """The predicates that must all hold, readably, such as ``"regimen.dose_mg = 400"``."""
        return _ids(_core.rule_condition_count, _core.rule_condition, self._raw)

    @property
    def options(self):
        """The options the rule gives, best first (empty unless it recommends)."""
        raw = self._raw
        return tuple(Option(_core.rule_option(raw, i), i + 1) for i in range(_core.rule_option_count(raw)))

    @property
    def alerts(self):
        """The alerts the rule adds."""
        raw = self._raw
        return tuple(Alert(_core.rule_alert(raw, i)) for i in range(_core.rule_alert_count(raw)))

    def to_dict(self):
        """The rule as plain data."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "title": self.title,
            "conditions": list(self.conditions),
            "options": [o.to_dict() for o in self.options],
            "alerts": [a.to_dict() for a in self.alerts],
            "rationale": self.rationale,
            "evidence": list(self.evidence),
        }

    def __eq__(self, other):
        # The same rule of the same loaded pathway, however it was reached
        # (from the pathway, an advice's decision or its trace).
        if isinstance(other, Rule):
            return int(self._raw.this) == int(other._raw.this)
        return NotImplemented

    def __hash__(self):
        return hash(self.id)

    def __str__(self):
        return self.id

    def __repr__(self):
        return "<Rule %s (%s): %s>" % (self.id, self.kind.value, self.title)
