"""Laws every rubric and scoring model should obey, checked by Hypothesis.

Each law is a function ``law(rubric, *, zone_scheme=None, models=None, settings=None,
units=None)`` that draws evidence for ``rubric`` (and unit trees, unless ``units`` is
given) and raises an :class:`AssertionError` whose message is a readable, shrunk
counterexample when the law does not hold. :func:`check_rubric` runs them all and reports
every failure.

``models`` adds custom scoring models by name (as :func:`pelayanan.score` does);
``settings`` is a :class:`hypothesis.settings` (by default the loaded profile; a law never
has a deadline and keeps no example database). A law runs its own Hypothesis search, so do
not call it inside a ``@given`` test: use :func:`law_property` there instead.

The laws:

``bounds``
    every unit's score lies within ``ScoringModel.bounds`` and its coverage in [0, 1];
``monotone``
    raising one evidence value never lowers any unit's score, published score or band;
``order``
    shuffling the evidence, or the children of any group, changes no result;
``not_applicable``
    marking an indicator not applicable scores like the rubric without it (weighted models
    re-normalise; ``points`` and ``survey_index`` add nothing for it, so the sums match);
``zones``
    the zone scheme is total, ordered and non-overlapping at its precision, covers the
    model's scores, and the band is monotone in the score;
``round_trip``
    rubric, zone scheme and result survive document -> load, and re-scoring the loaded
    inputs gives the identical result;
``determinism``
    the same inputs give a byte-identical result document;
``merge``
    reducing the evidence in parts and merging the parts' statistics equals reducing it
    whole (associative, commutative, the empty reduction an identity), and finishing
    either gives the identical result;
``exactness``
    scores are exact, and scaling the weights of one group's children (``flat``: of every
    node; ``survey_index``: not applicable, its weights are absolute) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from hypothesis import settings as Settings

from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.testing._scoring_laws import (
    Property,
    bounds_property,
    determinism_property,
    exactness_property,
    merge_property,
    monotone_property,
    not_applicable_property,
    order_property,
    round_trip_property,
    weight_scaling,
)
from pelayanan.testing._serialisers import Serialiser
from pelayanan.testing._support import LawSetup, run_property
from pelayanan.testing._zones_law import zones_property

__all__ = [
    "LAWS",
    "Property",
    "bounds",
    "check_rubric",
    "determinism",
    "exactness",
    "law_property",
    "merge",
    "monotone",
    "not_applicable",
    "order",
    "round_trip",
    "weight_scaling",
    "zones",
]

Models = Mapping[str, ScoringModel] | None


def _zones(setup: LawSetup) -> Property | None:
    return zones_property(setup.zone_scheme, setup.rubric, setup.models)


_PROPERTIES: Mapping[str, Callable[[LawSetup], Property | None]] = {
    "bounds": bounds_property,
    "monotone": monotone_property,
    "order": order_property,
    "not_applicable": not_applicable_property,
    "zones": _zones,
    "round_trip": round_trip_property,
    "determinism": determinism_property,
    "merge": merge_property,
    "exactness": exactness_property,
}

LAWS: tuple[str, ...] = tuple(_PROPERTIES)
"""Every law's name, in the order :func:`check_rubric` runs them."""


def law_property(
    name: str,
    rubric: Rubric,
    *,
    zone_scheme: ZoneScheme | None = None,
    models: Models = None,
    units: UnitTree | None = None,
    serialisers: Sequence[Serialiser] | None = None,
) -> Property:
    """Law ``name`` as a property of one drawn case, for use inside your own ``@given``.

    The checks that need no evidence (a zone scheme's structure, the rubric's round trip)
    run at once and raise here. Call the result with ``st.data()``'s object::

        @given(st.data())
        def test_monotone(data):
            law_property("monotone", rubric)(data)
    """
    setup = LawSetup(name, rubric, zone_scheme, models, units, serialisers)
    setup.check_usable()
    made = _PROPERTIES[name](setup)
    return made if made is not None else _nothing


def _nothing(data: object) -> None:
    """The property of a law with nothing left to check."""


def _run(
    name: str,
    rubric: Rubric,
    zone_scheme: ZoneScheme | None,
    models: Models,
    settings: Settings | None,
    units: UnitTree | None,
    serialisers: Sequence[Serialiser] | None = None,
) -> None:
    prop = law_property(
        name, rubric, zone_scheme=zone_scheme, models=models, units=units, serialisers=serialisers
    )
    if prop is not _nothing:
        run_property(prop, settings)


