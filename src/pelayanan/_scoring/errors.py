"""Errors raised while scoring: every problem found is reported, not only the first."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["MissingEvidenceError", "ScoringError", "ScoringProblem"]


@attrs.frozen
class ScoringProblem:
    """One reason a score could not be computed."""

    message: str
    unit: str | None = None
    indicator: str | None = None

    def __str__(self) -> str:
        where = "/".join(part for part in (self.unit, self.indicator) if part)
        return f"{where}: {self.message}" if where else self.message


class ScoringError(ValueError):
    """The inputs cannot be scored; ``problems`` lists every reason found."""

    def __init__(self, problems: Iterable[ScoringProblem], *, limit: int = 20) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("ScoringError needs at least one problem")
        shown = [f"  - {problem}" for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            shown.append(f"  ... and {len(self.problems) - limit} more")
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count > 1 else ''} while scoring:\n" + "\n".join(shown)
        )


class MissingEvidenceError(ScoringError):
    """Applicable indicators have no evidence and the rubric's missing policy is ``error``.

    Supply the evidence, mark the indicators not applicable (where allowed), or score with
    ``missing="zero"`` or ``missing="exclude"``.
    """
