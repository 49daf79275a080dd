"""The steps that rebuild a rubric's tree for an overlay, and :class:`TailoringError`.

Private to :mod:`pelayanan._model.tailoring`, which re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from pelayanan._i18n import N_, gettext
from pelayanan._model.metadata import Change
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.policies import ParamRef
from pelayanan._model.problems import Finding, Message, PelayananError, pointer_join
from pelayanan._model.rubric import Group, Node, Rubric, Weight, walk
from pelayanan._model.tailoring._overlay import Overlay

__all__ = ["NEW_ID_USED", "Tailor", "TailoringError"]

NEW_ID_USED = N_("the new id {name!r} is already used")


class TailoringError(PelayananError, ValueError):
    """An overlay that cannot be applied; ``findings`` lists every reason found.

    ``overlay`` and ``rubric`` are the ``id@version`` of the overlay and of the base rubric.
    Each finding is placed by a JSON pointer into the overlay's document (``""`` for the
    overlay as a whole); ``problems`` gives them in words, ``pointer: message``.
    """

    def __init__(self, overlay: str, rubric: str, problems: Iterable[Finding | str]) -> None:
        self.overlay, self.rubric = overlay, rubric
        self.findings = tuple(
            problem if isinstance(problem, Finding) else Finding("", problem)
            for problem in problems
        )
        super().__init__(overlay, rubric, self.findings)

    @property
    def problems(self) -> tuple[str, ...]:
        """Each finding in words (``pointer: message``), in the language in force."""
        return tuple(str(f) if f.pointer else f.text() for f in self.findings)

    def __str__(self) -> str:
        return gettext("overlay {overlay} cannot be applied to rubric {rubric}: {problems}").format(
            overlay=self.overlay, rubric=self.rubric, problems="; ".join(self.problems)
        )

    def __reduce__(self) -> tuple[type[TailoringError], tuple[str, str, tuple[Finding, ...]]]:
        return type(self), (self.overlay, self.rubric, self.findings)


def _weight_text(weight: Weight) -> str:
    return f"param {weight.name!r}" if isinstance(weight, ParamRef) else exact_to_str(weight)


def _with_children(group: Group, kids: tuple[Node, ...]) -> Group:
    same = len(kids) == len(group.children) and all(
        new is old for new, old in zip(kids, group.children, strict=True)
    )
    return group if same else attrs.evolve(group, children=kids)


Visit = Callable[[Node, tuple[Node, ...] | None], Node | None]
"""Called bottom-up with a node and its rebuilt children (``None`` for an indicator)."""


def _rebuild(nodes: tuple[Node, ...], visit: Visit) -> tuple[Node, ...]:
    """Rebuild a forest bottom-up; ``visit`` returns ``None`` to remove a node."""
    built: list[Node] = []
    for node in nodes:
        kids = _rebuild(node.children, visit) if isinstance(node, Group) else None
        new = visit(node, kids)
        if new is not None:
            built.append(new)
    return tuple(built)


class Tailor:
    """Applies one overlay step by step, recording changes and problems."""

    def __init__(self, rubric: Rubric, overlay: Overlay, source: str) -> None:
        self.rubric, self.overlay, self.source = rubric, overlay, source
        self.children = rubric.children
        self.changes: list[Change] = []
        self.problems: list[Finding] = []
        self.gone: dict[str, Message] = {}

    def record(self, target: str, action: str, detail: str) -> None:
        self.changes.append(Change(target, action, self.source, detail))

    def present(self, step: str, ids: Iterable[str]) -> set[str]:
        """The ids still in the tree; complain about the others, which earlier steps removed."""
        here = {node.id for node, _ in walk(self.children)}
        for index, name in enumerate(ids):
            if name not in here:
                key: str | int = index if step in ("select", "drop") else name
                why = self.gone.get(name, Message(N_("is not present")))
                where = pointer_join(f"/{step}", key)
                values = {"name": name, "why": why}
                self.problems.append(Finding(where, N_("{name!r} {why}"), values=values))
        return here & set(ids)

    def remove(self, step: str, visit: Visit) -> None:
        before = {node.id for node, _ in walk(self.children)}
        children = _rebuild(self.children, visit)
        if not children:
            self.problems.append(Finding("", N_("the overlay removes every indicator")))
            raise TailoringError(self.overlay.ref, self.rubric.ref, self.problems)
        self.children = children
        after = {node.id for node, _ in walk(children)}
        removed = Message(N_("was already removed by {step}"), {"step": step})
        self.gone.update((name, removed) for name in before - after)

    def select(self) -> None:
        chosen = self.present("select", self.overlay.select)
        if not self.overlay.select:
            return
        covered: set[int] = set()

        def cover(nodes: tuple[Node, ...], inherited: bool) -> None:
            for node in nodes:
                if inherited or node.id in chosen:
                    covered.add(id(node))
                if isinstance(node, Group):
                    cover(node.children, id(node) in covered)

        cover(self.children, False)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if id(node) in covered:
                return node
            if isinstance(node, Group) and kids:
                return _with_children(node, kids)
            what = "not selected" if kids is None else "none of its indicators was selected"
            self.record(node.id, "select", f"removed: {what}")
            return None

        self.remove("select", visit)

    def drop(self) -> None:
        dropped = self.present("drop", self.overlay.drop)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if node.id in dropped:
                self.record(node.id, "drop", "removed")
                return None
            if isinstance(node, Group):
                if kids:
                    return _with_children(node, kids)
                self.record(node.id, "drop", "removed: all its children were dropped")
                return None
            return node

        if dropped:
            self.remove("drop", visit)

    def substitute(self) -> None:
        table = dict(self.overlay.substitute)
        wanted = self.present("substitute", table)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if isinstance(node, Group):
                assert kids is not None
                return _with_children(node, kids)
            if node.id not in wanted:
                return node
            new = table[node.id]
            weight = node.weight if new.weight is None else new.weight
            detail = f"{node.id} -> {new.id}"
            if weight != node.weight:
                detail += f"; weight {_weight_text(node.weight)} -> {_weight_text(weight)}"
            if new.scale is not None and new.scale != node.scale:
                detail += "; new scale"
            if new.points is not None and new.points != node.points:
                detail += f"; points -> {exact_to_str(new.points)}"
            self.record(node.id, "substitute", detail)
            self.gone[node.id] = Message(
                N_("was replaced by {name!r} (substitute)"), {"name": new.id}
            )
            return attrs.evolve(
                node,
                id=new.id,
                title=new.title,
                scale=node.scale if new.scale is None else new.scale,
                weight=weight,
                points=node.points if new.points is None else new.points,
                description=new.description,
            )

        if wanted:
            self.children = _rebuild(self.children, visit)

    def add(self) -> None:
        """Insert the overlay's new indicators, each at the end of its group (or the top)."""
        from pelayanan._model.rubric import Indicator
        from pelayanan._model.scales import BooleanScale

        if not self.overlay.add:
            return
        here = {node.id: node for node, _ in walk(self.children)}
        extra: dict[str | None, list[Node]] = {}
        for index, new in enumerate(self.overlay.add):
            pointer = pointer_join("/add", index)
            if new.id in here:
                where = pointer_join(pointer, "id")
                self.problems.append(Finding(where, NEW_ID_USED, values={"name": new.id}))
                continue
            if new.into is not None and not isinstance(here.get(new.into), Group):
                message = (
                    N_("{base} has no group {name!r}")
                    if new.into not in here
                    else N_("{name!r} is an indicator, not a group")
                )
                values = {"base": self.rubric.ref, "name": new.into}
                self.problems.append(Finding(pointer_join(pointer, "into"), message, values=values))
                continue
            indicator = Indicator(
                new.id,
                new.title,
                new.scale if new.scale is not None else BooleanScale(),
                new.weight,
                new.points,
                description=new.description,
            )
            extra.setdefault(new.into, []).append(indicator)
            detail = f"added to {new.into or 'the top level'}, weight {_weight_text(new.weight)}"
            if new.points is not None:
                detail += f", points {exact_to_str(new.points)}"
            self.record(new.id, "add", detail)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            if not isinstance(node, Group):
                return node
            assert kids is not None
            more = tuple(extra.get(node.id, ()))
            return _with_children(node, kids + more)

        self.children = _rebuild(self.children, visit) + tuple(extra.get(None, ()))

    def edit(self, step: str, table: Mapping[str, Any], field: str) -> None:
        """Set ``field`` (``title`` or ``weight``) of every node named in ``table``."""
        wanted = self.present(step, table)

        def visit(node: Node, kids: tuple[Node, ...] | None) -> Node | None:
            new = _with_children(node, kids) if isinstance(node, Group) and kids else node
            if node.id not in wanted or getattr(node, field) == table[node.id]:
                return new
            before, after = getattr(node, field), table[node.id]
            if field == "title":
                detail = f"title {before.get()!r} -> {after.get()!r}"
            else:
                detail = f"weight {_weight_text(before)} -> {_weight_text(after)}"
            self.record(node.id, step, detail)
            return attrs.evolve(new, **{field: after})

        if wanted:
            self.children = _rebuild(self.children, visit)
