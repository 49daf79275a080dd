"""The argument parser of every command, in the user's language.

Help texts, descriptions, epilogs and group titles are written in English in the command
modules and translated when help is shown (:class:`Formatter`), so a parser is built once
whatever the language; :func:`parser_messages` lists them for the catalogs. argparse's own
words ("usage:", "options", its error messages) are translated while :func:`speaking` is in
force. :class:`Parser` adds "did you mean" to an invalid choice and to an unknown option, and
shows every option's default.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pelayanan._i18n import N_, did_you_mean, gettext, ngettext, suggestions

__all__ = ["Formatter", "Parser", "parser_messages", "speaking", "subparsers"]

# argparse's own messages (Python 3.11-3.13), for the catalogs; translated by speaking()
_ARGPARSE = (
    N_("usage: "),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _plurals() -> None:  # pragma: no cover - never called: marks argparse's plural forms
    ngettext("expected %s argument", "expected %s arguments", 2)


@contextmanager
def speaking() -> Iterator[None]:
    """Translate argparse's own words into the language in force, inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _shown(value: object) -> bool:
    return value is not None and value is not argparse.SUPPRESS and value not in (False, [], ())


class Formatter(argparse.HelpFormatter):
    """Help in the language in force: every text translated, the default of every option
    and whether it is required shown after its help."""

    def __init__(self, prog: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_help_position", 32)
        super().__init__(prog, **kwargs)

    def start_section(self, heading: str | None) -> None:
        super().start_section(gettext(heading) if heading else heading)

    def add_text(self, text: str | None) -> None:
        super().add_text(gettext(text) if text and text is not argparse.SUPPRESS else text)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = gettext(action.help) if action.help else action.help
        if text is None or text is argparse.SUPPRESS:
            return text
        if action.option_strings:
            if action.required:
                text += gettext(" (required)")
            elif "default" not in (action.help or "") and _shown(action.default):
                text += gettext(" (default: %(default)s)")
        return text


class Parser(argparse.ArgumentParser):
    """argparse with help in the user's language and suggestions for misspellings."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        message = gettext("invalid choice: '{value}'").format(value=value)
        hint = did_you_mean(str(value), names)
        raise argparse.ArgumentError(action, f"{message}; {hint}" if hint else message)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        namespace, extras = super().parse_known_args(args, namespace)
        unknown = [extra for extra in extras if extra.startswith("-") and len(extra) > 1]
        if unknown and self._subparsers is None:
            # the innermost parser knows its options: name the closest ones here
            hints = []
            options = [s for a in self._actions for s in a.option_strings]
            for given in unknown:
                found = suggestions(given.split("=")[0], options, limit=2)
                if found:
                    hints.append(
                        gettext("{option}: did you mean {choices}?").format(
                            option=given, choices=", ".join(found)
                        )
                    )
            if hints:
                self.error(
                    gettext("unrecognized arguments: %s") % " ".join(extras)
                    + "\n"
                    + "\n".join(hints)
                )
        assert namespace is not None
        return namespace, extras

    def format_help(self) -> str:
        saved = self.description, self.epilog
        self.description = gettext(self.description) if self.description else self.description
        self.epilog = gettext(self.epilog) if self.epilog else self.epilog
        try:
            return super().format_help()
        finally:
            self.description, self.epilog = saved


def subparsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every sub-command parser under ``parser``, depth first, with its full name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield name, child
                for sub_name, grandchild in subparsers(child):
                    yield f"{name} {sub_name}", grandchild


def parser_messages(parser: argparse.ArgumentParser) -> list[str]:
    """Every text of ``parser`` and its sub-commands that help shows (for the catalogs)."""
    found: list[str] = []

    def visit(each: argparse.ArgumentParser) -> None:
        found.extend(text for text in (each.description, each.epilog) if text)
        for group in each._action_groups:
            if group.title:
                found.append(group.title)
        for action in each._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                found.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for pseudo in action._choices_actions:
                    if pseudo.help:
                        found.append(pseudo.help)

    visit(parser)
    for _name, child in subparsers(parser):
        visit(child)
    return list(dict.fromkeys(found))
