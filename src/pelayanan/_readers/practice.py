"""Reading the records of a city's practice: targets (performance agreements) and the history
of published scores. Both come as CSV or as a YAML/JSON document with a bundled schema.

Targets CSV columns: ``unit``, ``period``, ``target`` (a score) or ``target_band`` (a band
code), optional ``agreed_by`` and ``agreed_at``. History CSV columns: ``unit``, ``year``,
``score``, optional ``level`` (needed for 2015), ``name`` and ``zone`` (the published zone).

Every problem of a file is reported at once, with its row and column (CSV) or its line and
JSON pointer (YAML, JSON); nothing is returned from a file with problems. Files are bounded
by the limits in force (:mod:`pelayanan._model.limits`): size, rows and cell length.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pelayanan._documents.api import _prepare, _stop
from pelayanan._documents.errors import DocumentError, Problem, pointer_join
from pelayanan._documents.loading import Document
from pelayanan._i18n import gettext
from pelayanan._model.history import History, HistoryEntry, classify_history
from pelayanan._model.methods import DEFAULT_SERIES, scheme_for_year
from pelayanan._model.numbers import to_decimal
from pelayanan._model.targets import Target, TargetSet
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers.problems import TableProblem
from pelayanan._readers.units import Row, csv_table

__all__ = [
    "HISTORY_COLUMNS",
    "TARGET_COLUMNS",
    "read_history",
    "read_targets",
]

TARGET_COLUMNS = ("unit", "period", "target", "target_band", "agreed_by", "agreed_at")
"""The columns of a targets CSV file (``unit`` and ``period`` required, and one of
``target`` and ``target_band`` per row)."""

HISTORY_COLUMNS = ("unit", "year", "score", "level", "name", "zone")
"""The columns of a history CSV file (``unit``, ``year`` and ``score`` required)."""


def _is_table(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".tsv", ".txt")


def _csv_rows(
    path: Path, columns: Sequence[str], required: Sequence[str], what: str
) -> list[tuple[int, Row]]:
    problems: list[Problem] = []
    unknown = gettext("unknown column '{name}'; a {what} file has {known}")
    header, rows = csv_table(path, columns, unknown.replace("{what}", what), problems)
    for name in required:
        if name not in header:
            message = gettext("the header has no '{column}' column").format(column=name)
            problems.append(TableProblem.at(str(path), 1, message))
    if problems:
        raise DocumentError(problems)
    return rows


Place = Callable[[str | None, str], Problem]
"""Where a problem of one record is: (the field, or None for the whole record; the message)."""


class _Record(NamedTuple):
    """One CSV row or document item: its fields, how to place a problem in it, and its CSV
    row number (None in a document)."""

    value: Mapping[str, Any]
    place: Place
    row: int | None


def _csv_records(
    path: Path, rows: Iterable[tuple[int, Row]], required: Sequence[str], problems: list[Problem]
) -> Iterator[_Record]:
    """The rows as records; a row with an empty required cell is a problem, not a record."""
    source = str(path)
    for number, row in rows:
        missing = [name for name in required if name not in row]
        for name in missing:
            problems.append(_cell_problem(source, number, row, name, _empty(name)))
        if not missing:
            yield _Record(
                {name: text for name, (text, _) in row.items()},
                lambda name, message, n=number, r=row: _cell_problem(source, n, r, name, message),  # type: ignore[misc]
                number,
            )


def _items(
    document: Document, at: str, defaults: Mapping[str, Any], *, field: bool
) -> list[_Record]:
    """The items of the list at ``at`` as records, each over ``defaults``; a problem is placed
    at the item, or at its field when ``field``."""

    def place_in(pointer: str) -> Place:
        def place(name: str | None, message: str) -> Problem:
            where = pointer_join(pointer, name) if field and name is not None else pointer
            return document.problem(where, message)

        return place

    items = document.data.get(at[1:], [])
    return [
        _Record({**defaults, **item}, place_in(pointer_join(at, i)), None)
        for i, item in enumerate(items)
    ]


def _empty(name: str) -> str:
    """``the unit is empty`` (and likewise for the other required cells)."""
    return gettext("the {column} is empty").format(column=name)


def _cell_problem(
    source: str, number: int, row: Row, name: str | None, message: str
) -> TableProblem:
    column = row[name][1] if name in row else None
    return TableProblem.at(source, number, message, column=column, header=name)


def _document(path: Path, kind: str) -> tuple[Document, Mapping[str, Any]]:
    """The document read and checked against its kind's schema (every problem raised)."""
    document, body, problems = _prepare(kind, path, None, None)
    _stop(problems)
    return document, body


# ------------------------------------------------------------------------------ targets


