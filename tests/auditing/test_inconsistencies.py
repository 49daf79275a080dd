"""One constructed report per kind of inconsistency, plus undetermined and the notes.

The SKM survey of test_variants: 10 respondents, totals 36 35 34 37 33 38 35 36 34 (sum 318),
NRRs 3.60 3.50 3.40 3.70 3.30 3.80 3.50 3.60 3.40 (sum 31.8); exact weight: index 3.5333..,
converted 88.33.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pelayanan import audit

from ._helpers import run_json, write_report

NRR = ["3.60", "3.50", "3.40", "3.70", "3.30", "3.80", "3.50", "3.60", "3.40"]
SKM: dict[str, Any] = {
    "instrument": "skm-2017",
    "respondents": 10,
    "element_totals": [36, 35, 34, 37, 33, 38, 35, 36, 34],
    "nrr": NRR,
}


def inconsistencies(report: dict[str, Any]) -> list[Any]:
    result = audit(report)
    assert result.verdict == "inconsistent"
    assert result.exit_code == 3
    return [f for f in result.findings if f.severity == "inconsistency"]


def test_a_figure_no_variant_reproduces() -> None:
    # 88.43 is none of: exact 88.33 (difference +0.10), 0.11 87.45 (+0.98), 0.111 88.245 ->
    # 88.25 (+0.18), 0.071 31.8 x 0.071 x 25 = 56.445 -> 56.45 (+31.98).
    (finding,) = inconsistencies({**SKM, "index": "3.5333", "converted": "88.43"})
    assert (finding.kind, finding.pointer) == ("unexplained", "/converted")
    assert [(c.weight, c.value, c.difference) for c in finding.candidates] == [
        ("exact", "88.33", "+0.10"),
        ("0.11", "87.45", "+0.98"),
        ("0.111", "88.25", "+0.18"),
        ("0.071", "56.45", "+31.98"),
    ]


@pytest.mark.usefixtures("english")
def test_figures_that_follow_two_different_variants() -> None:
    # The index 3.498 is 31.8 x 0.11, the converted 88.33 is 31.8 / 9 x 25: each figure has a
    # variant, no variant has both. The simplest that explains most (the exact weight, which
    # explains the NRRs and the converted score) is kept and the index is named.
    (finding,) = inconsistencies({**SKM, "index": "3.498", "converted": "88.33"})
    assert (finding.kind, finding.pointer) == ("unexplained", "/index")
    assert "reproduced only by variants that contradict other printed figures" in finding.message
    # Shown with the printed three decimals: 1/9 gives 3.533 (3.498 - 3.533 = -0.035), 0.11
    # gives the printed 3.498 (but 87.45 for the converted score).
    found = [(c.weight, c.value, c.difference) for c in finding.candidates]
    assert found[:2] == [("exact", "3.533", "-0.035"), ("0.11", "3.498", "+0.000")]


def test_an_nrr_that_is_not_the_total_over_the_respondents() -> None:
    # 36 / 10 = 3.60, printed 3.70.
    (finding,) = inconsistencies({**SKM, "nrr": ["3.70", *NRR[1:]], "converted": "88.33"})
    assert (finding.kind, finding.pointer, finding.printed) == ("nrr", "/nrr/0", "3.70")
    (candidate,) = finding.candidates
    assert (candidate.value, candidate.difference) == ("3.60", "+0.10")


@pytest.mark.usefixtures("english")
def test_a_category_from_the_other_regime() -> None:
    # 25 respondents, every element total 82: NRR 3.28, index 9 x 3.28 / 9 = 3.28, converted
    # 82.00. Under 14/2017 82.00 is B (76.61-88.30); the report prints A, which is 25/2004's
    # grade (81.26-100).
    report = {
        "instrument": "skm-2017",
        "respondents": 25,
        "element_totals": [82] * 9,
        "nrr": ["3.28"] * 9,
        "index": "3.28",
        "converted": "82.00",
        "category": "A",
    }
    (finding,) = inconsistencies(report)
    assert finding.kind == "category"
    assert "the table of skm-2017 gives B" in finding.message
    assert "A is what the table of ikm-2004 gives" in finding.message


@pytest.mark.usefixtures("english")
def test_a_category_from_the_other_regime_the_other_way() -> None:
    # The same for IKM: 14 elements of total 82 over 25 respondents, 14 x 3.28 / 14 x 25 =
    # 82.00, which is A under 25/2004; the report prints 14/2017's B.
    report = {
        "instrument": "ikm-2004",
        "respondents": 25,
        "element_totals": [82] * 14,
        "nrr": ["3.28"] * 14,
        "converted": "82.00",
        "category": "B",
    }
    (finding,) = inconsistencies(report)
    assert "the table of ikm-2004 gives A" in finding.message
    assert "B is what the table of skm-2017 gives" in finding.message


def test_a_category_no_table_gives() -> None:
    # 88.33 is A under 14/2017 and A under 25/2004; C fits neither.
    (finding,) = inconsistencies({**SKM, "converted": "88.33", "category": "C"})
    assert finding.kind == "category"
    assert "another regime" not in finding.message


def test_a_stated_weight_the_figures_contradict() -> None:
    # States 0.11, prints 3.5333 and 88.33, which are 1/9's; 0.11 gives 3.498 and 87.45.
    (finding,) = inconsistencies(
        {**SKM, "stated_weight": "0.11", "index": "3.5333", "converted": "88.33"}
    )
    assert (finding.kind, finding.pointer) == ("stated-weight", "/stated_weight")
    assert [(c.value, c.difference) for c in finding.candidates] == [
        ("3.4980", "+0.0353"),
        ("87.45", "+0.88"),
    ]


def test_an_nrr_outside_the_answer_scale() -> None:
    # No answer is above 4, so no average is.
    found = inconsistencies({"instrument": "skm-2017", "nrr": ["4.20", *NRR[1:]]})
    assert [(f.kind, f.pointer) for f in found] == [("out-of-scale", "/nrr/0")]


def test_a_total_no_answers_can_give() -> None:
    # 10 respondents answering 1-4 give a total from 10 to 40; 41 cannot be.
    report = {**SKM, "element_totals": [41, *SKM["element_totals"][1:]]}
    found = inconsistencies(report)
    assert ("out-of-scale", "/element_totals/0") in [(f.kind, f.pointer) for f in found]


def test_too_few_figures_is_undetermined(tmp_path: Path) -> None:
    # Only NRRs: nothing tells the weights apart.
    code, data = run_json("audit", write_report(tmp_path / "r.yaml", SKM))
    assert code == 3
    assert data["verdict"] == "undetermined"
    assert data["weight"] is None


def test_a_substituted_element_is_noted_and_stays_consistent() -> None:
    elements = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku"]
    report = {**SKM, "elements": [*elements, "keamanan", "sarana"], "converted": "88.33"}
    result = audit(report)
    assert result.verdict == "consistent"
    assert [(f.kind, f.pointer) for f in result.findings] == [("substitution", "/elements/7")]


def test_audits_without_a_registry_share_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugins are found and the registry built once, however many reports are audited
    (each call built a registry of its own, discovering the entry points again)."""
    from pelayanan.plugins import _build, _registry

    built: list[object] = []
    real = _build.build

    def counting(**options: Any) -> Any:
        built.append(options)
        return real(**options)

    monkeypatch.setattr(_build, "build", counting)
    monkeypatch.setattr(_registry, "_DEFAULTS", {})  # no registry made yet in this process
    first = audit({**SKM, "index": "3.5333", "converted": "88.33"})
    second = audit({**SKM, "index": "3.5333", "converted": "88.43"})
    assert (first.verdict, second.verdict) == ("consistent", "inconsistent")
    assert len(built) == 1
    assert built[0]["strict"] is False  # the lenient one, as the command line's
