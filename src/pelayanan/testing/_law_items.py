"""The test items ``pytest --pelayanan-laws`` adds: one per (plugin, rubric, law)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

__all__ = ["LawItem", "LawsCollector", "RegistryItem"]


class LawsCollector(pytest.Collector):
    """The node ``pelayanan-laws`` that holds the generated items."""

    def __init__(self, *, examples: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.examples = examples
        self._registry: Any = None

    @property
    def registry(self) -> Any:
        """A lenient registry of every installed plugin (problems become a failing item)."""
        if self._registry is None:
            from pelayanan.plugins import Registry

            self._registry = Registry(strict=False)
        return self._registry

    def collect(self) -> Iterator[pytest.Item]:
        """A registry item, then an item per law for each rubric of each loaded plugin."""
        from pelayanan.testing.laws import LAWS

        yield RegistryItem.from_parent(self, name="plugins")
        hook = self.config.hook
        for info in self.registry.plugins:
            for ref in info.provides.rubrics:
                for law in LAWS:
                    item = LawItem.from_parent(self, name=f"{info.name}::{ref}::{law}")
                    item.setup_law(info.name, ref, law)
                    rubric = self.registry.get_rubric(ref)
                    reason = hook.pytest_pelayanan_laws_xfail(
                        config=self.config, plugin=info.name, rubric=rubric, law=law
                    )
                    if reason:
                        item.add_marker(pytest.mark.xfail(reason=str(reason), strict=True))
                    yield item


class _Item(pytest.Item):
    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """A failure shows its message (the plugin problems, a law's counterexample), not
        a traceback."""
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)


class RegistryItem(_Item):
    """Fails when an installed plugin could not be loaded."""

    def runtest(self) -> None:
        """Check that the registry found no problem."""
        parent = self.parent
        assert isinstance(parent, LawsCollector)
        problems = parent.registry.problems
        if problems:
            raise AssertionError("\n".join(str(problem) for problem in problems))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        """Where the item is reported."""
        return self.path, None, "pelayanan plugins load without problems"


class LawItem(_Item):
    """Runs one law on one rubric of one plugin."""

    plugin: str = ""
    ref: str = ""
    law: str = ""

    def setup_law(self, plugin: str, ref: str, law: str) -> None:
        """Say what this item checks."""
        self.plugin, self.ref, self.law = plugin, ref, law

    def runtest(self) -> None:
        """Run the law with the registry's zone scheme and scoring models."""
        from hypothesis import settings

        from pelayanan.testing._fixtures import RubricLaws

        parent = self.parent
        assert isinstance(parent, LawsCollector)
        registry = parent.registry
        runner = RubricLaws(settings(max_examples=parent.examples), registry)
        rubric = registry.get_rubric(self.ref)
        runner.run(self.law, rubric, zone_scheme=runner.zone_scheme_for(rubric))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        """Where the item is reported."""
        return self.path, None, f"pelayanan law {self.law!r} on {self.ref} ({self.plugin})"
