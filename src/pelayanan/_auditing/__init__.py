"""Auditing published figures: survey reports (SKM/IKM) and Ombudsman compliance lists.

:func:`audit` checks whether a published SKM or IKM report's printed figures follow from
its own inputs, and names the weight and rounding chain that explains them;
:func:`audit_ombudsman` checks the zone (and category) printed beside each score of an
Ombudsman list against the table of that year and level. See ``docs/audit.md``.
"""

from pelayanan._auditing.ombudsman import audit_ombudsman
from pelayanan._auditing.published import AuditFinding, AuditResult, Candidate, audit
from pelayanan._auditing.report import PublishedReport
from pelayanan._auditing.variants import Chain

__all__ = [
    "AuditFinding",
    "AuditResult",
    "Candidate",
    "Chain",
    "PublishedReport",
    "audit",
    "audit_ombudsman",
]
