"""Score with everything the plugins provide: rubrics by id, zone schemes, scoring models."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from pelayanan._model.evidence import Evidence
from pelayanan._model.policies import MissingPolicy
from pelayanan._model.records import EvidenceRecord, recording
from pelayanan._model.results import Assessment
from pelayanan._model.rubric import Rubric
from pelayanan._model.targets import Target, TargetSet, apply_targets
from pelayanan._model.units import Unit, UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.engine import score
from pelayanan.plugins._registry import Registry, get_registry

__all__ = ["assess"]


def assess(
    rubric: str | Rubric,
    evidence: Iterable[Evidence] | str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    units: UnitTree | Iterable[Unit] | None = None,
    *,
    parameters: Mapping[str, str] | None = None,
    zone_scheme: str | ZoneScheme | None = None,
    missing: MissingPolicy | str | None = None,
    assessed_on: str | None = None,
    registry: Registry | None = None,
    targets: TargetSet | Iterable[Target] | None = None,
    period: str | None = None,
    engine: str = "auto",
    **read: Any,
) -> Assessment:
    """Score ``evidence`` against a rubric from the registry, like :func:`pelayanan.score`.

    Args:
        rubric: ``"id"`` (highest version), ``"id@version"``, or a rubric object.
        evidence: the evidence items (read once), or evidence files (see ``engine``).
        units: the unit tree, as for :func:`pelayanan.score`.
        parameters: the rubric's parameter choices (e.g. ``{"bobot": "0.11"}``).
        zone_scheme: a scheme, or its ``"id"``/``"id@version"`` in the registry; by default
            the scheme the rubric declares, looked up in the registry (none if it declares
            none).
        missing: overrides the rubric's missing-evidence policy.
        assessed_on: a date to record in the result.
        registry: where to look things up; by default :func:`get_registry` (strict).
        targets: performance targets (a :class:`~pelayanan._model.targets.TargetSet`, e.g.
            from :func:`pelayanan._readers.practice.read_targets`, or
            :class:`~pelayanan._model.targets.Target` objects): each targeted card gets its
            :attr:`~pelayanan._model.results.ScoreCard.target` (score, band, gap, met).
        period: which period of ``targets`` (needed only when they hold several).
        engine: for evidence given as files (a path, or a list of paths; a directory
            stands for its tables): ``auto``, ``python``, ``duckdb`` or ``dask`` (see
            :func:`pelayanan._batch.assess_files`, which takes the reading options in
            ``read``: ``layout``, ``columns``, ``unit``, ``skip_bad_rows``,
            ``scheduler``, ...). Evidence items are reduced in Python.

    The notes and references of the evidence are kept in
    :attr:`~pelayanan._model.results.Assessment.records`.

    Raises:
        NotFoundError: the rubric or zone scheme is not registered.
        PluginError: a plugin is broken (strict registry), or a plugin's scoring model
            raised while scoring (naming the plugin and where; the exception is the cause).
        ScoringError: as :func:`pelayanan.score`.
        TargetError: targets that cannot be applied (see
            ``apply_targets``).
    """
    found = registry if registry is not None else get_registry()
    chosen = found.get_rubric(rubric) if isinstance(rubric, str) else rubric
    wanted = zone_scheme if zone_scheme is not None else chosen.zone_scheme
    scheme = found.get_zone_scheme(wanted) if isinstance(wanted, str) else wanted
    if _is_paths(evidence):
        from pelayanan._batch import assess_files

        paths = [evidence] if isinstance(evidence, str | os.PathLike) else list(evidence)
        result = assess_files(
            chosen,
            paths,  # type: ignore[arg-type]
            units=units,
            parameters=parameters,
            zone_scheme=scheme,
            missing=missing,
            assessed_on=assessed_on,
            registry=found,
            engine=engine,
            **read,
        )
        if targets is not None:
            result = apply_targets(result, targets, scheme, period=period)
        return result
    if read:
        raise TypeError(f"reading options {sorted(read)} apply only to evidence files")
    if engine not in ("auto", "python"):
        from pelayanan._batch.engines import check_engine

        check_engine(engine)
    assert not isinstance(evidence, str | os.PathLike)
    records: list[EvidenceRecord] = []
    try:
        result = score(
            chosen,
            recording(evidence, records),  # type: ignore[arg-type]
            units,
            zone_scheme=scheme,
            parameters=parameters,
            missing=missing,
            models=found.scoring_models(),
            assessed_on=assessed_on,
        )
    except Exception as error:
        blamed = found.blame(error)  # a plugin's scoring model that raised is named
        if blamed is None:
            raise
        raise blamed from error
    if records:
        result = attrs.evolve(result, records=tuple(records))
    if targets is not None:
        result = apply_targets(result, targets, scheme, period=period)
    return result


def _is_paths(evidence: object) -> bool:
    """Whether ``evidence`` names files (a path, or a list or tuple of paths)."""
    if isinstance(evidence, str | os.PathLike):
        return True
    return (
        isinstance(evidence, list | tuple)
        and bool(evidence)
        and all(isinstance(item, str | os.PathLike) for item in evidence)
    )
