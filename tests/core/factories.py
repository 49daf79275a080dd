"""Rubrics, zone schemes, units and evidence for the core tests, written from the reference.

Every number here is copied from /work/shared/reference/regulations.md (section noted beside
it). Nothing is read from the built-in YAML files, so these tests prove the engine on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from pelayanan._model import (
    Band,
    Evidence,
    EvidenceKind,
    Group,
    Indicator,
    NumericScale,
    OrdinalScale,
    Parameter,
    ParamRef,
    Provenance,
    Rubric,
    ScoringSpec,
    Unit,
    UnitLevel,
    UnitTree,
    Zone,
    ZoneScheme,
)

# --------------------------------------------------------------------------- zones

MERAH = Zone("merah", {"id": "Kepatuhan rendah", "en": "Low compliance"}, "#c62828")
KUNING = Zone("kuning", {"id": "Kepatuhan sedang", "en": "Medium compliance"}, "#f9a825")
HIJAU = Zone("hijau", {"id": "Kepatuhan tinggi", "en": "High compliance"}, "#2e7d32")
OMBUDSMAN_ZONES = (MERAH, KUNING, HIJAU)


def _three_zone_scheme(
    scheme_id: str, maximum: int, kuning: str, hijau: str, title: str
) -> ZoneScheme:
    """merah from 0, kuning from ``kuning``, hijau from ``hijau`` (reference 2.1)."""
    return ZoneScheme(
        id=scheme_id,
        version="1",
        title=title,
        minimum=0,
        maximum=maximum,
        bands=[
            Band(0, "merah", "Zona merah", "merah"),
            Band(kuning, "kuning", "Zona kuning", "kuning"),
            Band(hijau, "hijau", "Zona hijau", "hijau"),
        ],
        zones=OMBUDSMAN_ZONES,
    )


def scheme_peromb_2015() -> ZoneScheme:
    """PerOmb 17/2015 text, 0-75: hijau 61-75, kuning 39-60, merah 0-38 (integer bands)."""
    return _three_zone_scheme("peromb-17-2015", 75, "39", "61", "PerOmb 17/2015")


def scheme_2015_pemda() -> ZoneScheme:
    """2015 round, regional governments, 0-110: hijau 89-110, kuning 56-88, merah 0-55."""
    return _three_zone_scheme("ombudsman-2015-pemda", 110, "56", "89", "2015 pemda")


def scheme_2015_kementerian() -> ZoneScheme:
    """2015 round, ministries, 0-100: hijau 81-100, kuning 51-80, merah 0-50."""
    return _three_zone_scheme("ombudsman-2015-kementerian", 100, "51", "81", "2015 kementerian")


def scheme_2016() -> ZoneScheme:
    """PerOmb 22/2016 (2016-2019), 0-100: hijau 81-100, kuning 51-80, merah 0-50."""
    return _three_zone_scheme("ombudsman-2016", 100, "51", "81", "2016-2019")


def scheme_2021() -> ZoneScheme:
    """2021, 0-100: hijau 81.00-100, kuning 51.00-80.99, merah 0-50.99."""
    return _three_zone_scheme("ombudsman-2021", 100, "51.00", "81.00", "2021")


def scheme_2022() -> ZoneScheme:
    """2022-2024 opini: A 88.00, B 78.00 (hijau), C 54.00 (kuning), D 32.00, E 0 (merah)."""
    return ZoneScheme(
        id="ombudsman-2022",
        version="1",
        title="Opini 2022-2024",
        minimum=0,
        maximum=100,
        bands=[
            Band("0.00", "E", "Kualitas Terendah", "merah"),
            Band("32.00", "D", "Kualitas Rendah", "merah"),
            Band("54.00", "C", "Kualitas Sedang", "kuning"),
            Band("78.00", "B", "Kualitas Tinggi", "hijau"),
            Band("88.00", "A", "Kualitas Tertinggi", "hijau"),
        ],
        zones=OMBUDSMAN_ZONES,
    )


_KINERJA = (
    Zone("tidak_baik", "Tidak baik"),
    Zone("kurang_baik", "Kurang baik"),
    Zone("baik", "Baik"),
    Zone("sangat_baik", "Sangat baik"),
)


def _survey_scheme(
    scheme_id: str, lowers: Sequence[str], title: str, clamp: bool = False
) -> ZoneScheme:
    codes = ("D", "C", "B", "A")
    return ZoneScheme(
        id=scheme_id,
        version="1",
        title=title,
        minimum=25,
        maximum=100,
        bands=[
            Band(lower, code, f"Mutu {code}", zone.id)
            for lower, code, zone in zip(lowers, codes, _KINERJA, strict=True)
        ],
        zones=_KINERJA,
        clamp=clamp,
    )


def scheme_skm_2017(*, clamp: bool = False) -> ZoneScheme:
    """PermenPANRB 14/2017 converted: D 25.00, C 65.00, B 76.61, A 88.31 (reference 3)."""
    return _survey_scheme(
        "skm-2017", ("25.00", "65.00", "76.61", "88.31"), "SKM 14/2017", clamp=clamp
    )


def scheme_ikm_2004() -> ZoneScheme:
    """KepmenPAN 25/2004 converted quarters: D 25.00, C 43.76, B 62.51, A 81.26 (3.1)."""
    return _survey_scheme("ikm-2004", ("25.00", "43.76", "62.51", "81.26"), "IKM 25/2004")


def scheme_pekppp() -> ZoneScheme:
    """PermenPANRB 29/2022 categories on 0-5 (reference 4, *unverified*)."""
    zones = (
        Zone("gagal", "Gagal"),
        Zone("sangat_buruk", "Sangat Buruk"),
        Zone("buruk", "Buruk"),
        Zone("cukup", "Cukup"),
        Zone("baik", "Baik"),
        Zone("sangat_baik", "Sangat Baik"),
        Zone("prima", "Pelayanan Prima"),
    )
    rows = [
        ("0", "F", "Gagal", "gagal"),
        ("1.01", "E", "Sangat Buruk", "sangat_buruk"),
        ("1.51", "D", "Buruk", "buruk"),
        ("2.01", "C-", "Cukup (dengan catatan)", "cukup"),
        ("2.51", "C", "Cukup", "cukup"),
        ("3.01", "B-", "Baik (dengan catatan)", "baik"),
        ("3.51", "B", "Baik", "baik"),
        ("4.01", "A-", "Sangat Baik", "sangat_baik"),
        ("4.51", "A", "Pelayanan Prima", "prima"),
    ]
    return ZoneScheme(
        id="pekppp-2022",
        version="1",
        title="PEKPPP 29/2022",
        minimum=0,
        maximum=5,
        bands=[Band(*row) for row in rows],
        zones=zones,
    )


# --------------------------------------------------------------------------- rubrics

ZERO_TO_THREE = OrdinalScale.from_range(0, 3, ["tidak ada", "kurang", "cukup", "lengkap"])
ONE_TO_FOUR = OrdinalScale.from_range(1, 4)
PERCENT = NumericScale(0, 100)

DIMENSION_WEIGHTS: Mapping[str, str] = {
    "input": "21.85",
    "proses": "32.37",
    "output": "24.24",
    "pengaduan": "21.54",
}
"""Reference 2.3: the four dimensions of the 2022-2024 method and their weights (percent)."""


def rubric_2022(per_dimension: int | None = None, *, allow_not_applicable: bool = False) -> Rubric:
    """The four-dimension rubric.

    With ``per_dimension=None`` each dimension has one numeric 0-100 indicator
    ``<dimension>.nilai``; otherwise ``per_dimension`` 0-3 indicators ``<dimension>.NN``
    (equal weights, the documented mean/3 x 100 reading).
    """

    def indicators(dimension: str) -> list[Indicator]:
        if per_dimension is None:
            return [
                Indicator(
                    f"{dimension}.nilai",
                    f"Nilai {dimension}",
                    PERCENT,
                    allow_not_applicable=allow_not_applicable,
                )
            ]
        return [
            Indicator(
                f"{dimension}.{n:02d}",
                f"{dimension} {n}",
                ZERO_TO_THREE,
                allow_not_applicable=allow_not_applicable,
            )
            for n in range(1, per_dimension + 1)
        ]

    return Rubric(
        id="test-ombudsman-2022",
        version="1",
        title={"id": "Penilaian kepatuhan 2022", "en": "Compliance assessment 2022"},
        scoring=ScoringSpec("weighted_mean", {"minimum": 0, "maximum": 100}),
        zone_scheme="ombudsman-2022",
        children=[
            Group(dim, dim.capitalize(), indicators(dim), weight=weight, kind="dimension")
            for dim, weight in DIMENSION_WEIGHTS.items()
        ],
    )


SKM_ELEMENTS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)
"""Reference 3: the nine SKM elements, by id."""

SKM_WEIGHT = Parameter(
    "weight",
    {"exact": "1/9", "0.11": "0.11", "0.111": "0.111"},
    "exact",
    title="Bobot unsur",
)


def rubric_skm() -> Rubric:
    """SKM 14/2017: nine 1-4 elements, weight ``ParamRef("weight")``, factor 25."""
    return Rubric(
        id="test-skm-2017",
        version="1",
        title="Survei Kepuasan Masyarakat",
        scoring=ScoringSpec("survey_index", {"factor": 25}),
        zone_scheme="skm-2017",
        parameters=[SKM_WEIGHT],
        children=[
            Indicator(element, element.capitalize(), ONE_TO_FOUR, weight=ParamRef("weight"))
            for element in SKM_ELEMENTS
        ],
    )


OMBUDSMAN_2015_PEMDA: Sequence[tuple[str, str, int]] = (
    ("standar", "persyaratan", 6),
    ("standar", "prosedur", 6),
    ("standar", "produk", 6),
    ("standar", "waktu", 12),
    ("standar", "biaya", 12),
    ("maklumat", "maklumat", 12),
    ("informasi", "informasi", 12),
    ("sarana", "ruang_tunggu", 3),
    ("sarana", "toilet", 2),
    ("sarana", "loket", 3),
    ("khusus", "sarana_khusus", 2),
    ("khusus", "layanan_khusus", 2),
    ("pengaduan", "kanal_pengaduan", 5),
    ("pengaduan", "prosedur_pengaduan", 3),
    ("pengaduan", "petugas_pengaduan", 5),
)
"""Reference 2.2: (variable, indicator, points) for the known 2015 pemda items; sum 91."""


def rubric_ombudsman_2015() -> Rubric:
    """The known 2015 regional-government checklist items under the ``points`` model."""
    variables: dict[str, list[Indicator]] = {}
    for variable, indicator, points in OMBUDSMAN_2015_PEMDA:
        variables.setdefault(variable, []).append(
            Indicator(indicator, indicator.replace("_", " "), points=points)
        )
    return Rubric(
        id="test-ombudsman-2015-pemda",
        version="1",
        title="Kepatuhan 2015 (pemda)",
        scoring=ScoringSpec("points"),
        children=[
            Group(f"v.{name}", name, items, kind="variable") for name, items in variables.items()
        ],
    )


def simple_rubric(
    weights: Mapping[str, object],
    *,
    model: str = "weighted_mean",
    scales: Mapping[str, OrdinalScale | NumericScale] | None = None,
    **kwargs: object,
) -> Rubric:
    """A one-level rubric of indicators (boolean unless ``scales`` says otherwise)."""
    chosen = scales or {}
    children = [
        Indicator(ind, ind, chosen[ind], weight=w)
        if ind in chosen
        else Indicator(ind, ind, weight=w)
        for ind, w in weights.items()
    ]
    return Rubric(
        id="test-simple",
        version="1",
        title="Simple",
        scoring=ScoringSpec(model),
        children=children,
        **kwargs,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- evidence, units


def observe(unit: str, values: Mapping[str, object]) -> list[Evidence]:
    """One observation per indicator for ``unit``."""
    return [
        Evidence(unit, indicator, value, provenance=Provenance(kind=EvidenceKind.OBSERVATION))
        for indicator, value in values.items()
    ]


def respondents(unit: str, answers: Iterable[Sequence[int]]) -> list[Evidence]:
    """SKM answers: one row per respondent, one answer per element in :data:`SKM_ELEMENTS`."""
    items: list[Evidence] = []
    for number, row in enumerate(answers, start=1):
        for element, answer in zip(SKM_ELEMENTS, row, strict=True):
            provenance = Provenance(kind=EvidenceKind.SURVEY_RESPONSE, reference=f"R{number}")
            items.append(Evidence(unit, element, answer, provenance=provenance))
    return items


def ordinal_answers(dimension: str, counts: Mapping[int, int]) -> dict[str, int]:
    """Values for ``<dimension>.01..`` : ``counts`` maps a 0-3 level to how many indicators."""
    values: list[int] = []
    for level, count in sorted(counts.items(), reverse=True):
        values.extend([level] * count)
    return {f"{dimension}.{n:02d}": value for n, value in enumerate(values, start=1)}


def city_tree(weights: Mapping[str, object] | None = None) -> UnitTree:
    """Kota Contoh (fictional) -> 3 service units -> 2 products each."""
    unit_weights = dict(weights or {})
    units = [Unit("kota", "Kota Contoh", UnitLevel.AGENCY)]
    for dinas in ("a", "b", "c"):
        units.append(
            Unit(
                f"dinas-{dinas}",
                f"Dinas {dinas.upper()}",
                UnitLevel.SERVICE_UNIT,
                "kota",
                weight=unit_weights.get(f"dinas-{dinas}", 1),
            )
        )
        for product in (1, 2):
            units.append(
                Unit(f"{dinas}{product}", f"Produk {dinas}{product}", parent=f"dinas-{dinas}")
            )
    return UnitTree(units)


def exact(text: str) -> Fraction:
    """A hand-written exact number, e.g. ``exact("82.295")`` or ``exact("800/9")``."""
    return Fraction(text)
