"""Scoring: pure functions over a rubric, evidence and units. No files, no plugins."""

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
