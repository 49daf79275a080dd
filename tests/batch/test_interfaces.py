"""The interfaces of batch scoring: ``--engine``/``--scheduler`` on the command line (in
process), ``engine=`` on :func:`pelayanan.assess`, :func:`pelayanan.assess_table` on a dask
DataFrame, results as pandas and Arrow, and a Dask cluster scoring a partitioned Parquet
dataset exactly as the python engine does."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import pelayanan
from pelayanan._cli import main
from pelayanan.testing._support import result_bytes

from ._tables import SKM_COLUMNS

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
dd = pytest.importorskip("dask.dataframe")

COLUMNS = ",".join(f"{header}={element}" for header, element in SKM_COLUMNS.items())


def _survey_frame(rows: int = 240) -> object:
    # Respondent r belongs to unit u{r % 4} and answers (r // 4 + k) % 4 + 1 to element k:
    # each unit's 60 respondents give every level of every element 15 times.
    data = {"respondent": list(range(rows)), "unit": [f"u{r % 4}" for r in range(rows)]}
    for k, header in enumerate(SKM_COLUMNS):
        data[header] = [(r // 4 + k) % 4 + 1 for r in range(rows)]
    return pd.DataFrame(data)


def _parquet_dataset(tmp_path: Path, parts: int = 3) -> Path:
    frame = _survey_frame()
    folder = tmp_path / "survei-parquet"
    folder.mkdir()
    size = len(frame) // parts
    for index in range(parts):
        piece = frame.iloc[index * size : (index + 1) * size]
        pq.write_table(
            pa.Table.from_pandas(piece, preserve_index=False), folder / f"part-{index}.parquet"
        )
    return folder


def test_dask_cluster_scores_partitioned_parquet_like_python(
    tmp_path: Path, dask_scheduler: str
) -> None:
    folder = _parquet_dataset(tmp_path)
    python = pelayanan.assess_files("skm-2017", [folder], engine="python", columns=SKM_COLUMNS)
    dask = pelayanan.assess_files(
        "skm-2017", [folder], engine="dask", scheduler=dask_scheduler, columns=SKM_COLUMNS
    )
    assert result_bytes(dask) == result_bytes(python)
    # 240 respondents x 9 answers, all in three files.
    assert dask.provenance.evidence_count == 2160
    frame = dd.from_pandas(_survey_frame(), npartitions=4)
    on_frame = pelayanan.assess_table(
        "skm-2017", frame, engine="dask", scheduler=dask_scheduler, columns=SKM_COLUMNS
    )
    assert result_bytes(on_frame) == result_bytes(python)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = main(["score", "--rubric", "skm-2017", "--columns", COLUMNS, "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_cli_engines_give_the_same_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dask_scheduler: str
) -> None:
    folder = _parquet_dataset(tmp_path)
    csv_path = tmp_path / "survei.csv"
    _survey_frame().to_csv(csv_path, index=False)
    documents = []
    for engine in ("python", "duckdb", "auto"):
        documents.append(_cli(capsys, "--evidence", str(csv_path), "--engine", engine))
        documents.append(_cli(capsys, "--evidence", str(folder), "--engine", engine))
    documents.append(
        _cli(capsys, "--evidence", str(folder), "--engine", "dask", "--scheduler", dask_scheduler)
    )
    assert all(document == documents[0] for document in documents)


def test_cli_rank_takes_an_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "survei.csv"
    _survey_frame().to_csv(csv_path, index=False)
    code = main(
        [
            "rank",
            "--rubric",
            "skm-2017",
            "--columns",
            COLUMNS,
            "--evidence",
            str(csv_path),
            "--engine",
            "duckdb",
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(json.loads(out)["units"]) == 4


def test_assess_takes_files_and_an_engine(tmp_path: Path) -> None:
    csv_path = tmp_path / "survei.csv"
    _survey_frame().to_csv(csv_path, index=False)
    python = pelayanan.assess("skm-2017", csv_path, engine="python", columns=SKM_COLUMNS)
    duck = pelayanan.assess("skm-2017", [csv_path], engine="duckdb", columns=SKM_COLUMNS)
    assert result_bytes(python) == result_bytes(duck)
    with pytest.raises(ValueError, match="engine: expected one of"):
        pelayanan.assess_files("skm-2017", [csv_path], engine="spark")


def test_an_unknown_engine_is_refused_in_the_same_words_with_or_without_files(
    tmp_path: Path,
) -> None:
    # One check of the engine name (issue 10): files, a table, or evidence in memory.
    csv_path = tmp_path / "survei.csv"
    _survey_frame().to_csv(csv_path, index=False)
    words = "engine: expected one of auto, python, duckdb, dask, got 'spark'"
    answers = [pelayanan.Evidence("u0", "persyaratan", 3)]
    for call in (
        lambda: pelayanan.assess_files("skm-2017", [csv_path], engine="spark"),
        lambda: pelayanan.assess_table("skm-2017", _survey_frame(), engine="spark"),
        lambda: pelayanan.assess("skm-2017", answers, engine="spark"),
    ):
        with pytest.raises(ValueError, match="engine: expected one of") as caught:
            call()
        assert str(caught.value) == words
        assert not isinstance(caught.value, pelayanan.PelayananError)  # a wrong call


def test_results_to_pandas_and_arrow(tmp_path: Path) -> None:
    assessment = pelayanan.assess_table("skm-2017", _survey_frame(), columns=SKM_COLUMNS)
    frame = assessment.to_pandas()
    # Each unit answers each level of each element equally often: every NRR is
    # (1 + 2 + 3 + 4) / 4 = 2.5, so IKM = 25 x 1/9 x (9 x 2.5) = 62.5 -> 62.50.
    assert list(frame["unit"]) == ["u0", "u1", "u2", "u3"]
    assert set(frame["published"]) == {Decimal("62.50")}
    assert set(frame["score"]) == {"125/2"}
    table = assessment.to_arrow()
    assert table.num_rows == 4
    assert str(table.schema.field("published").type) == "decimal128(38, 2)"
    assert table.column("published").to_pylist() == [Decimal("62.50")] * 4
