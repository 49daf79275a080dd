"""The unit tree: agency -> service unit -> service product, checked on construction."""

from __future__ import annotations

import pytest

from pelayanan._model import Unit, UnitLevel, UnitTree
from pelayanan._model.problems import RuleError

from .factories import city_tree


def test_city_tree_navigation() -> None:
    tree = city_tree()
    assert [u.id for u in tree.roots()] == ["kota"]
    assert [u.id for u in tree.children("kota")] == ["dinas-a", "dinas-b", "dinas-c"]
    assert [u.id for u in tree.leaves("kota")] == ["a1", "a2", "b1", "b2", "c1", "c2"]
    assert [u.id for u in tree.leaves("dinas-b")] == ["b1", "b2"]
    assert tree.is_leaf("c2")
    assert not tree.is_leaf("dinas-c")
    assert [u.id for u in tree.path("b2")] == ["kota", "dinas-b", "b2"]
    order = [u.id for u in tree.post_order()]
    # Children come before their parent.
    assert order.index("a1") < order.index("dinas-a") < order.index("kota")
    assert order[-1] == "kota"
    assert tree["dinas-a"].level == UnitLevel.SERVICE_UNIT
    assert "a1" in tree
    assert "zz" not in tree
    assert len(tree) == 10


@pytest.mark.usefixtures("english")
def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match=r"unit id 'a' is used twice"):
        UnitTree([Unit("a", "A"), Unit("b", "B"), Unit("a", "A again")])


@pytest.mark.usefixtures("english")
def test_unknown_parent_is_refused() -> None:
    with pytest.raises(RuleError, match=r"/1/parent: parent 'nowhere' is not a unit declared"):
        UnitTree([Unit("a", "A"), Unit("b", "B", parent="nowhere")])


@pytest.mark.usefixtures("english")
def test_cycle_is_refused() -> None:
    units = [
        Unit("root", "Root", UnitLevel.AGENCY),
        Unit("x", "X", parent="z"),
        Unit("y", "Y", parent="x"),
        Unit("z", "Z", parent="y"),
    ]
    with pytest.raises(RuleError, match=r"the parents form a cycle") as caught:
        UnitTree(units)
    # x's parent is z, z's is y, y's is x: one finding, at the first unit of the cycle
    [finding] = caught.value.findings
    assert finding.pointer == "/1/parent"
    assert finding.text() == "the parents form a cycle: x -> z -> y -> x"


@pytest.mark.usefixtures("english")
def test_self_parent_is_a_cycle() -> None:
    with pytest.raises(ValueError, match=r"/0/parent: the parents form a cycle: a -> a"):
        UnitTree([Unit("a", "A", parent="a")])


@pytest.mark.usefixtures("english")
def test_every_problem_is_reported_together() -> None:
    with pytest.raises(ValueError, match="used twice") as caught:
        UnitTree([Unit("a", "A"), Unit("a", "A"), Unit("b", "B", parent="ghost")])
    assert "ghost" in str(caught.value)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": ""}, "non-empty"),
        ({"id": " a"}, "surrounding spaces"),
        ({"weight": 0}, "positive"),
        ({"weight": "-1"}, "positive"),
    ],
)
def test_invalid_units(kwargs: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {"id": "a", "name": "A", **kwargs}
    with pytest.raises(ValueError, match=message):
        Unit(**fields)  # type: ignore[arg-type]


def test_custom_levels_and_flat_trees() -> None:
    unit = Unit("kec", "Kecamatan", level="kecamatan")
    assert unit.level == "kecamatan"
    tree = UnitTree.flat(["p", "q", "p"])
    assert [u.id for u in tree] == ["p", "q"]
    assert all(tree.is_leaf(u.id) for u in tree)


@pytest.mark.usefixtures("english")
def test_a_chain_into_a_cycle_reports_the_cycle_once() -> None:
    # q hangs below the cycle x -> y -> x; the cycle is reported once, at x (the first of
    # its units in the list), and q, which only leads into it, is not blamed.
    units = [Unit("q", "Q", parent="x"), Unit("x", "X", parent="y"), Unit("y", "Y", parent="x")]
    with pytest.raises(RuleError) as caught:
        UnitTree(units)
    assert [(f.pointer, f.text()) for f in caught.value.findings] == [
        ("/1/parent", "the parents form a cycle: x -> y -> x")
    ]
