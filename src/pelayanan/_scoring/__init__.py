"""Scoring: pure functions over a rubric, evidence and units. No files, no plugins.

The names below are imported from their modules on first use (PEP 562), so that what needs
one part (the scoring-model protocol of :mod:`~pelayanan._scoring.base`, the built-in models
the registry lists) does not import the engine, the fix planner and the aggregation.
"""

import typing as _typing

from pelayanan._lazy import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from pelayanan._scoring.base import IndicatorInput, ModelResult, ScoringModel
    from pelayanan._scoring.engine import prepare, score
    from pelayanan._scoring.errors import MissingEvidenceError, ScoringError, ScoringProblem
    from pelayanan._scoring.fixes import Fix, FixPlan, plan_fixes
    from pelayanan._scoring.models import BUILTIN_MODELS, SurveyIndex, WeightedMean

_HOMES = {
    **dict.fromkeys(("IndicatorInput", "ModelResult", "ScoringModel"), "pelayanan._scoring.base"),
    **dict.fromkeys(("prepare", "score"), "pelayanan._scoring.engine"),
    **dict.fromkeys(
        ("MissingEvidenceError", "ScoringError", "ScoringProblem"), "pelayanan._scoring.errors"
    ),
    **dict.fromkeys(("Fix", "FixPlan", "plan_fixes"), "pelayanan._scoring.fixes"),
    **dict.fromkeys(("BUILTIN_MODELS", "SurveyIndex", "WeightedMean"), "pelayanan._scoring.models"),
}
"""The module of each name (what the other packages and the tests import from here; the
rest from its own module)."""

__all__ = [
    "BUILTIN_MODELS",
    "Fix",
    "FixPlan",
    "IndicatorInput",
    "MissingEvidenceError",
    "ModelResult",
    "ScoringError",
    "ScoringModel",
    "ScoringProblem",
    "SurveyIndex",
    "WeightedMean",
    "plan_fixes",
    "prepare",
    "score",
]

__getattr__, __dir__ = _lazy_names(__name__, globals(), _HOMES, __all__)
