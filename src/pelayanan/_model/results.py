"""Results: a score card per unit with its breakdown, and the assessment that holds them."""

from __future__ import annotations

import contextlib
import enum
import gc
import importlib
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from pelayanan._i18n import N_
from pelayanan._model.problems import InvalidValueError, Message
from pelayanan._model.records import EvidenceRecord, TargetResult
from pelayanan._model.shape import shape
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone, ZoneScheme

__all__ = [
    "Assessment",
    "Deferred",
    "NodeResult",
    "NodeStatus",
    "ResultProvenance",
    "ScoreCard",
    "indicator_node",
    "trusted_card",
]


class _Pauses:
    """The pauses of the collector in progress, in any thread."""

    lock = threading.Lock()
    depth = 0
    """How many."""
    resume = False
    """Whether the collector was on when the first began (the last to end switches it on)."""
    move = False
    """Whether one was :func:`building_results` (its results go to the oldest generation)."""


def _pause_collector(move: bool) -> None:
    # One count for every thread: a pause that only remembered whether the collector was
    # on could see it off because another thread had paused it, and then never switch it
    # back on once that other pause had ended.
    with _Pauses.lock:
        if not _Pauses.depth:
            _Pauses.resume = gc.isenabled()
            _Pauses.move = False
            gc.disable()
        _Pauses.depth += 1
        _Pauses.move = _Pauses.move or move


def _resume_collector() -> None:
    with _Pauses.lock:
        _Pauses.depth -= 1
        if _Pauses.depth or not _Pauses.resume:
            return
        if _Pauses.move and not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()


@contextlib.contextmanager
def building_results() -> Iterator[None]:
    """Pause the cyclic garbage collector while many results are built, then restore it.

    Finishing tens of thousands of units, or turning their cards into rows, allocates
    hundreds of thousands of small objects (fractions, results, rows), none of them in a
    reference cycle; the collections those allocations trigger walk every live object and
    took a quarter of finishing and most of :meth:`Assessment.rows`. Reference counting
    still frees everything as usual.

    The objects made meanwhile are results that live on, so on the way out they go straight
    to the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``, two list moves)
    instead of being walked by the young collection that the first allocation after
    re-enabling would start; a full collection still looks at them. This is skipped when
    the program has frozen objects of its own, which must stay frozen.

    Pauses that overlap (in one thread or several, with :meth:`Deferred.build`) are one
    pause: the collector is switched back on when the last of them ends.
    """
    _pause_collector(True)
    try:
        yield
    finally:
        _resume_collector()


class NodeStatus(enum.StrEnum):
    """What happened to a group or indicator in one unit's score."""

    EVALUATED = "evaluated"
    """Scored from evidence (for a group: at least one indicator below was)."""
    NOT_APPLICABLE = "not_applicable"
    """Marked not applicable; left out, siblings re-normalise."""
    MISSING = "missing"
    """No evidence; scored at the bottom of its scale (missing policy ``zero``)."""
    EXCLUDED = "excluded"
    """No evidence; left out like a not-applicable item (missing policy ``exclude``)."""


