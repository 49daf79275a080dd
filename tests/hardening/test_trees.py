"""Issue 9, item 6: unit trees are checked in linear time, one depth bound covers unit trees,
rubrics and results, and whatever is written can be read back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pelayanan import (
    Evidence,
    Group,
    Indicator,
    Limits,
    Rubric,
    Unit,
    UnitTree,
    score,
    use_limits,
)
from pelayanan._documents import DocumentError, dump, load_assessment, load_text
from pelayanan._readers import read_units

from .conftest import deadline


def _chain(length: int) -> list[Unit]:
    return [Unit(f"u{i}", f"U{i}", parent=None if i == 0 else f"u{i - 1}") for i in range(length)]


@pytest.mark.usefixtures("english")
def test_a_long_parent_chain_is_refused_quickly() -> None:
    units = _chain(10_000)
    started = time.perf_counter()
    message = r"'u9999' is 10000 levels deep.*max_tree_depth"
    with deadline(10), pytest.raises(ValueError, match=message):
        UnitTree(units)
    # The old check walked every chain to the root (50 million steps, 45 s); this is linear.
    assert time.perf_counter() - started < 5


def test_the_depth_check_is_linear() -> None:
    # 200,000 units in chains of 12 (the deepest allowed): each unit's depth is found once.
    units = [
        Unit(f"c{c}-{i}", "x", parent=None if i == 0 else f"c{c}-{i - 1}")
        for c in range(200_000 // 12)
        for i in range(12)
    ]
    with deadline(20):
        assert len(UnitTree(units)) == len(units)


@pytest.mark.usefixtures("english")
def test_cycles_are_still_found() -> None:
    units = [Unit("a", "A", parent="c"), Unit("b", "B", parent="a"), Unit("c", "C", parent="b")]
    with pytest.raises(ValueError, match="the parents form a cycle: a -> c -> b -> a"):
        UnitTree(units)
    with pytest.raises(ValueError, match="the parents form a cycle: s -> s"):
        UnitTree([Unit("r", "R"), Unit("s", "S", parent="s")])


def test_the_bound_is_a_setting() -> None:
    units = _chain(13)
    with use_limits(Limits(max_tree_depth=13)):
        assert len(UnitTree(units)) == 13
    with pytest.raises(ValueError, match="max_tree_depth"):
        UnitTree(units)


def test_units_csv_with_a_deep_chain(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    lines = ["id,name,parent"] + [
        f"u{i},U{i},{'' if i == 0 else f'u{i - 1}'}" for i in range(10_000)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with deadline(10), pytest.raises(DocumentError, match="max_tree_depth"):
        read_units(path)


def _deepest(depth: int) -> tuple[Rubric, UnitTree]:
    node: Group | Indicator = Indicator("leaf", "Leaf")
    for level in range(depth - 1, 0, -1):
        node = Group(f"g{level}", f"G{level}", [node])
    rubric = Rubric("deep", "1", "Deep", [node])
    return rubric, UnitTree(_chain(depth))


def test_results_of_the_deepest_trees_are_written_and_read_back() -> None:
    depth = Limits().max_tree_depth
    rubric, tree = _deepest(depth)
    assessment = score(rubric, [Evidence(f"u{depth - 1}", "leaf", True)], tree)
    for fmt in ("json", "yaml"):
        text = dump(assessment, fmt)  # type: ignore[arg-type]
        again = load_assessment(load_text(text, format=fmt))  # type: ignore[arg-type]
        assert again == assessment


def test_a_result_deeper_than_the_bound_is_refused_when_read() -> None:
    with use_limits(Limits(max_tree_depth=14, max_depth=200)):
        rubric, tree = _deepest(14)
        assessment = score(rubric, [Evidence("u13", "leaf", True)], tree)
        text = dump(assessment, "json")
    with pytest.raises(DocumentError, match=r"max_tree_depth|nested more than"):
        load_assessment(load_text(text, format="json", limits=Limits(max_depth=200)))


def test_dump_refuses_what_could_not_be_read_back() -> None:
    with use_limits(Limits(max_tree_depth=20)):
        rubric, tree = _deepest(20)
        assessment = score(rubric, [Evidence("u19", "leaf", True)], tree)
        with pytest.raises(ValueError, match="max_depth"):
            dump(assessment, "json")


# Issue 9, item 5: a 179-byte rubric must not ask for a hundred million levels.
HUGE_SCALE = """\
id: r
version: "1"
title: R
scoring: {model: weighted_mean}
children:
  - id: g
    title: G
    children:
      - {id: a, title: A, scale: {type: ordinal, from: 0, to: 100000000}}
"""


def test_a_huge_ordinal_range_is_refused_before_any_level_is_made() -> None:
    from pelayanan._documents import load_rubric

    with deadline(5), pytest.raises(DocumentError) as caught:
        load_rubric(load_text(HUGE_SCALE))
    problem = caught.value.problems[0]
    assert problem.pointer == "/children/0/children/0/scale/to"
    assert problem.line == 9
    assert "100,000,001 levels" in problem.message
    assert "Limits.max_scale_levels" in problem.message


def test_scale_size_in_the_model_and_its_setting() -> None:
    from pelayanan import OrdinalScale
    from pelayanan._model import from_data

    with deadline(5), pytest.raises(ValueError, match="max_scale_levels"):
        OrdinalScale.from_range(0, 100_000_000)
    assert len(OrdinalScale.from_range(1, 10_000).levels) == 10_000
    with use_limits(Limits(max_scale_levels=4)):
        assert len(OrdinalScale.from_range(1, 4).levels) == 4
        with pytest.raises(ValueError, match="max_scale_levels"):
            OrdinalScale.from_range(0, 4)
    data = load_text(HUGE_SCALE).data
    with deadline(5), pytest.raises(ValueError, match="max_scale_levels") as caught:
        from_data(Rubric, data)
    assert "/children/0/children/0/scale/to" in str(caught.value)
