"""A published-report audit as plain text for the terminal."""

from __future__ import annotations

from pelayanan._auditing.published import AuditResult

__all__ = ["render_text"]


def render_text(result: AuditResult) -> str:
    """The verdict, the explaining variant, the figures it gives, then every finding."""
    report = result.report
    who = f" ({report.unit})" if report.unit else ""
    lines = [f"Audit of {report.source}{who}, instrument {result.instrument}: {result.verdict}"]
    if result.weight is not None and result.chain is not None:
        printed = (
            f"; converted printed with {result.converted_places} decimals"
            if result.converted_places is not None
            else ""
        )
        lines.append(
            f"  explained by: weight {result.weight} ({result.weight_value}); "
            f"{result.rounding_text}{printed}"
        )
        lines.append(
            f"  figures: {result.checked} checked, {result.explained} reproduced by that variant"
        )
        lines.append(
            f"  it gives: index {result.index}, converted {result.converted}, "
            f"category {result.category}"
        )
    for alternative in result.alternatives:
        lines.append(f"  equally simple: {alternative}")
    if result.findings:
        lines.append("Findings:")
    for finding in result.findings:
        where = finding.pointer or "(report)"
        lines.append(f"  {finding.severity} [{finding.kind}] {where}: {finding.message}")
        for candidate in finding.candidates:
            lines.append(
                f"      weight {candidate.weight} ({candidate.rounding}): {candidate.value}, "
                f"printed minus that {candidate.difference}"
            )
    return "\n".join(lines)
