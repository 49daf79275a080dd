"""The duckdb engine's plain survey header check and the survey reader agree on what a
column is (issue 10): the reserved columns are one list, so a column the reader keeps apart
(unit, respondent, provenance) is never taken for an answer by the fast query, or the
other way round."""

from __future__ import annotations

from pelayanan import Group, Indicator, OrdinalScale, Rubric
from pelayanan._readers import ProblemLog
from pelayanan._readers.cells import TableContext
from pelayanan._readers.survey_columns import ColumnRole, classify_header
from pelayanan._readers.survey_table import SurveyTable

RUBRIC = Rubric(
    "r",
    "1",
    "R",
    [Group("g", "G", [Indicator("u1", "U1", OrdinalScale.from_range(1, 4))])],
)
COLUMNS = ["Unit", "respondent", "KIND", "collected_at", "collector", "reference", "note"]


def test_both_header_checks_keep_the_same_columns_apart() -> None:
    header = [*COLUMNS, "u1"]
    reader = classify_header(header, RUBRIC)
    assert [role for role, _ in reader.roles if role is not None] == [ColumnRole.RESERVED] * len(
        COLUMNS
    ) + [ColumnRole.ELEMENT]
    log = ProblemLog()
    plain = SurveyTable(TableContext("s.csv", log, rubric=RUBRIC), header)
    assert log.count == 0
    assert plain.usable
    # Column name -> position, the same in both; only u1 (column 8) is an answer.
    assert plain.where == reader.reserved == {name.lower(): i for i, name in enumerate(COLUMNS, 1)}
    assert [(position, element) for position, element, _ in plain.answers] == reader.elements
    assert reader.elements == [(8, "u1")]


def test_a_column_neither_reserves_is_an_answer_to_both_or_refused() -> None:
    # "tanggal" is no reserved column: the reader does not know it, and the plain check
    # refuses the header (the file goes to the python engine), rather than skipping it.
    header = ["unit", "tanggal", "u1"]
    reader = classify_header(header, RUBRIC)
    assert reader.unknown == [(2, "tanggal")]
    log = ProblemLog()
    SurveyTable(TableContext("s.csv", log, rubric=RUBRIC), header)
    assert log.count == 1
