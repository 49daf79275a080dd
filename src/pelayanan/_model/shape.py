"""How a model class is written as plain data: the field metadata the converters read.

:mod:`pelayanan._model.convert` writes and reads every model class from its attrs fields;
where a document differs from the fields (another key, another place, a value left out), the
field says so with :func:`shape` in its metadata, so the class stays the one description.
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["shape"]

Omit = Literal["none", "default", "never"]


def shape(
    *, key: str | None = None, after: str | None = None, omit: Omit = "none", derived: bool = False
) -> dict[str, Any]:
    """Field metadata for the converters.

    Args:
        key: the data key when it is not the field name; ``"a/b"`` puts the value at ``b``
            inside the mapping ``a``; ``""`` writes an attrs value's own keys beside the
            others (flattened).
        after: write the key after the one of this field (``""``: first), not in field order.
        omit: when the value is left out: ``"none"`` when it is ``None``, ``"default"`` when
            it equals the field's default (or is ``None``), ``"never"`` (``None`` is ``null``).
        derived: write this ``init=False`` field (computed from the others; not read back).
    """
    meta: dict[str, Any] = {"omit": omit}
    if key is not None:
        meta["key"] = key
    if after is not None:
        meta["after"] = after
    if derived:
        meta["derived"] = True
    return meta
