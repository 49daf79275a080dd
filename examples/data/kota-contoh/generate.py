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
COLUMNS = ["unit", "indicator", "value", "kind", "collected_at", "collector", "reference"]


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
        rows.append([unit, indicator, str(value), kind, day, collector, ref])

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


if __name__ == "__main__":
    main()
