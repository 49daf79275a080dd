"""Identifier rules shared by rubrics, indicators, zone schemes and units."""

from __future__ import annotations

import re
from typing import Any

import attrs

__all__ = ["check_id", "check_unit_id"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
"""Rubric, group, indicator, zone and parameter ids: letters, digits, ``_ . -``."""

_ID_RE = re.compile(ID_PATTERN)


def check_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator for machine identifiers such as ``persyaratan`` or ``ombudsman-2022``."""
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise ValueError(
            f"{attribute.name}: expected an identifier of letters, digits, '_', '.' or '-' "
            f"starting with a letter or digit, got {value!r}"
        )


def check_unit_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator for unit ids: any non-empty text without surrounding white space."""
    if not isinstance(value, str) or not value or value != value.strip():
        raise ValueError(
            f"{attribute.name}: expected a non-empty id without surrounding spaces, got {value!r}"
        )
