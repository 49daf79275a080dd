"""Ordering versions, and finding ``id`` or ``id@version`` among registered keys."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["latest", "version_key"]


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions: numeric parts compare as numbers (``"2017" < "2022.1"``).

    >>> sorted(["10", "9", "2022.1", "2022"], key=version_key)
    ['9', '10', '2022', '2022.1']
    """
    parts = re.findall(r"\d+|[^\d]+", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def latest(keys: Sequence[str] | Mapping[str, Any], ref: str) -> str | None:
    """The key for ``ref`` among ``id@version`` keys: exact, or the highest version of an id."""
    if "@" in ref:
        return ref if ref in keys else None
    versions = [key.partition("@")[2] for key in keys if key.partition("@")[0] == ref]
    return f"{ref}@{max(versions, key=version_key)}" if versions else None
