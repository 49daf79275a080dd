"""Scoring: pure functions over a rubric, evidence and units. No files, no plugins.

The names below are imported from their modules on first use (PEP 562), so that what needs
one part (the scoring-model protocol of :mod:`~pelayanan._scoring.base`, the built-in models
the registry lists) does not import the engine, the fix planner and the aggregation.
"""

import typing as _typing

from pelayanan._lazy import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from pelayanan._scoring.aggregate import merge_breakdowns
    from pelayanan._scoring.base import (
        IndicatorInput,
        IndicatorShare,
        ModelResult,
        ScoringModel,
        build_breakdown,
    )
    from pelayanan._scoring.engine import Prepared, prepare, score, score_leaf
    from pelayanan._scoring.errors import MissingEvidenceError, ScoringError, ScoringProblem
    from pelayanan._scoring.fixes import Fix, FixPlan, plan_fixes
    from pelayanan._scoring.models import (
        BUILTIN_MODELS,
        Absolute,
        Flat,
        FlatUnweighted,
        Points,
        SurveyIndex,
        WeightedMean,
    )

_HOMES = {
    "merge_breakdowns": "pelayanan._scoring.aggregate",
    **dict.fromkeys(
        ("IndicatorInput", "IndicatorShare", "ModelResult", "ScoringModel", "build_breakdown"),
        "pelayanan._scoring.base",
    ),
    **dict.fromkeys(("Prepared", "prepare", "score", "score_leaf"), "pelayanan._scoring.engine"),
    **dict.fromkeys(
        ("MissingEvidenceError", "ScoringError", "ScoringProblem"), "pelayanan._scoring.errors"
    ),
    **dict.fromkeys(("Fix", "FixPlan", "plan_fixes"), "pelayanan._scoring.fixes"),
    **dict.fromkeys(
        (
            "BUILTIN_MODELS",
            "Absolute",
            "Flat",
            "FlatUnweighted",
            "Points",
            "SurveyIndex",
            "WeightedMean",
        ),
        "pelayanan._scoring.models",
    ),
}
"""The module of each name."""

__all__ = [
    "BUILTIN_MODELS",
    "Absolute",
    "Fix",
    "FixPlan",
    "Flat",
    "FlatUnweighted",
    "IndicatorInput",
    "IndicatorShare",
    "MissingEvidenceError",
    "ModelResult",
    "Points",
    "Prepared",
    "ScoringError",
    "ScoringModel",
    "ScoringProblem",
    "SurveyIndex",
    "WeightedMean",
    "build_breakdown",
    "merge_breakdowns",
    "plan_fixes",
    "prepare",
    "score",
    "score_leaf",
]

__getattr__, __dir__ = _lazy_names(__name__, globals(), _HOMES, __all__)
