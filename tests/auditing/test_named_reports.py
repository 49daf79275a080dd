"""The four reports the issue names: exact weights, 0.11, 0.071 with the index rounded to three
decimals before x25 (consistent, with the right variant named), and a report that states 0.111
while printing 100 for a perfect unit (inconsistent).

Every report has 10 respondents, so each NRR is its element total / 10 exactly and every
figure below can be checked by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pelayanan import audit

from ._helpers import run, run_json, write_report

# Nine SKM elements, 10 respondents: totals 36+35+34+37+33+38+35+36+34 = 318,
# so the NRRs are 3.60 3.50 3.40 3.70 3.30 3.80 3.50 3.60 3.40 and they sum to 31.8.
SKM_TOTALS = [36, 35, 34, 37, 33, 38, 35, 36, 34]
SKM_NRR = ["3.60", "3.50", "3.40", "3.70", "3.30", "3.80", "3.50", "3.60", "3.40"]

EXACT: dict[str, Any] = {
    "instrument": "skm-2017",
    "unit": "Dinas Contoh",
    "respondents": 10,
    "element_totals": SKM_TOTALS,
    "nrr": SKM_NRR,
    # NRR / 9: 3.6/9 = 0.4, 3.5/9 = 0.38888.. -> 0.3889, 3.4/9 = 0.37777.. -> 0.3778,
    # 3.7/9 = 0.41111.. -> 0.4111, 3.3/9 = 0.36666.. -> 0.3667, 3.8/9 = 0.42222.. -> 0.4222
    "weighted_nrr": [
        "0.4000",
        "0.3889",
        "0.3778",
        "0.4111",
        "0.3667",
        "0.4222",
        "0.3889",
        "0.4000",
        "0.3778",
    ],
    # 31.8 / 9 = 3.53333.. -> 3.5333; x25: 795/9 = 88.3333.. -> 88.33, which is A (>= 88.31).
    # 0.11 would give 31.8 x 0.11 = 3.498 -> 87.45 and 0.111 3.5298 -> 88.245 -> 88.25: not it.
    "index": "3.5333",
    "converted": "88.33",
    "category": "A",
}

ELEVEN: dict[str, Any] = {
    "instrument": "skm-2017",
    "unit": "Dinas Contoh",
    "respondents": 10,
    "element_totals": SKM_TOTALS,
    "nrr": SKM_NRR,
    "stated_weight": "0.11",
    # NRR x 0.11: 3.6 -> 0.396, 3.5 -> 0.385, 3.4 -> 0.374, 3.7 -> 0.407, 3.3 -> 0.363,
    # 3.8 -> 0.418 (exact in three decimals, printed with three)
    "weighted_nrr": [
        "0.396",
        "0.385",
        "0.374",
        "0.407",
        "0.363",
        "0.418",
        "0.385",
        "0.396",
        "0.374",
    ],
    # 31.8 x 0.11 = 3.498; x25 = 87.45, which is B (76.61-88.30); exact 1/9 would give 88.33.
    "index": "3.498",
    "converted": "87.45",
    "category": "B",
}

# Fourteen IKM elements, 10 respondents: totals sum to 439 (32+31+30+33+29+34+31+32+30+33+31+
# 30+32+31), NRRs 3.2 3.1 3.0 3.3 2.9 3.4 3.1 3.2 3.0 3.3 3.1 3.0 3.2 3.1 summing to 43.9.
IKM_TOTALS = [32, 31, 30, 33, 29, 34, 31, 32, 30, 33, 31, 30, 32, 31]
IKM_071: dict[str, Any] = {
    "instrument": "ikm-2004",
    "unit": "Kantor Contoh",
    "respondents": 10,
    "element_totals": IKM_TOTALS,
    "nrr": [f"{total / 10:.1f}" for total in IKM_TOTALS],
    # NRR x 0.071: 3.2 -> 0.2272, 3.1 -> 0.2201, 3.0 -> 0.2130, 3.3 -> 0.2343, 2.9 -> 0.2059,
    # 3.4 -> 0.2414
    "weighted_nrr": [
        "0.2272",
        "0.2201",
        "0.2130",
        "0.2343",
        "0.2059",
        "0.2414",
        "0.2201",
        "0.2272",
        "0.2130",
        "0.2343",
        "0.2201",
        "0.2130",
        "0.2272",
        "0.2201",
    ],
    # 43.9 x 0.071 = 3.1169, printed rounded to three decimals: 3.117.
    # 3.117 x 25 = 77.925 -> 77.93 (half-up); without that rounding 3.1169 x 25 = 77.9225 ->
    # 77.92, and exact 1/14 gives 43.9/14 x 25 = 78.39. 77.93 is B under 25/2004 (62.51-81.25).
    "index": "3.117",
    "converted": "77.93",
    "category": "B",
}

PERFECT_0111: dict[str, Any] = {
    "instrument": "skm-2017",
    "unit": "Puskesmas Contoh",
    "respondents": 10,
    "element_totals": [40] * 9,
    "nrr": ["4.00"] * 9,
    "stated_weight": "0.111",
    # Every answer 4: exact 9 x 4/9 = 4 -> x25 = 100. The stated 0.111 gives
    # 9 x 0.111 x 4 = 3.996 -> x25 = 99.90, not 100.
    "converted": "100",
    "category": "A",
}


def test_exact_weights_are_consistent_and_named(tmp_path: Path) -> None:
    result = audit(write_report(tmp_path / "r.yaml", EXACT))
    assert result.verdict == "consistent"
    assert result.weight == "exact"
    assert result.weight_value == "1/9"
    assert result.chain is not None
    assert result.chain.steps == 0
    assert result.checked == result.explained == 9 + 9 + 2  # NRRs, weighted NRRs, index, converted
    assert result.category == "A"
    assert result.exit_code == 0


def test_weight_011_is_consistent_and_named(tmp_path: Path) -> None:
    code, data = run_json("audit", write_report(tmp_path / "r.yaml", ELEVEN))
    assert code == 0
    assert data["verdict"] == "consistent"
    assert data["weight"] == "0.11"
    assert data["rounding"]["index"] is None
    assert data["rounding"]["mode"] == "half_up"
    assert data["converted"] == "87.45"
    assert data["category"] == "B"


@pytest.mark.usefixtures("english")
def test_weight_0071_with_index_rounded_to_three_decimals(tmp_path: Path) -> None:
    code, data = run_json("audit", write_report(tmp_path / "r.yaml", IKM_071))
    assert code == 0
    assert data["verdict"] == "consistent"
    assert data["weight"] == "0.071"
    assert data["rounding"] == {
        "nrr": None,
        "weighted_nrr": None,
        "index": 3,
        "converted": 2,
        "mode": "half_up",
        "text": "index rounded to 3 decimals before x25; half-up",
    }
    assert data["converted"] == "77.925"  # 3.117 x 25, before it is printed as 77.93


@pytest.mark.usefixtures("english")
def test_stating_0111_while_printing_100_for_a_perfect_unit_is_inconsistent(
    tmp_path: Path,
) -> None:
    code, data = run_json("audit", write_report(tmp_path / "r.yaml", PERFECT_0111))
    assert code == 3
    assert data["verdict"] == "inconsistent"
    assert data["weight"] == "exact"  # only 1/9 gives 100 without extra rounding
    (finding,) = [f for f in data["findings"] if f["severity"] == "inconsistency"]
    assert finding["kind"] == "stated-weight"
    assert finding["pointer"] == "/stated_weight"
    # 0.111 gives 99.90: printed minus that is +0.10.
    assert finding["candidates"] == [
        {
            "weight": "0.111",
            "rounding": "no rounding before the printed figures; half-up",
            "value": "99.90",
            "difference": "+0.10",
        }
    ]


@pytest.mark.usefixtures("english")
def test_text_output_names_the_variant_and_the_finding(tmp_path: Path) -> None:
    code, out, _ = run("audit", write_report(tmp_path / "r.yaml", PERFECT_0111))
    assert code == 3
    assert "inconsistent" in out.splitlines()[0]
    assert "explained by: weight exact (1/9)" in out
    assert "[stated weight] /stated_weight" in out
    assert "weight 0.111 (no rounding before the printed figures; half-up): 99.90" in out


@pytest.mark.usefixtures("english")
def test_the_documented_example_gives_the_documented_output() -> None:
    example = Path(__file__).resolve().parents[2] / "examples/data/audit/laporan-skm-contoh.yaml"
    docs = (Path(__file__).resolve().parents[2] / "docs/audit.md").read_text()
    code, out, _ = run("audit", example)
    assert code == 3
    body = out.split("\n", 1)[1].strip()  # the first line names the path as given
    assert body in docs
