"""A published-report audit as plain text for the terminal, in the language in force."""

from __future__ import annotations

from pelayanan._auditing.ombudsman import verdict_text
from pelayanan._auditing.published import AuditResult
from pelayanan._i18n import N_, figure_text, gettext

__all__ = ["render_text"]

_SEVERITIES = {"inconsistency": N_("inconsistency"), "note": N_("note")}
_KINDS = {
    "unexplained": N_("unexplained"),
    "stated-weight": N_("stated weight"),
    "category": N_("category"),
    "nrr": N_("NRR"),
    "out-of-scale": N_("out of scale"),
    "substitution": N_("substitution"),
    "source": N_("source"),
    "undetermined": N_("undetermined"),
}
"""The words for the finding ids (the JSON keeps the ids)."""


def _figure(text: str | None) -> str:
    return "-" if text is None else figure_text(text)


def _weight(name: str) -> str:
    """A weight's name (``exact``, ``0.11``, ``any``) in the language in force."""
    if name in ("exact", "any"):
        return gettext(_WEIGHTS[name])
    return figure_text(name)


_WEIGHTS = {"exact": N_("exact"), "any": N_("any")}


def _word(words: dict[str, str], name: str) -> str:
    return gettext(words[name]) if name in words else name


def render_text(result: AuditResult) -> str:
    """The verdict, the explaining variant, the figures it gives, then every finding."""
    report = result.report
    who = f" ({report.unit})" if report.unit else ""
    lines = [
        gettext("Audit of {file}{unit}, instrument {instrument}: {verdict}").format(
            file=report.source,
            unit=who,
            instrument=result.instrument,
            verdict=verdict_text(result.verdict),
        )
    ]
    if result.weight is not None and result.chain is not None:
        printed = (
            "; "
            + gettext("converted printed with {places} decimals").format(
                places=result.converted_places
            )
            if result.converted_places is not None
            else ""
        )
        lines.append(
            "  "
            + gettext("explained by: weight {weight} ({value}); {rounding}").format(
                weight=_weight(result.weight),
                value=_figure(result.weight_value),
                rounding=result.rounding_text,
            )
            + printed
        )
        lines.append(
            "  "
            + gettext("figures: {checked} checked, {explained} reproduced by that variant").format(
                checked=result.checked, explained=result.explained
            )
        )
        lines.append(
            "  "
            + gettext("it gives: index {index}, converted {converted}, category {category}").format(
                index=_figure(result.index),
                converted=_figure(result.converted),
                category=result.category,
            )
        )
    for alternative in result.alternatives:
        lines.append("  " + gettext("equally simple: {variant}").format(variant=alternative))
    if result.findings:
        lines.append(gettext("Findings:"))
    for finding in result.findings:
        where = finding.pointer or gettext("(report)")
        severity, kind = _word(_SEVERITIES, finding.severity), _word(_KINDS, finding.kind)
        lines.append(f"  {severity} [{kind}] {where}: {finding.message}")
        for candidate in finding.candidates:
            lines.append(
                "      "
                + gettext(
                    "weight {weight} ({rounding}): {value}, printed minus that {difference}"
                ).format(
                    weight=_weight(candidate.weight),
                    rounding=candidate.rounding,
                    value=figure_text(candidate.value),
                    difference=figure_text(candidate.difference),
                )
            )
    return "\n".join(lines)
