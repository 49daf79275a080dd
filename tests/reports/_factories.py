"""A small city, a two-group rubric and the 2022-2024 Ombudsman bands, for report tests.

Bands (reference 2.1, 2022-2024): A 88.00-100, B 78.00-87.99 (hijau), C 54.00-77.99
(kuning), D 32.00-53.99, E 0-31.99 (merah).

Rubric (weighted mean, 0-100): group ``layanan`` (weight 3) holds two yes/no indicators,
``persyaratan`` and ``prosedur``; group ``sarana`` (weight 1) holds ``ruang_tunggu`` on
0-3. A unit scores 100 x (3/4 x share of layanan met + 1/4 x ruang_tunggu / 3).

Evidence of the first round (``round_one``), worked by hand:

* p1: ya, ya, 3 -> 100.00 (A);
* p2: ya, tidak, 0 -> 100 x 3/4 x 1/2 = 37.50 (D); it loses 37.50 on prosedur and 25.00
  on ruang_tunggu;
* p3: tidak, tidak, 3 -> 25.00 (E);
* dinas-a = mean(100, 37.5) = 68.75 (C); dinas-b = 25.00 (E);
* kota = mean(68.75, 25) = 46.875 -> 46.88 (D), 7.12 below C.
"""

from __future__ import annotations

from collections.abc import Mapping

from pelayanan import (
    Band,
    Evidence,
    Group,
    Indicator,
    OrdinalScale,
    Rubric,
    Unit,
    UnitTree,
    Zone,
    ZoneScheme,
    score,
)
from pelayanan._model.results import Assessment

MERAH = Zone("merah", {"id": "Kepatuhan rendah", "en": "Low compliance"}, "#c62828")
KUNING = Zone("kuning", {"id": "Kepatuhan sedang", "en": "Medium compliance"}, "#f9a825")
HIJAU = Zone("hijau", {"id": "Kepatuhan tinggi", "en": "High compliance"}, "#2e7d32")

SCHEME = ZoneScheme(
    id="ombudsman-2022",
    version="2022",
    title={"id": "Kategori 2022-2024", "en": "Categories 2022-2024"},
    minimum=0,
    maximum=100,
    bands=[
        Band("0", "E", {"id": "Kualitas Terendah", "en": "Lowest quality"}, "merah"),
        Band("32", "D", {"id": "Kualitas Rendah", "en": "Low quality"}, "merah"),
        Band("54", "C", {"id": "Kualitas Sedang", "en": "Medium quality"}, "kuning"),
        Band("78", "B", {"id": "Kualitas Tinggi", "en": "High quality"}, "hijau"),
        Band("88", "A", {"id": "Kualitas Tertinggi", "en": "Highest quality"}, "hijau"),
    ],
    zones=[MERAH, KUNING, HIJAU],
)

RUBRIC = Rubric(
    "contoh",
    "1",
    {"id": "Rubrik contoh", "en": "Example rubric"},
    [
        Group(
            "layanan",
            {"id": "Layanan", "en": "Service"},
            [
                Indicator("persyaratan", {"id": "Persyaratan", "en": "Requirements"}),
                Indicator("prosedur", {"id": "Prosedur", "en": "Procedure"}),
            ],
            weight=3,
        ),
        Group(
            "sarana",
            {"id": "Sarana", "en": "Facilities"},
            [
                Indicator(
                    "ruang_tunggu",
                    {"id": "Ruang tunggu", "en": "Waiting room"},
                    scale=OrdinalScale.from_range(0, 3),
                )
            ],
        ),
    ],
    zone_scheme="ombudsman-2022",
)

UNITS = UnitTree(
    [
        Unit("kota", "Kota <Contoh> & Co", "agency"),
        Unit("dinas-a", "Dinas A", "service_unit", "kota"),
        Unit("dinas-b", "Dinas B", "service_unit", "kota"),
        Unit("p1", "Produk 1", "service_product", "dinas-a"),
        Unit("p2", "Produk 2", "service_product", "dinas-a"),
        Unit("p3", "Produk 3", "service_product", "dinas-b"),
    ]
)


def assess(values: Mapping[str, tuple[bool, bool, int]], on: str | None = None) -> Assessment:
    """Score ``{product: (persyaratan, prosedur, ruang_tunggu)}``."""
    evidence = []
    for unit, (requirements, procedure, room) in values.items():
        evidence += [
            Evidence(unit, "persyaratan", requirements),
            Evidence(unit, "prosedur", procedure),
            Evidence(unit, "ruang_tunggu", room),
        ]
    return score(RUBRIC, evidence, UNITS, zone_scheme=SCHEME, assessed_on=on)


def round_one() -> Assessment:
    """The first round (numbers in the module docstring)."""
    return assess(
        {"p1": (True, True, 3), "p2": (True, False, 0), "p3": (False, False, 3)}, "2023-06-30"
    )


def round_two() -> Assessment:
    """A year later: p2 fixed its procedure (100 x (3/4 + 0) = 75.00), p3 met both
    (100 x (3/4 + 1/4) = 100); dinas-a = 87.50, dinas-b = 100, kota = 93.75 (A)."""
    return assess(
        {"p1": (True, True, 3), "p2": (True, True, 0), "p3": (True, True, 3)}, "2024-06-30"
    )
