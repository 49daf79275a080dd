"""Assessments (score cards and their breakdowns) as plain data and back."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pelayanan.model.convert._common import band_from, band_to_data, zone_from, zone_to_data
from pelayanan.model.convert._reader import (
    Data,
    Reader,
    number_data,
    optional_number_data,
    read_text,
    strip_none,
    text_data,
)
from pelayanan.model.numbers import to_exact
from pelayanan.model.records import EvidenceRecord, TargetResult
from pelayanan.model.results import Assessment, NodeResult, NodeStatus, ResultProvenance, ScoreCard

__all__ = ["assessment_from_data", "assessment_to_data"]


def _node_result_to_data(node: NodeResult) -> Data:
    return strip_none(
        {
            "id": node.id,
            "kind": node.kind,
            "title": text_data(node.title),
            "status": node.status.value,
            "weight": number_data(node.weight),
            "contribution": number_data(node.contribution),
            "maximum": number_data(node.maximum),
            "lost": number_data(node.lost),
            "ratio": optional_number_data(node.ratio),
            "value": optional_number_data(node.value),
            "evidence_count": node.evidence_count,
            "children": [_node_result_to_data(child) for child in node.children] or None,
        }
    )


def target_to_data(target: TargetResult) -> Data:
    """A target as the ``target`` field of a card: score, band, gap (decimal strings), met."""
    return {
        "score": None if target.score is None else str(target.score),
        "band": target.band,
        "gap": None if target.gap is None else str(target.gap),
        "met": target.met,
        **strip_none(
            {"period": target.period, "agreed_by": target.agreed_by, "agreed_at": target.agreed_at}
        ),
    }


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


def _record_to_data(record: EvidenceRecord) -> Data:
    return strip_none({key: getattr(record, key) for key in _RECORD_KEYS})


def _card_to_data(card: ScoreCard) -> Data:
    data = _card_fields(card)
    if card.target is not None:
        data["target"] = target_to_data(card.target)
    return data


def _card_fields(card: ScoreCard) -> Data:
    return {
        "unit": {"id": card.unit_id, "name": card.name, "level": card.level},
        "score": optional_number_data(card.score),
        "published": None if card.published is None else str(card.published),
        "band": None if card.band is None else band_to_data(card.band),
        "zone": None if card.zone is None else zone_to_data(card.zone),
        "coverage": number_data(card.coverage),
        "evidence_count": card.evidence_count,
        "method": card.method,
        "breakdown": [_node_result_to_data(node) for node in card.breakdown],
        "children": [_card_to_data(child) for child in card.children],
    }


def assessment_to_data(assessment: Assessment) -> Data:
    """The assessment as plain data (the assessment-result document)."""
    p = assessment.provenance
    return {
        "provenance": strip_none(
            {
                "rubric": {"id": p.rubric_id, "version": p.rubric_version, "hash": p.rubric_hash},
                "zone_scheme": None
                if p.zone_scheme_id is None
                else {
                    "id": p.zone_scheme_id,
                    "version": p.zone_scheme_version,
                    "hash": p.zone_scheme_hash,
                },
                "parameters": dict(p.parameters),
                "scoring_model": p.scoring_model,
                "library_version": p.library_version,
                "evidence_count": p.evidence_count,
                "assessed_on": p.assessed_on,
            }
        ),
        "cards": [_card_to_data(card) for card in assessment.cards],
        **(
            {"records": [_record_to_data(x) for x in assessment.records]}
            if assessment.records
            else {}
        ),
    }


def _opt_exact(value: object) -> Fraction | None:
    return None if value is None else to_exact(value)


def _node_result_from(r: Reader, data: object) -> NodeResult:
    raw = r.mapping(data)
    children = []
    for i, child in enumerate(r.sequence(raw.get("children", []))):
        with r.at("children", i):
            children.append(_node_result_from(r, child))
    return r.build(
        NodeResult,
        id=r.required(raw, "id"),
        kind=r.required(raw, "kind"),
        title=read_text(r.required(raw, "title")),
        status=NodeStatus(r.required(raw, "status")),
        weight=to_exact(r.required(raw, "weight")),
        contribution=to_exact(r.required(raw, "contribution")),
        maximum=to_exact(r.required(raw, "maximum")),
        ratio=_opt_exact(raw.get("ratio")),
        value=_opt_exact(raw.get("value")),
        evidence_count=int(raw.get("evidence_count", 0)),
        children=tuple(children),
    )


def _card_from(r: Reader, data: object) -> ScoreCard:
    raw = r.mapping(data)
    unit = r.mapping(r.required(raw, "unit"))
    breakdown, children = [], []
    for i, node in enumerate(r.sequence(raw.get("breakdown", []))):
        with r.at("breakdown", i):
            breakdown.append(_node_result_from(r, node))
    for i, child in enumerate(r.sequence(raw.get("children", []))):
        with r.at("children", i):
            children.append(_card_from(r, child))
    with r.at("band"):
        band = None if raw.get("band") is None else band_from(r, raw["band"])
    with r.at("zone"):
        zone = None if raw.get("zone") is None else zone_from(r, raw["zone"])
    published = raw.get("published")
    target = None
    if raw.get("target") is not None:
        with r.at("target"):
            target = _target_from(r, raw["target"])
    return r.build(
        ScoreCard,
        unit_id=unit["id"],
        name=unit["name"],
        level=unit["level"],
        score=_opt_exact(raw.get("score")),
        published=None if published is None else Decimal(str(published)),
        band=band,
        zone=zone,
        coverage=to_exact(r.required(raw, "coverage")),
        breakdown=tuple(breakdown),
        children=tuple(children),
        evidence_count=int(raw.get("evidence_count", 0)),
        method=str(raw.get("method", "")),
        target=target,
    )


def assessment_from_data(data: Mapping[str, Any]) -> Assessment:
    """Build an :class:`Assessment` from plain data; raises :class:`ConversionError`."""
    r = Reader()
    raw = r.mapping(data)
    with r.at("provenance"):
        p = r.mapping(r.required(raw, "provenance"))
        rubric = r.mapping(r.required(p, "rubric"))
        scheme = p.get("zone_scheme") or {}
        provenance = r.build(
            ResultProvenance,
            rubric_id=rubric["id"],
            rubric_version=rubric["version"],
            rubric_hash=rubric["hash"],
            library_version=p["library_version"],
            evidence_count=int(p["evidence_count"]),
            parameters=tuple(sorted(dict(p.get("parameters", {})).items())),
            zone_scheme_id=scheme.get("id"),
            zone_scheme_version=scheme.get("version"),
            zone_scheme_hash=scheme.get("hash"),
            scoring_model=p.get("scoring_model", ""),
            assessed_on=p.get("assessed_on"),
        )
    cards = []
    for i, card in enumerate(r.sequence(r.required(raw, "cards"))):
        with r.at("cards", i):
            cards.append(_card_from(r, card))
    records = []
    for i, item in enumerate(r.sequence(raw.get("records", []))):
        with r.at("records", i):
            entry = r.mapping(item)
            fields = {key: entry.get(key) for key in _RECORD_KEYS}
            records.append(r.build(EvidenceRecord, **fields))
    return Assessment(provenance, tuple(cards), tuple(records))
