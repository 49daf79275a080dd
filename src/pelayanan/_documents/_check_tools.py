"""Helpers shared by the semantic checks: a problem collector and defensive readers.

The checks run on data that may also have broken the schema, so every reader here returns
``None`` (and reports nothing) for a value of the wrong shape: the schema has said so already.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from pelayanan._documents.errors import Problem
from pelayanan._documents.loading import Document
from pelayanan._i18n import gettext
from pelayanan._model.numbers import to_exact
from pelayanan._model.problems import Finding, Message


def as_document(source: Document | Mapping[str, Any], name: str = "<data>") -> Document:
    """``source`` as a document (a mapping gets no positions and is not copied)."""
    return source if isinstance(source, Document) else Document(source, name)


class Report:
    """Collects problems about one document, each placed by its pointer."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def __call__(self, pointer: str, message: str, /, **values: object) -> None:
        """Record that the value at ``pointer`` is wrong, and why: ``message`` is an
        English template marked with ``N_``, shown in the language in force with
        ``values`` filled in (a ready-made text is shown as given)."""
        self.problems.append(self.document.problem(pointer, str(Message(message, values))))

    def place(self, findings: Iterable[Finding], prefix: str = "", *, rules_only: bool) -> None:
        """Record the model's ``findings`` (pointers relative to ``prefix``), each place a
        message refers to shown with its line; with ``rules_only``, only broken rules (not
        data of the wrong shape, which the schema reports)."""
        for finding in findings:
            if finding.rule or not rules_only:
                where = None if finding.see is None else self.where(prefix + finding.see)
                self(prefix + finding.pointer, finding.text(where))

    def where(self, pointer: str) -> str:
        """``pointer`` with its line when known, for messages that refer to another place."""
        line, _ = self.document.locate(pointer)
        if line is None:
            return pointer
        return gettext("{pointer}, line {line}").format(pointer=pointer, line=line)


def exact(value: object) -> Fraction | None:
    """``value`` as an exact number, or ``None`` when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return to_exact(value)
    except (ValueError, ZeroDivisionError):
        return None


def mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def items(value: object) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def text_id(value: object) -> str | None:
    """``value`` if it is a string (an id), else ``None``."""
    return value if isinstance(value, str) else None
