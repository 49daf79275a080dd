"""Plain data for every model object, and back, without loss.

``to_data`` gives JSON-ready structures (dicts, lists, strings, ints, booleans, ``None``):
exact numbers are written as integers when whole and as strings otherwise (``"82.295"``,
``"1/9"``), so no value passes through binary floating point. ``*_from_data`` reads the same
shapes back (and also accepts :class:`~decimal.Decimal` numbers from the document loader).
Converting a model object to data and back gives an equal object.

This package knows no files: reading and validating documents is :mod:`pelayanan._documents`.
Its modules: :mod:`~pelayanan._model.convert.rubric` (rubrics and :func:`content_hash`),
:mod:`~pelayanan._model.convert.zones`, :mod:`~pelayanan._model.convert.units` (units and
evidence) and :mod:`~pelayanan._model.convert.results` (assessments); the private ``_reader``
and ``_common`` hold what they share.
"""

from __future__ import annotations

from pelayanan._model.convert._reader import ConversionError
from pelayanan._model.convert.results import assessment_from_data, assessment_to_data
from pelayanan._model.convert.rubric import content_hash, rubric_from_data, rubric_to_data
from pelayanan._model.convert.units import (
    evidence_from_data,
    evidence_to_data,
    units_from_data,
    units_to_data,
)
from pelayanan._model.convert.zones import zone_scheme_from_data, zone_scheme_to_data

__all__ = [
    "ConversionError",
    "assessment_from_data",
    "assessment_to_data",
    "content_hash",
    "evidence_from_data",
    "evidence_to_data",
    "rubric_from_data",
    "rubric_to_data",
    "units_from_data",
    "units_to_data",
    "zone_scheme_from_data",
    "zone_scheme_to_data",
]

# The public names keep this package as their home, as before it was split into modules:
# documentation, tracebacks and pickles name e.g. ``pelayanan._model.convert.ConversionError``,
# not the private module that defines it.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
