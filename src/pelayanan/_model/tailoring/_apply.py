"""Applying overlays: :func:`apply_overlay` and :func:`apply_overlays`.

Private to :mod:`pelayanan._model.tailoring`, which re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from pelayanan._model.policies import ParamRef
from pelayanan._model.rubric import Group, Rubric
from pelayanan._model.tailoring._overlay import Overlay
from pelayanan._model.tailoring._steps import Tailor, TailoringError

__all__ = ["apply_overlay", "apply_overlays"]


def _check(rubric: Rubric, overlay: Overlay) -> list[str]:
    """Problems found before any step runs: base, unknown ids, parameters, id clashes."""
    problems: list[str] = []
    if overlay.base_id != rubric.id or overlay.base_version not in (None, rubric.version):
        problems.append(f"the overlay's base is {overlay.base!r}, not {rubric.ref!r}")
    if overlay.ref == rubric.ref:
        problems.append(
            f"the tailored rubric needs its own id or version, not the base's {rubric.ref}"
        )
    nodes = {node.id: node for node in rubric.nodes()}
    subs = dict(overlay.substitute)
    new_ids = [new.id for new in subs.values()] + [new.id for new in overlay.add]
    named = [*overlay.select, *overlay.drop, *subs]
    later = [key for key, _ in (*overlay.rename, *overlay.reweight)]
    unknown = {i for i in named if i not in nodes} | {
        i for i in later if i not in nodes and i not in new_ids
    }
    if unknown:
        problems.append(
            f"unknown ids (not in {rubric.ref}): {', '.join(map(repr, sorted(unknown)))}"
        )
    for old, new in subs.items():
        if isinstance(nodes.get(old), Group):
            problems.append(f"substitute {old!r}: a group cannot be substituted, only an indicator")
        if new.id != old and new.id in nodes:
            problems.append(f"substitute {old!r}: the new id {new.id!r} is already used")
        if new_ids.count(new.id) > 1:
            problems.append(f"substitute {old!r}: the new id {new.id!r} is given more than once")
    declared = {parameter.id: parameter for parameter in rubric.parameters}
    for name, weight in overlay.reweight:
        if isinstance(weight, ParamRef) and weight.name not in declared:
            problems.append(f"reweight {name!r}: parameter {weight.name!r} is not declared")
    for name, choice in overlay.parameters:
        if name not in declared:
            problems.append(f"parameters: {rubric.ref} declares no parameter {name!r}")
        elif choice not in declared[name].names():
            allowed = list(declared[name].names())
            problems.append(f"parameter {name!r}: {choice!r} is not one of {allowed}")
    return problems


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
        TailoringError: (a :class:`ValueError`) listing every problem: a base that does not
            match, unknown ids, ids removed by an earlier step, a removed rubric (every
            indicator dropped), undeclared parameters or choices that are not allowed.
    """
    problems = _check(rubric, overlay)
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


def apply_overlays(rubric: Rubric, overlays: Iterable[Overlay]) -> Rubric:
    """Apply ``overlays`` one after another; each names the previous result as its base."""
    for overlay in overlays:
        rubric = apply_overlay(rubric, overlay)
    return rubric
