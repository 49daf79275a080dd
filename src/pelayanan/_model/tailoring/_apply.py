"""Applying an overlay: :func:`apply_overlay`.

Private to :mod:`pelayanan._model.tailoring`, which re-exports the public names.
"""

from __future__ import annotations

from typing import Any

import attrs

from pelayanan._i18n import N_
from pelayanan._model.policies import ParamRef
from pelayanan._model.problems import Finding, listing, pointer_join, suggest
from pelayanan._model.rubric import Group, Rubric
from pelayanan._model.tailoring._overlay import Overlay
from pelayanan._model.tailoring._steps import NEW_ID_USED, Tailor, TailoringError

__all__ = ["apply_overlay", "overlay_findings"]


def overlay_findings(rubric: Rubric, overlay: Overlay) -> list[Finding]:
    """Every rule ``overlay`` breaks against its base ``rubric``, found before any step runs.

    Each finding is placed by a JSON pointer into the overlay's document (``/drop/0``,
    ``/substitute/<id>/id``, ``/parameters/<name>``), so that a document names the line:
    this is the one place these rules live (the documents layer only places the findings).
    What depends on the order of the steps (an id an earlier step removed, an added id
    already in use) is found while the steps run, see :func:`apply_overlay`.
    """
    found: list[Finding] = []
    ref = rubric.ref

    def at(pointer: str, message: str, **values: object) -> None:
        found.append(Finding(pointer, message, values={"base": ref, **values}))

    if overlay.base_id != rubric.id or overlay.base_version not in (None, rubric.version):
        message = N_("the overlay is for {name!r}, but the base given is {base!r}")
        at("/base", message, name=overlay.base)
    if overlay.ref == ref:
        at(
            "/version",
            N_("the tailored rubric needs its own id or version, not the base's ({base})"),
        )
    nodes = {node.id: node for node in rubric.nodes()}

    def unknown(pointer: str, name: str) -> None:
        message = N_("{base} has no group or indicator {name!r}{hint}")
        at(pointer, message, name=name, hint=suggest(name, nodes))

    for key, names in (("select", overlay.select), ("drop", overlay.drop)):
        for index, name in enumerate(names):
            if name not in nodes:
                unknown(pointer_join(f"/{key}", index), name)
    new_ids = [new.id for _, new in overlay.substitute] + [new.id for new in overlay.add]
    for old, new in overlay.substitute:
        pointer = pointer_join("/substitute", old)
        if old not in nodes:
            unknown(pointer, old)
        elif isinstance(nodes[old], Group):
            at(pointer, N_("{name!r} is a group; only an indicator can be substituted"), name=old)
        if new.id != old and new.id in nodes:
            at(pointer_join(pointer, "id"), NEW_ID_USED, name=new.id)
        if new_ids.count(new.id) > 1:
            message = N_("the new id {name!r} is given more than once")
            at(pointer_join(pointer, "id"), message, name=new.id)
    for key, pairs in (("rename", overlay.rename), ("reweight", overlay.reweight)):
        for name, _ in pairs:
            if name not in nodes and name not in new_ids:
                unknown(pointer_join(f"/{key}", name), name)
    declared = {parameter.id: parameter for parameter in rubric.parameters}
    for name, weight in overlay.reweight:
        if isinstance(weight, ParamRef) and weight.name not in declared:
            at(
                pointer_join("/reweight", name, "param"),
                N_("{base} declares no parameter {name!r} (declared: {declared})"),
                name=weight.name,
                declared=listing(declared),
            )
    for name, choice in overlay.parameters:
        pointer = pointer_join("/parameters", name)
        if name not in declared:
            message = N_("{base} declares no parameter {name!r}{hint}")
            at(pointer, message, name=name, hint=suggest(name, declared))
        elif choice not in declared[name].names():
            message = N_("{choice!r} is not one of the choices {choices}")
            at(pointer, message, choice=choice, choices=listing(declared[name].names()))
    return found


def apply_overlay(rubric: Rubric, overlay: Overlay, *, source: str | None = None) -> Rubric:
    """The rubric tailored by ``overlay``.

    Steps run in this order: select, drop, substitute, add, rename, reweight, zone scheme,
    parameters. ``rename`` and ``reweight`` may name an indicator by its substituted id or
    an added one's id.
    The result is named ``overlay.id``/``overlay.version``, keeps the base's title unless
    the overlay gives one, records ``metadata.base`` (the first base when overlays are
    chained) and appends one :class:`Change` per changed item, with ``source`` (default:
    the overlay's id) as its source. Parameter choices are pinned in ``parameter_values``;
    weights stay parameter references until the rubric is resolved for scoring.

    Raises:
        TailoringError: (a :class:`ValueError`) listing every problem, each a
            :class:`~pelayanan._model.problems.Finding` placed in the overlay's document: a
            base that does not match, unknown ids, ids removed by
            an earlier step, an added id already in use, a removed rubric (every indicator
            dropped), undeclared parameters or choices that are not allowed.
    """
    problems = overlay_findings(rubric, overlay)
    if problems:
        raise TailoringError(overlay.ref, rubric.ref, problems)
    tailor = Tailor(rubric, overlay, source or overlay.id)
    tailor.select()
    tailor.drop()
    tailor.substitute()
    tailor.add()
    tailor.edit("rename", dict(overlay.rename), "title")
    tailor.edit("reweight", dict(overlay.reweight), "weight")
    zone_scheme = rubric.zone_scheme
    if overlay.zone_scheme is not None and overlay.zone_scheme != zone_scheme:
        tailor.record(
            "zone_scheme", "zone_scheme", f"{zone_scheme or '(none)'} -> {overlay.zone_scheme}"
        )
        zone_scheme = overlay.zone_scheme
    values = dict(rubric.parameter_values)
    for name, choice in overlay.parameters:
        before = values.get(name, f"{rubric.parameter(name).default} (default)")
        if values.get(name) != choice:
            tailor.record(name, "parameter", f"{before} -> {choice}")
        values[name] = choice
    if tailor.problems:
        raise TailoringError(overlay.ref, rubric.ref, tailor.problems)
    meta = rubric.metadata
    history: dict[str, Any] = {
        "base": meta.base or rubric.ref,
        "changes": meta.changes + tuple(tailor.changes),
        "notes": meta.notes + overlay.notes,
    }
    metadata = attrs.evolve(meta, **history)
    try:
        return attrs.evolve(
            rubric,
            id=overlay.id,
            version=overlay.version,
            title=overlay.title or rubric.title,
            children=tailor.children,
            zone_scheme=zone_scheme,
            parameter_values=values,
            metadata=metadata,
        )
    except ValueError as error:
        raise TailoringError(overlay.ref, rubric.ref, [str(error)]) from None
