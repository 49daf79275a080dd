"""Auditing a published SKM or IKM report: do its printed figures follow from its own inputs?

:func:`audit` reads a published-report document, takes the survey rubric it names, and tries
every :class:`~pelayanan._auditing.variants.Variant` (the weight: exact ``1/n``, the rubric's
declared variants, 0.11, 0.111, 0.071 or the stated one; times every rounding chain) on the
report's NRRs, in exact arithmetic. The simplest variant that reproduces every printed
figure at once explains the report. It then checks the printed category against the
instrument's table (and names another regime's table it fits instead), and the stated
weight against the figures.

The NRRs a variant starts from are, in order of preference: the element totals divided by
the respondents (when both are printed); the totals recovered from the printed NRRs and the
respondent count, when each NRR is the average of exactly one whole total; else the
printed NRRs themselves.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from pelayanan._auditing.report import PublishedReport, load_published_report
from pelayanan._auditing.variants import (
    KNOWN_WEIGHTS,
    MODES,
    PLACES,
    Chain,
    Computed,
    Variant,
    Weight,
    chains,
    compute,
    decimals,
    round_to,
    shown,
)
from pelayanan._documents.errors import DocumentError
from pelayanan._documents.loading import Document, load_document
from pelayanan._i18n import figure_text, gettext, ngettext
from pelayanan._model.convert._fields import plain
from pelayanan._model.numbers import RoundingMode, exact_to_str, to_exact
from pelayanan._model.rubric import Indicator, Rubric
from pelayanan._model.shape import shape
from pelayanan._model.zones import ZoneScheme
from pelayanan.plugins import Registry, get_registry
from pelayanan.plugins._registry import NotFoundError

__all__ = ["AuditFinding", "AuditResult", "Candidate", "Verdict", "audit"]

Verdict = Literal["consistent", "inconsistent", "undetermined"]
Severity = Literal["inconsistency", "note"]

EXIT_CONSISTENT = 0
EXIT_NOT_CONSISTENT = 3


@attrs.frozen
class Candidate:
    """What one weight variant gives for a printed figure.

    Attributes:
        weight: The weight's name (``"exact"``, ``"0.11"``...).
        rounding: The rounding chain tried with it, in words.
        value: The figure that variant prints.
        difference: Printed minus that value.
    """

    weight: str
    rounding: str
    value: str
    difference: str


@attrs.frozen
class AuditFinding:
    """Something the audit found about one printed figure (or the report).

    Attributes:
        kind: ``unexplained`` (no single variant reproduces this figure with the others),
            ``stated-weight`` (the figures contradict the stated weight), ``category``,
            ``nrr`` (an NRR that is no average of the answers), ``out-of-scale``,
            ``substitution`` or ``source`` (notes).
        pointer: The JSON pointer of the figure in the report document.
        message: The finding in words.
        severity: ``inconsistency`` or ``note``.
        printed: The printed figure, when there is one.
        candidates: What each weight variant gives instead, with the difference.
    """

    kind: str
    pointer: str
    message: str
    severity: Severity = attrs.field(default="inconsistency", metadata=shape(after="kind"))
    printed: str | None = None
    candidates: tuple[Candidate, ...] = attrs.field(default=(), metadata=shape(omit="default"))

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return plain(self)  # type: ignore[no-any-return]


@attrs.frozen
class AuditResult:
    """The outcome of auditing one published report.

    Attributes:
        verdict: ``consistent``, ``inconsistent`` or ``undetermined``.
        report: The report as read.
        instrument: The rubric reference (``skm-2017@2017``).
        weight: The explaining weight's name (``"exact"``, ``"0.11"``...), if any.
        weight_value: That weight, exact (``"1/9"``).
        chain: The explaining rounding chain, if any.
        converted_places: Decimals the converted score was printed with.
        rounding_text: The chain in words.
        checked: How many printed figures were checked.
        explained: How many of them the explaining (or best) variant reproduces.
        alternatives: Other variants, as simple, that reproduce every figure too.
        findings: Inconsistencies first, then notes.
        index: The index the explaining variant gives (exact, as text).
        converted: The converted score it gives (exact, as text).
        category: The category the instrument's table gives the converted score.
    """

    verdict: Verdict
    report: PublishedReport
    instrument: str
    weight: str | None
    weight_value: str | None
    chain: Chain | None
    converted_places: int | None
    rounding_text: str | None
    checked: int
    explained: int
    alternatives: tuple[str, ...]
    findings: tuple[AuditFinding, ...]
    index: str | None = None
    converted: str | None = None
    category: str | None = None

    @property
    def exit_code(self) -> int:
        """0 when consistent, 3 when inconsistent or undetermined."""
        return EXIT_CONSISTENT if self.verdict == "consistent" else EXIT_NOT_CONSISTENT

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data, naming the verdict, the variant and the findings."""
        rounding: dict[str, Any] | None = None
        if self.chain is not None:
            rounding = {
                "nrr": self.chain.nrr,
                "weighted_nrr": self.chain.weighted,
                "index": self.chain.index,
                "converted": self.converted_places,
                "mode": str(self.chain.mode),
                "text": self.rounding_text,
            }
        return {
            "verdict": self.verdict,
            "source": self.report.source,
            "unit": self.report.unit,
            "instrument": self.instrument,
            "weight": self.weight,
            "weight_value": self.weight_value,
            "rounding": rounding,
            "figures_checked": self.checked,
            "figures_explained": self.explained,
            "index": self.index,
            "converted": self.converted,
            "category": self.category,
            "alternatives": list(self.alternatives),
            "findings": [finding.to_data() for finding in self.findings],
        }


