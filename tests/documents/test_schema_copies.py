"""The choices and patterns a schema lists are the model's (issue 10): the schemas stay for
structure and editors, so each ``enum`` repeats the values of a model enum and the id,
reference and colour patterns repeat the model's rules; these tests keep the copies equal,
so what the model adds (or drops) cannot be refused (or taken) by a document's schema
alone."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from typing import Any

import pytest

from pelayanan._documents import schemas
from pelayanan._model.evidence import EvidenceKind
from pelayanan._model.ids import COLOUR_PATTERN, ID_PATTERN
from pelayanan._model.metadata import Verification
from pelayanan._model.numbers import RoundingMode
from pelayanan._model.policies import AggregationMethod, Combine, MissingPolicy
from pelayanan._model.results import NodeStatus
from pelayanan._model.scales import BooleanScale, NumericScale, OrdinalScale
from pelayanan._model.tailoring import _REF_RE

SCALE_KINDS = [scale.kind for scale in (BooleanScale, OrdinalScale, NumericScale)]


def _values(kind: type[enum.StrEnum]) -> list[str]:
    return [member.value for member in kind]


MODEL_CHOICES: dict[str, list[str]] = {
    "common/$defs/rounding/properties/mode": _values(RoundingMode),
    "common/$defs/verification_note/properties/status": _values(Verification),
    "evidence/$defs/item/properties/kind": _values(EvidenceKind),
    "result/$defs/node/properties/status": _values(NodeStatus),
    "rubric/properties/missing": _values(MissingPolicy),
    "rubric/$defs/indicator/properties/combine": _values(Combine),
    "rubric/$defs/aggregation_method": _values(AggregationMethod),
    **{
        f"rubric/$defs/{definition}/properties/type": SCALE_KINDS
        for definition in (
            "scale_definition",
            "boolean_scale",
            "numeric_scale",
            "ordinal_levels",
            "ordinal_range",
        )
    },
}
"""Where each schema lists a model enum's values, and those values."""


def _enums(node: Any, path: str) -> Iterator[tuple[str, list[Any]]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from _enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{path}/{index}")


def test_every_enum_of_every_schema_lists_the_model_enums_values() -> None:
    found = {
        where: choices
        for name in schemas.names()
        for where, choices in _enums(schemas.get(name), name)
    }
    # Each enum is one the model defines (a new one is added above with its model enum) ...
    assert set(found) == set(MODEL_CHOICES)
    # ... and lists exactly its values.
    assert {where: sorted(choices) for where, choices in found.items()} == {
        where: sorted(values) for where, values in MODEL_CHOICES.items()
    }


def test_the_id_and_colour_patterns_are_the_models() -> None:
    common = schemas.get("common")["$defs"]
    assert common["id"]["pattern"] == ID_PATTERN
    assert common["colour"]["pattern"] == COLOUR_PATTERN
    # A reference: an id, or an id, "@" and an id (an overlay's base and zone scheme).
    assert common["ref"]["pattern"] == _REF_RE.pattern


@pytest.mark.parametrize(
    "text", ["ktp", "Kota Contoh", " ktp", "ktp ", "", "\tktp", "a\nb", "x", "puskesmas / 1"]
)
def test_the_unit_id_pattern_takes_what_the_model_takes(text: str) -> None:
    from pelayanan import Unit

    pattern = re.compile(schemas.get("common")["$defs"]["unit_id"]["pattern"])
    try:
        Unit(text, "Unit")
    except ValueError:
        taken = False
    else:
        taken = True
    assert (pattern.search(text) is not None) is taken
