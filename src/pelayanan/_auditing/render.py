"""A published-report audit as plain text for the terminal, in the language in force."""

from __future__ import annotations

from pelayanan._auditing.ombudsman import verdict_text
from pelayanan._auditing.published import AuditResult
from pelayanan._i18n import gettext

__all__ = ["render_text"]


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
                weight=result.weight, value=result.weight_value, rounding=result.rounding_text
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
                index=result.index, converted=result.converted, category=result.category
            )
        )
    for alternative in result.alternatives:
        lines.append("  " + gettext("equally simple: {variant}").format(variant=alternative))
    if result.findings:
        lines.append(gettext("Findings:"))
    for finding in result.findings:
        where = finding.pointer or gettext("(report)")
        lines.append(f"  {finding.severity} [{finding.kind}] {where}: {finding.message}")
        for candidate in finding.candidates:
            lines.append(
                "      "
                + gettext(
                    "weight {weight} ({rounding}): {value}, printed minus that {difference}"
                ).format(
                    weight=candidate.weight,
                    rounding=candidate.rounding,
                    value=candidate.value,
                    difference=candidate.difference,
                )
            )
    return "\n".join(lines)
