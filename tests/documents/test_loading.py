"""Tests for the safe document loader."""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from pelayanan._documents import (
    Document,
    DocumentError,
    Limits,
    Problem,
    load_document,
    load_text,
    pointer_join,
)
from pelayanan._documents import loading as loading_module


def refused(source: Any, **kwargs: Any) -> tuple[Problem, ...]:
    """Load ``source`` (text, or a path/mapping via load_document) and return the problems."""
    load = load_text if isinstance(source, str | bytes) else load_document
    with pytest.raises(DocumentError) as info:
        load(source, **kwargs)
    return info.value.problems


def only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --- errors.py ------------------------------------------------------------------------------


def test_problem_str_with_full_location() -> None:
    problem = Problem("rubric.yaml", "/groups/0/weight", "expected a number, got 'abc'", 12, 5)
    assert str(problem) == "rubric.yaml:12:5: /groups/0/weight: expected a number, got 'abc'"


@pytest.mark.parametrize(
    ("line", "column", "pointer", "expected"),
    [
        (3, None, "/a", "x.json:3: /a: bad"),
        (None, None, "/a", "x.json: /a: bad"),
        (None, None, "", "x.json: (akar): bad"),  # the root, in the default language (id)
        (1, 1, "/", "x.json:1:1: /: bad"),
    ],
)
def test_problem_str_leaves_out_missing_parts(
    line: int | None, column: int | None, pointer: str, expected: str
) -> None:
    assert str(Problem("x.json", pointer, "bad", line, column)) == expected


@pytest.mark.usefixtures("english")
def test_document_error_lists_every_problem() -> None:
    error = DocumentError(
        [Problem("rubric.yaml", "/a", "first", 1, 1), Problem("rubric.yaml", "/b", "second", 2, 1)]
    )
    assert isinstance(error, ValueError)
    assert str(error).splitlines() == [
        "2 problems in rubric.yaml:",
        "  rubric.yaml:1:1: /a: first",
        "  rubric.yaml:2:1: /b: second",
    ]
    assert str(DocumentError([Problem("a.json", "", "x")])).startswith("1 problem in a.json:")


def test_document_error_needs_a_problem_and_survives_pickling() -> None:
    with pytest.raises(ValueError, match="at least one problem"):
        DocumentError([])
    error = DocumentError([Problem("a.yaml", "/x", "bad", 1, 2)])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems


def test_pointer_join_escapes_tilde_and_slash() -> None:
    assert pointer_join("", "groups", 0, "a/b", "c~d") == "/groups/0/a~1b/c~0d"
    assert pointer_join("/x") == "/x"
    assert pointer_join("", "") == "/"


# --- reading normal documents ---------------------------------------------------------------

RUBRIC_YAML = """\
name: Standar Pelayanan
version: 2
groups:
  - id: g1
    weight: 0.25
    items:
      - {id: i1, score: 10}
      - id: i2
        score: 2.675
  - id: g2
    weight: 0.75
    active: true
    note: null
"""

RUBRIC_DATA = {
    "name": "Standar Pelayanan",
    "version": 2,
    "groups": [
        {
            "id": "g1",
            "weight": Decimal("0.25"),
            "items": [{"id": "i1", "score": 10}, {"id": "i2", "score": Decimal("2.675")}],
        },
        {"id": "g2", "weight": Decimal("0.75"), "active": True, "note": None},
    ],
}


def test_yaml_round_trip_with_positions() -> None:
    document = load_text(RUBRIC_YAML, name="rubric.yaml")
    assert document.data == RUBRIC_DATA
    assert document.source == "rubric.yaml"
    assert document.positions[""] == (1, 1)
    assert document.positions["/groups"] == (3, 1)
    assert document.positions["/groups/0"] == (4, 5)
    assert document.positions["/groups/0/weight"] == (5, 5)
    assert document.positions["/groups/0/items/0/score"] == (7, 18)
    assert document.positions["/groups/0/items/1"] == (8, 9)
    assert document.positions["/groups/0/items/1/score"] == (9, 9)
    assert document.positions["/groups/1/note"] == (13, 5)


