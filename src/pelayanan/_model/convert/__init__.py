"""Plain data for every model object, and back, without loss: :func:`to_data` and
:func:`from_data`.

``to_data`` gives JSON-ready structures (dicts, lists, strings, ints, booleans, ``None``):
exact numbers are written as integers when whole and as strings otherwise (``"82.295"``,
``"1/9"``), so no value passes through binary floating point. ``from_data`` reads the same
shapes back (and also accepts :class:`~decimal.Decimal` numbers from the document loader).
Converting a model object to data and back gives an equal object.

Both are driven by the attrs fields of the classes (``_fields``), reading every part so
that one pass reports every problem, each at its JSON pointer. A rubric, a zone scheme and a
unit tree also report the rules that the parts which could be read break (``rubric``,
``zones``, ``units``). This package knows no files: reading and validating documents is
:mod:`pelayanan._documents`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from pelayanan._model.convert._fields import build, plain
from pelayanan._model.convert._reader import ConversionError, Reader
from pelayanan._model.convert.rubric import content_hash, read_rubric
from pelayanan._model.convert.units import read_units
from pelayanan._model.convert.zones import read_zone_scheme
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme

__all__ = ["ConversionError", "content_hash", "from_data", "to_data"]

T = TypeVar("T")

_READERS: dict[type, Callable[[Reader, Any], Any]] = {
    Rubric: read_rubric,
    ZoneScheme: read_zone_scheme,
    UnitTree: read_units,
}
"""The classes read by more than their fields (every part's problems in one pass)."""


def to_data(obj: Any) -> Any:
    """A model object as plain data: the shape of its document (without ``$schema``).

    A :class:`~pelayanan.UnitTree` is written as the list of its units; an evidence item as
    a flat mapping (its provenance beside its value).

    Raises:
        TypeError: ``obj`` is not a model object.
    """
    if isinstance(obj, UnitTree):
        return [plain(unit) for unit in obj]
    if not attrs.has(type(obj)):
        raise TypeError(f"to_data: expected a model object, got {type(obj).__name__}")
    return plain(obj)


def from_data(cls: type[T], data: Any, *, pointer: str = "") -> T:
    """An object of the model class ``cls`` (a :class:`~pelayanan.Rubric`,
    :class:`~pelayanan.ZoneScheme`, :class:`~pelayanan.UnitTree`, :class:`~pelayanan.Evidence`,
    :class:`~pelayanan.Overlay`, :class:`~pelayanan.Assessment`, ...) from plain data, the
    inverse of :func:`to_data`.

    Args:
        cls: The class to build.
        data: Plain data, as :func:`to_data` writes it or a document's body holds it.
        pointer: Where ``data`` sits in a larger document (a JSON pointer such as
            ``"/evidence/3"``); the pointers of problems start there.

    Raises:
        ConversionError: listing every problem found, each with the JSON pointer of the
            offending value (never a raw ``KeyError`` or ``ValueError``).
        TypeError: ``cls`` is not a model class.
    """
    kind: Any = cls
    if not attrs.has(kind):
        raise TypeError(f"from_data: expected a model class, got {cls!r}")
    r = Reader(pointer)
    read = _READERS.get(kind)
    return read(r, data) if read is not None else build(r, cls, data)


# The public names keep this package as their home, as before it was split into modules:
# documentation, tracebacks and pickles name e.g. ``pelayanan._model.convert.ConversionError``,
# not the private module that defines it.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