@attrs.frozen
class NodeResult:
    """One group or indicator in a score's breakdown.

    ``contribution`` is what the node added to the unit's score (in score points) and
    ``maximum`` what it could have added at the top of its scale; their difference is
    :attr:`lost`. For an indicator ``value`` is the combined evidence value on its scale;
    ``ratio`` is that value's place between the scale's bottom (0) and top (1).
    """

    id: str
    kind: str
    """``indicator`` or the group's kind (component, dimension, aspect, ...)."""
    title: Text
    status: NodeStatus
    weight: Fraction
    """The declared weight (or points, for the points model)."""
    contribution: Fraction
    maximum: Fraction
    lost: Fraction = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: _lost(self), takes_self=True),
        metadata=shape(derived=True),
    )
    """Score points not earned here: ``maximum - contribution``."""
    ratio: Fraction | None = None
    value: Fraction | None = None
    evidence_count: int = 0
    children: tuple[NodeResult, ...] = attrs.field(default=(), metadata=shape(omit="default"))

    def walk(self) -> Iterator[NodeResult]:
        """This node and every node below, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def _lost(result: NodeResult) -> Fraction:
    return _difference(result.maximum, result.contribution)


def _difference(maximum: Fraction, contribution: Fraction) -> Fraction:
    """``maximum - contribution``: over the product of the denominators, normalised once
    (a result is built per unit and indicator; this is the cheaper way to the same fraction)."""
    if type(maximum) is Fraction and type(contribution) is Fraction:
        most, top = maximum.as_integer_ratio()
        made, part = contribution.as_integer_ratio()
        return Fraction(most * part - made * top, top * part)
    return maximum - contribution


(
    _node_id,
    _node_kind,
    _node_title,
    _node_status,
    _node_weight,
    _node_contribution,
    _node_maximum,
    _node_lost,
    _node_ratio,
    _node_value,
    _node_evidence_count,
    _node_children,
) = (NodeResult.__dict__[field.name].__set__ for field in attrs.fields(NodeResult))


def indicator_node(
    id: str,
    title: Text,
    status: NodeStatus,
    weight: Fraction,
    contribution: Fraction,
    maximum: Fraction,
    ratio: Fraction | None,
    value: Fraction | None,
    evidence_count: int,
) -> NodeResult:
    """An indicator's result, equal to ``NodeResult(id, "indicator", ...)`` with no
    children, made without attrs' ``__init__`` (a result has no checks to skip; this is
    the cheaper way to the same object for the thousands a finish builds)."""
    node: NodeResult = object.__new__(NodeResult)
    _node_id(node, id)
    _node_kind(node, "indicator")
    _node_title(node, title)
    _node_status(node, status)
    _node_weight(node, weight)
    _node_contribution(node, contribution)
    _node_maximum(node, maximum)
    _node_lost(node, _difference(maximum, contribution))
    _node_ratio(node, ratio)
    _node_value(node, value)
    _node_evidence_count(node, evidence_count)
    _node_children(node, ())
    return node


@attrs.frozen
class ScoreCard:
    """The result for one unit.

    Attributes:
        score: the exact score, ``None`` when nothing below could be scored.
        published: the score rounded by the rubric's rule (what is printed and classified).
        band, zone: where ``published`` falls in the zone scheme (``None`` without a scheme).
        coverage: share of applicable weight actually evaluated from evidence, in ``[0, 1]``.
        breakdown: the rubric's top-level nodes with their contributions.
        children: score cards of the units below (empty for a leaf).
        method: the scoring model (leaf) or aggregation method (inner unit) used.
    """

    unit_id: str = attrs.field(metadata=shape(key="unit/id"))
    name: str = attrs.field(metadata=shape(key="unit/name"))
    level: str = attrs.field(metadata=shape(key="unit/level"))
    score: Fraction | None = attrs.field(metadata=shape(omit="never"))
    published: Decimal | None = attrs.field(metadata=shape(omit="never"))
    band: Band | None = attrs.field(metadata=shape(omit="never"))
    zone: Zone | None = attrs.field(metadata=shape(omit="never"))
    coverage: Fraction
    breakdown: tuple[NodeResult, ...]
    children: tuple[ScoreCard, ...] = ()
    evidence_count: int = attrs.field(default=0, metadata=shape(after="coverage"))
    method: str = attrs.field(default="", metadata=shape(after="evidence_count"))
    target: TargetResult | None = None
    """The unit's agreed target, when targets were given (see :class:`~pelayanan.TargetSet`)."""

    def __attrs_post_init__(self) -> None:
        if (self.band is None) != (self.zone is None):
            message = N_("score card {unit!r}: a band needs its zone and a zone its band")
            raise InvalidValueError(Message(message, {"unit": self.unit_id}))
        if self.band is not None and self.zone is not None:
            if self.band.zone != self.zone.id:
                message = N_(
                    "score card {unit!r}: band {band!r} belongs to zone {zone!r}, but the "
                    "card's zone is {card!r}"
                )
                values = {
                    "unit": self.unit_id,
                    "band": self.band.code,
                    "zone": self.band.zone,
                    "card": self.zone.id,
                }
                raise InvalidValueError(Message(message, values))
            if self.published is None:
                message = N_(
                    "score card {unit!r}: a band is given ({band!r}) without the published "
                    "score it was given for"
                )
                raise InvalidValueError(
                    Message(message, {"unit": self.unit_id, "band": self.band.code})
                )

    def walk(self) -> Iterator[ScoreCard]:
        """This card and every card below it, parents first."""
        stack = [self]
        while stack:
            card = stack.pop()
            yield card
            stack.extend(reversed(card.children))

    def node(self, node_id: str) -> NodeResult:
        """The breakdown node with ``node_id``."""
        for top in self.breakdown:
            for node in top.walk():
                if node.id == node_id:
                    return node
        raise KeyError(f"no breakdown node {node_id!r} for unit {self.unit_id!r}")