RUBRIC_JSON = """\
{
  "name": "Standar Pelayanan",
  "version": 2,
  "groups": [
    {"id": "g1", "weight": 0.25,
     "items": [{"id": "i1", "score": 10}, {"id": "i2", "score": 2.675}]},
    {"id": "g2", "weight": 0.75, "active": true, "note": null}
  ]
}
"""


def test_json_round_trip_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "rubric.json"
    path.write_text(RUBRIC_JSON, encoding="utf-8")
    document = load_document(path)
    assert document.data == RUBRIC_DATA
    assert document.source == str(path)
    assert document.positions[""] == (1, 1)
    assert document.positions["/groups"] == (4, 3)
    assert document.positions["/groups/0"] == (5, 5)
    assert document.positions["/groups/0/weight"] == (5, 18)
    assert document.positions["/groups/0/items/1"] == (6, 43)
    assert document.positions["/groups/0/items/1/score"] == (6, 56)
    assert document.positions["/groups/1/note"] == (7, 50)


@pytest.mark.parametrize("text", ['{"a/b": {"~": 1}}', 'a/b:\n  "~": 1\n'])
def test_pointers_escape_slash_and_tilde(text: str) -> None:
    document = load_text(text)
    assert document.data == {"a/b": {"~": 1}}
    assert set(document.positions) == {"", "/a~1b", "/a~1b/~0"}


def test_pyyaml_global_rules_are_left_alone() -> None:
    load_text("a: 1e3")
    assert yaml.safe_load("a: 1e3") == {"a": "1e3"}  # only our resolver reads it as a number


def test_positions_are_read_only() -> None:
    document = load_text("a: 1")
    assert isinstance(document.positions, MappingProxyType)


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_numbers_are_read_exactly(format: str) -> None:
    text = '{"a": 0.11, "b": 2.675, "c": 7, "d": -0.0, "e": 1e2, "f": 12345678901234567890.5}'
    data = load_text(text, format=format).data  # type: ignore[arg-type]
    assert data == {
        "a": Decimal("0.11"),
        "b": Decimal("2.675"),
        "c": 7,
        "d": Decimal("-0.0"),
        "e": Decimal("1E+2"),
        "f": Decimal("12345678901234567890.5"),
    }
    assert type(data["c"]) is int
    assert all(isinstance(data[key], Decimal) for key in "abdef")
    assert str(data["b"]) == "2.675"  # not 2.67499999... as a float would give


def test_yaml_numbers_with_exponents_and_yaml_forms() -> None:
    data = load_text("a: 1.5e3\nb: 1E-3\nc: 1_000\nd: 0x1F\ne: -.5\nf: +12\ng: 0").data
    assert data == {
        "a": Decimal("1.5e3"),
        "b": Decimal("0.001"),
        "c": 1000,
        "d": 31,
        "e": Decimal("-0.5"),
        "f": 12,
        "g": 0,
    }


def test_yaml_scalars_keep_to_the_data_model() -> None:
    data = load_text(
        "when: 2024-01-31\nstamp: 2024-01-31T10:00:00Z\nflag: yes\noff_flag: Off\n"
        "nothing: ~\nquoted: '12'\nforced: !!str 12\nplain: ! 12\nint: !!int '12'\n"
        "float: !!float '1.25'\nopening: '08:00'\n"
    ).data
    assert data == {
        "when": "2024-01-31",
        "stamp": "2024-01-31T10:00:00Z",
        "flag": True,
        "off_flag": False,
        "nothing": None,
        "quoted": "12",
        "forced": "12",
        "plain": "12",
        "int": 12,
        "float": Decimal("1.25"),
        "opening": "08:00",
    }


def test_quoted_keys_that_look_like_other_types_are_text() -> None:
    assert load_text("'yes': 1\n'1': 2\n\"null\": 3\n2024-01-01: 4").data == {
        "yes": 1,
        "1": 2,
        "null": 3,
        "2024-01-01": 4,
    }


def test_byte_order_mark_is_ignored() -> None:
    document = load_text(b'\xef\xbb\xbf{"a": 1}')
    assert document.data == {"a": 1}
    assert document.positions["/a"] == (1, 2)


