"""Units under assessment: agency -> service unit -> service product, or custom levels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

import attrs

from pelayanan._i18n import N_
from pelayanan._model.ids import check_unit_id
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.problems import Finding, InvalidValueError, Message, RuleError, suggest
from pelayanan._model.shape import shape

__all__ = ["Unit", "UnitLevel", "UnitTree"]


class UnitLevel:
    """The standard levels. Any other non-empty string is accepted as a custom level."""

    AGENCY = "agency"
    """Instansi: a ministry, agency, province, city or regency."""
    SERVICE_UNIT = "service_unit"
    """Unit layanan: an office, a dinas/OPD, a puskesmas."""
    SERVICE_PRODUCT = "service_product"
    """Produk layanan: one service (an ID card, a building permit)."""

    ALL = (AGENCY, SERVICE_UNIT, SERVICE_PRODUCT)


_ONE = Fraction(1)
"""The default unit weight."""


def _weight(value: object) -> Fraction:
    if value is _ONE:
        return _ONE  # the default, checked once here (units come by the ten thousand)
    weight = to_exact(value, what="unit weight")
    if weight <= 0:
        message = N_("unit weight: expected a positive number, got {weight}")
        raise InvalidValueError(Message(message, {"weight": exact_to_str(weight)}))
    return weight


@attrs.frozen
class Unit:
    """One unit of the tree.

    Attributes:
        id: unique within the tree; evidence refers to it.
        name: display name.
        level: one of :class:`UnitLevel` or a custom level name.
        parent: id of the parent unit, ``None`` for a root.
        weight: used only by the ``weighted_mean`` aggregation of its parent (default 1).
    """

    id: str = attrs.field(validator=check_unit_id)
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    level: str = attrs.field(default=UnitLevel.SERVICE_PRODUCT, validator=check_unit_id)
    parent: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_unit_id)
    )
    weight: Fraction = attrs.field(default=_ONE, converter=_weight, metadata=shape(omit="default"))


def _to_units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(value)


def unit_depths(units: dict[str, Unit]) -> tuple[dict[str, int], list[str]]:
    """The depth of every unit (a root is at depth 1), in time linear in the number of units.

    Each unit's parent chain is walked only up to the first unit already seen, so a
    10,000-unit chain costs 10,000 steps, not 50 million.

    Returns:
        ``(depths, cyclic)``: ``cyclic`` lists, in the order given, the units on a parent
        cycle or below one (they get no depth).
    """
    depths: dict[str, int] = {}
    broken: set[str] = set()
    for start in units:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in depths and current not in broken:
            if current in on_path:
                broken.update(path)  # the cycle and the chain that led into it
                break
            on_path.add(current)
            path.append(current)
            current = units[current].parent
        else:
            if current is not None and current in broken:
                broken.update(path)
                continue
            depth = 0 if current is None else depths[current]
            for unit_id in reversed(path):
                depth += 1
                depths[unit_id] = depth
    return depths, [unit_id for unit_id in units if unit_id in broken]


def unit_findings(units: Sequence[Unit | None]) -> list[Finding]:
    """Every rule a list of units breaks, placed by pointers into the list (``/3/parent``).

    Units that could not be read are given as ``None`` and skipped. The rules: ids are
    unique, parents are units of the list, the parents form no cycle, and no unit is deeper
    than ``Limits.max_tree_depth``. Linear in the number of units.
    """
    found: list[Finding] = []
    index: dict[str, int] = {}
    for i, unit in enumerate(units):
        if unit is not None and unit.id in index:
            message = N_("unit id {id!r} is used twice")
            see = f"/{index[unit.id]}"
            found.append(Finding(f"/{i}/id", message, see=see, values={"id": unit.id}))
        elif unit is not None:
            index[unit.id] = i
    limit = current_limits().max_tree_depth
    if limit >= 1 and all(unit is None or unit.parent is None for unit in units):
        return found  # roots only (a flat tree of thousands): no parent to miss, no cycle
    tree: dict[str, Unit] = {}
    for unit_id, i in index.items():
        unit = units[i]
        assert unit is not None
        if unit.parent is not None and unit.parent not in index:
            message = N_("parent {parent!r} is not a unit declared here{hint}")
            values = {"parent": unit.parent, "hint": suggest(unit.parent, index)}
            found.append(Finding(f"/{i}/parent", message, values=values))
            unit = attrs.evolve(unit, parent=None)  # a root, for the checks below
        tree[unit_id] = unit
    depths, cyclic = unit_depths(tree)
    found += _cycles(tree, cyclic, index)
    deepest = max(depths, key=depths.__getitem__, default=None)
    if deepest is not None and depths[deepest] > limit:
        message = N_(
            "unit {unit!r} is {depth} levels deep, more than the limit of {limit} (max_tree_depth)"
        )
        values = {"unit": deepest, "depth": depths[deepest], "limit": limit}
        found.append(Finding(f"/{index[deepest]}/parent", message, values=values))
    return found


def _cycles(tree: dict[str, Unit], cyclic: list[str], index: dict[str, int]) -> list[Finding]:
    """One finding per cycle of parents, at the first of its units in the list."""
    found: list[Finding] = []
    walked: set[str] = set()
    for start in cyclic:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in walked:
            walked.add(current)
            path.append(current)
            current = tree[current].parent
        if current is None or current not in path:
            continue  # leads into a cycle reported already
        cycle = path[path.index(current) :]
        first = min(cycle, key=index.__getitem__)
        cycle = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
        message = N_("the parents form a cycle: {cycle}")
        values = {"cycle": " -> ".join([*cycle, first])}
        found.append(Finding(f"/{index[first]}/parent", message, values=values))
    return found


def _check_tree(instance: UnitTree, attribute: attrs.Attribute[object], units: object) -> None:
    assert isinstance(units, tuple)
    for unit in units:
        if not isinstance(unit, Unit):
            raise TypeError(f"expected Unit objects, got {type(unit).__name__}")
    found = unit_findings(units)
    if found:
        raise RuleError(N_("invalid unit tree"), found)


@attrs.frozen
class UnitTree:
    """A forest of units with unique ids and no cycles, checked on construction.

    >>> tree = UnitTree([Unit("kota", "Kota Contoh", UnitLevel.AGENCY),
    ...                  Unit("dukcapil", "Disdukcapil", UnitLevel.SERVICE_UNIT, "kota")])
    >>> [u.id for u in tree.children("kota")]
    ['dukcapil']
    """

    units: tuple[Unit, ...] = attrs.field(converter=_to_units, validator=_check_tree)
    _by_id: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False)
    _children: dict[str | None, list[Unit]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_id = {unit.id: unit for unit in self.units}
        children: dict[str | None, list[Unit]] = {}
        for unit in self.units:
            children.setdefault(unit.parent, []).append(unit)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", children)

    @classmethod
    def flat(cls, ids: Iterable[str], level: str = UnitLevel.SERVICE_PRODUCT) -> UnitTree:
        """A tree of unrelated root units, one per id, named by their id."""
        return cls(Unit(unit_id, unit_id, level) for unit_id in dict.fromkeys(ids))

    def __getitem__(self, unit_id: str) -> Unit:
        try:
            return self._by_id[unit_id]
        except KeyError:
            raise KeyError(f"no unit with id {unit_id!r}") from None

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._by_id

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def roots(self) -> tuple[Unit, ...]:
        """Units without a parent, in the order given."""
        return tuple(self._children.get(None, ()))

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """Direct children of ``unit_id``, in the order given."""
        return tuple(self._children.get(unit_id, ()))

    def is_leaf(self, unit_id: str) -> bool:
        """Whether ``unit_id`` has no children (evidence is attached to leaves)."""
        return not self._children.get(unit_id)

    def leaves(self, unit_id: str | None = None) -> tuple[Unit, ...]:
        """Leaf units below ``unit_id`` (itself if it is a leaf), or of the whole tree."""
        start = self.roots() if unit_id is None else (self[unit_id],)
        return tuple(leaf for unit in start for leaf in self._below(unit, leaves=True))

    def post_order(self) -> tuple[Unit, ...]:
        """Every unit, children before their parent (the order scores are built in)."""
        return tuple(unit for root in self.roots() for unit in self._below(root, leaves=False))

    def _below(self, unit: Unit, *, leaves: bool) -> Iterator[Unit]:
        """The leaves below ``unit``, or every unit below it in post-order (a tree is at most
        ``Limits.max_tree_depth`` deep, so this recurses freely)."""
        kids = self._children.get(unit.id, ())
        for kid in kids:
            yield from self._below(kid, leaves=leaves)
        if not (leaves and kids):
            yield unit

    def subtree(self, unit_id: str) -> UnitTree:
        """``unit_id`` and every unit below it, as a tree whose root is ``unit_id``."""
        root = attrs.evolve(self[unit_id], parent=None)
        return UnitTree([root, *self._below(self[unit_id], leaves=False)][:-1])

    def path(self, unit_id: str) -> tuple[Unit, ...]:
        """From the root down to ``unit_id``."""
        chain = [self[unit_id]]
        while chain[-1].parent is not None:
            chain.append(self[chain[-1].parent])
        return tuple(reversed(chain))
