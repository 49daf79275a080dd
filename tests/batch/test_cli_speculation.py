"""The command line finishes while the duckdb engine's checks run, as ``assess_files`` does:
the same output and the same words as the python engine, whether the checks pass or fail
(then the file is read again), with and without ``--skip-bad-rows``, and each warning
printed once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pelayanan._batch import engines
from pelayanan._cli import main, pipeline

from ._tables import SKM_COLUMNS
from .test_engines import CLEAN, LINE_TROUBLE, SURVEY

pytest.importorskip("duckdb")

COLUMNS = ",".join(f"{header}={element}" for header, element in SKM_COLUMNS.items())


def _run(
    capsys: pytest.CaptureFixture[str], command: str, files: Sequence[Path], *args: str
) -> tuple[int, str, str]:
    evidence = [part for path in files for part in ("--evidence", str(path))]
    code = main([command, "--rubric", "skm-2017", "--columns", COLUMNS, *evidence, *args])
    out, err = capsys.readouterr()
    return code, out, err


class _Spy:
    """Records whether the CLI's reads came back with checks pending and whether settling
    them read a file again."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pending: list[bool] = []
        self.redone: list[bool] = []
        reduce_paths, settle = pipeline.reduce_paths, engines.settle

        def spied_reduce(*args: Any, **kwargs: Any) -> list[engines.TableRead]:
            reads = reduce_paths(*args, **kwargs)
            self.pending.extend(read.pending is not None for read in reads)
            return reads

        def spied_settle(reads: Any) -> tuple[list[engines.TableRead], bool]:
            settled, redone = settle(reads)
            self.redone.append(redone)
            return settled, redone

        monkeypatch.setattr(pipeline, "reduce_paths", spied_reduce)
        monkeypatch.setattr(engines, "settle", spied_settle)


@pytest.mark.parametrize("command", ["score", "rank"])
@pytest.mark.parametrize("output", ["json", "markdown"])
def test_clean_csv_duckdb_speculates_with_the_python_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    output: str,
) -> None:
    csv_path = tmp_path / "bersih.csv"
    csv_path.write_text(CLEAN, "utf-8")
    python = _run(capsys, command, [csv_path], "--engine", "python", "--format", output)
    spy = _Spy(monkeypatch)
    duckdb = _run(capsys, command, [csv_path], "--engine", "duckdb", "--format", output)
    assert duckdb == python
    assert python[0] == 0
    # The typed read came back before its checks were done, and they passed.
    assert spy.pending == [True]
    assert spy.redone == [False]


@pytest.mark.parametrize("skip", [False, True])
def test_checks_failing_in_the_background_give_the_python_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, skip: bool
) -> None:
    # Respondent 4 of unit u2 answers twice (rows 5 and 6): the typed query groups the file,
    # its checks find the repeat in the background, and the file is read again.
    csv_path = tmp_path / "ulang.csv"
    csv_path.write_text(LINE_TROUBLE["repeated id"], "utf-8")
    flags = ["--skip-bad-rows"] if skip else []
    python = _run(capsys, "score", [csv_path], "--engine", "python", *flags)
    spy = _Spy(monkeypatch)
    duckdb = _run(capsys, "score", [csv_path], "--engine", "duckdb", *flags)
    assert duckdb == python
    assert spy.pending == [True]
    assert spy.redone == [True]
    code, out, err = duckdb
    # The python reader's words (in Indonesian, the CLI's default), at the second answer.
    assert "baris 6, kolom A (respondent): responden '4' dari unit 'u2' sudah menjawab" in err
    if skip:
        # The scores of the good rows and the summary of the one skipped row.
        assert code == 0
        assert out
        assert err.count("ulang.csv") == 1
    else:
        assert code != 0
        assert not out


@pytest.mark.parametrize("case", sorted(LINE_TROUBLE))
@pytest.mark.parametrize("skip", [False, True])
def test_every_refusal_gives_the_python_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, skip: bool
) -> None:
    csv_path = tmp_path / "baris.csv"
    csv_path.write_text(LINE_TROUBLE[case], "utf-8")
    flags = ["--skip-bad-rows"] if skip else []
    outcomes = [
        _run(capsys, "score", [csv_path], "--engine", engine, "--format", "json", *flags)
        for engine in ("python", "duckdb")
    ]
    assert outcomes[0] == outcomes[1]


def test_warnings_printed_once_when_a_file_is_read_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One file leaves a question unanswered (the reader warns), the other repeats a
    # respondent: both pass the grouping, the background checks refuse both, both are read
    # again, and the warning of the first and the skipped row of the second are printed
    # once.
    blank = tmp_path / "kosong.csv"
    blank.write_text(SURVEY, "utf-8")
    repeated = tmp_path / "ulang.csv"
    repeated.write_text(LINE_TROUBLE["repeated id"], "utf-8")
    files = [blank, repeated]
    python = _run(capsys, "score", files, "--engine", "python", "--skip-bad-rows")
    spy = _Spy(monkeypatch)
    duckdb = _run(capsys, "score", files, "--engine", "duckdb", "--skip-bad-rows")
    assert duckdb == python
    assert spy.pending == [True, True]
    assert spy.redone == [True]
    code, out, err = duckdb
    assert code == 0
    assert out
    assert err.count("kosong.csv") == 1
    assert err.count("ulang.csv") == 1
