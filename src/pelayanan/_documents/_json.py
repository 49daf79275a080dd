"""A small, non-recursive JSON reader that records where every value starts.

The standard :mod:`json` module cannot report positions of values, accepts ``NaN`` and
``Infinity``, silently keeps the last of duplicate keys, and recurses once per nesting
level.  This reader fixes all four while staying strict RFC 8259 otherwise.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, NoReturn

from pelayanan._documents._context import Collector, LineIndex, Position, read_number
from pelayanan._documents.errors import pointer_join

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"', re.DOTALL)
_STRING_START = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_DIGITS = tuple("0123456789")
_WORD = re.compile(r"[-+.\w]{1,30}")
_NOT_FINITE = ("-Infinity", "Infinity", "NaN")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


class _Frame:
    """An object or array that is still open."""

    __slots__ = ("close", "container", "key", "pointer", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], pointer: str) -> None:
        self.container = container
        self.pointer = pointer
        self.close = "}" if isinstance(container, dict) else "]"
        self.key: str | None = None  # where the next value goes; None: do not store it
        self.seen: dict[str, Position] = {}

    def add(self, value: Any) -> None:
        if isinstance(self.container, list):
            self.container.append(value)
        elif self.key is not None:
            self.container[self.key] = value


class JsonReader:
    """Reads one JSON text into plain data, recording positions and problems.

    Args:
        text: The JSON text.
        collector: Receives positions and problems; raises ``Stop`` on fatal ones.
    """

    def __init__(self, text: str, collector: Collector) -> None:
        self._text = text
        self._collector = collector
        self._lines = LineIndex(text)
        self._pos = 0

    def read(self) -> Any:
        """Read the whole text and return its value."""
        frames: list[_Frame] = []
        pointer: str | None = ""
        result: Any = None
        while pointer is not None:
            self._skip_whitespace()
            position = self._lines.locate(self._pos)
            if not frames or isinstance(frames[-1].container, list):
                self._collector.positions[pointer] = position  # members: position of the key
            self._collector.node(pointer, position)
            opener = self._text[self._pos : self._pos + 1]
            if opener in ("{", "["):
                self._collector.open_collection(pointer, len(frames) + 1, position)
                frame = _Frame({} if opener == "{" else [], pointer)
                self._pos += 1
                self._skip_whitespace()
                if not self._text.startswith(frame.close, self._pos):
                    frames.append(frame)
                    pointer = self._next_member(frame)
                    continue
                self._pos += 1
                value: Any = frame.container
            else:
                value = self._scalar(pointer)
            pointer, result = self._finish(frames, value)
        return result

    def _finish(self, frames: list[_Frame], value: Any) -> tuple[str | None, Any]:
        """Store a complete value and close finished containers.

        Returns:
            The pointer of the next value to read and ``None``, or ``None`` and the
            document's value once the top-level value is complete.
        """
        while frames:
            frame = frames[-1]
            frame.add(value)
            self._skip_whitespace()
            char = self._text[self._pos : self._pos + 1]
            if char == ",":
                self._pos += 1
                return self._next_member(frame), None
            if char != frame.close:
                self._fail(frame.pointer, f"expected ',' or '{frame.close}', got {self._found()}")
            self._pos += 1
            frames.pop()
            value = frame.container
        self._skip_whitespace()
        if self._pos < len(self._text):
            self._fail("", f"expected the end of the document, got {self._found()}")
        return None, value

    def _next_member(self, frame: _Frame) -> str:
        """Read up to the next value of ``frame`` and return that value's pointer."""
        if isinstance(frame.container, list):
            return pointer_join(frame.pointer, len(frame.container))
        self._skip_whitespace()
        if not self._text.startswith('"', self._pos):
            self._fail(frame.pointer, f"expected a key in double quotes, got {self._found()}")
        position = self._lines.locate(self._pos)
        key = self._string(frame.pointer)
        pointer = pointer_join(frame.pointer, key)
        first = frame.seen.get(key)
        if first is None:
            frame.seen[key] = position
            frame.key = key
            self._collector.positions[pointer] = position
        else:
            frame.key = None
            self._collector.report(
                pointer,
                f"duplicate key {key!r} (first defined at line {first[0]}, column {first[1]})",
                position,
            )
        self._skip_whitespace()
        if not self._text.startswith(":", self._pos):
            self._fail(pointer, f"expected ':' after the key {key!r}, got {self._found()}")
        self._pos += 1
        return pointer

    def _scalar(self, pointer: str) -> Any:
        start = self._pos
        if self._text.startswith('"', start):
            return self._string(pointer)
        for word in _NOT_FINITE:
            if self._text.startswith(word, start):
                self._pos += len(word)
                self._collector.report(
                    pointer,
                    f"{word} is not allowed: numbers must be finite",
                    self._lines.locate(start),
                )
                return None
        match = _NUMBER.match(self._text, start)
        if match is not None:
            self._pos = match.end()
            if self._text[self._pos : self._pos + 1] in _DIGITS:
                self._fail(pointer, "a number must not start with 0 unless it is 0", start)
            return self._number(match, pointer)
        for word, value in _LITERALS.items():
            if self._text.startswith(word, start):
                self._pos += len(word)
                return value
        self._fail(pointer, f"expected a value, got {self._found()}")

    def _number(self, match: re.Match[str], pointer: str) -> int | Decimal | None:
        literal = match.group()
        value, message = read_number(
            literal, integer=match.group(1) is None and match.group(2) is None
        )
        if message is not None:
            position = self._lines.locate(match.start())
            self._collector.report(pointer, message, position)
        return value

    def _string(self, pointer: str) -> str:
        start = self._pos
        match = _STRING.match(self._text, start)
        if match is None:
            end = _STRING_START.match(self._text, start).end()  # type: ignore[union-attr]
            if end >= len(self._text) or self._text[end] == "\\":
                self._fail(pointer, "unterminated string (missing closing '\"')", start)
            self._fail(
                pointer,
                f"control character {self._text[end]!r} inside a string; "
                "write it as an escape such as \\n or \\t",
                end,
            )
        self._pos = match.end()
        raw = match.group()
        if "\\" not in raw:
            return raw[1:-1]
        try:
            text: str = json.loads(raw)
        except json.JSONDecodeError as err:
            self._fail(pointer, f"bad escape in string: {err.msg}", start + err.pos)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self._collector.report(
                pointer, "string contains an unpaired surrogate escape", self._lines.locate(start)
            )
        return text

    def _skip_whitespace(self) -> None:
        self._pos = _WHITESPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]

    def _found(self) -> str:
        """Describe the text at the current position for an error message."""
        if self._pos >= len(self._text):
            return "the end of the document"
        word = _WORD.match(self._text, self._pos)
        return repr(word.group() if word else self._text[self._pos])

    def _fail(self, pointer: str, message: str, offset: int | None = None) -> NoReturn:
        where = self._lines.locate(self._pos if offset is None else offset)
        self._collector.stop(pointer, f"JSON syntax error: {message}", where)
