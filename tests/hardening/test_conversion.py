"""Issue 9, item 9: converters raise their documented error, with a JSON pointer, for any
data; and whatever loads can be dumped."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pelayanan import (
    Evidence,
    Group,
    Indicator,
    Limits,
    Rubric,
    from_data,
    score,
    to_data,
    use_limits,
)
from pelayanan._documents import EvidenceSet, dump, load_evidence, load_text
from pelayanan._model import Assessment, ConversionError, UnitTree

RUBRIC = Rubric("r", "1", "R", [Group("g", "G", [Indicator("a", "A"), Indicator("b", "B")])])
UNITS = UnitTree.flat(["u1"])


def _result() -> dict[str, Any]:
    evidence = [Evidence("u1", "a", True), Evidence("u1", "b", False)]
    return to_data(score(RUBRIC, evidence, UNITS))


def _set(data: dict[str, Any], pointer: str, value: object) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    *path, last = pointer.strip("/").split("/")
    target: Any = changed
    for part in path:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last) if isinstance(target, list) else last] = value
    return changed


_DELETE = object()

CASES = [
    ("/cards/0/unit/id", _DELETE, "/cards/0/unit", "missing required key 'id'"),
    ("/cards/0/unit", "u1", "/cards/0/unit", "expected a mapping"),
    ("/cards/0/published", "abc", "/cards/0/published", "expected a decimal number"),
    ("/cards/0/published", "1/3", "/cards/0/published", "published score"),
    ("/cards/0/score", "1e999999999", "/cards/0/score", "max_exponent"),
    ("/cards/0/coverage", {"a": 1}, "/cards/0/coverage", "expected a number"),
    ("/cards/0/evidence_count", "x", "/cards/0/evidence_count", "expected a count"),
    ("/cards/0/breakdown/0/status", "bogus", "/cards/0/breakdown/0/status", "bogus"),
    ("/cards/0/breakdown/0/children", 5, "/cards/0/breakdown/0/children", "expected a list"),
    ("/cards/0/breakdown/0/weight", None, "/cards/0/breakdown/0/weight", "expected a number"),
    ("/provenance/evidence_count", "two", "/provenance/evidence_count", "expected a count"),
    ("/provenance/rubric/id", _DELETE, "/provenance/rubric", "missing required key 'id'"),
    ("/provenance/parameters", [1], "/provenance/parameters", "expected a mapping"),
    ("/provenance/zone_scheme", "x", "/provenance/zone_scheme", "expected a mapping"),
    ("/cards", {}, "/cards", "expected a list"),
]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(("where", "value", "pointer", "message"), CASES)
def test_assessment_from_data_raises_conversion_errors_with_a_pointer(
    where: str, value: object, pointer: str, message: str
) -> None:
    bad = _set(_result(), where, value)
    with pytest.raises(ConversionError) as caught:
        from_data(Assessment, bad)
    assert caught.value.pointer == pointer
    assert message in caught.value.message


def test_not_a_mapping_at_all() -> None:
    for data in ([], "x", None, 5):
        with pytest.raises(ConversionError) as caught:
            from_data(Assessment, data)  # type: ignore[arg-type]
        assert caught.value.pointer == ""


def test_a_good_result_still_reads_back_equal() -> None:
    data = _result()
    assert to_data(from_data(Assessment, data)) == data


def test_dump_writes_whatever_was_loaded() -> None:
    # 5,000 digits: more than Python writes as an int by default; allowed by raised limits.
    big = "9" * 5000
    limits = Limits(max_digits=6000, max_exponent=6000)
    text = f"evidence:\n- unit: u\n  indicator: i\n  value: {big}\n"
    with use_limits(limits):
        loaded = load_evidence(load_text(text))
        written = dump(loaded)  # raised ValueError (int to str conversion) before
        again = load_evidence(load_text(written))
    assert big in written
    assert again == loaded
    assert isinstance(loaded, EvidenceSet)


def test_a_published_score_that_is_no_decimal_is_refused_in_indonesian() -> None:
    bad = _set(_result(), "/cards/0/published", "1/3")
    with pytest.raises(ConversionError) as caught:
        from_data(Assessment, bad)
    assert (caught.value.pointer, caught.value.message) == (
        "/cards/0/published",
        "nilai terbitan: yang diharapkan bilangan desimal seperti '80.95', diterima '1/3'",
    )


@pytest.mark.usefixtures("english")
def test_a_published_score_that_is_no_decimal_is_refused_in_english() -> None:
    bad = _set(_result(), "/cards/0/published", "1/3")
    with pytest.raises(ConversionError) as caught:
        from_data(Assessment, bad)
    assert (caught.value.pointer, caught.value.message) == (
        "/cards/0/published",
        "published score: expected a decimal number such as '80.95', got '1/3'",
    )


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("/cards/0/evidence_count", "x", "yang diharapkan jumlah (bilangan bulat, 0 atau lebih), "),
        ("/provenance/evidence_count", "two", "yang diharapkan jumlah (bilangan bulat, 0 atau "),
    ],
)
def test_the_generic_reader_speaks_indonesian_by_default(
    where: str, value: object, message: str
) -> None:
    # The same cases as above (English there), read in the default language.
    bad = _set(_result(), where, value)
    with pytest.raises(ConversionError) as caught:
        from_data(Assessment, bad)
    assert caught.value.pointer == where
    assert caught.value.message.startswith(message)
    assert caught.value.message.endswith(f"diterima '{value}'")
