"""Plain data for every model object, and back, without loss.

``to_data`` gives JSON-ready structures (dicts, lists, strings, ints, booleans, ``None``):
exact numbers are written as integers when whole and as strings otherwise (``"82.295"``,
``"1/9"``), so no value passes through binary floating point. ``*_from_data`` reads the same
shapes back (and also accepts :class:`~decimal.Decimal` numbers from the document loader).
Converting a model object to data and back gives an equal object.

This module knows no files: reading and validating documents is :mod:`pelayanan.documents`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, TypeVar

from pelayanan.model.evidence import Evidence, Provenance
from pelayanan.model.metadata import Change, Metadata, Source, VerificationNote
from pelayanan.model.numbers import Rounding, exact_to_str, to_exact
from pelayanan.model.policies import (
    Aggregation,
    Parameter,
    ParamRef,
    RoundingRules,
    ScoringSpec,
)
from pelayanan.model.results import (
    Assessment,
    NodeResult,
    NodeStatus,
    ResultProvenance,
    ScoreCard,
)
from pelayanan.model.rubric import Group, Indicator, Node, Rubric, Weight
from pelayanan.model.scales import BooleanScale, NumericScale, OrdinalScale, Scale, ScaleLevel
from pelayanan.model.text import Text
from pelayanan.model.units import Unit, UnitTree
from pelayanan.model.zones import Band, Zone, ZoneScheme

__all__ = [
    "ConversionError",
    "assessment_from_data",
    "assessment_to_data",
    "content_hash",
    "evidence_from_data",
    "evidence_to_data",
    "rubric_from_data",
    "rubric_to_data",
    "units_from_data",
    "units_to_data",
    "zone_scheme_from_data",
    "zone_scheme_to_data",
]

Data = dict[str, Any]
T = TypeVar("T")


class ConversionError(ValueError):
    """Data that does not describe a valid object; :attr:`pointer` says where (RFC 6901)."""

    def __init__(self, pointer: str, message: str) -> None:
        self.pointer = pointer
        self.message = message
        super().__init__(f"{pointer or '(root)'}: {message}")


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


class _Reader:
    """Tracks the JSON pointer while reading, so every error says where it happened."""

    def __init__(self) -> None:
        self.path: list[str] = []

    @contextmanager
    def at(self, *parts: str | int) -> Iterator[None]:
        self.path.extend(_escape(part) for part in parts)
        try:
            yield
        finally:
            del self.path[len(self.path) - len(parts) :]

    @property
    def pointer(self) -> str:
        return "".join(f"/{part}" for part in self.path)

    def build(self, factory: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return factory(*args, **kwargs)
        except ConversionError:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise ConversionError(self.pointer, str(error).strip("'\"")) from None

    def mapping(self, data: object) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise ConversionError(self.pointer, f"expected a mapping, got {type(data).__name__}")
        return data

    def sequence(self, data: object) -> list[Any]:
        if not isinstance(data, list | tuple):
            raise ConversionError(self.pointer, f"expected a list, got {type(data).__name__}")
        return list(data)

    def required(self, data: Mapping[str, Any], key: str) -> Any:
        if key not in data:
            raise ConversionError(self.pointer, f"missing required key {key!r}")
        return data[key]


def _num(value: Fraction) -> int | str:
    return value.numerator if value.denominator == 1 else exact_to_str(value)


def _opt_num(value: Fraction | None) -> int | str | None:
    return None if value is None else _num(value)


def _text(value: Text) -> dict[str, str]:
    return value.as_dict()


def _read_text(value: object) -> Text:
    if isinstance(value, str):
        return Text.of(value)
    if isinstance(value, Mapping):
        return Text(value)
    raise ValueError(f"expected a text or a mapping of language to text, got {value!r}")


def _strip_none(data: Data) -> Data:
    return {key: value for key, value in data.items() if value is not None}


# ----------------------------------------------------------------------------- metadata


def _metadata_to_data(meta: Metadata) -> Data:
    return _strip_none(
        {
            "language": meta.language,
            "sources": [
                _strip_none({"title": s.title, "citation": s.citation, "url": s.url})
                for s in meta.sources
            ],
            "verification": [
                {"subject": n.subject, "status": n.status.value, "note": n.note}
                for n in meta.verification
            ],
            "notes": list(meta.notes),
            "base": meta.base,
            "changes": [
                {"target": c.target, "action": c.action, "source": c.source, "detail": c.detail}
                for c in meta.changes
            ],
        }
    )


def _metadata_from(r: _Reader, data: object) -> Metadata:
    raw = r.mapping(data)
    sources = []
    for i, item in enumerate(r.sequence(raw.get("sources", []))):
        with r.at("sources", i):
            sources.append(r.build(Source, **r.mapping(item)))
    notes = []
    for i, item in enumerate(r.sequence(raw.get("verification", []))):
        with r.at("verification", i):
            notes.append(r.build(VerificationNote, **r.mapping(item)))
    changes = []
    for i, item in enumerate(r.sequence(raw.get("changes", []))):
        with r.at("changes", i):
            changes.append(r.build(Change, **r.mapping(item)))
    return r.build(
        Metadata,
        sources=sources,
        verification=notes,
        notes=[str(n) for n in raw.get("notes", [])],
        base=raw.get("base"),
        changes=changes,
        language=raw.get("language", "id"),
    )


# ----------------------------------------------------------------------------- rubric


def _scale_to_data(scale: Scale) -> Data:
    if isinstance(scale, BooleanScale):
        return {"type": "boolean"}
    if isinstance(scale, OrdinalScale):
        return {
            "type": "ordinal",
            "levels": [
                {"value": _num(level.value), "label": _text(level.label)} for level in scale.levels
            ],
        }
    return {"type": "numeric", "minimum": _num(scale.minimum), "maximum": _num(scale.maximum)}


def _scale_from(r: _Reader, data: object, named: Mapping[str, Scale]) -> Scale:
    if isinstance(data, str):
        if data == "boolean":
            return BooleanScale()
        if data in named:
            return named[data]
        raise ConversionError(r.pointer, f"unknown scale {data!r}; declare it under 'scales'")
    raw = r.mapping(data)
    kind = r.required(raw, "type")
    if kind == "boolean":
        return BooleanScale()
    if kind == "numeric":
        return r.build(NumericScale, r.required(raw, "minimum"), r.required(raw, "maximum"))
    if kind == "ordinal":
        if "levels" not in raw and "from" in raw:
            labels = raw.get("labels", [])
            with r.at("labels"):
                return r.build(
                    OrdinalScale.from_range, int(raw["from"]), int(r.required(raw, "to")), labels
                )
        levels = []
        for i, item in enumerate(r.sequence(r.required(raw, "levels"))):
            with r.at("levels", i):
                level = r.mapping(item)
                levels.append(
                    r.build(
                        ScaleLevel,
                        r.required(level, "value"),
                        _read_text(level.get("label", str(level["value"]))),
                    )
                )
        with r.at("levels"):
            return r.build(OrdinalScale, levels)
    with r.at("type"):
        raise ConversionError(
            r.pointer, f"expected 'boolean', 'ordinal' or 'numeric', got {kind!r}"
        )


def _weight_to_data(weight: Weight) -> int | str | Data:
    return {"param": weight.name} if isinstance(weight, ParamRef) else _num(weight)


def _weight_from(r: _Reader, data: object) -> Weight:
    if isinstance(data, Mapping):
        with r.at("weight"):
            return r.build(ParamRef, r.required(data, "param"))
    with r.at("weight"):
        return r.build(lambda v: to_exact(v, what="weight"), data)


def _node_to_data(node: Node) -> Data:
    if isinstance(node, Group):
        return _strip_none(
            {
                "id": node.id,
                "kind": node.kind,
                "title": _text(node.title),
                "description": None if node.description is None else _text(node.description),
                "weight": _weight_to_data(node.weight),
                "children": [_node_to_data(child) for child in node.children],
            }
        )
    return _strip_none(
        {
            "id": node.id,
            "title": _text(node.title),
            "description": None if node.description is None else _text(node.description),
            "scale": _scale_to_data(node.scale),
            "weight": _weight_to_data(node.weight),
            "points": _opt_num(node.points),
            "combine": node.combine.value,
            "not_applicable": node.allow_not_applicable,
        }
    )


def _node_from(r: _Reader, data: object, named: Mapping[str, Scale]) -> Node:
    raw = r.mapping(data)
    common: dict[str, Any] = {
        "id": r.required(raw, "id"),
        "title": _read_text(r.required(raw, "title")),
    }
    if "description" in raw:
        common["description"] = _read_text(raw["description"])
    if "weight" in raw:
        common["weight"] = _weight_from(r, raw["weight"])
    if "children" in raw:
        children = []
        for i, child in enumerate(r.sequence(raw["children"])):
            with r.at("children", i):
                children.append(_node_from(r, child, named))
        return r.build(Group, children=children, kind=raw.get("kind", "group"), **common)
    with r.at("scale"):
        scale = _scale_from(r, raw.get("scale", "boolean"), named)
    return r.build(
        Indicator,
        scale=scale,
        points=raw.get("points"),
        combine=raw.get("combine", "mean"),
        allow_not_applicable=bool(raw.get("not_applicable", False)),
        **common,
    )


def _rounding_to_data(rounding: Rounding | None) -> Data | None:
    return None if rounding is None else {"places": rounding.places, "mode": rounding.mode.value}


def rubric_to_data(rubric: Rubric) -> Data:
    """The rubric as plain data (the shape of a rubric document, without ``$schema``)."""
    return _strip_none(
        {
            "id": rubric.id,
            "version": rubric.version,
            "title": _text(rubric.title),
            "scoring": {
                "model": rubric.scoring.model,
                "options": {
                    k: v if isinstance(v, bool | str) else _num(v)
                    for k, v in rubric.scoring.options
                },
            },
            "zone_scheme": rubric.zone_scheme,
            "aggregation": {
                "default": rubric.aggregation.default.value,
                "levels": {level: method.value for level, method in rubric.aggregation.levels},
            },
            "rounding": {
                "score": _rounding_to_data(rubric.rounding.score),
                "indicator": _rounding_to_data(rubric.rounding.indicator),
            },
            "missing": rubric.missing.value,
            "parameters": [
                _strip_none(
                    {
                        "id": p.id,
                        "title": None if p.title is None else _text(p.title),
                        "choices": {name: _num(value) for name, value in p.choices},
                        "default": p.default,
                    }
                )
                for p in rubric.parameters
            ],
            "parameter_values": dict(rubric.parameter_values) or None,
            "metadata": _metadata_to_data(rubric.metadata),
            "children": [_node_to_data(node) for node in rubric.children],
        }
    )


def _rounding_from(r: _Reader, data: object) -> Rounding | None:
    if data is None:
        return None
    return r.build(Rounding, **r.mapping(data))


def rubric_from_data(data: Mapping[str, Any]) -> Rubric:
    """Build a :class:`Rubric` from plain data; raises :class:`ConversionError` with a pointer."""
    r = _Reader()
    raw = r.mapping(data)
    named: dict[str, Scale] = {}
    for name, spec in r.mapping(raw.get("scales", {})).items():
        with r.at("scales", name):
            named[name] = _scale_from(r, spec, named)
    children = []
    for i, node in enumerate(r.sequence(r.required(raw, "children"))):
        with r.at("children", i):
            children.append(_node_from(r, node, named))
    with r.at("scoring"):
        scoring_raw = r.mapping(raw.get("scoring", {"model": "weighted_mean"}))
        scoring = r.build(
            ScoringSpec, r.required(scoring_raw, "model"), scoring_raw.get("options", {})
        )
    with r.at("aggregation"):
        agg = r.mapping(raw.get("aggregation", {}))
        aggregation = r.build(Aggregation, agg.get("default", "mean"), agg.get("levels", {}))
    with r.at("rounding"):
        rnd = r.mapping(raw.get("rounding", {}))
        with r.at("score"):
            score_rounding = _rounding_from(r, rnd["score"]) if "score" in rnd else Rounding()
        with r.at("indicator"):
            indicator_rounding = _rounding_from(r, rnd.get("indicator"))
    parameters = []
    for i, item in enumerate(r.sequence(raw.get("parameters", []))):
        with r.at("parameters", i):
            p = r.mapping(item)
            title = p.get("title")
            parameters.append(
                r.build(
                    Parameter,
                    r.required(p, "id"),
                    r.mapping(r.required(p, "choices")),
                    r.required(p, "default"),
                    None if title is None else _read_text(title),
                )
            )
    with r.at("metadata"):
        metadata = _metadata_from(r, raw.get("metadata", {}))
    with r.at("title"):
        title = r.build(_read_text, r.required(raw, "title"))
    return r.build(
        Rubric,
        id=r.required(raw, "id"),
        version=str(r.required(raw, "version")),
        title=title,
        children=children,
        scoring=scoring,
        zone_scheme=raw.get("zone_scheme"),
        aggregation=aggregation,
        rounding=RoundingRules(score=score_rounding, indicator=indicator_rounding),
        missing=raw.get("missing", "error"),
        parameters=parameters,
        parameter_values=r.mapping(raw.get("parameter_values") or {}),
        metadata=metadata,
    )


def content_hash(data_or_rubric: Rubric | ZoneScheme | Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of a rubric, zone scheme or plain data.

    Canonical: keys sorted, no insignificant white space, UTF-8, numbers as in ``to_data``.
    """
    if isinstance(data_or_rubric, Rubric):
        data: Mapping[str, Any] = rubric_to_data(data_or_rubric)
    elif isinstance(data_or_rubric, ZoneScheme):
        data = zone_scheme_to_data(data_or_rubric)
    else:
        data = data_or_rubric
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------- zone schemes


