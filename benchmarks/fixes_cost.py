"""How much more than scoring does planning fixes cost?

An agency of the fictional Kota Contoh with ``--products`` service products (default 20) is
assessed under the built-in ``ombudsman-2022`` rubric: every indicator of every product gets
one evidence item with a value drawn (with a fixed seed) from its scale. The script times
scoring the agency once and :func:`pelayanan.plan_fixes` for it, each repeated
(``--repeat``, default 5, interleaved), and prints the medians and the ratio of planning to
scoring, both measured in this run. Nothing is asserted.

Usage::

    python benchmarks/fixes_cost.py [--products N] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction

from pelayanan import (
    BooleanScale,
    Evidence,
    NumericScale,
    OrdinalScale,
    Rubric,
    Unit,
    UnitTree,
    plan_fixes,
    score,
)
from pelayanan.plugins import get_registry


def _value(rubric: Rubric, indicator_id: str, rng: random.Random) -> object:
    scale = next(i for i in rubric.indicators() if i.id == indicator_id).scale
    if isinstance(scale, BooleanScale):
        return rng.random() < 0.6
    if isinstance(scale, OrdinalScale):
        return rng.choice([level.value for level in scale.levels])
    assert isinstance(scale, NumericScale)
    low, high = scale.minimum, scale.maximum
    return low + (high - low) * Fraction(rng.randint(40, 100), 100)


def case(products: int) -> tuple[Rubric, UnitTree, list[Evidence]]:
    """The rubric, an agency with ``products`` products, and one item per indicator each."""
    rubric = get_registry().get_rubric("ombudsman-2022")
    units = [Unit("kota", "Kota Contoh", "agency")]
    units += [Unit(f"p{n:02d}", f"Produk {n}", parent="kota") for n in range(products)]
    rng = random.Random(2022)
    evidence = [
        Evidence(unit.id, indicator.id, _value(rubric, indicator.id, rng))
        for unit in units[1:]
        for indicator in rubric.indicators()
    ]
    return rubric, UnitTree(units), evidence


def main() -> None:
    """Time scoring and planning, interleaved, and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20, help="products (default 20)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case (default 5)")
    args = parser.parse_args()
    rubric, tree, evidence = case(args.products)
    scheme = get_registry().get_zone_scheme("ombudsman-2022")
    cases: dict[str, Callable[[], object]] = {
        "score the agency": lambda: score(rubric, evidence, tree, zone_scheme=scheme),
        "plan_fixes for the agency": lambda: plan_fixes(
            rubric, evidence, "kota", tree, zone_scheme=scheme
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, run in cases.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["score the agency"]
    plan = plan_fixes(rubric, evidence, "kota", tree, zone_scheme=scheme)
    print(
        f"Python {sys.version.split()[0]}; ombudsman-2022, {args.products} products, "
        f"{len(evidence)} evidence items, {len(plan.candidates)} candidate fixes "
        f"(plan exact: {plan.exact}); {args.repeat} runs per case"
    )
    print(f"{'case':<30} {'median ms':>10} {'x scoring':>10}")
    for name, value in medians.items():
        print(f"{name:<30} {value * 1000:>10.1f} {value / baseline:>10.2f}")


if __name__ == "__main__":
    main()
