"""The domain model: units, rubrics, zone schemes, evidence and results.

Plain frozen attrs classes with validators. The model knows no files, plugins or screens.
"""

from pelayanan._model.convert import ConversionError, content_hash, from_data, to_data
from pelayanan._model.evidence import Evidence, EvidenceKind, Provenance
from pelayanan._model.limits import LimitError, Limits, current_limits, use_limits
from pelayanan._model.metadata import Change, Metadata, Source, Verification, VerificationNote
from pelayanan._model.methods import NoMethodError, scheme_for_year
from pelayanan._model.numbers import Rounding, RoundingMode, exact_to_str, to_exact
from pelayanan._model.policies import (
    Aggregation,
    AggregationMethod,
    Combine,
    MissingPolicy,
    Parameter,
    ParamRef,
    RoundingRules,
    ScoringSpec,
)
from pelayanan._model.results import Assessment, NodeResult, NodeStatus, ResultProvenance, ScoreCard
from pelayanan._model.rubric import Group, Indicator, Node, Rubric
from pelayanan._model.scales import BooleanScale, NumericScale, OrdinalScale, Scale, ScaleLevel
from pelayanan._model.survey import Response
from pelayanan._model.tailoring import (
    Overlay,
    Replacement,
    TailoringError,
    apply_overlay,
)
from pelayanan._model.text import Text
from pelayanan._model.units import Unit, UnitLevel, UnitTree
from pelayanan._model.zones import Applies, Band, Classification, Zone, ZoneScheme

__all__ = [
    "Aggregation",
    "AggregationMethod",
    "Applies",
    "Assessment",
    "Band",
    "BooleanScale",
    "Change",
    "Classification",
    "Combine",
    "ConversionError",
    "Evidence",
    "EvidenceKind",
    "Group",
    "Indicator",
    "LimitError",
    "Limits",
    "Metadata",
    "MissingPolicy",
    "NoMethodError",
    "Node",
    "NodeResult",
    "NodeStatus",
    "NumericScale",
    "OrdinalScale",
    "Overlay",
    "ParamRef",
    "Parameter",
    "Provenance",
    "Replacement",
    "Response",
    "ResultProvenance",
    "Rounding",
    "RoundingMode",
    "RoundingRules",
    "Rubric",
    "Scale",
    "ScaleLevel",
    "ScoreCard",
    "ScoringSpec",
    "Source",
    "TailoringError",
    "Text",
    "Unit",
    "UnitLevel",
    "UnitTree",
    "Verification",
    "VerificationNote",
    "Zone",
    "ZoneScheme",
    "apply_overlay",
    "content_hash",
    "current_limits",
    "exact_to_str",
    "from_data",
    "scheme_for_year",
    "to_data",
    "to_exact",
    "use_limits",
]
