"""Deep-copy and check data that a caller already holds in memory."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pelayanan._documents._context import Collector
from pelayanan._documents.errors import pointer_join

_EXPECTED = "expected plain data (dict, list, str, int, Decimal, bool or None)"

# One value still to copy: (value, its pointer, how many containers enclose it,
# the container the copy goes into, and the key or index it goes under).  A target of
# None marks a mapping entry whose key is not a string: it is reported, not copied.
_Task = tuple[Any, str, int, Any, Any]


def copy_data(data: Mapping[Any, Any], collector: Collector) -> Any:
    """Return a checked deep copy of ``data`` in the document data model.

    Works without recursion.  Finite floats become :class:`~decimal.Decimal` via their
    shortest ``repr`` (so ``0.1`` becomes ``Decimal("0.1")``); tuples become lists; other
    mappings become dicts.  Problems are reported to ``collector``.
    """
    holder: list[Any] = [None]
    tasks: list[_Task] = [(data, "", 0, holder, 0)]
    while tasks:
        value, pointer, depth, target, slot = tasks.pop()
        if target is None:  # an entry whose key is not a string
            kind = type(slot).__name__
            collector.report(pointer, f"mapping keys must be strings, got {kind} {slot!r}")
            continue
        collector.node(pointer, None)
        target[slot] = _copy(value, pointer, depth, tasks, collector)
    return holder[0]


def _copy(value: Any, pointer: str, depth: int, tasks: list[_Task], collector: Collector) -> Any:
    """Copy a scalar, or an empty shell of a container whose items are queued as tasks."""
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
    if isinstance(value, Mapping | list | tuple):
        collector.open_collection(pointer, depth + 1, None)
        children: list[_Task] = []
        shell: dict[str, Any] | list[Any]
        if isinstance(value, Mapping):
            shell = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    children.append((item, pointer_join(pointer, str(key)), depth + 1, None, key))
                    continue
                key = str.__str__(key)
                shell[key] = None
                children.append((item, pointer_join(pointer, key), depth + 1, shell, key))
        else:
            shell = [None] * len(value)
            children.extend(
                (item, pointer_join(pointer, index), depth + 1, shell, index)
                for index, item in enumerate(value)
            )
        tasks.extend(reversed(children))  # pop them in document order
        return shell
    collector.report(pointer, f"{_EXPECTED}, got {type(value).__name__}")
    return None
