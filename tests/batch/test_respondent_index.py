"""The repeated-respondent check keeps a bounded number of ids in memory and the rest on disk,
and gives the same answers, problems and scores either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pelayanan import Limits, use_limits
from pelayanan._batch import assess_files
from pelayanan._cli import main
from pelayanan._readers import BadRowsError
from pelayanan._readers.respondents import Bloom, RespondentIndex

from ._tables import SKM_COLUMNS

# Units and ids holding the character that joins them in the index are kept apart too.
KEYS = st.tuples(
    st.sampled_from(["u1", "u2", "u\x003", "u\x00"]),
    st.text("ab\x00", min_size=1, max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(KEYS, max_size=60), in_memory=st.integers(1, 6))
def test_first_row_is_that_of_a_dict_whatever_went_to_disk(
    keys: list[tuple[str, str]], in_memory: int
) -> None:
    index = RespondentIndex(in_memory=in_memory)
    reference: dict[tuple[str, str], int] = {}
    try:
        for row, (unit, respondent) in enumerate(keys, start=2):
            expected = reference.setdefault((unit, respondent), row)
            assert index.first(unit, respondent, row) == expected
        # Every id beyond the newest in_memory - 1 went to disk, in whole batches.
        distinct = len(reference)
        assert index.spilled == distinct - distinct % in_memory
    finally:
        index.close()


@settings(max_examples=30, deadline=None)  # each example zeroes a 32 MiB filter
@given(codes=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=300))
def test_the_bloom_filter_never_calls_an_added_id_new(codes: list[int]) -> None:
    bloom = Bloom()
    for code in codes:
        bloom.add(code)
    assert all(bloom.add(code) for code in codes)


def test_memory_holds_at_most_the_limit() -> None:
    index = RespondentIndex(in_memory=1000)
    for row in range(2, 10_002):
        assert index.first("u1", f"r{row}", row) == row
    assert index.spilled == 10_000
    # A repeat of an id long gone to disk still names its first row.
    assert index.first("u1", "r17", 20_000) == 17
    assert index.first("u2", "r17", 20_001) == 20_001
    index.close()


def test_the_default_comes_from_the_limits_in_force() -> None:
    assert Limits().max_respondents_in_memory == 100_000
    with use_limits(Limits(max_respondents_in_memory=2)):
        index = RespondentIndex()
    for row, respondent in enumerate("abc", start=2):
        index.first("u", respondent, row)
    assert index.spilled == 2
    index.close()


# 40 respondents, even rows of unit u1 and odd rows of u2; rows 30, 35 and 40 repeat ids
# first given in rows 2, 3 and 4 (long gone to disk with 3 ids in memory); row 25 gives
# unit u2 the id r2 that unit u1 has (no repeat: ids count per unit).
def _survey(path: Path) -> Path:
    lines = ["respondent,unit,U1,U2,U3,U4,U5,U6,U7,U8,U9"]
    for row in range(2, 42):
        unit = "u1" if row % 2 == 0 else "u2"
        respondent = {25: "r2", 30: "r2", 35: "r3", 40: "r4"}.get(row, f"r{row}")
        answer = 1 + row % 4
        lines.append(f"{respondent},{unit}," + ",".join([str(answer)] * 9))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_spilled_ids_give_the_same_problems_and_scores(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("duckdb")
    path = _survey(tmp_path / "survei.csv")
    spills: list[int] = []
    spill = RespondentIndex.spill

    def counted(self: RespondentIndex) -> None:
        spills.append(1)
        spill(self)

    monkeypatch.setattr(RespondentIndex, "spill", counted)
    found = []
    for limits in (Limits(), Limits(max_respondents_in_memory=3)):
        with use_limits(limits):
            with pytest.raises(BadRowsError) as caught:
                assess_files("skm-2017", [path], engine=engine, columns=SKM_COLUMNS)
            skipped = assess_files(
                "skm-2017", [path], engine=engine, columns=SKM_COLUMNS, skip_bad_rows=True
            )
        found.append((str(caught.value), [card.published for card in skipped.walk()]))
        assert bool(spills) is (limits.max_respondents_in_memory == 3)
    assert found[0] == found[1]
    message = found[0][0]
    assert "respondent 'r2' of unit 'u1' already answered in row 2" in message
    assert "respondent 'r3' of unit 'u2' already answered in row 3" in message
    assert "respondent 'r4' of unit 'u1' already answered in row 4" in message
    assert message.count("already answered") == 3


@pytest.mark.usefixtures("english")
def test_the_command_line_sets_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _survey(tmp_path / "survei.csv")
    codes = []
    for settings_ in ([], ["--limit", "max_respondents_in_memory=2"]):
        codes.append(main([*settings_, "score", "--rubric", "skm-2017", "--evidence", str(path)]))
        codes.append(capsys.readouterr().err)
    assert codes[0] == codes[2] != 0
    assert codes[1] == codes[3]
    assert "respondent 'r4' of unit 'u1' already answered in row 4" in codes[1]


def test_a_look_on_disk_stays_within_the_sqlite_parameter_limit() -> None:
    # One id in memory: every id spills, so 1,200 ids make 1,200 spills, and a repeated id is
    # looked for in all of them. SQLite before 3.32 allows 999 parameters per query.
    import sqlite3

    index = RespondentIndex(in_memory=1)
    try:
        for row in range(1, 1201):
            assert index.first("u1", f"r{row}", row) == row
        assert index._db is not None
        index._db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        assert index.first("u1", "r7", 5000) == 7
        assert index.first("u1", "r1200", 5001) == 1200
    finally:
        index.close()
