"""Tailoring rubrics with overlays: each step, provenance, errors and the plain-data shape.

Expected scores are computed by hand in the comments beside them.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest

from pelayanan._model import (
    Combine,
    ConversionError,
    Evidence,
    Group,
    Indicator,
    NumericScale,
    OrdinalScale,
    Parameter,
    ParamRef,
    Rubric,
    ScoringSpec,
    Text,
    content_hash,
    from_data,
    to_data,
)
from pelayanan._model.limits import current_limits
from pelayanan._model.tailoring import (
    Overlay,
    Replacement,
    TailoringError,
    apply_overlay,
)
from pelayanan._scoring import score

SKM = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)
# Two respondents' answers (1-4) to the nine elements, in the order of SKM.
ANSWERS = ((4, 3, 3, 4, 3, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 3, 4))


def skm() -> Rubric:
    """A 9-element SKM-like rubric: survey index, factor 25, weight variant as a parameter."""
    return Rubric(
        id="skm-test",
        version="2017",
        title=Text.of("Survei Kepuasan Masyarakat", en="Community satisfaction survey"),
        children=[
            Indicator(
                name,
                name.capitalize(),
                scale=OrdinalScale.from_range(1, 4),
                weight=ParamRef("weight"),
            )
            for name in SKM
        ],
        scoring=ScoringSpec("survey_index", {"factor": 25}),
        zone_scheme="skm-2017",
        # mypy's attrs plugin cannot infer the item type of a `converter=tuple` field
        parameters=(  # type: ignore[arg-type]
            Parameter("weight", {"exact": "1/9", "0.11": "0.11", "0.111": "0.111"}, "exact"),
        ),
    )


def survey(rename: dict[str, str] | None = None) -> list[Evidence]:
    names = [(rename or {}).get(name, name) for name in SKM]
    return [
        Evidence("loket-1", name, answer)
        for row in ANSWERS
        for name, answer in zip(names, row, strict=True)
    ]


def checklist() -> Rubric:
    """Weighted mean: component a (weight 2) holds a1, a2; component b (weight 1) b1 (3), b2."""
    return Rubric(
        id="cek",
        version="1",
        title="Daftar periksa",
        children=[
            Group("a", "Komponen A", [Indicator("a1", "A1"), Indicator("a2", "A2")], weight=2),
            Group("b", "Komponen B", [Indicator("b1", "B1", weight=3), Indicator("b2", "B2")]),
        ],
    )


MET = {"a1": True, "a2": False, "b1": True, "b2": False}


def checklist_score(rubric: Rubric) -> tuple[Fraction | None, Decimal | None]:
    evidence = [Evidence("u", i.id, MET[i.id]) for i in rubric.indicators()]
    card = score(rubric, evidence).cards[0]
    return card.score, card.published


def tailor(base: Rubric, **changes: object) -> Rubric:
    return apply_overlay(base, Overlay("tailored", "1", base.ref, **changes))  # type: ignore[arg-type]


def problems_of(base: Rubric, **changes: object) -> tuple[str, ...]:
    with pytest.raises(TailoringError) as info:
        tailor(base, **changes)
    return info.value.problems


# --- substitution keeps equal weights ---------------------------------------------------------


def test_substituting_an_skm_element_keeps_equal_weights_and_the_score() -> None:
    base = skm()
    overlay = Overlay(
        "kota-contoh-skm",
        "2024",
        "skm-test@2017",
        substitute={"sarana": Replacement("sarana_digital", "Sarana digital")},
    )
    tailored = apply_overlay(base, overlay)

    ids = [i.id for i in tailored.indicators()]
    assert ids == [*SKM[:8], "sarana_digital"]
    assert {i.weight for i in tailored.indicators()} == {ParamRef("weight")}
    assert {w.weight for w in tailored.resolve().indicators()} == {Fraction(1, 9)}
    new = tailored.find("sarana_digital")
    assert isinstance(new, Indicator)
    assert new.scale == OrdinalScale.from_range(1, 4)  # kept from "sarana"

    # NRR per element: 3.5, 3, 2.5, 4, 3, 3.5, 4, 3, 3.5 -> sum 30;
    # IKM = 30 / 9, converted 25 * 30 / 9 = 250/3 = 83.33.
    before = score(base, survey()).cards[0]
    after = score(tailored, survey({"sarana": "sarana_digital"})).cards[0]
    assert before.score == after.score == Fraction(250, 3)
    assert after.published == Decimal("83.33")

    assert tailored.metadata.base == "skm-test@2017"
    [change] = tailored.metadata.changes
    assert (change.target, change.action, change.source) == (
        "sarana",
        "substitute",
        "kota-contoh-skm",
    )
    assert change.detail == "sarana -> sarana_digital"
    assert content_hash(tailored) != content_hash(base)
    assert (tailored.id, tailored.version, tailored.title) == (
        "kota-contoh-skm",
        "2024",
        base.title,
    )


def test_a_replacement_may_bring_its_own_scale_weight_and_points() -> None:
    base = skm().resolve()
    replacement = Replacement(
        "sarana_digital",
        "Sarana digital",
        scale=NumericScale(0, 10),
        description="Aplikasi daring",
        weight="0.2",
        points=5,
    )
    tailored = tailor(base, substitute={"sarana": replacement})
    new = tailored.find("sarana_digital")
    assert isinstance(new, Indicator)
    assert new.scale == NumericScale(0, 10)
    assert (new.weight, new.points) == (Fraction(1, 5), Fraction(5))
    assert new.description == Text.of("Aplikasi daring")
    assert tailored.metadata.changes[0].detail == (
        "sarana -> sarana_digital; weight 1/9 -> 0.2; new scale; points -> 5"
    )


# --- select and drop --------------------------------------------------------------------------


def test_the_base_checklist_score() -> None:
    # a = (1 + 0) / 2 = 1/2; b = (3*1 + 1*0) / 4 = 3/4; root = (2 * 1/2 + 1 * 3/4) / 3 = 7/12,
    # on 0-100: 700/12 = 175/3 = 58.33
    assert checklist_score(checklist()) == (Fraction(175, 3), Decimal("58.33"))


@pytest.mark.parametrize(
    ("drop", "exact", "published"),
    [
        # a = 1 (a1 alone); root = (2 * 1 + 1 * 3/4) / 3 = 11/12 -> 1100/12 = 275/3
        (["a2"], Fraction(275, 3), "91.67"),
        # b = 0 (b2 alone); root = (2 * 1/2 + 1 * 0) / 3 = 1/3 -> 100/3
        (["b1"], Fraction(100, 3), "33.33"),
        # only b is left: 3/4 -> 75
        (["a"], Fraction(75), "75.00"),
        # b emptied and removed: a = 1/2 -> 50
        (["b1", "b2"], Fraction(50), "50.00"),
    ],
)
def test_drop_renormalises_under_weighted_mean(
    drop: list[str], exact: Fraction, published: str
) -> None:
    assert checklist_score(tailor(checklist(), drop=drop)) == (exact, Decimal(published))


def test_drop_records_each_dropped_id_and_each_emptied_group() -> None:
    tailored = tailor(checklist(), drop=["b1", "b2"])
    assert [(c.target, c.action, c.detail) for c in tailored.metadata.changes] == [
        ("b1", "drop", "removed"),
        ("b2", "drop", "removed"),
        ("b", "drop", "removed: all its children were dropped"),
    ]
    assert [node.id for node in tailored.nodes()] == ["a", "a1", "a2"]


def test_select_keeps_only_the_named_indicators() -> None:
    tailored = tailor(checklist(), select=["a1", "b2"])
    assert [i.id for i in tailored.indicators()] == ["a1", "b2"]
    # a = 1, b = 0: root = (2 * 1 + 1 * 0) / 3 = 2/3 -> 200/3
    assert checklist_score(tailored) == (Fraction(200, 3), Decimal("66.67"))
    assert [(c.target, c.action) for c in tailored.metadata.changes] == [
        ("a2", "select"),
        ("b1", "select"),
    ]


def test_select_a_group_keeps_it_whole_and_empty_groups_disappear() -> None:
    tailored = tailor(checklist(), select=["a"])
    assert [node.id for node in tailored.nodes()] == ["a", "a1", "a2"]
    assert [(c.target, c.detail) for c in tailored.metadata.changes] == [
        ("b1", "removed: not selected"),
        ("b2", "removed: not selected"),
        ("b", "removed: none of its indicators was selected"),
    ]
    # a alone: (1 + 0) / 2 -> 50
    assert checklist_score(tailored) == (Fraction(50), Decimal("50.00"))


@pytest.mark.usefixtures("english")
def test_dropping_everything_is_an_error() -> None:
    assert problems_of(checklist(), drop=["a", "b"]) == ("the overlay removes every indicator",)
    assert problems_of(checklist(), select=["a1"], drop=["a1"]) == (
        "the overlay removes every indicator",
    )


# --- rename, reweight, zone scheme, parameters ------------------------------------------------


def test_rename_changes_the_title_and_keeps_the_id() -> None:
    title = Text.of("Sarana digital", en="Digital facilities")
    tailored = tailor(skm(), rename={"sarana": title})
    node = tailored.find("sarana")
    assert node.title == title
    [change] = tailored.metadata.changes
    assert (change.action, change.detail) == ("rename", "title 'Sarana' -> 'Sarana digital'")


def test_reweight() -> None:
    tailored = tailor(checklist(), reweight={"b": 2})
    assert tailored.find("b").weight == 2
    # root = (2 * 1/2 + 2 * 3/4) / 4 = 5/8 -> 62.5
    assert checklist_score(tailored) == (Fraction(125, 2), Decimal("62.50"))
    resolved = tailor(skm().resolve(), reweight={"persyaratan": "0.2"})
    [change] = resolved.metadata.changes
    assert (change.target, change.action, change.detail) == (
        "persyaratan",
        "reweight",
        "weight 1/9 -> 0.2",
    )


def test_reweight_to_a_parameter_and_unchanged_entries_record_nothing() -> None:
    base = skm().resolve()
    tailored = tailor(
        skm(), reweight={"persyaratan": ParamRef("weight")}, rename={"waktu": "Waktu"}
    )
    assert tailored.metadata.changes == ()
    back = tailor(base, reweight={"waktu": ParamRef("weight")})
    assert back.metadata.changes[0].detail == "weight 1/9 -> param 'weight'"


def test_zone_scheme_change() -> None:
    tailored = tailor(skm(), zone_scheme="kota-contoh-skm@2024")
    assert tailored.zone_scheme == "kota-contoh-skm@2024"
    [change] = tailored.metadata.changes
    assert (change.target, change.action, change.detail) == (
        "zone_scheme",
        "zone_scheme",
        "skm-2017 -> kota-contoh-skm@2024",
    )


def test_parameters_set_by_an_overlay_are_pinned_and_used() -> None:
    tailored = tailor(skm(), parameters={"weight": "0.11"})
    assert tailored.parameter_values == (("weight", "0.11"),)
    assert tailored.metadata.changes[0].detail == "exact (default) -> 0.11"
    # 25 * 0.11 * 30 = 82.5
    card = score(tailored, survey()).cards[0]
    assert (card.score, card.published) == (Fraction(165, 2), Decimal("82.50"))


@pytest.mark.usefixtures("english")
def test_an_invalid_parameter_choice_is_refused_clearly() -> None:
    assert problems_of(skm(), parameters={"weight": "0.12", "bobot": "x"}) == (
        "/parameters/bobot: skm-test@2017 declares no parameter 'bobot'",
        "/parameters/weight: '0.12' is not one of the choices 'exact', '0.11', '0.111'",
    )


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_unknown_ids_are_all_listed() -> None:
    with pytest.raises(TailoringError) as info:
        tailor(skm(), drop=["nope"], rename={"ghost": "Hantu"}, reweight={"sarana": 1})
    assert info.value.problems == (
        "/drop/0: skm-test@2017 has no group or indicator 'nope'",
        "/rename/ghost: skm-test@2017 has no group or indicator 'ghost'",
    )
    # each placed by a pointer into the overlay's document (a file names their lines)
    assert [f.pointer for f in info.value.findings] == ["/drop/0", "/rename/ghost"]
    assert isinstance(info.value, ValueError)
    assert "overlay tailored@1 cannot be applied to rubric skm-test@2017" in str(info.value)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("base", ["other", "skm-test@2020"])
def test_base_mismatch(base: str) -> None:
    with pytest.raises(
        TailoringError, match=f"the overlay is for '{base}', but the base given is 'skm-test@2017'"
    ):
        apply_overlay(skm(), Overlay("x", "1", base))


def test_a_base_without_version_matches_any_version() -> None:
    assert apply_overlay(skm(), Overlay("x", "1", "skm-test")).ref == "x@1"


@pytest.mark.usefixtures("english")
def test_the_tailored_rubric_needs_its_own_name() -> None:
    with pytest.raises(TailoringError, match="needs its own id or version"):
        apply_overlay(skm(), Overlay("skm-test", "2017", "skm-test"))


@pytest.mark.usefixtures("english")
def test_ids_removed_by_an_earlier_step_are_reported() -> None:
    problems = problems_of(
        skm(),
        drop=["biaya"],
        substitute={"sarana": Replacement("sarana_digital", "Sarana digital")},
        rename={"biaya": "Tarif", "sarana": "Sarana"},
    )
    assert problems == (
        "/rename/biaya: 'biaya' was already removed by drop",
        "/rename/sarana: 'sarana' was replaced by 'sarana_digital' (substitute)",
    )


@pytest.mark.usefixtures("english")
def test_substitution_clashes_are_reported() -> None:
    problems = problems_of(
        checklist(),
        substitute={
            "a": Replacement("a9", "A9"),
            "a1": Replacement("b1", "B1"),
            "a2": Replacement("z", "Z"),
            "b2": Replacement("z", "Z"),
        },
    )
    assert problems == (
        "/substitute/a: 'a' is a group; only an indicator can be substituted",
        "/substitute/a1/id: the new id 'b1' is already used",
        "/substitute/a2/id: the new id 'z' is given more than once",
        "/substitute/b2/id: the new id 'z' is given more than once",
    )


def test_a_substitute_keeps_combine_and_not_applicable() -> None:
    base = Rubric(
        id="r",
        version="1",
        title="R",
        children=[
            Indicator("lama", "Lama", combine="min", allow_not_applicable=True, points=3),
            Indicator("lain", "Lain"),
        ],
        scoring=ScoringSpec("points"),
    )
    new = tailor(base, substitute={"lama": {"id": "baru", "title": "Baru"}}).find("baru")
    assert isinstance(new, Indicator)
    assert (new.combine, new.allow_not_applicable, new.points) == (Combine.MIN, True, Fraction(3))


def test_tailoring_errors_survive_pickling() -> None:
    with pytest.raises(TailoringError) as info:
        tailor(skm(), drop=["nope"])
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.problems, str(copy)) == (info.value.problems, str(info.value))


def test_rename_and_reweight_may_name_a_substitutes_new_id() -> None:
    tailored = tailor(
        skm().resolve(),
        substitute={"sarana": Replacement("sarana_digital", "Sarana digital")},
        rename={"sarana_digital": "Layanan daring"},
        reweight={"sarana_digital": "1/9"},
    )
    assert tailored.find("sarana_digital").title == Text.of("Layanan daring")
    assert [c.action for c in tailored.metadata.changes] == ["substitute", "rename"]


def test_steps_run_in_the_documented_order_and_source_is_recorded() -> None:
    overlay = Overlay(
        "kota",
        "1",
        "cek@1",
        title="Daftar periksa Kota Contoh",
        parameters={},
        zone_scheme="zona@1",
        reweight={"a": 1},
        rename={"b": "Komponen B (kota)"},
        substitute={"b2": Replacement("b3", "B3")},
        drop=["a2"],
        select=["a", "b2"],
        notes=["Disesuaikan oleh Kota Contoh."],
    )
    tailored = apply_overlay(checklist(), overlay, source="kota.yaml")
    assert [(c.action, c.target) for c in tailored.metadata.changes] == [
        ("select", "b1"),
        ("drop", "a2"),
        ("substitute", "b2"),
        ("rename", "b"),
        ("reweight", "a"),
        ("zone_scheme", "zone_scheme"),
    ]
    assert {c.source for c in tailored.metadata.changes} == {"kota.yaml"}
    assert tailored.title == Text.of("Daftar periksa Kota Contoh")
    assert tailored.metadata.notes == ("Disesuaikan oleh Kota Contoh.",)


def test_chained_overlays_keep_the_first_base() -> None:
    first = Overlay(
        "kota-contoh-skm",
        "2024",
        "skm-test@2017",
        substitute={"sarana": Replacement("sarana_digital", "Sarana digital")},
    )
    second = Overlay("kota-contoh-skm", "2024.1", "kota-contoh-skm@2024", drop=["biaya"])
    tailored = apply_overlay(apply_overlay(skm(), first), second)
    assert tailored.ref == "kota-contoh-skm@2024.1"
    assert tailored.metadata.base == "skm-test@2017"
    assert [(c.action, c.source) for c in tailored.metadata.changes] == [
        ("substitute", "kota-contoh-skm"),
        ("drop", "kota-contoh-skm"),
    ]
    with pytest.raises(TailoringError, match="base"):
        apply_overlay(skm(), second)


def test_the_deepest_allowed_tree_is_tailored() -> None:
    # g0 holds leaf and x0; every g(n) holds g(n-1) and x(n); the outermost, g(depth-1), is
    # at level 1 and leaf at level depth + 1 = max_tree_depth.
    depth = current_limits().max_tree_depth - 1
    top = depth - 1
    node: Group | Indicator = Indicator("leaf", "Daun")
    for level in range(depth):
        node = Group(f"g{level}", f"Tingkat {level}", [node, Indicator(f"x{level}", "X")])
    base = Rubric(id="dalam", version="1", title="Dalam", children=[node])
    select = [f"g{top - 1}"]  # everything except x(top)
    tailored = tailor(base, select=select, drop=["x0"], rename={"leaf": "Daun baru"})
    assert tailored.find("leaf").title == Text.of("Daun baru")
    ids = {indicator.id for indicator in tailored.indicators()}
    assert ids == {"leaf"} | {f"x{level}" for level in range(1, top)}
    assert [(c.target, c.action) for c in tailored.metadata.changes] == [
        (f"x{top}", "select"),
        ("x0", "drop"),
        ("leaf", "rename"),
    ]


# --- plain data -------------------------------------------------------------------------------


def full_overlay() -> Overlay:
    return Overlay(
        "kota-contoh-skm",
        "2024",
        "skm-test@2017",
        title=Text.of("SKM Kota Contoh", en="Kota Contoh satisfaction survey"),
        drop=["biaya"],
        select=[],
        reweight={"prosedur": "0.125", "waktu": ParamRef("weight")},
        rename={"pengaduan": Text.of("Pengaduan daring")},
        substitute={
            "sarana": Replacement(
                "sarana_digital",
                "Sarana digital",
                scale=OrdinalScale.from_range(1, 4, ["Buruk", "Cukup", "Baik", "Sangat baik"]),
                description="Aplikasi dan laman layanan",
                weight="1/9",
                points="2.5",
            )
        },
        zone_scheme="skm-2017",
        parameters={"weight": "0.111"},
        notes=["Contoh fiktif."],
    )


def test_overlay_round_trips_through_plain_data() -> None:
    overlay = full_overlay()
    data = to_data(overlay)
    assert data["reweight"] == {"prosedur": "0.125", "waktu": {"param": "weight"}}
    assert data["substitute"]["sarana"]["weight"] == "1/9"
    assert from_data(Overlay, data) == overlay
    minimal = Overlay("x", "1", "skm-test")
    assert to_data(minimal) == {
        "id": "x",
        "version": "1",
        "base": "skm-test",
        "drop": [],
        "select": [],
        "reweight": {},
        "rename": {},
        "substitute": {},
    }
    assert from_data(Overlay, {"id": "x", "version": 1, "base": "skm-test"}) == minimal


def test_overlay_from_yaml_like_data() -> None:
    # from_data reads an overlay's data as it reads every other class's: a document's
    # $schema is the document's (load_overlay reads and checks it), not part of the overlay.
    data = {
        "id": "kota-contoh-skm",
        "version": 2024,
        "base": "skm-test@2017",
        "title": "SKM Kota Contoh",
        "reweight": {"prosedur": Decimal("0.125")},
        "substitute": {
            "sarana": {
                "id": "sarana_digital",
                "title": {"id": "Sarana digital", "en": "Digital facilities"},
                "scale": {"type": "ordinal", "from": 1, "to": 4},
            }
        },
        "parameters": {"weight": Decimal("0.11")},
    }
    overlay = from_data(Overlay, data)
    assert overlay.version == "2024"
    assert overlay.reweight == (("prosedur", Fraction(1, 8)),)
    assert overlay.parameters == (("weight", "0.11"),)
    assert dict(overlay.substitute)["sarana"].scale == OrdinalScale.from_range(1, 4)


@pytest.mark.parametrize(
    ("change", "pointer", "message"),
    [
        ({"reweigh": {}}, "/reweigh", "unknown key"),
        ({"reweight": {"prosedur": "abc"}}, "/reweight/prosedur", "expected a number"),
        ({"reweight": {"prosedur": 0}}, "/reweight/prosedur", "positive"),
        ({"reweight": {"prosedur": {"par": "w"}}}, "/reweight/prosedur/par", "unknown key"),
        ({"drop": ["a", "a"]}, "/drop/1", "'a' is listed more than once (/drop/0)"),
        ({"drop": ["a", "b c"]}, "/drop/1", "not a valid id: 'b c'"),
        ({"rename": {"b c": "B"}}, "/rename/b c", "not a valid id: 'b c'"),
        ({"$schema": "overlay.json"}, "/$schema", "unknown key '$schema'"),
        ({"select": "a"}, "/select", "expected a list"),
        ({"rename": {"a": 5}}, "/rename/a", "expected a text"),
        ({"substitute": {"a": {"id": "b"}}}, "/substitute/a", "missing required key 'title'"),
        (
            {"substitute": {"a": {"id": "b", "title": "B", "scale": "likert"}}},
            "/substitute/a/scale",
            "expected 'boolean'",
        ),
        (
            {"substitute": {"a": {"id": "b", "title": "B", "weight": "x"}}},
            "/substitute/a/weight",
            "weight",
        ),
        (
            {"substitute": {"a": {"id": "b", "title": "B", "extra": 1}}},
            "/substitute/a/extra",
            "unknown key",
        ),
        ({"base": "a@b@c"}, "/base", "expected 'id' or 'id@version'"),
        ({"zone_scheme": "zona 1"}, "/zone_scheme", "expected 'id' or 'id@version'"),
        ({"parameters": {"weight": True}}, "/parameters/weight", "expected text, got True"),
        ({"id": "bad id"}, "/id", "expected an identifier"),
        ({"notes": "satu"}, "/notes", "expected a list"),
    ],
)
@pytest.mark.usefixtures("english")
def test_bad_overlay_data_names_the_place(
    change: dict[str, object], pointer: str, message: str
) -> None:
    data = {"id": "x", "version": "1", "base": "skm-test", **change}
    with pytest.raises(ConversionError) as info:
        from_data(Overlay, data)
    assert info.value.pointer == pointer
    assert message in info.value.message


_BAD_WEIGHTS = [
    (
        {"reweight": {"prosedur": 0}},
        "/reweight/prosedur",
        "yang diharapkan bobot positif, diterima 0",
        "expected a positive weight, got 0",
    ),
    (
        {"substitute": {"sarana": {"id": "b", "title": "B", "weight": "-1"}}},
        "/substitute/sarana/weight",
        "yang diharapkan bobot positif, diterima -1",
        "expected a positive weight, got -1",
    ),
    (
        {"add": [{"id": "u", "title": "U", "weight": "0"}]},
        "/add/0/weight",
        "yang diharapkan bobot positif, diterima 0",
        "expected a positive weight, got 0",
    ),
    (
        {"add": [{"id": "u", "title": "U", "points": "-0.5"}]},
        "/add/0/points",
        "yang diharapkan poin nol atau lebih, diterima -0.5",
        "expected zero or more points, got -0.5",
    ),
]
"""An overlay's bad weights and points: where, and the rubric's rule in Indonesian and English."""


@pytest.mark.parametrize(("change", "pointer", "in_id", "in_en"), _BAD_WEIGHTS)
def test_an_overlay_weight_or_points_follows_the_rubric_rule_in_indonesian(
    change: dict[str, object], pointer: str, in_id: str, in_en: str
) -> None:
    # One rule for weights and points (the rubric's), said in the language in force.
    data = {"id": "x", "version": "1", "base": "skm-test", **change}
    with pytest.raises(ConversionError) as info:
        from_data(Overlay, data)
    assert (info.value.pointer, info.value.message) == (pointer, in_id)


@pytest.mark.parametrize(("change", "pointer", "in_id", "in_en"), _BAD_WEIGHTS)
@pytest.mark.usefixtures("english")
def test_an_overlay_weight_or_points_follows_the_rubric_rule_in_english(
    change: dict[str, object], pointer: str, in_id: str, in_en: str
) -> None:
    data = {"id": "x", "version": "1", "base": "skm-test", **change}
    with pytest.raises(ConversionError) as info:
        from_data(Overlay, data)
    assert (info.value.pointer, info.value.message) == (pointer, in_en)


def test_a_bad_base_reference_is_said_in_indonesian_by_default() -> None:
    data = {"id": "x", "version": "1", "base": "a@b@c"}
    with pytest.raises(ConversionError) as info:
        from_data(Overlay, data)
    assert (info.value.pointer, info.value.message) == (
        "/base",
        "base: yang diharapkan 'id' atau 'id@version', diterima 'a@b@c'",
    )


@pytest.mark.usefixtures("english")
def test_missing_keys_are_named() -> None:
    with pytest.raises(ConversionError, match=r"\(root\): missing required key 'base'"):
        from_data(Overlay, {"id": "x", "version": "1"})


def test_tailored_rubric_round_trips_with_its_changes() -> None:
    tailored = apply_overlay(skm(), full_overlay())
    # weight of "waktu" stays the parameter and the zone scheme is the base's: not recorded
    assert [(c.action, c.target) for c in tailored.metadata.changes] == [
        ("drop", "biaya"),
        ("substitute", "sarana"),
        ("rename", "pengaduan"),
        ("reweight", "prosedur"),
        ("parameter", "weight"),
    ]
    back = from_data(Rubric, to_data(tailored))
    assert back == tailored
    assert back.metadata.changes == tailored.metadata.changes
    assert content_hash(back) == content_hash(tailored) != content_hash(skm())


@pytest.mark.usefixtures("english")
def test_every_bad_part_of_an_overlay_is_reported_in_one_pass() -> None:
    data = {
        "id": "x",
        "version": "1",
        "base": "skm-test",
        "drop": "biaya",
        "reweight": {"prosedur": 0, "waktu": "abc"},
        "substitute": {"sarana": {"id": "b"}},
    }
    with pytest.raises(ConversionError) as info:
        from_data(Overlay, data)
    assert [finding.pointer for finding in info.value.findings] == [
        "/substitute/sarana",  # read first: it nests (missing its title)
        "/drop",
        "/reweight/prosedur",
        "/reweight/waktu",
    ]
