"""Which zone scheme applies to a year (and, in 2015, to a level): the reference, section 2."""

from __future__ import annotations

import pytest

from pelayanan._model import Applies, ZoneScheme, from_data, scheme_for_year
from pelayanan._model.convert import to_data
from pelayanan._model.methods import NoMethodError, describe_methods, known_years, year_ranges
from pelayanan.plugins import Registry


@pytest.fixture(scope="module")
def schemes() -> tuple[ZoneScheme, ...]:
    return Registry(strict=True).zone_schemes()


@pytest.mark.parametrize(
    ("year", "level", "expected"),
    [
        (2015, "pemda", "ombudsman-2015-pemda@2015"),
        (2015, "kota", "ombudsman-2015-pemda@2015"),
        (2015, "Kabupaten", "ombudsman-2015-pemda@2015"),  # case is ignored
        (2015, "kementerian", "ombudsman-2015-kementerian@2015"),
        (2015, "lembaga", "ombudsman-2015-kementerian@2015"),
        (2016, None, "ombudsman-2016@2016"),
        (2019, "kota", "ombudsman-2016@2016"),  # one table that year: the level is not needed
        (2021, None, "ombudsman-2021@2021"),
        (2022, None, "ombudsman-2022@2022"),
        (2024, "kementerian", "ombudsman-2022@2022"),
    ],
)
def test_the_scheme_of_each_year(
    schemes: tuple[ZoneScheme, ...], year: int, level: str | None, expected: str
) -> None:
    assert scheme_for_year(schemes, year, level).ref == expected


def test_the_same_score_differs_by_year(schemes: tuple[ZoneScheme, ...]) -> None:
    # 80.00: kuning under 2016-2019 (51-80) and 2021 (51.00-80.99), hijau (B, 78.00-87.99)
    # under 2022-2024; 88.50 is kuning for a 2015 regional government (56-88 on 0-110).
    assert scheme_for_year(schemes, 2018).classify("80").zone.id == "kuning"
    assert scheme_for_year(schemes, 2021).classify("80").zone.id == "kuning"
    assert scheme_for_year(schemes, 2023).classify("80").zone.id == "hijau"
    assert scheme_for_year(schemes, 2015, "kota").classify("88.50").zone.id == "kuning"
    assert scheme_for_year(schemes, 2015, "kementerian").classify("88.50").zone.id == "hijau"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("year", [2014, 2020, 2025])
def test_a_year_without_a_method_names_the_known_years(
    schemes: tuple[ZoneScheme, ...], year: int
) -> None:
    with pytest.raises(NoMethodError) as caught:
        scheme_for_year(schemes, year)
    message = str(caught.value)
    assert f"no ombudsman method is known for {year}" in message
    assert "2016-2019 (ombudsman-2016)" in message
    assert "2021 (ombudsman-2021)" in message
    assert "2022-2024 (ombudsman-2022)" in message
    assert caught.value.known == (2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024)


@pytest.mark.usefixtures("english")
def test_2015_needs_a_known_level(schemes: tuple[ZoneScheme, ...]) -> None:
    with pytest.raises(NoMethodError, match="one ombudsman zone table per level"):
        scheme_for_year(schemes, 2015)
    with pytest.raises(NoMethodError, match="no ombudsman zone table for level 'desa'"):
        scheme_for_year(schemes, 2015, "desa")


@pytest.mark.usefixtures("english")
def test_helpers(schemes: tuple[ZoneScheme, ...]) -> None:
    assert year_ranges([2021, 2015, 2016, 2017, 2023, 2022]) == "2015-2017, 2021-2023"
    assert year_ranges([]) == ""
    assert known_years(schemes, "skm") == ()
    assert describe_methods(schemes).startswith(
        "2015 (ombudsman-2015-kementerian, ombudsman-2015-pemda; by level), 2016-2019"
    )


@pytest.mark.usefixtures("english")
def test_two_schemes_claiming_a_year_is_an_error(schemes: tuple[ZoneScheme, ...]) -> None:
    data = to_data(scheme_for_year(schemes, 2021))
    data["id"] = "another-2021"
    twin = from_data(ZoneScheme, data)
    with pytest.raises(NoMethodError, match="more than one ombudsman zone scheme claims 2021"):
        scheme_for_year([*schemes, twin], 2021)


@pytest.mark.usefixtures("english")
def test_applies_round_trips_and_is_validated(schemes: tuple[ZoneScheme, ...]) -> None:
    pemda = scheme_for_year(schemes, 2015, "pemda")
    data = to_data(pemda)
    assert data["applies"] == [
        {
            "series": "ombudsman",
            "years": [2015],
            "levels": ["pemda", "provinsi", "kabupaten", "kota"],
        }
    ]
    assert from_data(ZoneScheme, data) == pemda
    with pytest.raises(ValueError, match="expected years from 1900 to 2999"):
        Applies("ombudsman", [15])
    with pytest.raises(ValueError, match="a year is listed twice"):
        Applies("ombudsman", [2016, 2016])
    with pytest.raises(ValueError, match="levels"):
        Applies("ombudsman", [2016], ["bad level"])


def test_a_scheme_without_applies_keeps_its_data_shape(schemes: tuple[ZoneScheme, ...]) -> None:
    skm = next(s for s in schemes if s.id == "skm-2017")
    assert "applies" not in to_data(skm)


def test_registry_shortcut() -> None:
    assert Registry(strict=True).scheme_for_year(2017).id == "ombudsman-2016"


def test_applies_says_what_is_wrong_in_indonesian_by_default() -> None:
    with pytest.raises(ValueError, match="yang diharapkan tahun 1900 sampai 2999, diterima 15"):
        Applies("ombudsman", [15])
    with pytest.raises(ValueError, match=r"satu tahun tercantum dua kali: \[2016, 2016\]"):
        Applies("ombudsman", [2016, 2016])
