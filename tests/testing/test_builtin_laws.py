"""Every law on every built-in rubric, loaded through :mod:`pelayanan._documents.builtin`
with the zone scheme it declares.
"""

from __future__ import annotations

import functools

import pytest

from pelayanan._model import Rubric, ZoneScheme
from pelayanan.testing import laws

builtin = pytest.importorskip("pelayanan._documents.builtin")
api = pytest.importorskip("pelayanan._documents.api")


@functools.cache
def _rubrics() -> dict[str, Rubric]:
    return {path.name: api.load_rubric(path) for path in builtin.rubric_paths()}


@functools.cache
def _zone_schemes() -> dict[str, ZoneScheme]:
    found: dict[str, ZoneScheme] = {}
    for path in builtin.zone_scheme_paths():
        scheme = api.load_zone_scheme(path)
        found[scheme.ref] = found[scheme.id] = scheme
    return found


def _cases() -> list[object]:
    cases = []
    for name in _rubrics():
        for law in laws.LAWS:
            cases.append(pytest.param(name, law, id=f"{name}-{law}"))
    return cases


def test_every_builtin_rubric_file_is_found() -> None:
    # the six instruments of the reference: standar pelayanan, Ombudsman 2015 and 2022,
    # SKM 2017 and its predecessor IKM 2004, PEKPPP 2022
    assert len(_rubrics()) >= 6


@pytest.mark.parametrize(("name", "law"), _cases())
def test_the_law_holds_for_every_builtin_rubric(name: str, law: str) -> None:
    rubric = _rubrics()[name]
    scheme = _zone_schemes()[rubric.zone_scheme] if rubric.zone_scheme else None
    laws.check_rubric(rubric, zone_scheme=scheme, laws=[law])
