"""Every message a bad input raises to the command-line user speaks the language chosen.

A table of bad inputs, each run in-process through ``main(argv)`` twice, with ``--lang id``
and ``--lang en``. The Indonesian run must differ from the English one, must not contain
the English text of any message of the catalog (a message marked for translation but shown
untranslated), and must not contain English words outside values, options and file names
(a message never marked for translation at all). The English run must contain the English,
so the table really reaches the messages it is about.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from tests.cli._helpers import COMPONENTS, EXAMPLES

from pelayanan._cli import main
from pelayanan._cli.common import Console
from pelayanan._i18n import LOCALE_DIR


def checklist(path: Path, units: dict[str, int]) -> Path:
    """A long CSV for standar-pelayanan-2009: in unit ``u`` the first ``units[u]``
    components are met (``ya``), the rest not (``tidak``)."""
    lines = ["unit,indicator,value"]
    for unit, met in units.items():
        for index, component in enumerate(COMPONENTS):
            lines.append(f"{unit},{component},{'ya' if index < met else 'tidak'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Make = Callable[[Path], list[str]]

ENGLISH_WORDS = frozenset(
    """
    the an expected got is are not no of with without must cannot unknown file files row
    rows column columns problem problems warning and or has have give needs empty such only
    than more this that which did you mean valid nothing was were scored reported correct
    above units evidence answered already counted once does look like mapped element values
    too many digits number band scale outside bottom plan goes year table reader
    suffix known write read before after
    """.split()  # noqa: SIM905
)
"""Words of English sentences that Indonesian ones never use. Words that are also column
names, letters or loanwords (``value``, ``name``, ``level``, ``a``, ``header``, ``unit``) are
not listed."""


def cli(*argv: str | Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], Console(out, err))
    return code, err.getvalue()


def _long(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["unit,indicator,value", *rows]) + "\n", encoding="utf-8")
    return path


def _score(*more: str | Path) -> list[str]:
    return ["score", "--rubric", "standar-pelayanan-2009", *map(str, more)]


def missing_evidence_file(tmp: Path) -> list[str]:
    return _score("--evidence", tmp / "tidak-ada.csv")


def unknown_column(tmp: Path) -> list[str]:
    path = tmp / "bukti.csv"
    path.write_text("unit,indicator,value,warna\nu1,persyaratan,ya,biru\n", encoding="utf-8")
    return _score("--evidence", path)


def misspelt_indicator(tmp: Path) -> list[str]:
    rows = [f"u1,{c},ya" for c in COMPONENTS[1:]] + ["u1,persyaratn,ya", "u1,prosedur,"]
    return _score("--evidence", _long(tmp / "bukti.csv", rows))


def bad_yes_no_and_empty_unit(tmp: Path) -> list[str]:
    path = tmp / "bukti.csv"
    path.write_text(
        "unit,indicator,value,not_applicable\nu1,persyaratan,,mungkin\n,prosedur,ya,\n",
        encoding="utf-8",
    )
    return _score("--evidence", path)


def missing_under_error_policy(tmp: Path) -> list[str]:
    return _score("--evidence", _long(tmp / "bukti.csv", ["u1,persyaratan,ya"]))


def title_row_above_the_header(tmp: Path) -> list[str]:
    path = tmp / "bukti.csv"
    checklist(path, {"u1": 3})
    path.write_text("Rekap penilaian\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return _score("--evidence", path)


def unknown_reader(tmp: Path) -> list[str]:
    return _score("--evidence", checklist(tmp / "bukti.csv", {"u1": 3}), "--reader", "pdf")


def unknown_suffix(tmp: Path) -> list[str]:
    path = tmp / "bukti.pdf"
    path.write_text("-", encoding="utf-8")
    return _score("--evidence", path)


def bad_units_file(tmp: Path) -> list[str]:
    units = tmp / "unit.csv"
    units.write_text("id,name,parent,warna\na,A,,\na,A lagi,,\nb,B,zzz,\n", encoding="utf-8")
    return _score("--evidence", checklist(tmp / "bukti.csv", {"a": 3}), "--units", units)


def evidence_for_a_unit_with_children(tmp: Path) -> list[str]:
    units = tmp / "unit.csv"
    units.write_text("id,name,parent\nkota,Kota,\ndinas,Dinas,kota\n", encoding="utf-8")
    return _score("--evidence", checklist(tmp / "bukti.csv", {"kota": 3}), "--units", units)


def explain_without_unit(tmp: Path) -> list[str]:
    evidence = checklist(tmp / "bukti.csv", {"a": 3, "b": 4})
    return ["explain", "--rubric", "standar-pelayanan-2009", "--evidence", str(evidence)]


def explain_target_out_of_scale(tmp: Path) -> list[str]:
    return [
        *explain_without_unit(tmp),
        "--unit",
        "a",
        "--scheme",
        "ombudsman-2022",
        "--target",
        "250",
    ]


def score_without_evidence(tmp: Path) -> list[str]:
    del tmp
    return ["score", "--rubric", "standar-pelayanan-2009"]


def classify_level_without_year(tmp: Path) -> list[str]:
    del tmp
    return ["classify", "--scheme", "ombudsman-2016", "--level", "kota", "50"]


def survey_without_file(tmp: Path) -> list[str]:
    return ["survey", "--rubric", "skm-2017", "--evidence", str(tmp / "tidak-ada.csv")]


def survey_bad_population(tmp: Path) -> list[str]:
    del tmp
    survey = EXAMPLES / "skm-survey-2024.csv"
    return ["survey", "--rubric", "skm-2017", "--evidence", str(survey), "--population", "0"]


def audit_without_file(tmp: Path) -> list[str]:
    return ["audit", str(tmp / "tidak-ada.yaml")]


def bad_history(tmp: Path) -> list[str]:
    path = tmp / "riwayat.csv"
    path.write_text(
        "unit,name,level,year,score,zone\nk,K,kota,20x5,52.00,merah\nk,K,kota,2016,,merah\n",
        encoding="utf-8",
    )
    return ["history", str(path)]


def bad_targets(tmp: Path) -> list[str]:
    targets = tmp / "target.csv"
    targets.write_text(
        "unit,period,target,target_band,siapa\nu1,2024,80,B,\nu1,,70,,\n", encoding="utf-8"
    )
    evidence = checklist(tmp / "bukti.csv", {"u1": 3})
    return [*_score("--evidence", evidence), "--targets", str(targets), "--period", "2024"]


def bad_limit(tmp: Path) -> list[str]:
    del tmp
    return ["--limit", "max_rows=banyak", "rubrics", "list"]


def bad_award_rule(tmp: Path) -> list[str]:
    evidence = checklist(tmp / "bukti.csv", {"a": 3, "b": 4})
    return [
        "rank",
        "--rubric",
        "standar-pelayanan-2009",
        "--evidence",
        str(evidence),
        "--award",
        "terbaik",
    ]


def _document(path: Path, schema: str, text: str) -> Path:
    header = f"$schema: https://schemas.pelayanan.invalid/v1/{schema}.json\n"
    path.write_text(header + text, encoding="utf-8")
    return path


def bad_zone_scheme_file(tmp: Path) -> list[str]:
    # a zone id used twice, a hole below the first band, an undeclared zone, a bound finer
    # than the rounding, overlapping bands and a band code used twice
    scheme = """\
