"""Labels in several languages, kept as data (Indonesian ``id`` and English ``en``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from pelayanan._i18n import N_
from pelayanan._model.problems import InvalidValueError, Message

__all__ = ["Text"]

DEFAULT_LANGUAGE = "id"


def _to_items(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    items = tuple(sorted((str(lang), str(text)) for lang, text in pairs))
    return items


def _check_items(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    assert isinstance(value, tuple)
    if not value:
        raise InvalidValueError(Message(N_("a label needs at least one language")))
    langs = [lang for lang, _ in value]
    if len(set(langs)) != len(langs):
        message = N_("a label has a language twice: {languages}")
        raise InvalidValueError(Message(message, {"languages": str(langs)}))


@attrs.frozen
class Text:
    """A short text in one or more languages, e.g. ``Text.of(id="Persyaratan", en="Requirements")``.

    ``get(lang)`` falls back to Indonesian, then to whatever language is present.
    """

    items: tuple[tuple[str, str], ...] = attrs.field(converter=_to_items, validator=_check_items)

    @classmethod
    def of(cls, text: str | None = None, /, **by_language: str) -> Text:
        """Build from keyword languages; a lone positional string is taken as Indonesian."""
        values = dict(by_language)
        if text is not None:
            values.setdefault(DEFAULT_LANGUAGE, text)
        return cls(values)

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in ``lang``, else Indonesian, else the first language present."""
        table = dict(self.items)
        if lang in table:
            return table[lang]
        if DEFAULT_LANGUAGE in table:
            return table[DEFAULT_LANGUAGE]
        return self.items[0][1]

    def as_dict(self) -> dict[str, str]:
        """The languages as a plain mapping."""
        return dict(self.items)

    def __str__(self) -> str:
        return self.get()


def to_text(value: Text | str | Mapping[str, str]) -> Text:
    """Converter: a plain string means Indonesian; a mapping gives each language."""
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text.of(value)
    return Text(value)
