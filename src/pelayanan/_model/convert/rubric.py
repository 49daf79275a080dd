"""Rubrics as plain data and back, and the content hash of rubrics and zone schemes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from pelayanan._model.convert._common import (
    metadata_from,
    metadata_to_data,
    rounding_from,
    rounding_to_data,
    scale_from,
    scale_to_data,
    weight_from,
    weight_to_data,
)
from pelayanan._model.convert._reader import (
    Data,
    Reader,
    number_data,
    optional_number_data,
    read_text,
    strip_none,
    text_data,
)
from pelayanan._model.convert.zones import zone_scheme_to_data
from pelayanan._model.numbers import Rounding
from pelayanan._model.policies import Aggregation, Parameter, RoundingRules, ScoringSpec
from pelayanan._model.rubric import Group, Indicator, Node, Rubric
from pelayanan._model.scales import Scale
from pelayanan._model.zones import ZoneScheme

__all__ = ["content_hash", "rubric_from_data", "rubric_to_data"]


def _node_to_data(node: Node) -> Data:
    if isinstance(node, Group):
        return strip_none(
            {
                "id": node.id,
                "kind": node.kind,
                "title": text_data(node.title),
                "description": None if node.description is None else text_data(node.description),
                "weight": weight_to_data(node.weight),
                "children": [_node_to_data(child) for child in node.children],
            }
        )
    return strip_none(
        {
            "id": node.id,
            "title": text_data(node.title),
            "description": None if node.description is None else text_data(node.description),
            "scale": scale_to_data(node.scale),
            "weight": weight_to_data(node.weight),
            "points": optional_number_data(node.points),
            "combine": node.combine.value,
            "not_applicable": node.allow_not_applicable,
            "aliases": list(node.aliases) or None,
        }
    )


def _node_from(r: Reader, data: object, named: Mapping[str, Scale]) -> Node:
    raw = r.mapping(data)
    common: dict[str, Any] = {
        "id": r.required(raw, "id"),
        "title": read_text(r.required(raw, "title")),
    }
    if "description" in raw:
        common["description"] = read_text(raw["description"])
    if "weight" in raw:
        common["weight"] = weight_from(r, raw["weight"])
    if "children" in raw:
        children = []
        for i, child in enumerate(r.sequence(raw["children"])):
            with r.at("children", i):
                children.append(_node_from(r, child, named))
        return r.build(Group, children=children, kind=raw.get("kind", "group"), **common)
    with r.at("scale"):
        scale = scale_from(r, raw.get("scale", "boolean"), named)
    return r.build(
        Indicator,
        scale=scale,
        points=raw.get("points"),
        combine=raw.get("combine", "mean"),
        allow_not_applicable=bool(raw.get("not_applicable", False)),
        aliases=tuple(r.sequence(raw.get("aliases", []))),
        **common,
    )


def rubric_to_data(rubric: Rubric) -> Data:
    """The rubric as plain data (the shape of a rubric document, without ``$schema``)."""
    return strip_none(
        {
            "id": rubric.id,
            "version": rubric.version,
            "title": text_data(rubric.title),
            "scoring": {
                "model": rubric.scoring.model,
                "options": {
                    k: v if isinstance(v, bool | str) else number_data(v)
                    for k, v in rubric.scoring.options
                },
            },
            "zone_scheme": rubric.zone_scheme,
            "aggregation": {
                "default": rubric.aggregation.default.value,
                "levels": {level: method.value for level, method in rubric.aggregation.levels},
            },
            "rounding": {
                "score": rounding_to_data(rubric.rounding.score),
                "indicator": rounding_to_data(rubric.rounding.indicator),
            },
            "missing": rubric.missing.value,
            "parameters": [
                strip_none(
                    {
                        "id": p.id,
                        "title": None if p.title is None else text_data(p.title),
                        "choices": {name: number_data(value) for name, value in p.choices},
                        "default": p.default,
                    }
                )
                for p in rubric.parameters
            ],
            "parameter_values": dict(rubric.parameter_values) or None,
            "metadata": metadata_to_data(rubric.metadata),
            "children": [_node_to_data(node) for node in rubric.children],
        }
    )


def rubric_from_data(data: Mapping[str, Any]) -> Rubric:
    """Build a :class:`Rubric` from plain data; raises :class:`ConversionError` with a pointer."""
    r = Reader()
    raw = r.mapping(data)
    named: dict[str, Scale] = {}
    for name, spec in r.mapping(raw.get("scales", {})).items():
        with r.at("scales", name):
            named[name] = scale_from(r, spec, named)
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
            score_rounding = rounding_from(r, rnd["score"]) if "score" in rnd else Rounding()
        with r.at("indicator"):
            indicator_rounding = rounding_from(r, rnd.get("indicator"))
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
                    None if title is None else read_text(title),
                )
            )
    with r.at("metadata"):
        metadata = metadata_from(r, raw.get("metadata", {}))
    with r.at("title"):
        title = r.build(read_text, r.required(raw, "title"))
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
