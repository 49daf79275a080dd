"""Self-assessment beside the assessor's: how far each unit's own scores are from the
external ones.

Units score themselves against the Ombudsman's indicators before the Ombudsman comes
(evidence of kind ``self_assessment``); the assessor's evidence is every other kind
(``observation``, ``interview``, ``document``, ...; evidence without a kind counts as the
assessor's). Both sets are scored with the same rubric, zone scheme and unit tree, and set
side by side: per unit the published scores and their difference (self minus external), per
indicator of each leaf unit the two values on the indicator's scale, the units that rate
themselves highest above the assessor, and a summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.evidence import Evidence, EvidenceKind
from pelayanan._model.numbers import Rounding
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.problems import InvalidValueError
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import score

__all__ = ["Calibration", "IndicatorGap", "UnitGap", "calibrate", "split_by_kind"]


@attrs.frozen
class IndicatorGap:
    """One indicator of one leaf unit: the self and external values and self minus external."""

    unit_id: str
    indicator_id: str
    self_value: Fraction | None
    external_value: Fraction | None

    @property
    def difference(self) -> Fraction | None:
        """Self minus external, on the indicator's scale (``None`` if either is missing)."""
        if self.self_value is None or self.external_value is None:
            return None
        return self.self_value - self.external_value


@attrs.frozen
class UnitGap:
    """One unit: both score cards and self minus external published score."""

    unit_id: str
    name: str
    level: str
    self_card: ScoreCard
    external_card: ScoreCard

    @property
    def difference(self) -> Decimal | None:
        """Self published score minus external published score."""
        a, b = self.self_card.published, self.external_card.published
        return None if a is None or b is None else a - b

    @property
    def same_zone(self) -> bool | None:
        """Whether both put the unit in the same zone (``None`` without zones)."""
        a, b = self.self_card.zone, self.external_card.zone
        return None if a is None or b is None else a.id == b.id


@attrs.frozen
class Calibration:
    """The two assessments and their differences.

    Attributes:
        self_assessment, external: the two results.
        units: every unit present in both, parents first.
        indicators: per leaf unit and indicator, both values.
    """

    self_assessment: Assessment
    external: Assessment
    units: tuple[UnitGap, ...]
    indicators: tuple[IndicatorGap, ...]

    def first_shared_level(self) -> str | None:
        """The first level (from the top) with two or more units, where units compare."""
        counts: dict[str, int] = {}
        for gap in self.units:
            counts[gap.level] = counts.get(gap.level, 0) + 1
        return next((level for level, n in counts.items() if n > 1), None)

    def over_raters(self, level: str | None = None, limit: int | None = 5) -> list[UnitGap]:
        """Units whose self score is above the assessor's, largest difference first (ties by
        unit id); only units of ``level`` when given."""
        found = [
            u for u in self.units if (level is None or u.level == level) and (u.difference or 0) > 0
        ]
        found.sort(key=lambda u: (-(u.difference or 0), u.unit_id))
        return found if limit is None else found[:limit]

    def summary(self, level: str | None = None) -> dict[str, object]:
        """Count of units compared, over-, under- and equally rated; the mean difference and
        mean absolute difference (exact, then rounded half-up to two decimals); how many
        units land in the same zone."""
        chosen = [
            u
            for u in self.units
            if (level is None or u.level == level) and u.difference is not None
        ]
        diffs = [Fraction(u.difference) for u in chosen if u.difference is not None]
        two = Rounding()
        count = Fraction(len(diffs) or 1)
        mean = sum(diffs, Fraction(0)) / count
        mean_abs = sum((abs(d) for d in diffs), Fraction(0)) / count
        same = [u.same_zone for u in chosen if u.same_zone is not None]
        return {
            "units": len(chosen),
            "over_rated": sum(1 for d in diffs if d > 0),
            "under_rated": sum(1 for d in diffs if d < 0),
            "equal": sum(1 for d in diffs if d == 0),
            "mean_difference": None if not diffs else str(two.apply(mean)),
            "mean_absolute_difference": None if not diffs else str(two.apply(mean_abs)),
            "same_zone": sum(1 for s in same if s),
            "zoned": len(same),
        }


def split_by_kind(
    evidence: Iterable[Evidence], self_kind: EvidenceKind | str = EvidenceKind.SELF_ASSESSMENT
) -> tuple[list[Evidence], list[Evidence]]:
    """``(self-assessment items, the assessor's items)``."""
    wanted = EvidenceKind(self_kind)
    own: list[Evidence] = []
    external: list[Evidence] = []
    for item in evidence:
        (own if item.provenance.kind is wanted else external).append(item)
    return own, external


def _values(card: ScoreCard) -> dict[str, Fraction | None]:
    return {
        node.id: node.value
        for top in card.breakdown
        for node in top.walk()
        if node.kind == "indicator"
    }


def calibrate(
    rubric: Rubric,
    evidence: Iterable[Evidence],
    units: UnitTree | None = None,
    *,
    zone_scheme: ZoneScheme | None = None,
    parameters: Mapping[str, str] | None = None,
    missing: MissingPolicy | str | None = None,
    models: Mapping[str, ScoringModel] | None = None,
    self_kind: EvidenceKind | str = EvidenceKind.SELF_ASSESSMENT,
) -> Calibration:
    """Score the self-assessment and the assessor's evidence apart and compare them.

    Raises:
        InvalidValueError: no self-assessment evidence, or no external evidence.
        ScoringError: as :func:`pelayanan.score` (for either set).
    """
    own, external = split_by_kind(evidence, self_kind)
    if not own:
        raise InvalidValueError(
            gettext("no evidence of kind '{kind}' to calibrate").format(
                kind=EvidenceKind(self_kind).value
            )
        )
    if not external:
        raise InvalidValueError(
            gettext("no external evidence (observation, interview, ...) to calibrate against")
        )
    mine, theirs = (
        score(
            rubric,
            items,
            units,
            zone_scheme=zone_scheme,
            parameters=parameters,
            missing=missing,
            models=models,
        )
        for items in (own, external)
    )
    external_cards = {card.unit_id: card for card in theirs.walk()}
    gaps: list[UnitGap] = []
    indicators: list[IndicatorGap] = []
    for card in mine.walk():
        other = external_cards.get(card.unit_id)
        if other is None:
            continue
        gaps.append(UnitGap(card.unit_id, card.name, card.level, card, other))
        if not card.children:
            a, b = _values(card), _values(other)
            for indicator_id in dict.fromkeys([*a, *b]):
                indicators.append(
                    IndicatorGap(
                        card.unit_id, indicator_id, a.get(indicator_id), b.get(indicator_id)
                    )
                )
    return Calibration(mine, theirs, tuple(gaps), tuple(indicators))
