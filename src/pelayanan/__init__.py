"""pelayanan: computable, reproducible public-service compliance assessments.

The public face of the library for whoever scores, reads and reports: everything a user
imports comes from here, :mod:`pelayanan.plugins` (writing plugins, evidence readers and
scoring models) or :mod:`pelayanan.testing` (the test kit); the modules with a leading
underscore are the implementation and may change in any release.

Build or load a :class:`Rubric`, gather :class:`Evidence` for the units of a
:class:`UnitTree`, and :func:`score` them into an :class:`Assessment`: every
:class:`ScoreCard` carries its band and zone, its coverage, a breakdown of what contributed
and what was lost, and the provenance needed to re-score it later. :func:`assess` does the
same with the rubric, zone scheme and scoring models looked up in the plugin registry.
:func:`plan_fixes` lists what to fix to reach the next band. Every exception class the
library defines derives from :class:`PelayananError`.

The face holds what a user constructs, calls or catches. The types a user only receives
(the parts of a result, reached as attributes) and the string-valued choices (``"zero"``
for a missing policy) are not exported: see the API page. Names that left the face in 0.2
still import for one release with a DeprecationWarning saying where they went.

Scoring (:func:`score`, :func:`plan_fixes`), reading documents (:func:`load_rubric`,
:func:`dump`, ...), the registry (:func:`assess`), survey analysis (:func:`analyse_survey`),
the multi-year report (:func:`render_html`) and auditing published reports (:func:`audit`)
are imported on first use, so ``import pelayanan`` loads the model alone (no scoring engine,
no jsonschema, no plugin discovery).
"""

import typing as _typing

from pelayanan._lazy import lazy_names as _lazy_names
from pelayanan._model import (
    Aggregation,
    Applies,
    Assessment,
    Band,
    BooleanScale,
    ConversionError,
    Evidence,
    Group,
    Indicator,
    LimitError,
    Limits,
    Metadata,
    NoMethodError,
    NumericScale,
    OrdinalScale,
    Overlay,
    Parameter,
    ParamRef,
    Provenance,
    Response,
    Rounding,
    RoundingRules,
    Rubric,
    ScaleLevel,
    ScoreCard,
    ScoringSpec,
    Source,
    TailoringError,
    Text,
    Unit,
    UnitTree,
    VerificationNote,
    Zone,
    ZoneScheme,
    apply_overlay,
    content_hash,
    from_data,
    scheme_for_year,
    to_data,
    use_limits,
)
from pelayanan._model.problems import InvalidValueError, PelayananError, RuleError
from pelayanan._model.targets import Target, TargetError, TargetSet
from pelayanan._version import __version__

if _typing.TYPE_CHECKING:
    from pelayanan._auditing import audit
    from pelayanan._batch import assess_files, assess_table
    from pelayanan._documents import (
        DocumentError,
        ProblemError,
        dump,
        load_assessment,
        load_document,
        load_evidence,
        load_overlay,
        load_rubric,
        load_zone_scheme,
        resolve_rubric,
    )
    from pelayanan._readers import BadRowsError, read_units
    from pelayanan._readers.practice import read_targets
    from pelayanan._reports import Period, Report, render_html, render_markdown_report
    from pelayanan._reports.safe import Html
    from pelayanan._scoring import MissingEvidenceError, ScoringError, plan_fixes, score
    from pelayanan._scoring.survey import analyse_survey, krejcie_morgan
    from pelayanan.plugins._assess import assess
    from pelayanan.plugins._errors import PluginError
    from pelayanan.plugins._registry import NotFoundError

_LAZY = {
    "MissingEvidenceError": "pelayanan._scoring",
    "ScoringError": "pelayanan._scoring",
    "plan_fixes": "pelayanan._scoring",
    "score": "pelayanan._scoring",
    "assess_files": "pelayanan._batch",
    "assess_table": "pelayanan._batch",
    "DocumentError": "pelayanan._documents",
    "ProblemError": "pelayanan._documents",
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
    "analyse_survey": "pelayanan._scoring.survey",
    "krejcie_morgan": "pelayanan._scoring.survey",
    "audit": "pelayanan._auditing",
    "NotFoundError": "pelayanan.plugins._registry",
    "PluginError": "pelayanan.plugins._errors",
    "assess": "pelayanan.plugins._assess",
}
"""Public names imported on first use, and the module that provides each."""

