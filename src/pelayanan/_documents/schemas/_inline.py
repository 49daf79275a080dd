"""Inline ``$ref``s of the bundled schemas for faster validation, keeping their meaning.

Resolving a ``$ref`` costs more than checking the value it leads to, and an evidence file may
hold hundreds of thousands of items, each with a few references to ``common.json``. The
validators therefore use copies of the schemas in which every reference that does not lead
back to itself is replaced by its target. Recursive references (a rubric node inside a group)
stay, made absolute, and resolve through the registry as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urljoin

from pelayanan._documents.schemas._messages import EXPECTED

_ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment", EXPECTED})
"""Keywords that say nothing about validity, so a target may be merged with them."""


def _follow(schema: Any, pointer: str) -> Any:
    """The part of ``schema`` that the JSON pointer ``pointer`` names."""
    node = schema
    for token in pointer.split("/")[1:] if pointer else ():
        key = token.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


class Inliner:
    """Builds inlined copies of schemas, sharing the work between them.

    Args:
        load: Returns a bundled schema by its ``$id``.
    """

    def __init__(self, load: Callable[[str], Mapping[str, Any]]) -> None:
        self._load = load
        self._done: dict[tuple[str, str], Any] = {}
        self._visiting: set[tuple[str, str]] = set()

    def schema(self, uri: str) -> Any:
        """The inlined copy of the schema with ``$id`` ``uri``."""
        return self._target(uri, "")

    def _target(self, uri: str, pointer: str) -> Any:
        key = (uri, pointer)
        if key in self._done:
            return self._done[key]
        if key in self._visiting:
            return None  # it leads back to itself: keep the reference
        self._visiting.add(key)
        try:
            result = self._walk(uri, _follow(self._load(uri), pointer))
        finally:
            self._visiting.discard(key)
        self._done[key] = result
        return result

    def _walk(self, uri: str, node: Any) -> Any:
        if isinstance(node, list):
            return [self._walk(uri, item) for item in node]
        if not isinstance(node, Mapping):
            return node
        out = {key: self._walk(uri, value) for key, value in node.items() if key != "$ref"}
        reference = node.get("$ref")
        if not isinstance(reference, str):
            return out
        target_uri, _, pointer = urljoin(uri, reference).partition("#")
        target = self._target(target_uri, pointer)
        if target is None:
            out["$ref"] = f"{target_uri}#{pointer}"
            return out
        if set(out) <= _ANNOTATIONS and isinstance(target, Mapping):
            return {**target, **out}
        return {**out, "allOf": [*out.get("allOf", []), target]}
