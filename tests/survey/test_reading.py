"""Raw survey exports go in as they are (issue 12): headers, answers, title rows, decimals."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.scales import NumericScale, OrdinalScale
from pelayanan._readers import CsvReader, XlsxReader, answer_level, classify_header
from pelayanan._readers.survey_columns import element_for_header, profile_attribute
from pelayanan.plugins import get_registry

from ._exports import ELEMENTS, QUESTIONS, ROWS, numeric_csv, raw_export, run_cli


def _skm() -> Rubric:
    return get_registry().get_rubric("skm-2017").resolve()


def _cards(out: str) -> list[dict[str, object]]:
    cards: list[dict[str, object]] = json.loads(out)["cards"]
    return cards


@pytest.mark.usefixtures("english")
def test_a_raw_export_scores_as_the_same_answers_in_numbers(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "clean").mkdir()
    raw = raw_export(tmp_path / "raw" / "skm-dinas-contoh.csv")
    clean = numeric_csv(tmp_path / "clean" / "skm-dinas-contoh.csv")
    assert raw.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw.read_bytes()
    base = ("score", "--rubric", "skm-2017", "--format", "json")
    code, out_raw, err_raw = run_cli(*base, "--evidence", raw, "--header-row", "2")
    assert code == 0, err_raw
    code, out_clean, err_clean = run_cli(*base, "--evidence", clean)
    assert code == 0, err_clean
    assert _cards(out_raw) == _cards(out_clean)
    (card,) = _cards(out_raw)
    assert card["evidence_count"] == 8 * 9 - 3  # three unanswered cells
    # Unanswered cells and the short row are reported once, with their rows (3 = first
    # respondent, below the title and the header).
    assert "3 rows (5, 6, 10): questions left unanswered" in err_raw
    assert "1 row (10): fewer cells than the header (15 columns)" in err_raw
    assert "3 rows (3, 4, 8): questions left unanswered" not in err_clean


@pytest.mark.usefixtures("english")
def test_a_title_row_is_refused_with_the_header_row_to_use(tmp_path: Path) -> None:
    raw = raw_export(tmp_path / "skm.csv")
    code, _, err = run_cli("score", "--rubric", "skm-2017", "--evidence", raw)
    assert code == 1
    assert "row 1 does not look like a header" in err
    assert "SURVEI KEPUASAN MASYARAKAT DINAS CONTOH" in err
    assert "--header-row 2" in err


def test_respondent_attributes_are_kept(tmp_path: Path) -> None:
    raw = raw_export(tmp_path / "skm.csv")
    responses, log = CsvReader().read_responses(raw, rubric=_skm(), header_row=2)
    assert log.count == 0
    assert len(responses) == len(ROWS)
    first = responses[0]
    assert first.row == 3
    assert dict(first.attributes) == {
        "waktu_isi": "01/03/2024 09:01:00",
        "jenis_kelamin": "L",
        "usia": "34",
        "pendidikan": "S1",
        "pekerjaan": "PNS",
        "jenis_layanan": "KTP-el",
    }
    assert [value for _, value in first.answers] == list(ROWS[0][1])
    assert responses[2].answer("waktu") is None  # unanswered, not zero
    warnings = [str(w) for w in log.warnings]
    assert len(warnings) == 2


@pytest.mark.usefixtures("english")
def test_unknown_columns_once_with_a_hint_and_ignore_columns(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    path.write_text(
        "Nama;U1;U2;Saran\nA;4;3;lebih cepat\nB;3;3;\nC;2;4;antrian\n", encoding="utf-8"
    )
    base = ("score", "--rubric", "skm-2017", "--evidence", path, "--missing", "exclude")
    code, _, err = run_cli(*base)
    assert code == 1
    assert err.count("row 1, column A (Nama)") == 1
    assert err.count("row 1, column D (Saran)") == 1
    assert "--ignore-columns 'Saran'" in err
    assert "--profile-columns 'Saran'" in err
    code, out, err = run_cli(*base, "--ignore-columns", "Nama,saran", "--format", "json")
    assert code == 0, err
    # persyaratan (4+3+2)/3 = 3, prosedur (3+3+4)/3 = 10/3; under exclude the two answered
    # elements take the other seven's weight (1/9 x 9/2 = 1/2 each):
    # 25 x (3 + 10/3)/2 = 25 x 19/6 = 475/6
    assert _cards(out)[0]["score"] == "475/6"


def test_forms_that_swap_u8_and_u9_need_columns(tmp_path: Path) -> None:
    path = tmp_path / "skm.csv"
    path.write_text("U8,U9\n1,4\n", encoding="utf-8")
    base = ("score", "--rubric", "skm-2017", "--evidence", path, "--missing", "exclude")
    code, out, err = run_cli(*base, "--format", "json")
    assert code == 0, err
    nodes = {n["id"]: n.get("value") for n in _cards(out)[0]["breakdown"]}  # type: ignore[attr-defined]
    assert nodes["pengaduan"] == 1
    assert nodes["sarana"] == 4
    code, out, err = run_cli(*base, "--format", "json", "--columns", "U8=sarana,U9=pengaduan")
    assert code == 0, err
    nodes = {n["id"]: n.get("value") for n in _cards(out)[0]["breakdown"]}  # type: ignore[attr-defined]
    assert nodes["pengaduan"] == 4
    assert nodes["sarana"] == 1


def test_ikm_2004_reads_u1_to_u14_and_letters(tmp_path: Path) -> None:
    path = tmp_path / "ikm.csv"
    header = ",".join(f"u {i}" for i in range(1, 15))  # case and spaces ignored
    path.write_text(f"{header}\n{','.join('d' * 14)}\n{','.join('B' * 14)}\n", encoding="utf-8")
    code, out, err = run_cli(
        "score", "--rubric", "ikm-2004", "--evidence", path, "--format", "json"
    )
    assert code == 0, err
    # every NRR (4 + 2)/2 = 3; 25 x 14 x 3/14 = 75
    assert _cards(out)[0]["score"] == 75


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("Sangat sesuai", 4),
        ("  sangat   SESUAI ", 4),
        ("Kurang sesuai", 2),
        ("a", 1),
        ("D", 4),
        ("c.", 3),
        ("d. Sangat sesuai", 4),
        ("4 - Sangat sesuai", 4),
        ("3", 3),
        (2, 2),
        (3.0, 3),
        ("Very suitable", 4),  # the English label
    ],
)
def test_answers_as_words_letters_or_numbers(cell: object, level: int) -> None:
    persyaratan = _skm().find("persyaratan")
    assert isinstance(persyaratan, Indicator)
    assert answer_level(persyaratan, cell) == level  # type: ignore[arg-type]


def test_wording_of_every_element() -> None:
    rubric = _skm()
    from ._exports import WORDS

    for element in ELEMENTS:
        indicator = rubric.find(element)
        assert isinstance(indicator, Indicator)
        for level, word in enumerate(WORDS[element], start=1):
            assert answer_level(indicator, word) == level


@pytest.mark.usefixtures("english")
def test_bad_answers_say_what_the_scale_takes() -> None:
    persyaratan = _skm().find("persyaratan")
    assert isinstance(persyaratan, Indicator)
    with pytest.raises(ValueError, match="'d' and 'Tidak sesuai' are different levels"):
        answer_level(persyaratan, "d. Tidak sesuai")
    with pytest.raises(ValueError, match="expected one of the levels") as caught:
        answer_level(persyaratan, "3,5", decimal_comma=True)
    message = str(caught.value)
    assert "or a letter a-d" in message
    assert "'Sangat sesuai'" in message
    assert "answers are whole levels, without decimals" in message
    assert "write decimals with a dot" not in message
    with pytest.raises(ValueError, match="answers are whole levels"):
        answer_level(persyaratan, "3.5")
    with pytest.raises(ValueError, match="expected one of the levels"):
        answer_level(persyaratan, "e")


@pytest.mark.usefixtures("english")
def test_decimal_comma_on_a_numeric_scale() -> None:
    score = Indicator("nilai", "Nilai", scale=NumericScale(0, 100))
    assert answer_level(score, "82,5", decimal_comma=True) == Fraction(165, 2)
    with pytest.raises(
        ValueError, match=r"write decimals with a dot: 3.5, or read the file with --decimal ,"
    ):
        answer_level(score, "82,5")


def test_semicolon_files_read_decimal_commas(tmp_path: Path) -> None:
    rubric_path = tmp_path / "r.yaml"
    rubric_path.write_text(
        "id: nilai\nversion: '1'\ntitle: Nilai\nscoring: {model: survey_index}\n"
        "children:\n  - id: skor\n    title: Skor\n"
        "    scale: {type: numeric, minimum: 0, maximum: 10}\n",
        encoding="utf-8",
    )
    semicolons = tmp_path / "a.csv"
    semicolons.write_text("skor;catatan\n7,5;x\n", encoding="utf-8")
    code, out, err = run_cli(
        "score",
        "--rubric",
        rubric_path,
        "--evidence",
        semicolons,
        "--format",
        "json",
        "--ignore-columns",
        "catatan",
    )
    assert code == 0, err
    assert _cards(out)[0]["score"] == "7.5"
    commas = tmp_path / "b.csv"
    commas.write_text('skor,catatan\n"7,5",x\n', encoding="utf-8")
    base = ("score", "--rubric", rubric_path, "--evidence", commas, "--format", "json")
    code, _, err = run_cli(*base, "--ignore-columns", "catatan")
    assert code == 1
    assert "--decimal ," in err
    code, out, err = run_cli(*base, "--ignore-columns", "catatan", "--decimal", ",")
    assert code == 0, err
    assert _cards(out)[0]["score"] == "7.5"


def test_header_mapping_is_a_pure_function() -> None:
    rubric = _skm()
    indicators = rubric.indicators()
    assert element_for_header("U1", indicators) == "persyaratan"
    assert element_for_header("u 9", indicators) == "sarana"
    assert element_for_header("[U8] Pengaduan", indicators) == "pengaduan"
    assert element_for_header("Waktu penyelesaian", indicators) == "waktu"
    for question, element in zip(QUESTIONS, ELEMENTS, strict=True):
        assert element_for_header(question, indicators) == element
        assert element_for_header(question.split(". ", 1)[1] + " *", indicators) == element
    assert element_for_header("Usia", indicators) is None
    assert profile_attribute("Umur") == "usia"
    assert profile_attribute("JENIS KELAMIN (L/P)") == "jenis_kelamin"
    assert profile_attribute("Cap waktu") == "waktu_isi"
    found = classify_header(
        ["Timestamp", "Jenis Layanan", "U1", None, "Kecamatan", "Saran", "unit"],
        rubric,
        ignore=["saran"],
        profile=["Kecamatan"],
    )
    assert found.roles == (
        ("attribute", "waktu_isi"),
        ("attribute", "jenis_layanan"),
        ("element", "persyaratan"),
        None,
        ("attribute", "Kecamatan"),
        ("ignored", "Saran"),
        ("reserved", "unit"),
    )


@pytest.mark.usefixtures("english")
def test_xlsx_export_with_a_title_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["SKM Dinas Contoh (fiktif)"])
    sheet.append(["Timestamp", "Jenis Kelamin", *QUESTIONS])
    for profile, answers in ROWS:
        sheet.append(["2024-03-01 09:00", profile[0], *answers])
    path = tmp_path / "skm-dinas-contoh.xlsx"
    workbook.save(path)
    responses, log = XlsxReader().read_responses(path, rubric=_skm(), header_row=2)
    assert log.count == 0
    assert [r.answer("persyaratan") for r in responses] == [a[0] for _, a in ROWS]
    assert responses[0].attribute("jenis_kelamin") == "L"
    clean = numeric_csv(tmp_path / "skm-dinas-contoh.csv")
    base = ("score", "--rubric", "skm-2017", "--format", "json")
    _, from_xlsx, err = run_cli(*base, "--evidence", path, "--header-row", "2")
    assert "questions left unanswered" in err
    _, from_csv, _ = run_cli(*base, "--evidence", clean)
    assert _cards(from_xlsx) == _cards(from_csv)


@pytest.mark.usefixtures("english")
def test_ordinal_scale_unchanged_without_labels() -> None:
    plain = Indicator("x", "X", scale=OrdinalScale.from_range(1, 4))
    assert answer_level(plain, "b") == 2
    with pytest.raises(ValueError, match="expected one of the levels") as caught:
        answer_level(plain, "baik")
    assert "wording" not in str(caught.value)