def _band_to_data(band: Band) -> Data:
    return _strip_none(
        {
            "lower": _num(band.lower),
            "code": band.code,
            "label": _text(band.label),
            "zone": band.zone,
            "colour": band.colour,
        }
    )


def _zone_to_data(zone: Zone) -> Data:
    return {"id": zone.id, "label": _text(zone.label), "colour": zone.colour}


def zone_scheme_to_data(scheme: ZoneScheme) -> Data:
    """The zone scheme as plain data."""
    return {
        "id": scheme.id,
        "version": scheme.version,
        "title": _text(scheme.title),
        "minimum": _num(scheme.minimum),
        "maximum": _num(scheme.maximum),
        "rounding": _rounding_to_data(scheme.rounding),
        "clamp": scheme.clamp,
        "zones": [_zone_to_data(zone) for zone in scheme.zones],
        "bands": [_band_to_data(band) for band in scheme.bands],
        "metadata": _metadata_to_data(scheme.metadata),
    }


def _band_from(r: _Reader, data: object) -> Band:
    raw = dict(r.mapping(data))
    raw["label"] = _read_text(raw.get("label", raw.get("code", "")))
    return r.build(Band, **raw)


def _zone_from(r: _Reader, data: object) -> Zone:
    raw = dict(r.mapping(data))
    raw["label"] = _read_text(raw.get("label", raw.get("id", "")))
    return r.build(Zone, **raw)


