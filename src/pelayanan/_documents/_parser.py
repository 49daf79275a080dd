"""The one document parser: YAML and JSON text into plain data, with positions.

Both formats go through one :class:`_Builder`, which owns everything that is not syntax:
JSON pointers and positions, duplicate keys, the depth and size limits, anchors, tags and
the typing of scalars.  Two front ends feed it:

* YAML: PyYAML's event stream (libyaml's C parser when installed), never its composer or
  constructors (:mod:`pelayanan._documents._yaml`, imported only when a YAML text is read).
  Events keep reading iterative, so deep nesting stops at the limit without recursion, and
  aliases are refused where they appear, before anything could expand.
* JSON: a strict RFC 8259 grammar over the standard library's C string scanner
  (:func:`json.decoder.scanstring`).  :func:`json.loads` itself cannot be used: it recurses
  once per level, keeps the last of duplicate keys, accepts ``NaN`` and gives no positions.

Scalars become exact data: numbers with a fraction or exponent are
:class:`~decimal.Decimal` read once from their text, never floats; no tag selects code.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from json.decoder import JSONDecodeError
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]
from typing import Any, NoReturn

from pelayanan._documents._context import (
    Collector,
    LineIndex,
    Position,
    number_too_large,
    read_number,
)
from pelayanan._documents.errors import pointer_join
from pelayanan._model.limits import LimitError, current_limits
from pelayanan._model.numbers import to_exact

__all__ = ["parse"]

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + kind for kind in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MERGE, _MAP, _SEQ = (_TAG + kind for kind in ("timestamp", "merge", "map", "seq"))
_ALLOWED = "only plain data (text, numbers, booleans, null, lists and mappings) is accepted"
_KINDS = {NULL: "null", BOOL: "a boolean", INT: "a number", FLOAT: "a number"}
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_NOT_FINITE = (".inf", ".nan", "inf", "nan", "infinity")
_BASES = {"0b": 2, "0o": 8, "0x": 16}

# Numbers with a fraction or exponent that PyYAML's YAML 1.1 rules leave as text:
# "1e3", "1.5e3" (exponent without sign), "-.5" (signed, no leading digit).
_MORE_FLOATS = re.compile(
    r"""^[-+]?(?:
        [0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
      | \.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
      | [0-9][0-9_]*[eE][-+]?[0-9]+
    )$""",
    re.VERBOSE,
)


def parse(text: str, format: str, collector: Collector) -> Any:
    """Read ``text`` (``format`` is ``"yaml"`` or ``"json"``) and return its data.

    Positions and problems go to ``collector``; on a problem that ends reading the
    collector raises ``Stop`` (the caller turns the collected problems into an error).
    """
    if format == "json":
        builder = _Builder(collector)
        _read_json(text, builder)
        return builder.root
    from pelayanan._documents import _yaml  # PyYAML only when a YAML text is read

    return _yaml.read(text, collector)


# --- the builder -----------------------------------------------------------------------------

_NO_SKIP, _SKIP_KEY, _SKIP_VALUE = 0, 1, 2


class _Frame:
    """A mapping or list that is still open."""

    __slots__ = ("container", "key", "key_text", "pointer", "seen", "skip", "wants_key")

    def __init__(self, container: dict[str, Any] | list[Any], pointer: str) -> None:
        self.container = container
        self.pointer = pointer
        self.wants_key = isinstance(container, dict)
        self.key: str | None = None  # where the next value goes; None: do not store it
        self.key_text = ""
        self.skip = _NO_SKIP
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


class _Builder:
    """Builds plain data from a stream of nodes, whichever format they come from.

    A front end calls :meth:`open`, :meth:`close`, :meth:`scalar` and :meth:`alias` in
    document order; inside a mapping, nodes alternate between key and value.
    """

    def __init__(self, collector: Collector) -> None:
        self.collector = collector
        self.root: Any = None
        self._frames: list[_Frame] = []
        self._skipping = 0  # depth inside a node that is being skipped

    @property
    def container_pointer(self) -> str:
        """The pointer of the innermost open mapping or list (``""`` at the top)."""
        return self._frames[-1].pointer if self._frames else ""

    @property
    def next_pointer(self) -> str:
        """The pointer of the next node: a value's own, or its mapping's if a key comes next."""
        if not self._frames:
            return ""
        frame = self._frames[-1]
        return frame.pointer if frame.wants_key else frame.child_pointer()

    def open(
        self, mapping: bool, position: Position, tag: str | None = None, anchor: str | None = None
    ) -> None:
        """Start a mapping or a list."""
        if self._skipping or self._skip_node(position, "a list or mapping"):
            self._skipping += 1
            return
        pointer = self._start(position, anchor, "&")
        self.collector.open_collection(pointer, len(self._frames) + 1, position)
        if tag not in (None, "!", _MAP if mapping else _SEQ):
            message = f"the tag {_show_tag(tag or '')} is not allowed; {_ALLOWED}"
            self.collector.report(pointer, message, position)
        self._frames.append(_Frame({} if mapping else [], pointer))

    def close(self) -> None:
        """End the innermost mapping or list."""
        if self._skipping:
            self._skipping -= 1
            if not self._skipping:
                self._skipped()
            return
        self._add(self._frames.pop().container)

    def scalar(self, tag: str, text: str, position: Position, anchor: str | None = None) -> None:
        """A scalar with its resolved ``tag`` and its text (a JSON string: its value)."""
        if self._skipping:
            return
        frame = self._frames[-1] if self._frames else None
        if frame is not None and frame.wants_key:
            self._key(frame, tag, text, position, anchor)
        elif not self._skip_node(position, ""):
            pointer = self._start(position, anchor, "&")
            value, problem = _scalar_value(tag, text)
            if problem is not None:
                self.collector.report(pointer, problem, position)
            self._add(value)

    def alias(self, anchor: str, position: Position) -> None:
        """A YAML alias: refused, and never expanded."""
        if not self._skipping and not self._skip_node(position, "an alias"):
            self._start(position, anchor, "*")
            self._add(None)

    def _skip_node(self, position: Position, found: str) -> bool:
        """Whether the node starting now is skipped (a key that is not text, or its value).

        Scalars and aliases are skipped at once; a mapping or list is skipped by the caller
        until it closes.
        """
        frame = self._frames[-1] if self._frames else None
        if frame is None:
            return False
        if frame.wants_key:  # not a scalar: scalar keys go to _key
            self.collector.report(
                frame.pointer, f"a mapping key must be plain text, got {found}", position
            )
            frame.wants_key = False
            frame.key = None
            frame.skip = _SKIP_KEY
        elif frame.skip != _SKIP_VALUE:
            return False
        if found != "a list or mapping":
            self._skipped()
        return True

    def _skipped(self) -> None:
        frame = self._frames[-1]
        if frame.skip == _SKIP_KEY:
            frame.skip = _SKIP_VALUE
        else:
            frame.skip = _NO_SKIP
            frame.add(None)

    def _start(self, position: Position, anchor: str | None, sign: str) -> str:
        """Count a value, record its position and refuse its anchor; return its pointer."""
        frame = self._frames[-1] if self._frames else None
        pointer = frame.child_pointer() if frame is not None else ""
        if frame is None or isinstance(frame.container, list):
            self.collector.positions[pointer] = position  # members: position of the key
        self.collector.node(pointer, position)
        if anchor is not None:
            self._anchor(pointer, anchor, sign, position)
        return pointer

    def _anchor(self, pointer: str, anchor: str, sign: str, position: Position) -> None:
        kind = "aliases" if sign == "*" else "anchors"
        message = f"YAML {kind} ({sign}{anchor}) are not allowed; write the value out in full"
        self.collector.report(pointer, message, position)

    def _add(self, value: Any) -> None:
        if self._frames:
            self._frames[-1].add(value)
        else:
            self.root = value

    def _key(
        self, frame: _Frame, tag: str, text: str, position: Position, anchor: str | None
    ) -> None:
        frame.wants_key = False
        frame.key = None
        pointer = pointer_join(frame.pointer, text)
        frame.key_text = text
        self.collector.node(pointer, position)
        self.collector.positions.setdefault(pointer, position)
        if anchor is not None:
            self._anchor(pointer, anchor, "&", position)
        problem = _key_problem(tag, text)
        first = frame.seen.get(text)
        if problem is not None:
            self.collector.report(pointer, problem, position)
        elif first is not None:
            self.collector.report(
                pointer,
                f"duplicate key {text!r} (first defined at line {first[0]}, column {first[1]})",
                position,
            )
        else:
            frame.seen[text] = position
            frame.key = text


# --- JSON ------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[-+.\w]{1,30}")
_DIGITS = tuple("0123456789")
_JSON_WORDS = {"true": BOOL, "false": BOOL, "null": NULL}
_JSON_NOT_FINITE = ("-Infinity", "Infinity", "NaN")


class _Json:
    """A strict, non-recursive JSON grammar that passes every node to a builder."""

    def __init__(self, text: str, builder: _Builder) -> None:
        self.text = text
        self.builder = builder
        self.lines = LineIndex(text)
        self.pos = 0

    def read(self) -> None:
        closers: list[str] = []  # of the open objects and arrays
        text, builder = self.text, self.builder
        while True:
            start = self.skip()
            opener = text[start : start + 1]
            if opener in ("{", "["):
                builder.open(opener == "{", self.lines.locate(start))
                closer = "}" if opener == "{" else "]"
                if not text.startswith(closer, self.skip(start + 1)):
                    closers.append(closer)
                    if closer == "}":
                        self.key()
                    continue
                self.pos += 1
                builder.close()
            else:
                self.scalar()
            if not self.after_value(closers):
                return

    def after_value(self, closers: list[str]) -> bool:
        """Close finished containers; return whether another value follows."""
        while closers:
            at = self.skip()
            char = self.text[at : at + 1]
            if char == ",":
                self.pos += 1
                if closers[-1] == "}":
                    self.key()
                return True
            if char != closers[-1]:
                self.fail(
                    self.builder.container_pointer,
                    f"expected ',' or '{closers[-1]}', got {self.found()}",
                )
            self.pos += 1
            closers.pop()
            self.builder.close()
        if self.skip() < len(self.text):
            self.fail("", f"expected the end of the document, got {self.found()}")
        return False

    def key(self) -> None:
        start = self.skip()
        pointer = self.builder.container_pointer
        if not self.text.startswith('"', start):
            self.fail(pointer, f"expected a key in double quotes, got {self.found()}")
        key = self.string(pointer)
        self.builder.scalar(STR, key, self.lines.locate(start))
        if not self.text.startswith(":", self.skip()):
            self.fail(
                self.builder.next_pointer, f"expected ':' after the key {key!r}, got {self.found()}"
            )
        self.pos += 1

    def scalar(self) -> None:
        start, text = self.pos, self.text
        pointer = self.builder.next_pointer
        position = self.lines.locate(start)
        if text.startswith('"', start):
            self.builder.scalar(STR, self.string(pointer), position)
            return
        word = next((word for word in _JSON_NOT_FINITE if text.startswith(word, start)), None)
        match = _NUMBER.match(text, start) if word is None else None
        if word is not None:
            self.pos += len(word)
            self.builder.scalar(FLOAT, word, position)
        elif match is not None:
            self.pos = match.end()
            if text[self.pos : self.pos + 1] in _DIGITS:
                self.fail(pointer, "a number must not start with 0 unless it is 0", start)
            integer = match.group(1) is None and match.group(2) is None
            self.builder.scalar(INT if integer else FLOAT, match.group(), position)
        else:
            word = next((word for word in _JSON_WORDS if text.startswith(word, start)), None)
            if word is None:
                self.fail(pointer, f"expected a value, got {self.found()}")
            self.pos += len(word)
            self.builder.scalar(_JSON_WORDS[word], word, position)

    def string(self, pointer: str) -> str:
        start = self.pos
        try:
            value: str
            value, self.pos = _scanstring(self.text, start + 1, True)
        except JSONDecodeError as err:
            if err.msg.startswith("Unterminated"):
                self.fail(pointer, "unterminated string (missing closing '\"')", start)
            if err.msg.startswith("Invalid control"):
                self.fail(
                    pointer,
                    f"control character {self.text[err.pos]!r} inside a string; "
                    "write it as an escape such as \\n or \\t",
                    err.pos,
                )
            self.fail(pointer, f"bad escape in string: {err.msg}", err.pos)
        if len(value) != self.pos - start - 2 and not value.isascii():  # decoded escapes
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                message = "string contains an unpaired surrogate escape"
                self.builder.collector.report(pointer, message, self.lines.locate(start))
        return value

    def skip(self, offset: int | None = None) -> int:
        """Move past whitespace (from ``offset`` if given) and return the new position."""
        match = _WHITESPACE.match(self.text, self.pos if offset is None else offset)
        self.pos = match.end()  # type: ignore[union-attr]
        return self.pos

    def found(self) -> str:
        """Describe the text at the current position for an error message."""
        if self.pos >= len(self.text):
            return "the end of the document"
        word = _WORD.match(self.text, self.pos)
        return repr(word.group() if word else self.text[self.pos])

    def fail(self, pointer: str, message: str, offset: int | None = None) -> NoReturn:
        where = self.lines.locate(self.pos if offset is None else offset)
        self.builder.collector.stop(pointer, f"JSON syntax error: {message}", where)


def _read_json(text: str, builder: _Builder) -> None:
    _Json(text, builder).read()


# --- scalars ---------------------------------------------------------------------------------


def _show_tag(tag: str) -> str:
    """Write a tag as an author would, e.g. ``!!binary`` rather than its full URI."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _scalar_value(tag: str, text: str) -> tuple[Any, str | None]:
    """Build the value of a scalar with a resolved ``tag``: ``(value, None)`` or a refusal."""
    if tag in (STR, _TIMESTAMP):
        return text, None
    if tag == NULL:
        return None, None
    if tag == BOOL:
        flag = _BOOLS.get(text.lower())
        return flag, None if flag is not None else f"expected a boolean, got {text!r}"
    if tag == INT:
        return _to_int(text)
    if tag == FLOAT:
        return _to_decimal(text)
    return None, f"the tag {_show_tag(tag)} is not allowed; {_ALLOWED}"


def _key_problem(tag: str, text: str) -> str | None:
    """Explain why a scalar cannot be a mapping key, or return ``None`` if it can."""
    if tag in (STR, _TIMESTAMP):
        return None
    if tag == _MERGE:
        return "merge keys (<<) are not allowed; write the keys out in full"
    if text == "":
        return "a mapping key is missing"
    kind = _KINDS.get(tag)
    if kind is None:
        return f"a mapping key must be plain text, got the tag {_show_tag(tag)}"
    return f"the key {text} is read as {kind} by YAML; write it in quotes ('{text}') if it is text"


def _integer(read: tuple[int | Decimal | None, str | None]) -> tuple[int | None, str | None]:
    value, message = read
    return (value if isinstance(value, int) else None), message


def _to_int(text: str) -> tuple[int | None, str | None]:
    """Read a YAML 1.1 (or JSON) integer, refusing the forms that silently change meaning."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    if digits.startswith(("-", "+")):
        digits = digits[1:]
    if ":" in digits:
        return None, _sexagesimal(text)
    base = _BASES.get(digits[:2].lower())
    try:
        if base is not None:
            if len(digits) > 4 * current_limits().max_digits:
                return None, number_too_large(text)
            number = sign * int(digits[2:], base)
            if abs(number) > 10**15:
                return _integer(read_number(str(number), integer=True))
            return number, None
        if len(digits) > 1 and digits.startswith("0"):
            return None, (
                f"{text} has a leading zero, which YAML 1.1 reads as an octal number; "
                "write it in quotes if it is a code, or drop the leading zero"
            )
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError(text)
        return _integer(read_number(("-" if sign < 0 else "") + digits, integer=True))
    except ValueError:
        return None, f"expected an integer, got {text[:40]!r}"


def _to_decimal(text: str) -> tuple[Decimal | None, str | None]:
    """Read a YAML or JSON float exactly from its text, refusing NaN and infinities."""
    digits = text.replace("_", "")
    if ":" in digits:
        return None, _sexagesimal(text)
    if digits.lower().lstrip("+-") in _NOT_FINITE:
        return None, f"{text} is not allowed: numbers must be finite"
    try:
        to_exact(digits, what="")  # the model's bounds on digits and magnitude
    except LimitError as error:
        return None, str(error)
    except ValueError:
        pass  # a YAML form the model's parser does not know; Decimal reads it below
    try:
        value = Decimal(digits)
    except InvalidOperation:
        if _MORE_FLOATS.match(digits):
            return None, number_too_large(text)
        return None, f"expected a number, got {text[:40]!r}"
    if not value.is_finite():
        return None, f"{text} is not allowed: numbers must be finite"
    return value, None


def _sexagesimal(text: str) -> str:
    return (
        f"{text} is read as a base-60 number by YAML 1.1 (so 10:30 would become 630); "
        "write it in quotes to keep it as text"
    )
