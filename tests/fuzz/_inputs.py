"""Strategies for hostile input: numbers, text, cells and mutations of valid documents."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import strategies as st

HOSTILE_NUMBERS = [
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "9" * 5000,
    "1" + "0" * 1200,
    "0." + "0" * 1200 + "1",
    "1/0",
    "1/" + "7" * 2000,
    "NaN",
    "inf",
    "-0",
    "1e26",
    "\uff14",
    "\u0663",
    "1\u0663",
    "3,5",
    "0x1F",
    "1_000",
    "",
    " ",
]
"""Numbers and near-numbers that broke, or could break, a parser."""

HOSTILE_TEXT = [
    "\u0085",
    "\u2028",
    "\u2029",
    "\x1b[2J",
    "\x00",
    '"',
    "\r\n",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "n/a",
    "ya",
    "\ufeff",
    "x" * 40_000,
    "../../etc/passwd",
    "&amp;",
]
"""Text that broke, or could break, a reader or writer."""

SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.sampled_from(HOSTILE_TEXT),
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
    st.text(max_size=20),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from([[], {}, [1], {"a": None}, [[[[[]]]]]]),
)
"""A value dropped in place of another."""

CELLS: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(["1", "2", "3", "4", "0", "ya", "tidak", "n/a", "u1", "u2", "persyaratan"]),
    st.integers(-5, 10).map(str),
    st.text(max_size=12),
)
"""A table cell."""


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    stack = [(data, prefix)]
    found: list[tuple[Any, ...]] = []
    while stack:
        value, path = stack.pop()
        found.append(path)
        if isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return found


@st.composite
def mutated(draw: st.DrawFn, seed: Any, max_changes: int = 3) -> Any:
    """``seed`` (plain data) with a few values replaced, keys deleted or lists emptied."""
    data = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, max_changes))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "delete", "duplicate"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            # A copy: SCALARS samples shared lists and dicts, and a later change inside one
            # would alter the sample itself, so a replayed draw would build another shape.
            parent[path[-1]] = copy.deepcopy(draw(SCALARS))
    return data


def render(data: Any, fmt: str) -> str:
    """Plain data as YAML or JSON text."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, default=str)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


PIECES = ["{", "[", ":", "-", "'", '"', "\n", "&a", "*a", " ", "\t", "1e9999999"]
PIECES += ["!!python/object/apply:os.system ['true']", "<<: *a", "\u2028"]
"""What garbling inserts: syntax, anchors and aliases, a code-executing tag, huge numbers."""


@st.composite
def garbled(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few characters inserted, deleted or replaced (syntax-level damage)."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        if not chars:
            break
        at = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(PIECES))
        if action == "insert":
            chars.insert(at, piece)
        elif action == "delete":
            del chars[at]
        else:
            chars[at] = piece
    return "".join(chars)
