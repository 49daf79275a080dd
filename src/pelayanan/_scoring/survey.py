"""The SKM processing of PermenPANRB 14/2017 (and IKM of KepmenPAN 25/2004) over respondents.

From the respondents of one unit's survey (:class:`~pelayanan._model.survey.Response`),
:func:`analyse_survey` computes everything a unit's published SKM report holds, exactly:

* per element: the respondents who answered it, the total of their answers, the answer
  distribution, the NRR (total / respondents who answered), the weighted NRR (NRR x w),
  the NRR on the 25-100 scale (NRR x factor) and its mutu and kinerja by the zone scheme;
* the index: on 1-4 (the sum of the weighted NRRs) and converted (x factor, 25-100), with
  its mutu and kinerja; computed by the scoring engine (:func:`pelayanan._scoring.score`)
  from the same answers, so it is the score ``pelayanan score`` gives;
* the respondent profile (count and share per value of each attribute), the index per
  segment (per value of one attribute), the lowest elements, the sample adequacy
  (:func:`krejcie_morgan`) and the change from a previous period.

Everything is a :class:`~fractions.Fraction`; only display rounds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.problems import InvalidValueError
from pelayanan._model.rubric import Rubric
from pelayanan._model.scales import OrdinalScale
from pelayanan._model.survey import Response
from pelayanan._model.text import Text
from pelayanan._model.zones import Band, Zone, ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan._scoring.engine import score
from pelayanan._scoring.models import path_weights

__all__ = [
    "DEFAULT_MIN_SEGMENT",
    "PROFILE_ORDER",
    "ElementChange",
    "ElementResult",
    "IndexResult",
    "ProfileTable",
    "SampleAdequacy",
    "Segment",
    "SurveyAnalysis",
    "age_group",
    "analyse_survey",
    "attribute_value",
    "krejcie_morgan",
]

DEFAULT_MIN_SEGMENT = 30
"""Fewest respondents for a segment's index to be reported without a warning.

