"""The exactness law: scores are exact and do not depend on the scale of relative weights."""

from __future__ import annotations

from fractions import Fraction

import attrs
from hypothesis import strategies as st

from pelayanan._model.rubric import Group, Node
from pelayanan._scoring.base import ScoringModel
from pelayanan.testing._scoring_laws import Property
from pelayanan.testing._support import LawSetup, card_pairs, is_exact, map_siblings, number

__all__ = ["exactness_property", "weight_scaling"]


_SCALING = {
    "weighted_mean": "group",
    "points": "group",
    "flat": "global",
    "flat_unweighted": "group",
    "absolute": "group",
    "survey_index": "none",
}
"""How weights may be scaled without changing scores, per built-in model: the weights of
any one group's children (``group``), only all weights at once (``global``: the flat mean
compares indicators across groups), or not at all (``none``: SKM weights are absolute)."""


def weight_scaling(model: ScoringModel) -> str:
    """``group``, ``global`` or ``none``: a model's ``weight_scaling`` attribute, else the
    built-in table, else ``group``."""
    declared = getattr(model, "weight_scaling", None)
    return str(declared) if declared else _SCALING.get(model.name, "group")


def _factors() -> st.SearchStrategy[Fraction]:
    return st.one_of(
        st.integers(2, 10).map(Fraction), st.integers(1, 999).map(lambda n: Fraction(n, 100))
    )


def exactness_property(setup: LawSetup) -> Property:
    """Scores and coverage are exact rationals, and multiplying the weights of one group's
    children (``weight_scaling == "group"``, e.g. ``weighted_mean``) or of every node
    (``"global"``, e.g. ``flat``) by a positive constant changes no result. Models with
    absolute weights (``"none"``: ``survey_index``) are only checked for exact numbers."""
    rubric = setup.rubric
    scope = weight_scaling(setup.model())
    groups = [None, *(node for node in rubric.nodes() if isinstance(node, Group))]

    def prop(data: st.DataObject) -> None:
        case = setup.draw_case(data)
        base = setup.score(case)
        for card in base.walk():
            for what, value in (("score", card.score), ("coverage", card.coverage)):
                if value is not None and not is_exact(value):
                    setup.fail(f"unit {card.unit_id}: {what} {value!r} is not exact", case)
        if scope == "none":
            return
        factor = data.draw(_factors(), label="factor")
        chosen = None if scope == "global" else data.draw(st.sampled_from(groups), label="group")
        where = "every node" if scope == "global" else chosen.id if chosen else "the top level"
        resolved = rubric.resolve(dict(case.parameters))

        def scale(parent: Group | None, siblings: tuple[Node, ...]) -> tuple[Node, ...]:
            hit = scope == "global" or (parent is None if chosen is None else parent == chosen)
            if not hit:
                return siblings
            return tuple(_times(node, factor) for node in siblings)

        scaled = attrs.evolve(resolved, children=map_siblings(resolved.children, scale))
        for old, new in card_pairs(setup.score(case, resolved), setup.score(case, scaled)):
            if (old.score, old.coverage, old.band) != (new.score, new.coverage, new.band):
                setup.fail(
                    f"multiplying the weights of {where} by {number(factor)} changed unit "
                    f"{old.unit_id}'s score from {number(old.score)} to {number(new.score)} "
                    f"(coverage {number(old.coverage)} -> {number(new.coverage)})",
                    case,
                )

    return prop


def _times(node: Node, factor: Fraction) -> Node:
    assert isinstance(node.weight, Fraction), "weights are bound by rubric.resolve()"
    return attrs.evolve(node, weight=node.weight * factor)
