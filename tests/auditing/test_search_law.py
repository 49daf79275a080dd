"""The law behind the search: a report printed by any variant is explained.

Reports are generated from random answers and a random variant (weight, rounding chain,
half-up or truncation); their figures are printed the way reports print them (NRR with two
decimals, weighted NRR and index with four, the converted score with two or three). The audit
must call every such report consistent, with an explanation no less simple than the variant
that made it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pelayanan import audit
from pelayanan._auditing.variants import MODES, PLACES, Chain, Variant, Weight, compute, shown
from pelayanan.plugins import Registry

REGISTRY = Registry(strict=False)
INSTRUMENTS = {"skm-2017": (9, ["0.11", "0.111"]), "ikm-2004": (14, ["0.071"])}
STEP = st.sampled_from((None, *PLACES))


@st.composite
def printed_reports(draw: st.DrawFn) -> tuple[dict[str, Any], Variant]:
    instrument = draw(st.sampled_from(sorted(INSTRUMENTS)))
    count, usual = INSTRUMENTS[instrument]
    respondents = draw(st.integers(1, 60))
    totals = draw(
        st.lists(st.integers(respondents, 4 * respondents), min_size=count, max_size=count)
    )
    name = draw(st.sampled_from(["exact", *usual]))
    weight = Weight(name, Fraction(1, count) if name == "exact" else Fraction(name), 0)
    chain = Chain(draw(STEP), draw(STEP), draw(STEP), draw(st.sampled_from(MODES)))
    variant = Variant(weight, chain)
    base = [Fraction(total, respondents) for total in totals]
    computed = compute(base, variant, Fraction(25))
    mode = chain.mode
    report = {
        "instrument": instrument,
        "respondents": respondents,
        "element_totals": totals,
        "nrr": [shown(value, 2, mode) for value in base],
        "weighted_nrr": [shown(value, 4, mode) for value in computed.weighted],
        "index": shown(computed.index, 4, mode),
        "converted": shown(computed.converted, draw(st.sampled_from((2, 3))), mode),
    }
    return report, variant


@settings(max_examples=40, deadline=None)
@given(printed_reports())
def test_a_report_printed_by_any_variant_is_explained(case: tuple[dict[str, Any], Variant]) -> None:
    report, variant = case
    result = audit(report, registry=REGISTRY)
    assert result.verdict == "consistent", [f.message for f in result.findings]
    assert result.chain is not None
    assert (
        Variant(
            Weight(result.weight or "", Fraction(result.weight_value or "0"), 0), result.chain
        ).departures
        <= variant.departures
    )
    assert result.explained == result.checked