_PLUGINS = "import it from pelayanan.plugins"
_STRING = "pass its value as a string (a str enum: each member equals its value, e.g. 'zero')"
_DEPRECATED: dict[str, tuple[str, str]] = {
    # Moved to pelayanan.plugins: what a plugin or scoring-model author needs.
    **dict.fromkeys(
        (
            "IndicatorInput",
            "ModelResult",
            "ScoringModel",
            "ScoringProblem",
            "Registry",
            "get_registry",
            "hookimpl",
            "ProblemKind",
        ),
        ("pelayanan.plugins", _PLUGINS),
    ),
    # String-valued choices: a str enum, given and compared as its value.
    **dict.fromkeys(
        (
            "AggregationMethod",
            "Combine",
            "EvidenceKind",
            "MissingPolicy",
            "NodeStatus",
            "RoundingMode",
            "Verification",
        ),
        ("pelayanan._model", _STRING),
    ),
    "UnitLevel": ("pelayanan._model", "give 'agency', 'service_unit' or 'service_product'"),
    # Annotation aliases: write the union they stand for.
    "Node": ("pelayanan._model", "annotate with Group | Indicator"),
    "Scale": ("pelayanan._model", "annotate with BooleanScale | OrdinalScale | NumericScale"),
    "Weight": ("pelayanan._model.rubric", "annotate with Fraction | ParamRef"),
    # Received, never constructed: reached as the attribute of what holds them.
    "ResultProvenance": ("pelayanan._model", "it is Assessment.provenance"),
    "EvidenceRecord": ("pelayanan._model.records", "it is an item of Assessment.records"),
    "NodeResult": ("pelayanan._model", "it is an item of ScoreCard.breakdown"),
    "TargetResult": ("pelayanan._model.records", "it is ScoreCard.target"),
    "Classification": ("pelayanan._model", "it is what ZoneScheme.classify returns"),
    "Change": ("pelayanan._model", "it is an item of Rubric.metadata.changes"),
    "Addition": ("pelayanan._model.tailoring", "give Overlay(add=...) a mapping"),
    "Replacement": ("pelayanan._model.tailoring", "give Overlay(substitute=...) a mapping"),
    "Finding": ("pelayanan._model.problems", "it is an item of RuleError.findings"),
    "Problem": ("pelayanan._documents", "it is an item of ProblemError.problems"),
    "Document": ("pelayanan._documents", "it is what load_document returns"),
    "EvidenceSet": ("pelayanan._documents", "it is what load_evidence returns"),
    "Fix": ("pelayanan._scoring", "it is an item of FixPlan.fixes"),
    "FixPlan": ("pelayanan._scoring", "it is what plan_fixes returns"),
    **dict.fromkeys(
        (
            "SurveyAnalysis",
            "ElementResult",
            "ElementChange",
            "IndexResult",
            "ProfileTable",
            "SampleAdequacy",
            "Segment",
        ),
        ("pelayanan._scoring.survey", "it is (a part of) what analyse_survey returns"),
    ),
    **dict.fromkeys(
        ("AuditResult", "AuditFinding", "Candidate", "Chain", "PublishedReport"),
        ("pelayanan._auditing", "it is (a part of) what audit returns"),
    ),
    # Converters the model applies itself: give strings or numbers, read Fractions.
    "to_exact": ("pelayanan._model", "give the model strings or numbers; it converts them"),
    "exact_to_str": ("pelayanan._model", "to_data writes numbers without loss"),
    "current_limits": ("pelayanan._model", "use_limits() yields the limits in force"),
}
"""Names the face exported before 0.2 and no longer does: their module and where they went
(the CHANGELOG lists them too). Looking one up works until 0.3, with a DeprecationWarning."""

__all__ = [
    "Aggregation",
    "Applies",
    "Assessment",
    "BadRowsError",
    "Band",
    "BooleanScale",
    "ConversionError",
    "DocumentError",
    "Evidence",
    "Group",
    "Html",
    "Indicator",
    "InvalidValueError",
    "LimitError",
    "Limits",
    "Metadata",
    "MissingEvidenceError",
    "NoMethodError",
    "NotFoundError",
    "NumericScale",
    "OrdinalScale",
    "Overlay",
    "ParamRef",
    "Parameter",
    "PelayananError",
    "Period",
    "PluginError",
    "ProblemError",
    "Provenance",
    "Report",
    "Response",
    "Rounding",
    "RoundingRules",
    "Rubric",
    "RuleError",
    "ScaleLevel",
    "ScoreCard",
    "ScoringError",
    "ScoringSpec",
    "Source",
    "TailoringError",
    "Target",
    "TargetError",
    "TargetSet",
    "Text",
    "Unit",
    "UnitTree",
    "VerificationNote",
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
    "dump",
    "from_data",
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
    "use_limits",
]

__getattr__, __dir__ = _lazy_names(__name__, globals(), _LAZY, __all__, deprecated=_DEPRECATED)