pelayanan's default, a common rule of thumb; the regulation sets no figure. Change it with
``min_segment``."""

PROFILE_ORDER = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", "jenis_layanan")
"""The profile attributes of the SKM questionnaire, in the order reports list them."""

AGE_GROUPS = (
    ("<20", 19),
    ("20-29", 29),
    ("30-39", 39),
    ("40-49", 49),
    ("50-59", 59),
    (">=60", None),
)
"""The age groups the profile counts ``usia`` by, as reports usually do: each label with the
highest age (in years) it holds; the last group is open."""

_CHI_SQUARE = Fraction("3.841")
_P = Fraction(1, 2)
_D = Fraction(1, 20)


def krejcie_morgan(population: int) -> int:
    """The Krejcie-Morgan sample size for a population of ``population`` people.

    ``s = X^2 N P (1 - P) / (d^2 (N - 1) + X^2 P (1 - P))`` with ``X^2 = 3.841``,
    ``P = 0.5`` and ``d = 0.05``, computed exactly and rounded up (project reference,
    section 3.0).

    >>> [krejcie_morgan(n) for n in (100, 1000, 10000, 1000000)]
    [80, 278, 370, 384]

    Raises:
        InvalidValueError: ``population`` is not a positive whole number.
    """
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise InvalidValueError(
            gettext("population: expected a whole number of 1 or more, got {value}").format(
                value=population
            )
        )
    spread = _CHI_SQUARE * _P * (1 - _P)
    size = spread * population / (_D * _D * (population - 1) + spread)
    return math.ceil(size)


@attrs.frozen
class ElementResult:
    """One element (unsur) of the survey.

    Attributes:
        answered: respondents who answered it (the NRR's denominator).
        total: the sum of their answers.
        distribution: ``(level value, count)`` for every level of the scale.
        nrr: ``total / answered`` (``None`` when nobody answered).
        weight: the element's weight (the chosen variant).
        weighted: ``nrr x weight``.
        converted: ``nrr x factor``, the NRR on the converted scale, which the zone scheme
            grades (``band``: mutu, ``zone``: kinerja).
    """

    id: str
    title: Text
    label: str
    answered: int
    total: Fraction
    distribution: tuple[tuple[Fraction, int], ...]
    nrr: Fraction | None
    weight: Fraction
    weighted: Fraction | None
    converted: Fraction | None
    band: Band | None = None
    zone: Zone | None = None


@attrs.frozen
class IndexResult:
    """The index of a set of respondents.

    Attributes:
        respondents: how many.
        index: on the answer scale (1-4): the sum of the weighted NRRs.
        converted: ``index x factor`` (25-100), exact.
        published: ``converted`` rounded by the rubric's rule (what is printed and graded).
        band, zone: mutu and kinerja of ``published`` by the zone scheme.
    """

    respondents: int
    index: Fraction | None
    converted: Fraction | None
    published: Decimal | None
    band: Band | None = None
    zone: Zone | None = None


@attrs.frozen
class ProfileTable:
    """Counts of respondents per value of one attribute; ``shares`` are of ``given``."""

    attribute: str
    rows: tuple[tuple[str, int], ...]
    given: int
    not_given: int

    def share(self, count: int) -> Fraction:
        """``count`` as a share of the respondents who gave this attribute."""
        return Fraction(count, self.given) if self.given else Fraction(0)


@attrs.frozen
class Segment:
    """The index of the respondents with one value of an attribute.

    ``too_few`` is set when fewer than the minimum answered: the index is computed but
    must not be published as the segment's; ``missing`` lists the elements nobody in the
    segment answered (then there is no index).
    """

    attribute: str
    value: str
    result: IndexResult
    too_few: bool
    missing: tuple[str, ...] = ()


@attrs.frozen
class SampleAdequacy:
    """Respondents received against the Krejcie-Morgan size for the population."""

    population: int
    required: int
    received: int

    @property
    def short(self) -> int:
        """Respondents missing to reach the required size (0 when enough)."""
        return max(self.required - self.received, 0)


@attrs.frozen
class ElementChange:
    """An element's NRR in the previous and the current period."""

    id: str
    previous: Fraction | None
    current: Fraction | None

    @property
    def change(self) -> Fraction | None:
        """``current - previous``, when both are known."""
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@attrs.frozen
class SurveyAnalysis:
    """Everything a unit's SKM report publishes (see the module)."""

    rubric: Rubric
    unit: str
    factor: Fraction
    elements: tuple[ElementResult, ...]
    overall: IndexResult
    responses: tuple[Response, ...]
    profile: tuple[ProfileTable, ...]
    segments: tuple[Segment, ...] = ()
    segment_by: str | None = None
    min_segment: int = DEFAULT_MIN_SEGMENT
    lowest: tuple[str, ...] = ()
    sample: SampleAdequacy | None = None
    previous: SurveyAnalysis | None = None
    previous_label: str | None = None

    def element(self, element_id: str) -> ElementResult:
        """The result of one element."""
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def changes(self) -> tuple[ElementChange, ...]:
        """Per element, the NRR of the previous period and of this one (empty without one)."""
        if self.previous is None:
            return ()
        before = {element.id: element.nrr for element in self.previous.elements}
        return tuple(
            ElementChange(element.id, before.get(element.id), element.nrr)
            for element in self.elements
        )


def _index(
    rubric: Rubric,
    scheme: ZoneScheme | None,
    unit: str,
    responses: Sequence[Response],
    models: Mapping[str, ScoringModel] | None,
) -> IndexResult:
    """The index of ``responses`` by the scoring engine (the rubric's missing policy)."""
    evidence = [item for response in responses for item in response.evidence()]
    assessment = score(rubric, evidence, zone_scheme=scheme, models=models)
    card = next((card for card in assessment.cards if card.unit_id == unit), None)
    if card is None or card.score is None:
        return IndexResult(len(responses), None, None, None)
    factor = rubric.scoring.number("factor", 1)
    return IndexResult(
        len(responses), card.score / factor, card.score, card.published, card.band, card.zone
    )


def _elements(
    rubric: Rubric,
    scheme: ZoneScheme | None,
    responses: Sequence[Response],
    factor: Fraction,
) -> tuple[ElementResult, ...]:
    weights = path_weights(rubric)
    results = []
    for position, indicator in enumerate(rubric.indicators(), start=1):
        answers = [value for r in responses if (value := r.answer(indicator.id)) is not None]
        counts = Counter(answers)
        levels = (
            [level.value for level in indicator.scale.levels]
            if isinstance(indicator.scale, OrdinalScale)
            else sorted(counts)
        )
        total = sum(answers, Fraction(0))
        nrr = total / len(answers) if answers else None
        converted = None if nrr is None else nrr * factor
        band = zone = None
        if converted is not None and scheme is not None:
            try:
                placed = scheme.classify(converted)
            except ValueError:
                placed = None
            if placed is not None:
                band, zone = placed.band, placed.zone
        label = indicator.aliases[0] if indicator.aliases else f"U{position}"
        results.append(
            ElementResult(
                indicator.id,
                indicator.title,
                label,
                len(answers),
                total,
                tuple((level, counts.get(level, 0)) for level in levels),
                nrr,
                weights[indicator.id],
                None if nrr is None else nrr * weights[indicator.id],
                converted,
                band,
                zone,
            )
        )
    return tuple(results)


def age_group(text: str) -> str | None:
    """The age group of an ``usia`` answer (``"34"`` -> ``"30-39"``), ``None`` if not a
    whole number of years."""
    try:
        years = int(text.strip())
    except ValueError:
        return None
    if years < 0:
        return None
    return next(label for label, high in AGE_GROUPS if high is None or years <= high)


def attribute_value(response: Response, attribute: str) -> str | None:
    """The value of ``attribute`` a response is counted under (``usia`` by age group)."""
    text = response.attribute(attribute)
    if text is None or attribute != "usia":
        return text
    return age_group(text) or text


def _profile(responses: Sequence[Response]) -> tuple[ProfileTable, ...]:
    present = {name for response in responses for name, _ in response.attributes}
    attributes = [name for name in PROFILE_ORDER if name in present]
    tables = []
    for attribute in attributes:
        values = [attribute_value(response, attribute) for response in responses]
        counts = Counter(value for value in values if value is not None)
        given = sum(counts.values())
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if attribute == "usia":
            rows = sorted(counts.items(), key=lambda item: _age_key(item[0]))
        tables.append(ProfileTable(attribute, tuple(rows), given, len(responses) - given))
    return tuple(tables)


def _age_key(group: str) -> tuple[int, str]:
    """Age groups in their order, then any other text given for ``usia``."""
    labels = [label for label, _ in AGE_GROUPS]
    return (labels.index(group) if group in labels else len(labels), group)


def _segments(
    rubric: Rubric,
    scheme: ZoneScheme | None,
    unit: str,
    responses: Sequence[Response],
    attribute: str,
    minimum: int,
    models: Mapping[str, ScoringModel] | None,
) -> tuple[Segment, ...]:
    groups: dict[str, list[Response]] = {}
    for response in responses:
        value = attribute_value(response, attribute)
        if value is not None:
            groups.setdefault(value, []).append(response)
    segments = []
    for value, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        answered = {element for r in members for element, _ in r.answers}
        missing = tuple(i.id for i in rubric.indicators() if i.id not in answered)
        if missing:
            result = IndexResult(len(members), None, None, None)
        else:
            result = _index(rubric, scheme, unit, members, models)
        segments.append(Segment(attribute, value, result, len(members) < minimum, missing))
    return tuple(segments)


def analyse_survey(
    rubric: Rubric,
    responses: Iterable[Response],
    *,
    zone_scheme: ZoneScheme | None = None,
    segment_by: str | None = None,
    min_segment: int = DEFAULT_MIN_SEGMENT,
    lowest: int = 3,
    population: int | None = None,
    previous: SurveyAnalysis | None = None,
    previous_label: str | None = None,
    models: Mapping[str, ScoringModel] | None = None,
) -> SurveyAnalysis:
    """Process one unit's survey as PermenPANRB 14/2017 describes (see the module).

    ``rubric`` must be resolved (its weight variant chosen); its scoring model's
    ``factor`` option converts the index (SKM: 25).

    Raises:
        InvalidValueError: no respondents, respondents of more than one unit, or a bad
            ``population``, ``lowest`` or ``min_segment``.
        ValueError: a rubric with unbound parameters (a wrong call: resolve it first).
        ScoringError: the engine cannot score the answers (e.g. an element nobody
            answered under the ``error`` missing policy).
    """
    chosen = tuple(responses)
    if not chosen:
        raise InvalidValueError(gettext("the survey has no respondents"))
    units = sorted({response.unit for response in chosen})
    if len(units) > 1:
        raise InvalidValueError(
            gettext(
                "the survey holds respondents of {count} units ({units}); report one unit at a time"
            ).format(count=len(units), units=", ".join(units[:10]))
        )
    if not rubric.is_resolved:
        raise ValueError(
            gettext("rubric {ref}: choose its parameters first (resolve it)").format(ref=rubric.ref)
        )
    if lowest < 0 or min_segment < 0:
        raise InvalidValueError(gettext("lowest and min_segment: expected 0 or more"))
    unit = units[0]
    factor = rubric.scoring.number("factor", 1)
    elements = _elements(rubric, zone_scheme, chosen, factor)
    overall = _index(rubric, zone_scheme, unit, chosen, models)
    segments: tuple[Segment, ...] = ()
    if segment_by is not None:
        segments = _segments(rubric, zone_scheme, unit, chosen, segment_by, min_segment, models)
    ranked = sorted(
        (element for element in elements if element.nrr is not None),
        key=lambda element: element.nrr or Fraction(0),
    )
    sample = None
    if population is not None:
        sample = SampleAdequacy(population, krejcie_morgan(population), len(chosen))
    return SurveyAnalysis(
        rubric=rubric,
        unit=unit,
        factor=factor,
        elements=elements,
        overall=overall,
        responses=chosen,
        profile=_profile(chosen),
        segments=segments,
        segment_by=segment_by,
        min_segment=min_segment,
        lowest=tuple(element.id for element in ranked[:lowest]),
        sample=sample,
        previous=previous,
        previous_label=previous_label,
    )