def test_format_comes_from_suffix_then_sniffing(tmp_path: Path) -> None:
    yml = tmp_path / "zones.yml"
    yml.write_text("[a, b]", encoding="utf-8")  # YAML flow list, not JSON
    assert load_document(yml).data == ["a", "b"]
    sniffed = tmp_path / "zones.txt"
    sniffed.write_text('  \n["a", "b"]', encoding="utf-8")
    assert load_document(sniffed).data == ["a", "b"]
    assert load_document(sniffed, name="zones").source == "zones"
    forced = tmp_path / "data.json"
    forced.write_text("a: 1", encoding="utf-8")
    assert load_document(forced, format="yaml").data == {"a": 1}


def test_a_string_is_always_a_path_never_text() -> None:
    with pytest.raises(FileNotFoundError):
        load_document("a: 1")


@pytest.mark.usefixtures("english")
def test_bad_arguments_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="format must be"):
        load_text("a: 1", format="toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a path or a mapping"):
        load_document(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_depth must be at least 1"):
        Limits(max_depth=0)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    document = load_text("groups:\n  - id: g1\n    weight: 0.5\n", name="r.yaml")
    assert document.locate("/groups/0/weight") == (3, 5)
    assert document.locate("/groups/0/missing") == (2, 5)
    assert document.locate("/nothing/here") == (1, 1)
    problem = document.problem("/groups/0/missing", "expected a number")
    assert problem == Problem("r.yaml", "/groups/0/missing", "expected a number", 2, 5)
    assert Document({"a": 1}, "<mapping>").locate("/a") == (None, None)


# --- mapping input --------------------------------------------------------------------------


def test_mapping_input_is_deep_copied_and_converted() -> None:
    original: dict[str, Any] = {"a": [1, {"b": 0.1}], "t": (1, 2), "d": Decimal("2.5")}
    document = load_document(original)
    original["a"][1]["b"] = 99
    original["a"].append("more")
    assert document.data == {"a": [1, {"b": Decimal("0.1")}], "t": [1, 2], "d": Decimal("2.5")}
    assert document.source == "<mapping>"
    assert dict(document.positions) == {}
    assert load_document(MappingProxyType({"x": True}), name="defaults").source == "defaults"


def test_mapping_input_refuses_non_json_values() -> None:
    source: Mapping[Any, Any] = {
        "nan": float("nan"),
        "deep": {"inf": Decimal("-Infinity"), 1: "one"},
        "items": [{1, 2}, b"raw"],
    }
    problems = refused(source, name="input")
    assert [(p.pointer, p.message) for p in problems] == [
        ("/nan", "expected a finite number, got nan"),
        ("/deep/inf", "expected a finite number, got Decimal('-Infinity')"),
        ("/deep/1", "mapping keys must be strings, got int 1"),
        (
            "/items/0",
            "expected plain data (dict, list, str, int, Decimal, bool or None), got set",
        ),
        (
            "/items/1",
            "expected plain data (dict, list, str, int, Decimal, bool or None), got bytes",
        ),
    ]
    assert all(p.source == "input" and p.line is None for p in problems)


@pytest.mark.usefixtures("english")
def test_mapping_input_with_a_cycle_hits_the_depth_limit() -> None:
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    problem = only(refused(cyclic))
    assert "nested more than 64 levels" in problem.message
    assert problem.pointer == "/self" * 64


@pytest.mark.usefixtures("english")
def test_mapping_input_deeper_than_python_recursion_is_refused_not_raised() -> None:
    deep: list[Any] = []
    for _ in range(sys.getrecursionlimit() * 2):
        deep = [deep]
    problem = only(refused({"deep": deep}, limits=Limits(max_depth=10**6)))
    assert (problem.pointer, problem.message) == ("", "nested too deeply")


# --- refusals -------------------------------------------------------------------------------


def test_yaml_duplicate_key_reports_both_positions() -> None:
    problem = only(refused("a: 1\nb:\n  c: 1\n  c: 2\n", name="r.yaml"))
    assert problem.pointer == "/b/c"
    assert (problem.line, problem.column) == (4, 3)
    assert problem.message == "duplicate key 'c' (first defined at line 3, column 3)"
    assert str(problem).startswith("r.yaml:4:3: /b/c: duplicate key")


def test_json_duplicate_key_reports_both_positions() -> None:
    problem = only(refused('{\n  "a": {"x": 1,\n        "x": 2}\n}', name="r.json"))
    assert problem.pointer == "/a/x"
    assert (problem.line, problem.column) == (3, 9)
    assert problem.message == "duplicate key 'x' (first defined at line 2, column 9)"


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_json_non_finite_tokens_are_refused(token: str) -> None:
    problem = only(refused(f'{{"ok": 1,\n "w": [1, {token}]}}'))
    assert problem.pointer == "/w/1"
    assert (problem.line, problem.column) == (2, 11)
    assert problem.message == f"{token} is not allowed: numbers must be finite"


@pytest.mark.parametrize("token", [".nan", ".NaN", ".inf", "-.inf", "+.INF", "!!float nan"])
def test_yaml_non_finite_numbers_are_refused(token: str) -> None:
    problem = only(refused(f"ok: 1\nweight: {token}\n"))
    assert problem.pointer == "/weight"
    assert problem.line == 2
    assert "numbers must be finite" in problem.message


@pytest.mark.usefixtures("english")
def test_yaml_file_with_two_mistakes_reports_both(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(
        "groups:\n  - id: g1\n    weight: .nan\n  - id: g2\n    id: g3\n", encoding="utf-8"
    )
    with pytest.raises(DocumentError) as info:
        load_document(path)
    first, second = info.value.problems
    assert (first.source, first.pointer, first.line) == (str(path), "/groups/0/weight", 3)
    assert (second.source, second.pointer, second.line) == (str(path), "/groups/1/id", 5)
    assert "duplicate key 'id'" in second.message
    assert str(info.value).splitlines() == [
        f"2 problems in {path}:",
        f"  {path}:3:13: /groups/0/weight: .nan is not allowed: numbers must be finite",
        f"  {path}:5:5: /groups/1/id: duplicate key 'id' (first defined at line 4, column 5)",
    ]


def test_yaml_aliases_and_anchors_are_refused() -> None:
    anchor, alias = refused("base: &b {w: 1}\nother: *b\n")
    assert (anchor.pointer, anchor.line, anchor.column) == ("/base", 1, 7)
    assert "anchors (&b) are not allowed" in anchor.message
    assert (alias.pointer, alias.line, alias.column) == ("/other", 2, 8)
    assert "aliases (*b) are not allowed" in alias.message


def test_alias_as_key_is_refused() -> None:
    problems = refused("a: &k key\n*k : 1\n")
    assert problems[-1].message == "a mapping key must be plain text, got an alias"
    assert problems[-1].line == 2


BILLION_LAUGHS = "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def test_billion_laughs_is_refused_without_expansion() -> None:
    started = time.perf_counter()
    problems = refused(BILLION_LAUGHS)
    print(f"billion laughs refused in {time.perf_counter() - started:.4f}s")
    assert problems[0].message.startswith("YAML anchors (&l0) are not allowed")
    assert sum("aliases" in p.message for p in problems) == 81
    assert len(problems) == 91  # 10 anchors and 81 aliases, none expanded


@pytest.mark.usefixtures("english")
def test_file_larger_than_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(loading_module, "open", no_reading, raising=False)
    problem = only(refused(path))
    assert problem.source == str(path)
    assert problem.pointer == ""
    assert problem.message == (
        "the document is 52,428,800 bytes, more than the limit of 10,485,760 bytes "
        "(Limits.max_bytes); raise it to read larger documents"
    )


@pytest.mark.usefixtures("english")
def test_text_larger_than_limit_is_refused() -> None:
    problem = only(refused("a: ü\n", limits=Limits(max_bytes=5)))  # 6 bytes of UTF-8
    assert "6 bytes, more than the limit of 5 bytes" in problem.message
    assert load_text("a: ü\n", limits=Limits(max_bytes=6)).data == {"a": "ü"}
    assert "4 bytes" in only(refused(b"[1] ", limits=Limits(max_bytes=3))).message


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    assert only(refused(tmp_path)).message == "not a regular file"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 10_000 + "]" * 10_000, id="json"),
        pytest.param("- " + "[" * 10_000 + "]" * 10_000, id="yaml-flow"),
        pytest.param("a: " + "{a: " * 10_000 + "}" * 10_000, id="yaml-flow-mapping"),
        pytest.param("- " * 10_000 + "x", id="yaml-block"),
    ],
)
def test_very_deep_nesting_is_refused_without_recursion(text: str) -> None:
    problem = only(refused(text))  # a RecursionError would fail the test
    assert problem.message.startswith("mappings and lists are nested more than 64 levels deep")
    assert "Limits.max_depth" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    ("text", "format"),
    [("[" * 10_000 + "]" * 10_000, "json"), ("- " * 10_000 + "x", "yaml")],
)
def test_very_deep_nesting_is_read_when_the_limit_allows_it(text: str, format: str) -> None:
    document = load_text(text, format=format, limits=Limits(max_depth=10_000))  # type: ignore[arg-type]
    assert len(document.positions) in (10_000, 10_001)  # lists (and the innermost scalar)
    assert document.locate("/0" * 9_999) == (1, 10_000 if format == "json" else 19_999)


