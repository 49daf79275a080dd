"""Every engine gives the same result on the same files and tables, and reports the same
problems in the same words; the ``duckdb`` engine's own query (not its fallback) is what
scores clean files."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from pelayanan._batch import assess_files, assess_table, check_reads
from pelayanan._batch.engines import reduce_paths
from pelayanan._readers import BadRowsError, ReadOptions, read_units
from pelayanan._scoring import prepare
from pelayanan.plugins import get_registry
from pelayanan.testing._support import result_bytes

from ._tables import SKM_COLUMNS

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

REPO = Path(__file__).resolve().parents[2]
KOTA = REPO / "examples" / "data" / "kota-contoh"

# Three respondents of one unit and two of another; U9 left blank once.
# u1: U1 = (4 + 3 + 2) / 3 = 3; u2: U1 = (1 + 4) / 2 = 5/2.
SURVEY = """respondent,unit,U1,U2,U3,U4,U5,U6,U7,U8,U9
1,u1,4,4,4,4,4,4,4,4,4
2,u1,3,3,3,3,3,3,3,3,
3,u1,2,3,4,1,2,3,4,1,2
4,u2,1,1,1,1,1,1,1,1,1
5,u2,4,4,4,4,4,4,4,4,4
"""


def _survey(tmp_path: Path) -> Path:
    path = tmp_path / "survei.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


def _reads(path: Path, engine: str, **options: object):  # type: ignore[no-untyped-def]
    rubric = get_registry().get_rubric("skm-2017")
    chosen = ReadOptions(rubric=prepare(rubric).rubric, columns=SKM_COLUMNS, **options)  # type: ignore[arg-type]
    return reduce_paths([path], chosen, engine)


@pytest.mark.parametrize("weight", ["exact", "0.11", "0.111"])
def test_survey_csv_and_parquet_identical_on_python_and_duckdb(tmp_path: Path, weight: str) -> None:
    csv_path = _survey(tmp_path)
    parquet_path = tmp_path / "survei.parquet"
    pq.write_table(pa.Table.from_pandas(pd.read_csv(csv_path), preserve_index=False), parquet_path)
    results = set()
    for path in (csv_path, parquet_path):
        for engine in ("python", "duckdb"):
            assessment = assess_files(
                "skm-2017",
                [path],
                engine=engine,
                columns=SKM_COLUMNS,
                parameters={"weight": weight},
            )
            results.add(result_bytes(assessment))
    assert len(results) == 1
    # u1: NRR U1..U8 as in the table; check one published score by hand with weight 1/9:
    # U1 (4+3+2)/3=3, U2 10/3, U3 11/3, U4 8/3, U5 3, U6 10/3, U7 11/3, U8 8/3, U9 (4+2)/2=3
    # sum = 3+10/3+11/3+8/3+3+10/3+11/3+8/3+3 = 9 + 58/3 = 85/3; 25 x 1/9 x 85/3 = 2125/27
    # = 78.7037... -> 78.70.
    if weight == "exact":
        assert str(assessment["u1"].published) == "78.70"


def test_duckdb_query_scores_clean_files_itself(tmp_path: Path) -> None:
    # Every question answered: the query vouches for the file itself.
    csv_path = tmp_path / "bersih.csv"
    csv_path.write_text(SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n"), "utf-8")
    assert [read.engine for read in _reads(csv_path, "duckdb")] == ["duckdb"]
    assert [read.engine for read in _reads(csv_path, "python")] == ["python"]
    # A blank answer or a repeated respondent (also when padded: the reader compares ids
    # stripped): the reader has something to say (a warning or a problem), so the python
    # engine reads the file.
    for changed in (
        SURVEY,
        SURVEY.replace("2,u1,", "1,u1,"),
        SURVEY.replace("2,u1,3,3,3,3,3,3,3,3,", " 1 ,u1,3,3,3,3,3,3,3,3,3"),
    ):
        csv_path.write_text(changed, "utf-8")
        assert [read.engine for read in _reads(csv_path, "duckdb")] == ["python"]
    # A padded id that repeats nothing is read as the reader reads it (stripped): the
    # query scores the file, with the python engine's result.
    padded = SURVEY.replace("2,u1,3,3,3,3,3,3,3,3,", " 2,u1,3,3,3,3,3,3,3,3,3")
    csv_path.write_text(padded, "utf-8")
    assert [read.engine for read in _reads(csv_path, "duckdb")] == ["duckdb"]
    assert check_reads(_reads(csv_path, "duckdb")) == check_reads(_reads(csv_path, "python"))


@pytest.mark.usefixtures("english")
def test_repeated_respondent_same_message_on_every_engine(tmp_path: Path) -> None:
    csv_path = tmp_path / "ulang.csv"
    csv_path.write_text(SURVEY.replace("2,u1,", "1,u1,"), "utf-8")
    messages = set()
    for engine in ("python", "duckdb"):
        with pytest.raises(BadRowsError) as caught:
            assess_files("skm-2017", [csv_path], engine=engine, columns=SKM_COLUMNS)
        messages.add(str(caught.value))
    assert len(messages) == 1
    assert "respondent '1' of unit 'u1' already answered in row 2" in messages.pop()


def test_tables_in_memory_match_the_file(tmp_path: Path) -> None:
    csv_path = _survey(tmp_path)
    expected = result_bytes(
        assess_files("skm-2017", [csv_path], engine="python", columns=SKM_COLUMNS)
    )
    frame = pd.read_csv(csv_path)
    for table in (frame, pa.Table.from_pandas(frame, preserve_index=False)):
        for engine in ("python", "duckdb"):
            got = assess_table(
                "skm-2017", table, engine=engine, columns=SKM_COLUMNS, layout="survey"
            )
            assert result_bytes(got) == expected


def test_long_layout_example_identical(tmp_path: Path) -> None:
    units = read_units(KOTA / "units.csv")
    evidence = KOTA / "evidence-2022.csv"
    python = assess_files("ombudsman-2022", [evidence], engine="python", units=units)
    duck = assess_files("ombudsman-2022", [evidence], engine="duckdb", units=units)
    assert result_bytes(python) == result_bytes(duck)
    # The references are kept in the result by every engine.
    assert python.records == duck.records
    assert python.records
    # Without the reference column, DuckDB's own query scores the file.
    frame = pd.read_csv(evidence, dtype=str, keep_default_na=False).drop(
        columns=["collector", "reference", "note"]
    )
    bare = tmp_path / "bukti.csv"
    frame.to_csv(bare, index=False)
    rubric = prepare(get_registry().get_rubric("ombudsman-2022")).rubric
    reads = reduce_paths([bare], ReadOptions(rubric=rubric, units=units), "duckdb")
    assert reads[0].engine == "duckdb"
    expected = assess_files("ombudsman-2022", [bare], engine="python", units=units)
    got = assess_files("ombudsman-2022", [bare], engine="duckdb", units=units)
    assert result_bytes(got) == result_bytes(expected)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("last", [None, "disdukcapil-ktp,kompetensi_standar,9", "tidak-ada,{rest}"])
def test_long_layout_query_checks_each_unit_and_each_distinct_rest(
    tmp_path: Path, last: str | None
) -> None:
    # The duckdb query checks the first row of every unit and of every distinct rest of a
    # row (indicator, value, ...) with the long reader's row check, and only counts the
    # others: every row is read three times here (undated: counted per value), and a bad
    # last row (a value off the scale for a unit and indicator seen before, or an unknown
    # unit with a rest seen before) gives the python engine's words.
    units = read_units(KOTA / "units.csv")
    frame = pd.read_csv(KOTA / "evidence-2022.csv", dtype=str, keep_default_na=False)
    frame = frame[["unit", "indicator", "value"]]
    path = tmp_path / "bukti.csv"
    text = pd.concat([frame] * 3).to_csv(index=False)
    if last is not None:
        first = frame.iloc[0]
        text += last.format(rest=f"{first['indicator']},{first['value']}") + "\n"
    path.write_text(text, encoding="utf-8")
    rubric = prepare(get_registry().get_rubric("ombudsman-2022")).rubric
    reads = reduce_paths([path], ReadOptions(rubric=rubric, units=units), "duckdb")
    if last is None:
        assert reads[0].engine == "duckdb"
        assert reads[0].reduction.count == 3 * len(frame)
    got = {}
    for engine in ("python", "duckdb"):
        try:
            got[engine] = result_bytes(
                assess_files("ombudsman-2022", [path], engine=engine, units=units)
            )
        except BadRowsError as error:
            got[engine] = str(error)
    assert got["python"] == got["duckdb"]
    assert (last is None) == isinstance(got["python"], bytes)


# Every kind of bad cell the python reader reports in a survey file, one per row (row
# numbers as a spreadsheet shows them; the header is row 1).
BAD_SURVEY = """respondent,unit,U1,U2,U3,U4,U5,U6,U7,U8,U9,collected_at,kind
1,disdukcapil-ktp,4,4,4,4,4,4,4,4,4,2024-03-01,
2,disdukcapil-ktp,5,4,4,4,4,4,4,4,4,,
3,disdukcapil-ktp,"3,5",4,4,4,4,4,4,4,4,,
4,,4,4,4,4,4,4,4,4,4,,
5,tidak-ada,4,4,4,4,4,4,4,4,4,,
6,disdukcapil,4,4,4,4,4,4,4,4,4,,
7,disdukcapil-ktp,4,4,4,4,4,4,4,4,4,31/12/2024,
8,disdukcapil-ktp,4,4,4,4,4,4,4,4,4,,rumor
9,disdukcapil-ktp,4,4,4,4,4,4,4,4,4,,,extra
10,disdukcapil-ktp,x,4,4,4,4,4,4,4,4,,
"""

# The same for the long layout.
BAD_LONG = """unit,indicator,value,not_applicable,collected_at
disdukcapil-ktp,kompetensi_standar,2,,2022-07-10
disdukcapil-ktp,kompetensi_standar,,,
disdukcapil-ktp,tidak_ada,2,,
disdukcapil-ktp,kompetensi_standar,9,,
disdukcapil-ktp,kompetensi_standar,2,ya,
disdukcapil-ktp,kompetensi_standar,,mungkin,
,kompetensi_standar,2,,
disdukcapil-ktp,Bukan Id,2,,
disdukcapil-ktp,kompetensi_standar,2,,kemarin
"""


def _messages(error: BadRowsError) -> str:
    return str(error)


@pytest.mark.parametrize(
    ("rubric", "text", "columns"),
    [("skm-2017", BAD_SURVEY, SKM_COLUMNS), ("ombudsman-2022", BAD_LONG, {})],
    ids=["survey", "long"],
)
@pytest.mark.usefixtures("english")
def test_bad_rows_same_messages_on_every_engine(
    tmp_path: Path, rubric: str, text: str, columns: dict[str, str], dask_scheduler: str
) -> None:
    units = read_units(KOTA / "units.csv")
    csv_path = tmp_path / "buruk.csv"
    csv_path.write_text(text, encoding="utf-8")
    messages = {}
    for engine in ("python", "duckdb", "dask"):
        with pytest.raises(BadRowsError) as caught:
            assess_files(
                rubric,
                [csv_path],
                engine=engine,
                units=units,
                columns=columns,
                scheduler=dask_scheduler,
            )
        messages[engine] = _messages(caught.value)
    assert messages["python"] == messages["duckdb"] == messages["dask"]
    assert "buruk.csv: row " in messages["python"]
    assert messages["python"].count("\n") >= 7  # one line per bad row at least
    skipped = {
        engine: result_bytes(
            assess_files(
                rubric,
                [csv_path],
                engine=engine,
                units=units,
                columns=columns,
                skip_bad_rows=True,
                missing="exclude",
                scheduler=dask_scheduler,
            )
        )
        for engine in ("python", "duckdb", "dask")
    }
    assert len(set(skipped.values())) == 1


@pytest.mark.usefixtures("english")
def test_bad_survey_messages_name_row_column_and_expectation(tmp_path: Path) -> None:
    units = read_units(KOTA / "units.csv")
    csv_path = tmp_path / "buruk.csv"
    csv_path.write_text(BAD_SURVEY, encoding="utf-8")
    with pytest.raises(BadRowsError) as caught:
        assess_files("skm-2017", [csv_path], engine="duckdb", units=units, columns=SKM_COLUMNS)
    text = str(caught.value)
    source = str(csv_path)
    assert f"{source}: row 3, column C (U1): expected one of the levels 1, 2, 3, 4, got '5'" in text
    assert f"{source}: row 5, column B (unit): the unit is empty" in text
    assert "row 8, column L (collected_at): expected a date such as 2024-03-31" in text


def test_nothing_scored_from_a_bad_file_unless_skipping(tmp_path: Path) -> None:
    csv_path = _survey(tmp_path)
    bad = tmp_path / "buruk.csv"
    bad.write_text(SURVEY.replace("1,u1,4,4", "1,u1,7,4"), encoding="utf-8")
    reads = _reads(bad, "duckdb")
    with pytest.raises(BadRowsError):
        check_reads(reads)
    assert (
        check_reads(reads, skip_bad_rows=True).count
        == _reads(csv_path, "python")[0].reduction.count - 9
    )


def test_directory_of_files_is_its_tables(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    lines = SURVEY.splitlines()
    (parts / "a.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    (parts / "b.csv").write_text("\n".join([lines[0], *lines[3:]]) + "\n", encoding="utf-8")
    whole = assess_files("skm-2017", [_survey(tmp_path)], engine="python", columns=SKM_COLUMNS)
    for engine in ("python", "duckdb"):
        split = assess_files("skm-2017", [parts], engine=engine, columns=SKM_COLUMNS)
        assert [c.score for c in split.walk()] == [c.score for c in whole.walk()]
    shutil.rmtree(parts)


# Cells DuckDB reads as the integer 4 when typed (its integer reading is lenient), written
# as a Windows export would (CRLF), or with no line break at the end.
LENIENT = [" 4", "4 ", "+4", "4.0", "04", '"4"', "0x4", "4e0"]


@pytest.mark.parametrize("cell", LENIENT)
def test_duckdb_csv_query_refuses_what_is_not_a_plain_digit(tmp_path: Path, cell: str) -> None:
    # The typed query measures the file: a cell with more than its digit makes the file
    # longer than the cells add up to, so the file is read as text (the reader's words).
    clean = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")
    csv_path = tmp_path / "lunak.csv"
    csv_path.write_text(clean.replace("5,u2,4,", f"5,u2,{cell},"), "utf-8")
    got: dict[str, object] = {}
    for engine in ("python", "duckdb"):
        reads = _reads(csv_path, engine)
        try:
            got[engine] = check_reads(reads)
        except BadRowsError as error:
            got[engine] = str(error)
    assert got["python"] == got["duckdb"]


@pytest.mark.parametrize("ending", ["\r\n", "no-final-newline"])
def test_duckdb_csv_line_endings_read_as_the_reader_reads_them(tmp_path: Path, ending: str) -> None:
    clean = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")
    text = clean.replace("\n", "\r\n") if ending == "\r\n" else clean.rstrip("\n")
    csv_path = tmp_path / "akhir.csv"
    csv_path.write_bytes(text.encode("utf-8"))
    duck = check_reads(_reads(csv_path, "duckdb"))
    assert duck == check_reads(_reads(csv_path, "python"))
    # u1 answered 4, 3 and 2 to U1: 3 answers summing to 9.
    assert (duck.stats[("u1", "persyaratan")].count, duck.stats[("u1", "persyaratan")].total) == (
        3,
        9,
    )


def test_duckdb_csv_typed_query_scores_plain_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clean export is scored by the typed query alone: the text query is not run.
    from pelayanan._batch import _duckdb

    clean = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")
    csv_path = tmp_path / "bersih.csv"
    csv_path.write_text(clean, "utf-8")

    def refuse(*_args: object) -> str:
        raise AssertionError("the text query ran")

    monkeypatch.setattr(_duckdb, "csv_relation", refuse)
    reads = _reads(csv_path, "duckdb")
    assert [read.engine for read in reads] == ["duckdb"]
    monkeypatch.undo()
    assert check_reads(reads) == check_reads(_reads(csv_path, "python"))


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        # Ids numbered across units, per unit (1, 2, ... in each), or text with no number:
        # the bitmap or the exact count decides; the query scores the file either way.
        (["R1", "R2", "R3", "R4", "R5"], "duckdb"),
        (["1", "2", "3", "1", "2"], "duckdb"),
        (["ani", "budi", "cici", "ani", "dodi"], "duckdb"),
        (["R10", "R020", "R20", "R7", "R8"], "duckdb"),
        # Numbers beyond the first bitmap (0 .. 4 x rows): a second over their own range;
        # a range too wide for a bitmap: the exact count.
        (["R2024000001", "R2024000002", "R2024000003", "R2024000004", "R2024000005"], "duckdb"),
        (["R1", "R99999999999", "R3", "R4", "R5"], "duckdb"),
        (["R2024000001", "R2024000002", "R2024000001", "R2024000004", "R2024000005"], "python"),
        # An id without the prefix the first one has ("Q5" would map to 5 like "R5").
        (["R5", "Q5", "R6", "R7", "R8"], "duckdb"),
        # Repeated within a unit (u1 holds the first three rows): the reader reports it.
        (["R1", "R2", "R1", "R4", "R5"], "python"),
        (["7", "8", " 7", "1", "2"], "python"),
    ],
)
def test_duckdb_respondent_check_exact(tmp_path: Path, ids: list[str], expected: str) -> None:
    lines = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n").splitlines()
    body = [f"{rid},{line.split(',', 1)[1]}" for rid, line in zip(ids, lines[1:], strict=True)]
    csv_path = tmp_path / "responden.csv"
    csv_path.write_text("\n".join([lines[0], *body]) + "\n", "utf-8")
    parquet_path = tmp_path / "responden.parquet"
    frame = pd.read_csv(csv_path, dtype={"respondent": str})
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), parquet_path)
    for path in (csv_path, parquet_path):
        assert [read.engine for read in _reads(path, "duckdb")] == [expected]


def test_parquet_set_read_by_one_query_is_not_copied(tmp_path: Path) -> None:
    # A Parquet set read by one query: the first file holds the set's statistics and the
    # others are empty, so checking the reads hands the one reduction on as it is.
    from pelayanan._batch.engines import expand_paths

    clean = tmp_path / "bersih.csv"
    clean.write_text(SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n"), "utf-8")
    frame = pd.read_csv(clean)
    parts = tmp_path / "set"
    parts.mkdir()
    for index, rows in enumerate((frame.iloc[:2], frame.iloc[2:4], frame.iloc[4:])):
        pq.write_table(
            pa.Table.from_pandas(rows, preserve_index=False), parts / f"part-{index}.parquet"
        )
    rubric = get_registry().get_rubric("skm-2017")
    options = ReadOptions(rubric=prepare(rubric).rubric, columns=SKM_COLUMNS)
    reads = reduce_paths(expand_paths([parts]), options, "duckdb")
    assert [read.engine for read in reads] == ["duckdb"] * 3
    assert not reads[1].reduction.stats
    assert not reads[2].reduction.stats
    whole = check_reads(reads)
    assert whole is reads[0].reduction
    assert whole == check_reads(reduce_paths([clean], options, "python"))


CLEAN = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")

# What the checks of a typed CSV read must refuse (each file is then read as text, or by
# the python engine, with its result and its words): a blank line among the rows, a quoted
# cell, a control byte in an id, an answer that is a digit but not a level, a short row, a
# repeated respondent.
LINE_TROUBLE = {
    "blank line": CLEAN.replace("4,u2,", "\n4,u2,"),
    "quoted unit": CLEAN.replace("4,u2,", '4,"u2",'),
    "control byte": CLEAN.replace("4,u2,", "4\x01,u2,"),
    "not a level": CLEAN.replace("5,u2,4,", "5,u2,5,"),
    "zero": CLEAN.replace("5,u2,4,", "5,u2,0,"),
    "short row": CLEAN.replace("5,u2,4,4,4,4,4,4,4,4,4", "5,u2,4,4,4,4,4,4,4,4"),
    "repeated id": CLEAN.replace("5,u2,", "4,u2,"),
}


def _outcome(path: Path, engine: str, *, skip: bool = False) -> str:
    try:
        assessment = assess_files(
            "skm-2017", [path], engine=engine, columns=SKM_COLUMNS, skip_bad_rows=skip
        )
    except BadRowsError as error:
        return f"error: {error}"
    return result_bytes(assessment).decode("utf-8")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", sorted(LINE_TROUBLE))
@pytest.mark.parametrize("skip", [False, True])
def test_duckdb_typed_csv_refusals_give_the_python_result(
    tmp_path: Path, case: str, skip: bool
) -> None:
    # assess_files finishes while the checks run; a refusal reads the file again.
    csv_path = tmp_path / "baris.csv"
    csv_path.write_text(LINE_TROUBLE[case], "utf-8")
    assert _outcome(csv_path, "duckdb", skip=skip) == _outcome(csv_path, "python", skip=skip)
    assert not _typed_csv_vouches(csv_path)


def _typed_csv_vouches(path: Path) -> bool:
    """Whether the typed CSV query and its checks accept the file."""
    from pelayanan._batch import _duckdb
    from pelayanan._readers import ProblemLog

    rubric = get_registry().get_rubric("skm-2017")
    options = ReadOptions(rubric=prepare(rubric).rubric, columns=SKM_COLUMNS)
    log = ProblemLog(options.max_problems)
    header, delimiter = _duckdb.csv_header(path, options, log)
    context = options.context(path, log)
    try:
        _reduction, checks = _duckdb.reduce_csv(
            options.rubric, context, header, path, delimiter, "auto"
        )
    except _duckdb.Irregular:
        return False
    return checks is None or checks.passed()


def test_typed_csv_vouches_for_a_clean_file(tmp_path: Path) -> None:
    path = tmp_path / "bersih.csv"
    path.write_text(CLEAN, "utf-8")
    assert _typed_csv_vouches(path)


def test_speculated_reads_wait_for_their_checks(tmp_path: Path) -> None:
    # Asked to speculate, the typed CSV read comes back with its checks pending; settling
    # keeps it when they pass and reads the file again when they fail.
    from pelayanan._batch.engines import settle

    rubric = get_registry().get_rubric("skm-2017")
    options = ReadOptions(rubric=prepare(rubric).rubric, columns=SKM_COLUMNS)
    clean = tmp_path / "bersih.csv"
    clean.write_text(CLEAN, "utf-8")
    repeated = tmp_path / "ulang.csv"
    repeated.write_text(LINE_TROUBLE["repeated id"], "utf-8")
    reads = reduce_paths([clean, repeated], options, "duckdb", speculate=True)
    assert [read.pending is not None for read in reads] == [True, True]
    settled, redone = settle(reads)
    assert redone
    assert [(read.engine, read.pending) for read in settled] == [
        ("duckdb", None),
        ("python", None),
    ]
    assert settled[0].reduction == reads[0].reduction
    assert settled[1].log.count == 1  # respondent '4' of unit 'u2' already answered


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("split", [3, 4])
def test_parquet_set_whose_checks_fail_is_read_file_by_file(tmp_path: Path, split: int) -> None:
    # Respondent 4 answers twice in unit u2 (the 4th and 5th respondents). The set's one
    # query sees the repeat, so every file is read again on its own: split after the 3rd
    # respondent, both answers are in the second file and the reader reports them; split
    # after the 4th, each file is clean on its own, as the python engine reads them.
    export = tmp_path / "tabel.csv"
    export.write_text(LINE_TROUBLE["repeated id"], "utf-8")
    frame = pd.read_csv(export, dtype={"respondent": str})
    parts = tmp_path / "set"
    parts.mkdir()
    for index, rows in enumerate((frame.iloc[:split], frame.iloc[split:])):
        pq.write_table(
            pa.Table.from_pandas(rows, preserve_index=False), parts / f"part-{index}.parquet"
        )
    for skip in (False, True):
        outcomes = [_outcome(parts, engine, skip=skip) for engine in ("duckdb", "python")]
        assert outcomes[0] == outcomes[1]
        reported = "respondent '4' of unit 'u2' already answered" in outcomes[0]
        assert reported == (split == 3 and not skip)


@pytest.mark.parametrize("case", ["clean", "repeated id", "not a level"])
def test_csv_scratch_tables_are_dropped(tmp_path: Path, case: str) -> None:
    # The typed CSV read's scratch table lives until its checks are done, whether they
    # pass or not, and whether the caller waits for them or speculates.
    from pelayanan._batch import _duckdb
    from pelayanan._batch.engines import settle

    csv_path = tmp_path / "tabel.csv"
    csv_path.write_text(CLEAN if case == "clean" else LINE_TROUBLE[case], "utf-8")
    rubric = get_registry().get_rubric("skm-2017")
    options = ReadOptions(rubric=prepare(rubric).rubric, columns=SKM_COLUMNS)
    scratch = "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'pelayanan_csv_%'"
    reduce_paths([csv_path], options, "duckdb")
    assert _duckdb.connection().execute(scratch).fetchone() == (0,)
    settle(reduce_paths([csv_path], options, "duckdb", speculate=True))
    assert _duckdb.connection().execute(scratch).fetchone() == (0,)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", ["clean", "repeated id", "not a level"])
@pytest.mark.parametrize("skip", [False, True])
def test_tables_speculated_give_the_python_result(tmp_path: Path, case: str, skip: bool) -> None:
    # assess_table finishes a typed table while its checks run (their cursor holds the
    # table registered on its own); a refusal reads it with the python engine.
    export = tmp_path / "tabel.csv"
    export.write_text(CLEAN if case == "clean" else LINE_TROUBLE[case], "utf-8")
    frame = pd.read_csv(export, dtype={"respondent": str})
    outcomes = []
    for engine in ("duckdb", "python"):
        try:
            assessment = assess_table(
                "skm-2017", frame, engine=engine, columns=SKM_COLUMNS, skip_bad_rows=skip
            )
            outcomes.append(result_bytes(assessment).decode("utf-8"))
        except BadRowsError as error:
            outcomes.append(f"error: {error}")
    assert outcomes[0] == outcomes[1]
    assert outcomes[0].startswith("error") == (case != "clean" and not skip)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", ["clean", "repeated id", "not a level", "quoted unit"])
def test_large_csv_read_twice_without_a_scratch_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    # A file over the scratch limit is grouped straight from the file and checked by a
    # second parse: the same vouching and the same results.
    from pelayanan._batch import _duckdb

    csv_path = tmp_path / "besar.csv"
    csv_path.write_text(CLEAN if case == "clean" else LINE_TROUBLE[case], "utf-8")
    scratch = "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'pelayanan_csv_%'"
    created = _duckdb.connection().execute("SELECT count(*) FROM duckdb_tables()").fetchone()
    monkeypatch.setattr(_duckdb, "SCRATCH_BYTES", 0)
    assert _typed_csv_vouches(csv_path) == (case == "clean")
    assert _outcome(csv_path, "duckdb") == _outcome(csv_path, "python")
    assert _duckdb.connection().execute(scratch).fetchone() == (0,)
    assert _duckdb.connection().execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (
        created
    )


def test_typed_column_blank_throughout_a_unit_reads_like_the_python_engine(
    tmp_path: Path,
) -> None:
    # Integer columns with nulls (Arrow, Parquet): unit u2 never answered U9. The grouping
    # query's sum of U9 for u2 is NULL, and the speculative reduction is built before the
    # checks refuse the blanks; it must hand the table to the python engine, not fail on the
    # NULL. With --missing exclude, u2's index leaves sarana out (hand-checked elsewhere;
    # here the engines must agree byte for byte).
    columns = {f"U{i}": [4, 3, 2, 1] for i in range(1, 9)}
    columns["U9"] = [4, 3, None, None]
    table = pa.table(
        {
            "respondent": ["r1", "r2", "r3", "r4"],
            "unit": ["u1", "u1", "u2", "u2"],
            **{name: pa.array(values, pa.int64()) for name, values in columns.items()},
        }
    )
    parquet = tmp_path / "kosong.parquet"
    pq.write_table(table, parquet)
    options = {"columns": SKM_COLUMNS, "missing": "exclude"}
    expected = result_bytes(assess_table("skm-2017", table, engine="python", **options))
    assert result_bytes(assess_table("skm-2017", table, engine="duckdb", **options)) == expected
    for engine in ("python", "duckdb"):
        got = assess_files("skm-2017", [parquet], engine=engine, **options)
        assert result_bytes(got) == expected


@pytest.mark.parametrize("numpy", [True, False])
def test_duckdb_query_result_read_with_or_without_numpy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, numpy: bool
) -> None:
    # The grouping query's result is fetched column by column as NumPy arrays when NumPy is
    # imported, else as rows: the statistics are the same either way (and the python
    # engine's), on CSV, on Parquet (typed columns) and on a CSV file read as text (a
    # quoted cell).
    from pelayanan._batch import _duckdb

    monkeypatch.setattr(_duckdb, "_numpy_loaded", lambda: numpy)
    clean = SURVEY.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")
    csv_path = tmp_path / "bersih.csv"
    csv_path.write_text(clean, "utf-8")
    parquet_path = tmp_path / "bersih.parquet"
    pq.write_table(pa.Table.from_pandas(pd.read_csv(csv_path)), parquet_path)
    quoted_path = tmp_path / "kutip.csv"
    quoted_path.write_text(clean.replace("5,u2,4,", '5,u2,"4",'), "utf-8")
    for path in (csv_path, parquet_path, quoted_path):
        reads = _reads(path, "duckdb")
        assert [read.engine for read in reads] == ["duckdb"], path
        assert check_reads(reads) == check_reads(_reads(path, "python"))


def test_duckdb_query_result_refuses_what_numpy_would_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # NumPy takes a HUGEINT for a float: such a column is refused, never read inexactly.
    from pelayanan._batch import _duckdb

    monkeypatch.setattr(_duckdb, "_numpy_loaded", lambda: True)
    con = _duckdb.connection()
    query = "SELECT 'u' AS unit, CAST(12345678901234567890123 AS HUGEINT) AS a0"
    with pytest.raises(_duckdb.Irregular):
        _duckdb._fetch_columns(con, query)
    assert _duckdb._fetch_columns(con, "SELECT 'u' AS unit, CAST(3 AS BIGINT) AS a0") == [
        ["u"],
        [3],
    ]


def test_background_checks_leave_python_a_core() -> None:
    # While the checks run, DuckDB works with one thread fewer than its default (Python
    # finishes meanwhile); once they are waited for, it has all of them again.
    from pelayanan._batch import _duckdb

    con = _duckdb.connection()
    (default,) = con.execute("SELECT current_setting('threads')").fetchone()
    seen: list[int] = []
    looked = threading.Event()

    def run(cursor: object) -> None:
        seen.extend(cursor.execute("SELECT current_setting('threads')").fetchone())  # type: ignore[attr-defined]
        looked.set()

    checks = _duckdb.Checks(run)
    assert looked.wait(60)
    assert checks.passed()
    assert seen == [max(1, int(default) - 1)]
    assert con.execute("SELECT current_setting('threads')").fetchone() == (default,)


# The survey without its respondent column (ids are optional in a survey file).
NO_IDS = "\n".join(line.split(",", 1)[1] for line in SURVEY.splitlines()) + "\n"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("cell", [*LENIENT, "5", "0", ""])
@pytest.mark.parametrize("where", ["first", "last"])
def test_csv_without_ids_read_once_and_checked_per_unit(
    tmp_path: Path, cell: str, where: str
) -> None:
    # Without a respondent column the typed CSV query reads the file once: its cells are
    # checked per unit in the grouping query (a level, not blank) and the file measured,
    # with no scratch table and nothing left running. A bad or lenient cell in the first
    # or the last row hands the file on, and the python engine's result or words stand.
    from pelayanan._batch import _duckdb

    clean = NO_IDS.replace("3,3,3,3,3,3,3,3,\n", "3,3,3,3,3,3,3,3,3\n")
    csv_path = tmp_path / "tanpa-id.csv"
    csv_path.write_text(clean, "utf-8")
    rubric = prepare(get_registry().get_rubric("skm-2017")).rubric
    options = ReadOptions(rubric=rubric, columns=SKM_COLUMNS)

    def refuse(*_args: object) -> None:
        raise AssertionError("read twice")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_duckdb, "csv_relation", refuse)  # the text query
        patch.setattr(_duckdb, "Checks", refuse)  # a second pass
        reads = reduce_paths([csv_path], options, "duckdb", speculate=True)
    assert [(read.engine, read.pending) for read in reads] == [("duckdb", None)]
    assert check_reads(reads) == check_reads(_reads(csv_path, "python"))
    tables = _duckdb.connection().execute("SELECT count(*) FROM duckdb_tables()").fetchone()
    assert tables == (0,)
    lines = clean.splitlines(keepends=True)
    at = 1 if where == "first" else len(lines) - 1  # u1,4,4,... and u2,4,4,...
    lines[at] = lines[at].replace(",4,", f",{cell},", 1)
    csv_path.write_text("".join(lines), "utf-8")
    got: dict[str, object] = {}
    for engine in ("python", "duckdb"):
        try:
            got[engine] = check_reads(_reads(csv_path, engine))
        except BadRowsError as error:
            got[engine] = str(error)
    assert got["python"] == got["duckdb"]
