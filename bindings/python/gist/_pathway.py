# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Pathways: versioned sets of clinical rules, held as data."""

import collections
import collections.abc
import html
import os
from collections.abc import Mapping

from . import _core
from ._advice import Advice
from ._enums import _FROM_C, Outcome
from ._handle import _Handle
from ._patient import Patient
from ._rules import Rule

__all__ = ["Pathway", "Decision", "Decisions", "pathways"]

Decision = collections.namedtuple("Decision", "outcome rule")
Decision.__doc__ = """What Pathway.decide gives for one patient: the Outcome and the deciding
Rule (the nearest rule when none applied; None when undetermined)."""


class Decisions(collections.abc.Sequence):
    """The decisions for many patients (Pathway.decide), in their order.

    ``decisions[i]`` is a Decision; the columns ``outcomes`` (Outcome) and
    ``rules`` (Rule or None) hold the same, one entry per patient, and
    ``rule_ids`` the rules' ids, ready for a DataFrame::

        pandas.DataFrame({"outcome": d.outcomes, "rule": d.rule_ids})
    """

    __slots__ = ("outcomes", "rules")

    def __init__(self, outcomes, rules):
        self.outcomes = outcomes
        self.rules = rules

    @property
    def rule_ids(self):
        """The deciding rules' ids (None where there is none)."""
        ids = {id(None): None}
        for rule in self.rules:
            if id(rule) not in ids:
                ids[id(rule)] = rule.id
        return [ids[id(r)] for r in self.rules]

    def __len__(self):
        return len(self.outcomes)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Decisions(self.outcomes[index], self.rules[index])
        return Decision(self.outcomes[index], self.rules[index])

    def __eq__(self, other):
        if isinstance(other, Decisions):
            return self.outcomes == other.outcomes and self.rules == other.rules
        if isinstance(other, collections.abc.Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return "<Decisions for %d patients>" % len(self)


_OUTCOMES = _FROM_C[Outcome]


def pathways():
    """Ids of the pathways built into the library, such as ``["gist-2016"]``."""
    return [_core.pathway_builtin_id(i) for i in range(_core.pathway_builtin_count())]


class Pathway(_Handle):
    """A loaded pathway: immutable, shareable, with its rules, evidence and version.

    Get one with ``Pathway.builtin("gist-2016")``, ``Pathway.load(path)`` or
    ``Pathway.parse(text)``; loading validates the whole pathway and reports
    the file, line, column and field of the first problem (ParseError,
    SchemaError, PathwayError, ...). ``pathway.advise(patient)`` applies it.

    A pathway is a context manager; ``close()`` (idempotent) releases it.
    Advice, rules and options obtained from it stay valid afterwards.
    """

    __slots__ = ("_raw", "_rules", "__weakref__")
    _what = "pathway"
    _caches = ("_rules",)

    def __init__(self, raw):
        self._raw = raw
        self._rules = None

    @classmethod
    def builtin(cls, id):
        """A pathway built into the library (see gist.pathways()); NotFoundError for an unknown id."""
        if not isinstance(id, str):
            raise TypeError("pathway id must be a str, not %s" % type(id).__name__)
        return cls(_core.pathway_builtin(id))

    @classmethod
    def load(cls, path):
        """Load and validate a pathway from a JSON file (format: docs/pathway-format.md)."""
        return cls(_core.pathway_load(os.fspath(path)))

    @classmethod
    def parse(cls, text, source=None):
        """Load and validate a pathway from JSON text (str or bytes); ``source`` names it in errors."""
        return cls(_core.pathway_parse(text, source))

    # ---- advice ------------------------------------------------------------

    def advise(self, patient=None, **facts):
        """Apply the pathway to a patient and return its Advice.

        ``patient`` is a Patient or a mapping in the patient JSON format;
        alternatively give the facts as keyword arguments, as to Patient().
        Advising never fails on a valid patient: an unknown fact gives
        *undetermined* advice naming it, not an error."""
        if patient is None:
            patient = Patient(**facts)
        elif facts:
            raise TypeError("give a patient or keyword facts, not both")
        elif not isinstance(patient, Patient):
            if isinstance(patient, Mapping):
                patient = Patient.from_dict(patient)
            else:
                raise TypeError("patient must be a Patient or a mapping, not %s" % type(patient).__name__)
        raw_patient = patient._raw
        if raw_patient is None:
            raise ValueError("the patient is closed")
        return Advice(_core.advise(self._live(), raw_patient))

    def decide(self, patients):
        """The outcome and deciding rule for each of many patients, without building advice.

        Gives exactly the outcome and rule advise() would give, faster: a
        Decisions sequence in the order of ``patients`` (Patients), whose
        items are Decision(outcome, rule) and whose columns ``outcomes`` and
        ``rules`` suit a DataFrame."""
        raws = []
        for i, p in enumerate(patients):
            if not isinstance(p, Patient):
                raise TypeError("patients[%d] is not a Patient but %s" % (i, type(p).__name__))
            if p._raw is None:
                raise ValueError("patients[%d] is closed" % i)
            raws.append(p._raw)
        outcomes, raw_rules = _core.advise_batch(self._live(), raws)
        table = _OUTCOMES
        wrapped = {}
        for raw_rule in raw_rules:
            if raw_rule is not None and raw_rule not in wrapped:
                wrapped[raw_rule] = Rule(raw_rule)
        wrapped[None] = None
        return Decisions([table[o] for o in outcomes], [wrapped[r] for r in raw_rules])

    def advise_frame(self, frame):
        """Advice for a pandas DataFrame of patients: a DataFrame with the same index and the
        columns outcome, rule, option, agent, dose_mg, line and missing (gist._advice_frame).

        The columns of ``frame`` are the fields of the patient JSON format, nested ones named with
        dots (``regimen.agent``, ``regimen.dose_mg``); an empty cell is an unknown fact."""
        from ._advice_frame import advise_frame
        return advise_frame(self, frame)

    # ---- what the pathway says ---------------------------------------------

    @property
    def id(self):
        """Pathway id, such as ``"gist-2016"``."""
        return _core.pathway_id(self._live())

    @property
    def version(self):
        """Pathway version, such as ``"2016.1"`` (echoed in every advice)."""
        return _core.pathway_version(self._live())

    @property
    def title(self):
        """One-line title."""
        return _core.pathway_title(self._live())

    @property
    def description(self):
        """Scope, population and what the pathway does not cover."""
        return _core.pathway_description(self._live())

    @property
    def source(self):
        """Citation of the source the rules encode."""
        return _core.pathway_source(self._live())

    @property
    def evidence(self):
        """The evidence table: a dict of evidence id to statement and citation, in pathway order."""
        raw = self._live()
        return {_core.pathway_evidence_id(raw, i): _core.pathway_evidence_text(raw, i)
                for i in range(_core.pathway_evidence_count(raw))}

    @property
    def rules(self):
        """The rules in evaluation order (a tuple of Rule)."""
        rules = self._rules
        if rules is None:
            raw = self._live()
            rules = self._rules = tuple(Rule(_core.pathway_rule(raw, i))
                                        for i in range(_core.pathway_rule_count(raw)))
        return rules

    def rule(self, id):
        """The rule with id ``id``; KeyError if there is none."""
        raw = _core.pathway_rule_lookup(self._live(), id)
        if raw is None:
            raise KeyError(id)
        return Rule(raw)

    def table(self):
        """One row per rule, as flat dicts of strings and numbers (for a DataFrame or CSV):
        order, id, kind, title, conditions, options, alerts, evidence, rationale."""
        rows = []
        for n, rule in enumerate(self.rules, 1):
            rows.append({
                "order": n,
                "id": rule.id,
                "kind": rule.kind.value,
                "title": rule.title,
                "conditions": " and ".join(rule.conditions),
                "options": "; ".join(o.summary for o in rule.options),
                "alerts": "; ".join(a.id for a in rule.alerts),
                "evidence": ", ".join(rule.evidence),
                "rationale": rule.rationale,
            })
        return rows

    def to_dataframe(self):
        """The rules as a pandas DataFrame indexed by rule id (see table(); needs pandas)."""
        import pandas

        return pandas.DataFrame(self.table()).set_index("id")

    def to_json(self, compact=False):
        """The pathway in its file format, normalised (agents by canonical name, every field explicit)."""
        return _core.pathway_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def to_text(self):
        """The rules in readable form: condition, options, alerts, rationale and evidence of each."""
        return _core.pathway_to_text(self._live())

    def to_dot(self):
        """The pathway as a Graphviz DOT digraph: regimens as nodes, rules as transitions."""
        return _core.pathway_to_dot(self._live())

    def __repr__(self):
        if self._raw is None:
            return "<Pathway (closed)>"
        return "<Pathway %s %s: %s (%d rules)>" % (self.id, self.version, self.title, len(self.rules))

    def _repr_html_(self):
        if self._raw is None:
            return "<p>Pathway (closed)</p>"
        e = html.escape
        parts = ['<div class="gist-pathway"><p><strong>%s</strong> %s &mdash; %s</p>' % (
            e(self.id), e(self.version), e(self.title)),
            "<table><thead><tr><th>#</th><th>rule</th><th>kind</th><th>when</th><th>gives</th>"
            "<th>evidence</th></tr></thead><tbody>"]
        for row in self.table():
            parts.append("<tr><td>%d</td><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                         % (row["order"], e(row["id"]), e(row["kind"]), e(row["conditions"]),
                            e(row["options"] or row["title"]), e(row["evidence"])))
        parts.append("</tbody></table></div>")
        return "".join(parts)
