"""The SKM path end to end: a survey CSV scored under ``skm-2017`` with each weight variant.

The survey (answers 1-4, columns U1..U9 mapped to the nine elements with ``--columns``):

    respondent  U1 U2 U3 U4 U5 U6 U7 U8 U9
    1            4  4  4  4  4  4  4  4  3
    2            4  4  4  4  3  3  3  3  3
    3            3  3  3  3  4  4  4  4  3
    4            3  3  3  3  4  4  4  4  3
    5            .  .  .  .  .  .  .  .  3     (only U9 answered: empty cells are unanswered)

NRR per element (mean over those who answered): U1-U4 = 14/4 = 3.5; U5-U8 = 15/4 = 3.75;
U9 = 15/5 = 3. Their sum is 4 x 3.5 + 4 x 3.75 + 3 = 32.

* default weight 1/9: IKM = 32/9; converted 25 x 32/9 = 800/9 = 88.888... -> 88.89,
  band A (88.31-100.00, Sangat baik);
* weight 0.11: 25 x 0.11 x 32 = 88.00, band B (76.61-88.30, Baik): the published-style
  variant drops a whole category;
* weight 0.111: 25 x 0.111 x 32 = 88.80, band A.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._helpers import REPO, SKM_COLUMNS, Runner

SURVEY = """respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9
1,4,4,4,4,4,4,4,4,3
2,4,4,4,4,3,3,3,3,3
3,3,3,3,3,4,4,4,4,3
4,3,3,3,3,4,4,4,4,3
5,,,,,,,,,3
"""


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    path = tmp_path / "survei-dukcapil.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


def _score(run: Runner, survey: Path, *extra: str) -> dict[str, object]:
    result = run(
        "score",
        "--rubric",
        "skm-2017",
        "--evidence",
        survey,
        "--columns",
        SKM_COLUMNS,
        "--format",
        "json",
        *extra,
    )
    assert result.code == 0, result.err
    data: dict[str, object] = json.loads(result.out)
    return data


@pytest.mark.parametrize(
    ("extra", "exact", "published", "band", "weight"),
    [
        ((), "800/9", "88.89", "A", "exact"),
        (("--param", "weight=exact"), "800/9", "88.89", "A", "exact"),
        (("--param", "weight=0.11"), 88, "88.00", "B", "0.11"),
        (("--param", "weight=0.111"), "88.8", "88.80", "A", "0.111"),
    ],
)
def test_weight_variants(
    run: Runner,
    survey: Path,
    extra: tuple[str, ...],
    exact: object,
    published: str,
    band: str,
    weight: str,
) -> None:
    data = _score(run, survey, *extra)
    (card,) = data["cards"]
    assert card["unit"]["id"] == "survei-dukcapil"  # no unit column: the file's name
    assert card["score"] == exact
    assert card["published"] == published
    assert card["band"]["code"] == band
    assert card["evidence_count"] == 37  # 4 x 9 answers + the lone U9 answer
    assert data["provenance"]["parameters"] == {"weight": weight}


def test_the_two_results_differ_in_the_terminal(run: Runner, survey: Path) -> None:
    base = ("score", "--rubric", "skm-2017", "--evidence", survey, "--columns", SKM_COLUMNS)
    default = run(*base)
    variant = run(*base, "--param", "weight=0.11")
    assert default.code == variant.code == 0
    assert "88,89" in default.out
    assert "Mutu A (Sangat baik)" in default.out
    assert "88,00" in variant.out
    assert "Mutu B (Baik)" in variant.out


def test_survey_with_a_unit_column_and_named_unit(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    # Two units; every element answered 4 by unit a and 1 by unit b.
    header = "unit," + ",".join(f"U{i}" for i in range(1, 10))
    path.write_text(f"{header}\na,{','.join('4' * 9)}\nb,{','.join('1' * 9)}\n", encoding="utf-8")
    result = run(
        "score",
        "--rubric",
        "skm-2017",
        "--evidence",
        path,
        "--columns",
        SKM_COLUMNS,
        "--format",
        "csv",
    )
    assert result.code == 0, result.err
    # a: 25 x 9 x 4 / 9 = 100.00; b: 25 x 9 x 1 / 9 = 25.00.
    assert "\na,a,service_product,,100.00," in result.out
    assert "\nb,b,service_product,,25.00," in result.out


def test_u1_to_u9_are_the_rubric_aliases(run: Runner, survey: Path) -> None:
    # skm-2017 declares U1..U9 in the reference's order (U8 pengaduan, U9 sarana), so the
    # survey scores without --columns exactly as with the explicit mapping (88.89 above).
    plain = run("score", "--rubric", "skm-2017", "--evidence", survey, "--format", "json")
    assert plain.code == 0, plain.err
    assert json.loads(plain.out)["cards"][0]["score"] == "800/9"
    assert json.loads(plain.out) == _score(run, survey)


@pytest.mark.usefixtures("english")
def test_unknown_survey_headers_are_reported_once(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("respondent,U1,Kesan,U2\n1,4,baik,3\n2,3,baik,3\n", encoding="utf-8")
    result = run("score", "--rubric", "skm-2017", "--evidence", path, "--missing", "exclude")
    assert result.code == 1
    assert "1 problem in" in result.err  # once for the column, not once per row
    assert "row 1, column C (Kesan): column 'Kesan' is not an element of skm-2017@2017" in (
        result.err
    )
    assert "--columns 'Kesan=<element>'" in result.err
    assert "--ignore-columns 'Kesan'" in result.err


@pytest.mark.usefixtures("english")
def test_answer_out_of_range(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("respondent,persyaratan,prosedur\n1,5,3\n2,4,3.5\n", encoding="utf-8")
    result = run("score", "--rubric", "skm-2017", "--evidence", path, "--missing", "exclude")
    assert result.code == 1
    assert "row 2, column B (persyaratan): expected one of the levels 1, 2, 3, 4, got '5'" in (
        result.err
    )
    assert "row 3, column C (prosedur)" in result.err


OVERLAY = """$schema: https://schemas.pelayanan.invalid/v1/overlay.json
id: skm-kota-contoh
version: "2024"
base: skm-2017@2017
title: Survei Kepuasan Masyarakat Kota Contoh (fiktif)
substitute:
  sarana:
    id: sarana_digital
    title: Kemudahan layanan daring
