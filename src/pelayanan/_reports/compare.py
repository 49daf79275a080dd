"""Two assessments side by side: each unit's score change and zone transition."""

from __future__ import annotations

from decimal import Decimal

import attrs

from pelayanan._i18n import gettext, use_language
from pelayanan._model.results import Assessment, ScoreCard
from pelayanan._reports.figures import fmt_change
from pelayanan._reports.i18n import COLOUR_ZONES, level_name, words
from pelayanan._reports.tables import DOWN, UP, Cell, Table, score_cell, signed_cell, zone_cell
from pelayanan._reports.view import by_level, method_of, rank, rows_of

__all__ = ["Comparison", "UnitChange", "compare", "comparison_table", "transitions_table"]


@attrs.frozen
class UnitChange:
    """One unit in the old and the new assessment (either may be missing)."""

    unit_id: str
    name: str
    level: str
    old: ScoreCard | None
    new: ScoreCard | None
    comparable: bool = True
    """``False`` when the two results come from different methods (rubric or zone scheme):
    their scores are not on one scale, so :attr:`delta` is ``None`` and only zones compare."""
    old_rank: int | None = None
    """The unit's rank within its level in the old assessment (1 best; ties share a rank)."""
    new_rank: int | None = None
    """The unit's rank within its level in the new assessment."""

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost (negative) within the level, when ranked in both."""
        if self.old_rank is None or self.new_rank is None:
            return None
        return self.old_rank - self.new_rank

    @property
    def delta(self) -> Decimal | None:
        """New published score minus old, when both exist and the method is the same."""
        if self.old is None or self.new is None or not self.comparable:
            return None
        if self.old.published is None or self.new.published is None:
            return None
        return self.new.published - self.old.published

    @property
    def direction(self) -> str:
        """``up``, ``down`` or ``same`` (by band), ``new`` or ``gone``."""
        if self.old is None:
            return "new"
        if self.new is None:
            return "gone"
        if not self.comparable:
            # Across methods only the zones compare (merah < kuning < hijau).
            a = None if self.old.zone is None else self.old.zone.id
            b = None if self.new.zone is None else self.new.zone.id
            if a in COLOUR_ZONES and b in COLOUR_ZONES and a != b:
                return "up" if COLOUR_ZONES.index(b) > COLOUR_ZONES.index(a) else "down"
            return "same"
        old_band, new_band = self.old.band, self.new.band
        if old_band is not None and new_band is not None and old_band.code != new_band.code:
            return "up" if new_band.lower > old_band.lower else "down"
        return "same"


@attrs.frozen
class Comparison:
    """Every unit's change, zone transitions counted, and notes on what differs."""

    changes: tuple[UnitChange, ...]
    transitions: tuple[tuple[str, str, int], ...]
    """``(old zone id, new zone id, number of units)`` for units whose zone changed."""
    notes: tuple[str, ...]
    """What differs between the two results' methods, in the language in force when compared."""


