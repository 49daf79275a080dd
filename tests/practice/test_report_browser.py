"""The report with targets, calibration, history and awards, opened in headless chromium: the
page builds without console errors and shows every part; a screenshot is taken."""

from __future__ import annotations

import struct
from pathlib import Path

from reports.chromium import browser as browser  # the fixture
from reports.chromium import open_page as _open

from .conftest import EXAMPLES, Cli


def demo_report(cli: Cli, page: Path, *extra: str) -> None:
    """The report ``make demo`` writes."""
    done = cli(
        "report", "--rubric", "ombudsman-2022", "--units", EXAMPLES / "units.csv",
        "--series", *(f"{y}={EXAMPLES / f'evidence-{y}.csv'}" for y in (2022, 2023, 2024)),
        "--targets", EXAMPLES / "targets.csv", "--period", "2024",
        "--self-assessment", EXAMPLES / "self-assessment-2024.csv",
        "--history", EXAMPLES / "history.csv",
        "--output", page, *extra,
    )  # fmt: skip
    assert done.code == 0, done.err


def test_the_practice_report_in_a_browser(browser: str, cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    demo_report(cli, page)
    dom = _open(browser, tmp_path / "profile", page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr
    assert [line for line in dom.stderr.splitlines() if ":CONSOLE" in line] == []
    html = dom.stdout
    for section in ("trend", "targets", "calibration", "history", "awards", "records"):
        assert f'id="{section}"' in html
    assert "Target kinerja (perjanjian kinerja)" in html
    assert "Paling melebih-lebihkan diri" in html
    assert "2019 → 2021: metode berubah" in html
    assert "2016-2019 · metode ombudsman-2016@2016" in html  # one history table per method
    assert "most-improved" in html
    assert "Notulen uji publik NUP-100/2024" in html
    # The climb: merah in 2022, kuning in 2023, hijau in 2024 (city level, 2022-2024 method).
    assert "merah D 38,87" in html
    assert "kuning C 64,51" in html
    assert "hijau B 83,30" in html
    shot = tmp_path / "report.png"
    done = _open(
        browser, tmp_path / "profile", page, f"--screenshot={shot}", "--window-size=1280,6000"
    )
    assert done.returncode == 0, done.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 6000)
    assert len(data) > 100_000


def test_the_practice_report_in_markdown(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "report.md"
    demo_report(cli, page, "--quiet")
    text = page.read_text(encoding="utf-8")
    for heading in ("Target kinerja", "Penilaian mandiri", "Riwayat lintas metode", "Penghargaan"):
        assert f"## {heading}" in text
    assert "### 2022-2024 · metode ombudsman-2022@2022" in text