class Deferred:
    """A breakdown not built yet: :meth:`build` makes it, the same tuple every time.

    Finishing thousands of units scores each from a few integers; its breakdown (a result
    per indicator and group) costs several times the score and most callers never read it
    (a ranking, a results table). A card can hold one of these instead of the tuple; the
    card builds it the first time its :attr:`ScoreCard.breakdown` is read and keeps it, so
    every reader (equality, hashing, converters, pickling) sees the tuple.
    """

    __slots__ = ("_args", "_make")

    def __init__(self, make: Callable[..., tuple[NodeResult, ...]], *args: object) -> None:
        self._make = make
        self._args = args

    def build(self) -> tuple[NodeResult, ...]:
        """The breakdown, built as :func:`building_results` builds: the cyclic collector
        paused meanwhile and what was made moved to the oldest generation (reading every
        card's breakdown would otherwise walk the whole assessment again and again)."""
        _pause_collector(True)
        try:
            return self._make(*self._args)
        finally:
            _resume_collector()


class _Breakdown:
    """The descriptor of :attr:`ScoreCard.breakdown`: the attrs slot, read through so that
    a :class:`Deferred` kept in it is built (once) on first reading."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, card: ScoreCard | None, owner: type | None = None) -> Any:
        if card is None:
            return self._slot  # on the class: the slot, as attrs made it
        value = self._slot.__get__(card, owner)
        if type(value) is not Deferred:
            return value
        built = value.build()
        # Two threads may both build it: the first tuple kept is the one every reader gets,
        # so a breakdown once read stays the same object.
        with _Pauses.lock:
            kept = self._slot.__get__(card, owner)
            if kept is value:
                self._slot.__set__(card, built)
                return built
        return kept

    def __set__(self, card: ScoreCard, value: object) -> None:
        self._slot.__set__(card, value)


# The slot keeps its name and field, so attrs (init, eq, hash, repr, evolve, pickling) and
# the converters are unchanged; only reading goes through the descriptor.
_BREAKDOWN = ScoreCard.__dict__["breakdown"]
setattr(ScoreCard, "breakdown", _Breakdown(_BREAKDOWN))  # noqa: B010

_new = object.__new__
(
    _set_unit_id,
    _set_name,
    _set_level,
    _set_score,
    _set_published,
    _set_band,
    _set_zone,
    _set_coverage,
    _set_breakdown,
    _set_children,
    _set_evidence_count,
    _set_method,
    _set_target,
) = (
    (ScoreCard.__dict__[field.name] if field.name != "breakdown" else _BREAKDOWN).__set__
    for field in attrs.fields(ScoreCard)
)


def trusted_card(
    unit_id: str,
    name: str,
    level: str,
    score: Fraction | None,
    published: Decimal | None,
    band: Band | None,
    zone: Zone | None,
    coverage: Fraction,
    breakdown: tuple[NodeResult, ...] | Deferred,
    evidence_count: int,
    method: str,
) -> ScoreCard:
    """A leaf card made by the finish step, which guarantees what
    :class:`ScoreCard`'s checks check (a band only with its own zone and the published
    score it was placed by): the fields are set without checking them again. ``breakdown``
    may be :class:`Deferred`. Everything else builds cards with the checked constructor.
    """
    card = _new(ScoreCard)
    _set_unit_id(card, unit_id)
    _set_name(card, name)
    _set_level(card, level)
    _set_score(card, score)
    _set_published(card, published)
    _set_band(card, band)
    _set_zone(card, zone)
    _set_coverage(card, coverage)
    _set_breakdown(card, breakdown)
    _set_children(card, ())
    _set_evidence_count(card, evidence_count)
    _set_method(card, method)
    _set_target(card, None)
    return card


@attrs.frozen
class ResultProvenance:
    """What produced an assessment, so it can be re-scored and compared years later."""

    rubric_id: str = attrs.field(metadata=shape(key="rubric/id"))
    rubric_version: str = attrs.field(metadata=shape(key="rubric/version"))
    rubric_hash: str = attrs.field(metadata=shape(key="rubric/hash"))
    """``sha256:`` of the rubric's canonical data (parameters bound)."""
    library_version: str = attrs.field(metadata=shape(after="scoring_model"))
    evidence_count: int = attrs.field(metadata=shape(after="library_version"))
    parameters: tuple[tuple[str, str], ...] = attrs.field(
        default=(), metadata=shape(after="zone_scheme_hash")
    )
    zone_scheme_id: str | None = attrs.field(default=None, metadata=shape(key="zone_scheme/id"))
    zone_scheme_version: str | None = attrs.field(
        default=None, metadata=shape(key="zone_scheme/version")
    )
    zone_scheme_hash: str | None = attrs.field(default=None, metadata=shape(key="zone_scheme/hash"))
    scoring_model: str = ""
    assessed_on: str | None = None
    """A date given by the caller (results carry no clock time, so they are reproducible)."""