# --- the instrument ---------------------------------------------------------------------


@attrs.frozen
class _Instrument:
    rubric: Rubric
    elements: tuple[str, ...]
    factor: Fraction
    low: Fraction
    high: Fraction
    choices: tuple[tuple[str, Fraction], ...]
    scheme: ZoneScheme
    others: tuple[ZoneScheme, ...]


def _instrument(report: PublishedReport, registry: Registry, document: Document) -> _Instrument:
    """The survey rubric the report names, checked to be auditable."""

    def stop(pointer: str, message: str) -> DocumentError:
        return DocumentError([document.problem(pointer, message)])

    surveys = [r for r in registry.rubrics() if r.scoring.model == "survey_index"]
    known = ", ".join(sorted({r.id for r in surveys}))
    try:
        rubric = registry.get_rubric(report.instrument)
    except NotFoundError:
        message = gettext("unknown instrument '{name}'; the survey rubrics are: {known}")
        raise stop("/instrument", message.format(name=report.instrument, known=known)) from None
    if rubric.scoring.model != "survey_index":
        message = gettext(
            "{rubric} is scored by '{model}', not as a survey index; an audited report "
            "follows a survey rubric ({known})"
        )
        raise stop(
            "/instrument",
            message.format(rubric=rubric.ref, model=rubric.scoring.model, known=known),
        )
    resolved = rubric if rubric.is_resolved else rubric.resolve({})
    children = resolved.children
    if not all(isinstance(child, Indicator) for child in children):
        message = gettext("{rubric} has groups; an audit needs flat survey elements")
        raise stop("/instrument", message.format(rubric=rubric.ref))
    indicators = [child for child in children if isinstance(child, Indicator)]
    weights = {child.weight for child in indicators}
    scales = {(child.scale.minimum, child.scale.maximum) for child in indicators}
    if len(weights) != 1 or len(scales) != 1:
        message = gettext(
            "{rubric} does not give every element the same weight and answer scale; an "
            "audit compares equal-weight variants only"
        )
        raise stop("/instrument", message.format(rubric=rubric.ref))
    if len(report.nrr) != len(indicators):
        message = gettext("expected {count} NRRs, one per element of {rubric}, got {given}")
        raise stop(
            "/nrr",
            message.format(count=len(indicators), rubric=rubric.ref, given=len(report.nrr)),
        )
    choices: list[tuple[str, Fraction]] = []
    for parameter in rubric.parameters:
        if parameter.id == "weight":
            choices = [(name, to_exact(value)) for name, value in parameter.choices]
    try:
        scheme = registry.get_zone_scheme(rubric.zone_scheme or "")
    except NotFoundError:
        message = gettext("{rubric} names no known zone scheme")
        raise stop("/instrument", message.format(rubric=rubric.ref)) from None
    others: list[ZoneScheme] = []
    for other in surveys:
        if other.zone_scheme in {None, scheme.id, *(s.id for s in others)}:
            continue
        try:
            others.append(registry.get_zone_scheme(other.zone_scheme or ""))
        except NotFoundError:
            continue
    ((low, high),) = scales
    return _Instrument(
        rubric=rubric,
        elements=tuple(child.id for child in indicators),
        factor=rubric.scoring.number("factor", 1),
        low=low,
        high=high,
        choices=tuple(choices),
        scheme=scheme,
        others=tuple(others),
    )


