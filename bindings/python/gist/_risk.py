# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Risk of recurrence of a resected primary tumour: the risk tables held as data.

    >>> import gist
    >>> table = gist.RiskTable.builtin("joensuu-2008")
    >>> result = table.assess(site="stomach", size_cm=6, mitotic_count=3, mitotic_unit="per_50_hpf",
    ...                       rupture=False)
    >>> result.category, result.verification, result.cells[0].id
    (RiskCategory.INTERMEDIATE, Verification.UNVERIFIED, 'gastric.gt5-le10.le5')

Every fact may be left out: the result has a category only when every cell
compatible with the recorded facts gives that category; otherwise it is
``RiskCategory.UNDETERMINED`` and ``missing`` names the facts that would
decide it. The tables, their sources and what they leave out are described
in docs/risk.md.
"""

import math
import os

from . import _core
from ._enums import MitoticUnit, RiskCategory, TumourSite, Verification, from_c
from ._handle import _Handle

__all__ = ["RiskTable", "RiskCell", "RiskResult", "risk_tables", "assess_risk"]


def risk_tables():
    """Ids of the risk tables built into the library, such as ``["afip-miettinen-2006", "joensuu-2008"]``."""
    return [_core.risk_table_builtin_id(i) for i in range(_core.risk_table_builtin_count())]


def _text(value, what):
    """The machine name the C library reads for an enum member or a string."""
    if isinstance(value, (TumourSite, MitoticUnit)):
        return value.value
    if isinstance(value, str):
        return value
    raise TypeError("%s must be a str or its enum, not %s" % (what, type(value).__name__))


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


def _input(site=None, size_cm=None, mitotic_count=None, mitotic_unit=None, rupture=None):
    """The raw gist_risk_input for the facts given; the library checks every value."""
    raw = _core.new_risk_input()
    if site is not None:
        _core.risk_input_set(raw, "site", _text(site, "site"))
    if mitotic_unit is not None:
        _core.risk_input_set(raw, "mitotic_unit", _text(mitotic_unit, "mitotic_unit"))
    if size_cm is not None:
        _core.risk_input_size_cm_set(raw, _number(size_cm, "size_cm"))
    if mitotic_count is not None:
        _core.risk_input_mitotic_count_set(raw, _number(mitotic_count, "mitotic_count"))
    if rupture is not None:
        if not isinstance(rupture, bool):
            raise TypeError("rupture must be True, False or None, not %s" % type(rupture).__name__)
        _core.risk_input_set(raw, "rupture", "yes" if rupture else "no")
    return raw


def _percent(x):
    return None if math.isnan(x) else x


class RiskCell:
    """One cell of a risk table: its address, category, percentage, status and sources."""

    __slots__ = ("_raw",)

    def __init__(self, raw):
        self._raw = raw

    @property
    def id(self):
        """Cell id, unique in its table, such as ``"gastric.gt10.le5"``."""
        return _core.risk_cell_id(self._raw)

    @property
    def label(self):
        """Readable address, such as ``"gastric, > 10 cm, <= 5 mitoses per 50 HPF"``."""
        return _core.risk_cell_label(self._raw)

    @property
    def category(self):
        """The RiskCategory (UNDETERMINED for a cell left out)."""
        return from_c(RiskCategory, _core.risk_cell_category(self._raw))

    @property
    def percent(self):
        """The percentage the source gives for the cell, or None where the table gives none."""
        return _percent(_core.risk_cell_percent(self._raw))

    @property
    def verification(self):
        """Whether the cell was checked against the primary publication (a Verification)."""
        return from_c(Verification, _core.risk_cell_verification(self._raw))

    @property
    def left_out(self):
        """True when the sources conflict or could not be checked: the cell gives no category."""
        return bool(_core.risk_cell_left_out(self._raw))

    @property
    def note(self):
        """Why the cell is left out, or its notes, or ``""``."""
        return _core.risk_cell_note(self._raw)

    @property
    def sources(self):
        """Ids of the sources the cell cites (see RiskTable.sources)."""
        return tuple(_core.risk_cell_source(self._raw, i) for i in range(_core.risk_cell_source_count(self._raw)))

    def __repr__(self):
        return "<RiskCell %s: %s>" % (self.id, self.category)


class RiskTable(_Handle):
    """A risk table: immutable, shareable; ``assess()`` looks a tumour up in it.

    Get one with ``RiskTable.builtin(id)`` (see ``gist.risk_tables()``),
    ``RiskTable.load(path)`` or ``RiskTable.parse(text)``; loading validates
    the whole table (SchemaError, RangeError ... with file, line and column).
    """

    __slots__ = ("_raw", "__weakref__")
    _what = "risk table"

    def __init__(self, raw):
        self._raw = raw

    @classmethod
    def builtin(cls, id):
        """A table built into the library; NotFoundError for an unknown id."""
        if not isinstance(id, str):
            raise TypeError("risk table id must be a str, not %s" % type(id).__name__)
        return cls(_core.risk_table_builtin(id))

    @classmethod
    def load(cls, path):
        """Load and validate a table from a JSON file (format gist-risk/1, docs/risk.md)."""
        return cls(_core.risk_table_load(os.fspath(path)))

    @classmethod
    def parse(cls, text, source=None):
        """Load and validate a table from JSON text (str or bytes); ``source`` names it in errors."""
        return cls(_core.risk_table_parse(text, source))

    def assess(self, site=None, size_cm=None, mitotic_count=None, mitotic_unit=None, rupture=None):
        """The RiskResult for a tumour: ``site`` (a TumourSite or its name), ``size_cm`` (largest
        dimension), ``mitotic_count`` in ``mitotic_unit`` (a MitoticUnit or its name), ``rupture``
        (True or False). None, or leaving a fact out, records it as not known."""
        raw = _input(site, size_cm, mitotic_count, mitotic_unit, rupture)
        return RiskResult(_core.risk_assess(self._live(), raw))

    @property
    def id(self):
        """Table id, such as ``"joensuu-2008"``."""
        return _core.risk_table_id(self._live())

    @property
    def version(self):
        """Version of the table's data, such as ``"2026.1"``."""
        return _core.risk_table_version(self._live())

    @property
    def title(self):
        """One-line title."""
        return _core.risk_table_title(self._live())

    @property
    def description(self):
        """What the table measures, where its cells come from and what is left out."""
        return _core.risk_table_description(self._live())

    @property
    def evidence(self):
        """Evidence id of the publication the table encodes, such as ``"MIETTINEN-2006"``."""
        return _core.risk_table_evidence(self._live())

    @property
    def citation(self):
        """Citation of that publication."""
        return _core.risk_table_citation(self._live())

    @property
    def primary_seen(self):
        """Whether the primary publication was seen when the table was written."""
        return bool(_core.risk_table_primary_seen(self._live()))

    @property
    def mitotic_unit(self):
        """The unit of the table's mitotic counts (a MitoticUnit)."""
        return from_c(MitoticUnit, _core.risk_table_mitotic_unit(self._live()))

    @property
    def considers_rupture(self):
        """Whether the table takes tumour rupture into account."""
        return bool(_core.risk_table_considers_rupture(self._live()))

    @property
    def sources(self):
        """``{id: (citation, Verification)}`` for every source the cells cite."""
        raw = self._live()
        return {_core.risk_table_source_id(raw, i): (_core.risk_table_source_citation(raw, i),
                                                     from_c(Verification, _core.risk_table_source_verification(raw, i)))
                for i in range(_core.risk_table_source_count(raw))}

    @property
    def cells(self):
        """Every cell (RiskCell), the cells left out included, in file order."""
        raw = self._live()
        return tuple(RiskCell(_core.risk_table_cell(raw, i)) for i in range(_core.risk_table_cell_count(raw)))

    def to_text(self):
        """Every cell with its category, percentage, status and sources, and every source."""
        return _core.risk_table_to_text(self._live())

    def to_json(self, compact=False):
        """The table as JSON (str)."""
        return _core.risk_table_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def __repr__(self):
        if self._raw is None:
            return "<RiskTable (closed)>"
        return "<RiskTable %s %s>" % (self.id, self.version)


