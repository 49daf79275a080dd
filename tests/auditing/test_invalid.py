"""Bad published-report documents: every problem with file, pointer and line; exit code 1.
A wrong command line is exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelayanan import DocumentError, audit

from ._helpers import SCHEMA, run


def test_every_problem_is_reported_with_its_pointer_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"$schema: {SCHEMA}\n"
        "instrument: skm-2017\n"
        "respondents: 0\n"  # line 3: must be at least 1
        "nrr: [3.5, abc]\n"  # line 4: 'abc' is no figure
        "weighted_nrr: [0.38]\n"  # line 5: one item for two NRRs
        "colour: red\n"  # line 6: no such field
    )
    with pytest.raises(DocumentError) as caught:
        audit(path)
    found = {(p.pointer, p.line) for p in caught.value.problems}
    assert ("/respondents", 3) in found
    assert ("/nrr/1", 4) in found
    assert ("/weighted_nrr", 5) in found
    assert any(p.line == 6 and "colour" in p.message for p in caught.value.problems)
    assert all(p.source == str(path) for p in caught.value.problems)


def test_too_many_digits_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(f"instrument: skm-2017\nnrr: [{'1' * 40}]\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert f"{path}:2:" in err
    assert "/nrr/0" in err


@pytest.mark.usefixtures("english")
def test_an_unknown_instrument_names_the_survey_rubrics(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("instrument: skm-1999\nnrr: [3.5]\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert f"{path}:1:1: /instrument: unknown instrument 'skm-1999'" in err
    assert "ikm-2004, skm-2017" in err


@pytest.mark.usefixtures("english")
def test_a_rubric_that_is_not_a_survey_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("instrument: ombudsman-2022\nnrr: [3.5]\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert "not as a survey index" in err


@pytest.mark.usefixtures("english")
def test_the_nrr_count_must_match_the_elements(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("instrument: skm-2017\nnrr: [3.5, 3.6]\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert "/nrr: expected 9 NRRs, one per element of skm-2017@2017, got 2" in err


@pytest.mark.usefixtures("english")  # the message is translated
def test_another_kind_of_document_is_named(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("$schema: https://schemas.pelayanan.invalid/v1/rubric.json\nid: x\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert "this is a rubric document, not a published-report" in err


def test_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    code, _, err = run("audit", tmp_path / "none.yaml")
    assert code == 1
    assert "berkas tidak ditemukan" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("audit")[0] == 2
    assert run("audit", tmp_path / "r.yaml", "--format", "xml")[0] == 2


@pytest.mark.usefixtures("english")
def test_totals_without_respondents_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("instrument: skm-2017\nnrr: [3.5]\nelement_totals: [35]\n")
    code, _, err = run("audit", path)
    assert code == 1
    assert f"{path}:3:1: /element_totals: element totals need the respondent count" in err


@pytest.mark.usefixtures("english")
def test_figures_are_decimals_as_printed_of_zero_or_more(tmp_path: Path) -> None:
    # The schema lets a number of any sign and a fraction's text through; the figures' own
    # rule refuses them, each at its place, in one pass (the stated weight may be a fraction).
    path = tmp_path / "r.yaml"
    path.write_text(
        "instrument: skm-2017\n"
        "nrr: [3.5, -1.25]\n"  # line 2
        "weighted_nrr: ['1/3', 0.38]\n"  # line 3
        "index: 3.5\n"
        "stated_weight: 0\n"  # line 5
    )
    with pytest.raises(DocumentError) as caught:
        audit(path)
    assert {(p.pointer, p.line, p.message) for p in caught.value.problems} == {
        ("/nrr/1", 2, "expected a figure of 0 or more, got -1.25"),
        ("/weighted_nrr/0", 3, "expected a decimal as printed, got the fraction 1/3"),
        ("/stated_weight", 5, "expected a positive weight, got 0"),
    }
    path.write_text("instrument: skm-2017\nnrr: [3.5]\nstated_weight: 1/9\n")
    with pytest.raises(DocumentError, match="expected 9 NRRs"):  # the fraction was accepted
        audit(path)