def compare(old: Assessment, new: Assessment, level: str | None = None) -> Comparison:
    """Compare ``old`` with ``new`` unit by unit (units matched by id), optionally only the
    units of one ``level``."""
    po, pn = old.provenance, new.provenance
    same_method = method_of(old) == method_of(new)
    old_cards = {row.card.unit_id: row.card for row in rows_of(old)}
    new_cards = {row.card.unit_id: row.card for row in rows_of(new)}
    old_ranks, new_ranks = _ranks(old), _ranks(new)
    changes: list[UnitChange] = []
    for unit_id in [*new_cards, *(unit for unit in old_cards if unit not in new_cards)]:
        card = new_cards.get(unit_id) or old_cards[unit_id]
        changes.append(
            UnitChange(
                unit_id,
                card.name,
                card.level,
                old_cards.get(unit_id),
                new_cards.get(unit_id),
                same_method,
                old_ranks.get(unit_id),
                new_ranks.get(unit_id),
            )
        )
    if level is not None:
        changes = [change for change in changes if change.level == level]
    counts: dict[tuple[str, str], int] = {}
    for change in changes:
        if change.old is None or change.new is None:
            continue
        if change.old.zone is None or change.new.zone is None:
            continue
        if change.old.zone.id != change.new.zone.id:
            key = (change.old.zone.id, change.new.zone.id)
            counts[key] = counts.get(key, 0) + 1
    notes = []
    if not same_method:
        notes.append(
            gettext(
                "method change: the two results come from different methods, so their scores"
                " are not on one scale; no score change is given, only the zones are set side"
                " by side"
            )
        )
    rubrics = [f"{p.rubric_id}@{p.rubric_version}" for p in (po, pn)]
    if rubrics[0] != rubrics[1]:
        notes.append(
            gettext("different rubrics: {old} -> {new}").format(old=rubrics[0], new=rubrics[1])
        )
    elif po.rubric_hash != pn.rubric_hash:
        notes.append(
            gettext("same rubric id and version but different content (hash or parameters)")
        )
    schemes = [f"{p.zone_scheme_id}@{p.zone_scheme_version}" for p in (po, pn)]
    if schemes[0] != schemes[1]:
        notes.append(
            gettext(
                "different zone schemes: {old} -> {new}; zones are not comparable one to one"
            ).format(old=schemes[0], new=schemes[1])
        )
    transitions = tuple((a, b, n) for (a, b), n in counts.items())
    return Comparison(tuple(changes), transitions, tuple(notes))


def _ranks(assessment: Assessment) -> dict[str, int]:
    """Every ranked unit's place within its level (competition ranking, as ``rank``)."""
    places: dict[str, int] = {}
    for rows in by_level(assessment).values():
        for place, row in rank(rows):
            if place is not None:
                places[row.card.unit_id] = place
    return places


def _rank_cell(change: UnitChange) -> Cell:
    """``3 → 1 (▲2)``: the old and new place within the level, and the places moved."""
    if change.old_rank is None and change.new_rank is None:
        return Cell("-")
    old = "-" if change.old_rank is None else str(change.old_rank)
    new = "-" if change.new_rank is None else str(change.new_rank)
    moved = change.rank_change
    if not moved or not change.comparable:
        return Cell(f"{old} → {new}")
    arrow, colour = ("▲", UP) if moved > 0 else ("▼", DOWN)
    return Cell(f"{old} → {new} ({arrow}{abs(moved)})", colour)


def comparison_table(comparison: Comparison, lang: str = "id") -> Table:
    """One row per unit: old and new score, change, old and new zone, direction."""
    with use_language(lang):
        w = words(lang)
        rows = []
        for change in comparison.changes:
            old, new = change.old, change.new
            direction = change.direction
            label = {
                "up": f"▲ {w['up']}",
                "down": f"▼ {w['down']}",
                "same": w["same"],
                "new": w["only_new"],
                "gone": w["only_old"],
            }[direction]
            colour = {"up": UP, "down": DOWN}.get(direction)
            rows.append(
                (
                    change.name,
                    level_name(change.level, lang),
                    score_cell(old),
                    score_cell(new),
                    signed_cell(change.delta, fmt_change(change.delta)),
                    _rank_cell(change),
                    zone_cell(old, lang),
                    zone_cell(new, lang),
                    Cell(label, colour),
                )
            )
        headers = (
            w["unit"],
            w["level"],
            w["old"],
            w["new"],
            w["change"],
            w["rank"],
            f"{w['zone']} ({w['old'].lower()})",
            f"{w['zone']} ({w['new'].lower()})",
            w["direction"],
        )
        return Table(headers, rows, {2, 3, 4, 5})


def transitions_table(comparison: Comparison, labels: dict[str, str], lang: str = "id") -> Table:
    """How many units moved from one zone to another (``labels``: zone id -> label)."""
    w = words(lang)
    rows = [
        (
            f"{labels.get(a, a)} -> {labels.get(b, b)}",
            str(count),
        )
        for a, b, count in comparison.transitions
    ]
    return Table((w["transitions"], w["count"]), rows, {1})
