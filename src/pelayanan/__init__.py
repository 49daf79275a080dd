"""pelayanan: computable, reproducible public-service compliance assessments.

The public face of the library: everything a user imports comes from here,
:mod:`pelayanan.plugins` (writing plugins and evidence readers) or :mod:`pelayanan.testing`
(the test kit); the modules with a leading underscore are the implementation and may change
in any release.

Build or load a :class:`Rubric`, gather :class:`Evidence` for the units of a
:class:`UnitTree`, and :func:`score` them into an :class:`Assessment`: every
:class:`ScoreCard` carries its band and zone, its coverage, a breakdown of what contributed
and what was lost, and the provenance needed to re-score it later. :func:`assess` does the
same with the rubric, zone scheme and scoring models looked up in the plugin registry.
:func:`plan_fixes` lists what to fix to reach the next band.

Reading documents (:func:`load_rubric`, :func:`dump`, ...), the plugin registry
(:func:`assess`, :func:`get_registry`, ...), survey analysis (:func:`analyse_survey`),
the multi-year report (:func:`render_html`) and auditing published reports (:func:`audit`) are
imported on first use, so
``import pelayanan`` stays cheap (no jsonschema, no plugin discovery).
"""

import importlib as _importlib
import typing as _typing

from pelayanan._model import (
    Aggregation,
    AggregationMethod,
    Applies,
    Assessment,
    Band,
    BooleanScale,
    Change,
    Classification,
    Combine,
    ConversionError,
    Evidence,
    EvidenceKind,
    Group,
    Indicator,
    LimitError,
    Limits,
    Metadata,
    MissingPolicy,
    Node,
    NodeResult,
    NodeStatus,
    NoMethodError,
    NumericScale,
    OrdinalScale,
    Overlay,
    Parameter,
    ParamRef,
    Provenance,
    Replacement,
    Response,
    ResultProvenance,
    Rounding,
    RoundingMode,
    RoundingRules,
    Rubric,
    Scale,
    ScaleLevel,
    ScoreCard,
    ScoringSpec,
    Source,
    TailoringError,
    Text,
    Unit,
    UnitLevel,
    UnitTree,
    Verification,
    VerificationNote,
    Zone,
    ZoneScheme,
    apply_overlay,
    content_hash,
    current_limits,
    exact_to_str,
    from_data,
    scheme_for_year,
    to_data,
    to_exact,
    use_limits,
)
from pelayanan._model.problems import Finding, RuleError
from pelayanan._model.records import EvidenceRecord, TargetResult
from pelayanan._model.rubric import Weight
from pelayanan._model.tailoring import Addition
from pelayanan._model.targets import (
    Target,
    TargetError,
    TargetSet,
)
from pelayanan._scoring import (
    Fix,
    FixPlan,
    IndicatorInput,
    MissingEvidenceError,
    ModelResult,
    ScoringError,
    ScoringModel,
    ScoringProblem,
    plan_fixes,
    score,
)
from pelayanan._version import __version__

if _typing.TYPE_CHECKING:
    from pelayanan._auditing import (
        AuditFinding,
        AuditResult,
        Candidate,
        Chain,
        PublishedReport,
        audit,
    )
    from pelayanan._batch import assess_files, assess_table
    from pelayanan._documents import (
        Document,
        DocumentError,
        EvidenceSet,
        Problem,
        ProblemError,
        ProblemKind,
        dump,
        load_assessment,
        load_document,
        load_evidence,
        load_overlay,
        load_rubric,
        load_zone_scheme,
        resolve_rubric,
    )
    from pelayanan._readers import (
        BadRowsError,
        read_units,
    )
    from pelayanan._readers.practice import (
        read_targets,
    )
    from pelayanan._reports import Period, Report, render_html, render_markdown_report
    from pelayanan._reports.safe import Html
    from pelayanan._scoring.survey import (
        ElementChange,
        ElementResult,
        IndexResult,
        ProfileTable,
        SampleAdequacy,
        Segment,
        SurveyAnalysis,
        analyse_survey,
        krejcie_morgan,
    )
    from pelayanan.plugins import (
        NotFoundError,
        PluginError,
        Registry,
        assess,
        get_registry,
        hookimpl,
    )

