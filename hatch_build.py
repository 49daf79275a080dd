"""Compile the gettext catalogs (``.po`` -> ``.mo``) into the wheel, with Babel.

The ``.po`` files are the checked-in source; the ``.mo`` files are build products (not in
git). Hatchling runs this hook for every wheel build.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Adds ``pelayanan/_i18n/locale/<lang>/LC_MESSAGES/pelayanan.mo`` to the wheel."""

    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root) / "src" / "pelayanan" / "_i18n" / "locale"
        self._tmp = tempfile.TemporaryDirectory()
        for po in sorted(root.glob("*/LC_MESSAGES/pelayanan.po")):
            lang = po.parent.parent.name
            with po.open("rb") as stream:
                catalog = read_po(stream, locale=lang, domain="pelayanan")
            out = Path(self._tmp.name) / lang / "pelayanan.mo"
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("wb") as stream:
                write_mo(stream, catalog)
            target = f"pelayanan/_i18n/locale/{lang}/LC_MESSAGES/pelayanan.mo"
            build_data["force_include"][str(out)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        self._tmp.cleanup()
