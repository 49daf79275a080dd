"""Hostile text in the survey report (issue 9, item 1): a service name (a profile value and a
segment) and the report title taken from someone else's export are shown as text in the HTML
page and the Markdown report, never as markup."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ._exports import run_cli

SCRIPT = '"/><script>alert(1)</script><rect x="'
HANDLER = "' onmouseover='alert(2)' x='"
IMG = "<img src=x onerror=alert(3)>"
MD_LINK = "[klik](javascript:alert(4)) ![i](http://example.invalid/x.png) <b>tebal</b> | x |"
HEADING = "# Judul palsu\n- daftar palsu"
HOSTILE = (SCRIPT, HANDLER, IMG, MD_LINK, HEADING)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _report(tmp_path: Path, payload: str, suffix: str) -> str:
    path = tmp_path / f"skm-{suffix}.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Jenis Layanan", *(f"U{i}" for i in range(1, 10))])
        writer.writerow([f"KTP {payload}", *([4] * 9)])
        writer.writerow([f"KTP {payload}", *([3] * 9)])
        writer.writerow(["KK", *([3] * 9)])
    out = tmp_path / f"skm-{suffix}"
    code, _, err = run_cli(
        "survey",
        "--rubric",
        "skm-2017",
        "--evidence",
        path,
        "--min-segment",
        "1",
        "--title",
        f"Dinas {payload}",
        "--output",
        out,
    )
    assert code == 0, err
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("payload", HOSTILE)
def test_survey_page_shows_hostile_text_as_text(tmp_path: Path, payload: str) -> None:
    hostile = _parsed(_report(tmp_path, payload, "a.html"))
    harmless = _parsed(_report(tmp_path, "x", "b.html"))
    # The same elements with the same attributes as the report of a harmless name.
    assert hostile.tags == harmless.tags
    shown = "".join(hostile.text)
    single_line = payload.replace("\n", " ")
    assert f"KTP {payload}" in shown or f"KTP {single_line}" in shown
    assert f"Dinas {payload}" in shown or f"Dinas {single_line}" in shown


@pytest.mark.parametrize("payload", HOSTILE)
def test_survey_markdown_renders_hostile_text_as_text(tmp_path: Path, payload: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    hostile = _parsed(renderer.render(_report(tmp_path, payload, "a.md")))
    harmless = _parsed(renderer.render(_report(tmp_path, "x", "b.md")))
    # No element, link, image, heading or table cell comes from the data.
    assert hostile.tags == harmless.tags
    shown = "".join(hostile.text)
    assert f"KTP {payload.replace(chr(10), ' ')}" in shown
