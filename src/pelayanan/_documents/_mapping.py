"""Deep-copy and check data that a caller already holds in memory."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pelayanan._documents._context import Collector
from pelayanan._documents.errors import pointer_join
from pelayanan._i18n import gettext

_EXPECTED = "expected plain data (dict, list, str, int, Decimal, bool or None)"


def copy_data(data: Mapping[Any, Any], collector: Collector) -> Any:
    """Return a checked deep copy of ``data`` in the document data model.

    Finite floats become :class:`~decimal.Decimal` via their shortest ``repr`` (so ``0.1``
    becomes ``Decimal("0.1")``); tuples become lists; other mappings become dicts. Problems
    are reported to ``collector``, which stops the copy past ``Limits.max_depth``, so the
    copy recurses no deeper than that (a limit beyond Python's own is reported too).
    """
    try:
        return _copy(data, "", 0, collector)
    except RecursionError:
        collector.stop("", gettext("nested too deeply"))


def _copy(value: Any, pointer: str, depth: int, collector: Collector) -> Any:
    collector.node(pointer, None)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)  # a plain str, even from a str subclass
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float | Decimal):
        finite = math.isfinite(value) if isinstance(value, float) else value.is_finite()
        if finite:
            return Decimal(repr(value)) if isinstance(value, float) else value
        collector.report(pointer, f"expected a finite number, got {value!r}")
        return None
    if isinstance(value, Mapping):
        collector.open_collection(pointer, depth + 1, None)
        copied: dict[str, Any] = {}
        for key, item in value.items():
            where = pointer_join(pointer, str(key))
            if isinstance(key, str):
                copied[str.__str__(key)] = _copy(item, where, depth + 1, collector)
            else:
                kind = type(key).__name__
                collector.report(where, f"mapping keys must be strings, got {kind} {key!r}")
        return copied
    if isinstance(value, list | tuple):
        collector.open_collection(pointer, depth + 1, None)
        return [
            _copy(item, pointer_join(pointer, i), depth + 1, collector)
            for i, item in enumerate(value)
        ]
    collector.report(pointer, f"{_EXPECTED}, got {type(value).__name__}")
    return None
