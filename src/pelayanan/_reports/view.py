"""What every report shows, computed once: rows per level, rankings, summaries, losses, gaps.

The HTML, Markdown and terminal renderers only lay these out. Everything here works from
assessments alone (a result file is enough); the zone scheme, when known, adds the next band
to reach and the band backgrounds of the trend chart.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._model.numbers import Rounding
from pelayanan._model.results import Assessment, NodeResult, ScoreCard
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone, ZoneScheme
from pelayanan._reports.figures import fmt_date
from pelayanan._reports.i18n import words

__all__ = [
    "Gap",
    "LevelSummary",
    "Loss",
    "Period",
    "Report",
    "Row",
    "by_level",
    "gap_to_next",
    "loss_title",
    "losses",
    "method_of",
    "points_share",
    "rank",
    "rows_of",
    "series",
    "summarize",
    "to_fix",
]

_TWO = Rounding()


@attrs.frozen
class Period:
    """One assessment of a series, with the label shown for it (a year, a date)."""

    label: str
    assessment: Assessment

    @functools.cached_property
    def _cards(self) -> dict[str, ScoreCard]:
        """Every card of the assessment by unit id (built once: a trend looks up every unit
        in every period)."""
        return {card.unit_id: card for card in self.assessment.walk()}

    @property
    def method(self) -> tuple[str, str | None]:
        """The rubric and zone scheme ids of the assessment: scores of two methods are not
        on one scale."""
        return method_of(self.assessment)


def method_of(assessment: Assessment) -> tuple[str, str | None]:
    """The rubric and zone scheme ids of ``assessment``: scores of two methods are not on
    one scale."""
    return assessment.provenance.rubric_id, assessment.provenance.zone_scheme_id


def _periods(value: Iterable[Period]) -> tuple[Period, ...]:
    periods = tuple(value)
    if not periods:
        raise ValueError("a report needs at least one assessment")
    return periods


@attrs.frozen
class Report:
    """Everything a report is made from.

    Attributes:
        periods: the assessments, oldest first; the last is the one reported on, the
            earlier ones feed the trend and the changes.
        scheme: the zone scheme, for the next band to reach and the trend's backgrounds.
        rubric_title: the rubric's title (the result itself records only id and version).
        lang: ``id`` or ``en``.
        title: a heading to use instead of the default one.
        fixes: how many indicators each what-to-fix list shows.
    """

    periods: tuple[Period, ...] = attrs.field(converter=_periods)
    scheme: ZoneScheme | None = None
    rubric_title: Text | None = None
    lang: str = "id"
    title: str | None = None
    fixes: int = 5

    @property
    def current(self) -> Assessment:
        """The assessment reported on (the last period)."""
        return self.periods[-1].assessment

    @property
    def previous(self) -> Assessment | None:
        """The period before the last, if any."""
        return self.periods[-2].assessment if len(self.periods) > 1 else None

    def previous_card(self, unit_id: str) -> ScoreCard | None:
        """The unit's card in the period before the last, if any."""
        return self.periods[-2]._cards.get(unit_id) if len(self.periods) > 1 else None

    def change(self, card: ScoreCard) -> Decimal | None:
        """The change of ``card``'s published score since the previous period; ``None``
        across a change of method (scores of two methods are not on one scale)."""
        old = self.previous_card(card.unit_id)
        if old is None or old.published is None or card.published is None:
            return None
        if self.periods[-2].method != self.periods[-1].method:
            return None
        return card.published - old.published

    @property
    def heading(self) -> str:
        """The title given, else the names of the top units (two at most), else the words
        "Assessment Report"."""
        names = [card.name for card in self.current.cards]
        if self.title:
            return self.title
        return " · ".join(names) if len(names) <= 2 else words(self.lang)["report_title"]

    @property
    def rubric_name(self) -> str:
        """The rubric's title, else its id."""
        if self.rubric_title:
            return self.rubric_title.get(self.lang)
        return self.current.provenance.rubric_id


@attrs.frozen
class Row:
    """One unit of an assessment, with its parent and depth in the unit tree."""

    card: ScoreCard
    parent: ScoreCard | None
    depth: int


def rows_of(assessment: Assessment) -> list[Row]:
    """Every unit, parents first, in the order of the unit tree."""

    def walk(cards: Sequence[ScoreCard], parent: ScoreCard | None, depth: int) -> Iterator[Row]:
        for card in cards:
            yield Row(card, parent, depth)
            yield from walk(card.children, card, depth + 1)  # max_tree_depth levels at most

    return list(walk(assessment.cards, None, 0))


def _sort_key(row: Row) -> tuple[int, Decimal, str]:
    published = row.card.published
    return (0 if published is not None else 1, -(published or Decimal(0)), row.card.name)


def by_level(assessment: Assessment) -> dict[str, list[Row]]:
    """Units grouped by level (levels from the top of the tree down), best score first."""
    depth: dict[str, int] = {}
    groups: dict[str, list[Row]] = {}
    for row in rows_of(assessment):
        level = row.card.level
        depth[level] = min(depth.get(level, row.depth), row.depth)
        groups.setdefault(level, []).append(row)
    ordered = sorted(groups, key=lambda level: depth[level])
    return {level: sorted(groups[level], key=_sort_key) for level in ordered}


def rank(rows: Sequence[Row]) -> list[tuple[int | None, Row]]:
    """Competition ranking by published score ("1, 2, 2, 4"); unscored units get ``None``."""
    ranked: list[tuple[int | None, Row]] = []
    previous: Decimal | None = None
    place = 0
    for position, row in enumerate(sorted(rows, key=_sort_key), start=1):
        published = row.card.published
        if published is None:
            ranked.append((None, row))
            continue
        if published != previous:
            place, previous = position, published
        ranked.append((place, row))
    return ranked