id: contoh-zona
version: "1"
title: {id: Zona contoh, en: Example zones}
minimum: "0"
maximum: "100"
rounding: {places: 2, mode: half_up}
zones:
  - {id: merah, label: {id: Merah, en: Red}, colour: "#c62828"}
  - {id: merah, label: {id: Merah lagi, en: Red again}, colour: "#c62828"}
  - {id: hijau, label: {id: Hijau, en: Green}, colour: "#2e7d32"}
bands:
  - {lower: "10.00", code: C, label: {id: C, en: C}, zone: merah}
  - {lower: "50.00", code: B, label: {id: B, en: B}, zone: biru}
  - {lower: "40.005", code: B, label: {id: A, en: A}, zone: hijau}
"""
    return ["rubrics", "validate", str(_document(tmp / "zona.yaml", "zone-scheme", scheme))]


def bad_rubric_references(tmp: Path) -> list[str]:
    # an unknown zone scheme (with a suggestion), a default outside the choices and an
    # unknown scale
    rubric = """\
id: contoh-rubrik
version: "1"
title: {id: Rubrik contoh, en: Example rubric}
scoring: {model: flat_unweighted, options: {minimum: 0, maximum: 100}}
zone_scheme: ombudsman-2023
parameters:
  - {id: bobot, default: x, choices: {rendah: "1"}}