def _weights(report: PublishedReport, instrument: _Instrument) -> list[Weight]:
    """The candidate weights, most preferred first, without two of the same value."""
    count = len(report.nrr)
    found: list[Weight] = [Weight("exact", Fraction(1, count), 0)]
    named = [(name, value) for name, value in instrument.choices if name != "exact"]
    named += [(text, Fraction(Decimal(text))) for text in KNOWN_WEIGHTS]
    if report.stated_weight is not None:
        named.append((report.stated_weight, to_exact(report.stated_weight)))
    for name, value in named:
        if all(value != weight.value for weight in found):
            found.append(Weight(name, value, len(found)))
    return found


# --- figures ----------------------------------------------------------------------------


@attrs.frozen
class _Figure:
    kind: Literal["nrr", "weighted", "index", "converted"]
    pointer: str
    label: str
    printed: Decimal
    position: int = 0

    @property
    def places(self) -> int:
        """Compared at the printed decimals, at least two (a printed 100 is 100.00)."""
        return max(2, decimals(self.printed))

    @property
    def exact(self) -> Fraction:
        return Fraction(self.printed)

    def values(self, base: Sequence[Fraction], computed: Computed, chain: Chain) -> list[Fraction]:
        """The values a variant may print for this figure.

        The index may be printed before its rounding, or after it when printed with no more
        decimals than that rounding kept.
        """
        if self.kind == "nrr":
            return [base[self.position]]
        if self.kind == "weighted":
            return [computed.weighted[self.position]]
        if self.kind == "index":
            if chain.index is None or self.places > chain.index:
                return [computed.index]
            return [computed.index, round_to(computed.index, chain.index, chain.mode)]
        return [computed.converted]

    def matches(self, base: Sequence[Fraction], computed: Computed, chain: Chain) -> bool:
        return any(
            round_to(value, self.places, chain.mode) == self.exact
            for value in self.values(base, computed, chain)
        )


def _figures(report: PublishedReport, labels: Sequence[str], with_nrr: bool) -> list[_Figure]:
    figures: list[_Figure] = []
    if with_nrr:
        nrr = gettext("NRR of {element}")
        figures += [
            _Figure("nrr", f"/nrr/{i}", nrr.format(element=labels[i]), value, i)
            for i, value in enumerate(report.nrr)
        ]
    weighted = gettext("weighted NRR of {element}")
    for i, value in enumerate(report.weighted_nrr or ()):
        label = weighted.format(element=labels[i])
        figures.append(_Figure("weighted", f"/weighted_nrr/{i}", label, value, i))
    if report.index is not None:
        figures.append(_Figure("index", "/index", gettext("index"), report.index))
    if report.converted is not None:
        label = gettext("converted score")
        figures.append(_Figure("converted", "/converted", label, report.converted))
    return figures


# --- where the NRRs come from ------------------------------------------------------------


@attrs.frozen
class _Base:
    values: tuple[Fraction, ...]
    source: Literal["totals", "respondents", "printed"]
    nrr_places: tuple[int, ...]


