"""Regenerate the example data of the fictional city "Kota Contoh" (deterministic).

Kota Contoh does not exist; its units, people and numbers are invented to show pelayanan at
work. Three yearly rounds under the ``ombudsman-2022`` rubric climb from the red zone (2022)
through yellow (2023) to green (2024). Run from anywhere:

    python examples/data/kota-contoh/generate.py
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (id, name, level, parent)
UNITS = [
    ("kota-contoh", "Pemerintah Kota Contoh", "agency", ""),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "service_unit", "kota-contoh"),
    ("disdukcapil-ktp", "Penerbitan KTP-el", "service_product", "disdukcapil"),
    ("disdukcapil-kk", "Penerbitan Kartu Keluarga", "service_product", "disdukcapil"),
    ("disdukcapil-akta", "Akta Kelahiran", "service_product", "disdukcapil"),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP", "service_unit", "kota-contoh"),
    ("dpmptsp-pbg", "Persetujuan Bangunan Gedung", "service_product", "dpmptsp"),
    ("dpmptsp-reklame", "Izin Reklame", "service_product", "dpmptsp"),
    ("dinkes", "Dinas Kesehatan", "service_unit", "kota-contoh"),
    ("dinkes-puskesmas", "Rawat Jalan Puskesmas Melati", "service_product", "dinkes"),
    ("dinkes-sip", "Surat Izin Praktik Tenaga Kesehatan", "service_product", "dinkes"),
    ("dinsos", "Dinas Sosial", "service_unit", "kota-contoh"),
    ("dinsos-dtks", "Pendaftaran Data Terpadu Kesejahteraan Sosial", "service_product", "dinsos"),
    ("dishub", "Dinas Perhubungan", "service_unit", "kota-contoh"),
    ("dishub-kir", "Pengujian Berkala Kendaraan Bermotor", "service_product", "dishub"),
    ("disnaker", "Dinas Tenaga Kerja", "service_unit", "kota-contoh"),
    ("disnaker-ak1", "Kartu Tanda Pencari Kerja (AK/1)", "service_product", "disnaker"),
]

# Share of the top level reached by each service unit's products, per year.
QUALITY = {
    "disdukcapil": (0.55, 0.80, 0.95),
    "dpmptsp": (0.50, 0.72, 0.90),
    "dinkes": (0.45, 0.70, 0.88),
    "dinsos": (0.35, 0.62, 0.84),
    "dishub": (0.38, 0.60, 0.82),
    "disnaker": (0.30, 0.55, 0.74),
}
YEARS = (2022, 2023, 2024)

COMPETENCE = [
    "kompetensi_standar",
    "kompetensi_tugas",
    "kompetensi_ombudsman",
    "kompetensi_maladministrasi",
    "kompetensi_kelompok_rentan",
]
FACILITIES = [
    "sarana_pengawasan_internal",
    "sarana_jumlah_pelaksana",
    "sarana_jaminan_mutu",
    "sarana_jaminan_keamanan",
    "sarana_evaluasi_kinerja",
    "sarana_dasar_hukum",
    "sarana_pengguna",
    "sarana_perlakuan_khusus",
]
PROCESS = [
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "maklumat",
    "pelayanan_khusus",
    "visi_misi",
    "moto",
    "atribut_petugas",
    "pelayanan_terpadu",
]
OUTPUT = [
    "output_penundaan_berlarut",
    "output_permintaan_imbalan",
    "output_penyimpangan_prosedur",
    "output_tidak_kompeten",
    "output_tidak_patut",
]
# Items the city keeps finding hard (so the what-to-fix lists tell a story).
HARD = {
    "pelayanan_khusus": 0.30,
    "sarana_perlakuan_khusus": 0.30,
    "kompetensi_kelompok_rentan": 0.22,
    "kompetensi_ombudsman": 0.18,
    "pelayanan_terpadu": 0.15,
    "output_penundaan_berlarut": 0.12,
}
EASY = {"visi_misi": 0.12, "moto": 0.12, "biaya": 0.08, "persyaratan": 0.05}
OFFICIALS = ("pejabat-1", "pejabat-2", "pejabat-3", "pejabat-4")
USERS = ("pengguna-1", "pengguna-2", "pengguna-3")
COLLECTORS = ("Tim Penilai 1", "Tim Penilai 2")
COLUMNS = ["unit", "indicator", "value", "kind", "collected_at", "collector", "reference", "note"]

# Records of the practice kept with the evidence (all numbers invented).
NOTES = {
    ("maklumat", 2023): (
        "SK Kepala Dinas 800/{n}/2023",
        "Maklumat pelayanan ditandatangani dan dipasang di ruang tunggu",
    ),
    ("maklumat", 2024): (
        "SK Kepala Dinas 800/{n}/2024",
        "Maklumat pelayanan diperbarui setelah uji publik",
    ),
    ("persyaratan", 2024): (
        "Notulen uji publik NUP-{n}/2024",
        "Uji publik standar pelayanan bersama warga dan LSM, Januari 2024",
    ),
}

# How far each service unit's own 2024 self-assessment sits above (or below) the assessor's,
# in levels of the 0-3 scale, for the share of indicators where it differs.
OPTIMISM = {
    "disdukcapil": (0, 0.0),
    "dpmptsp": (1, 0.15),
    "dinkes": (1, 0.25),
    "dinsos": (1, 0.40),
    "dishub": (1, 0.55),
    "disnaker": (1, 0.70),
}

# Targets agreed each year between the mayor and the unit heads (perjanjian kinerja).
TARGETS = {
    2022: {"kota-contoh": ("50.00", "")},
    2023: {"kota-contoh": ("", "C"), "disdukcapil": ("", "B"), "dpmptsp": ("", "C")},
    2024: {
        "kota-contoh": ("", "B"),
        "disdukcapil": ("90.00", ""),
        "dpmptsp": ("88.00", ""),
        "dinkes": ("85.00", ""),
        "dinsos": ("80.00", ""),
        "dishub": ("80.00", ""),
        "disnaker": ("75.00", ""),
    },
}

# Published Ombudsman scores of earlier rounds, each under the method of its year (2020 had
# no round). The city is assessed as a regional government (level kota); the land office
# is a vertical agency office (level lembaga), so 2015 places it in the ministries' table.
HISTORY = [
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2015, "52.00", "merah"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2016, "48.30", "merah"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2017, "55.75", "kuning"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2018, "63.40", "kuning"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2019, "71.20", "kuning"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2021, "76.05", "kuning"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2022, "38.87", "merah"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2023, "64.51", "kuning"),
    ("kota-contoh", "Pemerintah Kota Contoh", "kota", 2024, "83.30", "hijau"),
    ("kantah-contoh", "Kantor Pertanahan Kota Contoh", "lembaga", 2015, "88.50", "hijau"),
    ("kantah-contoh", "Kantor Pertanahan Kota Contoh", "lembaga", 2017, "80.50", "kuning"),
    ("kantah-contoh", "Kantor Pertanahan Kota Contoh", "lembaga", 2019, "84.00", "hijau"),
    ("kantah-contoh", "Kantor Pertanahan Kota Contoh", "lembaga", 2021, "80.99", "kuning"),
    ("kantah-contoh", "Kantor Pertanahan Kota Contoh", "lembaga", 2023, "80.00", "hijau"),
]


def wobble(*parts: object) -> float:
    """A fixed pseudo-random number in [-0.5, 0.5) for the given parts."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return digest[0] / 256 - 0.5


