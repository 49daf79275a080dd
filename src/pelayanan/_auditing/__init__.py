"""Auditing published figures: survey reports (SKM/IKM) and Ombudsman compliance lists.

:func:`audit` checks whether a published SKM or IKM report's printed figures follow from
its own inputs, and names the weight and rounding chain that explains them;
:func:`audit_ombudsman` checks the zone (and category) printed beside each score of an
Ombudsman list against the table of that year and level. See ``docs/audit.md``.
"""

from pelayanan._auditing.ombudsman import OmbudsmanAudit, OmbudsmanRow, audit_ombudsman
from pelayanan._auditing.published import AuditFinding, AuditResult, Candidate, Verdict, audit
from pelayanan._auditing.report import PublishedReport, load_published_report
from pelayanan._auditing.variants import Chain, Variant, Weight

__all__ = [
    "AuditFinding",
    "AuditResult",
    "Candidate",
    "Chain",
    "OmbudsmanAudit",
    "OmbudsmanRow",
    "PublishedReport",
    "Variant",
    "Verdict",
    "Weight",
    "audit",
    "audit_ombudsman",
    "load_published_report",
]
