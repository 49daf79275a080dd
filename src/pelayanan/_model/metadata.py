"""Where a rubric's facts come from, how sure we are of them, and what tailoring changed."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from pelayanan._model.shape import shape

__all__ = ["Change", "Metadata", "Source", "Verification", "VerificationNote"]


class Verification(enum.StrEnum):
    """How firmly a fact rests on its source."""

    VERIFIED = "verified"
    """Read in the regulation or an official table."""
    RECONSTRUCTED = "reconstructed"
    """Derived from sources with gaps or typos; agrees with the published figures checked."""
    UNVERIFIED = "unverified"
    """Commonly cited but not checked against the regulation itself."""
    PARTIAL = "partial"
    """Known to be incomplete: some items or numbers are missing from the sources."""
    ASSUMPTION = "assumption"
    """Not published; the documented natural reading is encoded."""


@attrs.frozen
class Source:
    """A regulation, article or report a rubric relies on."""

    title: str
    citation: str = ""
    """The regulation and article, e.g. ``"PermenPANRB 14/2017, Lampiran"``."""
    url: str | None = None
    """For people to read; never fetched by the library."""


@attrs.frozen
class VerificationNote:
    """A verification status for one part of a rubric (``subject`` is an id or ``"*"``)."""

    subject: str
    status: Verification = attrs.field(converter=Verification)
    note: str = ""


@attrs.frozen
class Change:
    """One change made by tailoring a base rubric (recorded on the resolved rubric)."""

    target: str
    """The id of the indicator, group, parameter or ``"zone_scheme"`` that changed."""
    action: str
    """What was done: ``drop``, ``select``, ``reweight``, ``rename``, ``substitute``, ..."""
    source: str
    """Which overlay made the change (its id, or file)."""
    detail: str = ""
    """Before and after, in words."""


# Typed converters (a bare ``converter=tuple`` leaves ``__init__`` untyped for mypy users).
def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _verification(value: Iterable[VerificationNote]) -> tuple[VerificationNote, ...]:
    return tuple(value)


def _notes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _changes(value: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(value)


@attrs.frozen
class Metadata:
    """Sources, verification notes, free notes, and the tailoring history of a rubric."""

    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    verification: tuple[VerificationNote, ...] = attrs.field(default=(), converter=_verification)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    base: str | None = None
    """For a tailored rubric: ``id@version`` of the rubric it was derived from."""
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_changes)
    language: str = attrs.field(default="id", metadata=shape(after=""))
    """The default language for labels."""

    def status_of(self, subject: str) -> Verification | None:
        """The verification status recorded for ``subject``, else for ``"*"``, else ``None``."""
        for wanted in (subject, "*"):
            for note in self.verification:
                if note.subject == wanted:
                    return note.status
        return None
