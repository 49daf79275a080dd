"""The language of the command line: its choice, numbers both ways, decimal commas typed in,
"did you mean" suggestions, and machine formats that stay machine-readable.

Runs ``main(argv)`` in-process (fast); help goes to standard output through argparse.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console, parse_pairs
from pelayanan._i18n import (
    choose_language,
    decimal_text,
    did_you_mean,
    format_date,
    format_decimal,
    format_integer,
    language_from_locale,
    use_language,
)
from pelayanan._reports.figures import (
    fmt_change,
    fmt_number,
    fmt_points,
    fmt_score,
    machine_number,
)

from ._helpers import checklist


def cli(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], Console(out, err))
    return code, out.getvalue(), err.getvalue()


# --- the choice of language ---------------------------------------------------------------


def test_lang_flag_then_variable_then_locale_then_rubric_then_indonesian() -> None:
    env = {"PELAYANAN_LANG": "en", "LANG": "id_ID.UTF-8"}
    assert choose_language("id", env) == "id"  # --lang wins
    assert choose_language(None, env) == "en"  # then PELAYANAN_LANG
    assert choose_language(None, {"LANG": "en_GB.UTF-8"}, "id") == "en"  # then the locale
    assert choose_language(None, {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US"}) == "id"
    assert choose_language(None, {"LANG": "C.UTF-8"}, "en") == "en"  # then the rubric's
    assert choose_language(None, {"LANG": "fr_FR.UTF-8"}) == "id"  # then Indonesian
    assert language_from_locale({"LANGUAGE": "fr:en_US"}) == "en"
    assert language_from_locale({"LC_ALL": "C", "LANG": "en_US"}) is None  # LC_ALL decides
    with pytest.raises(ValueError, match="fr"):
        choose_language(None, {"PELAYANAN_LANG": "fr"})


def test_variable_and_locale_choose_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("classify", "--scheme", "ombudsman-2022", "83.19")
    assert "Kategori" in cli(*args)[1]
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Band" in cli(*args)[1]
    monkeypatch.setenv("PELAYANAN_LANG", "id")
    assert "Kategori" in cli(*args)[1]
    assert "Band" in cli("--lang", "en", *args)[1]  # the flag before the command counts too
    monkeypatch.setenv("PELAYANAN_LANG", "xx")
    code, _, err = cli(*args)
    assert code == 2
    assert "PELAYANAN_LANG=xx" in err


# --- numbers both ways ---------------------------------------------------------------------


def test_numbers_as_each_language_writes_them() -> None:
    assert format_decimal(Decimal("83.19"), 2, "id") == "83,19"
    assert format_decimal(Decimal("83.19"), 2, "en") == "83.19"
    assert format_integer(1234, "id") == "1.234"
    assert format_integer(1234, "en") == "1,234"
    assert format_decimal(Decimal("1234.5"), 2, "id") == "1.234,50"
    # half-up, decided on the exact value by the model's one rounding rule (reports round a
    # fraction with it before writing it): 2.675 -> 2.68 (a float would give 2.67)
    with use_language("en"):
        assert fmt_points(Fraction(2675, 1000)) == "2.68"
        # 80.994999... (30 places) is below 80.995: 80.99, as the model rounds it (a
        # 28-digit Decimal quotient of the fraction rounded it to 80.995, shown as 81.00)
        assert fmt_number(Fraction(80994999999999999999999999999999, 10**30)) == "80.99"
    assert format_date(datetime.date(2024, 6, 30), "id") == "30 Juni 2024"
    assert format_date(datetime.date(2024, 6, 30), "en") == "June 30, 2024"
    with use_language("id"):
        assert fmt_score(Decimal("78.50")) == "78,50"
        assert fmt_change(Decimal("-3.10")) == "-3,10"
    with use_language("en"):
        assert fmt_score(Decimal("78.50")) == "78.50"
        assert fmt_change(Decimal("18.75")) == "+18.75"


def test_machine_numbers_use_a_dot_and_no_fraction() -> None:
    assert machine_number(Decimal("100.00")) == "100.00"
    # 13112093/154000 = 85.14346103896... : ten places, half-up
    assert machine_number(Fraction(13112093, 154000)) == "85.1434610390"
    assert machine_number(Fraction(7, 8)) == "0.875"
    assert machine_number(None) == ""


def test_tables_in_indonesian_and_english_and_csv_for_machines(tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    rubric = ("--rubric", "standar-pelayanan-2009", "--evidence", evidence)
    # 10 of 14 components met: 100 x 10 / 14 = 71.428... -> 71.43
    assert "71,43" in cli("score", *rubric)[1]
    assert "71.43" in cli("score", *rubric, "--lang", "en")[1]
    code, out, _ = cli("score", *rubric, "--format", "csv")
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["score"] == "71.43"
    assert row["exact_score"] == "71.4285714286"  # 500/7 to ten places
    data = json.loads(cli("score", *rubric, "--format", "json")[1])
    assert data["cards"][0]["published"] == "71.43"


# --- decimal commas typed in -----------------------------------------------------------------


def test_decimal_comma_in_scores_and_parameters(tmp_path: Path) -> None:
    assert decimal_text("83,19") == "83.19"
    assert decimal_text("83.19") == "83.19"
    assert decimal_text("1,2,3") == "1,2,3"  # not a number: left for the model to reject
    assert parse_pairs(["weight=0,11"], "--param") == {"weight": "0,11"}
    assert parse_pairs(["a=1,b=2", "c=0,5"], "--x") == {"a": "1", "b": "2", "c": "0,5"}
    code, out, err = cli("classify", "--scheme", "ombudsman-2022", "--format", "json", "83,19")
    assert code == 0, err
    assert json.loads(out)[0]["score"] == "83.19"
    survey = tmp_path / "s.csv"
    survey.write_text("unit,persyaratan\na,4\na,3\n", encoding="utf-8")
    args = ("score", "--rubric", "skm-2017", "--evidence", survey, "--missing", "exclude")
    args = (*args, "--format", "json")
    comma = cli(*args, "--param", "weight=0,11")
    dot = cli(*args, "--param", "weight=0.11")
    assert comma[0] == dot[0] == 0, comma[2]
    assert json.loads(comma[1])["provenance"]["parameters"] == {"weight": "0.11"}


# --- suggestions ------------------------------------------------------------------------------


def test_did_you_mean_lists_the_valid_ids_when_few() -> None:
    with use_language("en"):
        found = did_you_mean("scroe", ["score", "rank"])
        assert found == "did you mean 'score'? valid: rank, score"
        assert did_you_mean("zzz", [str(i) for i in range(40)]) == ""
    with use_language("id"):
        assert did_you_mean("scroe", ["score"]).startswith("maksud Anda 'score'?")


def test_unknown_ids_are_suggested() -> None:
    code, _, err = cli("--lang", "en", "classify", "--scheme", "ombudsman-2017", "50")
    assert code == 1
    # 2017 lies in 2016-2019, which the ombudsman-2016 scheme declares it classifies
    assert "unknown zone scheme 'ombudsman-2017'; did you mean 'ombudsman-2016'?" in err
    code, _, err = cli("--lang", "en", "score", "--rubric", "ombudsman-2o22", "--evidence", "x")
    assert code == 1
    assert "did you mean 'ombudsman-2022'" in err
    assert "valid: ikm-2004," in err
    code, _, err = cli("--lang", "en", "score", "--rubric", "ombudsman-2017", "--evidence", "x")
    assert "the zone scheme for that year is 'ombudsman-2016'" in err


def test_misspelt_commands_options_and_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--lang", "en", "scroe")[0] == 2
    assert "did you mean 'score'?" in capsys.readouterr().err
    assert cli("--lang", "en", "score", "--rubric", "x", "--formt", "json")[0] == 2
    assert "--formt: did you mean --format?" in capsys.readouterr().err
    assert cli("--lang", "en", "score", "--rubric", "x", "--format", "jsn")[0] == 2
    assert "invalid choice: 'jsn'; did you mean 'json'?" in capsys.readouterr().err
    assert cli("--lang", "id", "score", "--rubric", "x", "--format", "jsn")[0] == 2
    assert "pilihan tidak valid: 'jsn'; maksud Anda 'json'?" in capsys.readouterr().err
