"""The catalogs in step with the source, every text translated, every option helped.

These fail when a help text or message is added without its Indonesian translation: run
``make catalogs`` and translate the new entries of
``src/pelayanan/_i18n/locale/id/LC_MESSAGES/pelayanan.po``.
"""

from __future__ import annotations

from babel.messages.pofile import read_po

from pelayanan._cli.app import build_parser
from pelayanan._cli.catalogs import check
from pelayanan._cli.parser import subparsers
from pelayanan._i18n import LOCALE_DIR


def _strings(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple) else [str(value or "")]


def test_the_catalogs_match_the_source() -> None:
    problems = check()
    assert problems == [], (
        "the gettext catalogs are out of step with the source; run `make catalogs` and "
        "translate the new entries of the Indonesian catalog:\n" + "\n".join(problems)
    )


def test_every_catalog_entry_has_indonesian() -> None:
    path = LOCALE_DIR / "id" / "LC_MESSAGES" / "pelayanan.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale="id")
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m.string))]
    assert untranslated == []
    assert len(catalog) > 100


def test_every_option_has_help() -> None:
    missing = []
    for name, parser in [("", build_parser()), *subparsers(build_parser())]:
        for action in parser._actions:
            if not action.help and action.__class__.__name__ != "_SubParsersAction":
                missing.append((name, action.option_strings or action.dest))
    assert missing == []
