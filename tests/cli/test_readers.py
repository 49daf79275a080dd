"""The built-in CSV reader and the units reader, in process: layouts, problems, streaming."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan import Group, Indicator, OrdinalScale, Rubric
from pelayanan._documents import DocumentError, load_evidence
from pelayanan._i18n import use_language
from pelayanan._model.convert import from_data
from pelayanan._model.evidence import Evidence, EvidenceKind, Provenance, value_problem
from pelayanan._model.units import UnitTree
from pelayanan._readers import (
    BadRowsError,
    CsvReader,
    TableProblem,
    column_letter,
    guess_delimiter,
    read_units,
)

RUBRIC = Rubric(
    "r",
    "1",
    "R",
    [
        Group(
            "g",
            "G",
            [
                Indicator("a", "A"),
                Indicator("b", "B", scale=OrdinalScale.from_range(1, 4)),
                Indicator("c", "C", allow_not_applicable=True),
            ],
        )
    ],
)


def _csv(tmp_path: Path, text: str, name: str = "e.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _read(path: Path, **options: object) -> list[object]:
    return list(CsvReader().read(path, rubric=RUBRIC, **options))


def test_column_letters_and_delimiters() -> None:
    assert [column_letter(n) for n in (1, 3, 26, 27, 52, 703)] == ["A", "C", "Z", "AA", "AZ", "AAA"]
    assert guess_delimiter("unit;indicator;value") == ";"
    assert guess_delimiter("unit\tindicator\tvalue") == "\t"
    assert guess_delimiter("unit") == ","


def test_long_layout_with_provenance_bom_and_semicolons(tmp_path: Path) -> None:
    text = (
        "\ufeffUnit;Indicator;Value;Kind;Collected_at;Note\n"
        "u1;a;ya;observation;2024-03-01;foto 1\n"
        "\n"  # a blank line is skipped
        "u1;b;3;;;\n"
        "u1;c;n/a;;;\n"
    )
    items = _read(_csv(tmp_path, text))
    assert len(items) == 3
    first, second, third = items
    assert first.value == 1  # type: ignore[attr-defined]
    assert first.provenance.kind is EvidenceKind.OBSERVATION  # type: ignore[attr-defined]
    assert str(first.provenance.collected_at) == "2024-03-01"  # type: ignore[attr-defined]
    assert first.provenance.note == "foto 1"  # type: ignore[attr-defined]
    assert second.value == Fraction(3)  # type: ignore[attr-defined]
    assert third.not_applicable  # type: ignore[attr-defined]


@pytest.mark.usefixtures("english")
def test_every_problem_of_every_row_is_reported(tmp_path: Path) -> None:
    text = (
        "unit,indicator,value,kind,collected_at\n"
        "u1,b,3.5,visit,31-03-2024\n"  # row 2: three problems
        "u1,a,n/a,,\n"  # row 3: 'a' cannot be not applicable
        'u1,b,"3,5",,\n'  # row 4: decimal comma
        "u1,a,ya,,,extra\n"  # row 5: a cell beyond the header
        "u1,a,ya,,,\n"  # row 6: fine (empty cells beyond the header are ignored)
    )
    stream = CsvReader().read(_csv(tmp_path, text), rubric=RUBRIC)
    with pytest.raises(BadRowsError) as caught:
        list(stream)
    where = [(p.line, p.column) for p in caught.value.problems]
    assert where == [(2, 3), (2, 4), (2, 5), (3, 2), (4, 3), (5, 6)]
    messages = [str(p) for p in caught.value.problems]
    assert "e.csv: row 2, column D (kind): expected one of observation" in messages[1]
    # 'b' is an ordinal 1-4 scale: no decimal hint, the levels are whole numbers
    assert "answers are whole levels, without decimals" in messages[4]
    assert "write decimals with a dot" not in messages[4]
    assert all(isinstance(p, TableProblem) for p in caught.value.problems)
    assert stream.bad_rows == 4


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_value_or_not_applicable_is_the_models_rule(tmp_path: Path, lang: str) -> None:
    # The reader places the model's finding at the value column; an Evidence built in code
    # breaks the same rule in the same words.
    text = "unit,indicator,value,not_applicable\nu1,c,,\nu1,c,4,ya\nu1,c,,ya\n"
    with use_language(lang), pytest.raises(BadRowsError) as caught:
        _read(_csv(tmp_path, text))
    with use_language(lang):
        empty, both = value_problem(None, False), value_problem("4", True)
        with pytest.raises(ValueError, match=re.escape(f"'u1'/'c': {empty}")):
            Evidence("u1", "c")
        with pytest.raises(ValueError, match=re.escape(f"'u1'/'c': {both}")):
            Evidence("u1", "c", "4", True)
    found = [(p.line, p.column, p.message) for p in caught.value.problems]
    assert found == [(2, 3, empty), (3, 3, both)]
    assert empty.startswith("the value is empty" if lang == "en" else "nilai kosong")


@pytest.mark.usefixtures("english")
def test_problem_limit_keeps_the_count_exact(tmp_path: Path) -> None:
    rows = "".join(f"u{i},b,9\n" for i in range(50))
    stream = CsvReader().read(
        _csv(tmp_path, "unit,indicator,value\n" + rows), rubric=RUBRIC, max_problems=5
    )
    with pytest.raises(BadRowsError) as caught:
        list(stream)
    assert len(caught.value.problems) == 5
    assert caught.value.total == 50
    assert str(caught.value).startswith("50 problems in ")
    assert "(the first 5):" in str(caught.value)
    assert "... and 45 more" in str(caught.value)


def test_skip_bad_rows_yields_the_good_rows(tmp_path: Path) -> None:
    stream = CsvReader().read(
        _csv(tmp_path, "unit,indicator,value\nu,a,ya\nu,a,perhaps\nu,b,2\n"),
        rubric=RUBRIC,
        skip_bad_rows=True,
    )
    assert [item.indicator for item in stream] == ["a", "b"]
    assert stream.problem_count == 1
    assert stream.problems[0].line == 3
    with pytest.raises(RuntimeError, match="only once"):
        list(stream)


@pytest.mark.usefixtures("english")
def test_header_problems_are_fatal_even_when_skipping(tmp_path: Path) -> None:
    stream = CsvReader().read(
        _csv(tmp_path, "unit,indikator,value\nu,a,ya\n"), rubric=RUBRIC, skip_bad_rows=True
    )
    with pytest.raises(BadRowsError) as caught:
        list(stream)
    assert any("no 'indicator' column" in str(p) for p in caught.value.problems)


@pytest.mark.usefixtures("english")
def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = _csv(tmp_path, "unit,indicator,value\nDinas Pariwisata é,a,ya\n", encoding="latin-1")
    with pytest.raises(BadRowsError, match="save the file as 'CSV UTF-8'"):
        _read(path)


def test_survey_layout(tmp_path: Path) -> None:
    text = "respondent,unit,A,B\nr1,x,ya,4\nr2,,tidak,\n"
    items = _read(_csv(tmp_path, text), unit="y")
    assert [(i.unit, i.indicator, i.value) for i in items] == [  # type: ignore[attr-defined]
        ("x", "a", 1),
        ("x", "b", 4),
        ("y", "a", 0),  # the empty unit cell falls back to --survey-unit
    ]
    assert items[0].provenance.reference == "respondent r1"  # type: ignore[attr-defined]


@pytest.mark.usefixtures("english")
def test_unknown_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="does not take the option"):
        CsvReader().read(_csv(tmp_path, "unit\n"), colums={"a": "b"})


@pytest.mark.usefixtures("english")
def test_units_csv_problems(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "id,name,level,parent,colour\nkota,Kota,agency,\nktp,KTP,service_product,kota\n"
        "ktp,Lagi,service_product,kota\nkk,KK,service_product,provinsi\n",
        name="units.csv",
    )
    with pytest.raises(DocumentError) as caught:
        read_units(path)
    text = [str(p) for p in caught.value.problems]
    assert text[0].endswith(
        "units.csv: row 1, column E: unknown column 'colour'; a units file "
        "has id, name, level, parent, weight"
    )
    # The tree's rules are the model's (the same words as a units document), placed at the
    # row and column.
    assert "row 4, column A (id): unit id 'ktp' is used twice (row 3)" in text[1]
    assert "row 5, column D (parent): parent 'provinsi' is not a unit declared here" in text[2]


@pytest.mark.usefixtures("english")
def test_units_csv_cycle_is_placed_at_its_row(tmp_path: Path) -> None:
    text = "id,parent\nkota,\na,c\nb,a\nc,b\n"
    with pytest.raises(DocumentError) as caught:
        read_units(_csv(tmp_path, text, name="units.csv"))
    [problem] = caught.value.problems
    assert str(problem).endswith(
        "units.csv: row 3, column B (parent): the parents form a cycle: a -> c -> b -> a"
    )
    # The same file as a document: the same rule, the same words.
    yaml_path = tmp_path / "units.yaml"
    units = "".join(
        f"- {{id: {unit}, name: {unit.upper()}, parent: {parent}}}\n"
        for unit, parent in [("kota", "null"), ("a", "c"), ("b", "a"), ("c", "b")]
    )
    yaml_path.write_text(units, encoding="utf-8")
    with pytest.raises(DocumentError) as document:
        read_units(yaml_path)
    assert [p.message for p in document.value.problems] == [problem.message]


def test_units_yaml_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - id: kota\n    name: Kota\n  - id: ktp\n    name: 5\n")
    with pytest.raises(DocumentError) as caught:
        read_units(path)
    (problem,) = caught.value.problems
    assert problem.pointer.startswith("/units/1")
    assert problem.line is not None
    tree = read_units(_csv(tmp_path, "id,parent\nkota,\nktp,kota\n", name="u.csv"))
    assert [u.id for u in tree.leaves()] == ["ktp"]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("collected_at", "2024-03-31"),
        ("collected_at", "2024-03-31T09:30"),
        ("collected_at", "2024-03-31 09:30"),
        ("collected_at", "31-03-2024"),
        ("collected_at", "kemarin"),
        ("kind", "observation"),
        ("kind", "Interview"),  # a cell's case is the reader's convenience
        ("kind", "visit"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_kind_and_date_cells_follow_the_models_rule(
    tmp_path: Path, column: str, cell: str, lang: str
) -> None:
    # The reader reads a provenance cell by the model's own rule (issue 10): what it takes
    # is what Provenance takes, and what it refuses is refused in the model's words (which
    # name the field; the reader's problem names its column instead).
    text = f"unit,indicator,value,{column}\nu1,a,ya,{cell}\n"
    given = cell.lower() if column == "kind" else cell
    with use_language(lang):
        refused = ""
        try:
            expected: object = getattr(Provenance(**{column: given}), column)
        except ValueError as error:
            refused = str(error)
        if refused:  # the model names the field; a table's problem names its column instead
            assert refused.startswith(f"{column}: ")
            expected = refused.removeprefix(f"{column}: ")
        try:
            (item,) = _read(_csv(tmp_path, text))
            found: object = getattr(item.provenance, column)  # type: ignore[attr-defined]
        except BadRowsError as error:
            [problem] = error.problems
            assert (problem.line, problem.column) == (2, 4)
            found = problem.message
    assert found == expected
    if cell in ("31-03-2024", "visit"):
        assert isinstance(found, str)
        assert found.endswith(f"'{cell}'")  # refused, naming the cell


@pytest.mark.usefixtures("english")
def test_evidence_that_does_not_fit_has_the_same_words_in_a_table(tmp_path: Path) -> None:
    # The rules tying an item to the rubric and the unit tree are the model's (misfits): a
    # table's rows say what an evidence document and scoring say (issue 10), placed at the
    # unit's or the indicator's cell; it said 'rubric r@1 has no indicator ...', '... cannot
    # be marked not applicable' and '... is not in the units file' in its own words.
    rubric = Rubric(
        "r",
        "1",
        "R",
        [Group("g", "G", [Indicator("waktu", "Waktu")]), Indicator("biaya", "Biaya")],
    )
    units = [{"id": "kota", "name": "K"}, {"id": "ktp", "name": "KTP", "parent": "kota"}]
    rows = [
        ("ktp", "wakt", "ya", ""),
        ("ktp", "g", "ya", ""),
        ("kota", "biaya", "ya", ""),
        ("kk", "biaya", "ya", ""),
        ("ktp", "biaya", "", "ya"),
    ]
    text = "unit,indicator,value,not_applicable\n" + "".join(f"{','.join(r)}\n" for r in rows)
    with pytest.raises(BadRowsError) as error:
        list(
            CsvReader().read(_csv(tmp_path, text), rubric=rubric, units=from_data(UnitTree, units))
        )
    in_table = [(p.line, p.column, p.message) for p in error.value.problems]
    items = [
        {"unit": unit, "indicator": indicator, "value": True}
        if not flag
        else {"unit": unit, "indicator": indicator, "not_applicable": True}
        for unit, indicator, _, flag in rows
    ]
    with pytest.raises(DocumentError) as document:
        load_evidence({"units": units, "evidence": items}, rubric=rubric)
    in_file = [p.message for p in document.value.problems]
    assert in_file == [
        "'wakt' is no indicator in r@1; did you mean 'waktu'?",
        "'g' is a group in r@1",
        "unit 'kota' has units below it; evidence belongs to the units at the bottom",
        "unit 'kk' is not in the unit tree",
        "indicator 'biaya' may not be marked not applicable in r@1",
    ]
    # rows 2-6; the indicator's cell is column 2, the unit's column 1
    assert in_table == [
        (row, column, message)
        for row, column, message in zip(range(2, 7), (2, 2, 1, 1, 2), in_file, strict=True)
    ]


def test_a_units_file_leaves_unwritten_fields_to_the_models_defaults(tmp_path: Path) -> None:
    # No level or weight column, an empty parent cell: the model's defaults apply (issue 10),
    # not the reader's own copy of them.
    from pelayanan import Unit

    text = "id,name,parent\nkota,Kota,\nktp,KTP,kota\n"
    tree = read_units(_csv(tmp_path, text, name="units.csv"))
    assert list(tree) == [Unit("kota", "Kota"), Unit("ktp", "KTP", parent="kota")]
