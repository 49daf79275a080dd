"""The long layout: one row per evidence item (``unit``, ``indicator``, ``value``, ...)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from pelayanan._i18n import gettext
from pelayanan._model.evidence import Evidence, misfits, value_problem
from pelayanan._model.rubric import Indicator
from pelayanan._model.scales import YES_NO_WORDS
from pelayanan._readers.cells import (
    ID_RE,
    LONG_COLUMNS,
    NO_PROVENANCE,
    NOT_APPLICABLE_WORDS,
    PROVENANCE_COLUMNS,
    Cell,
    RowChecker,
    TableContext,
    body_rows,
    cell_text,
    header_positions,
    is_blank,
    mapped_headers,
    read_provenance,
)

__all__ = ["read_long"]


def read_long(
    context: TableContext, header: Sequence[Cell], body: Iterable[tuple[int, Sequence[Cell]]]
) -> Iterator[Evidence]:
    """Evidence from the rows of a long-layout table (``header`` is its first row)."""
    names = mapped_headers(header, context.columns)
    rows = RowChecker(context, [cell_text(cell) for cell in header])
    rows.row = context.header_row or 1
    where = header_positions(rows, names, LONG_COLUMNS)
    for position, name in enumerate(names, start=1):
        if name is not None and name.lower() not in LONG_COLUMNS:
            known = ", ".join(LONG_COLUMNS)
            rows.problem(
                gettext("unknown column '{name}'; the long layout has {known}").format(
                    name=name, known=known
                ),
                position,
                fatal=True,
            )
    for required in ("unit", "indicator"):
        if required not in where:
            rows.problem(
                gettext("the header has no '{column}' column").format(column=required), fatal=True
            )
    if "value" not in where and "not_applicable" not in where:
        rows.problem(
            gettext("the header has no '{column}' column").format(column="value"), fatal=True
        )
    if context.log.fatal and ("unit" not in where or "indicator" not in where):
        return
    for cells in body_rows(rows, body, len(names)):
        item = _long_row(rows, cells, where)
        if item is not None and rows.row_ok:
            yield item
        elif not rows.row_ok:
            context.log.bad_rows += 1


def _long_row(rows: RowChecker, cells: Sequence[Cell], where: Mapping[str, int]) -> Evidence | None:
    unit_col, ind_col = where["unit"], where["indicator"]
    unit = cell_text(cells[unit_col - 1])
    if unit is None:
        rows.problem(gettext("the unit is empty"), unit_col)
    else:
        rows.check_unit(unit, unit_col)
    indicator_id = cell_text(cells[ind_col - 1])
    indicator: Indicator | None = None
    if indicator_id is None:
        rows.problem(gettext("the indicator is empty"), ind_col)
    elif not ID_RE.match(indicator_id):
        rows.problem(gettext("'{id}' is not an indicator id").format(id=indicator_id), ind_col)
        indicator_id = None
    elif rows.indicators:
        indicator = rows.indicators.get(indicator_id)
        if indicator is None:  # the model's rule and words (a group, or no such indicator)
            _misfit(rows, indicator_id, False, ind_col)
            indicator_id = None
    flag = _not_applicable(rows, cells, where)
    value_col = where.get("value")
    raw = None if value_col is None else cells[value_col - 1]
    raw_text = cell_text(raw)
    if raw_text is not None and raw_text.lower() in NOT_APPLICABLE_WORDS:
        flag, raw = True, None
    value: object = None
    problem = value_problem(None if is_blank(raw) else raw, flag)  # the model's rule
    if problem is not None:
        rows.problem(problem, value_col)
    elif flag:
        if indicator is not None and not indicator.allow_not_applicable:
            _misfit(rows, indicator.id, True, ind_col)
    elif indicator_id is not None:
        assert value_col is not None
        value = rows.parse(indicator, raw, value_col)
    provenance = (
        read_provenance(rows, cells, where, None)
        if not where.keys().isdisjoint(PROVENANCE_COLUMNS)
        else NO_PROVENANCE
    )
    if not rows.row_ok or unit is None or indicator_id is None:
        return None
    try:
        if flag:
            return Evidence.not_applicable_for(unit, indicator_id, provenance)
        return Evidence(unit, indicator_id, value, provenance=provenance)
    except ValueError as error:
        rows.problem(str(error))
        return None


def _misfit(rows: RowChecker, indicator: str, not_applicable: bool, column: int) -> None:
    """Log what an item for ``indicator`` breaks of the rubric's rules, in the model's words
    (:func:`~pelayanan._model.evidence.misfits`, as evidence documents and scoring say it)."""
    for finding in misfits(None, indicator, not_applicable, rows.context.rubric, rows.indicators):
        rows.problem(finding.text(), column)


def _not_applicable(rows: RowChecker, cells: Sequence[Cell], where: Mapping[str, int]) -> bool:
    column = where.get("not_applicable")
    if column is None:
        return False
    cell = cells[column - 1]
    if isinstance(cell, bool):
        return cell
    text = (cell_text(cell) or "").lower()
    flag = YES_NO_WORDS.get(text) if text else False
    if flag is not None:
        return flag
    rows.problem(
        gettext("expected ya/tidak (yes/no), got '{text}'").format(text=cell_text(cell)), column
    )
    return False
