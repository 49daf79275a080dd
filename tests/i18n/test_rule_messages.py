"""The model's rule messages are lazy: one error, shown in the language in force.

A :class:`RuleError` keeps each finding's English template and its values; ``str()`` of
the error translates them when called. So the same object reads in English under
``use_language("en")`` and in Indonesian under ``use_language("id")``, and a library caller
who never chooses a language sees the default (Indonesian).
"""

from __future__ import annotations

import pickle

import pytest

from pelayanan._i18n import use_language
from pelayanan._model import Overlay
from pelayanan._model.convert import ConversionError, from_data
from pelayanan._model.problems import Finding, Message, RuleError, listing, suggest
from pelayanan._model.units import Unit, UnitTree
from pelayanan._model.zones import Band, Zone, ZoneScheme

ZONES = [Zone("merah", "Merah", "#c62828"), Zone("hijau", "Hijau", "#2e7d32")]


def _overlapping_scheme() -> RuleError:
    bands = [Band("0", "B", "B", "merah"), Band("0", "A", "A", "hijau")]
    with pytest.raises(RuleError) as caught:
        ZoneScheme("contoh", "1", "Contoh", 0, 100, bands, ZONES)
    return caught.value


def test_the_same_rule_error_speaks_english_then_indonesian() -> None:
    error = _overlapping_scheme()
    with use_language("en"):
        english = str(error)
    with use_language("id"):
        indonesian = str(error)
    assert english == (
        "zone scheme 'contoh': /bands/1/lower: band 'A' starts at 0, not above band 'B' before "
        "it, which starts at 0; the bands overlap: list them from lowest to highest with "
        "rising lower bounds (/bands/0)"
    )
    assert indonesian == (
        "skema zona 'contoh': /bands/1/lower: pita 'A' mulai di 0, tidak di atas pita 'B' "
        "sebelumnya yang mulai di 0; pita-pita tumpang tindih: urutkan dari yang terendah ke "
        "yang tertinggi dengan batas bawah yang naik (/bands/0)"
    )
    with use_language("en"):
        assert str(error) == english  # translated each time it is shown, not once


def test_a_library_caller_sees_the_default_language() -> None:
    units = [Unit("a", "A", parent="b"), Unit("b", "B", parent="a")]
    with pytest.raises(RuleError) as caught:
        UnitTree(units)
    assert str(caught.value) == (
        "pohon unit tidak sah: /0/parent: induk-induknya membentuk siklus: a -> b -> a"
    )


def test_listing_and_suggestions_follow_the_language() -> None:
    many = listing([f"u{i}" for i in range(14)], limit=2)
    hint = suggest("kotta", ["kota", "desa"])
    with use_language("en"):
        assert (str(listing([])), str(many), str(hint)) == (
            "none",
            "'u0', 'u1', ... (12 more)",
            "; did you mean 'kota'?",
        )
    with use_language("id"):
        assert (str(listing([])), str(many), str(hint)) == (
            "tidak ada",
            "'u0', 'u1', ... (12 lagi)",
            "; maksud Anda 'kota'?",
        )
    assert str(suggest("zzz", ["kota"])) == ""


def test_a_conversion_error_from_a_document_is_lazy_too() -> None:
    data = {
        "id": "contoh",
        "version": "1",
        "title": "Contoh",
        "minimum": "0",
        "maximum": "100",
        "zones": [{"id": "merah", "label": "Merah", "colour": "#c62828"}],
        "bands": [{"lower": "0", "code": "A", "label": "A", "zone": "biru"}],
    }
    with pytest.raises(ConversionError) as caught:
        from_data(ZoneScheme, data)
    with use_language("en"):
        assert (
            caught.value.message == "zone 'biru' is not declared under 'zones' (declared: 'merah')"
        )
    with use_language("id"):
        assert caught.value.message == (
            "zona 'biru' tidak dideklarasikan di bawah 'zones' (yang dideklarasikan: 'merah')"
        )


def test_findings_compare_hash_and_pickle_as_data() -> None:
    finding = Finding("/0/id", "unit id {id!r} is used twice", "/1", values={"id": "a"})
    same = Finding("/0/id", "unit id {id!r} is used twice", "/1", values=[("id", "a")])
    assert finding == same
    assert hash(finding) == hash(same)
    assert finding != Finding("/0/id", "unit id {id!r} is used twice", "/1", values={"id": "b"})
    nested = Finding("/x", "{name!r}{hint}", values={"name": "x", "hint": suggest("x", ["y"])})
    for value in (finding, nested, Message("rubric {id!r}", {"id": "r"})):
        assert pickle.loads(pickle.dumps(value)) == value
    error = _overlapping_scheme()
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.subject, copy.findings) == (error.subject, error.findings)
    with use_language("en"):
        assert str(copy) == str(error)
    with pytest.raises(ConversionError) as caught:
        from_data(ZoneScheme, {"id": "x"})
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.findings == caught.value.findings


def test_a_ready_made_message_with_braces_is_shown_as_given() -> None:
    # a message from outside (a plugin's text) has no values: it is not formatted
    assert Finding("", "expected {a: 1}").text() == "expected {a: 1}"


def test_an_overlay_of_the_wrong_shape_is_refused_in_either_language() -> None:
    # a library caller's mapping (a file's schema reports this first): an id that is no text,
    # refused by the model's own rule for the ids an overlay lists (one place for the rule)
    from pelayanan._model.convert import from_data

    with pytest.raises(ConversionError) as caught:
        from_data(Overlay, {"id": "x", "version": "1", "base": "skm-2017", "drop": [True]})
    with use_language("en"):
        assert str(caught.value) == "/drop/0: not a valid id: True"
    with use_language("id"):
        assert str(caught.value) == "/drop/0: bukan id yang sah: True"
