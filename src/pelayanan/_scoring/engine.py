"""Scoring units against a rubric: pure functions, no files, no plugins.

:func:`score` reads every evidence item once (a stream is fine), combines the items per unit
and indicator, applies the missing-evidence policy, scores each leaf unit with the rubric's
scoring model, aggregates up the unit tree, rounds by the rubric's rule and classifies by the
zone scheme. Every problem in the inputs is collected and raised together as a
:class:`~pelayanan._scoring.errors.ScoringError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import cast

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.convert import content_hash
from pelayanan._model.evidence import Evidence, misfits
from pelayanan._model.numbers import Rounding
from pelayanan._model.policies import Combine, MissingPolicy
from pelayanan._model.results import (
    Assessment,
    Deferred,
    NodeResult,
    NodeStatus,
    ResultProvenance,
    ScoreCard,
    building_results,
    trusted_card,
)
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.units import Unit, UnitTree
from pelayanan._model.zones import Band, Classification, Zone, ZoneScheme
from pelayanan._scoring.aggregate import aggregate
from pelayanan._scoring.base import IndicatorInput, Linear, ScoringModel
from pelayanan._scoring.errors import MissingEvidenceError, ScoringError, ScoringProblem
from pelayanan._scoring.models import BUILTIN_MODELS
from pelayanan._scoring.stats import IndicatorStats, Reduction
from pelayanan._version import __version__

__all__ = [
    "Prepared",
    "building_results",
    "finish",
    "finish_cards",
    "prepare",
    "reduce",
    "score",
    "score_leaf",
]


@attrs.frozen
class Prepared:
    """A rubric bound to its parameters and model, checked and ready to score units."""

    rubric: Rubric
    model: ScoringModel
    missing: MissingPolicy
    zone_scheme: ZoneScheme | None
    _memo: dict[object, object] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    """Constants worked out once per rubric (see :func:`_plan`) and classifications of
    published scores already seen (a zone scheme places a published score the same way
    every time)."""


_ZERO = Fraction(0)

_MEMO_LIMIT = 100_000
"""Most classifications a prepared rubric remembers."""


@attrs.frozen
class _Planned:
    """One indicator's constants: ``ratio(v) = (v - low) / span``."""

    indicator: Indicator
    low: Fraction
    span: Fraction
    counted: dict[tuple[int, int], IndicatorInput] | None
    """For a mean over a scale with whole bounds (``span`` positive) and no indicator
    rounding, the inputs already made from a whole total and a count, by ``(total, count)``:
    an input depends on nothing else and is immutable, so units with the same total and
    count (common among thousands of similar units) share one, and so do the indicators
    with the same bounds. ``None`` for other indicators."""


@attrs.frozen
class _Fast:
    """The prepared model's score of a unit with every indicator evaluated from a mean, in
    integers: ``offset + sum(p_i / q_i * T_i / C_i)`` over the indicators (rubric order),
    ``T_i`` the total and ``C_i`` the count (see :class:`~pelayanan._scoring.base.Linear`;
    a ratio ``(v - low) / span`` is folded into ``p_i / q_i`` and the offset)."""

    terms: tuple[tuple[str, int, int], ...]
    """``(indicator id, p_i, q_i)`` with ``q_i`` positive."""
    offset: tuple[int, int]
    coverage: Fraction


