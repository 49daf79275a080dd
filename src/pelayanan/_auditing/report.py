"""The published-report document: the figures a survey report prints, read safely.

A published report is read by the project's safe loader, validated against the bundled
``published-report`` JSON Schema, and then checked for what a schema cannot say (lists of
the same length, figures with bounded digits). Every problem is reported at once with its
file, JSON pointer and line, as a :class:`~pelayanan._documents.errors.DocumentError`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from pelayanan._documents.api import _prepare, _stop
from pelayanan._documents.errors import Problem, pointer_join
from pelayanan._documents.loading import Document, Limits
from pelayanan._i18n import gettext
from pelayanan._model.numbers import to_exact

__all__ = ["KIND", "PublishedReport", "load_published_report"]

KIND = "published-report"
"""The document kind (and bundled schema name) of a published report."""

_MAX_DIGITS = 30
"""Most significant digits accepted in one printed figure."""


@attrs.frozen
class PublishedReport:
    """What a published SKM or IKM report prints, as printed.

    Figures are :class:`~decimal.Decimal` values that keep the digits they were printed
    with (``Decimal("90.50")`` has two decimals), because the number of printed decimals is
    part of what is audited.

    Attributes:
        instrument: The survey rubric reference (``skm-2017``, ``ikm-2004``, ...).
        nrr: The printed NRR of each element, in report order.
        unit: The reporting unit, free text.
        period: The survey period as printed, free text.
        respondents: The printed number of respondents.
        elements: The element ids in report order, when the report names them.
        element_totals: The printed sum of answers per element.
        weighted_nrr: The printed weighted NRR per element.
        stated_weight: The weight the report says it used, as written (``"0.11"``, ``"1/9"``).
        index: The printed index on the answer scale.
        converted: The printed converted score.
        category: The printed category letter.
        source: Where the report was read from (for messages).
        pointers: The JSON pointer of each field, for findings (``"/nrr/3"``...).
    """

    instrument: str
    nrr: tuple[Decimal, ...]
    unit: str | None = None
    period: str | None = None
    respondents: int | None = None
    elements: tuple[str, ...] | None = None
    element_totals: tuple[int, ...] | None = None
    weighted_nrr: tuple[Decimal, ...] | None = None
    stated_weight: str | None = None
    index: Decimal | None = None
    converted: Decimal | None = None
    category: str | None = None
    source: str = "<report>"


def _figure(
    document: Document, pointer: str, value: Any, problems: list[Problem]
) -> Decimal | None:
    """A printed figure as a Decimal that keeps its printed digits (``"90.50"`` has two
    decimals), or ``None`` when it is not one: what is wrong goes to ``problems`` (a value of
    the wrong type only to the schema's)."""
    if isinstance(value, bool):
        return None  # the schema reports it
    if isinstance(value, str) and "/" in value:
        message = gettext("expected a decimal as printed, got the fraction {value}")
    else:
        try:
            number = Decimal(value if isinstance(value, int | Decimal) else str(value).strip())
        except (ValueError, ArithmeticError):
            return None  # the schema reports it
        found = _out_of_bounds(number)
        if found is None:
            return number
        message = found
    problems.append(document.problem(pointer, message.format(value=value, limit=_MAX_DIGITS)))
    return None


def _out_of_bounds(number: Decimal) -> str | None:
    """What makes ``number`` no printed figure (a template naming ``value`` and ``limit``)."""
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int):
        return gettext("expected a finite number, got {value}")
    if len(number.as_tuple().digits) > _MAX_DIGITS or exponent < -20 or number.adjusted() > 12:
        return gettext(
            "expected a printed figure of at most {limit} digits, 12 before and 20 after the "
            "decimal point, got {value}"
        )
    return gettext("expected a figure of 0 or more, got {value}") if number < 0 else None


def _read(document: Document, body: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The figures, each read once, and what the schema cannot say: list lengths and bounded
    figures."""
    problems: list[Problem] = []
    count = len(body.get("nrr") or ())
    for key in ("elements", "element_totals", "weighted_nrr"):
        given = body.get(key)
        if isinstance(given, list) and count and len(given) != count:
            problems.append(
                document.problem(
                    pointer_join("", key),
                    gettext("expected {count} items, one per printed NRR, got {given}").format(
                        count=count, given=len(given)
                    ),
                )
            )
    if "element_totals" in body and "respondents" not in body:
        problems.append(
            document.problem(
                "/element_totals",
                gettext(
                    "element totals need the respondent count: add respondents (the NRR is a "
                    "total divided by it)"
                ),
            )
        )
    figures: dict[str, Any] = {}
    for key in ("nrr", "weighted_nrr"):
        values = body.get(key)
        if isinstance(values, list):
            figures[key] = tuple(
                _figure(document, pointer_join("", key, i), value, problems)
                for i, value in enumerate(values)
            )
    for key in ("index", "converted"):
        if key in body:
            figures[key] = _figure(document, pointer_join("", key), body[key], problems)
    if "stated_weight" in body and not isinstance(body["stated_weight"], bool):
        stated = body["stated_weight"]
        if not (isinstance(stated, str) and "/" in stated):
            _figure(document, "/stated_weight", stated, problems)
        try:
            if to_exact(stated, what="stated_weight") <= 0:
                problems.append(
                    document.problem(
                        "/stated_weight",
                        gettext("expected a positive weight, got {value}").format(value=stated),
                    )
                )
        except (ValueError, ZeroDivisionError, ArithmeticError):
            problems.append(
                document.problem(
                    "/stated_weight",
                    gettext('expected a weight such as "0.11" or "1/9", got \'{value}\'').format(
                        value=stated
                    ),
                )
            )
    return figures, problems


def load_published_report(
    source: str | os.PathLike[str] | Mapping[str, Any] | Document,
    *,
    limits: Limits | None = None,
    name: str | None = None,
) -> PublishedReport:
    """Read a published-report document (YAML or JSON) and check every field.

    Args:
        source: A path, a mapping or a loaded document.
        limits: Resource limits for reading (default: the limits in force).
        name: The name to show in problems instead of the path.

    Raises:
        DocumentError: listing every problem, each with its file, JSON pointer and line.
    """
    document, body, problems = _prepare(KIND, source, limits, name)
    figures, found = _read(document, body)
    _stop([*problems, *found])
    stated = body.get("stated_weight")
    return PublishedReport(
        instrument=body["instrument"],
        unit=body.get("unit"),
        period=body.get("period"),
        respondents=body.get("respondents"),
        elements=tuple(body["elements"]) if "elements" in body else None,
        element_totals=tuple(body["element_totals"]) if "element_totals" in body else None,
        stated_weight=None if stated is None else str(stated).strip(),
        category=body.get("category"),
        source=document.source,
        **figures,
    )
