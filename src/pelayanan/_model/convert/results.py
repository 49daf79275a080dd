"""Assessments (score cards and their breakdowns) as plain data and back."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pelayanan._model.convert._common import band_from, zone_from
from pelayanan._model.convert._fields import plain
from pelayanan._model.convert._reader import ConversionError, Data, Reader, read_text
from pelayanan._model.limits import current_limits
from pelayanan._model.numbers import to_exact
from pelayanan._model.records import EvidenceRecord, TargetResult
from pelayanan._model.results import Assessment, NodeResult, NodeStatus, ResultProvenance, ScoreCard

__all__ = ["assessment_from_data", "assessment_to_data"]


def target_to_data(target: TargetResult) -> Data:
    """A target as the ``target`` field of a card: score, band, gap (decimal strings), met."""
    return plain(target)  # type: ignore[no-any-return]


def _target_from(r: Reader, data: object) -> TargetResult:
    raw = r.mapping(data)
    met = raw.get("met")
    if met is not None and not isinstance(met, bool):
        with r.at("met"):
            r.build(_fail, "expected true, false or null")
    return r.build(
        TargetResult,
        score=raw.get("score"),
        band=raw.get("band"),
        gap=raw.get("gap"),
        met=met,
        period=None if raw.get("period") is None else str(raw["period"]),
        agreed_by=raw.get("agreed_by"),
        agreed_at=None if raw.get("agreed_at") is None else str(raw["agreed_at"]),
    )


def _fail(message: str) -> None:
    raise ValueError(message)


_RECORD_KEYS = ("unit", "indicator", "kind", "reference", "note", "collector", "collected_at")


def assessment_to_data(assessment: Assessment) -> Data:
    """The assessment as plain data (the assessment-result document)."""
    return plain(assessment)  # type: ignore[no-any-return]


def _opt_exact(value: object) -> Fraction | None:
    return None if value is None else to_exact(value)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a count (a whole number, 0 or more), got {value!r}")
    return value


def _published(value: object) -> Decimal | None:
    """A published score: a decimal written as text or a number, e.g. ``"80.95"``."""
    if value is None:
        return None
    exact = to_exact(value, what="published score")  # bounded before Decimal sees it
    text = str(value).strip()
    if "/" in text or isinstance(value, bool):
        raise ValueError(f"expected a published score such as '80.95', got {value!r}")
    published = Decimal(text)
    if Fraction(published) != exact:
        raise ValueError(f"expected a published score such as '80.95', got {value!r}")
    return published


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__} {value!r}")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _field(r: Reader, raw: Mapping[str, Any], key: str, convert: Any, default: Any = ...) -> Any:
    """``convert(raw[key])`` read at ``key``; ``default`` when absent (required without it)."""
    if key not in raw:
        if default is ...:
            raise ConversionError(r.pointer, f"missing required key {key!r}")
        return default
    with r.at(key):
        return convert(raw[key])


def _node_result_from(r: Reader, data: object) -> NodeResult:
    raw = r.mapping(data)
    children = []
    with r.at("children"):
        items = r.sequence(raw.get("children", []))
    for i, child in enumerate(items):
        with r.at("children", i):
            children.append(_node_result_from(r, child))
    return r.build(
        NodeResult,
        id=_field(r, raw, "id", _text),
        kind=_field(r, raw, "kind", _text),
        title=_field(r, raw, "title", read_text),
        status=_field(r, raw, "status", NodeStatus),
        weight=_field(r, raw, "weight", to_exact),
        contribution=_field(r, raw, "contribution", to_exact),
        maximum=_field(r, raw, "maximum", to_exact),
        ratio=_field(r, raw, "ratio", _opt_exact, None),
        value=_field(r, raw, "value", _opt_exact, None),
        evidence_count=_field(r, raw, "evidence_count", _count, 0),
        children=tuple(children),
    )


def _card_from(r: Reader, data: object, depth: int) -> ScoreCard:
    raw = r.mapping(data)
    limit = current_limits().max_tree_depth
    if depth > limit:
        raise ConversionError(
            r.pointer,
            f"score cards are nested more than {limit} levels deep (Limits.max_tree_depth)",
        )
    with r.at("unit"):
        unit = r.mapping(r.required(raw, "unit"))
    breakdown, children = [], []
    with r.at("breakdown"):
        nodes = r.sequence(raw.get("breakdown", []))
    for i, node in enumerate(nodes):
        with r.at("breakdown", i):
            breakdown.append(_node_result_from(r, node))
    with r.at("children"):
        kids = r.sequence(raw.get("children", []))
    for i, child in enumerate(kids):
        with r.at("children", i):
            children.append(_card_from(r, child, depth + 1))
    with r.at("band"):
        band = None if raw.get("band") is None else band_from(r, raw["band"])
    with r.at("zone"):
        zone = None if raw.get("zone") is None else zone_from(r, raw["zone"])
    target = None
    if raw.get("target") is not None:
        with r.at("target"):
            target = _target_from(r, raw["target"])
    with r.at("unit"):
        unit_id = _field(r, unit, "id", _text)
        name = _field(r, unit, "name", _text)
        level = _field(r, unit, "level", _text)
    return r.build(
        ScoreCard,
        unit_id=unit_id,
        name=name,
        level=level,
        score=_field(r, raw, "score", _opt_exact, None),
        published=_field(r, raw, "published", _published, None),
        band=band,
        zone=zone,
        coverage=_field(r, raw, "coverage", to_exact),
        breakdown=tuple(breakdown),
        children=tuple(children),
        evidence_count=_field(r, raw, "evidence_count", _count, 0),
        method=_field(r, raw, "method", _text, ""),
        target=target,
    )


def _parameters(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a mapping of parameter to choice, got {value!r}")
    for key, choice in value.items():
        if not isinstance(key, str) or not isinstance(choice, str):
            raise ValueError(f"expected text parameter choices, got {key!r}: {choice!r}")
    return tuple(sorted(value.items()))


def assessment_from_data(data: Mapping[str, Any]) -> Assessment:
    """Build an :class:`Assessment` from plain data.

    Raises:
        ConversionError: for any data that is not a valid assessment, with the JSON pointer
            of the offending value (never a raw ``KeyError`` or ``ValueError``).
    """
    r = Reader()
    with r.at():
        raw = r.mapping(data)
        with r.at("provenance"):
            p = r.mapping(r.required(raw, "provenance"))
            with r.at("rubric"):
                rubric = r.mapping(r.required(p, "rubric"))
                rubric_id = _field(r, rubric, "id", _text)
                rubric_version = _field(r, rubric, "version", _text)
                rubric_hash = _field(r, rubric, "hash", _text)
            with r.at("zone_scheme"):
                scheme = r.mapping(p.get("zone_scheme") or {})
                scheme_id = _field(r, scheme, "id", _optional_text, None)
                scheme_version = _field(r, scheme, "version", _optional_text, None)
                scheme_hash = _field(r, scheme, "hash", _optional_text, None)
            provenance = r.build(
                ResultProvenance,
                rubric_id=rubric_id,
                rubric_version=rubric_version,
                rubric_hash=rubric_hash,
                library_version=_field(r, p, "library_version", _text),
                evidence_count=_field(r, p, "evidence_count", _count),
                parameters=_field(r, p, "parameters", _parameters, ()),
                zone_scheme_id=scheme_id,
                zone_scheme_version=scheme_version,
                zone_scheme_hash=scheme_hash,
                scoring_model=_field(r, p, "scoring_model", _text, ""),
                assessed_on=_field(r, p, "assessed_on", _optional_text, None),
            )
        cards = []
        with r.at("cards"):
            items = r.sequence(r.required(raw, "cards"))
        for i, card in enumerate(items):
            with r.at("cards", i):
                cards.append(_card_from(r, card, 1))
        records = []
        with r.at("records"):
            entries = r.sequence(raw.get("records", []))
        for i, item in enumerate(entries):
            with r.at("records", i):
                entry = r.mapping(item)
                fields = {key: entry.get(key) for key in _RECORD_KEYS}
                records.append(r.build(EvidenceRecord, **fields))
        return r.build(Assessment, provenance, tuple(cards), tuple(records))
