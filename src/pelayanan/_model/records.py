"""What a result keeps of the practice around a score: the target a unit agreed to reach, and
the notes and references (uji publik minutes, SK and maklumat numbers) its evidence carried."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from pelayanan._model.evidence import Evidence, EvidenceKind
from pelayanan._model.ids import check_id, check_unit_id
from pelayanan._model.numbers import to_decimal
from pelayanan._model.shape import shape

__all__ = ["EvidenceRecord", "TargetResult", "recording"]


def _score(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="target score")


def _gap(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="gap")


@attrs.frozen
class TargetResult:
    """A unit's agreed target beside its published score.

    Attributes:
        score: the target score (for a band target: the band's lower bound).
        band: the target band's code (for a score target: the band that score falls in,
            when the result has a zone scheme).
        gap: published score minus target score (``None`` when the unit has no score).
        met: whether the published score reaches the target (``None`` without a score).
        period: the targets' period, e.g. ``2024``.
        agreed_by, agreed_at: who agreed it (e.g. the mayor and the unit head) and when.
    """

    score: Decimal | None = attrs.field(converter=_score, metadata=shape(omit="never"))
    band: str | None = attrs.field(default=None, metadata=shape(omit="never"))
    gap: Decimal | None = attrs.field(default=None, converter=_gap, metadata=shape(omit="never"))
    met: bool | None = attrs.field(default=None, metadata=shape(omit="never"))
    period: str | None = None
    agreed_by: str | None = None
    agreed_at: str | None = None


@attrs.frozen
class EvidenceRecord:
    """The note and reference of one evidence item, kept in the result for the record."""

    unit: str = attrs.field(validator=check_unit_id)
    indicator: str = attrs.field(validator=check_id)
    kind: str | None = None
    reference: str | None = None
    note: str | None = None
    collector: str | None = None
    collected_at: str | None = None


def recording(evidence: Iterable[Evidence], into: list[EvidenceRecord]) -> Iterator[Evidence]:
    """Pass ``evidence`` through unchanged, appending to ``into`` the record of every item
    whose provenance has a note or a reference (read as the items stream past, so a large
    file is still read once). Survey answers are recorded only when they carry a note: their
    reference is the respondent, one per answer, which the result need not repeat."""
    for item in evidence:
        p = item.provenance
        if p.kind is EvidenceKind.SURVEY_RESPONSE and not p.note:
            yield item
            continue
        if p.note or p.reference:
            into.append(
                EvidenceRecord(
                    item.unit,
                    item.indicator,
                    None if p.kind is None else p.kind.value,
                    p.reference,
                    p.note,
                    p.collector,
                    None if p.collected_at is None else p.collected_at.isoformat(),
                )
            )
        yield item
