"""Every command's help in Indonesian and English, the catalogs in step with the source, and
each command's exit codes: documented in its help, and returned.

A new help text or message without an Indonesian translation fails here: run
``make catalogs`` and translate the new entries of
``src/pelayanan/_i18n/locale/id/LC_MESSAGES/pelayanan.po``.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from pelayanan._cli import main
from pelayanan._cli.app import COMMANDS as COMMANDS_TABLE
from pelayanan._cli.app import _command, build_parser
from pelayanan._cli.common import Console
from pelayanan._cli.parser import subparsers
from pelayanan._i18n import translation

from ._helpers import EXAMPLES, checklist

COMMANDS = ["", *(name for name, _ in subparsers(build_parser()))]
"""Every command and sub-command ("" is ``pelayanan`` itself)."""


def _flat(text: str) -> str:
    """Text without white space: help wraps lines anywhere, also after a hyphen."""
    return "".join(text.split())


def _help(command: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["--lang", lang, *command.split(), "--help"], Console(io.StringIO(), io.StringIO()))
    assert code == 0
    return _flat(capsys.readouterr().out)


def _texts(command: str) -> list[str]:
    """The texts the help of ``command`` itself shows."""
    parser = build_parser()
    for name, child in subparsers(parser):
        if name == command:
            parser = child
    found = [text for text in (parser.description, parser.epilog) if text]
    for group in parser._action_groups:
        if group.title and group._group_actions:
            found.append(group.title)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            found += [pseudo.help for pseudo in action._choices_actions if pseudo.help]
    return found


def _strings(value: object) -> list[str]:
    return list(value) if isinstance(value, tuple) else [str(value or "")]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_indonesian_and_english(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    indonesian = _help(command, "id", capsys)
    english = _help(command, "en", capsys)
    assert indonesian.startswith("penggunaan:pelayanan")
    assert english.startswith("usage:pelayanan")
    assert "Kodekeluar:" in indonesian  # every command documents its exit codes
    assert "Exitcodes:" in english
    catalog = translation("id")
    for text in _texts(command):
        translated = catalog.gettext(text)
        assert translated, text
        # the English text is shown in English, and not left untranslated in Indonesian
        # (short words such as "plugin" may be the same in both languages)
        shown = _flat(text.split("%(")[0])[:60]
        assert shown in english, (command, text)
        if translated != text and len(text.split()) >= 3:
            assert shown not in indonesian, (command, "untranslated", text)
            assert _flat(translated.split("%(")[0])[:40] in indonesian, (command, translated)


def test_required_options_and_defaults_are_shown(capsys: pytest.CaptureFixture[str]) -> None:
    score = _help("score", "en", capsys)
    assert _flat("or a rubric file (required)") in score
    assert _flat("(default: table)") in score
    assert _flat("(0: all; default 1000)") in score
    assert _flat("(default: 1000)") not in score  # said once, by the help itself
    assert "(wajib)" in _help("score", "id", capsys)
    assert _flat("--scheme ID[@VERSION]|FILE") in score


# --- exit codes, returned -------------------------------------------------------------------

BAD = "no-such-file.json"


def _code(*argv: str | Path) -> int:
    return main([str(a) for a in argv], Console(io.StringIO(), io.StringIO()))


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("", "rubrics")])
def test_an_unknown_option_is_a_usage_error(command: str) -> None:
    assert _code(*command.split(), "--no-such-option") == 2


def test_exit_codes_per_command(tmp_path: Path) -> None:
    evidence = checklist(tmp_path / "e.csv", {"ktp": 10})
    rubric = ("--rubric", "standar-pelayanan-2009", "--evidence", evidence)
    result = tmp_path / "r.json"
    assert _code("score", *rubric, "--format", "json", "-o", result) == 0
    cases: list[tuple[tuple[str | Path, ...], int]] = [
        (("rubrics", "list"), 0),
        (("rubrics", "show", "skm-2017"), 0),
        (("rubrics", "show", "skm-1999"), 1),
        (("rubrics", "validate", result), 0),
        (("rubrics", "validate", BAD), 1),
        (("rubrics", "schema", "rubric", "-o", tmp_path / "s.json"), 0),
        (("rubrics", "schema", "nope"), 1),
        (("plugins",), 0),
        (("classify", "--scheme", "ombudsman-2022", "83,19"), 0),
        (("classify", "--scheme", "ombudsman-2022", "101"), 1),
        (("classify", "83"), 2),  # --scheme or --year is required
        (("score", *rubric), 0),
        (("score", "--rubric", "nope", "--evidence", evidence), 1),
        (("score", "--evidence", evidence), 2),
        (("explain", *rubric), 0),
        (("explain", "--rubric", "standar-pelayanan-2009", "--evidence", BAD), 1),
        (("explain", result), 2),  # explain scores now: --rubric is required
        (("report", result, "-o", tmp_path / "r.html"), 0),
        (("report", BAD, "-o", tmp_path / "x.html"), 1),
        (("badge", result, "-o", tmp_path / "b.svg"), 0),
        (("badge", BAD), 1),
        (("rank", result), 0),
        (("rank", BAD), 1),
        (("compare", result, result), 0),
        (("compare", result, BAD), 1),
        (("compare", result), 2),
        (("history", EXAMPLES / "no-such-history.csv"), 1),
    ]
    for argv, expected in cases:
        assert _code(*argv) == expected, argv


@pytest.mark.parametrize("command", sorted(COMMANDS_TABLE))
def test_one_command_parser_is_the_full_ones(command: str) -> None:
    """A run builds only its own command's parser (the others' modules are not imported):
    that parser, its sub-commands and their help are the same as in the full parser."""
    full = dict(subparsers(build_parser()))
    alone = dict(subparsers(build_parser(command)))
    assert sorted(alone) == sorted(name for name in full if name.split()[0] == command)
    for name, parser in alone.items():
        assert parser.format_help() == full[name].format_help(), name


@pytest.mark.parametrize(
    ("argv", "found"),
    [
        (["classify", "80"], "classify"),
        (["--lang", "en", "--limit", "max_rows=9", "--debug", "score", "x"], "score"),
        (["--limit=max_rows=9", "rubrics", "list"], "rubrics"),
        (["--help"], None),
        (["-h", "classify"], None),
        (["klasify", "80"], None),  # misspelt: every command, for the suggestion
        ([], None),
    ],
)
def test_command_is_found_before_parsing(argv: list[str], found: str | None) -> None:
    assert _command(argv) == found


def test_misspelt_command_is_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "clasify", "80"], Console(io.StringIO(), io.StringIO()))
    assert code == 2
    assert "classify" in capsys.readouterr().err
