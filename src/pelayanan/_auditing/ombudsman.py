"""Auditing an Ombudsman list: does each printed zone (and category) follow from the score?

A list is a CSV file with the columns ``unit``, ``year``, ``score`` and ``zone``, and optionally
``level`` and ``category`` (other columns are ignored). Each row's score is classified under
the zone scheme of its year and level, chosen by the one year-to-scheme mapping of pelayanan
(:meth:`pelayanan.plugins.Registry.scheme_for_year`): 2015 by level, 2016-2019, 2021,
2022-2024. The printed zone must be the zone the score gives; for a scheme whose bands are
letter categories (2022-2024: A-E), a printed category must be the score's band.

A file that cannot be read, a missing column, a score that is no number, a year without a
known method or a 2015 row without a level is invalid input: every such problem is reported
by row and column and nothing is audited.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from pelayanan._documents.errors import DocumentError, Problem
from pelayanan._i18n import N_, figure_text, gettext
from pelayanan._model.methods import NoMethodError
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers.problems import BadRowsError, TableProblem
from pelayanan._readers.units import Row, csv_table
from pelayanan.plugins import Registry, get_registry

__all__ = ["COLUMNS", "OmbudsmanAudit", "OmbudsmanRow", "audit_ombudsman"]

COLUMNS = ("unit", "year", "score", "zone", "level", "category")
"""The columns read; the first four are required."""

_REQUIRED = COLUMNS[:4]
_SCORE = re.compile(r"^\d{1,6}([.,]\d{1,12})?$")
_YEAR = re.compile(r"^\d{4}$")


_VERDICTS = {
    "consistent": N_("consistent"),
    "inconsistent": N_("inconsistent"),
    "undetermined": N_("undetermined"),
}


def verdict_text(verdict: str) -> str:
    """An audit verdict id (``consistent``, ``inconsistent``, ``undetermined``) in the
    language in force."""
    return gettext(_VERDICTS[verdict]) if verdict in _VERDICTS else verdict


@attrs.frozen
class OmbudsmanRow:
    """One audited row of an Ombudsman list.

    Attributes:
        row: The CSV row number (the header is row 1).
        unit: The unit as printed.
        year: The assessment year.
        level: The level as printed, if any.
        score: The printed score.
        zone: The printed zone (lower case).
        category: The printed category, if any.
        scheme: The zone scheme of that year and level (``ombudsman-2016@2016``).
        published: The score as classified (half-up to two decimals).
        expected_zone: The zone the score gives.
        expected_category: The band the score gives, for a scheme of letter categories.
    """

    row: int
    unit: str
    year: int
    level: str | None
    score: Decimal
    zone: str
    category: str | None
    scheme: str
    published: Decimal
    expected_zone: str
    expected_category: str | None

    @property
    def zone_agrees(self) -> bool:
        """Whether the printed zone is the one the score gives."""
        return self.zone == self.expected_zone

    @property
    def category_agrees(self) -> bool:
        """Whether the printed category (if any) is the score's band."""
        if self.category is None or self.expected_category is None:
            return True
        return self.category.upper() == self.expected_category.upper()

    @property
    def agrees(self) -> bool:
        """Zone and category both agree."""
        return self.zone_agrees and self.category_agrees

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "row": self.row,
            "unit": self.unit,
            "year": self.year,
            "level": self.level,
            "score": str(self.score),
            "zone": self.zone,
            "category": self.category,
            "scheme": self.scheme,
            "expected_zone": self.expected_zone,
            "expected_category": self.expected_category,
            "agrees": self.agrees,
        }


@attrs.frozen
class OmbudsmanAudit:
    """The outcome of auditing an Ombudsman list.

    Attributes:
        source: The file as given.
        rows: Every row, in file order.
    """

    source: str
    rows: tuple[OmbudsmanRow, ...]

    @property
    def disagreeing(self) -> tuple[OmbudsmanRow, ...]:
        """The rows whose zone or category does not follow from the score."""
        return tuple(row for row in self.rows if not row.agrees)

    @property
    def verdict(self) -> str:
        """``consistent`` when every row agrees, else ``inconsistent`` (ids: see
        :func:`verdict_text` for the words)."""
        return "inconsistent" if self.disagreeing else "consistent"

    @property
    def exit_code(self) -> int:
        """0 when every row agrees, 3 otherwise."""
        return 3 if self.disagreeing else 0

    def to_data(self) -> dict[str, Any]:
        """The verdict, the counts, and each disagreeing row."""
        return {
            "verdict": self.verdict,
            "source": self.source,
            "rows": len(self.rows),
            "agree": len(self.rows) - len(self.disagreeing),
            "disagree": len(self.disagreeing),
            "disagreeing": [row.to_data() for row in self.disagreeing],
        }

    def render_text(self) -> str:
        """A summary line, then one line per disagreeing row."""
        bad = self.disagreeing
        lines = [
            gettext(
                "Audit of {file}: {rows} rows, {agree} agree, {disagree} disagree ({verdict})"
            ).format(
                file=self.source,
                rows=len(self.rows),
                agree=len(self.rows) - len(bad),
                disagree=len(bad),
                verdict=verdict_text(self.verdict),
            )
        ]
        for row in bad:
            parts = []
            if not row.zone_agrees:
                parts.append(
                    gettext("zone {zone}, but {score} gives {expected}").format(
                        zone=row.zone, score=figure_text(row.published), expected=row.expected_zone
                    )
                )
            if not row.category_agrees:
                parts.append(
                    gettext("category {category}, but it gives {expected}").format(
                        category=row.category, expected=row.expected_category
                    )
                )
            lines.append(
                "  "
                + gettext("row {row}: {unit} {year} ({scheme}), score {score}: ").format(
                    row=row.row,
                    unit=row.unit,
                    year=row.year,
                    scheme=row.scheme,
                    score=figure_text(row.score),
                )
                + "; ".join(parts)
            )
        return "\n".join(lines)


