"""Fuzz every document loader (rubric, zone scheme, overlay, evidence, result; YAML and JSON)
with mutated valid documents and garbled text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pelayanan import Evidence, Group, Indicator, Rubric, UnitTree, score
from pelayanan._documents import (
    DocumentError,
    EvidenceSet,
    dump,
    load_assessment,
    load_evidence,
    load_overlay,
    load_rubric,
    load_text,
    load_zone_scheme,
)

from ._inputs import garbled, mutated, render
from ._law import LONG, SHORT, obey

ROOT = Path(__file__).resolve().parents[2] / "rubrics"


def _result_seed() -> Any:
    rubric = Rubric("r", "1", "R", [Group("g", "G", [Indicator("a", "A"), Indicator("b", "B")])])
    evidence = [Evidence("u1", "a", True), Evidence("u1", "b", False), Evidence("u2", "a", True)]
    evidence.append(Evidence("u2", "b", "1"))
    return yaml.safe_load(dump(score(rubric, evidence, UnitTree.flat(["u1", "u2"]))))


def _evidence_seed() -> Any:
    items = (Evidence("u1", "persyaratan", True), Evidence.not_applicable_for("u1", "biaya"))
    return yaml.safe_load(dump(EvidenceSet(items, UnitTree.flat(["u1"]))))


OVERLAY = {
    "$schema": "https://schemas.pelayanan.invalid/v1/overlay.json",
    "id": "o",
    "version": "1",
    "base": "skm-2017@2017",
    "title": "O",
    "substitute": {"sarana": {"id": "sarana_digital", "title": "Daring"}},
    "parameters": {"weight": "0.11"},
}

SEEDS: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "rubric": (
        yaml.safe_load((ROOT / "rubrics" / "skm-2017.yaml").read_text(encoding="utf-8")),
        load_rubric,
    ),
    "zone-scheme": (
        yaml.safe_load((ROOT / "zone-schemes" / "skm-2017.yaml").read_text(encoding="utf-8")),
        load_zone_scheme,
    ),
    "overlay": (OVERLAY, load_overlay),
    "evidence": (_evidence_seed(), load_evidence),
    "result": (_result_seed(), load_assessment),
}


def _check(kind: str, text: str, fmt: str) -> None:
    loader = SEEDS[kind][1]

    def call() -> object:
        return loader(load_text(text, format=fmt))  # type: ignore[arg-type]

    obey(f"document:{kind}", len(text.encode("utf-8", "surrogatepass")), call, (DocumentError,))


def _documents(kind: str) -> st.SearchStrategy[tuple[str, str]]:
    seed = SEEDS[kind][0]
    formats = st.sampled_from(["yaml", "json"])
    from_data = st.tuples(mutated(seed), formats).map(lambda pair: (render(*pair), pair[1]))
    from_text = formats.flatmap(lambda fmt: st.tuples(garbled(render(seed, fmt)), st.just(fmt)))
    return st.one_of(from_data, from_text)


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_seeds_load(kind: str) -> None:
    seed, loader = SEEDS[kind]
    for fmt in ("yaml", "json"):
        loader(load_text(render(seed, fmt), format=fmt))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", sorted(SEEDS))
@given(data=st.data())
@SHORT
def test_documents_short(kind: str, data: st.DataObject) -> None:
    text, fmt = data.draw(_documents(kind))
    _check(kind, text, fmt)


@pytest.mark.fuzz_long
@pytest.mark.parametrize("kind", sorted(SEEDS))
@given(data=st.data())
@LONG
def test_documents_long(kind: str, data: st.DataObject) -> None:
    text, fmt = data.draw(_documents(kind))
    _check(kind, text, fmt)
