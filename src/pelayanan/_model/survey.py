"""Survey responses: one respondent's answers and profile, as read from a survey table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction

import attrs

from pelayanan._i18n import N_
from pelayanan._model.evidence import Evidence, Provenance
from pelayanan._model.problems import InvalidValueError, Message

__all__ = ["Response"]


def _to_answers(
    value: Mapping[str, Fraction] | Iterable[tuple[str, Fraction]],
) -> tuple[tuple[str, Fraction], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(element), Fraction(answer)) for element, answer in pairs)


def _to_attributes(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), str(text)) for name, text in pairs)


def _check_answers(
    instance: object,
    attribute: attrs.Attribute[tuple[tuple[str, Fraction], ...]],
    value: tuple[tuple[str, Fraction], ...],
) -> None:
    elements = [element for element, _ in value]
    if len(set(elements)) != len(elements):
        message = N_("a respondent answered an element twice: {elements}")
        raise InvalidValueError(Message(message, {"elements": str(elements)}))


@attrs.frozen
class Response:
    """One respondent (one row of a survey table).

    Attributes:
        row: the row number in its file (the header is the row it names).
        unit: the service unit the answers are about.
        answers: ``(element id, answer)`` for each element answered, in column order; an
            unanswered element is absent.
        attributes: ``(attribute, text)`` of the respondent's profile (``jenis_kelamin``,
            ``usia``, ``pendidikan``, ``pekerjaan``, ``jenis_layanan``, ``waktu_isi``, ...);
            a blank cell is absent.
        provenance: where the answers come from (respondent, collector, note).
    """

    row: int
    unit: str
    answers: tuple[tuple[str, Fraction], ...] = attrs.field(
        converter=_to_answers, validator=_check_answers
    )
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_to_attributes)
    provenance: Provenance = attrs.field(factory=Provenance)

    def answer(self, element: str) -> Fraction | None:
        """The answer to ``element``, or ``None`` when unanswered."""
        return next((value for key, value in self.answers if key == element), None)

    def attribute(self, name: str) -> str | None:
        """The respondent's ``name`` attribute, or ``None`` when blank or absent."""
        return next((text for key, text in self.attributes if key == name), None)

    def evidence(self) -> Iterator[Evidence]:
        """One evidence item per answer (what the scoring engine reads)."""
        for element, value in self.answers:
            yield Evidence(self.unit, element, value, provenance=self.provenance)
