"""The survey layout: one row per respondent, one column per element (question).

Raw exports go in as they are: what each column is (an element's answers, a respondent
attribute such as ``Jenis Kelamin``, a reserved column such as ``unit``, a column to
ignore) is decided once per header by
:func:`~pelayanan._readers.survey_columns.classify_header`, and each answer (``4``, ``d``,
``Sangat sesuai``) is read by :func:`~pelayanan._readers.survey_columns.answer_level`.
Rows shorter than the header and unanswered questions are read (an empty cell is an
unanswered question) and reported once per file as warnings, with their row numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction

import attrs

from pelayanan._i18n import N_, gettext, ngettext, suggestions
from pelayanan._model.evidence import Evidence, EvidenceKind
from pelayanan._model.numbers import to_exact
from pelayanan._model.rubric import Indicator
from pelayanan._model.survey import Response
from pelayanan._model.units import UnitTree
from pelayanan._readers.cells import (
    Cell,
    RowChecker,
    TableContext,
    cell_text,
    fit_row,
    is_blank,
    read_provenance,
)
from pelayanan._readers.problems import TableProblem
from pelayanan._readers.survey_columns import ColumnRole, HeaderMap, classify_header

__all__ = ["FastRows", "SurveyPlan", "read_survey", "survey_responses"]

_LISTED_ROWS = 20
"""Row numbers listed in one warning (the count is always complete)."""

SHORT = N_(
    "fewer cells than the header ({width} columns), ending before the last question; the "
    "missing cells are unanswered"
)
UNANSWERED = N_("questions left unanswered; each element's NRR is over those who answered it")
EMPTY = N_("no question answered; these rows are not counted as respondents")


def read_survey(
    context: TableContext, header: Sequence[Cell], body: Iterable[tuple[int, Sequence[Cell]]]
) -> Iterator[Evidence]:
    """Evidence from the rows of a survey table: one item per answered question."""
    for response in survey_responses(context, header, body):
        yield from response.evidence()


@attrs.frozen
class SurveyPlan:
    """What the survey reader made of a header, handed to a ``fast`` row counter.

    Attributes:
        rows: the reader's row checker (its ``respondents`` are the ids seen so far).
        answers: ``(position, element id, indicator)`` of each answer column.
        unit_col: the position of the ``unit`` column (``None``: every row is ``fixed``).
        fixed: the unit of every row, when there is no ``unit`` column.
        respondent_col: the position of the ``respondent`` column, if any.
        width: the number of columns of the header.
        provenance: whether a provenance column (kind, collected_at, ...) is present.
    """

    rows: RowChecker
    answers: tuple[tuple[int, str, Indicator | None], ...]
    unit_col: int | None
    fixed: str | None
    respondent_col: int | None
    width: int
    provenance: bool


FastRows = Callable[[Iterable[tuple[int, Sequence[Cell]]]], Iterator[tuple[int, Sequence[Cell]]]]
"""A counter that takes over the rows it can vouch for: given the ``(row number, cells)`` of
the body, it counts those rows itself and yields every other one, in order, for the reader.
It runs lazily, one row ahead of the reader at most, so state the two share (the
respondent index) sees the rows in file order."""


def _row_list(rows: Sequence[int]) -> str:
    shown = ", ".join(str(row) for row in rows[:_LISTED_ROWS])
    more = len(rows) - _LISTED_ROWS
    return gettext("{rows} and {count} more").format(rows=shown, count=more) if more > 0 else shown


def _header_problems(rows: RowChecker, found: HeaderMap) -> None:
    context = rows.context
    for position, element in found.duplicates:
        rows.problem(
            gettext("element '{element}' has two columns").format(element=element),
            position,
            fatal=True,
        )
    names = found.positions(ColumnRole.RESERVED)
    seen: set[str] = set()
    for position, name in names:
        if name in seen:
            rows.problem(
                gettext("column '{name}' appears twice").format(name=name), position, fatal=True
            )
        seen.add(name)
    rubric = context.rubric
    for position, text in found.unknown:
        mapped = context.columns.get(text)
        read_as = (
            ""
            if mapped is None or mapped == text
            else " " + gettext("(mapped to '{name}')").format(name=mapped)
        )
        if rubric is not None:
            ids = [indicator.id for indicator in rubric.indicators()]
            close = suggestions(mapped or text, ids)
            hint = (
                " ("
                + gettext("did you mean {choices}?").format(
                    choices=", ".join(f"'{c}'" for c in close)
                )
                + ")"
                if close
                else ""
            )
            what = gettext(
                "is not an element of {ref} ({ids}){hint} nor a respondent attribute"
            ).format(ref=rubric.ref, ids=", ".join(ids), hint=hint)
        else:
            what = gettext("is not an element id nor a respondent attribute")
        rows.problem(
            gettext(
                "column '{text}'{read_as} {what}; map it with --columns '{text}=<element>', keep "
                "it as an attribute with --profile-columns '{text}', or leave it out with "
                "--ignore-columns '{text}'"
            ).format(text=text, read_as=read_as, what=what),
            position,
            fatal=True,
        )
    if not found.elements and not context.log.fatal:
        rows.problem(gettext("the header names no element (question) columns"), fatal=True)


def survey_responses(
    context: TableContext,
    header: Sequence[Cell],
    body: Iterable[tuple[int, Sequence[Cell]]],
    *,
    fast: Callable[[SurveyPlan], FastRows | None] | None = None,
) -> Iterator[Response]:
    """The respondents of a survey table, row by row (rows with problems yield nothing).

    Problems go to ``context.log``; short rows, unanswered questions and rows without any
    answer are reported as warnings there once the table has been read.

    ``fast`` (the ``python`` batch engine's counter) is given the reader's plan of the
    header and may return a :data:`FastRows` filter that takes over rows: a row it keeps
    is its own (it must be a full row whose every answer and unit this reader would accept,
    from a respondent not seen before, recorded in ``plan.rows.respondents`` as
    :meth:`~pelayanan._readers.respondents.RespondentIndex.first` records it) and yields no
    :class:`Response`; every row it passes on is read here as usual, so problems and
    warnings are this reader's.
    """
    texts = [cell_text(cell) for cell in header]
    found = classify_header(
        texts,
        context.rubric,
        columns=context.columns,
        ignore=context.ignore,
        profile=context.profile,
    )
    rows = RowChecker(context, texts)
    rows.row = context.header_row or 1
    _header_problems(rows, found)
    answers = [
        (position, element, rows.indicators.get(element)) for position, element in found.elements
    ]
    attributes = found.attributes
    where = found.reserved
    unit_col = where.get("unit")
    fixed = (context.unit or context.fallback_unit) if unit_col is None else None
    if unit_col is None and fixed is None:
        rows.problem(
            gettext("the header has no 'unit' column; name the unit with --unit"), fatal=True
        )
    elif fixed is not None and not _is_leaf(context.units, fixed):
        context.log.add(
            TableProblem.at(
                context.source,
                rows.row,
                gettext(
                    "the file has no 'unit' column and '{unit}' is not a unit at the bottom of "
                    "the units file; name the unit with --unit"
                ).format(unit=fixed),
                fatal=True,
            )
        )
        return
    if context.log.fatal:
        return
    width = len(texts)
    last_answer = max((position for position, _, _ in answers), default=width)
    short: list[int] = []
    unanswered: list[int] = []
    empty: list[int] = []
    if fast is not None:
        plan = SurveyPlan(
            rows,
            tuple(answers),
            unit_col,
            fixed,
            where.get("respondent"),
            width,
            any(
                name in where for name in ("kind", "collected_at", "collector", "reference", "note")
            ),
        )
        quick = fast(plan)
        if quick is not None:
            body = quick(body)
    for number, raw in body:
        rows.row, rows.row_ok = number, True
        if all(is_blank(cell) for cell in raw):
            continue
        if len(raw) < last_answer:
            short.append(number)  # cut before the last question (not just a trailing note)
        cells = fit_row(rows, raw, width)
        unit = fixed if unit_col is None else (cell_text(cells[unit_col - 1]) or context.unit)
        if unit is None:
            rows.problem(gettext("the unit is empty"), unit_col)
        elif unit_col is not None:
            rows.check_unit(unit, unit_col)
        respondent_col = where.get("respondent")
        respondent = None if respondent_col is None else cell_text(cells[respondent_col - 1])
        if unit is not None and respondent is not None and respondent_col is not None:
            rows.check_respondent(unit, respondent, respondent_col)
        provenance = read_provenance(rows, cells, where, EvidenceKind.SURVEY_RESPONSE)
        values: list[tuple[str, Fraction]] = []
        for position, element, indicator in answers:
            cell = cells[position - 1]
            if is_blank(cell):
                continue
            value = rows.parse(indicator, cell, position)
            if isinstance(value, Fraction):
                values.append((element, value))
            elif indicator is None and value is not None:
                try:
                    values.append((element, to_exact(value)))
                except ValueError:
                    rows.problem(
                        gettext(
                            "expected a number (give the rubric to read answers in words), got "
                            "'{value}'"
                        ).format(value=value),
                        position,
                    )
        if not rows.row_ok or unit is None:
            context.log.bad_rows += 1
            continue
        if not values:
            empty.append(number)
            continue
        if len(values) < len(answers):
            unanswered.append(number)
        profile = [
            (name, text)
            for position, name in attributes
            if (text := cell_text(cells[position - 1])) is not None
        ]
        yield Response(number, unit, values, profile, provenance)
    rows.respondents.close()
    _warn(context, short, gettext(SHORT).format(width=width))
    _warn(context, unanswered, gettext(UNANSWERED))
    _warn(context, empty, gettext(EMPTY))


def _warn(context: TableContext, rows: Sequence[int], what: str) -> None:
    if not rows:
        return
    count = ngettext("{count} row ({rows}): {what}", "{count} rows ({rows}): {what}", len(rows))
    message = count.format(count=len(rows), rows=_row_list(rows), what=what)
    context.log.warn(TableProblem.at(context.source, rows[0], message))


def _is_leaf(tree: UnitTree | None, unit: str) -> bool:
    return tree is None or (unit in tree and tree.is_leaf(unit))
