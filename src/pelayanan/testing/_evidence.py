"""Strategies for evidence, and the :class:`Case` a law is checked on."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs
from hypothesis import strategies as st

from pelayanan._model.evidence import Evidence, EvidenceValue, Provenance
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import Combine, MissingPolicy
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.scales import BooleanScale, NumericScale, OrdinalScale, Scale
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import score
from pelayanan.testing._model_strategies import policies_for
from pelayanan.testing._unit_strategies import unit_trees

__all__ = ["Case", "cases", "corner_cases", "evidence_for", "higher_values", "values_for"]

_FIRST_DAY = dt.date(2024, 1, 1)


@functools.cache
def values_for(scale: Scale) -> st.SearchStrategy[EvidenceValue]:
    """Raw values ``scale`` accepts; shrinks to the bottom of the scale.

    Booleans are drawn as ``False``/``True``, ordinal values as their levels, numeric values
    on a grid of a hundredth of the scale's span.
    """
    if isinstance(scale, BooleanScale):
        return st.sampled_from([False, True])
    if isinstance(scale, OrdinalScale):
        return st.sampled_from([level.value for level in scale.levels])
    assert isinstance(scale, NumericScale)
    low, span = scale.minimum, scale.maximum - scale.minimum
    return st.integers(0, 100).map(lambda k: low + span * Fraction(k, 100))


def higher_values(scale: Scale, value: EvidenceValue) -> st.SearchStrategy[EvidenceValue]:
    """Raw values strictly above ``value`` on ``scale`` (nothing when it is at the top)."""
    current = scale.parse(value)
    if isinstance(scale, BooleanScale):
        return st.just(True) if current == 0 else st.nothing()
    if isinstance(scale, OrdinalScale):
        above = [level.value for level in scale.levels if level.value > current]
        return st.sampled_from(above) if above else st.nothing()
    if current >= scale.maximum:
        return st.nothing()
    room = scale.maximum - current
    return st.integers(1, 100).map(lambda k: current + room * Fraction(k, 100))


@functools.cache
def _choice(options: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


@st.composite
def evidence_for(
    draw: st.DrawFn,
    rubric: Rubric,
    units: UnitTree,
    *,
    missing: bool = True,
    not_applicable: bool = True,
    max_items: int = 3,
) -> tuple[Evidence, ...]:
    """Evidence for every leaf of ``units`` and every indicator of ``rubric``.

    For each (leaf, indicator) the strategy draws 1 to ``max_items`` values on the
    indicator's scale, or (when ``not_applicable`` and the indicator allows it) a
    not-applicable marker, or (when ``missing``) nothing at all. Items of an indicator
    combined by ``latest`` carry distinct collection dates. Shrinks to as few items as
    possible (gaps first, when allowed), each at the bottom of its scale, in rubric order.
    """
    items: list[Evidence] = []
    for unit in units.leaves():
        for indicator in rubric.indicators():
            kinds = ["missing"] if missing else []
            kinds.append("value")
            if not_applicable and indicator.allow_not_applicable:
                kinds.append("not_applicable")
            kind = draw(_choice(tuple(kinds)))
            if kind == "missing":
                continue
            if kind == "not_applicable":
                items.append(Evidence.not_applicable_for(unit.id, indicator.id))
                continue
            count = draw(st.integers(1, max_items))
            days: list[int | None] = [None] * count
            if indicator.combine is Combine.LATEST:
                days = list(
                    draw(st.lists(st.integers(0, 365), min_size=count, max_size=count, unique=True))
                )
            for day in days:
                when = None if day is None else _FIRST_DAY + dt.timedelta(days=day)
                value = draw(values_for(indicator.scale))
                items.append(
                    Evidence(unit.id, indicator.id, value, False, Provenance(collected_at=when))
                )
    return tuple(items)


def _value_text(item: Evidence) -> str:
    if item.not_applicable:
        text = "n/a"
    elif isinstance(item.value, bool):
        text = "true" if item.value else "false"
    elif isinstance(item.value, Fraction):
        text = exact_to_str(item.value)
    else:
        text = repr(item.value)
    when = item.provenance.collected_at
    return text if when is None else f"{text} (collected {when.isoformat()})"


def describe_evidence(evidence: Iterable[Evidence]) -> str:
    """One line per item, ``unit/indicator = value``."""
    lines = [f"  {item.unit}/{item.indicator} = {_value_text(item)}" for item in evidence]
    return "\n".join(lines) if lines else "  (none)"


def describe_units(units: UnitTree) -> str:
    """The tree on one line per root, e.g. ``a0 > [u0 > [p0, p1]]``."""

    def show(unit_id: str) -> str:
        unit = units[unit_id]
        kids = units.children(unit_id)
        weight = "" if unit.weight == 1 else f" (weight {exact_to_str(unit.weight)})"
        inner = ", ".join(show(kid.id) for kid in kids)
        return f"{unit_id}{weight}" + (f" > [{inner}]" if kids else "")

    return "\n".join(f"  {show(root.id)}" for root in units.roots())


@attrs.frozen
class Case:
    """One set of inputs a law is checked on.

    Attributes:
        units: the unit tree; evidence is attached to its leaves.
        evidence: the evidence items, in the order they are given to the engine.
        missing: the missing-evidence policy to score with (``None``: the rubric's own).
        parameters: the rubric parameter choices to score with.
    """

    units: UnitTree
    evidence: tuple[Evidence, ...]
    missing: MissingPolicy | None = None
    parameters: tuple[tuple[str, str], ...] = ()

    def score(
        self,
        rubric: Rubric,
        *,
        zone_scheme: ZoneScheme | None = None,
        models: Mapping[str, ScoringModel] | None = None,
        evidence: Iterable[Evidence] | None = None,
    ) -> Assessment:
        """Score ``rubric`` on this case (or on other ``evidence`` with the same settings)."""
        return score(
            rubric,
            self.evidence if evidence is None else evidence,
            self.units,
            zone_scheme=zone_scheme,
            parameters=dict(self.parameters),
            missing=self.missing,
            models=models,
        )

    def describe(self, evidence: Iterable[Evidence] | None = None) -> str:
        """The case as text for a failure message."""
        policy = "the rubric's" if self.missing is None else self.missing.value
        parts = [f"units:\n{describe_units(self.units)}"]
        if self.parameters:
            chosen = ", ".join(f"{name}={choice}" for name, choice in self.parameters)
            parts.append(f"parameters: {chosen}")
        parts.append(f"missing policy: {policy}")
        shown = self.evidence if evidence is None else tuple(evidence)
        parts.append(f"evidence:\n{describe_evidence(shown)}")
        return "\n".join(parts)


def _at(scale: Scale, top: bool) -> EvidenceValue:
    """The raw value at the bottom (or top) of ``scale``."""
    if isinstance(scale, BooleanScale):
        return top
    return scale.maximum if top else scale.minimum


def _corner(indicator: Indicator, top: bool) -> Evidence:
    """One item for ``a0`` at an end of the indicator's scale (dated, for ``latest``)."""
    when = Provenance(collected_at=_FIRST_DAY)
    return Evidence("a0", indicator.id, _at(indicator.scale, top), False, when)


def gap_policies(rubric: Rubric) -> list[MissingPolicy]:
    """``zero`` and ``exclude``, less any the rubric's built-in model refuses."""
    return policies_for(rubric.scoring.model, (MissingPolicy.ZERO, MissingPolicy.EXCLUDE))


def corner_cases(rubric: Rubric) -> list[Case]:
    """Cases at the ends of every scale, for one unit ``a0``: every indicator at the bottom,
    every one at the top, and (with the policies that allow gaps) each indicator alone at
    the bottom and at the top, under every parameter choice. Scores reach their extremes
    here, so :func:`~pelayanan.testing.laws.bounds` checks them all before its search.
    """
    units = UnitTree.flat(["a0"])
    indicators = rubric.indicators()
    choices: list[tuple[tuple[str, str], ...]] = [()]
    choices += [((p.id, name),) for p in rubric.parameters for name in p.names()]
    gaps = gap_policies(rubric)
    if rubric.missing is not MissingPolicy.ERROR:
        gaps = [rubric.missing]
    found: list[Case] = []
    for chosen in choices:
        for top in (False, True):
            every = tuple(_corner(i, top) for i in indicators)
            found.append(Case(units, every, None, chosen))
            found += [
                Case(units, (_corner(i, top),), policy, chosen)
                for policy in gaps
                for i in indicators
            ]
    return found


@st.composite
def cases(draw: st.DrawFn, rubric: Rubric, units: UnitTree | None = None) -> Case:
    """A :class:`Case` for ``rubric``: a unit tree (unless given), parameter choices, a
    missing policy and evidence. Evidence has gaps only when the policy allows them.
    """
    tree = units if units is not None else draw(unit_trees())
    parameters = tuple(
        (parameter.id, draw(st.sampled_from(parameter.names()))) for parameter in rubric.parameters
    )
    missing: MissingPolicy | None = None
    if rubric.missing is MissingPolicy.ERROR:
        missing = draw(st.sampled_from([None, *gap_policies(rubric)]))
    gaps = (missing or rubric.missing) is not MissingPolicy.ERROR
    evidence = draw(evidence_for(rubric, tree, missing=gaps))
    return Case(tree, evidence, missing, parameters)
