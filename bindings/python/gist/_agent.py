# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The agent registry: the drugs libgist knows."""

import collections

from . import _core
from ._enums import Schedule, from_c

__all__ = ["Agent", "StandardDose", "agents"]

StandardDose = collections.namedtuple("StandardDose", "dose_mg schedule text evidence")
StandardDose.__doc__ = """A standard GIST dose recorded for an agent, with the evidence id of its source.

dose_mg is the total daily dose; schedule a Schedule (or None when unstated)."""


def _strings(count, get, raw):
    return tuple(get(raw, i) for i in range(count(raw)))


class Agent:
    """An entry of the agent registry (a drug), such as ``Agent("Glivec")``.

    ``Agent(name)`` looks a name up case-insensitively: canonical name,
    synonym, brand name or ATC code. An unknown name raises NotFoundError
    (suggesting the closest known name), a name mentioning several agents
    AmbiguousNameError. Agents are immutable and live as long as the process;
    ``Agent("Glivec") is Agent("imatinib")``.

    An agent compares equal to itself and to any name that looks it up:
    ``Agent("imatinib") == "Gleevec"``. Its hash is its canonical name's, so
    in a dict or set mixing agents and strings use canonical names.
    """

    __slots__ = ("_raw", "_index")
    _registry = None

    def __new__(cls, name):
        if isinstance(name, Agent):
            return name
        if not isinstance(name, str):
            raise TypeError("agent name must be a str, not %s" % type(name).__name__)
        return cls._at(_core.agent_index(_core.agent_lookup(name)))

    @classmethod
    def lookup(cls, name):
        """The agent named ``name`` (see the class documentation)."""
        return cls(name)

    @classmethod
    def _at(cls, index):
        if cls._registry is None:
            registry = []
            for i in range(_core.agent_count()):
                agent = object.__new__(cls)
                agent._raw = _core.agent_at(i)
                agent._index = i
                registry.append(agent)
            cls._registry = tuple(registry)
        return cls._registry[index]

    @classmethod
    def _from_raw(cls, raw):
        return None if raw is None else cls._at(_core.agent_index(raw))

    @classmethod
    def all(cls):
        """Every agent of the registry, in registry order."""
        cls._at(0)
        return cls._registry

    @property
    def name(self):
        """Canonical (international non-proprietary) name, lower case, such as ``"imatinib"``."""
        return _core.agent_name(self._raw)

    @property
    def index(self):
        """Position in the registry."""
        return self._index

    @property
    def atc(self):
        """Current WHO ATC code, such as ``"L01EA01"``."""
        return _core.agent_atc(self._raw)

    @property
    def atc_legacy(self):
        """Pre-2022 ATC code (L01XE...), or None if the agent had none."""
        return _core.agent_atc_legacy(self._raw) or None

    @property
    def rxnorm(self):
        """RxNorm ingredient RxCUI, or None where the code is not verified."""
        return _core.agent_rxnorm(self._raw) or None

    @property
    def drug_class(self):
        """Pharmacological class, such as ``"tyrosine kinase inhibitor"``."""
        return _core.agent_class(self._raw)

    @property
    def synonyms(self):
        """Synonyms: salts and development codes."""
        return _strings(_core.agent_synonym_count, _core.agent_synonym, self._raw)

    @property
    def brands(self):
        """Brand names."""
        return _strings(_core.agent_brand_count, _core.agent_brand, self._raw)

    @property
    def targets(self):
        """Molecular targets, such as ``("KIT", "PDGFRA", ...)``."""
        return _strings(_core.agent_target_count, _core.agent_target, self._raw)

    @property
    def doses(self):
        """Standard GIST doses stated by the project's sources (none for off-label agents)."""
        raw = self._raw
        return tuple(
            StandardDose(_core.agent_dose_mg(raw, i), from_c(Schedule, _core.agent_dose_schedule(raw, i)),
                         _core.agent_dose_text(raw, i), _core.agent_dose_evidence(raw, i))
            for i in range(_core.agent_dose_count(raw)))

    @property
    def max_daily_mg(self):
        """Largest daily dose in mg accepted as input (a plausibility bound, not advice)."""
        return _core.agent_max_daily_mg(self._raw)

    def check_dose(self, dose_mg):
        """Raise RangeError unless ``dose_mg`` is a plausible daily dose of this agent."""
        _core.agent_check_dose(self._raw, dose_mg)

    def to_dict(self):
        """The agent's entry as plain data."""
        return {
            "name": self.name, "atc": self.atc, "atc_legacy": self.atc_legacy, "rxnorm": self.rxnorm,
            "class": self.drug_class, "synonyms": list(self.synonyms), "brands": list(self.brands),
            "targets": list(self.targets), "max_daily_mg": self.max_daily_mg,
            "doses": [{"dose_mg": d.dose_mg, "schedule": d.schedule and d.schedule.value, "text": d.text,
                       "evidence": d.evidence} for d in self.doses],
        }

    def __eq__(self, other):
        if isinstance(other, Agent):
            return self is other
        if isinstance(other, str):
            try:
                return Agent(other) is self
            except (_core.NotFoundError, _core.AmbiguousNameError, _core.InvalidArgumentError,
                    _core.LimitError):
                return False
        return NotImplemented

    def __hash__(self):
        return hash(self.name)

    def __str__(self):
        return self.name

    def __repr__(self):
        return "Agent(%r)" % self.name

    def __reduce__(self):
        return (Agent, (self.name,))


def agents():
    """Every agent of the registry, in registry order (a tuple of Agent)."""
    return Agent.all()
