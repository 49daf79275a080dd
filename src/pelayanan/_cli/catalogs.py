"""Keeping the catalogs in step with the source (a development tool; needs Babel).

``python -m pelayanan._cli.catalogs update`` extracts every marked message from the source
(``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``N_()``) and every help text of
the command line (:func:`pelayanan._cli.parser.parser_messages`) into
``locale/pelayanan.pot`` and merges it into each language's ``.po`` (new messages are added
untranslated, vanished ones dropped). ``check`` lists what is missing or stale, and is what
the test suite runs. The wheel build compiles the ``.mo`` files itself (``hatch_build.py``).
"""

from __future__ import annotations

import datetime
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from pelayanan._i18n import DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["check", "extract", "update"]

PACKAGE = LOCALE_DIR.parent.parent
KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""A fixed header date, so that regenerating an unchanged catalog changes nothing."""
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def _po(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _source_folder(dirpath: str) -> bool:
    name = Path(dirpath).name
    return not name.startswith(".") and name != "__pycache__"


def extract() -> Catalog:
    """Every marked message of the package source, with where it is used."""
    catalog = Catalog(
        project="pelayanan",
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        creation_date=STAMP,
        revision_date=STAMP,
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        # Babel's default filter skips folders starting with "_": the implementation lives there.
        directory_filter=_source_folder,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = f"pelayanan/{Path(filename).as_posix()}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    # the help texts of the command line, written plainly in the command modules
    from pelayanan._cli.app import build_parser
    from pelayanan._cli.parser import parser_messages

    for text in parser_messages(build_parser()):
        if text not in catalog:
            catalog.add(text, None, [("pelayanan/_cli", 0)])
    # what the document schemas accept, in words (``x-expected``), shown in their problems
    for text in schema_words():
        if text not in catalog:
            catalog.add(text, None, [("pelayanan/_documents/schemas", 0)])
    return catalog


def schema_words() -> list[str]:
    """Every ``x-expected`` text of the bundled JSON Schemas, sorted."""
    from pelayanan._documents.schemas._messages import EXPECTED

    found: set[str] = set()
    for path in sorted((PACKAGE / "_documents" / "schemas").glob("*.json")):
        stack: list[object] = [json.loads(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get(EXPECTED), str):
                    found.add(node[EXPECTED])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    return sorted(found)


def _dump(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, sort_output=True, omit_header=False, no_location=True)
    return buffer.getvalue()


def _read(path: Path, lang: str | None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=DOMAIN)


def update() -> None:
    """Write the template and merge it into each language's catalog."""
    template = extract()
    TEMPLATE.write_bytes(_dump(template))
    for lang in LANGUAGES:
        path = _po(lang)
        if path.is_file():
            catalog = _read(path, lang)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            for message in catalog:
                message.flags.discard("fuzzy")
            catalog.creation_date = catalog.revision_date = STAMP
        else:
            catalog = Catalog(
                locale=lang,
                domain=DOMAIN,
                project="pelayanan",
                fuzzy=False,
                creation_date=STAMP,
                revision_date=STAMP,
            )
            catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_dump(catalog))


def _key(message: object) -> tuple[object, str | None]:
    return getattr(message, "id"), getattr(message, "context")  # noqa: B009


def check() -> list[str]:
    """What keeps the catalogs from matching the source: messages missing from a catalog,
    messages a catalog has that the source no longer uses, fuzzy or untranslated Indonesian
    entries, and placeholders a translation lost. Empty when all is in step."""
    template = extract()
    wanted = {_key(m) for m in template if m.id}
    problems: list[str] = []
    for lang in LANGUAGES:
        path = _po(lang)
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        catalog = _read(path, lang)
        have = {_key(m) for m in catalog if m.id}
        for key in sorted(wanted - have, key=str):
            problems.append(f"{path.name} ({lang}): missing {key[0]!r}")
        for key in sorted(have - wanted, key=str):
            problems.append(f"{path.name} ({lang}): stale {key[0]!r} (not in the source)")
        for message in catalog:
            if not message.id:
                continue
            if message.fuzzy:
                problems.append(f"{path.name} ({lang}): fuzzy {message.id!r}")
            if lang == "en":
                continue
            strings = [str(text or "") for text in _many(message.string)]
            if not all(strings):
                problems.append(f"{path.name} ({lang}): untranslated {message.id!r}")
                continue
            source = str(_many(message.id)[-1])
            for text in strings:
                for field in _fields(source):
                    if field not in text:
                        problems.append(
                            f"{path.name} ({lang}): {message.id!r} lost {field} in translation"
                        )
    return problems


def _many(value: object) -> list[object]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _fields(text: str) -> list[str]:
    import re

    return re.findall(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]", text)


def main(argv: Sequence[str] | None = None) -> int:
    """``update`` | ``check``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["update"]:
        update()
        return 0
    if args[:1] == ["check"]:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print("usage: python -m pelayanan._cli.catalogs update | check")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
