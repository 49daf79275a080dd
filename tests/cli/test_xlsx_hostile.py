"""Hostile and broken workbooks (issue 9, items 7, 8 and 11): each is refused with a typed
error naming the file, the row and the column, quickly and without echoing huge cells.

The workbooks are written part by part (the XML a spreadsheet program would write, cut down
to what matters), so each fault is exactly the one named. In-process through ``main``.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.common import Console

pytest.importorskip("openpyxl")

RUBRIC = ("--rubric", "standar-pelayanan-2009")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>indicator</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
)


def _row(number: int, unit: str = "ktp", indicator: str = "persyaratan", value: str = "") -> str:
    cell = value or f'<c r="C{number}" t="inlineStr"><is><t>ya</t></is></c>'
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{unit}</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>{indicator}</t></is></c>{cell}</row>'
    )


def _book(
    path: Path,
    rows: str = "",
    *,
    after: str = "",
    sheets: tuple[tuple[str, str], ...] = (("Bukti", "worksheet"),),
    shared: list[str] | None = None,
    styles: str | None = None,
) -> Path:
    """A workbook whose first worksheet holds ``HEADER`` + ``rows`` (+ ``after`` the data)."""
    sheet_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{HEADER}{rows}</sheetData>{after}</worksheet>"
    )
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, (name, _) in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{REL}/{kind}" '
        f'Target="{"worksheets/sheet" if kind == "worksheet" else "chartsheets/sheet"}'
        f'{i + 1}.xml"/>'
        for i, (_, kind) in enumerate(sheets)
    )
    overrides = ""
    if shared is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>'
        overrides += (
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        )
    for i, (_, kind) in enumerate(sheets):
        folder = "worksheets" if kind == "worksheet" else "chartsheets"
        overrides += (
            f'<Override PartName="/xl/{folder}/sheet{i + 1}.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"/>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f"<sheets>{entries}</sheets></workbook>",
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}'
            "</Relationships>",
        )
        for i, (_, kind) in enumerate(sheets):
            if kind == "worksheet":
                book.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheet_xml)
            else:
                book.writestr(
                    f"xl/chartsheets/sheet{i + 1}.xml",
                    f'<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="{MAIN}"/>',
                )
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            book.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" '
                f'count="{len(shared)}">{items}</sst>',
            )
        if styles is not None:
            book.writestr("xl/styles.xml", styles)
    return path


def _score(path: Path, *before: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*before, "score", *RUBRIC, "--evidence", str(path)], Console(out, err))
    return code, err.getvalue()


def test_a_well_formed_book_of_this_kind_is_read(tmp_path: Path) -> None:
    # The builder itself is sound: one answered component out of 14, missing zero -> 7.14.
    book = _book(tmp_path / "ok.xlsx", _row(2))
    out, err = io.StringIO(), io.StringIO()
    argv = ["score", *RUBRIC, "--evidence", str(book), "--missing", "zero", "--format", "csv"]
    assert main(argv, Console(out, err)) == 0, err.getvalue()
    assert ",7.14," in out.getvalue()  # 100 x 1/14 = 7.142... -> 7.14


def test_formula_without_saved_value(tmp_path: Path) -> None:
    cell = '<c r="C2" t="str"><f>IF(1=1,"ya","tidak")</f></c>'
    code, err = _score(_book(tmp_path / "f.xlsx", _row(2, value=cell)))
    assert code == 1
    assert 'baris 2, kolom C: rumus (=IF(1=1,"ya","tidak")) tanpa nilai tersimpan' in err


def test_formula_with_saved_value_is_read(tmp_path: Path) -> None:
    cell = '<c r="C2" t="str"><f>IF(1=1,"ya","tidak")</f><v>ya</v></c>'
    out, err = io.StringIO(), io.StringIO()
    book = _book(tmp_path / "f.xlsx", _row(2, value=cell))
    argv = ["score", *RUBRIC, "--evidence", str(book), "--missing", "zero", "--format", "csv"]
    assert main(argv, Console(out, err)) == 0, err.getvalue()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            _row(3) + _row(2, indicator="prosedur"),
            "baris 2: baris 2 muncul setelah baris 3 dalam berkas",
        ),
        (
            _row(2) + _row(2, indicator="prosedur"),
            "baris 2: baris 2 mengulang baris 2 dalam berkas",
        ),
        (_row(0), "baris 1: baris bernomor '0' (baris dinomori mulai dari 1)"),
    ],
)
def test_rows_out_of_order_repeated_or_zero(tmp_path: Path, rows: str, expected: str) -> None:
    code, err = _score(_book(tmp_path / "r.xlsx", rows))
    assert code == 1
    assert expected in err


def test_merged_unit_cells(tmp_path: Path) -> None:
    rows = _row(2) + _row(3, unit="", indicator="prosedur")
    after = '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>'
    code, err = _score(_book(tmp_path / "m.xlsx", rows, after=after))
    assert code == 1
    assert "baris 2, kolom A: sel A2:A3 digabung" in err


def test_bad_shared_string_index(tmp_path: Path) -> None:
    cell = '<c r="C2" t="s"><v>7</v></c>'
    code, err = _score(_book(tmp_path / "s.xlsx", _row(2, value=cell), shared=["ya"]))
    assert code == 1
    assert "baris 2, kolom C: shared string '7' tidak ada (buku kerja ini memiliki 1)" in err


def test_no_worksheets_and_chartsheets(tmp_path: Path) -> None:
    code, err = _score(_book(tmp_path / "n.xlsx", sheets=()))
    assert code == 1
    assert "baris 1: buku kerja ini tidak memiliki lembar kerja" in err
    book = _book(tmp_path / "c.xlsx", sheets=(("Grafik", "chartsheet"),))
    code, err = _score(book)
    assert code == 1
    assert "buku kerja ini tidak memiliki lembar kerja (hanya 'Grafik')" in err
    book = _book(tmp_path / "c2.xlsx", _row(2), sheets=(("Grafik", "chartsheet"),) * 1)
    out, errs = io.StringIO(), io.StringIO()
    argv = ["score", *RUBRIC, "--evidence", str(book), "--sheet", "Grafik"]
    assert main(argv, Console(out, errs)) == 1
    assert "lembar 'Grafik' adalah grafik, bukan tabel bukti" in errs.getvalue()


def test_bad_number_and_bad_date(tmp_path: Path) -> None:
    code, err = _score(_book(tmp_path / "n.xlsx", _row(2, value='<c r="C2"><v>abc</v></c>')))
    assert code == 1
    assert "baris 2, kolom C: 'abc' bukan bilangan" in err
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    cell = '<c r="C2" s="1"><v>1e300</v></c>'  # style 1: built-in format 14 (a date)
    code, err = _score(_book(tmp_path / "d.xlsx", _row(2, value=cell), styles=styles))
    assert code == 1
    assert "baris 2, kolom C: 1e300 berformat tanggal tetapi bukan tanggal" in err


def test_huge_row_number_is_refused_at_once(tmp_path: Path) -> None:
    # One row numbered 20,000,000: openpyxl alone fills 20 million empty rows (minutes).
    book = _book(tmp_path / "h.xlsx", _row(20_000_000))
    start = time.perf_counter()
    code, err = _score(book)
    assert code == 1
    assert (
        "baris 20000000: lembar ini memiliki baris bernomor 20.000.000, melebihi batas max_rows"
        in err
    )
    assert time.perf_counter() - start < 30  # a generous bound; it takes milliseconds


def test_rows_bounded_by_the_limit(tmp_path: Path) -> None:
    rows = "".join(_row(n) for n in range(2, 7))
    code, err = _score(_book(tmp_path / "r.xlsx", rows), "--limit", "max_rows=4")
    assert code == 1
    assert "baris 5: lembar ini memiliki baris bernomor 5, melebihi batas max_rows sebesar 4" in err


def test_long_cell_is_refused_and_not_echoed(tmp_path: Path) -> None:
    big = "x" * 40_000
    cell = f'<c r="C2" t="inlineStr"><is><t>{big}</t></is></c>'
    code, err = _score(_book(tmp_path / "l.xlsx", _row(2, value=cell)))
    assert code == 1
    assert "baris 2, kolom C: sel berisi 40.000 karakter, melebihi batas max_cell_chars" in err
    assert len(err) < 1000
    code, err = _score(
        _book(tmp_path / "s.xlsx", _row(2, value='<c r="C2" t="s"><v>0</v></c>'), shared=[big])
    )
    assert code == 1
    assert "baris 2, kolom C: sel berisi 40.000 karakter" in err
    assert len(err) < 1000


def test_uncompressed_size_is_bounded(tmp_path: Path) -> None:
    # 200,000 rows of padding compress to little; the limit is on what they expand to.
    pad = '<row r="{n}"/>'
    rows = "".join(pad.format(n=n) for n in range(2, 200_002))
    book = _book(tmp_path / "z.xlsx", rows)
    assert book.stat().st_size < 1_000_000
    code, err = _score(book, "--limit", "max_xlsx_bytes=1000000")
    assert code == 1
    assert "setelah diekstrak, melebihi batas max_xlsx_bytes sebesar 1.000.000" in err