children:
  - {id: a, title: {id: A, en: A}, scale: skala_x}
"""
    return ["rubrics", "validate", str(_document(tmp / "rubrik.yaml", "rubric", rubric))]


def bad_rubric_tree(tmp: Path) -> list[str]:
    # an id used twice, a shared alias, a parameter declared twice, a weight naming an
    # undeclared parameter (misspelt), levels that do not rise and weights that do not add up
    rubric = """\
id: contoh-rubrik
version: "1"
title: {id: Rubrik contoh, en: Example rubric}
scoring: {model: weighted_mean, options: {minimum: 0, maximum: 100}}
parameters:
  - {id: bobot, default: rendah, choices: {rendah: "1", tinggi: "2"}}
  - {id: bobot, default: rendah, choices: {rendah: "1"}}
scales:
  tingkat:
    type: ordinal
    levels:
      - {value: 2, label: {id: Dua, en: Two}}
      - {value: 1, label: {id: Satu, en: One}}
weights_sum: {to: 10}
children:
  - {id: a, title: {id: A, en: A}, aliases: [x1]}
  - {id: b, title: {id: B, en: B}, aliases: [X1], weight: {param: bobott}}
  - {id: a, title: {id: A lagi, en: A again}}
"""
    return ["rubrics", "validate", str(_document(tmp / "rubrik.yaml", "rubric", rubric))]


def bad_units_document(tmp: Path) -> list[str]:
    # a unit id used twice, a misspelt parent and a cycle of parents
    units = tmp / "unit.yaml"
    units.write_text(
        "units:\n"
        "  - {id: kota, name: Kota}\n"
        "  - {id: kota, name: Kota lagi}\n"
        "  - {id: dinas, name: Dinas, parent: kotta}\n"
        "  - {id: x, name: X, parent: y}\n"
        "  - {id: y, name: Y, parent: x}\n",
        encoding="utf-8",
    )
    return _score("--evidence", checklist(tmp / "bukti.csv", {"kota": 3}), "--units", units)


def bad_evidence_document(tmp: Path) -> list[str]:
    # an item with a value and a not-applicable mark, one with neither, an undeclared unit,
    # a unit with units below it, a group and a misspelt indicator named as indicators
    evidence = """\
units:
  - {id: kota, name: Kota}
  - {id: dinas, name: Dinas, parent: kota}
evidence:
  - {unit: dinas, indicator: persyaratan, value: ya, not_applicable: true}
  - {unit: dinas, indicator: prosedur}
  - {unit: desa, indicator: waktu, value: ya}
  - {unit: kota, indicator: biaya, value: ya}
  - {unit: dinas, indicator: penyampaian_pelayanan, value: ya}
  - {unit: dinas, indicator: produkk, value: ya}
"""
    return _score("--evidence", str(_document(tmp / "bukti.yaml", "evidence", evidence)))


def bad_document_shapes(tmp: Path) -> list[str]:
    # the schema's words: missing keys, an unknown key with a suggestion, a wrong type, a
    # value outside an enumeration, too few items and an id of the wrong form
    scheme = """\
