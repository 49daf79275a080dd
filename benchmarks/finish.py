"""How long does finishing take: scoring units exactly from reduced statistics?

Every engine ends in the same *finish* step (:func:`pelayanan._scoring.engine.finish`): the
missing-evidence policy, the scoring model, the breakdown, rounding and zones, per unit. This
script times it alone, against a baseline measured in the same run: a plain loop that
computes the same score per unit with exact :class:`~fractions.Fraction` s and rounds it
half-up to two decimals (no breakdown, no coverage, no zone, no score card). Two workloads:

* ``skm-2017``: the SKM index of ``--units`` units (default 20,000, the batch benchmark's
  units), about ``--respondents`` per unit (default 500) each answering every element 1-4;
* ``ombudsman-2022``: the four-dimension weighted mean of ``--long-units`` units (default
  1,000, as in the batch benchmark's long layout), each indicator observed ``--observations``
  times (default 70) with scores 0-3 (and 0-100 for the complaints figure).

The statistics are made up with a fixed seed or, with ``--parquet DIR``, the SKM ones are
reduced from the Parquet set of ``benchmarks/batch.py`` by the duckdb engine (not timed).
Each timing is the CPU time of the best of ``--repeat`` runs (default 3), each with a
freshly prepared rubric so that nothing is kept from an earlier run. A card builds its
breakdown when it is first read, so finishing is also timed with every breakdown read
afterwards (what writing the results as JSON or explaining every unit costs). It prints the
times per unit and the ratio of finishing to the baseline, and checks that both give the
same published scores. Nothing is asserted about time. Usage::

    python benchmarks/finish.py [--units N] [--respondents N] [--long-units N]
                                [--observations N] [--repeat N] [--parquet DIR]
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


def _prepared(rubric_id: str = "skm-2017") -> Prepared:
    registry = get_registry()
    rubric = registry.get_rubric(rubric_id)
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


def made_up_long(units: int, observations: int) -> Reduction:
    """Statistics of ``ombudsman-2022`` observations: every indicator of every unit scored
    ``observations`` times, uniformly on its scale's whole values."""
    rng = random.Random(2022)
    reduction = Reduction()
    for n in range(units):
        unit = f"layanan-{n:06d}"
        reduction.units[unit] = None
        for indicator in _prepared("ombudsman-2022").rubric.indicators():
            top = int(indicator.scale.maximum)
            total = sum(rng.randint(0, top) for _ in range(observations))
            reduction.stats[(unit, indicator.id)] = IndicatorStats(
                count=observations, total=Fraction(total)
            )
            reduction.count += observations
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
        published[unit] = _half_up(index)
    return published


def _half_up(index: Fraction) -> Decimal:
    whole, rest = divmod(index.numerator * 100, index.denominator)
    return Decimal(whole + (2 * rest >= index.denominator)).scaleb(-2)


def plain_long_loop(reduction: Reduction) -> dict[str, Decimal]:
    """The ``ombudsman-2022`` score per unit: ``100 x sum(w_d / sum(w) x mean_i(v_i / top_i))``
    over the four dimensions (each indicator's mean observation placed on its scale), exact,
    rounded half-up to two decimals."""
    rubric = _prepared("ombudsman-2022").rubric
    weights = {group.id: group.weight for group in rubric.children}
    whole = sum(weights.values(), Fraction(0))
    dimensions = [
        (
            Fraction(100) * weights[group.id] / whole,
            [(i.id, i.scale.maximum) for i in group.children],
        )
        for group in rubric.children
    ]
    stats = reduction.stats
    published: dict[str, Decimal] = {}
    for unit in reduction.units:
        score = Fraction(0)
        for share, indicators in dimensions:
            ratios = Fraction(0)
            for indicator, top in indicators:
                found = stats[(unit, indicator)]
                ratios += found.total / found.count / top
            score += share * ratios / len(indicators)
        published[unit] = _half_up(score)
    return published


def pelayanan_finish(reduction: Reduction, rubric_id: str = "skm-2017") -> Assessment:
    """Score every unit of ``reduction`` with a freshly prepared rubric."""
    return finish(_prepared(rubric_id), reduction, id_ordered(None, reduction))


def finish_and_read(reduction: Reduction, rubric_id: str) -> Assessment:
    """Finish, then read every card's breakdown (built when first read)."""
    assessment = pelayanan_finish(reduction, rubric_id)
    for card in assessment.walk():
        assert card.breakdown
    return assessment


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


def report(
    title: str,
    reduction: Reduction,
    rubric_id: str,
    loop: Callable[[Reduction], dict[str, Decimal]],
    repeat: int,
) -> None:
    """Time the loop, finishing, finishing with every breakdown read, and rows()."""
    units = len(reduction.units)
    baseline, expected = best(repeat, lambda: loop(reduction))
    finishing, assessment = best(repeat, lambda: pelayanan_finish(reduction, rubric_id))
    rows, table = best(repeat, assessment.rows)
    everything, read = best(repeat, lambda: finish_and_read(reduction, rubric_id))
    same = {card.unit_id: card.published for card in assessment.cards} == expected
    print(title)
    print(f"best CPU time of {repeat} runs each:")
    for name, seconds in (
        ("plain exact-Fraction loop (score only)", baseline),
        ("pelayanan finish (cards, zones)", finishing),
        ("Assessment.rows()", rows),
        ("finish + rows()", finishing + rows),
        ("finish, then every breakdown read", everything),
    ):
        print(f"  {name:45} {seconds:7.3f} s  {seconds / units * 1e6:6.1f} us/unit")
    print(f"finish / plain loop: {finishing / baseline:.2f}x the loop's time")
    print(f"same published scores as the loop: {'yes' if same else 'NO'} ({len(table)} rows)")
    assert read.cards == assessment.cards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--long-units", type=int, default=1_000)
    parser.add_argument("--observations", type=int, default=70)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parquet", help="reduce this Parquet set instead of made-up data")
    args = parser.parse_args()
    if args.parquet:
        reduction = from_parquet(args.parquet)
        source = f"the duckdb engine's reduction of {args.parquet}"
    else:
        reduction = made_up(args.units, args.respondents)
        source = f"made-up statistics, about {args.respondents} respondents per unit"
    title = f"finishing {len(reduction.units):,} SKM units (skm-2017, 9 elements) from {source}"
    report(title, reduction, "skm-2017", plain_loop, args.repeat)
    print()
    long = made_up_long(args.long_units, args.observations)
    title = (
        f"finishing {args.long_units:,} ombudsman-2022 units (4 dimensions, 31 indicators), "
        f"{args.observations} observations per indicator"
    )
    report(title, long, "ombudsman-2022", plain_long_loop, args.repeat)


if __name__ == "__main__":
    main()
