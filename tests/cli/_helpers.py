"""Helpers of the command-line tests: the console script, results, and small input files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import attrs

SCRIPT = Path(sys.executable).parent / "pelayanan"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "data" / "kota-contoh"

# The 14 components of UU 25/2009 Art. 21 (ids of the standar-pelayanan-2009 rubric).
COMPONENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "pengaduan",
    "dasar_hukum",
    "sarana",
    "kompetensi",
    "pengawasan",
    "jumlah_pelaksana",
    "jaminan_pelayanan",
    "jaminan_keamanan",
    "evaluasi_kinerja",
)
SKM_COLUMNS = (
    "U1=persyaratan,U2=prosedur,U3=waktu,U4=biaya,U5=produk,"
    "U6=kompetensi,U7=perilaku,U8=pengaduan,U9=sarana"
)


def command() -> list[str]:
    """The console script once installed, else ``python -m pelayanan`` (same entry point)."""
    if SCRIPT.exists():
        return [str(SCRIPT)]
    return [sys.executable, "-m", "pelayanan"]


@attrs.frozen
class Result:
    """What a run of the command gave."""

    code: int
    out: str
    err: str


Runner = Callable[..., Result]
"""The ``run`` fixture: ``run("score", "--rubric", ...)`` gives a :class:`Result`."""


def checklist(path: Path, units: dict[str, int]) -> Path:
    """A long CSV for standar-pelayanan-2009: in unit ``u``, the first ``units[u]`` of the
    14 components are met (``ya``) and the rest are not (``tidak``)."""
    lines = ["unit,indicator,value,collector"]
    for unit, met in units.items():
        for index, component in enumerate(COMPONENTS):
            lines.append(f"{unit},{component},{'ya' if index < met else 'tidak'},Tim A")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