id: " x"
version: 1
titel: {id: Zona, en: Zones}
minimum: benar
bands: 3
"""
    rubric = """\
id: r
version: "1"
title: R
scoring: {model: weighted_mean}
children:
  - {id: a, title: A, scale: {type: likert}}
  - {id: b, title: B, scale: {type: ordinal, levels: [{value: 1, label: X}]}}
"""
    return [
        "rubrics",
        "validate",
        str(_document(tmp / "zona.yaml", "zone-scheme", scheme)),
        str(_document(tmp / "rubrik.yaml", "rubric", rubric)),
    ]


def score_outside_the_scale(tmp: Path) -> list[str]:
    del tmp
    return ["classify", "--scheme", "ombudsman-2022", "120"]


def year_without_a_method(tmp: Path) -> list[str]:
    del tmp
    return ["classify", "--year", "2020", "60"]


def yes_no_value_off_the_scale(tmp: Path) -> list[str]:
    return _score("--evidence", _long(tmp / "bukti.csv", ["u1,persyaratan,mungkin"]))


def answer_off_the_scale(tmp: Path) -> list[str]:
    # an SKM answer of 7 on the 1-4 scale
    text = "evidence:\n  - {unit: a, indicator: persyaratan, value: 7}\n"
    evidence = _document(tmp / "survei.yaml", "evidence", text)
    return ["score", "--rubric", "skm-2017", "--evidence", str(evidence)]


def unknown_parameter(tmp: Path) -> list[str]:
    del tmp
    return ["score", "--rubric", "ombudsman-2022", "--param", "bobot=2"]


CASES: list[Make] = [
    missing_evidence_file,
    unknown_column,
    misspelt_indicator,
    bad_yes_no_and_empty_unit,
    missing_under_error_policy,
    title_row_above_the_header,
    unknown_reader,
    unknown_suffix,
    bad_units_file,
    evidence_for_a_unit_with_children,
    explain_without_unit,
    explain_target_out_of_scale,
    score_without_evidence,
    classify_level_without_year,
    survey_without_file,
    survey_bad_population,
    audit_without_file,
    bad_history,
    bad_targets,
    bad_limit,
    bad_award_rule,
    bad_zone_scheme_file,
    bad_rubric_references,
    bad_rubric_tree,
    bad_units_document,
    bad_evidence_document,
    bad_document_shapes,
    score_outside_the_scale,
    year_without_a_method,
    yes_no_value_off_the_scale,
    answer_off_the_scale,
    unknown_parameter,
]


def _english_fragments() -> list[str]:
    """The literal English pieces (between placeholders) of every catalogued message whose
    Indonesian differs, long enough not to be an id or a number."""
    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "pelayanan.po").open("rb") as stream:
        catalog = read_po(stream, locale="id")
    pieces: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            if text in strings:
                continue
            for piece in re.split(r"\{[a-z_]*(?:![rs])?\}", text):
                piece = piece.strip(" :;,.()'\"")
                if len(piece) >= 14 and " " in piece:
                    pieces.add(piece)
    return sorted(pieces)


FRAGMENTS = _english_fragments()


def _words(text: str, tmp: Path) -> set[str]:
    """The words of ``text`` outside file names, quoted values and options."""
    text = text.replace(str(tmp), "")
    text = re.sub(r"\b(kolom|column) ([A-Z]+) \([^)]*\)", r"\1 \2", text)  # a header name
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|--[a-z][a-z-]*|\S*/\S*|\S+\.(csv|yaml|json)", " ", text)
    return {word.lower() for word in re.findall(r"[A-Za-z_]+", text) if "_" not in word}


@pytest.mark.parametrize("make", CASES, ids=[case.__name__ for case in CASES])
def test_bad_input_messages_speak_the_chosen_language(make: Make, tmp_path: Path) -> None:
    argv = make(tmp_path)
    code_id, err_id = cli("--lang", "id", *argv)
    code_en, err_en = cli("--lang", "en", *argv)
    assert code_id == code_en != 0, (err_id, err_en)
    assert err_id.strip()
    assert err_id != err_en
    assert "Traceback" not in err_id
    leaked = [piece for piece in FRAGMENTS if piece in err_id]
    assert leaked == [], f"English messages shown to an Indonesian user:\n{err_id}"
    english = sorted(_words(err_id, tmp_path) & ENGLISH_WORDS)
    assert english == [], f"English words {english} in the Indonesian messages:\n{err_id}"
    assert _words(err_en, tmp_path) & ENGLISH_WORDS, err_en  # the English run is English


def _broken_plugins_listing(lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """``pelayanan --lang <lang> plugins`` with two broken plugins: one whose
    ``pelayanan_zone_schemes`` raises, one providing the built-in rubric ``skm-2017@2017``.
    A fresh registry each time: a problem's words are fixed when the registry loads."""
    from tests.plugins._helpers import module, providing, registry, rubric_data

    from pelayanan.plugins import Plugin, _registry

    def pelayanan_zone_schemes() -> list[object]:
        raise LookupError("tabel-hilang")

    broken = Plugin(module("rusak", pelayanan_zone_schemes=pelayanan_zone_schemes), "rusak")
    twin = providing("kembar", rubric_data("skm-2017", "2017"))
    found = registry(broken, twin, strict=False, builtin=True)
    monkeypatch.setitem(_registry._DEFAULTS, False, found)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--lang", lang, "plugins"], Console(out, err)) == 0
    return out.getvalue() + err.getvalue()


