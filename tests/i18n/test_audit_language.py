"""The published-report audit speaks the chosen language: its findings, the rounding chains
and weights it names, and the figures it prints.

Each report below reaches different findings (a stated weight the figures contradict, a
figure no variant gives, a figure only a contradicting variant gives, an NRR that is no
average, a category of another regime, figures outside the scale, a local substitution, too
few figures). Each is audited through ``main(argv)`` with ``--lang id`` and ``--lang en``:
the Indonesian text must hold no English message of the catalog and no English word outside
ids and file names, and the English text must be English.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.i18n.test_messages import ENGLISH_WORDS, FRAGMENTS

from pelayanan._cli import main
from pelayanan._cli.common import Console

SCHEMA = "https://schemas.pelayanan.invalid/v1/published-report.json"
TOTALS = [36, 35, 34, 37, 33, 38, 35, 36, 34]
NRR = ["3.60", "3.50", "3.40", "3.70", "3.30", "3.80", "3.50", "3.60", "3.40"]
SKM: dict[str, Any] = {
    "instrument": "skm-2017",
    "respondents": 10,
    "element_totals": TOTALS,
    "nrr": NRR,
}
ELEMENTS = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku"]

REPORTS: dict[str, dict[str, Any]] = {
    # states 0.111 while printing 100 for a perfect unit: exact 1/9 gives 100, 0.111 gives
    # 9 x 0.111 x 4 x 25 = 99.90
    "stated-weight": {
        "instrument": "skm-2017",
        "unit": "Puskesmas Contoh",
        "respondents": 10,
        "element_totals": [40] * 9,
        "nrr": ["4.00"] * 9,
        "stated_weight": "0.111",
        "converted": "100",
        "category": "A",
    },
    # 88.43 is no variant's converted score (exact gives 88.33)
    "unexplained": {**SKM, "index": "3.5333", "converted": "88.43"},
    # 3.498 is 31.8 x 0.11, 88.33 is 31.8 / 9 x 25: no variant gives both
    "contradicting": {**SKM, "index": "3.498", "converted": "88.33"},
    # 36 / 10 = 3.60, printed 3.70
    "nrr": {**SKM, "nrr": ["3.70", *NRR[1:]], "converted": "88.33"},
    # 82.00 is B under skm-2017, A (printed) under ikm-2004
    "category": {
        "instrument": "skm-2017",
        "respondents": 25,
        "element_totals": [82] * 9,
        "nrr": ["3.28"] * 9,
        "index": "3.28",
        "converted": "82.00",
        "category": "A",
    },
    # no answer is above 4, and 10 answers of 1-4 cannot add up to 41
    "out-of-scale": {**SKM, "nrr": ["4.20", *NRR[1:]], "element_totals": [41, *TOTALS[1:]]},
    # two local elements, and only NRRs from the respondents: a note each, undetermined
    "notes": {
        "instrument": "skm-2017",
        "respondents": 10,
        "nrr": NRR,
        "elements": [
            *ELEMENTS,
            "keamanan",
            "sarana",
        ],
    },
}


def run(lang: str, path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--lang", lang, "audit", str(path)], Console(out, err))
    return code, out.getvalue() + err.getvalue()


def words(text: str, path: Path) -> set[str]:
    text = text.replace(str(path), "")
    text = re.sub(r"'[^'\n]*'|/[a-z_/0-9]+|\b[a-z]+-\d{4}(@\d{4})?\b", " ", text)
    return {word.lower() for word in re.findall(r"[A-Za-z_]+", text) if "_" not in word}


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_audit_speaks_the_chosen_language(name: str, tmp_path: Path) -> None:
    path = tmp_path / "laporan.yaml"
    path.write_text(yaml.safe_dump({"$schema": SCHEMA, **REPORTS[name]}, sort_keys=False))
    code_id, text_id = run("id", path)
    code_en, text_en = run("en", path)
    assert code_id == code_en == 3, (text_id, text_en)
    leaked = [piece for piece in FRAGMENTS if piece in text_id]
    assert leaked == [], f"English messages shown to an Indonesian user:\n{text_id}"
    english = sorted(words(text_id, path) & ENGLISH_WORDS)
    assert english == [], f"English words {english} in the Indonesian audit:\n{text_id}"
    assert words(text_en, path) & ENGLISH_WORDS, text_en


def test_a_finding_and_its_figures_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "laporan.yaml"
    path.write_text(yaml.safe_dump({"$schema": SCHEMA, **REPORTS["stated-weight"]}))
    _, text_id = run("id", path)
    _, text_en = run("en", path)
    # exact 1/9 explains the figures; 0.111 with no rounding gives 99.90, 100 - 99.90 = +0.10
    assert (
        "dijelaskan oleh: bobot eksak (1/9); tanpa pembulatan sebelum angka tercetak; "
        "pembulatan setengah ke atas; nilai konversi dicetak dengan 2 desimal"
    ) in text_id
    assert (
        "inkonsistensi [bobot tertulis] /stated_weight: laporan menyatakan bobot 0,111, tetapi "
        "angka-angkanya mengikuti bobot eksak (1/9), tanpa pembulatan sebelum angka tercetak; "
        "pembulatan setengah ke atas"
    ) in text_id
    assert (
        "bobot 0,111 (tanpa pembulatan sebelum angka tercetak; pembulatan setengah ke atas): "
        "99,90, tercetak dikurangi itu +0,10"
    ) in text_id
    assert (
        "inconsistency [stated weight] /stated_weight: the report states the weight 0.111, but "
        "its figures follow weight exact (1/9), no rounding before the printed figures; half-up"
    ) in text_en
    assert (
        "weight 0.111 (no rounding before the printed figures; half-up): 99.90, printed minus "
        "that +0.10"
    ) in text_en


def test_the_json_keeps_ids_and_dots(tmp_path: Path) -> None:
    path = tmp_path / "laporan.yaml"
    path.write_text(yaml.safe_dump({"$schema": SCHEMA, **REPORTS["stated-weight"]}))
    out = io.StringIO()
    main(["--lang", "id", "audit", str(path), "--format", "json"], Console(out, io.StringIO()))
    data = json.loads(out.getvalue())
    (finding,) = data["findings"]
    assert (finding["kind"], finding["severity"]) == ("stated-weight", "inconsistency")
    assert finding["candidates"][0]["value"] == "99.90"


def test_the_ombudsman_list_audit_in_both_languages(tmp_path: Path) -> None:
    # 82.30 in 2023 is B under the 2022-2024 table (78.00-87.99), whose zone is hijau
    path = tmp_path / "daftar.csv"
    path.write_text("unit,year,score,zone\nKota A,2023,82.30,kuning\n", encoding="utf-8")
    texts = {}
    for lang in ("id", "en"):
        out = io.StringIO()
        code = main(["--lang", lang, "audit", "--ombudsman", str(path)], Console(out, out))
        assert code == 3
        texts[lang] = out.getvalue()
    assert (
        "baris 2: Kota A 2023 (ombudsman-2022@2022), nilai 82,30: zona kuning, tetapi 82,30 "
        "menghasilkan hijau"
    ) in texts["id"]
    assert (
        "row 2: Kota A 2023 (ombudsman-2022@2022), score 82.30: zone kuning, but 82.30 gives hijau"
    ) in texts["en"]


def test_the_documented_indonesian_audit_is_what_the_command_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = Path(__file__).resolve().parents[2]
    page = (root / "docs" / "audit.md").read_text(encoding="utf-8")
    command = "$ pelayanan --lang id audit examples/data/audit/laporan-skm-contoh.yaml\n"
    documented = page.split(command, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    out = io.StringIO()
    main(
        ["--lang", "id", "audit", "examples/data/audit/laporan-skm-contoh.yaml"], Console(out, out)
    )
    assert out.getvalue() == documented