def test_deep_block_yaml_is_refused_at_the_limit() -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(80)) + " " * 80 + "v\n"
    problem = only(refused(text, name="deep.yaml"))
    assert problem.pointer == "".join(f"/k{level}" for level in range(64))
    assert problem.line == 65


@pytest.mark.usefixtures("english")
def test_nesting_at_the_limit_is_accepted() -> None:
    assert load_text("[[[1]]]", limits=Limits(max_depth=3)).data == [[[1]]]
    assert "nested more than 2" in only(refused("[[[1]]]", limits=Limits(max_depth=2))).message
    assert load_document({"a": {"b": {}}}, limits=Limits(max_depth=3)).data == {"a": {"b": {}}}


@pytest.mark.usefixtures("english")
def test_too_many_nodes_are_refused() -> None:
    problem = only(refused("[1, 2, 3, 4]", limits=Limits(max_nodes=4)))
    assert problem.pointer == "/3"
    assert "more than 4 values" in problem.message
    assert "Limits.max_nodes" in problem.message


@pytest.mark.usefixtures("english")
def test_reading_stops_after_max_problems() -> None:
    problems = refused("[NaN, NaN, NaN, NaN]", limits=Limits(max_problems=2))
    assert [p.pointer for p in problems] == ["/0", "/1", ""]
    assert problems[-1].message.startswith("stopped after 2 problems")