parameters:
  weight: "0.11"
"""


def test_overlay_substitutes_an_element_and_pins_the_weight(
    run: Runner, survey: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    columns = SKM_COLUMNS.replace("U9=sarana", "U9=sarana_digital")
    base = (
        "score",
        "--rubric",
        "skm-2017",
        "--overlay",
        overlay,
        "--evidence",
        survey,
        "--columns",
        columns,
        "--format",
        "json",
    )
    pinned = run(*base)
    assert pinned.code == 0, pinned.err
    card = json.loads(pinned.out)["cards"][0]
    # Same answers as above, element U9 renamed: 25 x 0.11 x 32 = 88.00 (the overlay's 0.11).
    assert card["published"] == "88.00"
    assert {node["id"] for node in card["breakdown"]} >= {"sarana_digital"}
    chosen = run(*base, "--param", "weight=exact")  # the command line overrides the overlay
    assert json.loads(chosen.out)["cards"][0]["published"] == "88.89"
    old_name = run(
        "score",
        "--rubric",
        "skm-2017",
        "--overlay",
        overlay,
        "--evidence",
        survey,
        "--columns",
        SKM_COLUMNS,
    )
    assert old_name.code == 1
    assert "kolom 'U9' (dipetakan ke 'sarana') bukan unsur dari skm-kota-contoh" in old_name.err
    assert "--columns 'U9=<unsur>'" in old_name.err
    missing = run(
        "score", "--rubric", "skm-2017", "--overlay", tmp_path / "nope.yaml", "--evidence", survey
    )
    assert missing.code == 1
    assert "berkas tidak ditemukan" in missing.err  # "no such file", in Indonesian


def test_rubric_from_a_file_and_an_unknown_reader(
    run: Runner, survey: Path, tmp_path: Path
) -> None:

    rubric = tmp_path / "my-skm.yaml"
    rubric.write_text((REPO / "rubrics" / "rubrics" / "skm-2017.yaml").read_text("utf-8"))
    done = run(
        "score",
        "--rubric",
        rubric,
        "--evidence",
        survey,
        "--columns",
        SKM_COLUMNS,
        "--format",
        "csv",
    )
    assert done.code == 0, done.err
    assert ",88.89," in done.out
    unknown = run("score", "--rubric", rubric, "--evidence", survey, "--reader", "pdf")
    assert unknown.code == 2
    assert "pembaca 'pdf' tidak dikenal" in unknown.err
