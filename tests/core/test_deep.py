"""A rubric 12 levels deep (the default limit) with 10,000 indicators scores and round-trips;
deeper rubrics are refused by the model."""

from __future__ import annotations

import json
import math
import sys
from functools import cache

import attrs
import pytest

from pelayanan._documents import dump, load_assessment, load_rubric
from pelayanan._model import (
    Evidence,
    Group,
    Indicator,
    Node,
    Rubric,
    content_hash,
    from_data,
    to_data,
)
from pelayanan._model.limits import MAX_TREE_DEPTH, Limits, current_limits, use_limits
from pelayanan._model.rubric import walk
from pelayanan._model.units import Unit, UnitTree
from pelayanan._scoring import score

# Children per node at each level: 1 top group, then alternately 2 and 1 groups, ending with
# four levels of 5. Level 12 holds 1x2x1x2x1x2x1x2x5x5x5x5 = 16 x 625 = 10,000 indicators.
BRANCHING = (1, 2, 1, 2, 1, 2, 1, 2, 5, 5, 5, 5)


@cache
def deep_rubric() -> Rubric:
    counter = iter(range(math.prod(BRANCHING)))

    def level(depth: int, path: str) -> list[Node]:
        count = BRANCHING[depth]
        if depth == len(BRANCHING) - 1:
            return [Indicator(f"i{next(counter):05d}", "leaf") for _ in range(count)]
        return [
            Group(f"g{path}.{n}", f"group {path}.{n}", level(depth + 1, f"{path}.{n}"))
            for n in range(count)
        ]

    return Rubric("test-deep", "1", "Deep", level(0, "0"))


def test_shape() -> None:
    rubric = deep_rubric()
    assert len(rubric.indicators()) == 10_000
    depth = max(len(ancestors) + 1 for _, ancestors in walk(rubric.children))
    assert depth == 12


def test_deep_rubric_scores() -> None:
    rubric = deep_rubric()
    # Indicator n is met unless n is a multiple of 4: 7,500 of 10,000 met. Every group has
    # the same shape and every weight is 1, so each indicator's share is exactly 1/10,000
    # and the hierarchical mean equals the plain share met: 7,500/10,000 x 100 = 75.
    evidence = [Evidence("u", ind.id, n % 4 != 0) for n, ind in enumerate(rubric.indicators())]
    card = score(rubric, evidence)["u"]
    assert card.score == 75
    assert card.coverage == 1
    assert card.evidence_count == 10_000
    # The breakdown reaches the bottom: i00001 (met) adds 100/10,000 = 1/100.
    assert card.node("i00001").contribution * 100 == 1
    assert card.node("i00000").contribution == 0


def test_deep_rubric_round_trips() -> None:
    rubric = deep_rubric()
    data = json.loads(json.dumps(to_data(rubric)))
    assert from_data(Rubric, data) == rubric


def _chain(levels: int) -> Rubric:
    """A rubric whose one indicator sits ``levels`` deep (``levels - 1`` nested groups)."""
    node: Node = Indicator("inti", "Inti")
    for level in range(levels - 1):
        node = Group(f"g{level}", f"Tingkat {level}", [node])
    return Rubric("test-chain", "1", "Chain", [node])


def test_the_deepest_allowed_rubric_scores_hashes_and_round_trips_as_a_document() -> None:
    limit = current_limits().max_tree_depth
    rubric = _chain(limit)
    assert max(len(ancestors) + 1 for _, ancestors in walk(rubric.children)) == limit
    card = score(rubric, [Evidence("u", "inti", True)])["u"]
    assert card.score == 100  # one met indicator: 1/1 x 100
    assert content_hash(rubric).startswith("sha256:")
    # Written and read back under the default document limits (nesting 64).
    assert load_rubric(json.loads(dump(rubric, "json"))) == rubric


@pytest.mark.usefixtures("english")
def test_a_rubric_deeper_than_the_limit_is_refused_when_built() -> None:
    # Before the limit a 13-deep rubric built, then could not be written or read back; a very
    # deep one built and then failed to score. Both are refused by the model, naming the limit.
    limit = current_limits().max_tree_depth
    with pytest.raises(ValueError, match=f"nested more than {limit} levels deep"):
        _chain(limit + 1)
    with pytest.raises(ValueError, match=f"nested more than {limit} levels deep"):
        _chain(sys.getrecursionlimit() + 100)  # the check itself does not recurse that deep


@pytest.mark.usefixtures("english")
def test_the_limit_is_the_one_in_limits() -> None:
    with use_limits(Limits(max_tree_depth=20)):
        assert _chain(20).indicators()[0].id == "inti"
    with use_limits(Limits(max_tree_depth=3)), pytest.raises(ValueError, match="3 levels"):
        _chain(4)


def _unit_chain(levels: int) -> UnitTree:
    """A unit tree ``levels`` deep, one unit per level."""
    top = Unit("u0", "Unit 0", "agency")
    return UnitTree(
        [top, *(Unit(f"u{k}", f"Unit {k}", "service_unit", f"u{k - 1}") for k in range(1, levels))]
    )


@pytest.mark.usefixtures("english")
def test_the_tree_depth_limit_stops_where_recursion_still_works() -> None:
    # Unit trees, rubrics, results and the documents written of them are walked by plain
    # recursion. A limit raised past what that can walk let a 1,200-deep unit tree build and
    # then fail to score (RecursionError in UnitTree.post_order), and a 100-deep unit tree
    # and rubric score and then fail to be written (RecursionError in dump). The limit now
    # stops at 64, where the deepest of both still scores, is written and read back.
    with pytest.raises(ValueError, match="max_tree_depth must be at most 64"):
        Limits(max_tree_depth=MAX_TREE_DEPTH + 1)
    with pytest.raises(ValueError, match="at most 64"):
        Limits().with_settings(["max_tree_depth=100"])
    deepest = Limits(max_tree_depth=MAX_TREE_DEPTH)
    with use_limits(attrs.evolve(deepest, max_depth=deepest.result_nesting())):
        tree = _unit_chain(MAX_TREE_DEPTH)
        assert len(tree.post_order()) == MAX_TREE_DEPTH
        rubric = _chain(MAX_TREE_DEPTH)
        bottom = f"u{MAX_TREE_DEPTH - 1}"
        result = score(rubric, [Evidence(bottom, "inti", True)], tree)
        assert result.cards[0].score == 100  # one met indicator, carried up unchanged
        assert load_assessment(json.loads(dump(result, "json"))) == result
