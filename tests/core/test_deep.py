"""A rubric 12 levels deep with 10,000 indicators scores and round-trips without recursion."""

from __future__ import annotations

import json
import math
from functools import cache

from pelayanan.model import (
    Evidence,
    Group,
    Indicator,
    Node,
    Rubric,
    rubric_from_data,
    rubric_to_data,
)
from pelayanan.model.rubric import walk
from pelayanan.scoring import score

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
    data = json.loads(json.dumps(rubric_to_data(rubric)))
    assert rubric_from_data(data) == rubric
