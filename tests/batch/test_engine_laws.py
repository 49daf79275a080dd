"""Property: every engine gives the identical result document as :func:`pelayanan.score`
on generated rubrics and evidence (every scale, every combine rule including ``median``
and ``latest``, not-applicable markers, gaps under each missing policy), on every
built-in rubric, and on survey tables under the SKM weight variants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelayanan import UnitTree, score
from pelayanan._batch import assess_files, assess_table
from pelayanan.plugins import get_registry
from pelayanan.testing import strategies as ps
from pelayanan.testing._support import result_bytes

from ._tables import SKM_COLUMNS, long_frame, write_long_csv

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _same_everywhere(rubric, case, tmp_path: Path, scheduler: str | None = None) -> None:  # type: ignore[no-untyped-def]
    expected = result_bytes(case.score(rubric))
    common = {
        "units": case.units,
        "parameters": dict(case.parameters),
        "missing": case.missing,
        "layout": "long",
    }
    frame = long_frame(case.evidence)
    for engine in ("python", "duckdb"):
        got = assess_table(rubric, frame, engine=engine, **common)
        assert result_bytes(got) == expected, engine
    path = write_long_csv(tmp_path / "bukti.csv", case.evidence)
    for engine in ("python", "duckdb") if scheduler is None else ("dask",):
        got = assess_files(rubric, [path], engine=engine, scheduler=scheduler, **common)
        assert result_bytes(got) == expected, engine


@SETTINGS
@given(data=st.data())
def test_generated_rubrics_identical_on_every_engine(data: st.DataObject, tmp_path: Path) -> None:
    rubric = data.draw(ps.rubrics(), label="rubric")
    case = data.draw(ps.cases(rubric), label="case")
    _same_everywhere(rubric, case, tmp_path)


BUILTINS = sorted({rubric.id for rubric in get_registry().rubrics()})


@pytest.mark.parametrize("rubric_id", BUILTINS)
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_builtin_rubrics_identical_on_every_engine(
    rubric_id: str, data: st.DataObject, tmp_path: Path
) -> None:
    rubric = get_registry().get_rubric(rubric_id)
    case = data.draw(ps.cases(rubric), label="case")
    _same_everywhere(rubric, case, tmp_path)


@pytest.mark.slow
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_dask_identical_on_generated_rubrics(
    data: st.DataObject, tmp_path: Path, dask_scheduler: str
) -> None:
    rubric = data.draw(ps.rubrics(), label="rubric")
    case = data.draw(ps.cases(rubric), label="case")
    _same_everywhere(rubric, case, tmp_path, dask_scheduler)


answers = st.one_of(st.none(), st.sampled_from(["1", "2", "3", "4"]))


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["u1", "u2", "u3"]), st.lists(answers, min_size=9, max_size=9)),
        min_size=1,
        max_size=30,
    ),
    weight=st.sampled_from(["exact", "0.11", "0.111"]),
    missing=st.sampled_from(["zero", "exclude"]),
)
def test_survey_tables_identical_under_every_weight_variant(
    rows: list[tuple[str, list[str | None]]], weight: str, missing: str, tmp_path: Path
) -> None:
    header = ["unit", *SKM_COLUMNS]
    frame = pd.DataFrame([[unit, *cells] for unit, cells in rows], columns=header, dtype=object)
    if frame[list(SKM_COLUMNS)].isna().all(axis=None):
        return
    path = tmp_path / "survei.csv"
    frame.to_csv(path, index=False)
    options = {"columns": SKM_COLUMNS, "parameters": {"weight": weight}, "missing": missing}
    results = {
        engine: result_bytes(assess_files("skm-2017", [path], engine=engine, **options))
        for engine in ("python", "duckdb")
    }
    results["table"] = result_bytes(assess_table("skm-2017", frame, engine="duckdb", **options))
    # The plain evidence path: one Evidence per answer through pelayanan.score.
    from pelayanan._model.evidence import Evidence

    rubric = get_registry().get_rubric("skm-2017")
    items = [
        Evidence(unit, SKM_COLUMNS[column], cell)
        for unit, cells in rows
        for column, cell in zip(SKM_COLUMNS, cells, strict=True)
        if cell is not None
    ]
    scheme = get_registry().get_zone_scheme(rubric.zone_scheme or "")
    results["evidence"] = result_bytes(
        score(
            rubric,
            items,
            UnitTree.flat(sorted({item.unit for item in items})),
            zone_scheme=scheme,
            parameters={"weight": weight},
            missing=missing,
        )
    )
    assert len(set(results.values())) == 1
