"""What the sweep of every command in Indonesian found, kept fixed.

Each test runs a command of the demo data through ``main(argv)`` and checks the words and
numbers an Indonesian user reads (and the English beside them).
"""

from __future__ import annotations

import io
from pathlib import Path

from tests.cli._helpers import EXAMPLES

from pelayanan._cli import main
from pelayanan._cli.common import Console

DATA = EXAMPLES


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(arg) for arg in argv], Console(out, out))
    return code, out.getvalue()


def _explain(lang: str) -> str:
    code, text = run(
        "--lang",
        lang,
        "explain",
        "--rubric",
        "ombudsman-2022",
        "--units",
        DATA / "units.csv",
        "--evidence",
        DATA / "evidence-2024.csv",
        "--unit",
        "dishub",
    )
    assert code == 0, text
    return text


def test_explain_writes_weights_as_the_language_does() -> None:
    # The input dimension weighs 21.85 and each of its indicators 1: a whole weight is "1"
    # in both languages (it was "1," in Indonesian, the decimal comma left after stripping).
    def weight(text: str, title: str) -> str:
        (line,) = [line for line in text.splitlines() if line.strip().startswith(title)]
        return line.strip()[len(title) :].split()[0]  # the first column after the title

    indonesian, english = _explain("id"), _explain("en")
    assert weight(indonesian, "Input (kompetensi pelaksana dan sarana)") == "21,85"
    assert weight(indonesian, "Kompetensi - mengetahui komponen standar pelayanan") == "1"
    assert weight(english, "Input (staff competence and facilities)") == "21.85"
    assert weight(english, "Competence - knows the components of the service standard") == "1"


def test_a_long_row_list_in_a_survey_warning_is_indonesian() -> None:
    # 31 rows with unanswered questions: 20 are listed, "dan 11 lagi" (not "and 11 more")
    argv = [
        "survey",
        "--evidence",
        DATA / "skm-formulir-2024-1.csv",
        "--header-row",
        "2",
        "--ignore-columns",
        "Saran dan masukan",
        "--format",
        "json",
    ]
    _, text_id = run("--lang", "id", *argv)
    _, text_en = run("--lang", "en", *argv)
    assert "dan 11 lagi" in text_id
    assert " and 11 more" not in text_id
    assert "and 11 more" in text_en


def test_every_column_of_the_summaries_has_a_header(tmp_path: Path) -> None:
    # The calibration summary printed by report and the facts of the survey report in
    # Markdown had a column without a header.
    code, text = run(
        "report",
        "--rubric",
        "ombudsman-2022",
        "--units",
        DATA / "units.csv",
        "--evidence",
        DATA / "evidence-2024.csv",
        "--self-assessment",
        DATA / "self-assessment-2024.csv",
        "--output",
        tmp_path / "laporan.html",
    )
    assert code == 0, text
    (header,) = [line for line in text.splitlines() if line.startswith("Ringkasan kalibrasi")]
    assert header.split() == ["Ringkasan", "kalibrasi", "Nilai"]
    page = tmp_path / "skm.md"
    code, text = run(
        "survey",
        "--evidence",
        DATA / "skm-formulir-2024-1.csv",
        "--header-row",
        "2",
        "--ignore-columns",
        "Saran dan masukan",
        "--format",
        "markdown",
        "--output",
        page,
    )
    assert code == 0, text
    lines = page.read_text(encoding="utf-8").splitlines()
    assert "| Ringkasan | Nilai |" in lines
    assert "|  |  |" not in lines