def zone_scheme_from_data(data: Mapping[str, Any]) -> ZoneScheme:
    """Build a :class:`ZoneScheme` from plain data; raises :class:`ConversionError`."""
    r = _Reader()
    raw = r.mapping(data)
    zones, bands = [], []
    for i, item in enumerate(r.sequence(r.required(raw, "zones"))):
        with r.at("zones", i):
            zones.append(_zone_from(r, item))
    for i, item in enumerate(r.sequence(r.required(raw, "bands"))):
        with r.at("bands", i):
            bands.append(_band_from(r, item))
    with r.at("rounding"):
        rounding = _rounding_from(r, raw.get("rounding")) or Rounding()
    with r.at("metadata"):
        metadata = _metadata_from(r, raw.get("metadata", {}))
    return r.build(
        ZoneScheme,
        id=r.required(raw, "id"),
        version=str(r.required(raw, "version")),
        title=_read_text(r.required(raw, "title")),
        minimum=r.required(raw, "minimum"),
        maximum=r.required(raw, "maximum"),
        bands=bands,
        zones=zones,
        rounding=rounding,
        clamp=bool(raw.get("clamp", False)),
        metadata=metadata,
    )


# ----------------------------------------------------------------------------- units, evidence


def _unit_to_data(unit: Unit) -> Data:
    data: Data = {"id": unit.id, "name": unit.name, "level": unit.level}
    if unit.parent is not None:
        data["parent"] = unit.parent
    if unit.weight != 1:
        data["weight"] = _num(unit.weight)
    return data