_LAZY = {
    "assess_files": "pelayanan._batch",
    "assess_table": "pelayanan._batch",
    "Document": "pelayanan._documents",
    "DocumentError": "pelayanan._documents",
    "EvidenceSet": "pelayanan._documents",
    "Problem": "pelayanan._documents",
    "ProblemError": "pelayanan._documents",
    "ProblemKind": "pelayanan._documents",
    "dump": "pelayanan._documents",
    "load_assessment": "pelayanan._documents",
    "load_document": "pelayanan._documents",
    "load_evidence": "pelayanan._documents",
    "load_overlay": "pelayanan._documents",
    "load_rubric": "pelayanan._documents",
    "load_zone_scheme": "pelayanan._documents",
    "resolve_rubric": "pelayanan._documents",
    "BadRowsError": "pelayanan._readers",
    "read_units": "pelayanan._readers",
    "read_targets": "pelayanan._readers.practice",
    "Period": "pelayanan._reports",
    "Html": "pelayanan._reports.safe",
    "Report": "pelayanan._reports",
    "render_html": "pelayanan._reports",
    "render_markdown_report": "pelayanan._reports",
    "ElementChange": "pelayanan._scoring.survey",
    "ElementResult": "pelayanan._scoring.survey",
    "IndexResult": "pelayanan._scoring.survey",
    "ProfileTable": "pelayanan._scoring.survey",
    "SampleAdequacy": "pelayanan._scoring.survey",
    "Segment": "pelayanan._scoring.survey",
    "SurveyAnalysis": "pelayanan._scoring.survey",
    "analyse_survey": "pelayanan._scoring.survey",
    "krejcie_morgan": "pelayanan._scoring.survey",
    "AuditResult": "pelayanan._auditing",
    "Candidate": "pelayanan._auditing",
    "Chain": "pelayanan._auditing",
    "AuditFinding": "pelayanan._auditing",
    "PublishedReport": "pelayanan._auditing",
    "audit": "pelayanan._auditing",
    "NotFoundError": "pelayanan.plugins",
    "PluginError": "pelayanan.plugins",
    "Registry": "pelayanan.plugins",
    "assess": "pelayanan.plugins",
    "get_registry": "pelayanan.plugins",
    "hookimpl": "pelayanan.plugins",
}
"""Public names imported on first use, and the module that provides each."""


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pelayanan' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (``__all__``), not the implementation's modules."""
    return sorted(__all__)


__all__ = [
    "Addition",
    "Aggregation",
    "AggregationMethod",
    "Applies",
    "Assessment",
    "AuditFinding",
    "AuditResult",
    "BadRowsError",
    "Band",
    "BooleanScale",
    "Candidate",
    "Chain",
    "Change",
    "Classification",
    "Combine",
    "ConversionError",
    "Document",
    "DocumentError",
    "ElementChange",
    "ElementResult",
    "Evidence",
    "EvidenceKind",
    "EvidenceRecord",
    "EvidenceSet",
    "Finding",
    "Fix",
    "FixPlan",
    "Group",
    "Html",
    "IndexResult",
    "Indicator",
    "IndicatorInput",
    "LimitError",
    "Limits",
    "Metadata",
    "MissingEvidenceError",
    "MissingPolicy",
    "ModelResult",
    "NoMethodError",
    "Node",
    "NodeResult",
    "NodeStatus",
    "NotFoundError",
    "NumericScale",
    "OrdinalScale",
    "Overlay",
    "ParamRef",
    "Parameter",
    "Period",
    "PluginError",
    "Problem",
    "ProblemError",
    "ProblemKind",
    "ProfileTable",
    "Provenance",
    "PublishedReport",
    "Registry",
    "Replacement",
    "Report",
    "Response",
    "ResultProvenance",
    "Rounding",
    "RoundingMode",
    "RoundingRules",
    "Rubric",
    "RuleError",
    "SampleAdequacy",
    "Scale",
    "ScaleLevel",
    "ScoreCard",
    "ScoringError",
    "ScoringModel",
    "ScoringProblem",
    "ScoringSpec",
    "Segment",
    "Source",
    "SurveyAnalysis",
    "TailoringError",
    "Target",
    "TargetError",
    "TargetResult",
    "TargetSet",
    "Text",
    "Unit",
    "UnitLevel",
    "UnitTree",
    "Verification",
    "VerificationNote",
    "Weight",
    "Zone",
    "ZoneScheme",
    "__version__",
    "analyse_survey",
    "apply_overlay",
    "assess",
    "assess_files",
    "assess_table",
    "audit",
    "content_hash",
    "current_limits",
    "dump",
    "exact_to_str",
    "from_data",
    "get_registry",
    "hookimpl",
    "krejcie_morgan",
    "load_assessment",
    "load_document",
    "load_evidence",
    "load_overlay",
    "load_rubric",
    "load_zone_scheme",
    "plan_fixes",
    "read_targets",
    "read_units",
    "render_html",
    "render_markdown_report",
    "resolve_rubric",
    "scheme_for_year",
    "score",
    "to_data",
    "to_exact",
    "use_limits",
]
