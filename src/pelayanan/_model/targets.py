"""Performance agreements (perjanjian kinerja): the score or band each unit agreed to reach
in a period, and how a result measures up to it.

A :class:`Target` gives either a ``score`` or a ``band`` (a band code of the zone scheme).
``apply_targets`` sets :attr:`ScoreCard.target <pelayanan.ScoreCard.target>`
on every targeted card: the target score (a band's lower bound for a band target), the band,
the gap (published score minus target score, exact decimal subtraction) and whether it is
met (published score >= target score).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from pelayanan._i18n import N_
from pelayanan._model.ids import check_unit_id
from pelayanan._model.numbers import to_decimal
from pelayanan._model.problems import Message, PelayananError, listing
from pelayanan._model.records import TargetResult
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._model.zones import ZoneScheme

__all__ = ["Target", "TargetError", "TargetSet", "apply_targets", "target_result"]


class TargetError(PelayananError, ValueError):
    """Targets that break their rules (a score and a band, or neither; an empty period; two
    targets for one unit and period) or cannot be applied: several periods and none chosen,
    an unknown period or unit, or a band target without a zone scheme that has that band."""


def _score(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="target score")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class Target:
    """One unit's target for one period: a ``score`` or a ``band`` code, not both."""

    unit: str = attrs.field(validator=check_unit_id)
    period: str = attrs.field(converter=str)
    score: Decimal | None = attrs.field(default=None, converter=_score)
    band: str | None = None
    agreed_by: str | None = attrs.field(default=None, converter=_text)
    agreed_at: str | None = attrs.field(default=None, converter=_text)

    def __attrs_post_init__(self) -> None:
        if (self.score is None) == (self.band is None):
            message = N_(
                "target for {unit} ({period}): give a target score or a target band, not both "
                "and not neither"
            )
            raise TargetError(Message(message, {"unit": repr(self.unit), "period": self.period}))
        if not self.period:
            message = N_("target for {unit}: the period is empty")
            raise TargetError(Message(message, {"unit": repr(self.unit)}))


def _targets(value: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(value)


def _check_unique(instance: TargetSet, attribute: attrs.Attribute[object], value: object) -> None:
    seen: set[tuple[str, str]] = set()
    for target in instance.targets:
        key = (target.unit, target.period)
        if key in seen:
            message = N_("unit {unit} has two targets for period {period}")
            values = {"unit": repr(target.unit), "period": target.period}
            raise TargetError(Message(message, values))
        seen.add(key)


@attrs.frozen
class TargetSet:
    """The targets of a targets document (one or several periods).

    ``rubric`` and ``zone_scheme`` say what the targets are measured with, when the document
    names them (a band code means something only under one scheme).
    """

    targets: tuple[Target, ...] = attrs.field(converter=_targets, validator=_check_unique)
    rubric: str | None = None
    zone_scheme: str | None = None

    @property
    def periods(self) -> tuple[str, ...]:
        """The periods, in the order they first appear."""
        return tuple(dict.fromkeys(target.period for target in self.targets))

    def for_period(self, period: str | None = None) -> dict[str, Target]:
        """The targets of ``period`` by unit; ``None`` when the document holds one period.

        Raises:
            TargetError: several periods and none chosen, or a period without targets.
        """
        periods = self.periods
        if period is None:
            if len(periods) > 1:
                message = N_(
                    "the targets cover several periods ({periods}); choose one with --period "
                    "(period= in Python)"
                )
                raise TargetError(Message(message, {"periods": ", ".join(periods)}))
            period = periods[0] if periods else ""
        elif str(period) not in periods:
            message = N_("no targets for period {period}; periods: {periods}")
            values = {"period": repr(period), "periods": listing(periods)}
            raise TargetError(Message(message, values))
        return {t.unit: t for t in self.targets if t.period == str(period)}


def target_result(target: Target, card: ScoreCard, scheme: ZoneScheme | None) -> TargetResult:
    """The target measured against ``card``'s published score."""
    band_code = target.band
    if target.band is not None:
        if scheme is None:
            message = N_(
                "unit {unit} has a target band {band}, but the result has no zone scheme to "
                "read it with"
            )
            values = {"unit": repr(target.unit), "band": repr(target.band)}
            raise TargetError(Message(message, values))
        try:
            band = scheme.band(target.band)
        except KeyError:
            message = N_("unit {unit}: target band {band} is not a band of {scheme} ({codes})")
            values = {
                "unit": repr(target.unit),
                "band": repr(target.band),
                "scheme": scheme.ref,
                "codes": ", ".join(b.code for b in scheme.bands),
            }
            raise TargetError(Message(message, values)) from None
        wanted = scheme.rounding.apply(band.lower)
    else:
        assert target.score is not None
        wanted = target.score
        if scheme is not None:
            try:
                band_code = scheme.classify(wanted).band.code
            except ValueError as error:
                message = N_("unit {unit}: target score: {error}")
                values = {"unit": repr(target.unit), "error": str(error)}
                raise TargetError(Message(message, values)) from None
    published = card.published
    return TargetResult(
        score=wanted,
        band=band_code,
        gap=None if published is None else published - wanted,
        met=None if published is None else published >= wanted,
        period=target.period,
        agreed_by=target.agreed_by,
        agreed_at=target.agreed_at,
    )


def _set(card: ScoreCard, found: Mapping[str, Target], scheme: ZoneScheme | None) -> ScoreCard:
    children = tuple(_set(child, found, scheme) for child in card.children)
    target = found.get(card.unit_id)
    result = card.target if target is None else target_result(target, card, scheme)
    if result is card.target and all(a is b for a, b in zip(children, card.children, strict=True)):
        return card
    return attrs.evolve(card, children=children, target=result)


def apply_targets(
    assessment: Assessment,
    targets: TargetSet | Iterable[Target],
    zone_scheme: ZoneScheme | None = None,
    *,
    period: str | None = None,
) -> Assessment:
    """``assessment`` with each targeted card's :class:`TargetResult` set.

    Args:
        targets: a :class:`TargetSet` or plain :class:`Target` objects.
        zone_scheme: the scheme the result was classified with (needed for band targets,
            and to name the band of a score target).
        period: which period's targets (needed only when there are several).

    Raises:
        TargetError: see :class:`TargetError`; a target for a unit the result does not have
            is an error too (a misspelt unit id must not pass silently), and so are targets
            whose document names another zone scheme than the result's.
    """
    chosen = targets if isinstance(targets, TargetSet) else TargetSet(targets)
    named = chosen.zone_scheme
    if (
        named is not None
        and zone_scheme is not None
        and named
        not in (
            zone_scheme.id,
            zone_scheme.ref,
        )
    ):
        message = N_(
            "the targets are set in zone scheme {named}, but the result is classified with "
            "{scheme}: a band or score means something only in its own scheme"
        )
        raise TargetError(Message(message, {"named": repr(named), "scheme": zone_scheme.ref}))
    found = chosen.for_period(period)
    present = {card.unit_id for card in assessment.walk()}
    unknown = sorted(set(found) - present)
    if unknown:
        message = N_("targets name units that are not in the result: {units}")
        raise TargetError(Message(message, {"units": ", ".join(map(repr, unknown))}))
    cards = tuple(_set(card, found, zone_scheme) for card in assessment.cards)
    return attrs.evolve(assessment, cards=cards)
