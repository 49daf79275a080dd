"""The words of the reports and the command line, in Indonesian (``id``) and English (``en``)."""

from __future__ import annotations

__all__ = ["LANGUAGES", "is_colour_zone", "level_name", "status_name", "words", "zone_name"]

LANGUAGES = ("id", "en")
"""The languages the reports are written in."""

_WORDS: dict[str, tuple[str, str]] = {
    "report_title": ("Laporan Penilaian", "Assessment Report"),
    "compliance": ("Kepatuhan", "Compliance"),
    "score": ("Nilai", "Score"),
    "band": ("Kategori", "Band"),
    "zone": ("Zona", "Zone"),
    "coverage": ("Cakupan", "Coverage"),
    "unit": ("Unit", "Unit"),
    "level": ("Tingkat", "Level"),
    "parent": ("Induk", "Parent"),
    "rank": ("Peringkat", "Rank"),
    "change": ("Perubahan", "Change"),
    "direction": ("Arah", "Direction"),
    "units": ("unit", "units"),
    "count": ("Jumlah", "Count"),
    "mean": ("Rata-rata", "Mean"),
    "summary": ("Ringkasan per tingkat", "Summary per level"),
    "ranking": ("Peringkat unit", "Units ranked"),
    "components": ("Capaian per komponen", "Achievement per component"),
    "component": ("Komponen", "Component"),
    "achieved": ("Capaian", "Achieved"),
    "heatmap": ("Capaian komponen per unit", "Component achievement per unit"),
    "trend": ("Tren nilai", "Score trend"),
    "period": ("Periode", "Period"),
    "fixes": ("Yang perlu diperbaiki", "What to fix"),
    "fix_gap": ("perlu +{gap} poin untuk mencapai {band}", "needs +{gap} points to reach {band}"),
    "fix_top": ("sudah di kategori tertinggi", "already in the top band"),
    "fix_item": ("Indikator", "Indicator"),
    "placeholder": (
        "{group}: nilai seluruh dimensi (pengganti; daftar indikatornya tidak dipublikasikan)",
        "{group}: the score of the whole dimension (a placeholder; its indicators are unpublished)",
    ),
    "fixes_note": (
        "Indikator yang paling banyak kehilangan poin. Menaikkan indikator ke nilai "
        "tertingginya menambah nilai unit sebesar poin yang hilang (model aditif).",
        "The indicators that lost the most points. Raising one to the top of its scale adds "
        "the points it lost to the unit's score (additive models).",
    ),
    "lost": ("Poin hilang", "Points lost"),
    "nothing_lost": ("Tidak ada poin yang hilang.", "No points lost."),
    "provenance": (
        "Lampiran teknis: asal-usul hasil",
        "Technical appendix: provenance",
    ),
    "rubric": ("Instrumen", "Rubric"),
    "version": ("Versi", "Version"),
    "hash": ("Hash", "Hash"),
    "zone_scheme": ("Skema zona", "Zone scheme"),
    "parameters": ("Parameter", "Parameters"),
    "scoring_model": ("Model penilaian", "Scoring model"),
    "evidence": ("Bukti", "Evidence"),
    "evidence_items": ("butir bukti", "evidence items"),
    "assessed_on": ("Tanggal penilaian", "Assessed on"),
    "library": ("Pustaka", "Library"),
    "generated_by": ("Dibuat dengan pelayanan {version}", "Made with pelayanan {version}"),
    "previous": ("sebelumnya", "previously"),
    "none": ("-", "-"),
    "transitions": ("Perpindahan zona", "Zone transitions"),
    "old": ("Lama", "Old"),
    "new": ("Baru", "New"),
    "up": ("naik", "up"),
    "down": ("turun", "down"),
    "same": ("tetap", "same"),
    "only_old": ("hanya di penilaian lama", "only in the old assessment"),
    "only_new": ("hanya di penilaian baru", "only in the new assessment"),
    "breakdown": ("Rincian nilai", "Score breakdown"),
    "weight": ("Bobot", "Weight"),
    "value": ("Nilai bukti", "Evidence value"),
    "contribution": ("Kontribusi", "Contribution"),
    "maximum": ("Maksimum", "Maximum"),
    "status": ("Status", "Status"),
    "plan": ("Rencana perbaikan", "Fix plan"),
    "projected": ("Nilai setelah perbaikan", "Score after the fixes"),
    "gain": ("Tambahan", "Gain"),
    "target": ("Sasaran", "Target"),
    "unreachable": (
        "Kategori berikutnya tidak tercapai walau semua diperbaiki.",
        "The next band cannot be reached even with every fix.",
    ),
    "greedy": (
        "Rencana disusun bertahap (model tidak aditif); mungkin bukan yang terkecil.",
        "Plan built step by step (the model is not additive); it may not be the smallest.",
    ),
}

_LEVELS: dict[str, tuple[str, str]] = {
    "agency": ("Instansi", "Agency"),
    "service_unit": ("Unit layanan", "Service unit"),
    "service_product": ("Produk layanan", "Service product"),
}


def words(lang: str) -> dict[str, str]:
    """Every report word in ``lang`` (``id`` or ``en``; anything else falls back to ``id``)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _WORDS.items()}


def level_name(level: str, lang: str) -> str:
    """A unit level in words (``service_unit`` -> ``Unit layanan``); custom levels as given."""
    pair = _LEVELS.get(level)
    if pair is None:
        return level.replace("_", " ")
    return pair[1] if lang == "en" else pair[0]


_COLOUR_ZONES: dict[str, tuple[str, str]] = {
    "merah": ("Zona Merah", "Red zone"),
    "kuning": ("Zona Kuning", "Yellow zone"),
    "hijau": ("Zona Hijau", "Green zone"),
}


def zone_name(zone_id: str, label: str, lang: str) -> str:
    """How a zone is named: the label its scheme gives it (``Kepatuhan tinggi`` in the 2022
    scheme, ``Zona Hijau`` in 2016), the same in tables, explanations, badges, reports and
    JSON. ``zone_id`` and ``lang`` are kept for callers; the scheme decides."""
    del zone_id, lang
    return label


def is_colour_zone(zone_id: str) -> bool:
    """Whether the zone is one of the Ombudsman colour zones (merah, kuning, hijau)."""
    return zone_id.lower() in _COLOUR_ZONES


_STATUSES: dict[str, tuple[str, str]] = {
    "evaluated": ("dinilai", "evaluated"),
    "not_applicable": ("tidak berlaku", "not applicable"),
    "missing": ("tanpa bukti (0)", "missing (0)"),
    "excluded": ("tanpa bukti (dikecualikan)", "missing (excluded)"),
}


def status_name(status: str, lang: str) -> str:
    """A breakdown node's status in words."""
    pair = _STATUSES.get(status)
    if pair is None:
        return status
    return pair[1] if lang == "en" else pair[0]