class RiskResult(_Handle):
    """The result of looking a tumour up: the category, the cells it came from, the table, and why."""

    __slots__ = ("_raw",)
    _what = "risk result"

    def __init__(self, raw):
        self._raw = raw

    @property
    def category(self):
        """The RiskCategory; UNDETERMINED when the table does not give one (see ``why``)."""
        return from_c(RiskCategory, _core.risk_result_category(self._live()))

    @property
    def verification(self):
        """VERIFIED only if every cell behind the category was verified and nothing was inferred."""
        return from_c(Verification, _core.risk_result_verification(self._live()))

    @property
    def table_id(self):
        """Id of the table the result came from."""
        return _core.risk_table_id(_core.risk_result_table(self._live()))

    @property
    def table_version(self):
        """Version of that table."""
        return _core.risk_table_version(_core.risk_result_table(self._live()))

    @property
    def evidence(self):
        """Evidence id of the table's publication."""
        return _core.risk_table_evidence(_core.risk_result_table(self._live()))

    @property
    def cells(self):
        """The cells compatible with the recorded facts (one when every fact the table uses is recorded)."""
        raw = self._live()
        return tuple(RiskCell(_core.risk_result_cell(raw, i)) for i in range(_core.risk_result_cell_count(raw)))

    @property
    def missing(self):
        """The facts, not recorded, that would decide an undetermined result (``"site"``, ``"size_cm"`` ...)."""
        raw = self._live()
        return tuple(_core.risk_result_missing(raw, i) for i in range(_core.risk_result_missing_count(raw)))

    @property
    def why(self):
        """Why the result is undetermined, with the step that would decide it; ``""`` otherwise."""
        return _core.risk_result_why(self._live())

    @property
    def notes(self):
        """Inferences the lookup made, facts the table does not consider, facts not recorded that did not matter."""
        raw = self._live()
        return tuple(_core.risk_result_note(raw, i) for i in range(_core.risk_result_note_count(raw)))

    def to_text(self):
        """The result in readable form for a clinician."""
        return _core.risk_result_to_text(self._live())

    def to_json(self, compact=False):
        """The result as JSON (str)."""
        return _core.risk_result_to_json(self._live(), _core.JSON_COMPACT if compact else 0)

    def __str__(self):
        return self.to_text()

    def __repr__(self):
        if self._raw is None:
            return "<RiskResult (closed)>"
        return "<RiskResult %s: %s>" % (self.table_id, self.category)


def assess_risk(site=None, size_cm=None, mitotic_count=None, mitotic_unit=None, rupture=None):
    """A RiskResult from every built-in table, in the order of ``risk_tables()``."""
    results = []
    for id in risk_tables():
        with RiskTable.builtin(id) as table:
            results.append(table.assess(site, size_cm, mitotic_count, mitotic_unit, rupture))
    return results
