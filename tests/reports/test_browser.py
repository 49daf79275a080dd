"""The HTML report in a real headless browser (Debian's chromium).

The browser loads the page from a file with networking switched off, writes its console to
standard error (``--enable-logging=stderr --v=0``: every console message or page error is a
``CONSOLE`` line), dumps the DOM it built, and takes a screenshot into the test's temporary
folder. A control page with a deliberate error proves the console check can fail.

Without chromium the tests are skipped, except under CI (``CI`` set), where they fail:
install it with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import struct
from pathlib import Path

from pelayanan import assess
from pelayanan._readers import CsvReader, read_units
from pelayanan._reports import Period, Report, render_html
from pelayanan.plugins import Registry

from .chromium import browser as browser  # the fixture
from .chromium import console as _console
from .chromium import open_page as _open

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "data" / "kota-contoh"


def _report(tmp_path: Path) -> Path:
    registry = Registry(strict=False)
    rubric = registry.get_rubric("ombudsman-2022")
    units = read_units(EXAMPLES / "units.csv")
    periods = []
    for year in (2022, 2023, 2024):
        stream = CsvReader().read(EXAMPLES / f"evidence-{year}.csv", rubric=rubric, units=units)
        periods.append(Period(str(year), assess(rubric, stream, units, registry=registry)))
    scheme = registry.get_zone_scheme("ombudsman-2022")
    page = tmp_path / "report.html"
    page.write_text(render_html(Report(periods, scheme, rubric.title)), encoding="utf-8")
    return page


def test_the_console_check_sees_errors(browser: str, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); nope();</script>")
    done = _open(browser, tmp_path / "profile", page, "--dump-dom")
    lines = _console(done.stderr)
    assert any("boom" in line for line in lines)
    assert any("nope is not defined" in line for line in lines)


def test_report_renders_without_errors(browser: str, tmp_path: Path) -> None:
    page = _report(tmp_path)
    dom = _open(browser, tmp_path / "profile", page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr
    assert _console(dom.stderr) == []
    html = dom.stdout
    assert "Ringkasan per tingkat" in html
    assert "Pemerintah Kota Contoh" in html
    for section in ("trend", "components", "summary", "ranking", "heatmap", "fixes"):
        assert f'id="{section}"' in html
    assert html.count("<svg") >= 4
    assert "<polyline" in html  # the trend lines

    shot = tmp_path / "report.png"
    done = _open(
        browser, tmp_path / "profile", page, f"--screenshot={shot}", "--window-size=1280,2000"
    )
    assert done.returncode == 0, done.stderr
    assert _console(done.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a real page, not a blank one
