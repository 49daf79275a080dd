"""The python engine's survey counter takes over only rows the survey reader would accept
as they are: on a raw export (aliases, answers in words and letters, profile columns,
blank answers, short rows, a repeated respondent, bad answers) its statistics, problems and
warnings are exactly those of the survey reader read item by item."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from pelayanan import Limits, use_limits
from pelayanan._batch import _python
from pelayanan._batch._python import _sums_fit, reduce_rows
from pelayanan._batch.engines import csv_rows
from pelayanan._model.policies import Combine
from pelayanan._model.rubric import Indicator, Node
from pelayanan._readers import ReadOptions
from pelayanan._readers.problems import ProblemLog
from pelayanan._scoring import prepare
from pelayanan.plugins import get_registry

# Rows 2-4 are plain; row 5 answers in words, row 6 in letters and "d. Sangat ..." forms;
# row 7 repeats respondent r1 of unit a; row 8 leaves U9 blank; row 9 is short; row 10
# has a bad answer ("5") and row 11 a blank unit; row 12 is empty; row 13 is plain again.
EXPORT = """\
Timestamp,Jenis Kelamin,respondent,unit,U1,U2,U3,U4,U5,U6,U7,U8,U9
2024-01-02,L,r1,a,4,4,4,4,4,4,4,4,4
2024-01-02,P,r2,a,3,3,3,3,3,3,3,3,3
2024-01-02,P,r1,b,1,2,3,4,1,2,3,4,1
2024-01-03,L,r3,a,Sesuai,Mudah,Cepat,Gratis,Sesuai,Kompeten,Sopan dan ramah,Tidak ada,Baik
2024-01-03,L,r4,b,a,b,c,d,d. Sangat sesuai,B,c,d,a
2024-01-03,L,r1,a,2,2,2,2,2,2,2,2,2
2024-01-04,P,r5,b,4,4,4,4,4,4,4,4,
2024-01-04,P,r6,b,4,4,4
2024-01-04,P,r7,a,5,4,4,4,4,4,4,4,4
2024-01-04,P,r8,,4,4,4,4,4,4,4,4,4
,,,,,,,,,,,,
2024-01-05,L,r9,b,2,3,2,3,2,3,2,3,2
"""


def _combined_by(nodes: tuple[Node, ...], rule: Combine) -> tuple[Node, ...]:
    return tuple(
        attrs.evolve(node, combine=rule)
        if isinstance(node, Indicator)
        else attrs.evolve(node, children=_combined_by(node.children, rule))
        for node in nodes
    )


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("skip", [False, True])
@pytest.mark.parametrize("in_memory", [100_000, 1])  # 1: every respondent id goes to disk
# mean: the counter counts in sums (one integer per unit); median: per level.
@pytest.mark.parametrize("rule", [Combine.MEAN, Combine.MEDIAN])
# rows: rows 6 on go to the reader, as rows past 2 ** 40 would (no field of the sums
# overflows); groups: a group of columns caches one combination of texts, the others are
# summed cell by cell.
@pytest.mark.parametrize("squeeze", [None, "rows", "groups"])
def test_counter_equals_the_survey_reader(
    tmp_path: Path,
    skip: bool,
    in_memory: int,
    rule: Combine,
    squeeze: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_text(EXPORT, encoding="utf-8")
    skm = prepare(get_registry().get_rubric("skm-2017")).rubric
    rubric = attrs.evolve(skm, children=_combined_by(skm.children, rule))
    assert all(_sums_fit(indicator) for indicator in rubric.indicators()) is (rule is Combine.MEAN)
    if squeeze == "rows":
        monkeypatch.setattr(_python, "_ROW_LIMIT", 6)
    elif squeeze == "groups":
        monkeypatch.setattr(_python, "_GROUP_CACHE", 1)
    options = ReadOptions(rubric=rubric, skip_bad_rows=skip)
    found = {}
    for text in (True, False):  # True: the counter; False: the reader, item by item
        log = ProblemLog(options.max_problems)
        context = options.context(path, log)
        with use_limits(Limits(max_respondents_in_memory=in_memory)):
            rows = csv_rows(path, options, log)
            reduction = reduce_rows(rubric, None, context, rows, text=text)
        found[text] = (
            reduction.stats,
            sorted(reduction.units),
            reduction.count,
            [str(p) for p in log.problems],
            [str(w) for w in log.warnings],
        )
    assert found[True] == found[False]
    stats, units, _count, problems, warnings = found[True]
    assert units == ["a", "b"]
    # Problems: the repeated respondent (row 7), the bad answer (row 10), the blank unit
    # (row 11); warnings: row 9 cut short, rows 8 and 9 with unanswered questions.
    places = [problem.split(": ")[1] for problem in problems]
    assert places == [
        "row 7, column C (respondent)",
        "row 10, column E (U1)",
        "row 11, column D (unit)",
    ]
    assert "already answered in row 2" in problems[0]
    assert [warning.split(": ")[2] for warning in warnings] == ["1 row (9)", "2 rows (8, 9)"]
    if rule is Combine.MEDIAN:  # U1 of unit a: levels 4, 3, 3 once, twice
        assert stats[("a", "persyaratan")].histogram == {3: 2, 4: 1}
    # U1 of unit a: rows 2, 3, 5 read (4 + 3 + 3 = 10 over 3; rows 7 and 10 are bad).
    assert stats[("a", "persyaratan")].total == 10
    assert stats[("a", "persyaratan")].count == 3
    # U1 of unit b: rows 4, 6, 8, 9, 13: 1 + 1 (a) + 4 + 4 + 2 = 12 over 5.
    assert stats[("b", "persyaratan")].total == 12
    assert stats[("b", "persyaratan")].count == 5