def read_targets(path: str | Path) -> TargetSet:
    """The targets in ``path`` (``.csv``, or a ``targets`` YAML/JSON document).

    Raises:
        DocumentError: every problem, with its row and column or line and pointer.
        FileNotFoundError: no such file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(gettext("no such targets file: {file}").format(file=path))
    problems: list[Problem] = []
    top: Mapping[str, Any] = {}
    if _is_table(path):
        rows = _csv_rows(path, TARGET_COLUMNS, ("unit", "period"), "targets")
        if rows and not {name for _, row in rows for name in row} & {"target", "target_band"}:
            message = gettext("the header needs a 'target' or a 'target_band' column")
            problems.append(TableProblem.at(str(path), 1, message))
        records: Iterable[_Record] = _csv_records(path, rows, ("unit", "period"), problems)
    else:
        document, top = _document(path, "targets")
        defaults = {name: top.get(name) for name in ("period", "agreed_by", "agreed_at")}
        records = _items(document, "/targets", defaults, field=False)
    targets = _targets(records, problems)
    if problems:
        raise DocumentError(problems)
    return TargetSet(targets, top.get("rubric"), top.get("zone_scheme"))


def _targets(records: Iterable[_Record], problems: list[Problem]) -> list[Target]:
    """The targets of ``records`` (CSV rows or document items alike), problems aside."""
    targets: list[Target] = []
    seen: dict[tuple[str, str], _Record] = {}
    for record in records:
        value, place = record.value, record.place
        if value.get("period") is None:
            problems.append(place(None, gettext("no period (give one here or at the top)")))
            continue
        if ("target" in value) == ("target_band" in value):
            problems.append(
                place(None, gettext("give 'target' (a score) or 'target_band' (a band code), one"))
            )
            continue
        key = (value["unit"], str(value["period"]))
        first = seen.get(key)
        if first is not None:
            if first.row is None:
                message = gettext("unit '{unit}' has a second target for {period}")
            else:
                message = gettext("unit '{unit}' already has a target for {period} in row {row}")
            problems.append(
                place("unit", message.format(unit=key[0], period=key[1], row=first.row))
            )
            continue
        seen[key] = record
        score = value.get("target")
        where = "target" if "target" in value else "target_band"
        try:
            targets.append(
                Target(
                    value["unit"],
                    str(value["period"]),
                    None if score is None else str(score),
                    value.get("target_band"),
                    value.get("agreed_by"),
                    value.get("agreed_at"),
                )
            )
        except (ValueError, TypeError) as error:
            problems.append(place(where, str(error)))
    return targets


# ------------------------------------------------------------------------------ history


def read_history(
    path: str | Path, schemes: Iterable[ZoneScheme], *, series: str | None = None
) -> History:
    """The published scores in ``path``, each classified under its year's scheme.

    Args:
        schemes: the zone schemes to choose from (e.g. ``registry.zone_schemes()``).
        series: the assessment series (default: the document's, else ``ombudsman``).

    Raises:
        DocumentError: every problem with its place: a year without a known method (naming
            the known years), 2015 without a level, a score outside its scale, a published
            zone that disagrees with the classification.
        FileNotFoundError: no such file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(gettext("no such history file: {file}").format(file=path))
    pool = tuple(schemes)
    problems: list[Problem] = []
    top: Mapping[str, Any] = {}
    if _is_table(path):
        required = ("unit", "year", "score")
        rows = _csv_rows(path, HISTORY_COLUMNS, required, "history")
        records: Iterable[_Record] = _csv_records(path, rows, required, problems)
    else:
        document, top = _document(path, "history")
        records = _items(document, "/scores", {}, field=True)
    entries, places = _history(records, problems)
    if problems:
        raise DocumentError(problems)
    chosen = series or top.get("series") or DEFAULT_SERIES
    for entry, place in zip(entries, places, strict=True):
        try:
            scheme = scheme_for_year(pool, entry.year, entry.level, series=chosen)
        except ValueError as error:  # no method that year (or 2015 without a level)
            problems.append(place("year", str(error)))
            continue
        try:
            found = scheme.classify(entry.score)
        except ValueError as error:  # a score outside the year's scale: the score's place
            problems.append(place("score", str(error)))
            continue
        if entry.zone is not None and entry.zone != found.zone.id:
            problems.append(
                place(
                    "zone",
                    gettext(
                        "the published zone is '{zone}', but {score} is '{found}' under {scheme} "
                        "(the table of {year})"
                    ).format(
                        zone=entry.zone,
                        score=found.score,
                        found=found.zone.id,
                        scheme=scheme.ref,
                        year=entry.year,
                    ),
                )
            )
    if problems:
        raise DocumentError(problems)
    return classify_history(entries, pool, series=chosen)


def _entry(value: Mapping[str, Any], year: int) -> HistoryEntry:
    score = to_decimal(value["score"], what="score")
    return HistoryEntry(
        str(value["unit"]),
        year,
        score,
        None if value.get("level") is None else str(value["level"]).strip().lower(),
        value.get("name"),
        None if value.get("zone") is None else str(value["zone"]).strip().lower(),
    )


def _history(
    records: Iterable[_Record], problems: list[Problem]
) -> tuple[list[HistoryEntry], list[Place]]:
    """The entries of ``records`` (CSV rows or document items alike) and the place of each."""
    entries: list[HistoryEntry] = []
    places: list[Place] = []
    seen: dict[tuple[str, int], _Record] = {}
    for record in records:
        value, place = record.value, record.place
        year = value["year"]
        if isinstance(year, str) and (not year.isdigit() or len(year) != 4):
            problems.append(
                place(
                    "year", gettext("expected a year such as 2019, got '{text}'").format(text=year)
                )
            )
            continue
        key = (str(value["unit"]), int(year))
        first = seen.get(key)
        if first is not None:
            if first.row is None:
                problems.append(
                    place(
                        "year",
                        gettext("'{unit}' has a second {year} score").format(
                            unit=key[0], year=key[1]
                        ),
                    )
                )
            else:
                message = gettext("'{unit}' already has a {year} score in row {row}")
                problems.append(
                    place("unit", message.format(unit=key[0], year=key[1], row=first.row))
                )
            continue
        seen[key] = record
        try:
            entries.append(_entry(value, key[1]))
        except (ValueError, TypeError) as error:
            problems.append(place("score", str(error)))
        else:
            places.append(place)
    return entries, places
