"""Rewards for compliant units: award rules over one or several assessment periods.

Three rules, each per level of the unit tree:

* ``top:N`` — the units ranked 1 to N on the published (rounded) score. Ranks are
  competition ranks ("1, 2, 2, 4"), so units tied at place N all get the award.
* ``most-improved`` — the largest rise of the published score from the previous period to
  the current one (:meth:`~pelayanan._reports.view.Report.change`: none across a change of
  method); tied rises share the award.
* ``first:ZONE`` — the unit(s) that reached ``ZONE`` (e.g. ``hijau``) in the earliest period
  in which any unit of the level was in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pelayanan._i18n import current_language, gettext, use_language
from pelayanan._model.problems import InvalidValueError
from pelayanan._model.results import Assessment
from pelayanan._model.text import Text
from pelayanan._reports.figures import fmt_score
from pelayanan._reports.view import Period, Report, Row, by_level, rank

__all__ = ["DEFAULT_RULES", "Award", "AwardRule", "award", "parse_rule"]


@attrs.frozen
class AwardRule:
    """``kind`` is ``top``, ``most-improved`` or ``first``; ``n`` for top, ``zone`` for first."""

    kind: str
    n: int = 3
    zone: str = "hijau"

    @property
    def text(self) -> str:
        """The rule as written on the command line."""
        if self.kind == "top":
            return f"top:{self.n}"
        if self.kind == "first":
            return f"first:{self.zone}"
        return self.kind


DEFAULT_RULES = (AwardRule("top", 3), AwardRule("most-improved"), AwardRule("first", zone="hijau"))
"""What the report lists when no rule is given."""


def parse_rule(text: str) -> AwardRule:
    """``top:3``, ``most-improved`` or ``first:hijau``.

    Raises:
        InvalidValueError: any other text, naming the accepted forms.
    """
    name, _, arg = text.strip().partition(":")
    if name == "top":
        if not arg.isdigit() or not 1 <= int(arg) <= 1000:
            raise InvalidValueError(
                gettext("award rule '{rule}': top needs a count from 1 to 1000, e.g. top:3").format(
                    rule=text
                )
            )
        return AwardRule("top", int(arg))
    if name == "most-improved" and not arg:
        return AwardRule("most-improved")
    if name == "first" and arg:
        return AwardRule("first", zone=arg)
    raise InvalidValueError(
        gettext("award rule '{rule}': expected top:N, most-improved or first:ZONE").format(
            rule=text
        )
    )


@attrs.frozen
class Award:
    """One unit's award: the rule, the level, the period, its place and why."""

    rule: str
    level: str
    unit_id: str
    name: str
    period: str
    place: int
    """1 for every winner of a rule except ``top`` (its competition rank)."""
    score: Decimal | None
    count: int | None = None
    """``top``: how many units were ranked."""
    rise: Decimal | None = None
    """``most-improved``: the rise of the published score since :attr:`since`."""
    since: str | None = None
    """``most-improved``: the label of the previous period."""
    zone: Text | None = None
    """``first``: the zone reached, as its scheme names it."""

    def describe(self, lang: str | None = None, *, machine: bool = False) -> str:
        """Why the unit has the award, in ``lang`` (default: the language in force):
        ``peringkat 2 dari 6`` / ``rank 2 of 6``, ``+12,30 sejak 2023`` / ``+12.30 since
        2023``, ``pertama mencapai Kepatuhan tinggi (2024)``. ``machine`` writes the rise
        with a dot whatever the language (for JSON)."""
        if lang is not None:
            with use_language(lang):
                return self.describe(machine=machine)
        if self.count is not None:
            return gettext("rank {place} of {count}").format(place=self.place, count=self.count)
        if self.rise is not None:
            shown = str(self.rise) if machine else fmt_score(self.rise)
            sign = "+" if self.rise > 0 else ""
            return gettext("{rise} since {period}").format(rise=sign + shown, period=self.since)
        zone = "-" if self.zone is None else self.zone.get(current_language())
        return gettext("first in {zone} ({period})").format(zone=zone, period=self.period)

    @property
    def detail(self) -> str:
        """:meth:`describe` in the language in force."""
        return self.describe()


def _levels(assessment: Assessment, level: str | None) -> Iterator[tuple[str, list[Row]]]:
    """The levels an award is given in: ``level`` alone when given, each with 2+ units."""
    for name, rows in by_level(assessment).items():
        if (level is None or name == level) and len(rows) >= 2:
            yield name, rows


def _award(rule: AwardRule, level: str, row: Row, period: str, place: int = 1, **why: Any) -> Award:
    """The award of ``rule`` to the unit of ``row``; ``why`` are the rule's own fields."""
    card = row.card
    return Award(rule.text, level, card.unit_id, card.name, period, place, card.published, **why)


def _top(rule: AwardRule, periods: Sequence[Period], level: str | None) -> list[Award]:
    current = periods[-1]
    found = []
    for name, rows in _levels(current.assessment, level):
        for place, row in rank(rows):
            if place is not None and place <= rule.n:
                found.append(_award(rule, name, row, current.label, place, count=len(rows)))
    return found


def _improved(rule: AwardRule, periods: Sequence[Period], level: str | None) -> list[Award]:
    report = Report(periods)
    label, since = periods[-1].label, periods[-2].label if len(periods) > 1 else None
    found = []
    for name, rows in _levels(report.current, level):
        rises = [(rise, row) for row in rows if (rise := report.change(row.card)) is not None]
        best = max((rise for rise, _ in rises), default=Decimal(0))
        for rise, row in sorted(rises, key=lambda pair: pair[1].card.unit_id):
            if best > 0 and rise == best:
                found.append(_award(rule, name, row, label, rise=rise, since=since))
    return found


def _first(rule: AwardRule, periods: Sequence[Period], level: str | None) -> list[Award]:
    found = []
    for name, _current in _levels(periods[-1].assessment, level):
        for period in periods:
            rows = by_level(period.assessment).get(name, [])
            reached = [r for r in rows if r.card.zone is not None and r.card.zone.id == rule.zone]
            if reached:
                for row in sorted(reached, key=lambda r: r.card.unit_id):
                    zone = None if row.card.zone is None else row.card.zone.label
                    found.append(_award(rule, name, row, period.label, zone=zone))
                break
    return found


def award(
    periods: Sequence[Period],
    rules: Sequence[AwardRule] = DEFAULT_RULES,
    level: str | None = None,
) -> list[Award]:
    """Every award the rules give over ``periods`` (oldest first; the last is current), for
    every level with two or more units (or only ``level``)."""
    if not periods:
        return []
    found: list[Award] = []
    for rule in rules:
        if rule.kind == "top":
            found += _top(rule, periods, level)
        elif rule.kind == "most-improved":
            found += _improved(rule, periods, level)
        else:
            found += _first(rule, periods, level)
    return found
