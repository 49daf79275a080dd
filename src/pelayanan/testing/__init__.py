"""A test kit for rubric authors: Hypothesis strategies, rubric laws and a pytest plugin.

Needs Hypothesis (``pip install 'pelayanan[kit]'``). The names below are imported on first
use, so that the pytest plugin (``pelayanan.testing._pytest_plugin``, loaded in every
pytest run once pelayanan is installed) costs nothing when it is not used and works without
Hypothesis installed::

    from pelayanan.testing import check_rubric, strategies

    check_rubric(my_rubric, zone_scheme=my_zone_scheme)

See :mod:`pelayanan.testing.strategies`, :mod:`pelayanan.testing.laws` and the page
*Testing your rubric*.
"""

import typing as _typing

from pelayanan._lazy import lazy_names as _lazy_names

if _typing.TYPE_CHECKING:
    from pelayanan.testing import laws, strategies
    from pelayanan.testing._evidence import Case
    from pelayanan.testing._fixtures import RubricLaws, isolated_registry
    from pelayanan.testing._profiles import (
        CI_PROFILE,
        THOROUGH_PROFILE,
        load_profile,
        register_profiles,
    )
    from pelayanan.testing._serialisers import Serialiser, default_serialisers
    from pelayanan.testing.laws import LAWS, check_rubric

__all__ = [
    "CI_PROFILE",
    "LAWS",
    "THOROUGH_PROFILE",
    "Case",
    "RubricLaws",
    "Serialiser",
    "check_rubric",
    "default_serialisers",
    "isolated_registry",
    "laws",
    "load_profile",
    "register_profiles",
    "strategies",
]

_HOMES = dict.fromkeys(__all__, "pelayanan.testing.laws") | {
    "strategies": "pelayanan.testing.strategies",
    "Case": "pelayanan.testing._evidence",
    "CI_PROFILE": "pelayanan.testing._profiles",
    "THOROUGH_PROFILE": "pelayanan.testing._profiles",
    "load_profile": "pelayanan.testing._profiles",
    "register_profiles": "pelayanan.testing._profiles",
    "RubricLaws": "pelayanan.testing._fixtures",
    "isolated_registry": "pelayanan.testing._fixtures",
    "Serialiser": "pelayanan.testing._serialisers",
    "default_serialisers": "pelayanan.testing._serialisers",
}
"""The module of each public name (the laws' module unless named here)."""

_DEPRECATED = {
    name: ("pelayanan.testing.laws", f"use laws.{name} (the laws namespace holds every law)")
    for name in (
        "bounds",
        "determinism",
        "exactness",
        "merge",
        "monotone",
        "not_applicable",
        "order",
        "round_trip",
        "zones",
        "law_property",
    )
}
"""Names this face exported before 0.2 beside the :mod:`pelayanan.testing.laws` namespace,
which holds them; looking one up works until 0.3, with a DeprecationWarning."""

__getattr__, __dir__ = _lazy_names(
    __name__,
    globals(),
    _HOMES,
    __all__,
    needs=("hypothesis", "pelayanan.testing needs Hypothesis: pip install 'pelayanan[kit]'"),
    deprecated=_DEPRECATED,
)