@attrs.frozen
class LevelSummary:
    """Counts and mean score of one level, and how many units fall in each zone."""

    level: str
    count: int
    scored: int
    mean: Decimal | None
    zones: tuple[tuple[Zone, int], ...]


def summarize(level: str, rows: Sequence[Row], scheme: ZoneScheme | None = None) -> LevelSummary:
    """The :class:`LevelSummary` of ``rows``; zones listed lowest first (by the scheme)."""
    scores = [row.card.published for row in rows if row.card.published is not None]
    mean = _TWO.apply(Fraction(sum(scores, Decimal(0))) / len(scores)) if scores else None
    found = [row.card.zone for row in rows if row.card.zone is not None]
    counts = Counter(zone.id for zone in found)
    listed = [] if scheme is None else list(scheme.zones)  # every zone of the scheme, in order
    ids = {zone.id for zone in listed}
    listed += {zone.id: zone for zone in found if zone.id not in ids}.values()
    zones = tuple((zone, counts[zone.id]) for zone in listed)
    return LevelSummary(level, len(rows), len(scores), mean, zones)


@attrs.frozen
class Loss:
    """An indicator that lost points, with the titles of the groups above it."""

    node: NodeResult
    path: tuple[NodeResult, ...]

    @property
    def stands_for(self) -> NodeResult | None:
        """The group this indicator stands in for, when it is its group's only indicator (a
        placeholder for a list of indicators that was not published, such as one score for a
        whole dimension); else ``None``."""
        if self.path and len(self.path[-1].children) == 1:
            return self.path[-1]
        return None


def losses(card: ScoreCard, limit: int | None = 5) -> list[Loss]:
    """The indicators that lost the most points in ``card`` (largest first).

    For an inner unit the breakdown is the merge of the units below, so an indicator's loss
    is what it costs across all of them. With an additive scoring model, raising an
    indicator to the top of its scale gains exactly its loss.
    """

    def walk(nodes: Sequence[NodeResult], path: tuple[NodeResult, ...]) -> Iterator[Loss]:
        for node in nodes:
            if node.children:
                yield from walk(node.children, (*path, node))  # max_tree_depth levels at most
            elif node.lost > 0:
                yield Loss(node, path)

    found = list(walk(card.breakdown, ()))
    # concrete indicators first: a placeholder (one score standing for a whole group whose
    # indicators are unpublished) is not something to fix first
    found.sort(key=lambda loss: (loss.stands_for is not None, -loss.node.lost, loss.node.id))
    return found if limit is None else found[:limit]


def loss_title(loss: Loss, lang: str) -> str:
    """What a loss is called in a what-to-fix list: the indicator's title, or for a
    placeholder the group it stands for and that its indicators are unpublished."""
    group = loss.stands_for
    if group is None:
        return loss.node.title.get(lang)
    return words(lang)["placeholder"].format(group=group.title.get(lang))


@attrs.frozen
class Gap:
    """The next band up and the points missing to reach it (``None`` in the top band)."""

    target: Band | None
    points: Decimal | None


def gap_to_next(card: ScoreCard, scheme: ZoneScheme | None) -> Gap | None:
    """How far ``card`` is from the next band of ``scheme`` (``None`` when unknown)."""
    if scheme is None or card.band is None or card.published is None:
        return None
    try:
        band = scheme.band(card.band.code)
    except KeyError:
        return None
    target = scheme.next_band(band)
    if target is None:
        return Gap(None, None)
    return Gap(target, _TWO.apply(target.lower - Fraction(card.published)))


def to_fix(
    rows: Iterable[Row], scheme: ZoneScheme | None, limit: int | None = 5
) -> Iterator[tuple[ScoreCard, Gap | None, list[Loss]]]:
    """The units of ``rows`` that get a what-to-fix entry, with their gap and biggest losses.

    A unit already in the top band, or that lost no points, is left out.
    """
    for row in rows:
        gap = gap_to_next(row.card, scheme)
        if gap is not None and gap.target is None:
            continue
        found = losses(row.card, limit)
        if found:
            yield row.card, gap, found


def points_share(node: NodeResult) -> Fraction | None:
    """The share of its points a node earned, ``contribution / maximum`` (``None`` when it
    could earn none): the percentage printed beside its points, so the two always agree.

    (Not the node's ``ratio`` on its scale: an SKM NRR of 3.5 earns 3.5/4 = 88% of its
    points, while it lies (3.5 - 1)/3 = 83% of the way up the 1-4 scale.)
    """
    return node.contribution / node.maximum if node.maximum else None


def assessment_date(assessment: Assessment, lang: str) -> str:
    """The date line of a report heading: the assessment date when the result records one
    (``Dinilai pada: 30 Juni 2024``); otherwise says so, with the latest ``collected_at`` of
    the evidence the result recorded, when there is one (``tanggal penilaian tidak dicatat;
    bukti terakhir dikumpulkan 10 Juli 2024``), so a reader never takes an undated report
    for a dated one."""
    w = words(lang)
    given = assessment.provenance.assessed_on
    if given:
        return f"{w['assessed_on']}: {fmt_date(given)}"
    dates = sorted(
        text[:10]
        for text in (record.collected_at for record in assessment.records)
        if text and _iso_date(text[:10])
    )
    if dates:
        latest = w["latest_evidence"].format(date=fmt_date(dates[-1]))
        return f"{w['assessed_undated']}; {latest}"
    return w["assessed_undated"]


def _iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def series(periods: Iterable[Period], unit_id: str) -> list[Decimal | None]:
    """The published score of ``unit_id`` in each period (``None`` where absent)."""
    cards = (period._cards.get(unit_id) for period in periods)
    return [None if card is None else card.published for card in cards]
