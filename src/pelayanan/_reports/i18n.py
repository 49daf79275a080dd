"""The words of the reports and the command line, in Indonesian (``id``) and English (``en``)."""

from __future__ import annotations

from collections.abc import Mapping
from gettext import NullTranslations

from pelayanan._i18n import N_, translation

__all__ = [
    "COLOUR_ZONES",
    "catalog",
    "is_colour_zone",
    "level_name",
    "status_name",
    "translated",
    "words",
]

_WORDS: dict[str, str] = {
    "report_title": N_("Assessment Report"),
    "compliance": N_("Compliance"),
    "score": N_("Score"),
    "band": N_("Band"),
    "zone": N_("Zone"),
    "coverage": N_("Coverage"),
    "unit": N_("Unit"),
    "level": N_("Level"),
    "parent": N_("Parent"),
    "rank": N_("Rank"),
    "change": N_("Change"),
    "direction": N_("Direction"),
    "units": N_("units"),
    "count": N_("Count"),
    "mean": N_("Mean"),
    "summary": N_("Summary per level"),
    "ranking": N_("Units ranked"),
    "components": N_("Achievement per component"),
    "component": N_("Component"),
    "heatmap": N_("Component achievement per unit"),
    "trend": N_("Score trend"),
    "period": N_("Period"),
    "fixes": N_("What to fix"),
    "fix_gap": N_("needs +{gap} points to reach {band}"),
    "fix_top": N_("already in the top band"),
    "fix_item": N_("Indicator"),
    "placeholder": N_(
        "{group}: the score of the whole dimension (a placeholder; its indicators are unpublished)"
    ),
    "fixes_note": N_(
        "The indicators that lost the most points. Raising one to the top of its scale adds "
        "the points it lost to the unit's score (additive models)."
    ),
    "lost": N_("Points lost"),
    "provenance": N_("Technical appendix: provenance"),
    "rubric": N_("Rubric"),
    "version": N_("Version"),
    "hash": N_("Hash"),
    "zone_scheme": N_("Zone scheme"),
    "parameters": N_("Parameters"),
    "scoring_model": N_("Scoring model"),
    "evidence": N_("Evidence"),
    "evidence_items": N_("evidence items"),
    "assessed_on": N_("Assessed on"),
    "assessed_undated": N_("assessment date not recorded"),
    "latest_evidence": N_("latest evidence collected {date}"),
    "library": N_("Library"),
    "generated_by": N_("Made with pelayanan {version}"),
    "previous": N_("previously"),
    "transitions": N_("Zone transitions"),
    "old": N_("Old"),
    "new": N_("New"),
    "up": N_("up"),
    "down": N_("down"),
    "same": N_("same"),
    "only_old": N_("only in the old assessment"),
    "only_new": N_("only in the new assessment"),
    "breakdown": N_("Score breakdown"),
    "weight": N_("Weight"),
    "value": N_("Evidence value"),
    "contribution": N_("Contribution"),
    "maximum": N_("Maximum"),
    "status": N_("Status"),
    "plan": N_("Fix plan"),
    "projected": N_("Score after the fixes"),
    "gain": N_("Gain"),
    "target": N_("Target"),
    "unreachable": N_("The next band cannot be reached even with every fix."),
    "greedy": N_(
        "Plan built step by step (the model is not additive); it may not be the smallest."
    ),
}

_LEVELS: dict[str, str] = {
    "agency": N_("Agency"),
    "service_unit": N_("Service unit"),
    "service_product": N_("Service product"),
}


def catalog(lang: str) -> NullTranslations:
    """The gettext catalog of a report's language: ``en``, or ``id`` for anything else."""
    return translation("en" if lang == "en" else "id")


def translated(table: Mapping[str, str], lang: str) -> dict[str, str]:
    """A table of words (key -> English text, the message id) in ``lang``."""
    found = catalog(lang)
    return {key: found.gettext(text) for key, text in table.items()}


def words(lang: str) -> dict[str, str]:
    """Every report word in ``lang`` (see :func:`catalog`)."""
    return translated(_WORDS, lang)


def level_name(level: str, lang: str) -> str:
    """A unit level in words (``service_unit`` -> ``Unit layanan``); custom levels as given."""
    text = _LEVELS.get(level)
    if text is None:
        return level.replace("_", " ")
    return catalog(lang).gettext(text)


COLOUR_ZONES = ("merah", "kuning", "hijau")
"""The Ombudsman colour zones, lowest first."""


def is_colour_zone(zone_id: str) -> bool:
    """Whether the zone is one of the :data:`COLOUR_ZONES`."""
    return zone_id.lower() in COLOUR_ZONES


_STATUSES: dict[str, str] = {
    "evaluated": N_("evaluated"),
    "not_applicable": N_("not applicable"),
    "missing": N_("missing (0)"),
    "excluded": N_("missing (excluded)"),
}


def status_name(status: str, lang: str) -> str:
    """A breakdown node's status in words."""
    text = _STATUSES.get(status)
    if text is None:
        return status
    return catalog(lang).gettext(text)
