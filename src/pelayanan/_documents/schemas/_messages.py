"""Turn JSON Schema validation errors into short, human problem messages.

jsonschema's own messages show Python values (``True is not of type 'number'``) and, for
``anyOf``, only say that no alternative matched. Here each error becomes one message per place,
written for the author of a YAML file: ``expected a number or a decimal string ..., got true``.

For ``anyOf``/``oneOf`` the alternatives are compared: an alternative whose type does not fit
the value is discarded; if one or more fit, the errors of the best one are reported (deepest
first); if none fits, the message lists what would have been accepted. A schema may carry the
annotation ``x-expected`` (ignored by validators and editors) with the words to use for
"expected ...".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
from jsonschema.exceptions import ValidationError

from pelayanan._documents.errors import pointer_join
from pelayanan._i18n import N_, gettext
from pelayanan._model.problems import suggest

EXPECTED = "x-expected"
"""The annotation keyword that says, in words, what a schema accepts."""

_TYPE_WORDS = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "string": N_("a string"),
    "object": N_("a mapping"),
    "array": N_("a list"),
    "boolean": N_("true or false"),
    "null": "null",
}
_ALTERNATIVES = ("anyOf", "oneOf")
_GOT_TEMPLATE = N_("expected {expected}, got {found}")
_LONGEST_SHOWN = 40


@attrs.frozen
class Message:
    """One message about one place in a document.

    Attributes:
        pointer: JSON pointer of the offending value (or key).
        text: What was found and what was expected.
        about_type: Whether it says the value has the wrong type; other messages about the
            same place are then noise and are dropped.
        depth: Length of the schema path that produced it (shorter is more general).
    """

    pointer: str
    text: str
    about_type: bool = False
    depth: int = 0


def describe(value: object) -> str:
    """A value as an author would write it: ``true``, ``null``, ``0.5``, ``"abc"``, a mapping."""
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= _LONGEST_SHOWN else value[: _LONGEST_SHOWN - 3] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, Mapping):
        return gettext("a mapping")
    if isinstance(value, list | tuple):
        return gettext("a list")
    return type(value).__name__


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list | tuple) else "object"


def _schema(error: ValidationError) -> Mapping[str, Any]:
    return error.schema if isinstance(error.schema, Mapping) else {}


def _words_for_types(types: object) -> str:
    names = [types] if isinstance(types, str) else list(types) if isinstance(types, list) else []
    words = [
        gettext(_TYPE_WORDS[str(name)]) if str(name) in _TYPE_WORDS else str(name) for name in names
    ]
    if len(words) <= 1:
        return "".join(words) or gettext("another type")
    return gettext("{some} or {last}").format(some=", ".join(words[:-1]), last=words[-1])


def _expected(error: ValidationError) -> str:
    """What the failing schema accepts, in words."""
    schema = _schema(error)
    if EXPECTED in schema:
        return gettext(str(schema[EXPECTED]))  # the schemas' words are in the catalogs too
    if error.validator == "type":
        return _words_for_types(error.validator_value)
    if error.validator == "const":
        return describe(error.validator_value)
    if error.validator == "enum":
        choices = ", ".join(describe(v) for v in _value(error))
        return gettext("one of {choices}").format(choices=choices)
    if error.validator == "pattern":
        return gettext("a string matching {pattern}").format(pattern=error.validator_value)
    return gettext("another value")


def _value(error: ValidationError) -> Any:
    """The value of the failing keyword (e.g. the list of ``required`` keys)."""
    return error.validator_value


def _pointer(error: ValidationError) -> str:
    return pointer_join("", *error.absolute_path)


def _branches(error: ValidationError) -> list[list[ValidationError]]:
    """The errors of an ``anyOf``/``oneOf`` grouped by alternative."""
    groups: dict[object, list[ValidationError]] = {}
    for sub in error.context or ():
        key = sub.relative_schema_path[0] if sub.relative_schema_path else None
        groups.setdefault(key, []).append(sub)
    return list(groups.values())


def _mismatch(error: ValidationError) -> bool:
    """Whether the error says the value is of a kind this alternative never accepts."""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    kind = _json_type(error.instance)
    if error.validator == "const":
        return _json_type(error.validator_value) != kind
    if error.validator == "enum":
        return all(_json_type(v) != kind for v in _value(error))
    if error.validator in _ALTERNATIVES:
        return all(any(_mismatch(e) for e in branch) for branch in _branches(error))
    return False


def _depth(branch: Sequence[ValidationError]) -> int:
    return max(len(e.relative_path) for e in branch)


def _alternatives(error: ValidationError) -> list[Message]:
    pointer, found = _pointer(error), describe(error.instance)
    depth = len(error.absolute_schema_path)
    schema = _schema(error)
    branches = _branches(error)
    fitting = [b for b in branches if not any(_mismatch(e) for e in b)]
    scalar = not isinstance(error.instance, Mapping | list)
    if fitting and not (scalar and EXPECTED in schema):
        best = min(fitting, key=lambda b: (-_depth(b), len(b)))
        return [message for sub in best for message in explain(sub)]
    if EXPECTED in schema:
        expected = gettext(str(schema[EXPECTED]))
    else:
        words = dict.fromkeys(_expected(b[0]) for b in branches if b)
        expected = gettext(" or ").join(words)
    text = gettext(_GOT_TEMPLATE).format(expected=expected, found=found)
    return [Message(pointer, text, about_type=not fitting, depth=depth)]


def _unknown_keys(error: ValidationError) -> list[Message]:
    schema = _schema(error)
    allowed = list(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    messages = []
    for key in instance:
        if key in allowed or any(p.search(key) for p in patterns):
            continue
        text = gettext("unknown key {key!r}").format(key=key) + str(suggest(key, allowed))
        if allowed:
            text += gettext(" (expected one of: {keys})").format(keys=", ".join(allowed))
        pointer = pointer_join(_pointer(error), key)
        messages.append(Message(pointer, text, depth=len(error.absolute_schema_path)))
    return messages


def _missing_keys(error: ValidationError) -> list[Message]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    missing = [key for key in _value(error) if key not in instance]
    named = [key for key in missing if error.message.startswith(repr(key))] or missing
    depth = len(error.absolute_schema_path)
    missing_key = gettext("missing required key {key!r}")
    return [Message(_pointer(error), missing_key.format(key=key), depth=depth) for key in named]


def _count(number: int, noun: str) -> str:
    """``3 items``, ``1 key`` in the language in force (``noun`` is ``item``, ``key`` or
    ``character``)."""
    forms = {
        "item": (N_("{count} item"), N_("{count} items")),
        "key": (N_("{count} key"), N_("{count} keys")),
        "character": (N_("{count} character"), N_("{count} characters")),
    }
    one, many = forms[noun]
    return gettext(one if number == 1 else many).format(count=number)


def _simple(error: ValidationError) -> str:
    """The message of an error that is about one value only."""
    value, limit, found = error.instance, _value(error), describe(error.instance)
    size = len(value) if isinstance(value, Mapping | list | str) else 0
    at_least, at_most = gettext("at least {count}"), gettext("at most {count}")

    def got(expected: str, what: object) -> str:
        return gettext(_GOT_TEMPLATE).format(expected=expected, found=what)

    texts: dict[str, Callable[[], str]] = {
        "minItems": lambda: got(at_least.format(count=_count(limit, "item")), size),
        "maxItems": lambda: got(at_most.format(count=_count(limit, "item")), size),
        "minProperties": lambda: got(at_least.format(count=_count(limit, "key")), size),
        "maxProperties": lambda: got(at_most.format(count=_count(limit, "key")), size),
        "minLength": lambda: got(at_least.format(count=_count(limit, "character")), found),
        "maxLength": lambda: got(at_most.format(count=_count(limit, "character")), found),
        "minimum": lambda: got(gettext("a number of at least {limit}").format(limit=limit), found),
        "maximum": lambda: got(gettext("a number of at most {limit}").format(limit=limit), found),
        "exclusiveMinimum": lambda: got(
            gettext("a number above {limit}").format(limit=limit), found
        ),
        "exclusiveMaximum": lambda: got(
            gettext("a number below {limit}").format(limit=limit), found
        ),
        "uniqueItems": lambda: gettext("expected every item to be different; an item repeats"),
    }
    if error.validator in texts:
        return texts[str(error.validator)]()
    if error.validator in ("type", "const", "enum", "pattern"):
        return got(_expected(error), found)
    if error.validator is None:  # the schema `false`
        return gettext("not allowed here")
    return error.message


def explain(error: ValidationError) -> list[Message]:
    """The messages for one validation error (several for a failed ``anyOf``)."""
    if error.validator in _ALTERNATIVES and error.context:
        return _alternatives(error)
    if error.validator == "additionalProperties" and error.validator_value is False:
        return _unknown_keys(error)
    if error.validator == "required":
        return _missing_keys(error)
    pointer, text = _pointer(error), _simple(error)
    if "propertyNames" in error.absolute_schema_path:
        pointer = pointer_join(pointer, str(error.instance))
        text = gettext("key {key!r}: {problem}").format(key=error.instance, problem=text)
    return [
        Message(pointer, text, error.validator == "type", len(error.absolute_schema_path)),
    ]


def explain_all(errors: Iterable[ValidationError]) -> list[Message]:
    """Every message for ``errors``, without repeats and without noise.

    When a value has the wrong type, only the most general message about its type is kept for
    that place: what else fails there follows from the wrong type.
    """
    messages = [message for error in errors for message in explain(error)]
    typed: dict[str, Message] = {}
    for message in messages:
        if message.about_type:
            kept = typed.get(message.pointer)
            if kept is None or message.depth < kept.depth:
                typed[message.pointer] = message
    result: list[Message] = []
    seen: set[tuple[str, str]] = set()
    for message in messages:
        kept = typed.get(message.pointer)
        if kept is not None and message is not kept:
            continue
        if (message.pointer, message.text) not in seen:
            seen.add((message.pointer, message.text))
            result.append(message)
    return result
