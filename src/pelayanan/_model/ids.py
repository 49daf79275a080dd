"""Identifier rules shared by rubrics, indicators, zone schemes and units."""

from __future__ import annotations

import re
from typing import Any

import attrs

from pelayanan._i18n import N_
from pelayanan._model.problems import InvalidValueError, Message

__all__ = ["COLOUR_PATTERN", "check_colour", "check_id", "check_unit_id"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
"""Rubric, group, indicator, zone and parameter ids: letters, digits, ``_ . -``."""

_ID_RE = re.compile(ID_PATTERN)

COLOUR_PATTERN = r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"
"""Display colours: ``#rgb`` or ``#rrggbb`` and nothing else, so a colour read from a zone
scheme or a saved result can never carry markup or CSS into a report or badge."""

_COLOUR_RE = re.compile(COLOUR_PATTERN)


def check_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator for machine identifiers such as ``persyaratan`` or ``ombudsman-2022``."""
    if not isinstance(value, str) or not _ID_RE.match(value):
        message = N_(
            "{name}: expected an identifier of letters, digits, '_', '.' or '-' starting with "
            "a letter or digit, got {value}"
        )
        raise InvalidValueError(Message(message, {"name": attribute.name, "value": repr(value)}))


def check_unit_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator for unit ids: any non-empty text without surrounding white space."""
    if not isinstance(value, str) or not value or value != value.strip():
        message = N_("{name}: expected a non-empty id without surrounding spaces, got {value}")
        raise InvalidValueError(Message(message, {"name": attribute.name, "value": repr(value)}))


def check_colour(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator for display colours (``#rgb`` or ``#rrggbb``); ``None`` passes when
    the attribute is optional."""
    if value is None and attribute.default is None:
        return
    if not isinstance(value, str) or not _COLOUR_RE.fullmatch(value):
        message = N_(
            "{name}: expected a colour such as '#2e7d32' ('#' and 3 or 6 hexadecimal digits), "
            "got {value}"
        )
        raise InvalidValueError(Message(message, {"name": attribute.name, "value": repr(value)}))