def test_unsafe_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        f"run: !!python/object/apply:os.system ['touch {marker}']\n"
        "obj: !!python/object:collections.OrderedDict {a: 1}\n"
        "raw: !!binary aGVsbG8=\n"
        "local: !custom x\n"
        "set: !!set {a, b}\n"
    )
    problems = refused(text)
    assert not marker.exists()
    assert [(p.pointer, p.line) for p in problems] == [
        ("/run", 1),
        ("/obj", 2),
        ("/raw", 3),
        ("/local", 4),
        ("/set", 5),
    ]
    assert problems[0].message.startswith(
        "the tag !!python/object/apply:os.system is not allowed; only plain data"
    )
    assert "!!binary" in problems[2].message
    assert "!custom" in problems[3].message


@pytest.mark.parametrize(
    ("text", "pointer", "line", "message"),
    [
        ("yes: 1\n", "/yes", 1, "the key yes is read as a boolean by YAML"),
        ("a:\n  1: x\n", "/a/1", 2, "the key 1 is read as a number by YAML"),
        ("a: 1\n~: 2\n", "/~0", 2, "the key ~ is read as null by YAML"),
        ("a:\n  ? [x]\n  : 1\n", "/a", 2, "a mapping key must be plain text, got a list"),
        ("<<: {a: 1}\n", "/<<", 1, "merge keys (<<) are not allowed"),
        ("a: 1\n? \n: 2\n", "/", 2, "a mapping key is missing"),
    ],
)
def test_yaml_keys_must_be_text(text: str, pointer: str, line: int, message: str) -> None:
    problem = only(refused(text))
    assert (problem.pointer, problem.line) == (pointer, line)
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0123", "0123 has a leading zero, which YAML 1.1 reads as an octal number"),
        ("10:30", "10:30 is read as a base-60 number by YAML 1.1"),
        ("1:30.5", "1:30.5 is read as a base-60 number by YAML 1.1"),
        ("!!int abc", "expected an integer, got 'abc'"),
        ("!!bool maybe", "expected a boolean, got 'maybe'"),
    ],
)
def test_yaml_values_that_would_change_meaning_are_refused(value: str, message: str) -> None:
    problem = only(refused(f"code: x\nvalue: {value}\n"))
    assert (problem.pointer, problem.line) == ("/value", 2)
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "pointer", "line", "column", "message"),
    [
        ('{"a": 1,\n "b": [1, 2,]}', "/b/2", 2, 13, "expected a value, got ']'"),
        ('{"a": 1\n "b": 2}', "", 2, 2, "expected ',' or '}', got '\"'"),
        ('{"a": 1,\n "b" 2}', "/b", 2, 6, "expected ':' after the key 'b', got '2'"),
        ('{"a": [01]}', "/a/0", 1, 8, "a number must not start with 0"),
        ('{"a": tru}', "/a", 1, 7, "expected a value, got 'tru'"),
        ('{"a": "x', "/a", 1, 7, "unterminated string"),
        ('{"a": "x\ny"}', "/a", 1, 9, "control character '\\n' inside a string"),
        ('{"a": "\\q"}', "/a", 1, 8, "bad escape in string"),
        ("{a: 1}", "", 1, 2, "expected a key in double quotes, got 'a'"),
        ("[1] [2]", "", 1, 5, "expected the end of the document, got '['"),
        ("", "", 1, 1, "expected a value, got the end of the document"),
    ],
)
def test_json_syntax_errors_have_one_located_problem(
    text: str, pointer: str, line: int, column: int, message: str
) -> None:
    problem = only(refused(text, format="json", name="x.json"))
    assert (problem.pointer, problem.line, problem.column) == (pointer, line, column)
    assert problem.message.startswith(f"JSON syntax error: {message}")


