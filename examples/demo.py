"""Score a fictional city under the Ombudsman 2022 four-dimension method, built in Python.

Kota Contoh (a made-up city) has three service units with two service products each. Each
product is observed on the four dimensions of the 2022 method (input, proses, output,
pengaduan); indicators are scored 0-3. The script prints score, category and zone for every
product, every service unit and the city.

Run it with ``make demo``.
"""

from __future__ import annotations

from pelayanan import (
    Band,
    Evidence,
    Group,
    Indicator,
    OrdinalScale,
    Rubric,
    ScoreCard,
    ScoringSpec,
    Unit,
    UnitTree,
    Zone,
    ZoneScheme,
    plan_fixes,
    score,
)

ZERO_TO_THREE = OrdinalScale.from_range(0, 3, ["tidak ada", "kurang", "cukup", "lengkap"])

# Dimension weights of the 2022-2024 method (reference, section 2.3). Indicators inside a
# dimension weigh the same and a dimension scores mean/3 x 100: a documented assumption.
DIMENSIONS = {
    "input": ("21.85", ["kompetensi_standar", "kompetensi_tugas", "sarana_pengguna"]),
    "proses": ("32.37", ["persyaratan", "prosedur", "jangka_waktu", "biaya", "produk"]),
    "output": ("24.24", ["penundaan", "permintaan_imbalan", "penyimpangan_prosedur"]),
    "pengaduan": ("21.54", ["pengelolaan_pengaduan"]),
}

RUBRIC = Rubric(
    id="demo-ombudsman-2022",
    version="1",
    title={"id": "Contoh penilaian kepatuhan 2022", "en": "Example 2022 compliance rubric"},
    scoring=ScoringSpec("weighted_mean", {"minimum": 0, "maximum": 100}),
    zone_scheme="ombudsman-2022",
    children=[
        Group(
            name,
            name.capitalize(),
            [Indicator(ind, ind.replace("_", " "), ZERO_TO_THREE) for ind in indicators],
            weight=weight,
            kind="dimension",
        )
        for name, (weight, indicators) in DIMENSIONS.items()
    ],
)

OPINI_2022 = ZoneScheme(
    id="ombudsman-2022",
    version="2022",
    title="Opini Ombudsman 2022-2024",
    minimum=0,
    maximum=100,
    zones=[
        Zone("merah", {"id": "Zona Merah", "en": "Red zone"}, "#c62828"),
        Zone("kuning", {"id": "Zona Kuning", "en": "Yellow zone"}, "#f9a825"),
        Zone("hijau", {"id": "Zona Hijau", "en": "Green zone"}, "#2e7d32"),
    ],
    bands=[
        Band("0", "E", "Kualitas Terendah", "merah"),
        Band("32", "D", "Kualitas Rendah", "merah"),
        Band("54", "C", "Kualitas Sedang", "kuning"),
        Band("78", "B", "Kualitas Tinggi", "hijau"),
        Band("88", "A", "Kualitas Tertinggi", "hijau"),
    ],
)

UNITS = UnitTree(
    [
        Unit("kota-contoh", "Pemerintah Kota Contoh", "agency"),
        Unit(
            "dukcapil",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "service_unit",
            "kota-contoh",
        ),
        Unit("ktp", "KTP elektronik", "service_product", "dukcapil"),
        Unit("akta", "Akta kelahiran", "service_product", "dukcapil"),
        Unit("dpmptsp", "Dinas Penanaman Modal dan PTSP", "service_unit", "kota-contoh"),
        Unit("pbg", "Persetujuan bangunan gedung", "service_product", "dpmptsp"),
        Unit("nib", "Nomor induk berusaha", "service_product", "dpmptsp"),
        Unit("puskesmas", "Puskesmas Sukamaju", "service_unit", "kota-contoh"),
        Unit("rawat-jalan", "Rawat jalan", "service_product", "puskesmas"),
        Unit("imunisasi", "Imunisasi", "service_product", "puskesmas"),
    ]
)

# Fictional observations: one 0-3 value per indicator, in the order of DIMENSIONS.
OBSERVED = {
    "ktp": [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3],
    "akta": [3, 2, 3, 3, 3, 2, 3, 3, 3, 2, 3, 2],
    "pbg": [2, 2, 1, 2, 2, 1, 3, 2, 2, 1, 2, 1],
    "nib": [3, 2, 2, 3, 3, 2, 3, 3, 3, 2, 2, 2],
    "rawat-jalan": [2, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 1],
    "imunisasi": [3, 3, 2, 3, 2, 3, 3, 3, 2, 3, 3, 2],
}


def evidence() -> list[Evidence]:
    """The fictional observations as evidence items."""
    ids = [ind.id for ind in RUBRIC.indicators()]
    return [
        Evidence(unit, indicator, value)
        for unit, values in OBSERVED.items()
        for indicator, value in zip(ids, values, strict=True)
    ]


def line(card: ScoreCard, depth: int) -> str:
    """One printed row: indented name, score, category and zone."""
    assert card.band is not None
    assert card.zone is not None
    name = ("  " * depth + card.name)[:48]
    return f"{name:<48} {card.published!s:>6}  {card.band.code:^4}  {card.zone.label.get('id')}"


def main() -> None:
    """Score Kota Contoh and print every level, then what the weakest product should fix."""
    items = evidence()
    result = score(RUBRIC, items, UNITS, zone_scheme=OPINI_2022, assessed_on="2024-10-01")
    print(f"{'Unit':<48} {'Skor':>6}  {'Opini':^4}  Zona")
    for root in result.cards:
        stack = [(root, 0)]
        while stack:
            card, depth = stack.pop()
            print(line(card, depth))
            stack.extend((child, depth + 1) for child in reversed(card.children))
    provenance = result.provenance
    print(
        f"\nRubric {provenance.rubric_id}@{provenance.rubric_version} {provenance.rubric_hash[:19]}"
    )

    weakest = min((c for c in result.walk() if not c.children), key=lambda c: c.score or 0)
    plan = plan_fixes(RUBRIC, items, weakest.unit_id, UNITS, zone_scheme=OPINI_2022)
    target = plan.target.code if plan.target else "-"
    how = "exact" if plan.exact else "greedy"
    print(f"\nWhat {weakest.name} should fix to reach {target} ({how}):")
    for fix in plan.fixes:
        print(f"  - {fix.indicator_id}: {fix.current} -> {fix.target} (+{float(fix.gain):.2f})")
    print(f"  projected score: {plan.projected}")


if __name__ == "__main__":
    main()
