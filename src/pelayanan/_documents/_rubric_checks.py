"""What only a rubric document says: ``weights_sum``, references to zone schemes and scoring
models, parameter choices given when loading. The rules of the rubric itself are the model's
(:mod:`pelayanan._model.rubric`), placed by the converter."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

from pelayanan._documents._check_tools import (
    Report,
    exact,
    items,
    mapping,
    text_id,
)
from pelayanan._documents.errors import pointer_join
from pelayanan._i18n import N_
from pelayanan._model.numbers import exact_to_str
from pelayanan._model.problems import Message, listing, suggest
from pelayanan._model.rubric import Group, Node, Rubric
from pelayanan._model.zones import ZoneScheme

_ZERO = Fraction(0)

Catalogue = Collection[str | ZoneScheme]
"""Known zone schemes: their ids, ``id@version`` references, or the schemes themselves."""


def check_given_parameters(
    report: Report, data: Mapping[str, Any], given: Mapping[str, str] | None
) -> None:
    """The parameter choices ``given`` when loading are declared and allowed.

    The document's own parameters follow the model's rules
    (:func:`~pelayanan._model.rubric.parameter_findings`)."""
    declared: dict[str, Mapping[str, Any]] = {}
    for parameter in items(data.get("parameters")):
        name = text_id(mapping(parameter).get("id"))
        if name is not None:
            declared.setdefault(name, mapping(parameter))
    origin = Message(N_(" (a parameter choice given when loading)"))
    for name, choice in (given or {}).items():
        if name not in declared:
            report(
                "/parameters",
                N_("no parameter {name!r} is declared (declared: {declared}){origin}"),
                name=name,
                declared=listing(declared),
                origin=origin,
            )
        elif choice not in mapping(declared[name].get("choices")):
            report(
                "/parameters",
                N_("parameter {name!r}: {choice!r} is not one of the choices {choices}{origin}"),
                name=name,
                choice=choice,
                choices=listing(mapping(declared[name].get("choices"))),
                origin=origin,
            )


def check_weights_sum(
    report: Report, data: Mapping[str, Any], rubric: Rubric, given: Mapping[str, str] | None
) -> None:
    """Sibling weights add up to the declared ``weights_sum`` (within its tolerance).

    The weights are those of ``rubric``, built from ``data`` (the model parsed them), with
    its parameters bound to the choices ``given`` (the valid ones) or its own."""
    valid = {
        name: choice
        for name, choice in (given or {}).items()
        if any(p.id == name and choice in p.names() for p in rubric.parameters)
    }
    bound = rubric.resolve(valid)

    def lists(
        holder: Mapping[str, Any], pointer: str, children: Sequence[Node]
    ) -> Iterator[tuple[Sequence[Node], str, Mapping[str, Any], str]]:
        yield children, pointer_join(pointer, "children"), holder, pointer
        raw = items(holder.get("children"))
        for i, node in enumerate(children):
            if isinstance(node, Group):
                yield from lists(
                    mapping(raw[i]), pointer_join(pointer, "children", i), node.children
                )

    for siblings, pointer, holder, holder_pointer in lists(data, "", bound.children):
        if "weights_sum" not in holder:
            holder, holder_pointer = data, ""
        rule = mapping(holder.get("weights_sum"))
        declared_at = pointer_join(holder_pointer, "weights_sum")
        target, tolerance = exact(rule.get("to")), exact(rule.get("tolerance", 0))
        if target is None or tolerance is None or not siblings:
            continue
        total = sum((node.weight for node in siblings if isinstance(node.weight, Fraction)), _ZERO)
        if abs(total - target) > tolerance:
            within = N_(" (within {tolerance})") if tolerance else ""
            report(
                pointer,
                N_(
                    "the weights here ({count} of them) add up to {total}, not {target}"
                    "{within} as required by weights_sum ({where})"
                ),
                count=len(siblings),
                total=exact_to_str(total),
                target=exact_to_str(target),
                within=Message(within, {"tolerance": exact_to_str(tolerance)}),
                where=report.where(declared_at),
            )


def _matches(reference: str, catalogue: Catalogue) -> bool:
    refs: set[str] = set()
    for entry in catalogue:
        refs.update((entry.id, entry.ref) if isinstance(entry, ZoneScheme) else (entry,))
    name, _, version = reference.partition("@")
    return (
        reference in refs
        or (bool(version) and name in refs)
        or (not version and any(ref.partition("@")[0] == name for ref in refs))
    )


def check_zone_scheme_ref(
    report: Report, data: Mapping[str, Any], catalogue: Catalogue | None
) -> None:
    """The rubric's zone scheme is one of ``catalogue`` (when a catalogue is given)."""
    reference = data.get("zone_scheme")
    if catalogue is None or not isinstance(reference, str) or _matches(reference, catalogue):
        return
    known = sorted({e.ref if isinstance(e, ZoneScheme) else e for e in catalogue})
    report(
        "/zone_scheme",
        N_("unknown zone scheme {name!r}{hint} (known: {known})"),
        name=reference,
        hint=suggest(reference, known),
        known=listing(known),
    )


def check_model_name(report: Report, data: Mapping[str, Any], known: Collection[str]) -> None:
    """The scoring model is one that is installed."""
    name = mapping(data.get("scoring")).get("model")
    if isinstance(name, str) and name not in known:
        report(
            "/scoring/model",
            N_(
                "unknown scoring model {name!r}{hint} (known: {known}; models from plugins "
                "must be passed in)"
            ),
            name=name,
            hint=suggest(name, known),
            known=listing(sorted(known)),
        )
