"""Survey exports as units' forms produce them, and the same answers as clean numeric CSV.

The answers are a fixed matrix (respondent x U1..U9, 1-4, ``None`` = unanswered); the
"raw" export writes them as the questionnaire words them (reference section 3.0), under a
title row, with a timestamp and five profile columns, headed by the questions' text,
delimited by ``;``, with a byte-order mark and CRLF line ends, as a spreadsheet set to an
Indonesian locale saves "CSV UTF-8". All data is fictional.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pelayanan._cli.app import main
from pelayanan._cli.common import Console

ELEMENTS = (
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

# Reference section 3.0: the wording of options a-d (1-4) per element.
WORDS = {
    "persyaratan": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "prosedur": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "waktu": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "biaya": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "produk": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "kompetensi": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "perilaku": (
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ),
    "pengaduan": (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    ),
    "sarana": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

QUESTIONS = (
    "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
    "pelayanannya?",
    "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
    "tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "7. Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
    "kesopanan dan keramahan?",
    "8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
)

PROFILE_HEADERS = (
    "Jenis Kelamin",
    "Usia (tahun)",
    "Pendidikan Terakhir",
    "Pekerjaan",
    "Jenis Layanan",
)

# (jenis kelamin, usia, pendidikan, pekerjaan, jenis layanan), answers U1..U9
ROWS: tuple[tuple[tuple[str, str, str, str, str], tuple[int | None, ...]], ...] = (
    (("L", "34", "S1", "PNS", "KTP-el"), (4, 4, 3, 4, 4, 3, 4, 3, 3)),
    (("P", "27", "SMA", "Swasta", "KTP-el"), (3, 3, 3, 4, 3, 3, 4, 2, 3)),
    (("P", "45", "D1-D3", "Wirausaha", "Kartu Keluarga"), (4, 3, None, 4, 4, 4, 4, 3, 4)),
    (("L", "52", "SMP", "Lainnya", "Kartu Keluarga"), (3, 2, 2, 4, 3, 3, 3, None, 2)),
    (("L", "19", "SMA", "Lainnya", "Akta Kelahiran"), (4, 4, 4, 4, 4, 4, 4, 4, 4)),
    (("P", "38", "S2", "PNS", "KTP-el"), (3, 3, 2, 4, 3, 4, 4, 3, 3)),
    (("P", "61", "SD", "Lainnya", "Kartu Keluarga"), (2, 2, 1, 3, 2, 3, 3, 1, 2)),
    (("L", "30", "S1", "Swasta", "Akta Kelahiran"), (4, 3, 3, 4, 4, 3, 3, 3, None)),
)
"""Eight fictional respondents; row 4 (U8) and 3, 8 leave a question unanswered."""


def numeric_csv(path: Path, rows: Sequence[tuple[object, Sequence[int | None]]] = ROWS) -> Path:
    """The answers as a clean comma-separated numeric table: ``respondent,U1..U9``."""
    lines = ["respondent," + ",".join(f"U{i}" for i in range(1, 10))]
    for number, (_, answers) in enumerate(rows, start=1):
        cells = ["" if a is None else str(a) for a in answers]
        lines.append(f"R{number:02d}," + ",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def raw_export(
    path: Path, rows: Sequence[tuple[Sequence[str], Sequence[int | None]]] = ROWS
) -> Path:
    """The answers as a form export: title row, timestamp, profile, question texts, words,
    ``;`` delimiter, BOM and CRLF; the last row is cut short after its last answer."""
    width = 1 + len(PROFILE_HEADERS) + len(QUESTIONS)
    lines = [
        "SURVEI KEPUASAN MASYARAKAT DINAS CONTOH (FIKTIF) SEMESTER I 2024" + ";" * (width - 1),
        ";".join(["Timestamp", *PROFILE_HEADERS, *QUESTIONS]),
    ]
    for number, (profile, answers) in enumerate(rows, start=1):
        words = [
            "" if a is None else WORDS[e][a - 1] for e, a in zip(ELEMENTS, answers, strict=True)
        ]
        stamp = f"{number:02d}/03/2024 09:{number:02d}:00"
        cells = [stamp, *profile, *words]
        while cells and cells[-1] == "":
            cells.pop()  # spreadsheets drop trailing empty cells: a short row
        lines.append(";".join(cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """Run the command line in-process; returns ``(exit code, stdout, stderr)``."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(arg) for arg in args], Console(out, err))
    return code, out.getvalue(), err.getvalue()