def _recover(report: PublishedReport, mode: RoundingMode) -> tuple[Fraction, ...] | None:
    """The NRRs as whole totals over the respondents, when each printed NRR allows one."""
    respondents = report.respondents
    if respondents is None:
        return None
    recovered = []
    for printed in report.nrr:
        places = max(2, decimals(printed))
        unit = Fraction(1, 10**places)
        centre = Fraction(printed) * respondents
        low = int((centre - unit * respondents).__floor__())
        high = int((centre + unit * respondents).__ceil__())
        if high - low > 10_000:
            return None
        fits = [
            total
            for total in range(max(low, 0), high + 1)
            if round_to(Fraction(total, respondents), places, mode) == Fraction(printed)
        ]
        if len(fits) != 1:
            return None
        recovered.append(Fraction(fits[0], respondents))
    return tuple(recovered)


def _bases(report: PublishedReport) -> dict[RoundingMode, _Base]:
    if report.element_totals is not None and report.respondents is not None:
        values = tuple(Fraction(t, report.respondents) for t in report.element_totals)
        return {mode: _Base(values, "totals", PLACES) for mode in MODES}
    bases = {}
    printed = tuple(Fraction(value) for value in report.nrr)
    fewest = min(decimals(value) for value in report.nrr)
    for mode in MODES:
        recovered = _recover(report, mode)
        if recovered is not None:
            bases[mode] = _Base(recovered, "respondents", PLACES)
        else:
            bases[mode] = _Base(printed, "printed", tuple(p for p in PLACES if p < fewest))
    return bases


# --- the search -------------------------------------------------------------------------


@attrs.frozen
class _Trial:
    variant: Variant
    base: _Base
    computed: Computed
    matched: frozenset[int]

    def order(self) -> tuple[int, tuple[int, int, int, tuple[int, int, int]]]:
        """Most figures reproduced first, then the simplest."""
        return (-len(self.matched), self.variant.key())


def _search(
    weights: Sequence[Weight],
    bases: Mapping[RoundingMode, _Base],
    figures: Sequence[_Figure],
    factor: Fraction,
) -> list[_Trial]:
    trials = []
    for weight in weights:
        for mode in MODES:
            base = bases[mode]
            for chain in chains(base.nrr_places, mode):
                variant = Variant(weight, chain)
                computed = compute(base.values, variant, factor)
                matched = frozenset(
                    i
                    for i, figure in enumerate(figures)
                    if figure.matches(base.values, computed, chain)
                )
                trials.append(_Trial(variant, base, computed, matched))
    trials.sort(key=_Trial.order)
    return trials


def _difference(printed: Decimal, value: str) -> str:
    difference = printed - Decimal(value)
    return f"{difference:+f}"


def _candidate(figure: _Figure, trial: _Trial, factor: Fraction) -> Candidate:
    """What ``trial``'s variant prints for ``figure``, beside what the report printed."""
    chain = trial.variant.chain
    value = figure.values(trial.base.values, trial.computed, chain)[-1]
    text = shown(value, figure.places, chain.mode)
    name = trial.variant.weight.name
    return Candidate(name, chain.describe(factor), text, _difference(figure.printed, text))


def _candidates(figure: _Figure, trials: Sequence[_Trial], factor: Fraction) -> list[Candidate]:
    """Per weight, what its best trial prints for ``figure``."""
    best: dict[str, _Trial] = {}
    for trial in trials:  # sorted: the first per weight is its best
        best.setdefault(trial.variant.weight.name, trial)
    return [_candidate(figure, trial, factor) for trial in best.values()]


def _variant_text(variant: Variant, factor: Fraction) -> str:
    return gettext("weight {weight}, {rounding}").format(
        weight=variant.weight.text, rounding=variant.chain.describe(factor)
    )


# --- the audit --------------------------------------------------------------------------


