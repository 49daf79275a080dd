"""Small plugin objects and documents for the plugin tests."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

from pelayanan.plugins import Plugin, Registry, hookimpl

RUBRIC_SCHEMA = "https://schemas.pelayanan.invalid/v1/rubric.json"
ZONE_SCHEMA = "https://schemas.pelayanan.invalid/v1/zone-scheme.json"


def rubric_data(rubric_id: str = "contoh", version: str = "1", **extra: Any) -> dict[str, Any]:
    """A small valid rubric document: two yes/no indicators, weighted mean."""
    return {
        "$schema": RUBRIC_SCHEMA,
        "id": rubric_id,
        "version": version,
        "title": {"id": "Contoh", "en": "Example"},
        "children": [
            {"id": "papan_informasi", "title": {"id": "Papan informasi", "en": "Notice board"}},
            {"id": "loket", "title": {"id": "Loket", "en": "Service desk"}},
        ],
        **extra,
    }


def zone_data(scheme_id: str = "zona-contoh", version: str = "1") -> dict[str, Any]:
    """A small valid zone scheme on 0-100: merah below 50, hijau from 50."""
    return {
        "$schema": ZONE_SCHEMA,
        "id": scheme_id,
        "version": version,
        "title": "Zona contoh",
        "minimum": 0,
        "maximum": 100,
        "zones": [{"id": "merah", "label": "Merah"}, {"id": "hijau", "label": "Hijau"}],
        "bands": [
            {"lower": 0, "code": "R", "label": "Rendah", "zone": "merah"},
            {"lower": 50, "code": "T", "label": "Tinggi", "zone": "hijau"},
        ],
    }


def module(name: str, **hooks: Callable[..., Any]) -> types.ModuleType:
    """A plugin module named ``name`` with the given functions marked as hooks.

    A keyword whose value is not callable is set as a plain attribute
    (``PELAYANAN_REPLACES=[...]``); ``_unmarked_<hook>=fn`` sets ``<hook>`` without the mark.
    """
    plugin = types.ModuleType(name)
    for attribute, value in hooks.items():
        if attribute.startswith("_unmarked_"):
            setattr(plugin, attribute.removeprefix("_unmarked_"), value)
        elif callable(value):
            value.__name__ = attribute
            setattr(plugin, attribute, hookimpl(value))
        else:
            setattr(plugin, attribute, value)
    return plugin


def providing(name: str, *rubrics: Any, **more: Any) -> Plugin:
    """A plugin from distribution ``dist-<name>`` 1.0 whose ``pelayanan_rubrics`` returns
    ``rubrics``."""
    return Plugin(
        module(name, pelayanan_rubrics=lambda: list(rubrics), **more),
        name,
        f"dist-{name}",
        "1.0",
    )


def registry(*plugins: Any, **options: Any) -> Registry:
    """A registry of exactly ``plugins`` (no entry points, no environment)."""
    options.setdefault("environ", {})
    return Registry(discover=False, plugins=plugins, **options)