@attrs.frozen
class Assessment:
    """Every unit's score card (as trees from the roots) and the provenance."""

    provenance: ResultProvenance
    cards: tuple[ScoreCard, ...]
    records: tuple[EvidenceRecord, ...] = attrs.field(default=(), metadata=shape(omit="default"))
    """The notes and references of the evidence that carried one, in evidence order."""

    def walk(self) -> Iterator[ScoreCard]:
        """Every card, parents before children."""
        for card in self.cards:
            yield from card.walk()

    def scheme_problems(self, scheme: ZoneScheme) -> list[str]:
        """How this assessment's bands and zones disagree with ``scheme`` (the scheme its
        provenance names), each problem with the JSON pointer of the card in a result file;
        empty when they agree."""
        problems: list[str] = []
        stack = [(f"/cards/{i}", card) for i, card in enumerate(self.cards)]
        while stack:
            pointer, card = stack.pop()
            if card.band is not None and card.zone is not None:
                codes = {band.code for band in scheme.bands}
                zones = {zone.id for zone in scheme.zones}
                if card.zone.id not in zones:
                    problems.append(
                        f"{pointer}/zone/id: zone {card.zone.id!r} of unit {card.unit_id!r} is "
                        f"not a zone of {scheme.ref} (its zones: {', '.join(sorted(zones))})"
                    )
                elif card.band.code not in codes:
                    problems.append(
                        f"{pointer}/band/code: band {card.band.code!r} of unit "
                        f"{card.unit_id!r} is not a band of {scheme.ref}"
                    )
            stack.extend(
                (f"{pointer}/children/{i}", child) for i, child in enumerate(card.children)
            )
        return sorted(problems)

    def __getitem__(self, unit_id: str) -> ScoreCard:
        for card in self.walk():
            if card.unit_id == unit_id:
                return card
        raise KeyError(f"no score card for unit {unit_id!r}")

    def rows(self) -> list[dict[str, object]]:
        """One plain row per unit, parents first: ids, the exact score as text (``"800/9"``),
        the published score, band, zone, coverage and evidence count."""
        with building_results():
            return self._rows()

    def _rows(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        stack: list[tuple[ScoreCard, str | None]] = [(card, None) for card in reversed(self.cards)]
        texts: dict[Fraction, str] = {}  # coverages repeat (most are 1): each written once
        while stack:
            card, parent = stack.pop()
            score, band, zone, coverage = card.score, card.band, card.zone, card.coverage
            shown = texts.get(coverage)
            if shown is None:
                shown = texts[coverage] = _fraction_text(coverage)
            rows.append(
                {
                    "unit": card.unit_id,
                    "name": card.name,
                    "level": card.level,
                    "parent": parent,
                    "score": None if score is None else _fraction_text(score),
                    "published": card.published,
                    "band": None if band is None else band.code,
                    "zone": None if zone is None else zone.id,
                    "coverage": shown,
                    "evidence_count": card.evidence_count,
                    "method": card.method,
                }
            )
            if card.children:
                stack.extend((child, card.unit_id) for child in reversed(card.children))
        return rows

    def to_arrow(self) -> Any:
        """The :meth:`rows` as a ``pyarrow.Table`` (``published`` as an exact decimal;
        ``score`` and ``coverage`` as exact text). Needs pyarrow."""
        pa = importlib.import_module("pyarrow")
        rows = self.rows()
        places = max(
            (_places(row["published"]) for row in rows if isinstance(row["published"], Decimal)),
            default=2,
        )
        schema = pa.schema(
            [
                ("unit", pa.string()),
                ("name", pa.string()),
                ("level", pa.string()),
                ("parent", pa.string()),
                ("score", pa.string()),
                ("published", pa.decimal128(38, max(places, 0))),
                ("band", pa.string()),
                ("zone", pa.string()),
                ("coverage", pa.string()),
                ("evidence_count", pa.int64()),
                ("method", pa.string()),
            ]
        )
        return pa.Table.from_pylist(rows, schema=schema)

    def to_pandas(self) -> Any:
        """The :meth:`rows` as a ``pandas.DataFrame`` (``published`` holds
        :class:`~decimal.Decimal` values, so nothing is rounded through floats). Needs
        pandas."""
        pd = importlib.import_module("pandas")
        return pd.DataFrame(self.rows(), columns=list(_COLUMNS))


_COLUMNS = (
    "unit",
    "name",
    "level",
    "parent",
    "score",
    "published",
    "band",
    "zone",
    "coverage",
    "evidence_count",
    "method",
)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _fraction_text(value: Fraction) -> str:
    numerator, denominator = value.as_integer_ratio()
    return str(numerator) if denominator == 1 else f"{numerator}/{denominator}"
