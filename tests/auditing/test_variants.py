"""One constructed report per weight variant and per rounding step; each is audited and the
variant that explains it must be the one it was built with. The arithmetic is in comments.

Most reports reuse one SKM survey: 10 respondents, element totals 36 35 34 37 33 38 35 36 34
(sum 318), so the NRRs are 3.60 3.50 3.40 3.70 3.30 3.80 3.50 3.60 3.40 (sum 31.8).
"""

from __future__ import annotations

from typing import Any

import pytest

from pelayanan import audit
from pelayanan._auditing.variants import Chain, RoundingMode

SKM: dict[str, Any] = {
    "instrument": "skm-2017",
    "respondents": 10,
    "element_totals": [36, 35, 34, 37, 33, 38, 35, 36, 34],
    "nrr": ["3.60", "3.50", "3.40", "3.70", "3.30", "3.80", "3.50", "3.60", "3.40"],
}
# IKM: 14 elements, 10 respondents, totals summing to 439, NRRs summing to 43.9.
IKM_TOTALS = [32, 31, 30, 33, 29, 34, 31, 32, 30, 33, 31, 30, 32, 31]
IKM: dict[str, Any] = {
    "instrument": "ikm-2004",
    "respondents": 10,
    "element_totals": IKM_TOTALS,
    "nrr": [f"{total / 10:.2f}" for total in IKM_TOTALS],
}
# A survey whose NRRs do not terminate: 3 respondents, totals 10 and 11 alternating (five 10s,
# four 11s, sum 94): NRRs 10/3 = 3.3333.. and 11/3 = 3.6666.., summing to 94/3 = 31.3333..
THIRDS: dict[str, Any] = {
    "instrument": "skm-2017",
    "respondents": 3,
    "element_totals": [10, 11, 10, 11, 10, 11, 10, 11, 10],
    "nrr": ["3.33", "3.67", "3.33", "3.67", "3.33", "3.67", "3.33", "3.67", "3.33"],
}
HALF_UP, DOWN = RoundingMode.HALF_UP, RoundingMode.DOWN


def check(report: dict[str, Any], weight: str, chain: Chain) -> None:
    result = audit(report)
    assert result.verdict == "consistent", [f.message for f in result.findings]
    assert (result.weight, result.chain) == (weight, chain)
    assert result.explained == result.checked


# --------------------------------------------------------------------------- weights


def test_exact_weight_skm() -> None:
    # 31.8 / 9 = 3.5333.. -> 3.5333; x25 = 88.333.. -> 88.33
    check({**SKM, "index": "3.5333", "converted": "88.33"}, "exact", Chain())


def test_exact_weight_ikm() -> None:
    # 43.9 / 14 = 3.135714.. -> 3.1357; x25 = 78.392857.. -> 78.39
    check({**IKM, "index": "3.1357", "converted": "78.39"}, "exact", Chain())


def test_weight_011() -> None:
    # 31.8 x 0.11 = 3.498; x25 = 87.45
    check({**SKM, "index": "3.498", "converted": "87.45"}, "0.11", Chain())


def test_weight_0111() -> None:
    # 31.8 x 0.111 = 3.5298; x25 = 88.245 -> 88.25 (half-up)
    check({**SKM, "index": "3.5298", "converted": "88.25"}, "0.111", Chain())


def test_weight_0071() -> None:
    # 43.9 x 0.071 = 3.1169; x25 = 77.9225 -> 77.92
    check({**IKM, "index": "3.1169", "converted": "77.92"}, "0.071", Chain())


def test_a_stated_weight_none_of_the_known_ones() -> None:
    # 31.8 x 0.1111 = 3.53298 -> 3.5330; x25 = 88.3245 -> 88.32. No known weight gives that:
    # 1/9 gives 88.33, 0.111 88.25.
    report = {**SKM, "stated_weight": "0.1111", "index": "3.5330", "converted": "88.32"}
    check(report, "0.1111", Chain())


def test_a_stated_exact_weight_as_a_fraction() -> None:
    check({**SKM, "stated_weight": "1/9", "converted": "88.33"}, "exact", Chain())


# --------------------------------------------------------------------------- rounding steps


def test_nrr_rounded_to_2_decimals_before_weighting() -> None:
    # 3.33 x 5 + 3.67 x 4 = 16.65 + 14.68 = 31.33; / 9 = 3.48111.. -> 3.4811;
    # x25 = 87.0277.. -> 87.03. Unrounded NRRs give 94/27 = 3.481481.. -> 3.4815 and 87.04.
    check({**THIRDS, "index": "3.4811", "converted": "87.03"}, "exact", Chain(nrr=2))


def test_nrr_rounded_to_3_decimals_before_weighting() -> None:
    # 3.333 x 5 + 3.667 x 4 = 16.665 + 14.668 = 31.333; / 9 = 3.481444.. -> 3.4814 (unrounded:
    # 3.4815); x25 = 87.0361.. -> 87.04.
    check({**THIRDS, "index": "3.4814", "converted": "87.04"}, "exact", Chain(nrr=3))


