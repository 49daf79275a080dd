"""Load the built-in files for the tests, without the schema layer.

The files are read with the project's safe loader (numbers stay exact), the ``$schema`` key is
dropped, and the model is built with :mod:`pelayanan._model.convert`. The schema-checked path
(``pelayanan._documents.api``) is exercised separately in ``test_files.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from typing import Any

from pelayanan._documents import load_text
from pelayanan._documents.builtin import rubric_paths, zone_scheme_paths
from pelayanan._model.convert import from_data
from pelayanan._model.evidence import Evidence
from pelayanan._model.results import ScoreCard
from pelayanan._model.rubric import Rubric
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring import score


def read_data(path: Traversable) -> dict[str, Any]:
    """The document's plain data without ``$schema``."""
    document = load_text(path.read_text(encoding="utf-8"), format="yaml", name=str(path))
    data = dict(document.data)
    data.pop("$schema", None)
    return data


def rubric(rubric_id: str) -> Rubric:
    """The built-in rubric whose file is ``<rubric_id>.yaml``."""
    (path,) = [p for p in rubric_paths() if p.name == f"{rubric_id}.yaml"]
    return from_data(Rubric, read_data(path))


def zone_scheme(scheme_id: str) -> ZoneScheme:
    """The built-in zone scheme whose file is ``<scheme_id>.yaml``."""
    (path,) = [p for p in zone_scheme_paths() if p.name == f"{scheme_id}.yaml"]
    return from_data(ZoneScheme, read_data(path))


def answers(unit: str, table: Mapping[str, Iterable[object]]) -> list[Evidence]:
    """One evidence item per answer: ``{indicator: [answer, answer, ...]}``."""
    return [
        Evidence(unit, indicator, value) for indicator, values in table.items() for value in values
    ]


def card(
    rubric_id: str,
    evidence: Iterable[Evidence],
    parameters: Mapping[str, str] | None = None,
) -> ScoreCard:
    """Score one unit with a built-in rubric and its default built-in zone scheme."""
    model = rubric(rubric_id)
    scheme = None if model.zone_scheme is None else zone_scheme(model.zone_scheme)
    result = score(model, evidence, zone_scheme=scheme, parameters=parameters)
    (only,) = result.cards
    return only