class Law(Protocol):
    """The signature every law shares (see the module's description)."""

    def __call__(
        self,
        rubric: Rubric,
        *,
        zone_scheme: ZoneScheme | None = None,
        models: Models = None,
        settings: Settings | None = None,
        units: UnitTree | None = None,
    ) -> None: ...


def _law(name: str, doc: str) -> Law:
    """The law ``name`` as a function of its own (it runs :func:`law_property` of the name)."""

    def law(
        rubric: Rubric,
        *,
        zone_scheme: ZoneScheme | None = None,
        models: Models = None,
        settings: Settings | None = None,
        units: UnitTree | None = None,
    ) -> None:
        _run(name, rubric, zone_scheme, models, settings, units)

    law.__name__ = law.__qualname__ = name
    law.__doc__ = doc
    return law


bounds = _law(
    "bounds", """Every unit's score lies within the model's ``bounds``, its coverage in [0, 1]."""
)

monotone = _law(
    "monotone",
    """Raising one evidence value never lowers any unit's score, published score or band.""",
)

order = _law(
    "order", """Shuffling the evidence, or the children of any group, changes no result."""
)

not_applicable = _law(
    "not_applicable",
    """Marking an indicator not applicable (in every leaf unit) scores like the rubric
    without it: same score, published score, band and coverage for every unit.""",
)

determinism = _law(
    "determinism", """Scoring the same inputs again gives a byte-identical result document."""
)

merge = _law(
    "merge",
    """Statistics reduced in parts and merged (any grouping, any order) equal those of the
    whole evidence, the empty reduction is the identity, and finishing either gives the
    identical result document.""",
)

exactness = _law(
    "exactness",
    """Scores are exact, and scaling weights as the model allows changes no result.

    A model's scope comes from its ``weight_scaling`` attribute (``"group"``, ``"global"``
    or ``"none"``), else from the built-in table (see ``weight_scaling``).
    """,
)


def zones(
    rubric: Rubric | None,
    *,
    zone_scheme: ZoneScheme | None = None,
    models: Models = None,
    settings: Settings | None = None,
    units: UnitTree | None = None,
) -> None:
    """The zone scheme is total, ordered, non-overlapping and monotone at its precision,
    and (with a rubric) covers every score the rubric's model can give.

    ``rubric`` may be ``None`` to check a zone scheme alone; without a ``zone_scheme``
    there is nothing to check.
    """
    prop = zones_property(zone_scheme, rubric, models)
    if prop is not None:
        run_property(prop, settings)


def round_trip(
    rubric: Rubric,
    *,
    zone_scheme: ZoneScheme | None = None,
    models: Models = None,
    settings: Settings | None = None,
    units: UnitTree | None = None,
    serialisers: Sequence[Serialiser] | None = None,
) -> None:
    """Rubric, zone scheme and result -> document -> load give equal objects, and
    re-scoring what was loaded gives a byte-identical result document.

    ``serialisers`` defaults to :func:`~pelayanan.testing._serialisers.default_serialisers`.
    """
    _run("round_trip", rubric, zone_scheme, models, settings, units, serialisers)


def check_rubric(
    rubric: Rubric,
    *,
    zone_scheme: ZoneScheme | None = None,
    models: Models = None,
    settings: Settings | None = None,
    units: UnitTree | None = None,
    laws: Sequence[str] | None = None,
) -> None:
    """Run every law (or those named in ``laws``) on ``rubric``.

    Raises:
        AssertionError: listing each law that failed, with its counterexample.
        KeyError: an unknown law name.
    """
    failures: list[str] = []
    for name in laws or LAWS:
        if name not in _PROPERTIES:
            raise KeyError(f"no law named {name!r}; the laws are {', '.join(LAWS)}")
        try:
            _run(name, rubric, zone_scheme, models, settings, units)
        except AssertionError as error:
            failures.append(str(error))
    if failures:
        count = len(failures)
        head = f"{count} law{'s' if count > 1 else ''} failed for rubric {rubric.ref}"
        raise AssertionError(head + ":\n\n" + "\n\n".join(failures))
