"""The pointer-tracking reader and the small helpers every converter shares.

Private to :mod:`pelayanan._model.convert`; the names here carry no leading underscore so the
sibling module ``_fields`` and the package can import them cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, TypeVar

from pelayanan._i18n import N_
from pelayanan._model.problems import (
    Finding,
    InvalidValueError,
    Message,
    PelayananError,
    RuleError,
    pointer_join,
)
from pelayanan._model.text import Text

__all__ = [
    "ConversionError",
    "Data",
    "Reader",
    "read_text",
]

Data = dict[str, Any]
T = TypeVar("T")


class ConversionError(PelayananError, ValueError):
    """Data that does not describe a valid object; ``pointer`` says where (RFC 6901).

    ``findings`` lists every problem found (the first is ``pointer`` and
    ``message``): the rules a model object broke, placed in the data.
    """

    def __init__(self, pointer: str, message: str, *more: Finding) -> None:
        self.pointer = pointer
        self.findings = (Finding(pointer, message, rule=False), *more)
        super().__init__(pointer, message, *more)

    @property
    def message(self) -> str:
        """The first finding's message, in the language in force."""
        return self.findings[0].text()

    def __str__(self) -> str:
        return "; ".join(str(finding) for finding in self.findings)

    def __reduce__(self) -> tuple[object, tuple[list[Finding]]]:
        return ConversionError.of, (list(self.findings),)  # the findings keep their values

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> ConversionError:
        """The error listing ``findings`` (at least one)."""
        first, *more = findings
        error = cls(first.pointer, first.message, *more)
        error.findings = (first, *more)
        return error


class Unreadable(Exception):
    """A part that depends on another part that could not be read (whose problem is reported
    already): :meth:`Reader.attempt` gives ``None`` for it and reports nothing more."""


_RAW_ERRORS = (ValueError, TypeError, KeyError, IndexError, ArithmeticError, RecursionError)
"""Errors that bad data can raise inside a converter (``decimal.InvalidOperation`` is an
``ArithmeticError``)."""


def _finding(pointer: str, error: BaseException) -> Finding:
    """What a raw error raised while reading says, placed at ``pointer``; a message the
    model raised lazily (a :class:`~pelayanan._model.problems.Message`) stays lazy."""
    if isinstance(error, KeyError) and error.args and " " not in str(error.args[0]):
        key = str(error.args[0])
        return Finding(pointer, N_("missing required key {key!r}"), rule=False, values={"key": key})
    if isinstance(error, RecursionError):
        return Finding(pointer, N_("nested too deeply"), rule=False)
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return Finding(pointer, error.args[0].template, rule=False, values=error.args[0].values)
    text = str(error.args[0] if isinstance(error, KeyError) and error.args else error)
    if not text:
        message = N_("invalid data ({kind})")
        return Finding(pointer, message, rule=False, values={"kind": type(error).__name__})
    return Finding(pointer, text, rule=False)


class Reader:
    """Tracks the JSON pointer while reading, so every error says where it happened."""

    def __init__(self, pointer: str = "") -> None:
        parts = pointer.split("/")[1:] if pointer else []
        self.path: list[str | int] = [p.replace("~1", "/").replace("~0", "~") for p in parts]
        self.found: list[Finding] = []
        self.depth: dict[type, int] = {}
        """How many objects of each class are being built, one inside the other."""
        self.scales: dict[str, Any] = {}
        """The named scales an indicator may name (a rubric's ``scales``)."""
        self.declared: list[str] | None = None
        """Every scale name a rubric declares, readable or not (``None``: not a rubric)."""
        self.built: list[tuple[str, Any]] | None = None
        """When a list: every object built, with its pointer, in the order finished."""

    def attempt(self, read: Callable[[], T]) -> T | None:
        """``read()``, or ``None`` after keeping its problems in :attr:`found`, so that one
        pass reports every part that cannot be read."""
        try:
            return read()
        except ConversionError as error:
            self.found.extend(error.findings)
        except Unreadable:
            pass
        return None

    def refuse(self, message: str, **values: object) -> NoReturn:
        """Refuse the value being read: it does not have the shape of the data (``message``
        says what was expected), a problem the schema of a document reports too."""
        raise ConversionError.of([Finding(self.pointer, message, rule=False, values=values)])

    def fail(self, message: str, **values: object) -> NoReturn:
        """Refuse the value being read: it breaks a rule (``message`` says which: a template
        marked with ``N_``, filled with ``values`` when shown)."""
        raise ConversionError.of([Finding(self.pointer, message, values=values)])

    def stop(self, more: Sequence[Finding] = ()) -> None:
        """Raise what :meth:`attempt` kept, with ``more`` (placed here), if anything."""
        found = [*self.found, *(finding.under(self.pointer) for finding in more)]
        if found:
            raise ConversionError.of(found)

    def at(self, *parts: str | int) -> _At:
        """Read below ``parts`` (keys or list indexes) for the length of the ``with`` block.

        A value, type, key or arithmetic error raised inside becomes a
        :class:`ConversionError` at the innermost pointer, so no raw error escapes a reader.
        """
        return _At(self, parts)

    @property
    def pointer(self) -> str:
        """The JSON pointer of the place being read."""
        return pointer_join("", *self.path)

    def build(self, factory: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``factory(*args, **kwargs)``, its value, type and key errors as ConversionErrors."""
        try:
            return factory(*args, **kwargs)
        except ConversionError:
            raise
        except RuleError as error:
            raise ConversionError.of([f.under(self.pointer) for f in error.findings]) from None
        except _RAW_ERRORS as error:
            raise ConversionError.of([_finding(self.pointer, error)]) from None

    def mapping(self, data: object) -> Mapping[str, Any]:
        """``data`` if it is a mapping; otherwise a :class:`ConversionError`."""
        if not isinstance(data, Mapping):
            self.refuse(N_("expected a mapping, got {kind}"), kind=type(data).__name__)
        return data

    def sequence(self, data: object) -> list[Any]:
        """``data`` as a list if it is a list or tuple; otherwise a :class:`ConversionError`."""
        if not isinstance(data, list | tuple):
            self.refuse(N_("expected a list, got {kind}"), kind=type(data).__name__)
        return list(data)

    def required(self, data: Mapping[str, Any], key: str) -> Any:
        """``data[key]``; a :class:`ConversionError` when the key is missing."""
        if key not in data:
            self.refuse(N_("missing required key {key!r}"), key=key)
        return data[key]


def read_text(value: object) -> Text:
    """A :class:`Text` from a plain string or a mapping of language to text."""
    if isinstance(value, str):
        return Text.of(value)
    if isinstance(value, Mapping):
        return Text(value)
    message = N_("expected a text or a mapping of language to text, got {value}")
    raise InvalidValueError(Message(message, {"value": repr(value)}))


class _At:
    """The context of :meth:`Reader.at` (a class: it is entered for every field read)."""

    __slots__ = ("parts", "reader")

    def __init__(self, reader: Reader, parts: tuple[str | int, ...]) -> None:
        self.reader, self.parts = reader, parts

    def __enter__(self) -> None:
        self.reader.path.extend(self.parts)

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        r = self.reader
        try:
            if isinstance(error, RuleError):
                raise ConversionError.of([f.under(r.pointer) for f in error.findings]) from None
            if isinstance(error, _RAW_ERRORS) and not isinstance(error, ConversionError):
                raise ConversionError.of([_finding(r.pointer, error)]) from None
        finally:
            if self.parts:
                del r.path[-len(self.parts) :]
