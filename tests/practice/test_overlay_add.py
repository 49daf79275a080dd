"""An overlay that adds a local indicator ("uji publik held"): scored as computed by hand, the
change recorded, the content hash changed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pelayanan._documents import DocumentError, load_overlay
from pelayanan._model import Evidence, Overlay, content_hash
from pelayanan._model.convert import from_data
from pelayanan._model.tailoring import TailoringError, apply_overlay
from pelayanan._scoring import score
from pelayanan.plugins import Registry

OVERLAY = """\
$schema: https://schemas.pelayanan.invalid/v1/overlay.json
id: ombudsman-2022-kota-contoh
version: "1"
base: ombudsman-2022@2022
add:
  - id: uji_publik
    into: proses
    title: {id: Uji publik standar pelayanan dilaksanakan, en: Public consultation held}
    scale: {type: ordinal, from: 0, to: 3}
notes: [Kota Contoh adds its uji publik item to the proses dimension]
"""


def _evidence(uji_publik: int) -> list[Evidence]:
    rubric = Registry(strict=True).get_rubric("ombudsman-2022@2022")
    items = [
        Evidence("dinas", ind.id, 100 if ind.id == "pengaduan_nilai" else 3)
        for ind in rubric.indicators()
    ]
    return [*items, Evidence("dinas", "uji_publik", uji_publik)]


def test_an_added_indicator_scores_as_computed_by_hand(tmp_path: Path) -> None:
    base = Registry(strict=True).get_rubric("ombudsman-2022@2022")
    path = tmp_path / "overlay.yaml"
    path.write_text(OVERLAY, encoding="utf-8")
    tailored = apply_overlay(base, load_overlay(str(path), base=base))
    # Every base indicator at its top (3 of 3, pengaduan 100): every dimension scores 100.
    # With uji_publik at 0 the proses dimension is (11 x 3 + 0) / 12 / 3 x 100 = 275/3, so
    # the score is (21.85 x 100 + 32.37 x 275/3 + 24.24 x 100 + 21.54 x 100) / 100
    #   = 21.85 + 29.6725 + 24.24 + 21.54 = 97.3025 -> 97.30 (category A).
    card = score(tailored, _evidence(0), zone_scheme=Registry().get_zone_scheme("ombudsman-2022"))
    assert card.cards[0].published == Decimal("97.30")
    assert card.cards[0].band is not None
    assert card.cards[0].band.code == "A"
    # uji_publik at 3: every dimension 100 again -> 100.00.
    full = score(tailored, _evidence(3)).cards[0]
    assert full.published == Decimal("100.00")
    # The change is recorded and the content hash is not the base's.
    (change,) = [c for c in tailored.metadata.changes if c.action == "add"]
    assert change.target == "uji_publik"
    assert change.detail == "added to proses, weight 1"
    assert content_hash(tailored) != content_hash(base)
    assert [ind.id for ind in tailored.indicators()].count("uji_publik") == 1
    assert tailored.metadata.base == "ombudsman-2022@2022"


def test_add_at_top_level_and_rename_of_an_added_id() -> None:
    base = Registry(strict=True).get_rubric("ombudsman-2022@2022")
    overlay = from_data(
        Overlay,
        {
            "id": "x",
            "version": "1",
            "base": "ombudsman-2022",
            "add": [{"id": "lokal", "title": "Lokal", "weight": "10"}],
            "rename": {"lokal": "Indikator lokal"},
        },
    )
    tailored = apply_overlay(base, overlay)
    assert tailored.children[-1].id == "lokal"
    assert tailored.children[-1].title.get() == "Indikator lokal"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("add", "message"),
    [
        (
            {"id": "persyaratan", "title": "t"},
            "/add/0/id: the new id 'persyaratan' is already used",
        ),
        (
            {"id": "baru", "title": "t", "into": "nope"},
            "/add/0/into: ombudsman-2022@2022 has no group 'nope'",
        ),
        (
            {"id": "baru", "title": "t", "into": "persyaratan"},
            "/add/0/into: 'persyaratan' is an indicator, not a group",
        ),
    ],
)
def test_bad_additions_are_refused(add: dict[str, str], message: str) -> None:
    base = Registry(strict=True).get_rubric("ombudsman-2022@2022")
    overlay = from_data(
        Overlay, {"id": "x", "version": "1", "base": "ombudsman-2022", "add": [add]}
    )
    with pytest.raises(TailoringError, match=message):
        apply_overlay(base, overlay)


@pytest.mark.usefixtures("english")
def test_a_bad_addition_in_a_file_names_its_place(tmp_path: Path) -> None:
    base = Registry(strict=True).get_rubric("ombudsman-2022@2022")
    path = tmp_path / "overlay.yaml"
    path.write_text(OVERLAY.replace("into: proses", "into: prosess"), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load_overlay(str(path), base=base)
    assert "/add/0/into" in str(caught.value)
    assert "no group 'prosess'" in str(caught.value)
