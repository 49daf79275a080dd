"""Assessments (score cards and their breakdowns) as plain data and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelayanan._model.convert._fields import build, plain
from pelayanan._model.convert._reader import Data, Reader
from pelayanan._model.records import TargetResult
from pelayanan._model.results import Assessment

__all__ = ["assessment_from_data", "assessment_to_data"]


def target_to_data(target: TargetResult) -> Data:
    """A target as the ``target`` field of a card: score, band, gap (decimal strings), met."""
    return plain(target)  # type: ignore[no-any-return]


def assessment_to_data(assessment: Assessment) -> Data:
    """The assessment as plain data (the assessment-result document)."""
    return plain(assessment)  # type: ignore[no-any-return]


def assessment_from_data(data: Mapping[str, Any]) -> Assessment:
    """Build an :class:`Assessment` from plain data.

    Raises:
        ConversionError: for any data that is not a valid assessment, with the JSON pointer
            of the offending value (never a raw ``KeyError`` or ``ValueError``).
    """
    return build(Reader(), Assessment, data)