def _zone_name(text: str) -> str:
    name = text.strip().lower()
    return name.removeprefix("zona ").strip()


def _has_categories(scheme: ZoneScheme) -> bool:
    return any(band.code != band.zone for band in scheme.bands)


def audit_ombudsman(
    path: str | os.PathLike[str], *, registry: Registry | None = None
) -> OmbudsmanAudit:
    """Check each row's zone (and category) against the scheme of its year and level.

    Args:
        path: A CSV file with the columns ``unit``, ``year``, ``score``, ``zone`` and
            optionally ``level`` and ``category``; ``,``, ``;`` or tab separated, UTF-8.
        registry: Where the zone schemes come from (default: the process-wide lenient
            registry, ``get_registry(strict=False)``).

    Returns:
        Every row with the zone its score gives; :attr:`OmbudsmanAudit.disagreeing` lists the
        rows that do not agree.

    Raises:
        BadRowsError: a file that cannot be audited, listing every problem by row and column.
    """
    registry = registry if registry is not None else get_registry(strict=False)
    source = os.fspath(path)
    problems: list[Problem] = []
    rows: list[OmbudsmanRow] = []
    try:
        header, table = csv_table(Path(path), COLUMNS, None, problems)
    except DocumentError as error:
        raise BadRowsError(error.problems) from None
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        message = gettext(
            "the header lacks {missing}; an Ombudsman list has the columns {columns} and "
            "optionally level and category"
        ).format(missing=", ".join(f"'{m}'" for m in missing), columns=", ".join(COLUMNS[:4]))
        raise BadRowsError([TableProblem.at(source, 1, message)])
    where = {name: position for position, name in enumerate(header, start=1)}
    for number, cells in table:
        row = _row(number, cells, where, source, registry, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise BadRowsError(problems)
    return OmbudsmanAudit(source, tuple(rows))


def _row(
    number: int,
    cells: Row,
    header: dict[str, int],
    source: str,
    registry: Registry,
    problems: list[Problem],
) -> OmbudsmanRow | None:
    def cell(name: str) -> str:
        return cells[name][0] if name in cells else ""

    def problem(name: str, message: str) -> None:
        problems.append(TableProblem.at(source, number, message, column=header[name], header=name))

    before = len(problems)
    unit = cell("unit")
    if not unit:
        problem("unit", gettext("expected the unit's name, got an empty cell"))
    year_text = cell("year")
    year = int(year_text) if _YEAR.match(year_text) else None
    if year is None:
        problem(
            "year", gettext("expected a year such as 2023, got '{text}'").format(text=year_text)
        )
    score_text = cell("score")
    score: Decimal | None = None
    if _SCORE.match(score_text):
        try:
            score = Decimal(score_text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            score = None
    if score is None:
        problem(
            "score", gettext("expected a score such as 82.30, got '{text}'").format(text=score_text)
        )
    level = cell("level") or None
    zone = _zone_name(cell("zone"))
    category = cell("category") or None
    if year is None or score is None or len(problems) > before:
        return None
    try:
        scheme = registry.scheme_for_year(year, level)
    except NoMethodError as error:
        about_level = error.year in error.known and "level" in header
        problem("level" if about_level else "year", str(error))
        return None
    zone_ids = [z.id for z in scheme.zones]
    if zone not in zone_ids:
        problem(
            "zone",
            gettext("expected one of the zones {zones}, got '{text}'").format(
                zones=", ".join(zone_ids), text=cell("zone")
            ),
        )
    categories = _has_categories(scheme)
    if category is not None and not categories:
        problem(
            "category",
            gettext(
                "{scheme} ({year}) has zones only, no letter categories; leave the cell empty"
            ).format(scheme=scheme.ref, year=year),
        )
    elif category is not None and category.upper() not in {b.code.upper() for b in scheme.bands}:
        codes = ", ".join(b.code for b in scheme.bands)
        problem(
            "category",
            gettext("expected one of the categories {codes}, got '{text}'").format(
                codes=codes, text=category
            ),
        )
    try:
        found = scheme.classify(score)
    except ValueError as error:
        problem("score", str(error))
        return None
    if len(problems) > before:
        return None
    return OmbudsmanRow(
        row=number,
        unit=unit,
        year=year,
        level=level,
        score=score,
        zone=zone,
        category=category,
        scheme=scheme.ref,
        published=found.score,
        expected_zone=found.zone.id,
        expected_category=found.band.code if categories else None,
    )
