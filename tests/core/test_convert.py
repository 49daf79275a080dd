"""Plain data round trips: to_data -> JSON text -> from_data gives an equal object."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
import pytest

from pelayanan._model import (
    Aggregation,
    Assessment,
    Band,
    Change,
    ConversionError,
    Evidence,
    EvidenceKind,
    Group,
    Indicator,
    Metadata,
    NumericScale,
    OrdinalScale,
    Parameter,
    ParamRef,
    Provenance,
    Rounding,
    RoundingRules,
    Rubric,
    ScoringSpec,
    Source,
    UnitTree,
    Verification,
    VerificationNote,
    ZoneScheme,
    content_hash,
    from_data,
    to_data,
)
from pelayanan._model.limits import Limits, use_limits
from pelayanan._scoring import score

from .factories import (
    OMBUDSMAN_ZONES,
    city_tree,
    observe,
    respondents,
    rubric_2022,
    rubric_ombudsman_2015,
    rubric_skm,
    scheme_2022,
    scheme_pekppp,
    scheme_skm_2017,
)


def _no_float(text: str) -> Any:
    def refuse(literal: str) -> Any:
        raise AssertionError(f"the JSON contains a float literal: {literal}")

    return json.loads(text, parse_float=refuse)


def through_json(data: Any) -> Any:
    """Serialise to JSON text and read it back, refusing any float literal."""
    return _no_float(json.dumps(data, ensure_ascii=False))


def rich_rubric() -> Rubric:
    """A rubric using every feature the model has."""
    return Rubric(
        id="test-rich",
        version="2024.1",
        title={"id": "Rubrik lengkap", "en": "Full rubric"},
        scoring=ScoringSpec(
            "weighted_mean", {"minimum": 0, "maximum": "100", "note": "x", "strict": True}
        ),
        zone_scheme="ombudsman-2022@1",
        aggregation=Aggregation("mean", {"agency": "flat_mean", "service_unit": "min"}),
        rounding=RoundingRules(Rounding(2), Rounding(3, "half_even")),
        missing="exclude",
        parameters=[
            Parameter("w", {"exact": "1/9", "0.11": "0.11"}, "exact", title="Bobot"),
            Parameter("g", {"low": 1, "high": "2.5"}, "high"),
        ],
        parameter_values={"w": "0.11"},
        metadata=Metadata(
            sources=[Source("PermenPANRB 14/2017", "Lampiran", "https://example.invalid/skm")],
            verification=[VerificationNote("*", Verification.RECONSTRUCTED, "C and D bands")],
            notes=["a note"],
            base="base-rubric@1",
            changes=[Change("x", "reweight", "overlay.yaml", "1 -> 2")],
            language="en",
        ),
        children=[
            Group(
                "g1",
                {"id": "Kelompok", "en": "Group"},
                [
                    Indicator("b", "Boolean", weight="0.2185", description="Ada?"),
                    Indicator(
                        "o",
                        "Ordinal",
                        OrdinalScale.from_range(0, 3, ["a", "b", "c", "d"]),
                        weight=ParamRef("w"),
                        combine="median",
                        allow_not_applicable=True,
                    ),
                    Indicator(
                        "n",
                        "Numeric",
                        NumericScale("0.5", "99.5"),
                        weight="1/3",
                        points="2.5",
                        combine="latest",
                    ),
                ],
                weight=ParamRef("g"),
                kind="dimension",
                description={"id": "Deskripsi", "en": "Description"},
            ),
            Indicator("top", "Top level", points=6),
        ],
    )


RUBRICS: list[Callable[[], Rubric]] = [
    rich_rubric,
    rubric_skm,
    lambda: rubric_2022(3),
    rubric_ombudsman_2015,
    lambda: rich_rubric().resolve({"g": "low"}),
]


@pytest.mark.parametrize("factory", RUBRICS)
def test_rubric_round_trip(factory: Callable[[], Rubric]) -> None:
    rubric = factory()
    back = from_data(Rubric, through_json(to_data(rubric)))
    assert back == rubric
    assert content_hash(back) == content_hash(rubric)


def _colourful() -> ZoneScheme:
    bands = [
        Band(0, "E", "E", "merah", "#000000"),
        Band("0.7", "D", {"id": "D", "en": "D"}, "kuning"),  # a bound finer than 0.1 is refused
        Band("32.5", "X", "X", "hijau"),
    ]
    return ZoneScheme(
        "colourful",
        "1",
        {"id": "Warna", "en": "Colours"},
        0,
        "100.5",
        bands,
        OMBUDSMAN_ZONES,
        rounding=Rounding(1, "down"),
        metadata=Metadata(verification=[VerificationNote("D", "unverified")]),
    )


@pytest.mark.parametrize(
    "factory", [scheme_2022, scheme_pekppp, lambda: scheme_skm_2017(clamp=True), _colourful]
)
def test_zone_scheme_round_trip(factory: Callable[[], ZoneScheme]) -> None:
    scheme = factory()
    back = from_data(ZoneScheme, through_json(to_data(scheme)))
    assert back == scheme
    assert content_hash(back) == content_hash(scheme)


def test_units_round_trip() -> None:
    tree = city_tree(weights={"dinas-a": "2.5", "dinas-b": "1/3"})
    assert from_data(UnitTree, through_json(to_data(tree))) == tree


EVIDENCE = [
    Evidence("a1", "b", True),
    Evidence("a1", "b", "ya"),
    Evidence(
        "a1",
        "o",
        2,
        provenance=Provenance(
            EvidenceKind.OBSERVATION, dt.date(2024, 5, 1), "Tim A", "foto-17", "loket 2"
        ),
    ),
    Evidence(
        "a1",
        "n",
        Fraction("82.5"),
        provenance=Provenance(
            collected_at=dt.datetime(2024, 5, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
        ),
    ),
    Evidence("a1", "n", Fraction(1, 3)),
    Evidence.not_applicable_for("a2", "o", Provenance(EvidenceKind.INTERVIEW, note="tidak ada")),
]


@pytest.mark.parametrize("item", EVIDENCE, ids=lambda e: f"{e.unit}-{e.indicator}-{e.value}")
def test_evidence_round_trip(item: Evidence) -> None:
    assert from_data(Evidence, through_json(to_data(item))) == item


def _assessments() -> list[Any]:
    values = {"input.nilai": 80, "proses.nilai": 90, "output.nilai": 85, "pengaduan.nilai": 70}
    tree = city_tree()
    evidence = [e for leaf in ("a1", "a2", "b1", "b2", "c1") for e in observe(leaf, values)]
    return [
        score(
            rubric_2022(),
            evidence,
            tree,
            zone_scheme=scheme_2022(),
            missing="exclude",
            assessed_on="2024-06-30",
        ),
        score(
            rubric_skm(),
            respondents("p", [[4, 3, 2, 1, 4, 3, 2, 1, 4]] * 2),
            zone_scheme=scheme_skm_2017(),
            parameters={"weight": "0.111"},
        ),
    ]


@pytest.mark.parametrize("index", [0, 1])
def test_assessment_round_trip(index: int) -> None:
    assessment = _assessments()[index]
    data = through_json(to_data(assessment))
    back = from_data(Assessment, data)
    assert back == assessment
    card = back.cards[0]
    assert card.published is not None
    assert str(card.published).count(".") == 1  # "82.30" keeps its two decimals


def test_assessment_json_keeps_exact_scores_as_text() -> None:
    assessment = _assessments()[0]
    text = json.dumps(to_data(assessment))
    data = _no_float(text)
    leaf = data["cards"][0]["children"][0]["children"][0]
    assert leaf["score"] == "82.295"
    assert leaf["published"] == "82.30"
    assert leaf["band"]["code"] == "B"


def test_content_hash_changes_with_a_weight() -> None:
    rubric = rubric_2022()
    first = rubric.children[0]
    assert isinstance(first, Group)
    reweighted = attrs.evolve(
        rubric, children=(attrs.evolve(first, weight="21.86"), *rubric.children[1:])
    )
    assert content_hash(reweighted) != content_hash(rubric)
    assert content_hash(rubric).startswith("sha256:")
    assert len(content_hash(rubric)) == len("sha256:") + 64
    # The same content built again hashes the same.
    assert content_hash(rubric_2022()) == content_hash(rubric)


def test_content_hash_changes_with_a_parameter_choice() -> None:
    rubric = rubric_skm()
    chosen = attrs.evolve(rubric, parameter_values={"weight": "0.11"})
    assert content_hash(chosen) != content_hash(rubric)
    hashes = {content_hash(rubric.resolve({"weight": v})) for v in ("exact", "0.11", "0.111")}
    assert len(hashes) == 3
    # Naming the default explicitly is the same choice as leaving it out, once resolved.
    assert content_hash(rubric.resolve()) == content_hash(rubric.resolve({"weight": "exact"}))


def test_zone_scheme_hash_changes_with_a_bound() -> None:
    scheme = scheme_2022()
    moved = attrs.evolve(
        scheme, bands=(*scheme.bands[:-1], attrs.evolve(scheme.bands[-1], lower="88.01"))
    )
    assert content_hash(moved) != content_hash(scheme)


@pytest.mark.parametrize(
    ("mutate", "pointer", "message"),
    [
        (
            lambda d: d["children"][0]["children"][1].update(weight="heavy"),
            "/children/0/children/1/weight",
            "weight",
        ),
        (
            lambda d: d["children"][1].update(scale={"type": "fuzzy"}),
            "/children/1/scale/type",
            "fuzzy",
        ),
        (lambda d: d["children"][0].pop("title"), "/children/0", "title"),
        (lambda d: d["children"][1].update(scale="likert"), "/children/1/scale", "likert"),
    ],
)
def test_conversion_errors_carry_a_pointer(
    mutate: Callable[[dict[str, Any]], None], pointer: str, message: str
) -> None:
    data = to_data(rubric_2022(3))
    data["children"].insert(1, {"id": "extra", "title": "Extra"})
    mutate(data)
    with pytest.raises(ConversionError, match=message) as caught:
        from_data(Rubric, data)
    assert caught.value.pointer == pointer


def test_long_exact_numbers_survive_the_round_trip() -> None:
    # More significant digits than Decimal's default 28-digit context keeps.
    weight = Fraction(10**30 + 1, 10)  # 100000000000000000000000000000.1
    rubric = Rubric("r", "1", "R", [Indicator("a", "A", weight=weight), Indicator("b", "B")])
    data = through_json(to_data(rubric))
    assert data["children"][0]["weight"] == "100000000000000000000000000000.1"
    assert from_data(Rubric, data) == rubric


def test_plain_data_follows_the_attrs_fields() -> None:
    # The generic converter writes the fields in declared order, leaves out None and, where a
    # field says so, its default: the exact shapes the documents always had.
    from pelayanan._model.convert._fields import plain
    from pelayanan._model.metadata import Source
    from pelayanan._model.units import Unit
    from pelayanan._model.zones import Applies, Band

    assert plain(Band("76.61", "B", "Baik", "hijau")) == {
        "lower": "76.61",
        "code": "B",
        "label": {"id": "Baik"},
        "zone": "hijau",
    }
    assert plain(Unit("p", "P", parent="d")) == {
        "id": "p",
        "name": "P",
        "level": "service_product",
        "parent": "d",
    }  # weight 1 is the default and is left out; 2.5 is written as text, 2 as a number
    assert plain(Unit("p", "P", weight="2.5"))["weight"] == "2.5"
    assert plain(Unit("p", "P", weight=2))["weight"] == 2
    assert plain(Applies("ombudsman", [2023, 2022])) == {
        "series": "ombudsman",
        "years": [2022, 2023],
    }
    assert plain(Source("PermenPANRB 14/2017")) == {"title": "PermenPANRB 14/2017", "citation": ""}


def test_field_metadata_places_keys_where_the_documents_have_them() -> None:
    # What differs from field order and names is declared on the fields (shape(...)): the
    # converter reads it, so a group writes kind after id and children last, an indicator
    # writes allow_not_applicable as not_applicable, a card nests its unit and keeps nulls.
    from decimal import Decimal

    from pelayanan._model.convert._fields import plain
    from pelayanan._model.results import NodeResult, NodeStatus, ScoreCard
    from pelayanan._model.scales import NumericScale
    from pelayanan._model.text import Text

    group = Group("g", "G", [Indicator("i", "I", scale=NumericScale(0, 4), description="D")])
    assert list(plain(group)) == ["id", "kind", "title", "weight", "children"]
    indicator = plain(group)["children"][0]
    keys = ["id", "title", "description", "scale", "weight", "combine", "not_applicable"]
    assert list(indicator) == keys  # aliases () is the default: left out
    # a scale writes its kind first, as "type"
    assert indicator["scale"] == {"type": "numeric", "minimum": 0, "maximum": 4}
    node = NodeResult("i", "indicator", Text.of("I"), NodeStatus.MISSING, Fraction(1), 0, 3)
    assert plain(node)["lost"] == 3  # derived: maximum 3 - contribution 0
    card = ScoreCard("u", "U", "agency", None, None, None, None, Fraction(1, 2), (node,))
    assert list(plain(card)) == [
        "unit",
        "score",
        "published",
        "band",
        "zone",
        "coverage",
        "evidence_count",
        "method",
        "breakdown",
        "children",
    ]
    assert plain(card)["unit"] == {"id": "u", "name": "U", "level": "agency"}
    assert plain(card)["score"] is None
    assert plain(card)["coverage"] == "0.5"
    card = attrs.evolve(card, score=Fraction(161, 2), published=Decimal("80.50"))
    assert plain(card)["published"] == "80.50"
    evidence = Evidence("u", "i", "ya", provenance=Provenance(note="n", collected_at="2024-01-02"))
    assert plain(evidence) == {  # provenance flattened beside the value
        "unit": "u",
        "indicator": "i",
        "value": "ya",
        "collected_at": "2024-01-02",
        "note": "n",
    }


def _findings(read: Callable[[Any], Any], data: Any) -> list[tuple[str, str]]:
    with pytest.raises(ConversionError) as caught:
        read(data)
    return [(finding.pointer, finding.text()) for finding in caught.value.findings]


@pytest.mark.usefixtures("english")
def test_reading_follows_the_fields_and_names_what_is_wrong() -> None:
    # One reader for every class: a required field missing is named by its key (not by
    # Unit.__init__'s argument list), a key the class does not know is refused at that key
    # (where the documents' schema places it too) with the keys the class takes, and a field
    # the class does not check is checked by its type.
    units = [{"id": "a", "name": "A"}, {"id": "b"}, {"id": "c", "name": "C", "colour": "x"}]
    assert _findings(lambda data: from_data(UnitTree, data), units) == [
        ("/1", "missing required key 'name'"),
        (
            "/2/colour",
            "unknown key 'colour'; expected one of 'id', 'level', 'name', 'parent', 'weight'",
        ),
    ]
    data = to_data(rich_rubric())
    data["metadata"]["sources"] = [{"title": 5}]
    assert _findings(lambda data: from_data(Rubric, data), data) == [
        ("/metadata/sources/0/title", "expected text, got int 5")
    ]
    result = to_data(_assessments()[0])
    del result["cards"][0]["unit"]  # a nested key's parent missing: named as the parent
    assert _findings(lambda data: from_data(Assessment, data), result) == [
        ("/cards/0", "missing required key 'unit'")
    ]


@pytest.mark.usefixtures("english")
def test_score_cards_nested_past_the_tree_depth_are_refused() -> None:
    card = to_data(_assessments()[0])["cards"][0]
    card["children"] = []
    chain = json.loads(json.dumps(card))
    for _ in range(2):  # three cards, one inside the other
        chain = {**json.loads(json.dumps(card)), "children": [chain]}
    data = {**to_data(_assessments()[0]), "cards": [chain]}
    assert (
        from_data(Assessment, data).cards[0].children[0].children[0].unit_id == card["unit"]["id"]
    )
    with use_limits(Limits(max_tree_depth=2)):
        assert _findings(lambda data: from_data(Assessment, data), data) == [
            (
                "/cards/0/children/0/children/0",
                "nested more than 2 levels deep (Limits.max_tree_depth)",
            )
        ]


def test_a_shape_placed_after_no_field_is_named() -> None:
    # A class's own mistake (after= naming a field it does not have) is a clear TypeError
    # when the class is first converted, not a StopIteration from deep in the converter.
    from pelayanan._model.convert._fields import plain
    from pelayanan._model.shape import shape

    @attrs.frozen
    class Odd:
        a: int = attrs.field(default=1, metadata=shape(after="nothing"))

    with pytest.raises(TypeError, match=r"Odd: shape\(after=...\) names no field: \['nothing'\]"):
        plain(Odd())


def test_one_pair_of_converters_reads_and_writes_every_model_class() -> None:
    # to_data/from_data are the only converters: any attrs class of the model goes through
    # them, not only the ones with a document of their own.
    band = Band(Fraction(1, 3), "A", "Baik", "hijau")
    data = to_data(band)
    assert data == {"lower": "1/3", "code": "A", "label": {"id": "Baik"}, "zone": "hijau"}
    assert from_data(Band, data) == band
    change = Change(target="x", action="drop", source="kota.yaml")
    assert from_data(Change, to_data(change)) == change


@pytest.mark.usefixtures("english")
def test_from_data_places_problems_below_the_given_pointer() -> None:
    # An evidence item read out of a larger document (load_evidence reads /evidence/<i>).
    with pytest.raises(ConversionError) as caught:
        from_data(Evidence, {"unit": "u", "indicator": "bad id", "value": 1}, pointer="/evidence/3")
    assert [finding.pointer for finding in caught.value.findings] == ["/evidence/3/indicator"]
    with pytest.raises(ConversionError) as caught:
        from_data(UnitTree, [{"id": "a"}], pointer="/units")
    assert caught.value.pointer == "/units/0"
    assert caught.value.message == "missing required key 'name'"


def test_the_converters_refuse_what_is_not_a_model_object() -> None:
    with pytest.raises(TypeError, match="expected a model class, got <class 'dict'>"):
        from_data(dict, {})
    with pytest.raises(TypeError, match="expected a model object, got Fraction"):
        to_data(Fraction(1, 3))


@pytest.mark.usefixtures("english")
def test_a_zone_scheme_reports_its_unreadable_parts_and_the_rules_of_the_rest() -> None:
    data = {
        "id": "z",
        "version": 2024,  # a YAML number: read as the text it is written as
        "title": "Z",
        "minimum": 0,
        "maximum": 100,
        "zones": [{"id": "a"}, {"id": "a"}],
        "bands": [
            {"lower": 0, "code": "X", "zone": "a"},
            {"lower": "bad", "code": "Y", "zone": "a"},  # cannot be read
            {"lower": 0, "code": "X", "zone": "q"},
        ],
    }
    with pytest.raises(ConversionError) as caught:
        from_data(ZoneScheme, data)
    found = {finding.pointer: finding.text() for finding in caught.value.findings}
    # the unreadable bound keeps its closing quote (a message is no KeyError to unquote)
    assert found["/bands/1/lower"].endswith("got 'bad'")
    assert found["/zones/1/id"] == "zone id 'a' is used twice"
    assert found["/bands/2/code"] == "band code 'X' is used twice"
    assert found["/bands/2/zone"].startswith("zone 'q' is not declared under 'zones'")
    assert list(found) == [
        "/bands/1/lower",
        "/zones/1/id",
        "/bands/2/code",
        "/bands/2/zone",
        "/bands/2/lower",
    ]


def test_every_unknown_key_is_refused_at_its_place() -> None:
    data = {"lower": 0, "code": "A", "label": "Baik", "zone": "hijau", "colur": "#fff", "x": 1}
    with pytest.raises(ConversionError) as caught:
        from_data(Band, data, pointer="/bands/0")
    assert [finding.pointer for finding in caught.value.findings] == [
        "/bands/0/colur",
        "/bands/0/x",
    ]