def audit(
    source: str | os.PathLike[str] | Mapping[str, Any] | Document,
    *,
    registry: Registry | None = None,
    name: str | None = None,
) -> AuditResult:
    """Audit a published SKM or IKM report: which variant explains its printed figures?

    Args:
        source: A published-report document: a path (YAML or JSON), a mapping or a
            loaded document.
        registry: Where the instrument's rubric and zone schemes are found (default: the
            process-wide lenient registry, ``get_registry(strict=False)``, with the built-in
            rubrics and installed plugins, found once however many reports are audited).
        name: The name to show in problems instead of the path.

    Returns:
        The verdict, the explaining variant and the findings.

    Raises:
        DocumentError: the report is not a valid published-report document (every problem
            listed with file, JSON pointer and line), or names an unknown instrument.
    """
    document = source if isinstance(source, Document) else load_document(source, name=name)
    report = load_published_report(document)
    if registry is None:
        registry = get_registry(strict=False)
    instrument = _instrument(report, registry, document)
    return _audit(report, instrument)


def _audit(report: PublishedReport, instrument: _Instrument) -> AuditResult:
    factor = instrument.factor
    labels = list(report.elements or instrument.elements)
    findings: list[AuditFinding] = []
    notes: list[AuditFinding] = []
    for position, element in enumerate(labels):
        if element not in instrument.elements:
            notes.append(
                AuditFinding(
                    "substitution",
                    f"/elements/{position}",
                    gettext(
                        "element '{element}' is not in {rubric}: read as a local "
                        "substitution, which keeps the equal weights"
                    ).format(element=element, rubric=instrument.rubric.ref),
                    "note",
                )
            )
    findings += _scale_findings(report, instrument, labels)
    bases = _bases(report)
    base_source = bases[RoundingMode.HALF_UP].source
    if base_source == "respondents":
        notes.append(
            AuditFinding(
                "source",
                "/nrr",
                ngettext(
                    "element totals recovered from the printed NRRs and {count} respondent "
                    "(each NRR is the average of exactly one whole total)",
                    "element totals recovered from the printed NRRs and {count} respondents "
                    "(each NRR is the average of exactly one whole total)",
                    report.respondents or 0,
                ).format(count=report.respondents),
                "note",
            )
        )
    elif base_source == "printed":
        notes.append(
            AuditFinding(
                "source",
                "/nrr",
                gettext(
                    "the NRRs are taken as printed (no element totals, and no respondent "
                    "count that recovers them)"
                ),
                "note",
            )
        )
    figures = _figures(report, labels, with_nrr=base_source != "printed")
    determining = [figure for figure in figures if figure.kind != "nrr"]
    weights = _weights(report, instrument)
    trials = _search(weights, bases, figures, factor)
    stated = None if report.stated_weight is None else to_exact(report.stated_weight)

    best: _Trial | None = None
    alternatives: list[str] = []
    full = [trial for trial in trials if len(trial.matched) == len(figures)]
    if determining:
        if full:
            best = full[0]
            own = [t for t in full if stated is not None and t.variant.weight.value == stated]
            if own and own[0].variant.departures == best.variant.departures:
                best = own[0]
            elif stated is not None:
                findings.append(
                    _stated_finding(report, figures, trials, best, factor, own[0] if own else None)
                )
            seen = {best.variant.weight.name}
            for trial in full:
                name = trial.variant.weight.name
                if trial.variant.departures == best.variant.departures and name not in seen:
                    seen.add(name)
                    alternatives.append(_variant_text(trial.variant, factor))
        else:
            best = trials[0]
            for i, figure in enumerate(figures):
                if i in best.matched:
                    continue
                alone = [t for t in trials if i in t.matched]
                findings.append(_unexplained(figure, best, alone, trials, factor))
            if stated is not None and best.variant.weight.value != stated:
                findings.append(_stated_finding(report, figures, trials, best, factor, None))
    else:
        for i, figure in enumerate(figures):  # NRRs against the totals only
            if not any(i in trial.matched for trial in trials):
                findings.append(_unexplained(figure, trials[0], [], trials, factor))

    category = _category(report, instrument, best, trials, factor, findings)
    if findings:
        verdict: Verdict = "inconsistent"
    elif not determining:
        verdict = "undetermined"
        notes.append(
            AuditFinding(
                "undetermined",
                "",
                gettext(
                    "too few figures: the report prints no weighted NRR, index or converted "
                    "score, so no weight or rounding can be told apart"
                ),
                "note",
            )
        )
    else:
        verdict = "consistent"
    chain = best.variant.chain if best is not None else None
    return AuditResult(
        verdict=verdict,
        report=report,
        instrument=instrument.rubric.ref,
        weight=best.variant.weight.name if best is not None else None,
        weight_value=exact_to_str(best.variant.weight.value) if best is not None else None,
        chain=chain,
        converted_places=(
            max(2, decimals(report.converted)) if report.converted is not None else None
        ),
        rounding_text=chain.describe(factor) if chain is not None else None,
        checked=len(figures),
        explained=len(best.matched) if best is not None else 0,
        alternatives=tuple(alternatives),
        findings=tuple(findings + notes),
        index=exact_to_str(best.computed.index) if best is not None else None,
        converted=exact_to_str(best.computed.converted) if best is not None else None,
        category=category,
    )


