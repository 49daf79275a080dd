"""Resource limits: how large, long, deep or precise anything read by pelayanan may be.

One frozen :class:`Limits` object holds every bound. Input beyond a bound is refused with the
usual typed error (naming the file and place) instead of hanging, exhausting memory or
crashing later. The defaults are generous for real assessments; change them for one call by
passing ``limits=`` to a loader or reader, for a block of code with :func:`use_limits`, or from
the command line (``--limit max_rows=5000000``) and the environment
(``PELAYANAN_LIMITS="max_rows=5000000,max_digits=2000"``).

Code that needs a bound and was not handed a :class:`Limits` asks :func:`current_limits`.

>>> current_limits().max_tree_depth
12
>>> with use_limits(Limits(max_digits=50)):
...     current_limits().max_digits
50
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Mapping

import attrs

from pelayanan._i18n import format_integer, gettext
from pelayanan._model.problems import InvalidValueError, PelayananError

__all__ = [
    "ENV_VARIABLE",
    "MAX_TREE_DEPTH",
    "LimitError",
    "Limits",
    "current_limits",
    "long_cell",
    "use_limits",
]

ENV_VARIABLE = "PELAYANAN_LIMITS"
"""The environment variable read by :meth:`Limits.from_env` (``name=value`` pairs, commas)."""


class LimitError(PelayananError, ValueError):
    """An input beyond one of the :class:`Limits`; its message names the setting to raise."""


_NESTING_PER_LEVEL = 2
"""Nesting levels a written result spends per tree level (a ``children`` list and a mapping)."""
_NESTING_OVERHEAD = 4
"""Nesting levels of a result document besides its unit and rubric trees."""


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = gettext("Limits.{name} must be a whole number, got {value}").format(
            name=attribute.name, value=repr(value)
        )
        raise TypeError(msg)
    if value < 1:
        msg = gettext("Limits.{name} must be at least 1, got {value}").format(
            name=attribute.name, value=value
        )
        raise InvalidValueError(msg)


def _field(default: int) -> int:
    return attrs.field(default=default, validator=_positive)


MAX_TREE_DEPTH = 64
"""The highest :attr:`Limits.max_tree_depth` can be set: unit trees, rubrics and the
results and documents made of them are walked by plain recursion, which Python bounds at
about 1,000 frames; at this depth a result of the deepest unit tree and rubric is still
scored, written and read back."""


def _tree_depth(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _positive(instance, attribute, value)
    if value > MAX_TREE_DEPTH:
        msg = gettext(
            "Limits.{name} must be at most {most} (deeper trees could not be scored or "
            "written back), got {value}"
        ).format(name=attribute.name, most=MAX_TREE_DEPTH, value=value)
        raise InvalidValueError(msg)


@attrs.frozen
class Limits:
    """Every resource bound of pelayanan, with defaults generous for real assessments.

    Documents (rubrics, zone schemes, overlays, evidence and result files):

    Attributes:
        max_bytes: Largest accepted YAML or JSON document, in bytes of UTF-8.
        max_depth: Deepest nesting of mappings and lists in a document (``[[1]]`` is 2 deep).
            The default leaves room for a result of the deepest unit tree and rubric
            (``4 * max_tree_depth + 4`` levels); writing a result deeper than this bound is
            refused, so that whatever is written can be read back.
        max_nodes: Most values (scalars, mappings and lists together) in one document.
        max_problems: Reading a document stops once this many problems have been found.

    Numbers (every number read from any input, and every :class:`~pelayanan.Evidence` value):

    Attributes:
        max_digits: Most significant digits of a number (leading and trailing zeros do not
            count), and most digits of each side of a fraction such as ``1/9``.
        max_exponent: Largest magnitude as a power of ten: ``1e1000`` and ``1e-1000`` are
            accepted with the default, ``1e1001`` is not.

    Structures:

    Attributes:
        max_scale_levels: Most levels of an ordinal scale (``from: 0, to: 100`` has 101).
        max_tree_depth: Deepest unit tree and deepest nesting of rubric groups (a root is at
            depth 1); results inherit both bounds. At most 64 (they are walked by recursion).

    Tables (XLSX workbooks; units, targets, history and Ombudsman-list files). Evidence and
    survey answers streamed from CSV, TSV or Parquet are not bounded in rows (memory stays
    flat however many there are), only in cell length:

    Attributes:
        max_rows: Most rows of one table read whole or of one worksheet, the header included.
        max_cell_chars: Longest cell, in characters (Excel's own limit is 32,767); also each
            text cell of a Parquet file.
        max_xlsx_bytes: Largest uncompressed content of a workbook, in bytes; also of one row
            group of a Parquet file (a row group is read whole).

    Memory (not a bound on the input: work beyond it goes to disk):

    Attributes:
        max_respondents_in_memory: Most (unit, respondent id) pairs the repeated-respondent
            check of a survey table keeps in memory; beyond it they go to a temporary index
            on disk, so memory stays flat in the number of respondents.
    """

    max_bytes: int = _field(10 * 1024 * 1024)
    max_depth: int = _field(64)
    max_nodes: int = _field(1_000_000)
    max_problems: int = _field(100)
    max_digits: int = _field(1000)
    max_exponent: int = _field(1000)
    max_scale_levels: int = _field(10_000)
    max_tree_depth: int = attrs.field(default=12, validator=_tree_depth)
    max_rows: int = _field(1_048_576)
    max_cell_chars: int = _field(32_767)
    max_xlsx_bytes: int = _field(512 * 1024 * 1024)
    max_respondents_in_memory: int = _field(100_000)

    def result_nesting(self) -> int:
        """The deepest document nesting a result of the deepest trees needs."""
        return 2 * _NESTING_PER_LEVEL * self.max_tree_depth + _NESTING_OVERHEAD

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The names of the settings, in declaration order."""
        return tuple(field.name for field in attrs.fields(cls))

    def replace(self, **changes: int) -> Limits:
        """A copy with some settings changed (each checked like the constructor's)."""
        return attrs.evolve(self, **changes)

    def with_settings(self, settings: Iterable[str]) -> Limits:
        """A copy changed by ``name=value`` texts, as given on the command line.

        >>> Limits().with_settings(["max_rows=10", "max_digits = 20"]).max_rows
        10

        Raises:
            InvalidValueError: naming the text when it is not ``name=value`` with a known name and a
                whole number at least 1.
        """
        changes: dict[str, int] = {}
        known = self.names()
        for setting in settings:
            name, equals, value = setting.partition("=")
            name, value = name.strip(), value.strip()
            if not equals or name not in known:
                msg = gettext(
                    "limit '{setting}': expected name=value with a name among {known}"
                ).format(setting=setting, known=", ".join(known))
                raise InvalidValueError(msg)
            if not (value.isascii() and value.isdigit()) or len(value) > 18:
                msg = gettext(
                    "limit '{setting}': expected a whole number such as {name}=1000"
                ).format(setting=setting, name=name)
                raise InvalidValueError(msg)
            changes[name] = int(value)
        return self.replace(**changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], base: Limits | None = None) -> Limits:
        """``base`` (or the defaults) changed by the ``PELAYANAN_LIMITS`` variable of ``environ``.

        >>> Limits.from_env({"PELAYANAN_LIMITS": "max_rows=10,max_depth=80"}).max_depth
        80
        """
        start = base if base is not None else cls()
        text = environ.get(ENV_VARIABLE, "")
        settings = [part for part in text.replace(";", ",").split(",") if part.strip()]
        try:
            return start.with_settings(settings)
        except ValueError as error:
            raise InvalidValueError(f"{ENV_VARIABLE}: {error}") from None


def long_cell(length: int, limit: int) -> str:
    """What is said of a cell of ``length`` characters, more than ``limit``
    (``Limits.max_cell_chars``), in the language in force: every table reader refuses such
    a cell in these words."""
    return gettext(
        "a cell of {length} characters, more than the max_cell_chars limit of {limit}"
    ).format(length=format_integer(length), limit=format_integer(limit))


DEFAULT_LIMITS = Limits()
"""The defaults."""

_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "pelayanan_limits", default=DEFAULT_LIMITS
)


def current_limits() -> Limits:
    """The limits in force: the defaults unless changed by :func:`use_limits`."""
    return _CURRENT.get()


@contextlib.contextmanager
def use_limits(limits: Limits | None) -> Iterator[Limits]:
    """Put ``limits`` in force for the ``with`` block (``None`` keeps the current ones)."""
    if limits is None:
        yield current_limits()
        return
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)