def test_a_broken_plugin_is_reported_in_the_chosen_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown_id = _broken_plugins_listing("id", monkeypatch)
    shown_en = _broken_plugins_listing("en", monkeypatch)
    assert "2 masalah:" in shown_id
    assert "plugin 'rusak' (bukan dari distribusi terpasang): pelayanan_zone_schemes: " in shown_id
    assert "memunculkan LookupError: tabel-hilang (di " in shown_id
    assert (
        "plugin 'kembar' (distribusi dist-kembar 1.0): menyediakan rubrik skm-2017@2017, "
        "yang sudah bawaan pelayanan; yang bawaan dipakai"
    ) in shown_id
    assert "PELAYANAN_REPLACES = ['pelayanan']" in shown_id  # code names stay as they are
    leaked = [piece for piece in FRAGMENTS if piece in shown_id]
    assert leaked == [], f"English messages shown to an Indonesian user:\n{shown_id}"
    assert "2 problems:" in shown_en
    assert (
        "plugin 'rusak' (not from an installed distribution): pelayanan_zone_schemes: "
        "raised LookupError: tabel-hilang (at "
    ) in shown_en
    assert (
        "plugin 'kembar' (distribution dist-kembar 1.0): provides rubric skm-2017@2017, "
        "which pelayanan has built in"
    ) in shown_en


def test_a_lookup_in_a_registry_with_broken_plugins_speaks_the_language_in_force() -> None:
    from tests.plugins._helpers import providing, registry

    from pelayanan import NotFoundError
    from pelayanan._i18n import use_language

    for lang, expected in (
        (
            "id",
            "tidak ada rubrik 'apa-saja' yang terdaftar; yang dikenal: tidak ada "
            "(1 masalah plugin: lihat registry.problems)",
        ),
        (
            "en",
            "no rubric 'apa-saja' is registered; known: none "
            "(1 plugin problem: see registry.problems)",
        ),
    ):
        with use_language(lang):
            found = registry(providing("x", 3), strict=False)  # 3 is not a rubric
            with pytest.raises(NotFoundError) as error:
                found.get_rubric("apa-saja")
        assert str(error.value) == expected