def _scale_findings(
    report: PublishedReport, instrument: _Instrument, labels: Sequence[str]
) -> list[AuditFinding]:
    found = []
    low, high = instrument.low, instrument.high
    scale = f"{exact_to_str(low)}-{exact_to_str(high)}"
    for i, value in enumerate(report.nrr):
        if not low <= Fraction(value) <= high:
            found.append(
                AuditFinding(
                    "out-of-scale",
                    f"/nrr/{i}",
                    gettext(
                        "the NRR of {element}, {value}, is outside the answer scale {scale}"
                    ).format(element=labels[i], value=figure_text(value), scale=scale),
                    printed=str(value),
                )
            )
    if report.element_totals is not None and report.respondents is not None:
        count = report.respondents
        for i, total in enumerate(report.element_totals):
            if not low * count <= total <= high * count:
                found.append(
                    AuditFinding(
                        "out-of-scale",
                        f"/element_totals/{i}",
                        gettext(
                            "the total of {element}, {total}, cannot be the sum of {count} "
                            "answers on the scale {scale} ({low} to {high})"
                        ).format(
                            element=labels[i],
                            total=total,
                            count=count,
                            scale=scale,
                            low=exact_to_str(low * count),
                            high=exact_to_str(high * count),
                        ),
                        printed=str(total),
                    )
                )
    return found


def _unexplained(
    figure: _Figure,
    best: _Trial,
    alone: Sequence[_Trial],
    trials: Sequence[_Trial],
    factor: Fraction,
) -> AuditFinding:
    if figure.kind == "nrr":
        message = gettext(
            "the printed {figure}, {printed}, is not the element total over the respondents, "
            "rounded half-up or truncated"
        ).format(figure=figure.label, printed=figure_text(figure.printed))
    elif alone:
        message = gettext(
            "the printed {figure}, {printed}, is reproduced only by variants that contradict "
            "other printed figures (e.g. {variant})"
        ).format(
            figure=figure.label,
            printed=figure_text(figure.printed),
            variant=_variant_text(alone[0].variant, factor),
        )
    else:
        message = gettext(
            "no variant reproduces the printed {figure}, {printed}; the variant that explains "
            "most figures is {variant}"
        ).format(
            figure=figure.label,
            printed=figure_text(figure.printed),
            variant=_variant_text(best.variant, factor),
        )
    if figure.kind == "nrr":
        exact = best.base.values[figure.position]
        text = shown(exact, figure.places, RoundingMode.HALF_UP)
        candidates = [
            Candidate(
                "any",
                gettext("element total / respondents = {value}").format(
                    value=figure_text(exact_to_str(exact))
                ),
                text,
                _difference(figure.printed, text),
            )
        ]
    else:
        candidates = _candidates(figure, trials, factor)
    return AuditFinding(
        "nrr" if figure.kind == "nrr" else "unexplained",
        figure.pointer,
        message,
        printed=str(figure.printed),
        candidates=tuple(candidates),
    )


