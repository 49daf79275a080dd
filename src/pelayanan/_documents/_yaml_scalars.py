"""Typing of YAML scalars and the loader pieces that produce PyYAML events.

Plain (unquoted) scalars get their type from PyYAML's YAML 1.1 resolver, widened so that
``1e-3`` is a number as in JSON.  The value is then built here from the scalar's text:
numbers with a fraction or exponent become exact :class:`~decimal.Decimal`, timestamps
stay text, and any tag outside the plain-data set is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.events import Event, ScalarEvent
from yaml.nodes import ScalarNode

from pelayanan._documents._context import number_too_large, read_number
from pelayanan._model.limits import LimitError, current_limits
from pelayanan._model.numbers import to_exact

PREFIX = "tag:yaml.org,2002:"
STR = PREFIX + "str"
INT = PREFIX + "int"
FLOAT = PREFIX + "float"
BOOL = PREFIX + "bool"
NULL = PREFIX + "null"
TIMESTAMP = PREFIX + "timestamp"
MERGE = PREFIX + "merge"
MAP = PREFIX + "map"
SEQ = PREFIX + "seq"
ALLOWED = "only plain data (text, numbers, booleans, null, lists and mappings) is accepted"

_KINDS = {NULL: "null", BOOL: "a boolean", INT: "a number", FLOAT: "a number"}
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_NOT_FINITE = (".inf", ".nan", "inf", "nan", "infinity")
_BASES = {"0b": 2, "0o": 8, "0x": 16}


class _Resolver(yaml.resolver.Resolver):
    """PyYAML's YAML 1.1 implicit types, plus the number forms JSON and YAML 1.2 accept."""


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
_Resolver.add_implicit_resolver(FLOAT, _MORE_FLOATS, list("-+.0123456789"))


class EventLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Resolver):
    """Just enough of a PyYAML loader to produce events and resolve plain scalars.

    There is deliberately no composer and no constructor: nothing is ever built from a tag.
    """

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Resolver.__init__(self)

    def next_event(self) -> Event | None:
        """Return the next event, or ``None`` at the end of the stream."""
        if not self.check_event():
            return None
        event: Event = self.get_event()  # type: ignore[no-untyped-call]
        return event

    def scalar_tag(self, event: ScalarEvent) -> str:
        """Return the tag of a scalar, resolving untagged ones by their text."""
        if event.tag == "!":  # the non-specific tag: text, whatever it looks like
            return STR
        if event.tag is not None:
            return event.tag
        tag: str = self.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        return tag


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _FastEventLoader(CParser, _Resolver):
        """The same events from libyaml's C parser, about twenty times faster."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Resolver.__init__(self)

        next_event = EventLoader.next_event
        scalar_tag = EventLoader.scalar_tag


def event_loader(text: str) -> EventLoader:
    """An event loader for ``text``: libyaml's C parser when PyYAML has it, else pure Python.

    Both produce the same events with the same marks; neither composes nor constructs.
    """
    if getattr(yaml, "__with_libyaml__", False):
        loader: EventLoader = _FastEventLoader(text)  # type: ignore[assignment]
        return loader
    return EventLoader(text)


def show_tag(tag: str) -> str:
    """Write a tag as an author would, e.g. ``!!binary`` rather than its full URI."""
    return "!!" + tag.removeprefix(PREFIX) if tag.startswith(PREFIX) else tag


def scalar_value(tag: str, text: str) -> tuple[Any, str | None]:
    """Build the value of a scalar with a resolved ``tag``.

    Returns:
        ``(value, None)``, or ``(None, message)`` if the scalar is refused.
    """
    if tag in (STR, TIMESTAMP):
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
    return None, f"the tag {show_tag(tag)} is not allowed; {ALLOWED}"


def key_problem(tag: str, text: str) -> str | None:
    """Explain why a scalar cannot be a mapping key, or return ``None`` if it can."""
    if tag in (STR, TIMESTAMP):
        return None
    if tag == MERGE:
        return "merge keys (<<) are not allowed; write the keys out in full"
    if text == "":
        return "a mapping key is missing"
    kind = _KINDS.get(tag)
    if kind is None:
        return f"a mapping key must be plain text, got the tag {show_tag(tag)}"
    return f"the key {text} is read as {kind} by YAML; write it in quotes ('{text}') if it is text"


def _integer(read: tuple[int | Decimal | None, str | None]) -> tuple[int | None, str | None]:
    value, message = read
    return (value if isinstance(value, int) else None), message


def _to_int(text: str) -> tuple[int | None, str | None]:
    """Read a YAML 1.1 integer, refusing the forms that silently change meaning."""
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
    """Read a YAML float exactly from its text, refusing NaN and infinities."""
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
