"""The languages of the command line and the reports: Indonesian (``id``) and English (``en``).

Messages, help and report words go through gettext catalogs (``locale/<lang>/LC_MESSAGES/
pelayanan.po``, extracted and compiled with Babel; see :mod:`pelayanan._i18n.catalogs`).
The message ids are English; the Indonesian catalog translates every one of them.

The language in force is held in a context variable (:func:`use_language`), so library
callers and the command line can each set it without passing it through every function.
Numbers and dates are written as the language writes them (:func:`format_decimal`,
:func:`format_integer`, :func:`format_date`: ``83,19`` and ``1.234`` in Indonesian,
``83.19`` and ``1,234`` in English), through Babel's locale data, imported on first use.
Machine formats (JSON, CSV) never go through these functions.

Numbers are formatted by Babel's own pattern code, but the symbols it needs (decimal and
group separators, signs) are kept in the user's cache (:mod:`pelayanan._cache`) after the
first run, keyed by Babel's version: reading them is much cheaper than Babel's locale data,
which a command that prints one number (``pelayanan classify``) would otherwise load whole
(see :func:`number_locale`).
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import difflib
import functools
import gettext as _gettext
import hashlib
import io
import json
import struct
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelayanan import _cache

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DEFAULT_LANGUAGE",
    "ENV_VARIABLE",
    "LANGUAGES",
    "N_",
    "choose_language",
    "current_language",
    "decimal_text",
    "did_you_mean",
    "figure_text",
    "format_date",
    "format_decimal",
    "format_integer",
    "gettext",
    "language_from_locale",
    "ngettext",
    "number_locale",
    "suggestions",
    "translation",
    "use_language",
]

LANGUAGES = ("id", "en")
"""The languages pelayanan speaks."""
DEFAULT_LANGUAGE = "id"
"""The language when nothing else chooses one (the users are mostly Indonesian analysts)."""
ENV_VARIABLE = "PELAYANAN_LANG"
"""The environment variable that chooses the language when ``--lang`` is not given."""
DOMAIN = "pelayanan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "pelayanan_language", default=None
)
_PROCESS = [DEFAULT_LANGUAGE]
"""The language of threads that have not chosen one (a thread started by a batch engine
does not inherit its parent's context): the last one chosen, Indonesian at first."""


def _normal(value: str | None) -> str | None:
    """``id``/``en`` from a language tag (``id_ID.UTF-8``, ``en-GB``, ``in``), else None."""
    if not value:
        return None
    tag = value.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    base = tag.split("_")[0]
    if base == "in":  # the old ISO code of Indonesian, still used by some systems
        base = "id"
    return base if base in LANGUAGES else None


def language_from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the POSIX locale asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, in gettext's order), or None for ``C``/``POSIX`` or a language not spoken."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE is a priority list
            found = _normal(part)
            if found is not None:
                return found
        if name != "LANGUAGE":
            return None  # the first set category decides, even when it is C
    return None


def choose_language(
    given: str | None, environ: Mapping[str, str], default: str | None = None
) -> str:
    """``--lang`` if given, then ``PELAYANAN_LANG``, then the locale, then ``default`` (a
    rubric's language), then Indonesian.

    Raises:
        ValueError: ``PELAYANAN_LANG`` names a language pelayanan does not speak.
    """
    if given:
        found = _normal(given)
        if found is None:
            raise ValueError(given)
        return found
    variable = environ.get(ENV_VARIABLE)
    if variable:
        found = _normal(variable)
        if found is None:
            raise ValueError(variable)
        return found
    return language_from_locale(environ) or _normal(default) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language in force (see :func:`use_language`); in a thread that chose none, the
    language chosen last."""
    return _CURRENT.get() or _PROCESS[0]


@contextmanager
def use_language(lang: str) -> Iterator[str]:
    """Speak ``lang`` inside the ``with`` block (and in the threads it starts, such as a
    batch engine's workers, which do not inherit the context)."""
    found = _normal(lang) or DEFAULT_LANGUAGE
    token = _CURRENT.set(found)
    before = _PROCESS[0]
    _PROCESS[0] = found
    try:
        yield found
    finally:
        _PROCESS[0] = before
        _CURRENT.reset(token)


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on in this context (the command line does it once it knows);
    threads that chose no language follow it too."""
    found = _normal(lang) or DEFAULT_LANGUAGE
    _CURRENT.set(found)
    _PROCESS[0] = found


@functools.cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog of ``lang``: the compiled ``.mo`` shipped in the wheel, else the
    ``.po`` compiled (a source checkout), else no translation.

    A source checkout keeps the ``.po`` compiled under ``__pycache__`` beside it, named by the
    ``.po``'s content hash (as Python keeps bytecode), so only the first run after an edit
    pays for Babel's parser; a folder that cannot be written just compiles in memory, and a
    kept copy that cannot be read as a catalog (cut short, or something else) is compiled
    anew.
    """
    base = LOCALE_DIR / lang / "LC_MESSAGES"
    compiled = base / f"{DOMAIN}.mo"
    if compiled.is_file():
        with compiled.open("rb") as stream:
            return _gettext.GNUTranslations(stream)
    source = base / f"{DOMAIN}.po"
    if not source.is_file():
        return _gettext.NullTranslations()
    text = source.read_bytes()
    cached = base / "__pycache__" / f"{DOMAIN}.{hashlib.sha256(text).hexdigest()[:16]}.mo"
    try:
        return _gettext.GNUTranslations(io.BytesIO(cached.read_bytes()))
    except (OSError, ValueError, LookupError, struct.error):  # none, or damaged: made anew
        pass
    data = _compile(text, lang)
    _cache.keep(cached, data, f"{DOMAIN}.*.mo")
    return _gettext.GNUTranslations(io.BytesIO(data))


def _compile(po: bytes, lang: str) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalog, compiled by Babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def gettext(message: str) -> str:
    """``message`` in the language in force."""
    return translation(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count`` in the language in force."""
    return translation(current_language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in force, told apart by ``context``."""
    return translation(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


def _locale(lang: str | None) -> str:
    return _normal(lang) or current_language()


def _quantize(value: Decimal | int, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


NUMBERING_SYSTEM = "latn"
"""The digits pelayanan writes (0-9) in every language, as Babel names them."""


@functools.cache
def number_locale(lang: str) -> Locale:
    """The Babel locale of ``lang`` for formatting numbers, with its number symbols read from
    a small cache instead of Babel's locale data.

    The symbols are Babel's own (``Locale.parse(lang).number_symbols``, loaded in full the
    first time and whenever the kept copy is missing or not this one's), kept in the user's
    cache (:mod:`pelayanan._cache`, under pelayanan's version) keyed by Babel's and
    pelayanan's versions, so another Babel computes them anew. Babel's pattern code then
    formats exactly as it would with the full locale: it asks the locale for nothing but
    these symbols.
    """
    from babel import Locale
    from babel import __version__ as babel_version

    from pelayanan._version import __version__

    key = {
        "kept": "Babel number symbols",
        "babel": babel_version,
        "pelayanan": __version__,
        "lang": lang,
        "numbering": NUMBERING_SYSTEM,
    }
    folder = _cache.cache_dir()
    # under pelayanan's version, as the documents are: another installed version (whose key
    # differs) keeps its own copy instead of replacing this one on every other run
    name = f"numbers.{lang}.{babel_version}.json"
    place = None if folder is None else folder / "babel" / __version__ / name
    symbols = _kept_symbols(place, key)
    if symbols is None:
        loaded = Locale.parse(lang).number_symbols[NUMBERING_SYSTEM]
        symbols = {name: loaded[name] for name in loaded if isinstance(loaded[name], str)}
        if place is not None:
            data = json.dumps(symbols, ensure_ascii=False, sort_keys=True).encode("utf-8")
            _cache.write(place, key, data, f"numbers.{lang}.*.json", place.parents[2])
    locale: Locale = _number_locale_class()(lang, symbols)
    return locale


def _kept_symbols(place: Path | None, key: Mapping[str, str]) -> dict[str, str] | None:
    """The number symbols kept at ``place`` under ``key``, if there are any."""
    kept = None if place is None else _cache.read(place, key)
    if kept is None:
        return None
    try:
        symbols = json.loads(kept)
    except ValueError:  # pragma: no cover - the digest matched what was written
        return None
    if isinstance(symbols, dict) and all(isinstance(v, str) for v in symbols.values()):
        return symbols
    return None  # pragma: no cover - written by the code above, which keeps text only


@functools.cache
def _number_locale_class() -> Any:
    """The locale class of :func:`number_locale`, defined on first use (Babel is imported
    only by what formats a number)."""
    from babel import Locale

    class NumberLocale(Locale):
        """A Babel locale whose number symbols are given (see :func:`number_locale`)."""

        def __init__(self, lang: str, symbols: dict[str, str]) -> None:
            super().__init__(lang)
            self._symbols = {NUMBERING_SYSTEM: symbols}

        @property
        def number_symbols(self) -> Any:
            """The given symbols, under :data:`NUMBERING_SYSTEM`."""
            return self._symbols

    return NumberLocale


def format_decimal(value: Decimal | int, places: int = 2, lang: str | None = None) -> str:
    """``value`` rounded half-up to ``places`` decimals and written as ``lang`` writes it:
    ``83,19`` (id) or ``83.19`` (en), with digit grouping (``1.234,50`` / ``1,234.50``).
    An exact fraction is rounded first by the model's ``Rounding`` (the one rounding rule),
    so it is not taken here."""
    from babel.numbers import format_decimal as _format

    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return _format(
        _quantize(value, places),
        format=pattern,
        locale=number_locale(_locale(lang)),
        decimal_quantization=True,
        numbering_system=NUMBERING_SYSTEM,
    )


def format_integer(value: int, lang: str | None = None) -> str:
    """A count with digit grouping: ``1.234`` (id) or ``1,234`` (en)."""
    return format_decimal(value, 0, lang)


def figure_text(value: Decimal | str, lang: str | None = None) -> str:
    """A decimal as printed (``"82.50"``, a :class:`~decimal.Decimal`) written as ``lang``
    writes it with the same decimals (``82,50`` in Indonesian; a written ``+`` is kept);
    text that is no plain decimal (a fraction ``1/9``) is returned as given."""
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int):
        return str(value)
    sign = "+" if isinstance(value, str) and value.strip().startswith("+") else ""
    return sign + format_decimal(number, max(0, -exponent), lang)


def format_date(value: _dt.date, lang: str | None = None) -> str:
    """A date in words: ``30 November 2026`` (id) or ``November 30, 2026`` (en)."""
    from babel.dates import format_date as _format

    return str(_format(value, format="long", locale=_locale(lang)))


def decimal_text(given: str) -> str:
    """A number typed on the command line with a decimal point or a decimal comma, as the
    dot-decimal text the model reads (``83,19`` -> ``83.19``). Other text is returned as
    given, for the model to reject with its own message.

    One comma and no dot is a decimal comma; digit grouping is not accepted (a score or a
    weight never needs it, and ``1,234`` would be ambiguous).
    """
    text = given.strip()
    if text.count(",") == 1 and "." not in text:
        candidate = text.replace(",", ".")
        try:
            Decimal(candidate)
        except InvalidOperation:
            return given
        return candidate
    return given


def suggestions(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices closest to ``word`` (a misspelt id or option), best first."""
    pool = sorted(set(choices))
    found = difflib.get_close_matches(word, pool, n=limit, cutoff=0.6)
    if not found:
        lowered = {choice.lower(): choice for choice in pool}
        found = [lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, limit)]
    return found


SHORT_LIST = 12
"""Lists of valid ids up to this long are shown whole in an "unknown id" message."""


def did_you_mean(word: str, choices: Iterable[str], extra: Iterable[str] = ()) -> str:
    """The sentence that follows "unknown X 'word'": the closest choices (``extra`` first:
    suggestions known by meaning, such as the scheme of a year), and every valid id when
    they are few. Empty when there is nothing to say."""
    pool = sorted(set(choices))
    known = list(dict.fromkeys(extra))  # suggestions by meaning beat those by spelling
    close = known or suggestions(word, pool)
    parts = []
    if close:
        quoted = ", ".join(f"'{c}'" for c in close)
        parts.append(gettext("did you mean {choices}?").format(choices=quoted))
    if pool and len(pool) <= SHORT_LIST:
        parts.append(gettext("valid: {choices}").format(choices=", ".join(pool)))
    return " ".join(parts)
