"""What the columns and answers of a raw survey export mean: pure functions, no files.

Survey exports (Google Forms, Excel, a unit's own spreadsheet) head their columns with
``U1``, with the question's text, or with profile questions (``Jenis Kelamin``, ``Usia``,
...), and give answers as the questionnaire words them (``Sangat sesuai``), as letters
``a``-``d`` or as numbers. This module decides, for one header cell, what the column is
(:func:`classify_header`, :func:`element_for_header`, :func:`profile_attribute`) and, for
one answer cell, which level of the element's scale it is (:func:`answer_level`). Every
table reader and every batch engine reads survey tables through these functions, so a
column or an answer means the same everywhere.

Element names come from the rubric: an indicator's id, its titles and its ``aliases``
(``U1`` and the question's text for ``skm-2017``); the wording of answers comes from the
labels of the levels of its scale. An overlay or a plugin that changes them changes what
is read. Names are compared by ``fold_name`` (case and white
space ignored).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from pelayanan._i18n import gettext
from pelayanan._model.ids import ID_PATTERN
from pelayanan._model.limits import LimitError
from pelayanan._model.numbers import exact_to_str, to_exact
from pelayanan._model.problems import InvalidValueError
from pelayanan._model.rubric import Indicator, Rubric, fold_name
from pelayanan._model.scales import NumericScale, OrdinalScale

__all__ = [
    "PROFILE_ATTRIBUTES",
    "RESERVED_COLUMNS",
    "ColumnRole",
    "HeaderMap",
    "answer_level",
    "classify_header",
    "element_for_header",
    "element_names",
    "profile_attribute",
]

RESERVED_COLUMNS = ("unit", "respondent", "kind", "collected_at", "collector", "reference", "note")
"""Columns of the survey layout that are neither answers nor respondent attributes."""

PROFILE_ATTRIBUTES: Mapping[str, tuple[str, ...]] = {
    "jenis_kelamin": ("jenis kelamin", "kelamin", "jk", "l/p", "gender", "sex"),
    "usia": ("usia", "umur", "age", "usia responden", "umur responden"),
    "pendidikan": (
        "pendidikan",
        "pendidikan terakhir",
        "pendidikan terakhir responden",
        "education",
    ),
    "pekerjaan": ("pekerjaan", "pekerjaan utama", "pekerjaan responden", "occupation"),
    "jenis_layanan": (
        "jenis layanan",
        "layanan",
        "jenis pelayanan",
        "layanan yang diterima",
        "jenis layanan yang diterima",
        "pelayanan yang diterima",
        "service",
        "service used",
    ),
    "waktu_isi": (
        "timestamp",
        "cap waktu",
        "stempel waktu",
        "tanggal pengisian",
        "waktu pengisian",
        "tanggal survei",
        "submitted at",
    ),
}
"""Respondent attributes recognised by header (attribute -> header names, compared folded).

