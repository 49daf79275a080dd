"""Rubrics as plain data and back, and the content hash of rubrics and zone schemes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from pelayanan._i18n import N_
from pelayanan._model.convert._fields import build, built_parts, plain, read_scale
from pelayanan._model.convert._reader import Reader
from pelayanan._model.policies import Parameter
from pelayanan._model.problems import Message, suggest
from pelayanan._model.rubric import (
    Group,
    Indicator,
    Rubric,
    parameter_findings,
    tree_findings,
)
from pelayanan._model.scales import Scale
from pelayanan._model.zones import ZoneScheme

__all__ = ["content_hash", "read_rubric"]

_DOCUMENT_ONLY = ("scales", "weights_sum")
"""Keys of a rubric document the model does not keep: named scales (read into the
indicators) and the declared weight totals (the documents' check)."""


def _named_scales(r: Reader, data: object) -> None:
    """Read the named scales into ``r.scales`` (those that can be read) and ``r.declared``
    (every name declared), keeping their problems in ``r.found``."""
    with r.at("scales"):
        declared = r.attempt(functools.partial(r.mapping, data)) or {}
    named: dict[str, Scale] = r.scales
    for name, spec in declared.items():
        with r.at("scales", name):
            if isinstance(spec, str) and spec != "boolean" and spec not in named:
                later = Message(N_(" (it is declared below; a scale may only name one above it)"))
                hint = later if spec in declared else suggest(spec, [*named, "boolean"])
                message = N_("unknown scale {name!r}{hint}")
                r.attempt(functools.partial(r.fail, message, name=spec, hint=hint))
                continue
            scale = r.attempt(functools.partial(read_scale, r, spec))
            if scale is not None:
                named[name] = scale
    r.declared = list(declared)


def read_rubric(r: Reader, data: Any) -> Rubric:
    """A :class:`Rubric` from plain data; raises :class:`ConversionError` listing every part
    that cannot be read and the rules of :class:`Rubric` that the readable parts break."""
    raw = r.mapping(data)
    _named_scales(r, raw.get("scales", {}))
    r.built = []
    body = {key: value for key, value in raw.items() if key not in _DOCUMENT_ONLY}
    rubric = r.attempt(functools.partial(build, r, Rubric, body))
    if rubric is None or r.found:  # the rules the parts that could be read break, too
        nodes = [(at, part) for at, part in r.built if isinstance(part, Group | Indicator)]
        parameters = built_parts(r, raw, "parameters", Parameter)
        values = raw.get("parameter_values")
        pairs = [(str(k), str(v)) for k, v in values.items()] if isinstance(values, Mapping) else []
        more = [*tree_findings(nodes), *parameter_findings(nodes, parameters, pairs)]
        r.found = list(dict.fromkeys([*r.found, *more]))  # the rubric's own check found some
        r.stop()
    assert rubric is not None  # r.stop() raised otherwise
    return rubric


def content_hash(data_or_rubric: Rubric | ZoneScheme | Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of a rubric, zone scheme or plain data.

    Canonical: keys sorted, no insignificant white space, UTF-8, numbers as in ``to_data``.
    """
    data = data_or_rubric if isinstance(data_or_rubric, Mapping) else plain(data_or_rubric)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