def test_nrr_rounded_to_4_decimals_before_weighting() -> None:
    # 3.3333 x 5 + 3.6667 x 4 = 16.6665 + 14.6668 = 31.3333; / 9 = 3.4814777.. -> 3.481478
    # to six decimals (unrounded: 94/27 = 3.4814814.. -> 3.481481).
    check({**THIRDS, "index": "3.481478", "converted": "87.04"}, "exact", Chain(nrr=4))


def test_weighted_nrr_rounded_to_3_decimals() -> None:
    # NRR / 9 to three decimals: 0.400 0.389 0.378 0.411 0.367 0.422 0.389 0.400 0.378, sum
    # 3.534; x25 = 88.35 (unrounded: 88.33).
    weighted = ["0.400", "0.389", "0.378", "0.411", "0.367", "0.422", "0.389", "0.400", "0.378"]
    report = {**SKM, "weighted_nrr": weighted, "index": "3.534", "converted": "88.35"}
    check(report, "exact", Chain(weighted=3))


def test_weighted_nrr_rounded_to_4_decimals() -> None:
    # 0.4000 0.3889 0.3778 0.4111 0.3667 0.4222 0.3889 0.4000 0.3778, sum 3.5334;
    # x25 = 88.335 -> 88.34 (unrounded: 88.33).
    weighted = [
        "0.4000", "0.3889", "0.3778", "0.4111", "0.3667", "0.4222", "0.3889", "0.4000", "0.3778"
    ]  # fmt: skip
    report = {**SKM, "weighted_nrr": weighted, "index": "3.5334", "converted": "88.34"}
    check(report, "exact", Chain(weighted=4))


def test_index_rounded_to_2_decimals_before_the_conversion() -> None:
    # 3.5333.. -> 3.53; x25 = 88.25, category B (unrounded: 88.33, A). The weighted NRRs
    # (NRR / 9 to four decimals: 3.60 / 9 = 0.4000, 3.50 / 9 = 0.3889, ...) rule out 0.111,
    # which would give 3.5298 -> 3.53 and 88.245 -> 88.25 too.
    weighted = [
        "0.4000", "0.3889", "0.3778", "0.4111", "0.3667", "0.4222", "0.3889", "0.4000", "0.3778"
    ]  # fmt: skip
    report = {
        **SKM,
        "weighted_nrr": weighted,
        "index": "3.53",
        "converted": "88.25",
        "category": "B",
    }
    check(report, "exact", Chain(index=2))


def test_index_rounded_to_3_decimals_and_converted_printed_with_3() -> None:
    # 3.5333.. -> 3.533; x25 = 88.325, printed with three decimals (unrounded: 88.333).
    check({**SKM, "index": "3.533", "converted": "88.325"}, "exact", Chain(index=3))


def test_index_rounded_to_4_decimals_before_the_conversion() -> None:
    # 94/27 = 3.481481.. -> 3.4815; x25 = 87.0375, printed 87.038 (unrounded: 87.037037.. ->
    # 87.037).
    check({**THIRDS, "converted": "87.038"}, "exact", Chain(index=4))


def test_converted_printed_with_3_decimals() -> None:
    # 795/9 = 88.3333.. -> 88.333
    check({**SKM, "converted": "88.333"}, "exact", Chain())


def test_truncation() -> None:
    # 31.8 x 0.111 = 3.5298; x25 = 88.245, truncated to 88.24 (half-up would print 88.25).
    check({**SKM, "index": "3.5298", "converted": "88.24"}, "0.111", Chain(mode=DOWN))


def test_a_printed_integer_is_read_with_two_decimals() -> None:
    # A perfect unit: 9 x 4/9 = 4, x25 = 100. "100" is compared as 100.00, so 0.111 (99.90)
    # is not taken for it.
    report = {"instrument": "skm-2017", "nrr": ["4.00"] * 9, "converted": "100"}
    check(report, "exact", Chain())


def test_totals_recovered_from_the_respondent_count() -> None:
    # No totals: with 3 respondents, 3.3333 can only be 10/3 and 3.6667 only 11/3, so the exact
    # NRRs are recovered: 94/27 = 3.481481.. -> 3.4815, x25 = 87.04.
    report = {
        "instrument": "skm-2017",
        "respondents": 3,
        "nrr": ["3.3333", "3.6667"] * 4 + ["3.3333"],
        "index": "3.4815",
        "converted": "87.04",
    }
    result = audit(report)
    assert (result.verdict, result.weight, result.chain) == ("consistent", "exact", Chain())
    assert [f.kind for f in result.findings] == ["source"]


@pytest.mark.parametrize("mode", [HALF_UP, DOWN])
def test_the_search_is_exact_not_float(mode: RoundingMode) -> None:
    from fractions import Fraction

    from pelayanan._auditing.variants import round_to

    # 2.675 is 2.67499999.. as a float; exactly it is a tie, half-up to 2.68.
    expected = Fraction(268, 100) if mode is HALF_UP else Fraction(267, 100)
    assert round_to(Fraction(2675, 1000), 2, mode) == expected
