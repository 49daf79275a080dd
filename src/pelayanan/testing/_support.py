"""Shared machinery of the laws: running a property, scoring a case, editing rubric trees."""

from __future__ import annotations

import json
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, NoReturn

import attrs
from hypothesis import HealthCheck, given
from hypothesis import settings as Settings
from hypothesis import strategies as st

from pelayanan._model.convert import to_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._model.rubric import Group, Node, Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import prepare
from pelayanan._scoring.errors import ScoringError
from pelayanan._scoring.models import BUILTIN_MODELS
from pelayanan.testing._evidence import Case, cases
from pelayanan.testing._serialisers import Serialiser
from pelayanan.testing._unit_strategies import unit_trees

__all__ = [
    "LawSetup",
    "first_difference",
    "map_siblings",
    "number",
    "result_bytes",
    "run_property",
]

_SUPPRESSED = (
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.filter_too_much,
)


def number(value: object) -> str:
    """A score or bound as text: exact fractions without loss, ``None`` as ``none``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return exact_to_str(value)
    return str(value)


def law_settings(user: Settings | None) -> Settings:
    """The settings a law runs under: the caller's (or the loaded profile), with no deadline,
    no example database (one property is shared by every rubric) and no speed health checks.
    """
    parent = user if user is not None else Settings()
    return Settings(
        parent,
        deadline=None,
        database=None,
        suppress_health_check=(*parent.suppress_health_check, *_SUPPRESSED),
    )


def run_property(prop: Callable[[st.DataObject], None], settings: Settings | None) -> None:
    """Run ``prop`` under Hypothesis; its AssertionError, shrunk, propagates."""

    @law_settings(settings)
    @given(st.data())
    def law(data: st.DataObject) -> None:
        prop(data)

    law()


@attrs.frozen
class LawSetup:
    """What every law needs: the rubric, its zone scheme, the model table and the units
    (and, for the round trip, the serialisers)."""

    law: str
    rubric: Rubric
    zone_scheme: ZoneScheme | None = None
    models: Mapping[str, ScoringModel] | None = None
    units: UnitTree | None = None
    serialisers: Sequence[Serialiser] | None = None

    def model(self) -> ScoringModel:
        """The rubric's scoring model (custom ``models`` first)."""
        return {**BUILTIN_MODELS, **(self.models or {})}[self.rubric.scoring.model]

    def check_usable(self) -> None:
        """Fail with a readable message when the rubric cannot be scored at all."""
        try:
            prepare(self.rubric, models=self.models, zone_scheme=self.zone_scheme)
        except (ScoringError, ValueError) as error:
            raise AssertionError(
                f"law {self.law!r}: rubric {self.rubric.ref} cannot be scored: {error}"
            ) from None

    def draw_case(self, data: st.DataObject, *, small: bool = False) -> Case:
        """A case for the rubric (units fixed when given; ``small``: at most three units)."""
        units = self.units
        if units is None and small:
            units = data.draw(unit_trees(max_agencies=1, max_units=1, max_products=1))
        return data.draw(cases(self.rubric, units), label="case")

    def score(
        self,
        case: Case,
        rubric: Rubric | None = None,
        evidence: Iterable[Evidence] | None = None,
        *,
        zone_scheme: bool = True,
    ) -> Assessment:
        """Score ``case`` (with another rubric or evidence if given).

        A scoring error becomes an AssertionError naming the case, so it shrinks like any
        other counterexample.
        """
        try:
            return case.score(
                self.rubric if rubric is None else rubric,
                zone_scheme=self.zone_scheme if zone_scheme else None,
                models=self.models,
                evidence=evidence,
            )
        except (ScoringError, ValueError) as error:
            self.fail(f"scoring failed: {error}", case, evidence)

    def fail(self, what: str, case: Case, evidence: Iterable[Evidence] | None = None) -> NoReturn:
        """Raise the law's AssertionError: what went wrong, then the case."""
        rubric = self.rubric
        head = (
            f"law {self.law!r} does not hold for rubric {rubric.ref} "
            f"(scoring model {rubric.scoring.model!r}):"
        )
        raise AssertionError(f"{head}\n{what}\n{case.describe(evidence)}")


def result_bytes(assessment: Assessment) -> bytes:
    """The result document, canonically: JSON with sorted keys, UTF-8."""
    data = to_data(assessment)
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


def card_pairs(first: Assessment, second: Assessment) -> Iterable[tuple[ScoreCard, ScoreCard]]:
    """Cards of two assessments of the same units, paired by unit."""
    others = {card.unit_id: card for card in second.walk()}
    for card in first.walk():
        yield card, others[card.unit_id]


def is_exact(value: object) -> bool:
    """Whether ``value`` is an exact rational (``Fraction`` or ``int``, not float/Decimal)."""
    return isinstance(value, numbers.Rational) and not isinstance(value, bool)


def first_difference(left: object, right: object, pointer: str = "") -> tuple[str, Any, Any] | None:
    """The JSON pointer of the first place two plain-data trees differ, with both values.

    Mappings that hold the same members in a different order differ at ``<pointer>/(order)``
    (the order of a rubric parameter's choices, for one, is part of the rubric).
    """
    found = _value_difference(left, right, pointer)
    return found if found is not None else _order_difference(left, right, pointer)


def _order_difference(left: object, right: object, pointer: str) -> tuple[str, Any, Any] | None:
    if isinstance(left, dict) and isinstance(right, dict):
        if list(left) != list(right):
            return f"{pointer}/(order)", list(left), list(right)
        pairs: Iterable[tuple[str, object, object]] = (
            (f"{pointer}/{key}", left[key], right[key]) for key in left
        )
    elif isinstance(left, list) and isinstance(right, list):
        pairs = (
            (f"{pointer}/{i}", a, b) for i, (a, b) in enumerate(zip(left, right, strict=False))
        )
    else:
        return None
    for where, a, b in pairs:
        found = _order_difference(a, b, where)
        if found:
            return found
    return None


def _value_difference(left: object, right: object, pointer: str) -> tuple[str, Any, Any] | None:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right), key=str):
            where = f"{pointer}/{key}"
            if key not in left or key not in right:
                return where, left.get(key, "(absent)"), right.get(key, "(absent)")
            found = _value_difference(left[key], right[key], where)
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list):
        for index, (a, b) in enumerate(zip(left, right, strict=False)):
            found = _value_difference(a, b, f"{pointer}/{index}")
            if found:
                return found
        if len(left) != len(right):
            return f"{pointer}/length", len(left), len(right)
        return None
    if left != right or type(left) is not type(right):
        return pointer or "/", left, right
    return None


def map_siblings(
    children: tuple[Node, ...],
    change: Callable[[Group | None, tuple[Node, ...]], tuple[Node, ...]],
    parent: Group | None = None,
) -> tuple[Node, ...]:
    """Rebuild a rubric tree bottom-up, letting ``change`` edit every list of siblings.

    ``change(parent, siblings)`` gets the (already rebuilt) children of ``parent`` (``None``
    for the rubric's top level) and returns the new list; a group left with no children is
    dropped from its own parent's list.
    """
    rebuilt: list[Node] = []
    for node in children:
        if isinstance(node, Group):
            kids = map_siblings(node.children, change, node)
            if kids:
                rebuilt.append(attrs.evolve(node, children=kids))
        else:
            rebuilt.append(node)
    return change(parent, tuple(rebuilt))