def _stated_finding(
    report: PublishedReport,
    figures: Sequence[_Figure],
    trials: Sequence[_Trial],
    best: _Trial,
    factor: Fraction,
    costlier: _Trial | None,
) -> AuditFinding:
    """The stated weight against the simplest variant that explains the figures.

    ``costlier`` is a variant with the stated weight that reproduces every figure too, but
    only with more departures (extra rounding steps) than the simplest explanation.
    """
    stated = to_exact(report.stated_weight)
    plain = [t for t in trials if t.variant.weight.value == stated and t.variant.chain == Chain()]
    missed: list[str] = []
    candidates: list[Candidate] = []
    if plain:
        for i, figure in enumerate(figures):
            if i not in plain[0].matched:
                candidates.append(_candidate(figure, plain[0], factor))
                missed.append(
                    gettext("{figure} {printed} (it gives {value})").format(
                        figure=figure.label,
                        printed=figure_text(figure.printed),
                        value=figure_text(candidates[-1].value),
                    )
                )
    message = gettext(
        "the report states the weight {weight}, but its figures follow {variant}"
    ).format(
        weight=figure_text(report.stated_weight or ""), variant=_variant_text(best.variant, factor)
    )
    if missed:
        message += "; " + gettext("with the stated weight and no rounding: {figures}").format(
            figures=", ".join(missed[:5])
        )
    if costlier is not None:
        more = costlier.variant.departures - best.variant.departures
        message += "; " + ngettext(
            "the stated weight reproduces them only with {rounding} ({count} departure more)",
            "the stated weight reproduces them only with {rounding} ({count} departures more)",
            more,
        ).format(rounding=costlier.variant.chain.describe(factor), count=more)
    return AuditFinding(
        "stated-weight",
        "/stated_weight",
        message,
        printed=report.stated_weight,
        candidates=tuple(candidates),
    )


def _category(
    report: PublishedReport,
    instrument: _Instrument,
    best: _Trial | None,
    trials: Sequence[_Trial],
    factor: Fraction,
    findings: list[AuditFinding],
) -> str | None:
    """The category the instrument's table gives; checks the printed one against it."""
    scheme = instrument.scheme
    if report.converted is not None:
        scores = [Fraction(report.converted)]
        what = gettext("the printed converted score {score}").format(
            score=figure_text(report.converted)
        )
    elif best is not None:
        value = shown(best.computed.converted, 2, best.variant.chain.mode)
        scores = [Fraction(Decimal(value))]
        what = gettext("the converted score {score} the figures give").format(
            score=figure_text(value)
        )
    elif report.index is not None:
        scores = [Fraction(report.index) * factor]
        what = gettext("the printed index {index} x {factor}").format(
            index=figure_text(report.index), factor=exact_to_str(factor)
        )
    else:
        scores = sorted({round_to(t.computed.converted, 2, RoundingMode.HALF_UP) for t in trials})
        what = gettext("the converted score of any variant")
    codes = [scheme.classify(score).band.code for score in scores]
    expected = codes[0] if len(set(codes)) == 1 else None
    printed = report.category
    if printed is None:
        return expected
    if any(printed.strip().upper() == code.upper() for code in codes):
        return expected if expected is not None else printed.strip()
    fits = [
        other.id
        for other in instrument.others
        if any(
            other.classify(score).band.code.upper() == printed.strip().upper() for score in scores
        )
    ]
    message = gettext(
        "the printed category {category} does not follow from {what}: the table of {scheme} "
        "gives {expected}"
    ).format(category=printed, what=what, scheme=scheme.id, expected="/".join(sorted(set(codes))))
    if fits:
        message += "; " + gettext(
            "{category} is what the table of {schemes} gives (another regime)"
        ).format(category=printed, schemes=", ".join(fits))
    findings.append(AuditFinding("category", "/category", message, printed=printed))
    return expected
