"""pelayanan: computable, reproducible public-service compliance assessments.

The public face of the library. Build or load a :class:`Rubric`, gather :class:`Evidence` for
the units of a :class:`UnitTree`, and :func:`score` them; every score carries its band and
zone, its coverage, a breakdown of what contributed and what was lost, and the provenance
needed to re-score it later. :func:`plan_fixes` lists what to fix to reach the next band.

Reading documents (:func:`load_rubric`, :func:`dump`, ...), the plugin registry
(:func:`assess`, :func:`get_registry`, ...) and auditing published reports (:func:`audit`)
are reachable from here too; they are imported on
first use, so ``import pelayanan`` stays cheap (no jsonschema, no plugin discovery).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pelayanan._model import (
    Aggregation,
    AggregationMethod,
    Assessment,
    Band,
    BooleanScale,
    Combine,
    Evidence,
    EvidenceKind,
    Group,
    Indicator,
    LimitError,
    Limits,
    Metadata,
    MissingPolicy,
    NodeResult,
    NodeStatus,
    NoMethodError,
    NumericScale,
    OrdinalScale,
    Overlay,
    Parameter,
    ParamRef,
    Provenance,
    Rounding,
    RoundingMode,
    RoundingRules,
    Rubric,
    ScaleLevel,
    ScoreCard,
    ScoringSpec,
    Source,
    TailoringError,
    Text,
    Unit,
    UnitLevel,
    UnitTree,
    Zone,
    ZoneScheme,
    apply_overlay,
    apply_overlays,
    assessment_from_data,
    assessment_to_data,
    content_hash,
    current_limits,
    rubric_from_data,
    rubric_to_data,
    scheme_for_year,
    use_limits,
    zone_scheme_from_data,
    zone_scheme_to_data,
)
from pelayanan._scoring import (
    Fix,
    FixPlan,
    MissingEvidenceError,
    ScoringError,
    ScoringModel,
    plan_fixes,
    score,
)
from pelayanan._version import __version__

if TYPE_CHECKING:
    from pelayanan._auditing import AuditResult, audit
    from pelayanan._batch import assess_files, assess_table
    from pelayanan._documents import (
        DocumentError,
        dump,
        load_assessment,
        load_evidence,
        load_overlay,
        load_rubric,
        load_zone_scheme,
        resolve_rubric,
    )
    from pelayanan.plugins import PluginError, Registry, assess, get_registry, hookimpl

_LAZY = {
    "assess_table": "pelayanan._batch",
    "assess_files": "pelayanan._batch",
    "audit": "pelayanan._auditing",
    "AuditResult": "pelayanan._auditing",
    "Registry": "pelayanan.plugins",
    "assess": "pelayanan.plugins",
    "get_registry": "pelayanan.plugins",
    "hookimpl": "pelayanan.plugins",
    "PluginError": "pelayanan.plugins",
    "DocumentError": "pelayanan._documents",
    "load_rubric": "pelayanan._documents",
    "load_zone_scheme": "pelayanan._documents",
    "load_evidence": "pelayanan._documents",
    "load_overlay": "pelayanan._documents",
    "load_assessment": "pelayanan._documents",
    "resolve_rubric": "pelayanan._documents",
    "dump": "pelayanan._documents",
}
"""Public names imported on first use, and the module that provides each."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pelayanan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Aggregation",
    "AggregationMethod",
    "Assessment",
    "AuditResult",
    "Band",
    "BooleanScale",
    "Combine",
    "DocumentError",
    "Evidence",
    "EvidenceKind",
    "Fix",
    "FixPlan",
    "Group",
    "Indicator",
    "LimitError",
    "Limits",
    "Metadata",
    "MissingEvidenceError",
    "MissingPolicy",
    "NoMethodError",
    "NodeResult",
    "NodeStatus",
    "NumericScale",
    "OrdinalScale",
    "Overlay",
    "ParamRef",
    "Parameter",
    "PluginError",
    "Provenance",
    "Registry",
    "Rounding",
    "RoundingMode",
    "RoundingRules",
    "Rubric",
    "ScaleLevel",
    "ScoreCard",
    "ScoringError",
    "ScoringModel",
    "ScoringSpec",
    "Source",
    "TailoringError",
    "Text",
    "Unit",
    "UnitLevel",
    "UnitTree",
    "Zone",
    "ZoneScheme",
    "__version__",
    "apply_overlay",
    "apply_overlays",
    "assess",
    "assess_files",
    "assess_table",
    "assessment_from_data",
    "assessment_to_data",
    "audit",
    "content_hash",
    "current_limits",
    "dump",
    "get_registry",
    "hookimpl",
    "load_assessment",
    "load_evidence",
    "load_overlay",
    "load_rubric",
    "load_zone_scheme",
    "plan_fixes",
    "resolve_rubric",
    "rubric_from_data",
    "rubric_to_data",
    "scheme_for_year",
    "score",
    "use_limits",
    "zone_scheme_from_data",
    "zone_scheme_to_data",
]