The respondent profile of the SKM questionnaire (gender, age, education, occupation, the
service received) and the timestamp online forms add. A column so headed is kept as a
respondent attribute, as text.
"""

_PROFILE_BY_NAME = {
    fold_name(name): attribute for attribute, names in PROFILE_ATTRIBUTES.items() for name in names
}
_ID_RE = re.compile(ID_PATTERN)
_PARENTHESES = re.compile(r"\([^()]*\)")
_NUMBERING = re.compile(
    r"^\s*(?:\[\s*([A-Za-z]{0,2}\s*\d{1,3})\s*\]|([A-Za-z]{0,2}\s*\d{1,3})\s*[.):\-\u2013\u2014]+)"
    r"\s*(.+)$"
)
_LETTER = re.compile(r"^([A-Za-z])\s*[.)]?$")
_PREFIXED = re.compile(r"^([A-Za-z]|\d+)\s*[.):\-\u2013]+\s*(.+)$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_WHOLE_OR_DECIMAL = re.compile(r"^[+-]?\d+[.,]\d+$")
_MIN_QUESTION = 16
"""An alias this long (folded) also matches a header that contains it (question texts)."""


class ColumnRole:
    """What a column of a survey table is (the ``role`` of a :class:`HeaderMap` entry)."""

    ELEMENT = "element"
    ATTRIBUTE = "attribute"
    RESERVED = "reserved"
    IGNORED = "ignored"
    UNKNOWN = "unknown"


def _clean(header: str) -> str:
    """A header without its trailing marks (``*``, ``?``, ``:``) and parenthesised notes."""
    text = _PARENTHESES.sub(" ", header)
    return text.strip().rstrip("*?:. ").strip()


def element_names(indicator: Indicator) -> list[str]:
    """Every name a column of ``indicator`` may carry: id, aliases and titles."""
    return [indicator.id, *indicator.aliases, *(text for _, text in indicator.title.items)]


def element_for_header(header: str, indicators: Iterable[Indicator]) -> str | None:
    """The id of the element (indicator) a survey column headed ``header`` answers, or ``None``.

    In order: the header is an element's id, alias or title (case and spaces ignored);
    it starts with a number or ``U``-number that is an alias (``U1. Persyaratan``) or is
    followed by an element's name (``1. Persyaratan``); it contains an alias at least
    16 characters long, such as the question's text (``3. Bagaimana pendapat ...?``). A
    header that contains the question texts of two elements matches neither.

    >>> from pelayanan._model.rubric import Indicator
    >>> items = [Indicator("persyaratan", "Persyaratan", aliases=["U1"])]
    >>> element_for_header("u 1", items), element_for_header("U1. Syarat", items)
    ('persyaratan', 'persyaratan')
    >>> element_for_header("Usia", items) is None
    True
    """
    table: dict[str, str] = {}
    long_names: list[tuple[str, str]] = []
    for indicator in indicators:
        for name in element_names(indicator):
            folded = fold_name(name)
            table.setdefault(folded, indicator.id)
            if len(folded) >= _MIN_QUESTION:
                long_names.append((folded, indicator.id))
    for candidate in (header, _clean(header)):
        found = table.get(fold_name(candidate))
        if found is not None:
            return found
    numbered = _NUMBERING.match(header)
    if numbered is not None:
        bracketed, plain, rest = numbered.groups()
        token = bracketed or plain
        found = table.get(fold_name(token)) or table.get(fold_name(_clean(rest)))
        if found is not None:
            return found
    folded_header = fold_name(header)
    inside = {element for name, element in long_names if name in folded_header}
    return inside.pop() if len(inside) == 1 else None


def profile_attribute(header: str, extra: Collection[str] = ()) -> str | None:
    """The respondent attribute a column headed ``header`` holds, or ``None``.

    The attributes of :data:`PROFILE_ATTRIBUTES` are recognised by name (``Umur (tahun)``
    is ``usia``); a header named in ``extra`` (folded) is kept under its own text.

    >>> profile_attribute("Umur (tahun)"), profile_attribute("Jenis Kelamin *")
    ('usia', 'jenis_kelamin')
    >>> profile_attribute("Kecamatan", extra={"kecamatan"})
    'Kecamatan'
    """
    folded = fold_name(_clean(header))
    found = _PROFILE_BY_NAME.get(folded) or _PROFILE_BY_NAME.get(fold_name(header))
    if found is not None:
        return found
    if folded in extra or fold_name(header) in extra:
        return header.strip()
    return None


@attrs.frozen
class HeaderMap:
    """The meaning of each column of a survey table's header row.

    Attributes:
        roles: per column (1-based position order), ``(role, name)``: the element id, the
            attribute name, the reserved column name, or the header text (ignored and
            unknown columns); ``None`` for a blank header cell.
        duplicates: ``(position, element)`` of each column answering an element that an
            earlier column already answers.
    """

    roles: tuple[tuple[str, str] | None, ...]
    duplicates: tuple[tuple[int, str], ...] = ()

    def positions(self, role: str) -> list[tuple[int, str]]:
        """``(position, name)`` of every column with ``role``."""
        return [
            (position, entry[1])
            for position, entry in enumerate(self.roles, start=1)
            if entry is not None and entry[0] == role
        ]

    @property
    def elements(self) -> list[tuple[int, str]]:
        """``(position, element id)`` of the answer columns."""
        return self.positions(ColumnRole.ELEMENT)

    @property
    def attributes(self) -> list[tuple[int, str]]:
        """``(position, attribute)`` of the respondent attribute columns."""
        return self.positions(ColumnRole.ATTRIBUTE)

    @property
    def unknown(self) -> list[tuple[int, str]]:
        """``(position, header)`` of the columns nothing recognised."""
        return self.positions(ColumnRole.UNKNOWN)

    @property
    def reserved(self) -> dict[str, int]:
        """Reserved column name -> position (the first, if repeated)."""
        found: dict[str, int] = {}
        for position, name in self.positions(ColumnRole.RESERVED):
            found.setdefault(name, position)
        return found


def classify_header(
    header: Sequence[str | None],
    rubric: Rubric | None,
    *,
    columns: Mapping[str, str] | None = None,
    ignore: Collection[str] = (),
    profile: Collection[str] = (),
) -> HeaderMap:
    """What each column of a survey header is.

    ``columns`` renames header cells first (exact text, then folded), as ``--columns``
    does; a header (or its new name) in ``ignore`` is ignored; ``profile`` names extra
    respondent attribute columns. Then a column is a reserved column
    (:data:`RESERVED_COLUMNS`), an element of ``rubric`` (:func:`element_for_header`), a
    respondent attribute (:func:`profile_attribute`), or unknown. Without a rubric, any
    header that is a valid id is taken as an element id.
    """
    renames = dict(columns or {})
    folded_renames = {fold_name(key): value.strip() for key, value in renames.items()}
    ignored = {fold_name(name) for name in ignore}
    extra = {fold_name(name) for name in profile}
    indicators = () if rubric is None else rubric.indicators()
    roles: list[tuple[str, str] | None] = []
    seen: set[str] = set()
    duplicates: list[tuple[int, str]] = []
    for position, raw in enumerate(header, start=1):
        if raw is None or not raw.strip():
            roles.append(None)
            continue
        text = raw.strip()
        name = renames.get(text, folded_renames.get(fold_name(text), text)).strip()
        role = _role(name, text, indicators, rubric is not None, ignored, extra)
        if role[0] == ColumnRole.ELEMENT:
            if role[1] in seen:
                duplicates.append((position, role[1]))
            seen.add(role[1])
        roles.append(role)
    return HeaderMap(tuple(roles), tuple(duplicates))


def _role(
    name: str,
    text: str,
    indicators: Sequence[Indicator],
    with_rubric: bool,
    ignored: Collection[str],
    extra: Collection[str],
) -> tuple[str, str]:
    if fold_name(name) in ignored or fold_name(text) in ignored:
        return (ColumnRole.IGNORED, text)
    if name.lower() in RESERVED_COLUMNS:
        return (ColumnRole.RESERVED, name.lower())
    if with_rubric:
        element = element_for_header(name, indicators)
        if element is not None:
            return (ColumnRole.ELEMENT, element)
    elif _ID_RE.match(name):
        return (ColumnRole.ELEMENT, name)
    attribute = profile_attribute(name, extra)
    if attribute is not None:
        return (ColumnRole.ATTRIBUTE, attribute)
    return (ColumnRole.UNKNOWN, text)


def _level_words(scale: OrdinalScale) -> dict[str, Fraction]:
    """Folded level label (every language) -> level value; ambiguous labels are left out."""
    words: dict[str, Fraction] = {}
    clashes: set[str] = set()
    for level in scale.levels:
        for _, label in level.label.items:
            folded = fold_name(label)
            if words.get(folded, level.value) != level.value:
                clashes.add(folded)
            words[folded] = level.value
    for folded in clashes:
        del words[folded]
    return words


def _letter_value(scale: OrdinalScale, letter: str) -> Fraction | None:
    index = ord(letter.lower()) - ord("a")
    return scale.levels[index].value if 0 <= index < len(scale.levels) else None


def answer_level(
    indicator: Indicator,
    cell: str | int | float | Decimal | Fraction | bool | dt.date | None,
    *,
    decimal_comma: bool = False,
) -> Fraction:
    """The value on ``indicator`` 's scale of one answer cell.

    An ordinal answer may be the level's number, its letter (``a`` is the lowest level,
    ``b`` the next, ...), its label in any language (``Sangat sesuai``; case and spaces
    ignored) or a letter or number followed by the label (``d. Sangat sesuai``), which
    must agree. With ``decimal_comma``, ``3,5`` reads as ``3.5`` (on a numeric scale).

    Raises:
        InvalidValueError: the cell is none of these; the message lists what the scale takes.
    """
    scale = indicator.scale
    if cell is None or isinstance(cell, bool | dt.date):
        return scale.parse(cell)
    if not isinstance(cell, str):
        return scale.parse(to_exact(cell))
    text = " ".join(cell.split())
    if decimal_comma and _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    if isinstance(scale, OrdinalScale):
        found = _ordinal_answer(scale, text)
        if found is not None:
            return found
    try:
        return scale.parse(text)
    except ValueError as error:  # the scale's refusal (or a limit's), with what it takes
        kind = LimitError if isinstance(error, LimitError) else InvalidValueError
        raise kind(f"{error}{_hint(indicator, text, decimal_comma)}") from None


def _ordinal_answer(scale: OrdinalScale, text: str) -> Fraction | None:
    words = _level_words(scale)
    found = words.get(fold_name(text))
    if found is not None:
        return found
    letter = _LETTER.match(text)
    if letter is not None and len(scale.levels) <= 26:
        return _letter_value(scale, letter.group(1))
    prefixed = _PREFIXED.match(text)
    if prefixed is None:
        return None
    mark, rest = prefixed.groups()
    by_words = words.get(fold_name(rest))
    if by_words is None:
        return None
    by_mark = _letter_value(scale, mark) if mark.isalpha() else None
    if mark.isdigit():
        by_mark = Fraction(int(mark))
    if by_mark != by_words:
        raise InvalidValueError(
            gettext("'{mark}' and '{rest}' are different levels").format(mark=mark, rest=rest)
        )
    return by_words


def _hint(indicator: Indicator, text: str, decimal_comma: bool) -> str:
    scale = indicator.scale
    if isinstance(scale, OrdinalScale):
        whole = all(level.value.denominator == 1 for level in scale.levels)
        words = [level.label.get() for level in scale.levels]
        numbers = [exact_to_str(level.value) for level in scale.levels]
        parts = []
        if len(scale.levels) <= 26:
            last = chr(ord("a") + len(scale.levels) - 1)
            parts.append(gettext("a letter a-{last}").format(last=last))
        if words != numbers:
            parts.append(
                gettext("the wording {words}").format(words=", ".join(f"'{w}'" for w in words))
            )
        hint = (
            " " + gettext("(or {choices})").format(choices=gettext(" or ").join(parts))
            if parts
            else ""
        )
        if whole and _WHOLE_OR_DECIMAL.match(text):
            hint += "; " + gettext("answers are whole levels, without decimals")
        return hint
    if isinstance(scale, NumericScale) and _DECIMAL_COMMA.match(text) and not decimal_comma:
        return " " + gettext("(write decimals with a dot: 3.5, or read the file with --decimal ,)")
    return ""
