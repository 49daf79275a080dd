"""A long-layout file the python engine refuses for a cell longer than its reader takes is
refused by the ``duckdb`` engine in the same words, never scored (review of issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelayanan._batch import assess_files
from pelayanan._readers import BadRowsError, read_units
from pelayanan.testing._support import result_bytes

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

KOTA = Path(__file__).resolve().parents[2] / "examples" / "data" / "kota-contoh"


@pytest.mark.parametrize(
    ("suffix", "column", "length"),
    [
        # A Parquet text cell is bounded by Limits.max_cell_chars (32,767 by default).
        (".parquet", "collector", 40_000),
        (".parquet", "unit", 40_000),
        # A CSV field by the csv module's field limit (131,072 characters).
        (".csv", "collector", 200_000),
        (".csv", "unit", 200_000),
    ],
)
def test_an_over_long_cell_is_refused_by_every_engine(
    tmp_path: Path, suffix: str, column: str, length: int
) -> None:
    frame = pd.read_csv(KOTA / "evidence-2022.csv", dtype=str, keep_default_na=False)
    frame = frame[["unit", "indicator", "value", "collector"]].copy()
    frame.loc[len(frame) - 1, column] = "x" * length  # the last row
    path = tmp_path / f"bukti{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)
    # No units file for an over-long unit id (with one, the unknown unit is refused anyway).
    units = read_units(KOTA / "units.csv") if column != "unit" else None
    got = {}
    for engine in ("python", "duckdb"):
        with pytest.raises(BadRowsError) as caught:
            result_bytes(assess_files("ombudsman-2022", [path], engine=engine, units=units))
        got[engine] = str(caught.value)
    assert got["python"] == got["duckdb"]
    assert f"baris {len(frame) + 1}" in got["python"]  # the header is row 1