def level(quality: float, indicator: str, *salt: object) -> int:
    """An indicator level 0-3 around ``quality``, harder or easier per indicator."""
    share = quality - HARD.get(indicator, 0.0) + EASY.get(indicator, 0.0)
    share += 0.28 * wobble(indicator, *salt)
    return max(0, min(3, round(share * 3)))


def product_rows(unit: str, quality: float, year: int, number: int) -> list[list[str]]:
    """The evidence rows of one service product in one year."""
    day = f"{year}-0{7 + number % 3}-{10 + number:02d}"
    collector = COLLECTORS[number % 2]
    rows: list[list[str]] = []

    def add(indicator: str, value: object, kind: str, ref: str) -> None:
        note = ""
        if (indicator, year) in NOTES:
            template, note = NOTES[(indicator, year)]
            ref = template.format(n=100 + number)
        rows.append([unit, indicator, str(value), kind, day, collector, ref, note])

    for indicator in COMPETENCE:
        for official in OFFICIALS:
            value = level(quality, indicator, unit, year, official)
            add(indicator, value, "interview", f"wawancara-{unit}-{official}")
    add("kompetensi_rekomendasi", "n/a", "interview", "materi 2022 tanpa indikator ini")
    for indicator in FACILITIES + PROCESS:
        value = level(quality, indicator, unit, year)
        add(indicator, value, "observation", f"foto-{unit}-{indicator}")
    for indicator in OUTPUT:
        for user in USERS:
            value = level(quality, indicator, unit, year, user)
            add(indicator, value, "interview", f"wawancara-{unit}-{user}")
    complaints = max(0, min(100, round(100 * (quality - 0.05 + 0.2 * wobble(unit, "p")))))
    add("pengaduan_nilai", complaints, "interview", f"wawancara-{unit}-pengaduan")
    return rows


