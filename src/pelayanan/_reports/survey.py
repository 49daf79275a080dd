"""The SKM report a unit publishes, from a :class:`~pelayanan._scoring.survey.SurveyAnalysis`.

:func:`survey_data` lays the analysis out once as plain data (exact values as fractions in
text, displayed values rounded half-up: NRRs and the 1-4 index to 3 decimals, the
converted index by the rubric's rule, shares to 2 decimals); the JSON, Markdown, HTML and
XLSX writers all print from it, so every format shows the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pelayanan._i18n import N_, figure_text
from pelayanan._model.numbers import Rounding, exact_to_str
from pelayanan._model.text import Text
from pelayanan._reports.figures import colour_of
from pelayanan._reports.i18n import translated
from pelayanan._scoring.survey import ElementResult, IndexResult, SurveyAnalysis

__all__ = [
    "RESPONDENT_SHEET",
    "SUMMARY_SHEET",
    "render_survey_json",
    "survey_data",
    "survey_words",
]

_THREE = Rounding(3)
_TWO = Rounding(2)
_FOUR = Rounding(4)

SUMMARY_SHEET = {"id": "Hasil SKM", "en": "SKM results"}
RESPONDENT_SHEET = {"id": "Pengolahan per responden", "en": "Processing per respondent"}
"""Worksheet names (Excel allows at most 31 characters: the sheet's first row carries the
full title, "pengolahan data per responden per unsur")."""

_WORDS: dict[str, str] = {
    "title": N_("Community Satisfaction Survey report"),
    "respondents": N_("Respondents"),
    "summary": N_("Summary"),
    "summary_value": N_("Value"),
    "period": N_("Period"),
    "rubric": N_("Instrument"),
    "weight": N_("Weight per element"),
    "index_1_4": N_("Index (1-4 scale)"),
    "index_converted": N_("Converted index (25-100)"),
    "mutu": N_("Service quality (mutu)"),
    "kinerja": N_("Unit performance (kinerja)"),
    "elements": N_("Score per element"),
    "code": N_("Code"),
    "element": N_("Service element"),
    "answered": N_("Respondents answering"),
    "total": N_("Sum of answers"),
    "nrr": N_("NRR"),
    "weighted_nrr": N_("Weighted NRR"),
    "converted_nrr": N_("NRR x 25"),
    "sum": N_("Total"),
    "distribution": N_("Answers per element"),
    "profile": N_("Respondent profile"),
    "value": N_("Category"),
    "count": N_("Count"),
    "share": N_("Share"),
    "not_given": N_("Not given"),
    "segments": N_("Index per segment"),
    "segment": N_("Segment"),
    "too_few": N_("too few respondents to report (fewer than {n})"),
    "missing_elements": N_("not every element answered: {elements}"),
    "lowest": N_("Lowest elements and follow-up plan"),
    "action": N_("Planned action"),
    "owner": N_("Owner"),
    "deadline": N_("Deadline"),
    "sample": N_("Sample adequacy (Krejcie-Morgan)"),
    "population": N_("Population (N)"),
    "required": N_("Minimum sample"),
    "received": N_("Respondents received"),
    "short": N_("The sample is {n} respondents short of the Krejcie-Morgan minimum."),
    "enough": N_("The respondents meet the minimum sample size."),
    "comparison": N_("Comparison with the previous period"),
    "previous": N_("Previous"),
    "current": N_("Current"),
    "change": N_("Change"),
    "per_respondent": N_("Processing per respondent per element"),
    "no": N_("No."),
    "row": N_("Row"),
    "notes": N_("Notes"),
    "exact_note": N_(
        "NRRs and the index are computed exactly; NRRs are shown to 3 decimals (half up),"
        " the converted index is rounded by the instrument's rule."
    ),
    "attribute.jenis_kelamin": N_("Gender"),
    "attribute.usia": N_("Age"),
    "attribute.pendidikan": N_("Education"),
    "attribute.pekerjaan": N_("Occupation"),
    "attribute.jenis_layanan": N_("Service used"),
    "attribute.waktu_isi": N_("Time of answer"),
    "index": N_("Index"),
}


def survey_words(lang: str) -> dict[str, str]:
    """The report's words in ``lang`` (``id`` or ``en``; others fall back to ``id``), from the
    gettext catalogs (the English text is the message id)."""
    return translated(_WORDS, lang)


def attribute_title(name: str, lang: str) -> str:
    """The heading of a respondent attribute (its own name for unknown attributes)."""
    return survey_words(lang).get(f"attribute.{name}", name)


def _number(value: Fraction | None, rounding: Rounding) -> dict[str, str] | None:
    """``{"exact": "41/12", "shown": "3.417"}`` (``None`` stays ``None``)."""
    if value is None:
        return None
    return {"exact": exact_to_str(value), "shown": str(rounding.apply(value))}


def _text(value: Text, lang: str) -> str:
    return value.get(lang)


def _index(result: IndexResult, lang: str) -> dict[str, Any]:
    return {
        "respondents": result.respondents,
        "index": _number(result.index, _THREE),
        "converted": None
        if result.converted is None
        else {
            "exact": exact_to_str(result.converted),
            "shown": None if result.published is None else str(result.published),
        },
        "mutu": None if result.band is None else result.band.code,
        "mutu_label": None if result.band is None else result.band.label.get(lang),
        "kinerja": None if result.zone is None else result.zone.label.get(lang),
    }


def _element(element: ElementResult, lang: str) -> dict[str, Any]:
    return {
        "id": element.id,
        "code": element.label,
        "title": _text(element.title, lang),
        "answered": element.answered,
        "total": exact_to_str(element.total),
        "distribution": {exact_to_str(level): count for level, count in element.distribution},
        "nrr": _number(element.nrr, _THREE),
        "weight": _number(element.weight, _FOUR),
        "weighted_nrr": _number(element.weighted, _THREE),
        "converted_nrr": _number(element.converted, _TWO),
        "mutu": None if element.band is None else element.band.code,
        "kinerja": None if element.zone is None else element.zone.label.get(lang),
    }


def survey_data(
    analysis: SurveyAnalysis,
    *,
    lang: str = "id",
    period: str | None = None,
    title: str | None = None,
    warnings: Sequence[str] = (),
) -> dict[str, Any]:
    """The report as plain, JSON-ready data (see the module)."""
    rubric = analysis.rubric
    by_id = {element.id: element for element in analysis.elements}
    data: dict[str, Any] = {
        "report": "skm",
        "lang": lang,
        "colour": colour_of(analysis.overall.zone, analysis.overall.band),
        "title": title,
        "unit": analysis.unit,
        "period": period,
        "rubric": {
            "id": rubric.id,
            "version": rubric.version,
            "title": rubric.title.get(lang),
        },
        "parameters": dict(rubric.parameter_values),
        "factor": exact_to_str(analysis.factor),
        "respondents": analysis.overall.respondents,
        "overall": _index(analysis.overall, lang),
        "elements": [_element(element, lang) for element in analysis.elements],
        "sum_weighted_nrr": _number(
            sum((e.weighted for e in analysis.elements if e.weighted is not None), Fraction(0)),
            _THREE,
        ),
        "profile": [
            {
                "attribute": table.attribute,
                "title": attribute_title(table.attribute, lang),
                "rows": [
                    {
                        "value": value,
                        "count": count,
                        "share": _number(table.share(count) * 100, _TWO),
                    }
                    for value, count in table.rows
                ],
                "given": table.given,
                "not_given": table.not_given,
            }
            for table in analysis.profile
        ],
        "segments": None
        if analysis.segment_by is None
        else {
            "by": analysis.segment_by,
            "title": attribute_title(analysis.segment_by, lang),
            "minimum": analysis.min_segment,
            "rows": [
                {
                    "value": segment.value,
                    **_index(segment.result, lang),
                    "too_few": segment.too_few,
                    "missing": list(segment.missing),
                }
                for segment in analysis.segments
            ],
        },
        "lowest": [
            {
                "id": element_id,
                "code": by_id[element_id].label,
                "title": _text(by_id[element_id].title, lang),
                "nrr": _number(by_id[element_id].nrr, _THREE),
                "action": "",
                "owner": "",
                "deadline": "",
            }
            for element_id in analysis.lowest
        ],
        "sample": None
        if analysis.sample is None
        else {
            "population": analysis.sample.population,
            "required": analysis.sample.required,
            "received": analysis.sample.received,
            "short": analysis.sample.short,
            "method": "Krejcie-Morgan (X^2 = 3.841, P = 0.5, d = 0.05), rounded up",
        },
        "comparison": None
        if analysis.previous is None
        else {
            "previous_period": analysis.previous_label,
            "overall": {
                "previous": _index(analysis.previous.overall, lang),
                "current": _index(analysis.overall, lang),
                "change": _number(_change(analysis), _TWO),
            },
            "elements": [
                {
                    "id": change.id,
                    "code": by_id[change.id].label,
                    "title": _text(by_id[change.id].title, lang),
                    "previous": _number(change.previous, _THREE),
                    "current": _number(change.current, _THREE),
                    "change": _number(change.change, _THREE),
                }
                for change in analysis.changes()
            ],
        },
        "per_respondent": [
            {
                "no": number,
                "row": response.row,
                "respondent": response.provenance.reference,
                "answers": {
                    element.id: (
                        None
                        if (value := response.answer(element.id)) is None
                        else exact_to_str(value)
                    )
                    for element in analysis.elements
                },
            }
            for number, response in enumerate(analysis.responses, start=1)
        ],
        "warnings": list(warnings),
    }
    return data


def _change(analysis: SurveyAnalysis) -> Fraction | None:
    if analysis.previous is None:
        return None
    before, now = analysis.previous.overall.converted, analysis.overall.converted
    return None if before is None or now is None else now - before


def render_survey_json(data: Mapping[str, Any]) -> str:
    """The report data as indented JSON."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def shown(value: Mapping[str, str] | None, lang: str | None = None) -> str:
    """The displayed form of a number of :func:`survey_data` as ``lang`` (default: the
    language in force) writes it, with the places it was rounded to (``3,417`` in
    Indonesian, ``3.417`` in English); ``-`` for none. The data itself keeps a dot."""
    return "-" if value is None or not value["shown"] else figure_text(value["shown"], lang)


def shown_number(value: Mapping[str, str] | None) -> Decimal | None:
    """The displayed form as a :class:`~decimal.Decimal` (for spreadsheet cells)."""
    return None if value is None or not value["shown"] else Decimal(value["shown"])