def _fast(prepared: Prepared) -> _Fast | None:
    """The linear form of the prepared rubric in integers, or ``None`` when units are
    scored by the model's ``score`` alone: a model without a linear form, an indicator
    rounding, or an indicator combined otherwise than by its mean."""
    found = prepared._memo.get("fast", prepared)
    if found is not prepared:
        return found if isinstance(found, _Fast) else None
    fast = None
    linear = getattr(prepared.model, "linear", None)
    # A linear form speaks for the ``score`` of its own class: a subclass that scores
    # otherwise (a plugin's model built on a built-in one) is asked its ``score``.
    mro = type(prepared.model).__mro__
    owner = {name: next((k for k in mro if name in vars(k)), None) for name in ("linear", "score")}
    same = owner["linear"] is not None and owner["linear"] is owner["score"]
    form = linear(prepared.rubric) if callable(linear) and same else None
    indicators = prepared.rubric.indicators()
    if (
        isinstance(form, Linear)
        and prepared.rubric.rounding.indicator is None
        and all(ind.combine is Combine.MEAN for ind in indicators)
    ):
        offset = form.offset
        terms = []
        for ind in indicators:
            coefficient = form.on_value.get(ind.id, _ZERO)
            on_ratio = form.on_ratio.get(ind.id, _ZERO)
            if on_ratio:
                span = ind.scale.maximum - ind.scale.minimum
                if not span:
                    break
                # r = (v - low) / span, so b * r = (b / span) * v - b * low / span.
                coefficient += on_ratio / span
                offset -= on_ratio * ind.scale.minimum / span
            terms.append((ind.id, coefficient.numerator, coefficient.denominator))
        else:
            fast = _Fast(tuple(terms), offset.as_integer_ratio(), form.coverage)
    prepared._memo["fast"] = fast
    return fast


