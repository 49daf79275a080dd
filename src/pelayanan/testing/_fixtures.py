"""What the pytest fixtures of :mod:`pelayanan.testing._pytest_plugin` hand to a test.

:class:`RubricLaws` runs the laws on rubrics given as objects or as ``id@version`` refs in a
registry; :func:`isolated_registry` builds a fresh registry from plugin objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import settings as Settings

from pelayanan._model.refs import split_ref
from pelayanan._model.rubric import Rubric
from pelayanan._model.units import UnitTree
from pelayanan._model.zones import ZoneScheme
from pelayanan._scoring.base import ScoringModel
from pelayanan.plugins import Registry, get_registry
from pelayanan.testing import laws as laws_module

__all__ = ["RubricLaws", "isolated_registry"]


def isolated_registry(
    *plugins: object, builtin: bool = True, discover: bool = False, strict: bool = True
) -> Registry:
    """A new registry holding only ``plugins`` (plugin objects, modules or :class:`Plugin`).

    Args:
        plugins: the plugins to register, in order.
        builtin: also register pelayanan's built-in plugin (its rubrics, zone schemes and
            models), as an installation always has it.
        discover: also load installed plugins through their entry points (then the built-in
            plugin comes from its entry point).
        strict: raise at the first broken plugin.
    """
    return Registry(plugins=plugins, discover=discover, builtin=builtin, strict=strict, environ={})


class RubricLaws:
    """Runs the laws of :mod:`pelayanan.testing.laws`; the ``rubric_laws`` fixture.

    Rubrics and zone schemes may be objects or refs (``"id"`` or ``"id@version"``) looked up
    in ``registry`` (by default :func:`pelayanan.plugins.get_registry`, which the
    ``pelayanan_registry`` fixtures replace for the test). Scoring models of the registry's
    plugins are used alongside ``models``.
    """

    names: tuple[str, ...] = laws_module.LAWS
    """Every law's name."""

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None) -> None:
        self.settings = settings
        self._registry = registry

    @property
    def registry(self) -> Registry:
        """Where refs are looked up."""
        return self._registry if self._registry is not None else get_registry()

    def rubric(self, rubric: Rubric | str) -> Rubric:
        """``rubric`` itself, or the registry's rubric with that ref."""
        return rubric if isinstance(rubric, Rubric) else self.registry.get_rubric(rubric)

    def zone_scheme_for(
        self, rubric: Rubric, zone_scheme: ZoneScheme | str | None = None
    ) -> ZoneScheme | None:
        """``zone_scheme`` (an object or a ref), else the scheme the rubric declares when the
        registry holds it, else ``None``."""
        if isinstance(zone_scheme, ZoneScheme):
            return zone_scheme
        ref = zone_scheme or rubric.zone_scheme
        if ref is None:
            return None
        if zone_scheme is None and not self.registry.versions("zone_scheme", split_ref(ref)[0]):
            return None
        return self.registry.get_zone_scheme(ref)

    def _models(self, models: Mapping[str, ScoringModel] | None) -> dict[str, ScoringModel]:
        return {**self.registry.scoring_models(), **(models or {})}

    def check(
        self,
        rubric: Rubric | str,
        *,
        zone_scheme: ZoneScheme | str | None = None,
        models: Mapping[str, ScoringModel] | None = None,
        units: UnitTree | None = None,
        laws: Sequence[str] | None = None,
    ) -> None:
        """Run every law (or those named) on ``rubric``; see
        :func:`~pelayanan.testing.check_rubric`."""
        found = self.rubric(rubric)
        laws_module.check_rubric(
            found,
            zone_scheme=self.zone_scheme_for(found, zone_scheme),
            models=self._models(models),
            settings=self.settings,
            units=units,
            laws=laws,
        )

    def run(
        self,
        law: str,
        rubric: Rubric | str,
        *,
        zone_scheme: ZoneScheme | str | None = None,
        models: Mapping[str, ScoringModel] | None = None,
        units: UnitTree | None = None,
    ) -> None:
        """Run the one law called ``law`` on ``rubric``."""
        self.check(rubric, zone_scheme=zone_scheme, models=models, units=units, laws=[law])
