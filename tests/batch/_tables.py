"""Evidence written as tables (long layout) so every engine can read the same data."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

from pelayanan._model.evidence import Evidence
from pelayanan._model.numbers import exact_to_str

HEADER = ["unit", "indicator", "value", "collected_at"]

SKM_COLUMNS = {
    f"U{i}": element
    for i, element in enumerate(
        [
            "persyaratan",
            "prosedur",
            "waktu",
            "biaya",
            "produk",
            "kompetensi",
            "perilaku",
            "pengaduan",
            "sarana",
        ],
        start=1,
    )
}


def value_text(item: Evidence) -> str:
    """The value cell of an item as a person would type it."""
    if item.not_applicable:
        return "n/a"
    if isinstance(item.value, bool):
        return "ya" if item.value else "tidak"
    assert isinstance(item.value, Fraction)
    return exact_to_str(item.value)


def long_rows(evidence: Iterable[Evidence]) -> list[list[str]]:
    """The long-layout rows of ``evidence`` (without the header)."""
    rows = []
    for item in evidence:
        when = item.provenance.collected_at
        rows.append(
            [item.unit, item.indicator, value_text(item), "" if when is None else when.isoformat()]
        )
    return rows


def write_long_csv(path: Path, evidence: Iterable[Evidence]) -> Path:
    """``evidence`` as a long-layout CSV file."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(long_rows(evidence))
    return path


def long_frame(evidence: Iterable[Evidence]):  # type: ignore[no-untyped-def]
    """``evidence`` as a pandas DataFrame in the long layout (text cells, None when blank)."""
    import pandas as pd

    rows = [[cell or None for cell in row] for row in long_rows(evidence)]
    return pd.DataFrame(rows, columns=HEADER, dtype=object)