def test_json_file_with_a_mistake_reports_the_right_line(tmp_path: Path) -> None:
    path = tmp_path / "zones.json"
    path.write_text('{\n  "zones": [\n    {"id": "z1"},\n    {"id": "z2",}\n  ]\n}\n')
    problem = only(refused(path))
    assert (problem.source, problem.pointer, problem.line, problem.column) == (
        str(path),
        "/zones/1",
        4,
        17,
    )


def test_yaml_syntax_error_has_one_located_problem() -> None:
    problem = only(refused("groups:\n  - id: g1\n    weight: [1, 2\n  - id: g2\n"))
    assert problem.message == (
        "YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 3, column 13)"
    )
    assert problem.pointer == "/groups/0/weight"
    assert (problem.line, problem.column) == (4, 7)


def test_yaml_control_characters_are_refused() -> None:
    problem = only(refused("a: 1\nb: x\x07\n"))
    assert (problem.line, problem.column) == (2, 5)
    assert "U+0007 is not allowed" in problem.message


@pytest.mark.parametrize(("text", "line"), [("", None), ("# nothing\n", None)])
def test_empty_yaml_is_refused(text: str, line: int | None) -> None:
    problem = only(refused(text, format="yaml"))
    assert (problem.message, problem.line) == ("the document is empty", line)


def test_several_yaml_documents_are_refused() -> None:
    problem = only(refused("a: 1\n---\nb: 2\n"))
    assert problem.line == 2
    assert "a second document starts here" in problem.message


def test_invalid_utf8_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes("name: ok\nnote: caf\u00e9 \xff\n".encode("latin-1"))
    problem = only(refused(path))
    assert (problem.line, problem.column) == (2, 10)
    assert "not valid UTF-8 (byte 0xe9 at offset 18" in problem.message
    assert "save it with UTF-8 encoding" in problem.message


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("format", ["yaml", "json"])
@pytest.mark.parametrize("number", ["9" * 5000, "1e99999999999999999999"])
def test_numbers_too_large_to_represent_are_refused(format: str, number: str) -> None:
    problem = only(refused(f"[1, {number}]", format=format))
    assert (problem.pointer, problem.line, problem.column) == ("/1", 1, 5)
    assert problem.message.startswith("the number ")
    assert "(Limits.max_digits)" in problem.message or "(Limits.max_exponent)" in problem.message