def units_to_data(tree: UnitTree) -> list[Data]:
    """The unit tree as a list of units (parents before children is not required)."""
    return [_unit_to_data(unit) for unit in tree]


def units_from_data(data: object) -> UnitTree:
    """Build a :class:`UnitTree` from a list of unit mappings."""
    r = _Reader()
    units = []
    for i, item in enumerate(r.sequence(data)):
        with r.at(i):
            units.append(r.build(Unit, **r.mapping(item)))
    return r.build(UnitTree, units)


def _value_to_data(value: object) -> object:
    return _num(value) if isinstance(value, Fraction) else value


def evidence_to_data(item: Evidence) -> Data:
    """One evidence item as a flat mapping (provenance fields beside the value)."""
    p = item.provenance
    data: Data = {"unit": item.unit, "indicator": item.indicator}
    if item.not_applicable:
        data["not_applicable"] = True
    else:
        data["value"] = _value_to_data(item.value)
    data.update(
        _strip_none(
            {
                "kind": None if p.kind is None else p.kind.value,
                "collected_at": None if p.collected_at is None else p.collected_at.isoformat(),
                "collector": p.collector,
                "reference": p.reference,
                "note": p.note,
            }
        )
    )
    return data


def evidence_from_data(data: Mapping[str, Any], pointer: str = "") -> Evidence:
    """Build one :class:`Evidence` item from a flat mapping."""
    r = _Reader()
    if pointer:
        r.path.extend(pointer.lstrip("/").split("/"))
    raw = r.mapping(data)
    provenance = r.build(
        Provenance,
        kind=raw.get("kind"),
        collected_at=raw.get("collected_at"),
        collector=raw.get("collector"),
        reference=raw.get("reference"),
        note=raw.get("note"),
    )
    return r.build(
        Evidence,
        unit=r.required(raw, "unit"),
        indicator=r.required(raw, "indicator"),
        value=raw.get("value"),
        not_applicable=bool(raw.get("not_applicable", False)),
        provenance=provenance,
    )


