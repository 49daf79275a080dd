"""References to a rubric or zone scheme: ``id`` (the highest version) or ``id@version``.

The one place a reference is split and looked up: the registry, overlays finding their base,
the command line and the test kit all use :func:`find_ref` and :func:`split_ref`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["find_ref", "split_ref", "version_key"]


def split_ref(ref: str) -> tuple[str, str | None]:
    """``(id, version)``; the version is ``None`` when ``ref`` names none.

    >>> split_ref("skm-2017@2017"), split_ref("skm-2017")
    (('skm-2017', '2017'), ('skm-2017', None))
    """
    doc_id, _, version = ref.partition("@")
    return doc_id, version or None


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions: numeric parts compare as numbers (``"2017" < "2022.1"``).

    >>> sorted(["10", "9", "2022.1", "2022"], key=version_key)
    ['9', '10', '2022', '2022.1']
    """
    parts = re.findall(r"\d+|[^\d]+", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


def find_ref(keys: Iterable[str], ref: str) -> str | None:
    """The ``id@version`` key ``ref`` means among ``keys``: itself, or for a bare ``id`` the
    key of its highest version; ``None`` when there is none.

    >>> find_ref(["skm@2017", "skm@2004", "ikm@2004"], "skm")
    'skm@2017'
    >>> find_ref(["skm@2017"], "skm@2004") is None
    True
    """
    doc_id, version = split_ref(ref)
    known = list(keys)
    if version is not None:
        return ref if ref in known else None
    versions = [v for k, v in map(split_ref, known) if k == doc_id and v is not None]
    return f"{doc_id}@{max(versions, key=version_key)}" if versions else None
