# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The agent registry: the drugs libgist knows, built in or extended by a registry file."""

import collections
import os

from . import _core
from ._enums import Schedule, from_c
from ._handle import _Handle

__all__ = ["Agent", "Registry", "StandardDose", "agents"]

StandardDose = collections.namedtuple("StandardDose", "dose_mg schedule text evidence")
StandardDose.__doc__ = """A standard GIST dose recorded for an agent, with the evidence id of its source.

dose_mg is the total daily dose; schedule a Schedule (or None when unstated)."""


def _strings(count, get, raw):
    return tuple(get(raw, i) for i in range(count(raw)))


class Agent:
    """An entry of an agent registry (a drug), such as ``Agent("Glivec")``.

    ``Agent(name)`` looks a name up in the built-in registry,
    case-insensitively: canonical name, synonym, brand name or ATC code. An
    unknown name raises NotFoundError (suggesting the closest known name), a
    name mentioning several agents AmbiguousNameError. Agents are immutable;
    those of the built-in registry live as long as the process and are one
    object each (``Agent("Glivec") is Agent("imatinib")``); those of a loaded
    Registry keep it alive.

    An agent compares equal to an agent of the same name (the same drug, in
    whichever registry) and to any name that looks it up in the built-in
    registry: ``Agent("imatinib") == "Gleevec"``. Its hash is its canonical
    name's, so in a dict or set mixing agents and strings use canonical names.
    """

    __slots__ = ("_raw", "_index", "_registry")
    _builtin = None

    def __new__(cls, name):
        if isinstance(name, Agent):
            return name
        if not isinstance(name, str):
            raise TypeError("agent name must be a str, not %s" % type(name).__name__)
        return cls._at(_core.agent_index(_core.agent_lookup(name)))

    @classmethod
    def lookup(cls, name):
        """The agent named ``name`` in the built-in registry (see the class documentation)."""
        return cls(name)

    @classmethod
    def _make(cls, raw, registry):
        agent = object.__new__(cls)
        agent._raw = raw
        agent._index = _core.agent_index(raw)
        agent._registry = registry
        return agent

    @classmethod
    def _at(cls, index):
        if cls._builtin is None:
            cls._builtin = tuple(cls._make(_core.agent_at(i), None) for i in range(_core.agent_count()))
        return cls._builtin[index]

    @classmethod
    def _from_raw(cls, raw):
        """The built-in agent for a raw agent of the built-in registry (pathways, patients, timelines)."""
        return None if raw is None else cls._at(_core.agent_index(raw))

    @classmethod
    def all(cls):
        """Every agent of the built-in registry, in registry order."""
        cls._at(0)
        return cls._builtin

    @property
    def name(self):
        """Canonical (international non-proprietary) name, lower case, such as ``"imatinib"``."""
        return _core.agent_name(self._raw)

    @property
    def index(self):
        """Position in its registry (a built-in agent has the same one in every registry)."""
        return self._index

    @property
    def registry(self):
        """The Registry the agent belongs to."""
        return self._registry if self._registry is not None else Registry.builtin()

    @property
    def atc(self):
        """Current WHO ATC code, such as ``"L01EA01"``, or None where the registry records none."""
        return _core.agent_atc(self._raw) or None

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
            return self is other or self.name == other.name
        if isinstance(other, str):
            try:
                return Agent(other).name == self.name
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
        if self._registry is not None:
            raise TypeError("an agent of a loaded registry cannot be pickled; pickle its name")
        return (Agent, (self.name,))


class Registry(_Handle):
    """A set of agents: the built-in registry, or one extended by a registry file.

    ``Registry.builtin()`` is the registry every pathway, patient and timeline
    uses. ``Registry.load(path)`` and ``Registry.parse(text)`` extend it (or
    another registry, ``base=``) with the agents and names of a registry file
    (docs/agents-format.md): new agents after the base's, more synonyms and
    brand names for known ones; errors name the file, line, column and field.
    A built-in agent has the same index in every registry. A registry is a
    sequence of its agents and a context manager; ``close()`` releases it
    (agents taken from it keep it alive).
    """

    __slots__ = ("_raw", "_agents", "__weakref__")
    _what = "registry"
    _caches = ("_agents",)
    _BUILTIN = None

    @classmethod
    def _wrap(cls, raw):
        self = object.__new__(cls)
        self._raw = raw
        self._agents = None
        return self

    @classmethod
    def builtin(cls):
        """The registry built into the library (lib/data/agents.json); never closed."""
        if cls._BUILTIN is None:
            cls._BUILTIN = _BuiltinRegistry._wrap(_core.registry_builtin())
        return cls._BUILTIN

    @classmethod
    def parse(cls, text, source=None, base=None):
        """The registry ``base`` (default: the built-in one) extended by registry JSON text (str or bytes)."""
        return cls._wrap(_core.registry_parse(cls._base(base), text, source))

    @classmethod
    def load(cls, path, base=None):
        """The registry ``base`` (default: the built-in one) extended by a registry file."""
        return cls._wrap(_core.registry_load(cls._base(base), os.fspath(path)))

    @staticmethod
    def _base(base):
        if base is None:
            return None
        if not isinstance(base, Registry):
            raise TypeError("base must be a Registry, not %s" % type(base).__name__)
        return base._live()

    def _all(self):
        raw = self._live()
        if self._agents is None:
            self._agents = tuple(Agent._make(_core.registry_agent(raw, i), self)
                                 for i in range(_core.registry_count(raw)))
        return self._agents

    def __len__(self):
        return _core.registry_count(self._live())

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self):
        return iter(self._all())

    def lookup(self, name):
        """The agent of this registry with any of its names or codes (NotFoundError, AmbiguousNameError)."""
        if not isinstance(name, str):
            raise TypeError("agent name must be a str, not %s" % type(name).__name__)
        return self._all()[_core.agent_index(_core.registry_lookup(self._live(), name))]

    def evidence(self, evidence_id):
        """The statement of an evidence id the registry's doses and schedules cite, or None."""
        return _core.registry_evidence_text(self._live(), evidence_id)

    def to_json(self, compact=False):
        """The whole registry in the registry file format."""
        return _core.registry_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def __repr__(self):
        if self._raw is None:
            return "<Registry (closed)>"
        return "<Registry of %d agents>" % len(self)


class _BuiltinRegistry(Registry):
    """The built-in registry: its agents are the process-wide Agent objects, and it is never closed."""

    __slots__ = ()

    def _all(self):
        return Agent.all()

    def close(self):
        """The built-in registry lives as long as the process: closing it does nothing."""

    def __repr__(self):
        return "<Registry of %d agents (built in)>" % len(self)


def agents(registry=None):
    """Every agent of a registry (default: the built-in one), in registry order (a tuple of Agent)."""
    return Agent.all() if registry is None else tuple(registry)