def rows_for(year: int) -> list[list[str]]:
    """Evidence rows (long layout) for every service product in ``year``."""
    index = YEARS.index(year)
    rows: list[list[str]] = []
    products = [u for u in UNITS if u[2] == "service_product"]
    for number, (unit, _name, _level, parent) in enumerate(products):
        quality = QUALITY[parent][index] + 0.05 * wobble(unit, year)
        rows += product_rows(unit, quality, year, number)
    return rows


def self_rows(year: int) -> list[list[str]]:
    """The units' own self-assessment before the round: the assessor's levels, raised by
    each unit's optimism on a share of its indicators (kind ``self_assessment``)."""
    rows = []
    parents = {u[0]: u[3] for u in UNITS}
    for row in rows_for(year):
        unit, indicator, value = row[0], row[1], row[2]
        step, share = OPTIMISM[parents[unit]]
        if value.isdigit() and indicator != "pengaduan_nilai":
            if step and wobble("self", unit, indicator, row[6]) + 0.5 < share:
                value = str(min(3, int(value) + step))
        elif indicator == "pengaduan_nilai" and step:
            value = str(min(100, int(value) + round(20 * share)))
        rows.append(
            [
                unit,
                indicator,
                value,
                "self_assessment",
                f"{year}-05-15",
                f"Tim mandiri {parents[unit]}",
                row[6],
                "",
            ]
        )
    return rows


def target_rows() -> list[list[str]]:
    """One row per unit and year: a score target or a band target."""
    rows = []
    for year, targets in TARGETS.items():
        for unit, (score, band) in targets.items():
            rows.append([unit, str(year), score, band, "Wali Kota Contoh", f"{year}-01-15"])
    return rows


def survey_rows() -> list[list[str]]:
    """A small SKM survey of two units (headers U1..U9, mapped with --columns)."""
    rows = []
    for unit, base in (("disdukcapil-ktp", 3.4), ("disnaker-ak1", 2.9)):
        for respondent in range(1, 13):
            answers = []
            for element in range(1, 10):
                value = round(base + 1.2 * wobble(unit, respondent, element))
                answers.append("" if (respondent + element) % 17 == 0 else str(min(4, value)))
            rows.append([f"R{respondent:03d}", unit, *answers])
    return rows


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write one CSV file (UTF-8, LF line ends)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    """Write every example file next to this script."""
    write(HERE / "units.csv", ["id", "name", "level", "parent"], [list(u) for u in UNITS])
    for year in YEARS:
        write(HERE / f"evidence-{year}.csv", COLUMNS, rows_for(year))
    header = ["respondent", "unit", *(f"U{i}" for i in range(1, 10))]
    write(HERE / "skm-survey-2024.csv", header, survey_rows())
    write(HERE / "self-assessment-2024.csv", COLUMNS, self_rows(2024))
    header = ["unit", "period", "target", "target_band", "agreed_by", "agreed_at"]
    write(HERE / "targets.csv", header, target_rows())
    header = ["unit", "name", "level", "year", "score", "zone"]
    write(HERE / "history.csv", header, [list(map(str, h)) for h in HISTORY])


if __name__ == "__main__":
    main()
