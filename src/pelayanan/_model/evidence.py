"""Evidence: observed values per unit and indicator, each with its provenance."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Container, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import N_, gettext
from pelayanan._model.ids import check_id, check_unit_id
from pelayanan._model.limits import LimitError
from pelayanan._model.numbers import shown, to_exact
from pelayanan._model.problems import Finding, InvalidValueError, Message, suggest
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.shape import shape

__all__ = [
    "Evidence",
    "EvidenceKind",
    "EvidenceValue",
    "Provenance",
    "misfits",
    "to_evidence_value",
    "to_kind",
    "to_when",
    "value_problem",
]

EvidenceValue = bool | Fraction | str | None
"""A raw value: a boolean, an exact number, or text the indicator's scale reads (``"ya"``).
Numeric text such as ``"82.5"`` or ``"1/3"`` is stored as the exact number."""


class EvidenceKind(enum.StrEnum):
    """How a piece of evidence was gathered."""

    OBSERVATION = "observation"
    SELF_ASSESSMENT = "self_assessment"
    SURVEY_RESPONSE = "survey_response"
    DOCUMENT = "document"
    INTERVIEW = "interview"
    OTHER = "other"


def to_kind(value: object, what: str = "kind") -> EvidenceKind:
    """The evidence kind named ``value`` (``observation``, ``self_assessment``, ...): the one
    rule, which the table readers apply to a ``kind`` cell (in any case). A refusal's
    message starts with ``what`` (none when empty: a reader names the column itself)."""
    try:
        return EvidenceKind(value)  # type: ignore[arg-type]  # refused below if no name
    except ValueError:
        known = ", ".join(kind.value for kind in EvidenceKind)
        message = N_("{what}expected one of {known}, got {value}")
        values = {"what": _prefix(what), "known": known, "value": shown(value)}
        raise InvalidValueError(Message(message, values)) from None


def to_when(value: object, what: str = "collected_at") -> dt.datetime | dt.date | None:
    """When a piece of evidence was collected: an ISO 8601 date (``2024-03-31``) or date and
    time (``2024-03-31T09:30``, or with a space); the one rule, which the table readers apply
    to a ``collected_at`` cell (``what`` as for :func:`to_kind`)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if "T" in value or " " in value.strip():
                return dt.datetime.fromisoformat(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    message = N_("{what}expected a date such as 2024-03-31 (or a date and time), got {value}")
    raise InvalidValueError(Message(message, {"what": _prefix(what), "value": shown(value)}))


def _prefix(what: str) -> str:
    return f"{what}: " if what else ""


@attrs.frozen
class Provenance:
    """Who gathered a piece of evidence, how, when, and where it can be checked."""

    kind: EvidenceKind | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_kind)
    )
    collected_at: dt.datetime | dt.date | None = attrs.field(default=None, converter=to_when)
    collector: str | None = None
    reference: str | None = None
    """Where to check it: a photo id, a form number, a document path."""
    note: str | None = None


def to_evidence_value(value: object) -> EvidenceValue:
    """An evidence value as stored: numbers and number text exact, other text as text."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        # Text that is a number ("82.5", "1/3") is that exact number, so a value written to
        # plain data (where non-integers are text) reads back equal; other text stays text.
        try:
            return to_exact(value, what="evidence value")
        except LimitError:
            raise  # a number, but beyond the bounds: refused, not kept as text
        except ValueError:
            return value
    if isinstance(value, int | float | Decimal | Fraction):
        return to_exact(value, what="evidence value")
    raise InvalidValueError(
        gettext("evidence value: expected a boolean, number or text, got {value}").format(
            value=shown(value)
        )
    )


def value_problem(value: object, not_applicable: bool) -> str | None:
    """What breaks the rule of an item's value, in words (``None`` when it holds): an item has
    a value, or is marked not applicable, never both. The readers report it at their row and
    column (a blank cell is no value).

    >>> value_problem(None, not_applicable=True) is None
    True
    """
    if not_applicable and value is not None:
        return gettext("evidence marked not applicable must not carry a value")
    if not not_applicable and value is None:
        return gettext("the value is empty; give one, or mark the item not applicable")
    return None


def misfits(
    unit: str | None,
    indicator: str | None,
    not_applicable: bool,
    rubric: Rubric | None = None,
    indicators: Mapping[str, Indicator] | None = None,
    units: Container[str] | None = None,
    inner: Container[str] = (),
) -> list[Finding]:
    """What an item for ``unit`` and ``indicator`` breaks of the rules that tie evidence to a
    rubric and a unit tree, each placed at its key (``/indicator``, ``/not_applicable``,
    ``/unit``); ``None`` leaves a side unchecked.

    The indicator is one of ``rubric``'s (``indicators``, by id: a group takes no evidence)
    and is marked not applicable only where it allows it; the unit is one of ``units`` (the
    tree's ids) and none of ``inner`` (the units with units below them). A document places
    the findings in its file; scoring reports them by unit and indicator.
    """
    found: list[Finding] = []
    if rubric is not None and indicator is not None:
        known = {i.id: i for i in rubric.indicators()} if indicators is None else indicators
        named = known.get(indicator)
        values: dict[str, object] = {"name": indicator, "rubric": rubric.ref}
        if named is None:
            group = any(node.id == indicator for node in rubric.nodes())
            message = N_("{name!r} is a group in {rubric}{hint}")
            if not group:
                message = N_("{name!r} is no indicator in {rubric}{hint}")
            values["hint"] = suggest(indicator, known)
            found.append(Finding("/indicator", message, values=values))
        elif not_applicable and not named.allow_not_applicable:
            message = N_("indicator {name!r} may not be marked not applicable in {rubric}")
            found.append(Finding("/not_applicable", message, values=values))
    if unit is not None and units is not None and unit not in units:
        message = N_("unit {unit!r} is not in the unit tree")
        found.append(Finding("/unit", message, values={"unit": unit}))
    elif unit is not None and unit in inner:
        message = N_(
            "unit {unit!r} has units below it; evidence belongs to the units at the bottom"
        )
        found.append(Finding("/unit", message, values={"unit": unit}))
    return found


@attrs.frozen
class Evidence:
    """One observation of one indicator for one unit, or an explicit not-applicable marker.

    >>> Evidence("ktp", "persyaratan", True).value
    True
    >>> Evidence.not_applicable_for("ktp", "biaya").not_applicable
    True
    """

    unit: str = attrs.field(validator=check_unit_id)
    indicator: str = attrs.field(validator=check_id)
    value: EvidenceValue = attrs.field(default=None, converter=to_evidence_value)
    not_applicable: bool = attrs.field(default=False, metadata=shape(omit="default"))
    provenance: Provenance = attrs.field(factory=Provenance, metadata=shape(key=""))

    @not_applicable.validator
    def _check(self, attribute: attrs.Attribute[bool], flag: bool) -> None:
        problem = value_problem(self.value, flag)
        if problem is not None:
            raise InvalidValueError(
                gettext("evidence for '{unit}'/'{indicator}': {problem}").format(
                    unit=self.unit, indicator=self.indicator, problem=problem
                )
            )

    @classmethod
    def not_applicable_for(
        cls, unit: str, indicator: str, provenance: Provenance | None = None
    ) -> Evidence:
        """An explicit marker that ``indicator`` does not apply to ``unit``."""
        return cls(unit, indicator, None, True, provenance or Provenance())
