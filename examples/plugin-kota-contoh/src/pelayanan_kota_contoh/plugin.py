"""The hooks of the Kota Contoh plugin (the module the ``pelayanan`` entry point names)."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from pelayanan import Rubric
from pelayanan.plugins import hookimpl

DATA = files("pelayanan_kota_contoh") / "data"
"""The rubric and zone-scheme files shipped inside the package."""

RUBRIC_ID = "skm-kota-contoh"


@hookimpl
def pelayanan_rubrics() -> list[Traversable]:
    """Kota Contoh's tailored SKM: an overlay file, applied by pelayanan to ``skm-2017``."""
    return [DATA / "skm-kota-contoh.yaml"]


@hookimpl
def pelayanan_zone_schemes() -> list[Traversable]:
    """The zones Kota Contoh colours SKM results with."""
    return [DATA / "zona-skm-kota-contoh.yaml"]


@hookimpl
def pelayanan_validate_rubric(rubric: Rubric) -> list[str]:
    """House rule: every Kota Contoh rubric says which rubric it was tailored from."""
    if not rubric.id.endswith("-kota-contoh"):
        return []  # other publishers' rubrics are not ours to judge
    if rubric.metadata.base is None:
        return ["a Kota Contoh rubric must name its base rubric (metadata.base)"]
    return []
