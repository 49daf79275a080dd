"""Read a YAML or JSON document safely into plain data, with positions for messages.

:func:`load_document` reads a file or checks an in-memory mapping; ``load_text`` reads
text.  Both return a :class:`Document` or raise :class:`~pelayanan._documents.errors.DocumentError`
listing every problem found.  See ``docs/loading.md`` for the rules.
"""

from __future__ import annotations

import os
import re
import stat
import types
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from pelayanan._documents._context import Collector, Stop
from pelayanan._documents._mapping import copy_data
from pelayanan._documents._parser import parse
from pelayanan._documents.errors import DocumentError, Problem
from pelayanan._i18n import format_integer, gettext
from pelayanan._model.limits import Limits, current_limits

__all__ = ["Document", "Format", "Limits", "load_document", "load_text"]

Format = Literal["yaml", "json"]
"""The document formats understood by the loader."""

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_LOOKS_LIKE_JSON = re.compile(r"\s*[\[{]")


def _freeze(positions: Mapping[str, tuple[int, int]]) -> Mapping[str, tuple[int, int]]:
    return types.MappingProxyType(dict(positions))


@attrs.frozen
class Document:
    """A document read into plain data, plus where each value came from.

    Attributes:
        data: The content, built only from ``dict`` (with ``str`` keys), ``list``, ``str``,
            ``int``, :class:`~decimal.Decimal`, ``bool`` and ``None``.
        source: The file path as given, or a name such as ``"<string>"``.
        positions: 1-based ``(line, column)`` for each JSON pointer, when the format gives
            them.  A mapping member is placed where its key starts.
    """

    data: Any
    source: str
    positions: Mapping[str, tuple[int, int]] = attrs.field(factory=dict, converter=_freeze)

    def locate(self, pointer: str) -> tuple[int | None, int | None]:
        """Return the position of ``pointer``, or of its nearest ancestor that has one.

        Args:
            pointer: An RFC 6901 JSON pointer into :attr:`data`.

        Returns:
            ``(line, column)``, or ``(None, None)`` if no position is known.
        """
        while pointer not in self.positions:
            if not pointer:
                return None, None
            pointer = pointer[: pointer.rfind("/")]
        return self.positions[pointer]

    def problem(self, pointer: str, message: str) -> Problem:
        """Make a :class:`~pelayanan._documents.errors.Problem` located in this document.

        Args:
            pointer: The JSON pointer of the offending value.
            message: What was found and what was expected.
        """
        line, column = self.locate(pointer)
        return Problem(self.source, pointer, message, line, column)


def load_document(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    format: Format | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> Document:
    """Read a YAML or JSON file, or check a mapping that is already in memory.

    Args:
        source: A path (a ``str`` is always a path, never document text; use
            ``load_text`` for text), or a mapping, which is deep-copied and checked
            like a parsed document (it then has no positions).
        format: ``"yaml"`` or ``"json"``.  By default it comes from the suffix
            (``.yaml``, ``.yml``, ``.json``); otherwise text starting with ``{`` or ``[``
            is JSON and anything else YAML.
        limits: Resource limits (default: :func:`~pelayanan._model.limits.current_limits`);
            the file size is checked before the file is read.
        name: The name to use in problems instead of the path (or ``"<mapping>"``).

    Returns:
        The document.

    Raises:
        DocumentError: If the document breaks any rule; it lists every problem found.
        OSError: If the file cannot be opened or read.
    """
    _check_format(format)
    limits = limits or current_limits()
    if isinstance(source, Mapping):
        collector = Collector(name or "<mapping>", limits)
        try:
            data = copy_data(source, collector)
        except Stop:
            data = None
        return _finish(collector, data)
    if not isinstance(source, str | os.PathLike):
        msg = f"expected a path or a mapping, got {type(source).__name__}"
        raise TypeError(msg)
    path = os.fspath(source)
    label = name or path
    raw = _read_file(path, limits, label)
    suffix_format = _SUFFIXES.get(os.path.splitext(path)[1].lower())
    return _parse(_decode(raw, label), format or suffix_format, limits, label)


def load_text(
    text: str | bytes,
    *,
    format: Format | None = None,
    limits: Limits | None = None,
    name: str = "<string>",
) -> Document:
    """Read YAML or JSON text.

    Args:
        text: The document; ``bytes`` must be UTF-8.  A leading byte order mark is ignored.
        format: ``"yaml"`` or ``"json"``; by default text starting with ``{`` or ``[`` is
            JSON and anything else YAML.
        limits: Resource limits (default: :func:`~pelayanan._model.limits.current_limits`);
            the size is checked before parsing.
        name: The name to use in problems.

    Returns:
        The document.

    Raises:
        DocumentError: If the document breaks any rule; it lists every problem found.
    """
    _check_format(format)
    limits = limits or current_limits()
    if isinstance(text, bytes):
        _check_size(len(text), limits, name)
        text = _decode(text, name)
    else:
        size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
        _check_size(size, limits, name)
        text = text.removeprefix("\ufeff")
    return _parse(text, format, limits, name)


def _check_format(format: str | None) -> None:
    if format not in (None, "yaml", "json"):
        msg = f"format must be 'yaml', 'json' or None, got {format!r}"
        raise ValueError(msg)


def _check_size(size: int, limits: Limits, source: str) -> None:
    if size > limits.max_bytes:
        message = gettext(
            "the document is {size} bytes, more than the limit of {limit} bytes "
            "(Limits.max_bytes); raise it to read larger documents"
        ).format(size=format_integer(size), limit=format_integer(limits.max_bytes))
        raise DocumentError([Problem(source, "", message)])


def _read_file(path: str, limits: Limits, source: str) -> bytes:
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError([Problem(source, "", "not a regular file")])
    _check_size(info.st_size, limits, source)
    with open(path, "rb") as file:
        raw = file.read(limits.max_bytes + 1)  # the file may have grown since os.stat
    _check_size(len(raw), limits, source)
    return raw


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}: "
            f"{err.reason}); save it with UTF-8 encoding"
        )
        problem = Problem(source, "", message, before.count(b"\n") + 1, column)
        raise DocumentError([problem]) from None


def _parse(text: str, format: Format | None, limits: Limits, source: str) -> Document:
    if format is None:
        format = "json" if _LOOKS_LIKE_JSON.match(text) else "yaml"
    collector = Collector(source, limits)
    try:
        data = parse(text, format, collector)
    except Stop:
        data = None
    return _finish(collector, data)


def _finish(collector: Collector, data: Any) -> Document:
    if collector.problems:
        raise DocumentError(collector.problems)
    return Document(data, collector.source, collector.positions)
