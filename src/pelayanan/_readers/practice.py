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

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pelayanan._documents import schemas
from pelayanan._documents.errors import DocumentError, Problem, pointer_join
from pelayanan._documents.loading import Document, load_document
from pelayanan._i18n import gettext
from pelayanan._model.history import History, HistoryEntry, classify_history
from pelayanan._model.limits import current_limits
from pelayanan._model.methods import DEFAULT_SERIES, scheme_for_year
from pelayanan._model.targets import Target, TargetSet
from pelayanan._model.zones import ZoneScheme
from pelayanan._readers.csv_reader import guess_delimiter
from pelayanan._readers.problems import TableProblem

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

T = TypeVar("T")
Row = dict[str, tuple[str, int]]
"""A CSV row: column name -> (cell text, 1-based column number)."""


def _is_table(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".tsv", ".txt")


def _csv_rows(
    path: Path, columns: Sequence[str], required: Sequence[str], what: str
) -> list[tuple[int, Row]]:
    source = str(path)
    limits = current_limits()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise DocumentError(
            [
                TableProblem.at(
                    source,
                    1,
                    gettext(
                        "the file has {size} bytes, more than the limit max_bytes={limit}"
                    ).format(size=size, limit=limits.max_bytes),
                    fatal=True,
                )
            ]
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(
            [TableProblem.at(source, 1, gettext("save the file as 'CSV UTF-8'"))]
        ) from None
    lines = text.splitlines()
    if len(lines) > limits.max_rows + 1:
        raise DocumentError(
            [
                TableProblem.at(
                    source,
                    1,
                    gettext("more than max_rows={limit} rows").format(limit=limits.max_rows),
                    fatal=True,
                )
            ]
        )
    table = list(csv.reader(lines, delimiter=guess_delimiter(lines[0] if lines else "")))
    if not table:
        raise DocumentError([TableProblem.at(source, 1, gettext("the file is empty"))])
    header = [cell.strip().lower() for cell in table[0]]
    problems: list[Problem] = []
    for position, name in enumerate(header, start=1):
        if name and name not in columns:
            problems.append(
                TableProblem.at(
                    source,
                    1,
                    gettext("unknown column '{name}'; a {what} file has {known}").format(
                        name=name, what=what, known=", ".join(columns)
                    ),
                    column=position,
                )
            )
    for name in required:
        if name not in header:
            message = gettext("the header has no '{column}' column").format(column=name)
            problems.append(TableProblem.at(source, 1, message))
    if problems:
        raise DocumentError(problems)
    rows: list[tuple[int, Row]] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row: Row = {}
        for i, name in enumerate(header):
            if i < len(cells) and cells[i].strip() and name in columns:
                if len(cells[i]) > limits.max_cell_chars:
                    problems.append(
                        TableProblem.at(
                            source,
                            number,
                            gettext("the cell is too long"),
                            column=i + 1,
                            header=name,
                        )
                    )
                    continue
                row[name] = (cells[i].strip(), i + 1)
        rows.append((number, row))
    if problems:
        raise DocumentError(problems)
    return rows


def _empty(name: str) -> str:
    """``the unit is empty`` (and likewise for the other required cells)."""
    return gettext("the {column} is empty").format(column=name)


def _bad_score(raw: str) -> str:
    return gettext("score: expected a published score such as 83.19, got '{text}'").format(text=raw)


def _cell_problem(source: str, number: int, row: Row, name: str, message: str) -> TableProblem:
    column = row[name][1] if name in row else None
    return TableProblem.at(source, number, message, column=column, header=name)


def _document(path: Path, kind: str) -> tuple[Document, Mapping[str, Any]]:
    document = load_document(str(path))
    data = document.data
    if not isinstance(data, Mapping):
        raise DocumentError(
            [
                document.problem(
                    "", gettext("expected a mapping (a {kind} document)").format(kind=kind)
                )
            ]
        )
    declared = data.get("$schema", schemas.uri(kind))
    if declared != schemas.uri(kind):
        raise DocumentError(
            [
                document.problem(
                    "/$schema",
                    gettext("expected '{wanted}', got '{given}'").format(
                        wanted=schemas.uri(kind), given=declared
                    ),
                )
            ]
        )
    problems = schemas.validate(kind, document)
    if problems:
        raise DocumentError(problems)
    return document, data


def _build(
    problems: list[Problem], make: Callable[[], T], problem: Callable[[str], Problem]
) -> T | None:
    try:
        return make()
    except (ValueError, TypeError) as error:
        problems.append(problem(str(error)))
        return None


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
    if _is_table(path):
        return _csv_targets(path)
    return _document_targets(path)


def _csv_targets(path: Path) -> TargetSet:
    source = str(path)
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: dict[tuple[str, str], int] = {}
    rows = _csv_rows(path, TARGET_COLUMNS, ("unit", "period"), "targets")
    header_has = {name for _, row in rows for name in row}
    if rows and not header_has & {"target", "target_band"}:
        problems.append(
            TableProblem.at(
                source, 1, gettext("the header needs a 'target' or a 'target_band' column")
            )
        )
    for number, row in rows:
        value = {name: text for name, (text, _) in row.items()}
        missing = [name for name in ("unit", "period") if name not in value]
        for name in missing:
            problems.append(_cell_problem(source, number, row, name, _empty(name)))
        if missing:
            continue
        if ("target" in value) == ("target_band" in value):
            problems.append(
                TableProblem.at(
                    source,
                    number,
                    gettext("give 'target' (a score) or 'target_band' (a band code), one"),
                )
            )
            continue
        key = (value["unit"], value["period"])
        if key in seen:
            problems.append(
                _cell_problem(
                    source,
                    number,
                    row,
                    "unit",
                    gettext("unit '{unit}' already has a target for {period} in row {row}").format(
                        unit=key[0], period=key[1], row=seen[key]
                    ),
                )
            )
            continue
        seen[key] = number
        where = "target" if "target" in value else "target_band"
        made = _build(
            problems,
            lambda v=value: Target(  # type: ignore[misc]
                v["unit"],
                v["period"],
                v.get("target"),
                v.get("target_band"),
                v.get("agreed_by"),
                v.get("agreed_at"),
            ),
            lambda message, n=number, r=row, w=where: _cell_problem(source, n, r, w, message),  # type: ignore[misc]
        )
        if made is not None:
            targets.append(made)
    if problems:
        raise DocumentError(problems)
    return TargetSet(targets)


def _document_targets(path: Path) -> TargetSet:
    document, data = _document(path, "targets")
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: set[tuple[str, str]] = set()
    default_period = data.get("period")
    for i, item in enumerate(data.get("targets", [])):
        pointer = pointer_join("/targets", i)
        period = item.get("period", default_period)
        if period is None:
            problems.append(
                document.problem(pointer, gettext("no period (give one here or at the top)"))
            )
            continue
        if ("target" in item) == ("target_band" in item):
            problems.append(
                document.problem(pointer, gettext("give 'target' (a score) or 'target_band', one"))
            )
            continue
        key = (item["unit"], str(period))
        if key in seen:
            problems.append(
                document.problem(
                    pointer,
                    gettext("unit '{unit}' has a second target for {period}").format(
                        unit=key[0], period=key[1]
                    ),
                )
            )
            continue
        seen.add(key)
        score = item.get("target")
        made = _build(
            problems,
            lambda it=item, p=period, s=score: Target(  # type: ignore[misc]
                it["unit"],
                str(p),
                None if s is None else str(s),
                it.get("target_band"),
                it.get("agreed_by", data.get("agreed_by")),
                it.get("agreed_at", data.get("agreed_at")),
            ),
            lambda message, p=pointer: document.problem(p, message),  # type: ignore[misc]
        )
        if made is not None:
            targets.append(made)
    if problems:
        raise DocumentError(problems)
    return TargetSet(targets, data.get("rubric"), data.get("zone_scheme"))


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
    if _is_table(path):
        entries, places = _csv_history(path)
        chosen = series or DEFAULT_SERIES
    else:
        entries, places, declared = _document_history(path)
        chosen = series or declared or DEFAULT_SERIES
    problems: list[Problem] = []
    for entry, place in zip(entries, places, strict=True):
        try:
            scheme = scheme_for_year(pool, entry.year, entry.level, series=chosen)
            found = scheme.classify(entry.score)
        except ValueError as error:
            problems.append(place("year", str(error)))
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


Place = Callable[[str, str], Problem]


def _csv_history(path: Path) -> tuple[list[HistoryEntry], list[Place]]:
    source = str(path)
    problems: list[Problem] = []
    entries: list[HistoryEntry] = []
    places: list[Place] = []
    seen: dict[tuple[str, int], int] = {}
    for number, row in _csv_rows(path, HISTORY_COLUMNS, ("unit", "year", "score"), "history"):
        value = {name: text for name, (text, _) in row.items()}

        def place(name: str, message: str, n: int = number, r: Row = row) -> Problem:
            return _cell_problem(source, n, r, name if name in r else "year", message)

        missing = [name for name in ("unit", "year", "score") if name not in value]
        for name in missing:
            problems.append(_cell_problem(source, number, row, name, _empty(name)))
        if missing:
            continue
        if not value["year"].isdigit() or len(value["year"]) != 4:
            problems.append(
                place(
                    "year",
                    gettext("expected a year such as 2019, got '{text}'").format(
                        text=value["year"]
                    ),
                )
            )
            continue
        year = int(value["year"])
        key = (value["unit"], year)
        if key in seen:
            problems.append(
                place(
                    "unit",
                    gettext("'{unit}' already has a {year} score in row {row}").format(
                        unit=key[0], year=year, row=seen[key]
                    ),
                )
            )
            continue
        seen[key] = number
        made = _build(
            problems,
            lambda v=value, y=year: _entry(v, y),  # type: ignore[misc]
            lambda message, p=place: p("score", message),  # type: ignore[misc]
        )
        if made is not None:
            entries.append(made)
            places.append(place)
    if problems:
        raise DocumentError(problems)
    return entries, places


def _entry(value: Mapping[str, Any], year: int) -> HistoryEntry:
    score = _decimal_score(value["score"])
    return HistoryEntry(
        str(value["unit"]),
        year,
        score,
        None if value.get("level") is None else str(value["level"]).strip().lower(),
        value.get("name"),
        None if value.get("zone") is None else str(value["zone"]).strip().lower(),
    )


def _decimal_score(text: object) -> Decimal:
    raw = str(text).strip()
    if len(raw) > 40:
        raise ValueError(gettext("score: too many digits"))
    try:
        score = Decimal(raw)
    except ArithmeticError:
        raise ValueError(_bad_score(raw)) from None
    if not score.is_finite():
        raise ValueError(_bad_score(raw))
    return score


def _document_history(path: Path) -> tuple[list[HistoryEntry], list[Place], str | None]:
    document, data = _document(path, "history")
    problems: list[Problem] = []
    entries: list[HistoryEntry] = []
    places: list[Place] = []
    seen: set[tuple[str, int]] = set()
    for i, item in enumerate(data.get("scores", [])):
        pointer = pointer_join("/scores", i)

        def place(name: str, message: str, p: str = pointer) -> Problem:
            return document.problem(pointer_join(p, name), message)

        key = (item["unit"], int(item["year"]))
        if key in seen:
            problems.append(
                place(
                    "year",
                    gettext("'{unit}' has a second {year} score").format(unit=key[0], year=key[1]),
                )
            )
            continue
        seen.add(key)
        made = _build(
            problems,
            lambda it=item: _entry(it, int(it["year"])),  # type: ignore[misc]
            lambda message, p=place: p("score", message),  # type: ignore[misc]
        )
        if made is not None:
            entries.append(made)
            places.append(place)
    if problems:
        raise DocumentError(problems)
    return entries, places, data.get("series")
