"""How long does finishing take: scoring units exactly from reduced statistics?

Every engine ends in the same *finish* step (:func:`pelayanan._scoring.engine.finish`): the
missing-evidence policy, the scoring model, the breakdown, rounding and zones, per unit. This
script times it alone for the built-in ``skm-2017`` rubric, against a baseline measured in
the same run: a plain loop that computes the same SKM index per unit with exact
:class:`~fractions.Fraction` s and rounds it half-up to two decimals (no breakdown, no
coverage, no zone, no score card).

The statistics are made up with a fixed seed (``--units``, default 20,000, the benchmark's
units; about ``--respondents`` per unit, default 500, each answering every element 1-4),
or, with ``--parquet DIR``, reduced from the Parquet set of ``benchmarks/batch.py`` by the
duckdb engine (not timed). Each timing is the CPU time of the best of ``--repeat`` runs
(default 3), each with a freshly prepared rubric so that nothing is kept from an earlier
run. It prints the times per unit and the ratio of finishing to the baseline, and checks
that both give the same published scores. Nothing is asserted about time. Usage::

    python benchmarks/finish.py [--units N] [--respondents N] [--repeat N] [--parquet DIR]
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from pelayanan._batch import id_ordered
from pelayanan._model.results import Assessment
from pelayanan._scoring.engine import Prepared, finish, prepare
from pelayanan._scoring.stats import IndicatorStats, Reduction
from pelayanan.plugins import get_registry

_T = TypeVar("_T")

ELEMENTS = tuple(indicator.id for indicator in get_registry().get_rubric("skm-2017").indicators())
"""The nine SKM elements, as the rubric names them."""


def _prepared() -> Prepared:
    registry = get_registry()
    rubric = registry.get_rubric("skm-2017")
    return prepare(rubric, zone_scheme=registry.get_zone_scheme(rubric.zone_scheme))


def made_up(units: int, respondents: int) -> Reduction:
    """Statistics as a survey of about ``respondents`` per unit answering 1-4 would give."""
    rng = random.Random(2017)
    reduction = Reduction()
    for n in range(units):
        unit = f"unit-{n:06d}"
        count = max(1, round(rng.gauss(respondents, math.sqrt(respondents))))
        reduction.units[unit] = None
        for element in ELEMENTS:
            # A sum of `count` answers, uniform on 1..4: mean 2.5 and variance 1.25 each.
            total = round(rng.gauss(2.5 * count, math.sqrt(1.25 * count)))
            total = min(4 * count, max(count, total))
            reduction.stats[(unit, element)] = IndicatorStats(count=count, total=Fraction(total))
        reduction.count += len(ELEMENTS) * count
    return reduction


def from_parquet(directory: str) -> Reduction:
    """The duckdb engine's reduction of the Parquet set written by ``benchmarks/batch.py``."""
    from pelayanan._batch import check_reads, expand_paths, reduce_paths
    from pelayanan._readers.stream import ReadOptions

    headers = [f"U{i}" for i in range(1, 10)]
    options = ReadOptions(
        rubric=_prepared().rubric,
        units=None,
        columns=dict(zip(headers, ELEMENTS, strict=True)),
        unit=None,
        layout="auto",
        skip_bad_rows=False,
        max_problems=1000,
    )
    return check_reads(reduce_paths(expand_paths([directory]), options, "duckdb", scheduler=None))


def plain_loop(reduction: Reduction) -> dict[str, Decimal]:
    """The SKM index per unit: ``25 x sum(1/9 x T_i / C_i)`` (the rubric's default weight),
    exact, rounded half-up to two decimals."""
    weight = Fraction(25) * Fraction(1, 9)
    stats = reduction.stats
    published: dict[str, Decimal] = {}
    for unit in reduction.units:
        index = Fraction(0)
        for element in ELEMENTS:
            found = stats[(unit, element)]
            index += weight * found.total / found.count
        whole, rest = divmod(index.numerator * 100, index.denominator)
        published[unit] = Decimal(whole + (2 * rest >= index.denominator)).scaleb(-2)
    return published


def pelayanan_finish(reduction: Reduction) -> Assessment:
    """Score every unit of ``reduction`` with a freshly prepared ``skm-2017``."""
    return finish(_prepared(), reduction, id_ordered(None, reduction))


def best(repeat: int, run: Callable[[], _T]) -> tuple[float, _T]:
    """The least CPU time of ``repeat`` runs, and the last run's result."""
    times = []
    for _ in range(repeat):
        result = None  # the previous result is freed before, not during, the next run
        start = time.process_time()
        result = run()
        times.append(time.process_time() - start)
    assert result is not None
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parquet", help="reduce this Parquet set instead of made-up data")
    args = parser.parse_args()
    if args.parquet:
        reduction = from_parquet(args.parquet)
        source = f"the duckdb engine's reduction of {args.parquet}"
    else:
        reduction = made_up(args.units, args.respondents)
        source = f"made-up statistics, about {args.respondents} respondents per unit"
    units = len(reduction.units)
    baseline, expected = best(args.repeat, lambda: plain_loop(reduction))
    finishing, assessment = best(args.repeat, lambda: pelayanan_finish(reduction))
    rows, table = best(args.repeat, assessment.rows)
    same = {card.unit_id: card.published for card in assessment.cards} == expected
    print(f"finishing {units:,} SKM units (skm-2017, 9 elements) from {source}")
    print(f"best CPU time of {args.repeat} runs each:")
    for name, seconds in (
        ("plain exact-Fraction loop (index only)", baseline),
        ("pelayanan finish (cards, breakdowns, zones)", finishing),
        ("Assessment.rows()", rows),
    ):
        print(f"  {name:45} {seconds:7.3f} s  {seconds / units * 1e6:6.1f} us/unit")
    print(f"finish / plain loop: {finishing / baseline:.2f}x the loop's time")
    print(f"same published scores as the loop: {'yes' if same else 'NO'} ({len(table)} rows)")


if __name__ == "__main__":
    main()
