"""Errors raised while scoring: every problem found is reported, not only the first."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pelayanan._i18n import gettext, ngettext
from pelayanan._model.problems import PelayananError

__all__ = ["MissingEvidenceError", "ScoringError", "ScoringProblem"]


@attrs.frozen
class ScoringProblem:
    """One reason a score could not be computed."""

    message: str
    unit: str | None = None
    indicator: str | None = None
    missing: bool = False
    """Evidence is missing under the ``error`` policy (the command line suggests
    ``--missing``)."""

    def __str__(self) -> str:
        where = "/".join(part for part in (self.unit, self.indicator) if part)
        return f"{where}: {self.message}" if where else self.message


class ScoringError(PelayananError, ValueError):
    """The inputs cannot be scored; ``problems`` lists every reason found."""

    def __init__(self, problems: Iterable[ScoringProblem], *, limit: int = 20) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("ScoringError needs at least one problem")
        shown = [f"  - {problem}" for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            more = gettext("... and {count} more").format(count=len(self.problems) - limit)
            shown.append(f"  {more}")
        count = len(self.problems)
        head = ngettext(
            "{count} problem while scoring:", "{count} problems while scoring:", count
        ).format(count=count)
        super().__init__(head + "\n" + "\n".join(shown))


class MissingEvidenceError(ScoringError):
    """Applicable indicators have no evidence and the rubric's missing policy is ``error``.

    Supply the evidence, mark the indicators not applicable (where allowed), or score with
    ``missing="zero"`` or ``missing="exclude"``.
    """
