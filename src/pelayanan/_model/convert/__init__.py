"""Plain data for every model object, and back, without loss: :func:`to_data` and
:func:`from_data`.

``to_data`` gives JSON-ready structures (dicts, lists, strings, ints, booleans, ``None``):
exact numbers are written as integers when whole and as strings otherwise (``"82.295"``,
``"1/9"``), so no value passes through binary floating point. ``from_data`` reads the same
shapes back (and also accepts :class:`~decimal.Decimal` numbers from the document loader).
Converting a model object to data and back gives an equal object.

Both are driven by the attrs fields of the classes (``_fields``), reading every part so
that one pass reports every problem, each at its JSON pointer. A rubric, a zone scheme and a
unit tree also report the rules that the parts which could be read break (below). This
package knows no files: reading and validating documents is
:mod:`pelayanan._documents`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from pelayanan._i18n import N_
from pelayanan._model.convert._fields import build, built_parts, plain, read_scale
from pelayanan._model.convert._reader import ConversionError, Reader
from pelayanan._model.numbers import Rounding, to_exact
from pelayanan._model.policies import Parameter
from pelayanan._model.problems import Message, suggest
from pelayanan._model.rubric import Group, Indicator, Rubric, parameter_findings, tree_findings
from pelayanan._model.scales import Scale
from pelayanan._model.units import Unit, UnitTree, unit_findings
from pelayanan._model.zones import Band, Zone, ZoneScheme, scheme_findings

__all__ = ["ConversionError", "content_hash", "from_data", "to_data"]

T = TypeVar("T")

# --- the classes read by more than their fields --------------------------------------------


def _named_scales(r: Reader, data: object) -> None:
    """Read the named scales into ``r.scales`` (those that can be read) and ``r.declared``
    (every name declared), keeping their problems in ``r.found``."""
    with r.at("scales"):
        declared = r.attempt(functools.partial(r.mapping, data)) or {}
    named: dict[str, Scale] = r.scales
    for name, spec in declared.items():
        with r.at("scales", name):
            if isinstance(spec, str) and spec != "boolean" and spec not in named:
                later = Message(N_(" (it is declared below; a scale may only name one above it)"))
                hint = later if spec in declared else suggest(spec, [*named, "boolean"])
                message = N_("unknown scale {name!r}{hint}")
                r.attempt(functools.partial(r.fail, message, name=spec, hint=hint))
                continue
            scale = r.attempt(functools.partial(read_scale, r, spec))
            if scale is not None:
                named[name] = scale
    r.declared = list(declared)


def read_rubric(r: Reader, data: Any) -> Rubric:
    """A :class:`Rubric` from plain data; raises :class:`ConversionError` listing every part
    that cannot be read and the rules of :class:`Rubric` that the readable parts break."""
    raw = r.mapping(data)
    _named_scales(r, raw.get("scales", {}))
    r.built = []
    rubric = r.attempt(functools.partial(build, r, Rubric, raw))  # (its scales read above)
    if rubric is None or r.found:  # the rules the parts that could be read break, too
        nodes = [(at, part) for at, part in r.built if isinstance(part, Group | Indicator)]
        parameters = built_parts(r, raw, "parameters", Parameter)
        values = raw.get("parameter_values")
        pairs = [(str(k), str(v)) for k, v in values.items()] if isinstance(values, Mapping) else []
        more = [*tree_findings(nodes), *parameter_findings(nodes, parameters, pairs)]
        r.found = list(dict.fromkeys([*r.found, *more]))  # the rubric's own check found some
        r.stop()
    assert rubric is not None  # r.stop() raised otherwise
    return rubric


def content_hash(data_or_rubric: Rubric | ZoneScheme | Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of a rubric, zone scheme or plain data.

    Canonical: keys sorted, no insignificant white space, UTF-8, numbers as in ``to_data``.
    """
    data = data_or_rubric if isinstance(data_or_rubric, Mapping) else plain(data_or_rubric)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_zone_scheme(r: Reader, data: Any) -> ZoneScheme:
    """A :class:`ZoneScheme` from plain data; raises :class:`ConversionError` listing every
    part that cannot be read and, with the parts that can, every rule they break."""
    r.built = []
    scheme = r.attempt(functools.partial(build, r, ZoneScheme, data))
    if scheme is None:  # (a mapping: build refuses anything else before reading a part)
        scale = (_bound(data.get("minimum")), _bound(data.get("maximum")))
        rounding = next((part for _, part in r.built if isinstance(part, Rounding)), Rounding())
        bands = built_parts(r, data, "bands", Band)
        zones = built_parts(r, data, "zones", Zone)
        more = scheme_findings(scale, rounding, bands, zones)
        r.found = list(dict.fromkeys([*r.found, *(f.under(r.pointer) for f in more)]))
        r.stop()
    assert scheme is not None  # r.stop() raised otherwise
    return scheme


def _bound(value: object) -> Any:
    try:
        return to_exact(value, what="bound")
    except (ValueError, TypeError, ArithmeticError):
        return None  # reported already


def read_units(r: Reader, data: object) -> UnitTree:
    """A :class:`UnitTree` from a list of unit mappings; raises :class:`ConversionError`
    listing every unit that cannot be read and every rule of the tree broken."""
    units = []
    for i, item in enumerate(r.sequence(data)):
        with r.at(i):
            units.append(r.attempt(functools.partial(build, r, Unit, item)))
    if r.found:  # the rules the units that could be read break, too
        r.stop(unit_findings(units))
    return r.build(UnitTree, units)


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