def _fast_score(
    fast: _Fast, unit_id: str, stats: Mapping[tuple[str, str], IndicatorStats]
) -> tuple[Fraction, tuple[tuple[Fraction, int], ...], int] | None:
    """A leaf unit's exact score by :class:`_Fast`, the totals and counts it was scored
    from (for its breakdown) and the evidence count; ``None`` unless every indicator has
    values (no marker, no gap), when :func:`_inputs` and the model's ``score`` decide."""
    numerator, denominator = fast.offset
    counted: list[tuple[Fraction, int]] = []
    evidence = 0
    get = stats.get
    for key, p, q in fast.terms:
        acc = get((unit_id, key))
        if acc is None or acc.not_applicable:
            return None
        count = acc.count
        if not count:
            return None
        total = acc.total
        counted.append((total, count))
        evidence += count
        # One term, p / q x T / C, over the least common denominator of the terms so far;
        # the sum is normalised once, at the end.
        whole, one = total.as_integer_ratio()
        d = q * count if one == 1 else q * one * count
        if d == denominator:
            numerator += p * whole
        elif denominator % d == 0:
            numerator += p * whole * (denominator // d)
        else:
            common = gcd(denominator, d)
            numerator = numerator * (d // common) + p * whole * (denominator // common)
            denominator = denominator // common * d
    return Fraction(numerator, denominator), tuple(counted), evidence


def _later_breakdown(
    prepared: Prepared, counted: tuple[tuple[Fraction, int], ...], score: Fraction
) -> tuple[NodeResult, ...]:
    """The breakdown of a unit scored by :func:`_fast_score`: its inputs made as
    :func:`_inputs` makes them and scored by the model, which must give the same score."""
    found: dict[str, IndicatorInput] = {}
    for planned, (total, count) in zip(_plan(prepared), counted, strict=True):
        value = total if planned.counted is not None else total / count
        found[planned.indicator.id] = _evaluated(planned, value, count, None)
    result = prepared.model.score(prepared.rubric, found)
    if result.score != score:  # the linear form and the model disagree: a bug, not bad data
        raise AssertionError(
            f"{prepared.model.name}: the breakdown scores {result.score}, the linear form {score}"
        )
    return result.breakdown


def _plan(prepared: Prepared) -> tuple[_Planned, ...]:
    """The indicators' constants, worked out once per prepared rubric."""
    plan = prepared._memo.get("plan")
    if plan is None:
        counted: dict[tuple[Fraction, Fraction], dict[tuple[int, int], IndicatorInput]] = {}
        rounding = prepared.rubric.rounding.indicator
        planned = []
        for ind in prepared.rubric.indicators():
            low, span = ind.scale.minimum, ind.scale.maximum - ind.scale.minimum
            shared = (
                ind.combine is Combine.MEAN
                and rounding is None
                and low.denominator == 1
                and span.denominator == 1
                and span > 0
            )
            known = counted.setdefault((low, span), {}) if shared else None
            planned.append(_Planned(ind, low, span, known))
        plan = prepared._memo["plan"] = tuple(planned)
    assert isinstance(plan, tuple)
    return plan


def prepare(
    rubric: Rubric,
    *,
    parameters: Mapping[str, str] | None = None,
    missing: MissingPolicy | str | None = None,
    zone_scheme: ZoneScheme | None = None,
    models: Mapping[str, ScoringModel] | None = None,
) -> Prepared:
    """Resolve parameters, look up the scoring model and check the rubric against it.

    Raises:
        ScoringError: unknown model, or a rubric the model cannot score.
        ValueError: an unknown parameter or choice.
    """
    resolved = rubric.resolve(parameters)
    table = {**BUILTIN_MODELS, **(models or {})}
    name = resolved.scoring.model
    if name not in table:
        unknown = gettext("unknown scoring model '{name}'; known: {known}")
        raise ScoringError(
            [ScoringProblem(unknown.format(name=name, known=", ".join(sorted(table))))]
        )
    model = table[name]
    problems = model.check(resolved)
    if problems:
        raise ScoringError(
            ScoringProblem(gettext("rubric {ref}: {problem}").format(ref=resolved.ref, problem=p))
            for p in problems
        )
    policy = MissingPolicy(missing) if missing is not None else resolved.missing
    refuses = getattr(model, "refuses_missing", None)
    reason = refuses(policy) if callable(refuses) else None
    if reason:
        refused = gettext("rubric {ref}: missing policy '{policy}': {reason}")
        message = refused.format(ref=resolved.ref, policy=policy.value, reason=reason)
        raise ScoringError([ScoringProblem(message)])
    return Prepared(resolved, model, policy, zone_scheme)


_INPUTS_LIMIT = 200_000
"""Most inputs made from a whole total and count that a prepared rubric remembers per
scale range."""


def _inputs(
    prepared: Prepared,
    unit_id: str,
    stats: Mapping[tuple[str, str], IndicatorStats],
    problems: list[ScoringProblem],
    missing: list[ScoringProblem],
) -> dict[str, IndicatorInput]:
    rounding = prepared.rubric.rounding.indicator
    found: dict[str, IndicatorInput] = {}
    for planned in _plan(prepared):
        indicator = planned.indicator
        acc = stats.get((unit_id, indicator.id))
        if acc is None:
            _missing(prepared, unit_id, indicator, found, missing)
        elif acc.count:
            if acc.not_applicable:
                problems.append(
                    ScoringProblem(
                        gettext(
                            "marked not applicable {marks} time(s) and given {count} value(s); "
                            "keep either the values or the n/a marker"
                        ).format(marks=acc.not_applicable, count=acc.count),
                        unit_id,
                        indicator.id,
                    )
                )
                continue
            if planned.counted is not None:
                found[indicator.id] = _evaluated(planned, acc.total, acc.count, None)
                continue
            value = acc.combined(indicator.combine)
            if value is None:
                problems.append(
                    ScoringProblem(
                        gettext(
                            "combine 'latest' needs collected_at on every item; {count} lack it"
                        ).format(count=acc.undated),
                        unit_id,
                        indicator.id,
                    )
                )
                continue
            found[indicator.id] = _evaluated(planned, value, acc.count, rounding)
        elif acc.invalid:
            continue  # the refused values are reported already; no second "missing" report
        elif acc.not_applicable:
            found[indicator.id] = IndicatorInput(
                NodeStatus.NOT_APPLICABLE, count=acc.not_applicable
            )
        else:
            _missing(prepared, unit_id, indicator, found, missing)
    return found


def _evaluated(
    planned: _Planned, value: Fraction, count: int, rounding: Rounding | None
) -> IndicatorInput:
    """The input of an indicator evaluated from ``count`` values: ``value`` is their
    combined value, or their total when the indicator is one of ``planned.counted`` (a
    mean without rounding)."""
    known = planned.counted
    if known is not None:
        whole, one = value.as_integer_ratio()
        if one == 1:
            # A whole total over a scale with whole bounds: value and ratio are each one
            # fraction of integers (T/C and (T - low*C) / (span*C)).
            key = (whole, count)
            given = known.get(key)
            if given is None:
                given = IndicatorInput(
                    NodeStatus.EVALUATED,
                    Fraction(whole, count),
                    Fraction(whole - planned.low.numerator * count, planned.span.numerator * count),
                    count,
                )
                if len(known) < _INPUTS_LIMIT:
                    known[key] = given
            return given
        value = value / count  # the mean
    elif rounding is not None:
        value = Fraction(rounding.apply(value))
    low, span = planned.low, planned.span
    ratio = value - low if low else value
    if span != 1:
        ratio = ratio / span
    return IndicatorInput(NodeStatus.EVALUATED, value, ratio, count)


def _missing(
    prepared: Prepared,
    unit_id: str,
    indicator: Indicator,
    found: dict[str, IndicatorInput],
    missing: list[ScoringProblem],
) -> None:
    """An indicator without evidence, under the missing policy."""
    if prepared.missing is MissingPolicy.ZERO:
        found[indicator.id] = IndicatorInput(
            NodeStatus.MISSING, indicator.scale.minimum, Fraction(0)
        )
    elif prepared.missing is MissingPolicy.EXCLUDE:
        found[indicator.id] = IndicatorInput(NodeStatus.EXCLUDED)
    else:
        missing.append(
            ScoringProblem(
                gettext("no evidence (missing policy: error)"),
                unit_id,
                indicator.id,
                missing=True,
            )
        )


def score_leaf(prepared: Prepared, unit: Unit, inputs: Mapping[str, IndicatorInput]) -> ScoreCard:
    """Score one leaf unit from ready indicator inputs, round and classify it."""
    result = prepared.model.score(prepared.rubric, inputs)
    count = sum([given.count for given in inputs.values()])
    return _card(
        prepared,
        unit,
        result.score,
        result.coverage,
        result.breakdown,
        (),
        count,
        prepared.model.name,
    )


def publish(
    prepared: Prepared, exact: Fraction | None
) -> tuple[Decimal | None, Band | None, Zone | None]:
    """An exact unit score as published, with the band and zone of that published figure.

    One rounding: the rubric's score rounding, or the zone scheme's when the rubric sets none
    (a band is never given without the figure it was given for). The zone scheme then places
    the published figure as it is (:meth:`~pelayanan.ZoneScheme.place`), so the figure printed
    is the figure classified.
    """
    scheme = prepared.zone_scheme
    rounding = prepared.rubric.rounding.score
    if rounding is None and scheme is not None:
        rounding = scheme.rounding
    published = None if exact is None or rounding is None else rounding.apply(exact)
    if published is None or scheme is None:
        return published, None, None
    # The scheme places a published figure the same way every time: place each once.
    key = ("placed", published)
    known = prepared._memo.get(key)
    if isinstance(known, Classification):
        return published, known.band, known.zone
    placed = scheme.place(published)
    if len(prepared._memo) < _MEMO_LIMIT:
        prepared._memo[key] = placed
    return published, placed.band, placed.zone


def _card(
    prepared: Prepared,
    unit: Unit,
    exact: Fraction | None,
    coverage: Fraction,
    breakdown: tuple[NodeResult, ...] | Deferred,
    children: tuple[ScoreCard, ...],
    count: int,
    method: str,
) -> ScoreCard:
    published, band, zone = publish(prepared, exact)
    return ScoreCard(
        unit_id=unit.id,
        name=unit.name,
        level=unit.level,
        score=exact,
        published=published,
        band=band,
        zone=zone,
        coverage=coverage,
        # the card's slot takes a Deferred too and reads as the tuple it builds
        breakdown=cast("tuple[NodeResult, ...]", breakdown),
        children=children,
        evidence_count=count,
        method=method,
    )


def reduce(
    rubric: Rubric, evidence: Iterable[Evidence], units: UnitTree | None = None
) -> Reduction:
    """Reduce evidence items to statistics per (unit, indicator), in Python, streaming.

    Every item is checked against the rubric (and the unit tree, when given); what is wrong
    goes to :attr:`Reduction.problems`. Items are read once; only the statistics are kept.
    """
    indicators: dict[str, Indicator] = {ind.id: ind for ind in rubric.indicators()}
    reduction = Reduction()
    stats = reduction.stats
    seen_units = reduction.units
    problems = reduction.problems
    count = 0
    inner: set[str] | None = None  # the units with units below them, found on first need

    def misfit(item: Evidence) -> None:
        nonlocal inner
        if units is not None and inner is None:
            inner = {unit.id for unit in units if not units.is_leaf(unit.id)}
        for finding in misfits(
            item.unit, item.indicator, item.not_applicable, rubric, indicators, units, inner or ()
        ):
            problems.append(ScoringProblem(finding.text(), item.unit, item.indicator))

    for item in evidence:
        count += 1
        indicator = indicators.get(item.indicator)
        if indicator is None or (
            units is not None and (item.unit not in units or not units.is_leaf(item.unit))
        ):
            misfit(item)  # the model's rules say what is wrong
            continue
        seen_units.setdefault(item.unit)
        key = (item.unit, item.indicator)
        acc = stats.get(key)
        if acc is None:
            acc = stats[key] = IndicatorStats.empty(indicator)
        if item.not_applicable:
            if not indicator.allow_not_applicable:
                misfit(item)
            acc.not_applicable += 1
            continue
        try:
            value = indicator.scale.parse(item.value)
        except ValueError as error:
            problems.append(ScoringProblem(str(error), item.unit, item.indicator))
            acc.invalid += 1
            continue
        acc.add(value, item.provenance.collected_at)
    reduction.count = count
    return reduction


@building_results()  # thousands of cards, nothing in a cycle
def finish_cards(
    prepared: Prepared, reduction: Reduction, tree: UnitTree | None = None
) -> tuple[tuple[ScoreCard, ...], int]:
    """Score every unit of ``tree`` from reduced statistics: the root cards and the item
    count (without provenance, so without the rubric's content hash).

    Raises:
        MissingEvidenceError: evidence is missing under the ``error`` policy.
        ScoringError: the reduction carries problems, or another problem (all listed).
    """
    if tree is None:
        tree = UnitTree.flat(list(reduction.units))
    problems = list(reduction.problems)
    accumulators = reduction.stats
    count = reduction.count
    missing_problems: list[ScoringProblem] = []
    cards: dict[str, ScoreCard] = {}
    fast = _fast(prepared)
    roots = tree.roots()
    flat = len(roots) == len(tree.units)  # every unit a root, so a leaf, in the given order
    for unit in roots if flat else tree.post_order():
        if flat or tree.is_leaf(unit.id):
            if fast is not None and not problems and not missing_problems:
                scored = _fast_score(fast, unit.id, accumulators)
                if scored is not None:
                    exact, counted, evidence = scored
                    published, band, zone = publish(prepared, exact)
                    cards[unit.id] = trusted_card(
                        unit.id,
                        unit.name,
                        unit.level,
                        exact,
                        published,
                        band,
                        zone,
                        fast.coverage,
                        Deferred(_later_breakdown, prepared, counted, exact),
                        evidence,
                        prepared.model.name,
                    )
                    continue
            inputs = _inputs(prepared, unit.id, accumulators, problems, missing_problems)
            if not problems and not missing_problems:
                cards[unit.id] = score_leaf(prepared, unit, inputs)
            continue
        if problems or missing_problems:
            continue
        kids = tree.children(unit.id)
        method = prepared.rubric.aggregation.method_for(unit.level)
        child_cards = tuple(cards[kid.id] for kid in kids)
        merged = aggregate(unit, method, child_cards, tree)
        total = sum(card.evidence_count for card in child_cards)
        cards[unit.id] = _card(
            prepared,
            unit,
            merged.score,
            merged.coverage,
            merged.breakdown,
            child_cards,
            total,
            method.value,
        )
    if problems:
        raise ScoringError([*problems, *missing_problems])
    if missing_problems:
        raise MissingEvidenceError(missing_problems)
    return tuple(cards[root.id] for root in tree.roots()), count


def finish(
    prepared: Prepared,
    reduction: Reduction,
    units: UnitTree | Iterable[Unit] | None = None,
    *,
    assessed_on: str | None = None,
) -> Assessment:
    """Score every unit from reduced statistics: the missing policy, the scoring model,
    aggregation up the unit tree, rounding and zones, with the result's provenance.

    Raises:
        MissingEvidenceError: evidence is missing under the ``error`` policy (every gap listed).
        ScoringError: the reduction carries problems, or another problem (all listed).
    """
    tree = units if isinstance(units, UnitTree) or units is None else UnitTree(units)
    cards, count = finish_cards(prepared, reduction, tree)
    scheme = prepared.zone_scheme
    provenance = ResultProvenance(
        rubric_id=prepared.rubric.id,
        rubric_version=prepared.rubric.version,
        rubric_hash=content_hash(prepared.rubric),
        library_version=__version__,
        evidence_count=count,
        parameters=tuple(sorted(prepared.rubric.choices().items())),
        zone_scheme_id=None if scheme is None else scheme.id,
        zone_scheme_version=None if scheme is None else scheme.version,
        zone_scheme_hash=None if scheme is None else content_hash(scheme),
        scoring_model=prepared.model.name,
        assessed_on=assessed_on,
    )
    return Assessment(provenance, cards)


def score(
    rubric: Rubric,
    evidence: Iterable[Evidence],
    units: UnitTree | Iterable[Unit] | None = None,
    *,
    zone_scheme: ZoneScheme | None = None,
    parameters: Mapping[str, str] | None = None,
    missing: MissingPolicy | str | None = None,
    models: Mapping[str, ScoringModel] | None = None,
    assessed_on: str | None = None,
) -> Assessment:
    """Score every unit and return the :class:`~pelayanan._model.results.Assessment`.

    Args:
        rubric: the rubric; its parameters are bound with ``parameters`` (defaults otherwise).
        evidence: evidence items, read once; may be a generator over a large file.
        units: the unit tree; leaves take evidence, inner units aggregate by the rubric's
            per-level rule. ``None`` makes one root unit per unit id seen in the evidence.
        zone_scheme: classifies published scores into bands and zones; without it cards
            carry no band or zone. (Looking a scheme up by the rubric's ``zone_scheme`` id is
            the registry's job: see :func:`pelayanan.assess`.)
        missing: overrides the rubric's missing-evidence policy.
        models: extra scoring models by name, beside the built-ins.
        assessed_on: a date to record in the provenance (no clock is read).

    Raises:
        MissingEvidenceError: evidence is missing under the ``error`` policy (every gap listed).
        ScoringError: any other problem in the inputs, all of them listed.
    """
    prepared = prepare(
        rubric, parameters=parameters, missing=missing, zone_scheme=zone_scheme, models=models
    )
    tree = units if isinstance(units, UnitTree) or units is None else UnitTree(units)
    return finish(prepared, reduce(prepared.rubric, evidence, tree), tree, assessed_on=assessed_on)
