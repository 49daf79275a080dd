"""Tests for the bundled JSON Schemas and schema validation."""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import Unretrievable

import pelayanan.schemas
from pelayanan._documents import load_text, schemas
from pelayanan._documents.schemas import SchemaReferenceError

SCHEMA_DIR = Path(schemas.__file__).parent
KINDS = (
    "evidence",
    "history",
    "overlay",
    "published-report",
    "result",
    "rubric",
    "targets",
    "zone-scheme",
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every way of opening a connection fail loudly."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def small_rubric(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "contoh",
        "version": "1",
        "title": {"id": "Contoh", "en": "Example"},
        "children": [{"id": "persyaratan", "title": "Persyaratan"}],
    }
    data.update(extra)
    return data


def messages(name: str, data: Any) -> dict[str, str]:
    """Problems by pointer (each pointer at most once in these tests)."""
    found = schemas.validate(name, data)
    by_pointer = {problem.pointer: problem.message for problem in found}
    assert len(by_pointer) == len(found), found
    return by_pointer


def refs(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                yield item["$ref"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


# ----------------------------------------------------------------------------- the files


def test_names_lists_the_bundled_schemas() -> None:
    assert set(schemas.names()) == {"common", *KINDS}
    assert {p.stem for p in SCHEMA_DIR.glob("*.json")} == set(schemas.names())


@pytest.mark.parametrize("name", ["common", *KINDS])
def test_each_schema_is_valid_draft_2020_12_with_its_stable_id(name: str) -> None:
    schema = schemas.get(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://schemas.pelayanan.invalid/v1/{name}.json"
    assert schema["$id"] == schemas.uri(name)
    assert schema.get("description")


@pytest.mark.parametrize("name", KINDS)
def test_documents_may_carry_their_own_schema_key(name: str) -> None:
    schema = schemas.get(name)
    assert schema["properties"]["$schema"]["const"] == schemas.uri(name)
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("name", ["common", *KINDS])
def test_every_reference_resolves_inside_the_bundle(name: str, no_network: None) -> None:
    resolver = schemas.registry().resolver(base_uri=schemas.uri(name))
    for ref in refs(schemas.get(name)):
        assert not ref.startswith("http"), "refer to siblings by file name, for editors"
        assert resolver.lookup(ref).contents is not None


def test_get_returns_an_independent_copy() -> None:
    first = schemas.get("rubric")
    first["properties"].clear()
    assert schemas.get("rubric")["properties"]


def test_get_accepts_a_name_a_file_name_or_an_id() -> None:
    by_name = schemas.get("zone-scheme")
    assert schemas.get("zone-scheme.json") == by_name
    assert schemas.get("https://schemas.pelayanan.invalid/v1/zone-scheme.json") == by_name


def test_an_unknown_schema_name_is_refused_with_the_list_of_names() -> None:
    with pytest.raises(KeyError, match=r"no bundled schema 'rubrik'.*rubric"):
        schemas.get("rubrik")


def test_the_top_level_module_re_exports_the_schemas() -> None:
    assert pelayanan.schemas.get("rubric") == schemas.get("rubric")
    assert pelayanan.schemas.names() == schemas.names()
    assert pelayanan.schemas.registry() is schemas.registry()
    assert pelayanan.schemas.validate("rubric", small_rubric()) == []


def test_the_files_are_plain_utf8_json_with_a_final_newline() -> None:
    for path in SCHEMA_DIR.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert text.endswith("}\n")
        assert json.loads(text) == schemas.get(path.stem)


# ----------------------------------------------------------------------------- no network


def test_a_remote_ref_is_refused_and_nothing_is_fetched(no_network: None) -> None:
    schema = {"properties": {"x": {"$ref": "https://example.com/x.json"}}}
    with pytest.raises(SchemaReferenceError) as info:
        schemas.validate(schema, {"x": 1})
    assert info.value.reference == "https://example.com/x.json"
    assert "never fetches" in str(info.value)
    assert "https://example.com/x.json" in str(info.value)


def test_a_relative_ref_to_an_unbundled_file_is_refused(no_network: None) -> None:
    schema = {"$id": "https://schemas.pelayanan.invalid/v1/mine.json", "$ref": "other.json"}
    with pytest.raises(SchemaReferenceError, match=r"other\.json"):
        schemas.validate(schema, 1)


def test_the_registry_refuses_any_other_uri(no_network: None) -> None:
    with pytest.raises(Unretrievable) as info:
        schemas.registry().get_or_retrieve("https://example.com/y.json")
    assert isinstance(info.value.__cause__, SchemaReferenceError)


@pytest.mark.usefixtures("english")
def test_a_schema_of_your_own_may_refer_to_the_bundled_ones(no_network: None) -> None:
    schema = {
        "type": "object",
        "properties": {"label": {"$ref": schemas.uri("common") + "#/$defs/text"}},
    }
    assert schemas.validate(schema, {"label": {"id": "Ya", "en": "Yes"}}) == []
    [problem] = schemas.validate(schema, {"label": 3})
    assert problem.pointer == "/label"
    assert problem.message.startswith("expected a text, or a mapping of language code")


# ----------------------------------------------------------------------------- numbers


def test_decimal_numbers_from_the_loader_are_numbers() -> None:
    data = small_rubric()
    data["children"][0]["weight"] = Decimal("21.85")
    data["children"][0]["points"] = Decimal("0.5")
    assert schemas.validate("rubric", data) == []


@pytest.mark.parametrize("weight", [3, "0.11", "1/9", " 2.5 ", "1e2", Decimal("1E+2")])
def test_exact_numbers_accept_integers_and_decimal_or_fraction_strings(weight: object) -> None:
    data = small_rubric()
    data["children"][0]["weight"] = weight
    assert schemas.validate("rubric", data) == []


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("weight", "shown"), [(True, "true"), ("abc", '"abc"'), (None, "null"), ([1], "a list")]
)
def test_a_bad_weight_gets_one_human_message(weight: object, shown: str) -> None:
    data = small_rubric()
    data["children"][0]["weight"] = weight
    assert messages("rubric", data) == {
        "/children/0/weight": "expected a positive number, a decimal string such as "
        f'"0.11" or "1/9", or {{param: <parameter id>}}, got {shown}'
    }


# ----------------------------------------------------------------------------- messages


@pytest.mark.usefixtures("english")
def test_every_error_is_collected() -> None:
    data = small_rubric(missing="sometimes", version=None)
    data["children"].append({"id": "biaya"})
    found = messages("rubric", data)
    assert found == {
        "/version": 'expected a version such as "2022" or "1.0" (in quotes), got null',
        "/missing": 'expected one of "error", "zero", "exclude", got "sometimes"',
        "/children/1": "missing required key 'title'",
    }


@pytest.mark.usefixtures("english")
def test_an_unknown_key_is_placed_at_the_key_and_a_close_name_is_suggested() -> None:
    data = small_rubric()
    data["children"][0]["weigth"] = 2
    [(pointer, message)] = messages("rubric", data).items()
    assert pointer == "/children/0/weigth"
    assert message.startswith("unknown key 'weigth'; did you mean 'weight'? (expected one of: id,")


@pytest.mark.usefixtures("english")
def test_a_node_with_children_is_read_as_a_group() -> None:
    data = small_rubric()
    data["children"] = [{"id": "g", "title": "G", "children": [], "scale": "boolean"}]
    assert messages("rubric", data) == {
        "/children/0/children": "expected at least 1 item, got 0",
        "/children/0/scale": "unknown key 'scale' (expected one of: id, title, description, "
        "kind, weight, weights_sum, children)",
    }


@pytest.mark.usefixtures("english")
def test_a_node_that_is_not_a_mapping_gets_one_message() -> None:
    data = small_rubric()
    data["children"] = ["persyaratan"]
    assert messages("rubric", data) == {
        "/children/0": "expected a group (with children) or an indicator, as a mapping, "
        'got "persyaratan"'
    }


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("scale", "pointer", "message"),
    [
        ({"type": "ordinal", "from": 1}, "/children/0/scale", "missing required key 'to'"),
        (
            {"type": "ordinal", "levels": [{"value": 1}]},
            "/children/0/scale/levels",
            "expected at least 2 items, got 1",
        ),
        (
            {"type": "likert"},
            "/children/0/scale/type",
            'expected one of "boolean", "ordinal", "numeric", got "likert"',
        ),
        (
            {"type": "numeric", "minimum": 0, "maximum": "x"},
            "/children/0/scale/maximum",
            'expected a number or a decimal string such as "0.11" or "1/9", got "x"',
        ),
        (
            "Skala Likert",
            "/children/0/scale",
            "expected a scale name (\"boolean\" or one declared under 'scales') or a scale "
            'mapping with a type, got "Skala Likert"',
        ),
    ],
)
def test_scale_mistakes(scale: object, pointer: str, message: str) -> None:
    data = small_rubric()
    data["children"][0]["scale"] = scale
    assert messages("rubric", data) == {pointer: message}


def test_the_ordinal_range_shorthand_and_named_scales_are_accepted() -> None:
    data = small_rubric(scales={"skm": {"type": "ordinal", "from": 1, "to": 4}})
    data["children"][0]["scale"] = "skm"
    assert schemas.validate("rubric", data) == []


@pytest.mark.usefixtures("english")
def test_a_bad_key_is_named_and_placed_at_the_key() -> None:
    data = small_rubric(scales={"Skala Likert": {"type": "boolean"}})
    [problem] = schemas.validate("rubric", data)
    assert problem.pointer == "/scales/Skala Likert"
    assert problem.message.startswith("key 'Skala Likert': expected an identifier")


@pytest.mark.usefixtures("english")
def test_a_wrong_type_deep_inside_a_label_is_placed_exactly() -> None:
    data = small_rubric(title={"id": "Contoh", "en": 1})
    assert messages("rubric", data) == {"/title/en": "expected a string, got 1"}


def test_problems_carry_the_file_and_lines_and_come_in_document_order() -> None:
    text = (
        "id: contoh\n"
        "version: '1'\n"
        "title: Contoh\n"
        "children:\n"
        "  - {id: a, title: A, combine: avg}\n"
        "missing: never\n"
    )
    problems = schemas.validate("rubric", load_text(text, name="contoh.yaml"))
    assert [(p.source, p.pointer, p.line) for p in problems] == [
        ("contoh.yaml", "/children/0/combine", 5),
        ("contoh.yaml", "/missing", 6),
    ]


# ----------------------------------------------------------------------------- kinds


@pytest.mark.parametrize("name", KINDS)
def test_kind_of_reads_the_schema_key(name: str) -> None:
    assert schemas.kind_of({"$schema": schemas.uri(name)}) == name


@pytest.mark.parametrize(
    "data", [{}, {"$schema": "https://example.com/rubric.json"}, [1], "rubric", None]
)
def test_kind_of_is_none_for_anything_else(data: object) -> None:
    assert schemas.kind_of(data) is None


# ----------------------------------------------------------------------------- inlining


def _errors(checker: Any, data: Any) -> list[tuple[str, str]]:
    """Each error as (pointer, keyword), including those inside anyOf alternatives."""
    found: list[tuple[str, str]] = []
    stack = list(checker.iter_errors(data))
    while stack:
        error = stack.pop()
        found.append(("/".join(map(str, error.absolute_path)), str(error.validator)))
        stack.extend(error.context or ())
    return sorted(found)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rubric", small_rubric()),
        ("rubric", small_rubric(version=True, missing="x", scales={"a": {"type": "x"}})),
        (
            "rubric",
            small_rubric(
                children=[{"id": "g", "title": 1, "children": [{"id": "i", "title": "I", "w": 1}]}]
            ),
        ),
        ("zone-scheme", {"id": "z", "version": "1", "title": "Z", "minimum": "a", "bands": [1]}),
        ("overlay", {"id": "o", "version": 1, "base": "b@", "reweight": {"x": {"param": 2}}}),
        ("evidence", {"evidence": [{"unit": " u", "indicator": "i", "value": None}]}),
        ("result", {"provenance": {}, "cards": [{"unit": {}, "coverage": "1/3", "x": 1}]}),
    ],
)
def test_the_inlined_validators_fail_in_the_same_places(name: str, data: Any) -> None:
    plain = Draft202012Validator(schemas.get(name), registry=schemas.registry())
    assert _errors(schemas.validator(name), data) == _errors(plain, data)
