"""The words for yes and no have one source, the model (issue 10): the ``duckdb`` engine
maps exactly the words a boolean scale reads, and a table's ``not_applicable`` flag reads
the model's yes/no words, the same way a boolean value reads them."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan import BooleanScale, Group, Indicator, Rubric
from pelayanan._batch import check_reads
from pelayanan._batch.engines import reduce_paths
from pelayanan._model.scales import BOOLEAN_WORDS, YES_NO_WORDS
from pelayanan._readers import BadRowsError, CsvReader, ReadOptions

pytest.importorskip("duckdb")

RUBRIC = Rubric(
    "cek",
    "1",
    "Cek",
    [
        Group(
            "g",
            "G",
            [
                Indicator("papan", "Papan", BooleanScale()),
                Indicator("loket", "Loket", BooleanScale(), allow_not_applicable=True),
            ],
        )
    ],
)


def _forms(word: str) -> list[str]:
    """The ways of writing ``word`` the duckdb query maps itself (others go to python)."""
    return sorted({word, word.upper(), word.title(), word.capitalize()})


def test_the_duckdb_query_maps_exactly_the_words_a_boolean_scale_reads() -> None:
    from pelayanan._batch import _duckdb

    mapped = _duckdb._plain_levels(RUBRIC.indicators()[0], None)
    assert mapped is not None
    # Every literal the query maps is read by the model as the same value ...
    scale = BooleanScale()
    for literal, value in mapped.items():
        assert scale.parse(literal[1:-1].replace("''", "'")) == value, literal
    # ... and every word the model reads is mapped, so a clean file stays on the query.
    assert set(mapped) == {f"'{form}'" for word in BOOLEAN_WORDS for form in _forms(word)}


def test_duckdb_scores_every_boolean_word_itself_as_the_python_engine_does(
    tmp_path: Path,
) -> None:
    cells = [(form, meaning) for word, meaning in BOOLEAN_WORDS.items() for form in _forms(word)]
    rows = "".join(f"{i},u1,{form},{form}\n" for i, (form, _) in enumerate(cells, start=1))
    path = tmp_path / "cek.csv"
    path.write_text("respondent,unit,papan,loket\n" + rows, "utf-8")
    options = ReadOptions(rubric=RUBRIC, layout="survey")
    python = reduce_paths([path], options, "python")
    duckdb = reduce_paths([path], options, "duckdb")
    assert [read.engine for read in duckdb] == ["duckdb"]  # the query's own result
    assert check_reads(duckdb) == check_reads(python)
    stats = check_reads(python).stats[("u1", "papan")]
    # Forms (lower, UPPER, Title, Capitalized; equal ones once): yes: true 3, yes 3, ya 3,
    # y 2, 1 1, ada 3 = 15; no: false 3, no 3, tidak 3, n 2, 0 1, "tidak ada" 4 = 16.
    # 31 answers, of which the 15 yes forms count 1: total 15.
    assert stats.count == len(cells) == 31
    assert stats.total == Fraction(15)


@pytest.mark.parametrize(("word", "flag"), sorted(YES_NO_WORDS.items()))
def test_a_not_applicable_flag_reads_a_yes_no_word_as_a_boolean_value_does(
    tmp_path: Path, word: str, flag: bool
) -> None:
    # The value column takes the word when the flag is no; the flag takes it as yes or no.
    assert BooleanScale().parse(word) == int(flag)
    value = "" if flag else word
    text = f"unit,indicator,value,not_applicable\nu1,loket,{value},{word.upper()}\n"
    path = tmp_path / "e.csv"
    path.write_text(text, "utf-8")
    (item,) = CsvReader().read(path, rubric=RUBRIC)
    assert item.not_applicable is flag  # type: ignore[attr-defined]
    assert item.value == (None if flag else int(flag))  # type: ignore[attr-defined]


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("word", ["ada", "tidak ada"])
def test_a_not_applicable_flag_refuses_the_words_of_presence(tmp_path: Path, word: str) -> None:
    # "ada" (there is) answers a checklist's question, not whether an indicator applies.
    assert BooleanScale().parse(word) == (word == "ada")
    path = tmp_path / "e.csv"
    path.write_text(f"unit,indicator,value,not_applicable\nu1,loket,ya,{word}\n", "utf-8")
    with pytest.raises(BadRowsError) as caught:
        list(CsvReader().read(path, rubric=RUBRIC))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 4)
    assert f"expected ya/tidak (yes/no), got '{word}'" in problem.message
