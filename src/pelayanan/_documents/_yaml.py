"""A YAML reader built on PyYAML's event stream, never on its constructors.

Reading events (instead of composing nodes) keeps the reader iterative, so deep nesting is
refused at the limit without recursion, and aliases are refused the moment they appear,
before anything could be expanded.  Scalars are typed with PyYAML's YAML 1.1 resolver,
then turned into plain data here: no tag ever selects Python code.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from pelayanan._documents._context import Collector, LineIndex, Position
from pelayanan._documents._yaml_scalars import (
    ALLOWED,
    MAP,
    SEQ,
    EventLoader,
    event_loader,
    key_problem,
    scalar_value,
    show_tag,
)
from pelayanan._documents.errors import pointer_join


def _where(event: Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Frame:
    """A mapping or list that is still open."""

    __slots__ = ("container", "key", "key_text", "pointer", "seen", "skip_value", "wants_key")

    def __init__(self, container: dict[str, Any] | list[Any], pointer: str) -> None:
        self.container = container
        self.pointer = pointer
        self.wants_key = isinstance(container, dict)
        self.key: str | None = None  # where the next value goes; None: do not store it
        self.key_text = ""
        self.skip_value = False
        self.seen: dict[str, Position] = {}

    def child_pointer(self) -> str:
        if isinstance(self.container, list):
            return pointer_join(self.pointer, len(self.container))
        return pointer_join(self.pointer, self.key_text)

    def add(self, value: Any) -> None:
        if isinstance(self.container, list):
            self.container.append(value)
            return
        if self.key is not None:
            self.container[self.key] = value
        self.wants_key = True


class NeedsPurePython(Exception):
    """The fast libyaml pass met an error; read again with the pure-Python parser."""


class YamlReader:
    """Reads one YAML document into plain data, recording positions and problems.

    Args:
        text: The YAML text.
        collector: Receives positions and problems; raises ``Stop`` on fatal ones.
    """

    def __init__(self, text: str, collector: Collector, *, fast: bool = False) -> None:
        self._text = text
        self._collector = collector
        self._fast = fast
        self._frames: list[_Frame] = []
        self._root: Any = None

    def read(self) -> Any:
        """Read the whole text and return the document's value.

        Raises:
            NeedsPurePython: on the fast path, when libyaml rejects the text; the caller
                re-reads it with the pure-Python parser, whose messages and depth handling
                are the ones documented and tested.
        """
        try:
            loader = event_loader(self._text) if self._fast else EventLoader(self._text)
            try:
                self._read(loader)
            finally:
                loader.dispose()
        except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as err:
            if self._fast:
                raise NeedsPurePython from err
            if isinstance(err, yaml.MarkedYAMLError):
                self._syntax_error(err)
                return self._root
            position = LineIndex(self._text).locate(err.position)
            self._collector.stop(
                "", f"the control character U+{err.character:04X} is not allowed in YAML", position
            )
        return self._root

    def _read(self, loader: EventLoader) -> None:
        documents = 0
        while (event := loader.next_event()) is not None:
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._collector.stop(
                        "", "a second document starts here; a file must hold one", _where(event)
                    )
            elif isinstance(event, CollectionEndEvent):
                frame = self._frames.pop()
                self._add(frame.container)
            elif isinstance(event, NodeEvent):
                self._node(loader, event)
        if documents == 0:
            self._collector.report("", "the document is empty")

    def _node(self, loader: EventLoader, event: NodeEvent) -> None:
        frame = self._frames[-1] if self._frames else None
        if frame is not None and frame.wants_key:
            self._key(loader, frame, event)
            return
        if frame is not None and frame.skip_value:
            _skip(loader, event)
            frame.skip_value = False
            frame.add(None)
            return
        pointer = frame.child_pointer() if frame is not None else ""
        position = _where(event)
        if frame is None or isinstance(frame.container, list):
            self._collector.positions[pointer] = position  # members: position of the key
        self._collector.node(pointer, position)
        self._check_anchor(event, pointer, position)
        if isinstance(event, ScalarEvent):
            self._add(self._scalar(loader, event, pointer, position))
        elif isinstance(event, CollectionStartEvent):
            self._open(event, pointer, position)
        else:
            self._add(None)

    def _open(self, event: CollectionStartEvent, pointer: str, position: Position) -> None:
        self._collector.open_collection(pointer, len(self._frames) + 1, position)
        is_mapping = isinstance(event, MappingStartEvent)
        if event.tag not in (None, "!", MAP if is_mapping else SEQ):
            shown = show_tag(event.tag or "")
            self._collector.report(pointer, f"the tag {shown} is not allowed; {ALLOWED}", position)
        self._frames.append(_Frame({} if is_mapping else [], pointer))

    def _add(self, value: Any) -> None:
        if self._frames:
            self._frames[-1].add(value)
        else:
            self._root = value

    def _key(self, loader: EventLoader, frame: _Frame, event: NodeEvent) -> None:
        frame.wants_key = False
        frame.key = None
        position = _where(event)
        if not isinstance(event, ScalarEvent):
            found = "an alias" if isinstance(event, AliasEvent) else "a list or mapping"
            self._collector.report(
                frame.pointer, f"a mapping key must be plain text, got {found}", position
            )
            _skip(loader, event)
            frame.skip_value = True
            return
        text = event.value
        pointer = pointer_join(frame.pointer, text)
        frame.key_text = text
        self._collector.node(pointer, position)
        self._collector.positions.setdefault(pointer, position)
        self._check_anchor(event, pointer, position)
        problem = key_problem(loader.scalar_tag(event), text)
        first = frame.seen.get(text)
        if problem is not None:
            self._collector.report(pointer, problem, position)
        elif first is not None:
            self._collector.report(
                pointer,
                f"duplicate key {text!r} (first defined at line {first[0]}, column {first[1]})",
                position,
            )
        else:
            frame.seen[text] = position
            frame.key = text

    def _check_anchor(self, event: NodeEvent, pointer: str, position: Position) -> None:
        if event.anchor is None:
            return
        sign = "*" if isinstance(event, AliasEvent) else "&"
        kind = "aliases" if sign == "*" else "anchors"
        self._collector.report(
            pointer,
            f"YAML {kind} ({sign}{event.anchor}) are not allowed; write the value out in full",
            position,
        )

    def _scalar(
        self, loader: EventLoader, event: ScalarEvent, pointer: str, position: Position
    ) -> Any:
        value, problem = scalar_value(loader.scalar_tag(event), event.value)
        if problem is not None:
            self._collector.report(pointer, problem, position)
        return value

    def _syntax_error(self, err: yaml.MarkedYAMLError) -> None:
        pointer = self._frames[-1].pointer if self._frames else ""
        mark = err.problem_mark or err.context_mark
        position = (mark.line + 1, mark.column + 1) if mark is not None else None
        message = err.problem or err.context or "cannot parse"
        if err.problem and err.context and err.context_mark is not None:
            message += (
                f" ({err.context} that starts at line {err.context_mark.line + 1}, "
                f"column {err.context_mark.column + 1})"
            )
        self._collector.stop(pointer, f"YAML syntax error: {message}", position)


def _skip(loader: EventLoader, event: NodeEvent) -> None:
    """Consume the rest of a node whose first event is ``event``, building nothing."""
    depth = 1 if isinstance(event, CollectionStartEvent) else 0
    while depth:
        inner = loader.next_event()
        if inner is None:
            return
        if isinstance(inner, CollectionStartEvent):
            depth += 1
        elif isinstance(inner, CollectionEndEvent):
            depth -= 1
