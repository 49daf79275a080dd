"""The one parser against the libraries it replaces: the standard ``json`` module and
PyYAML's safe loader must read every plain document to the same data (numbers exact),
and every value must be placed where its text starts."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from pelayanan import Limits
from pelayanan._documents import DocumentError, load_text
from pelayanan._documents.errors import pointer_join

_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=25,
)


def _exact(value: Any) -> Any:
    """``value`` with floats read the way the parser reads them: as the Decimal they print."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [_exact(item) for item in value]
    if isinstance(value, dict):
        return {key: _exact(item) for key, item in value.items()}
    return value


def _pointers(value: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, pointer_join(pointer, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, pointer_join(pointer, key))
    return found


def _offset(text: str, line: int, column: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


@given(_DATA, st.sampled_from([None, 1, "\t"]), st.booleans())
def test_json_reads_like_the_standard_library(data: Any, indent: Any, ascii_only: bool) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    document = load_text(text, format="json")
    assert document.data == json.loads(text, parse_float=Decimal)
    assert set(document.positions) == set(_pointers(data))
    for pointer, (line, column) in document.positions.items():
        at = text[_offset(text, line, column)]
        parent = pointer[: pointer.rfind("/")]
        if pointer and isinstance(_value(data, parent), dict):
            assert at == '"'  # a member is placed at its key
        else:
            assert at == json.dumps(_value(data, pointer))[0]


def _value(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


_LOOKS_NUMERIC = re.compile(r"[-+]?[0-9_.]*[0-9][0-9_.]*(?:[eE][-+]?[0-9]+)?")


@given(_DATA, st.sampled_from([True, False, None]))
def test_yaml_reads_like_the_safe_loader(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow)
    # Number forms that YAML 1.1 leaves as text and this parser reads as numbers (1e3).
    assume(not any(_LOOKS_NUMERIC.fullmatch(s) for s in _strings(data)))
    document = load_text(text, format="yaml")
    assert document.data == _exact(yaml.safe_load(text))
    assert document.data == _exact(data)
    assert set(document.positions) == set(_pointers(data))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    return []


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("text", "format"),
    [('{"a": 1, "b": 2}', "json"), ("{a: 1, b: 2}", "yaml"), ("a: 1\nb: 2", "yaml")],
)
def test_one_node_count_for_both_formats(text: str, format: str) -> None:
    # Values counted in order: the mapping (1), key a (2), 1 (3), key b (4), 2 (5 > 4).
    with pytest.raises(DocumentError) as info:
        load_text(text, format=format, limits=Limits(max_nodes=4))  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert (problem.pointer, problem.line) == ("/b", 1 if format == "json" or "{" in text else 2)
    assert problem.message.startswith("the document has more than 4 values")