# ----------------------------------------------------------------------------- results


def _node_result_to_data(node: NodeResult) -> Data:
    return _strip_none(
        {
            "id": node.id,
            "kind": node.kind,
            "title": _text(node.title),
            "status": node.status.value,
            "weight": _num(node.weight),
            "contribution": _num(node.contribution),
            "maximum": _num(node.maximum),
            "lost": _num(node.lost),
            "ratio": _opt_num(node.ratio),
            "value": _opt_num(node.value),
            "evidence_count": node.evidence_count,
            "children": [_node_result_to_data(child) for child in node.children] or None,
        }
    )


def _card_to_data(card: ScoreCard) -> Data:
    return {
        "unit": {"id": card.unit_id, "name": card.name, "level": card.level},
        "score": _opt_num(card.score),
        "published": None if card.published is None else str(card.published),
        "band": None if card.band is None else _band_to_data(card.band),
        "zone": None if card.zone is None else _zone_to_data(card.zone),
        "coverage": _num(card.coverage),
        "evidence_count": card.evidence_count,
        "method": card.method,
        "breakdown": [_node_result_to_data(node) for node in card.breakdown],
        "children": [_card_to_data(child) for child in card.children],
    }


def assessment_to_data(assessment: Assessment) -> Data:
    """The assessment as plain data (the assessment-result document)."""
    p = assessment.provenance
    return {
        "provenance": _strip_none(
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
    }


def _opt_exact(value: object) -> Fraction | None:
    return None if value is None else to_exact(value)


def _node_result_from(r: _Reader, data: object) -> NodeResult:
    raw = r.mapping(data)
    children = []
    for i, child in enumerate(r.sequence(raw.get("children", []))):
        with r.at("children", i):
            children.append(_node_result_from(r, child))
    return r.build(
        NodeResult,
        id=r.required(raw, "id"),
        kind=r.required(raw, "kind"),
        title=_read_text(r.required(raw, "title")),
        status=NodeStatus(r.required(raw, "status")),
        weight=to_exact(r.required(raw, "weight")),
        contribution=to_exact(r.required(raw, "contribution")),
        maximum=to_exact(r.required(raw, "maximum")),
        ratio=_opt_exact(raw.get("ratio")),
        value=_opt_exact(raw.get("value")),
        evidence_count=int(raw.get("evidence_count", 0)),
        children=tuple(children),
    )


def _card_from(r: _Reader, data: object) -> ScoreCard:
    from decimal import Decimal

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
        band = None if raw.get("band") is None else _band_from(r, raw["band"])
    with r.at("zone"):
        zone = None if raw.get("zone") is None else _zone_from(r, raw["zone"])
    published = raw.get("published")
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
    )


def assessment_from_data(data: Mapping[str, Any]) -> Assessment:
    """Build an :class:`Assessment` from plain data; raises :class:`ConversionError`."""
    r = _Reader()
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
    return Assessment(provenance, tuple(cards))
