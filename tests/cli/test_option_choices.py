"""The command line offers the choices the library takes, from the library (issue 10): the
table layouts the readers read and the missing policies the model defines."""

from __future__ import annotations

import argparse

import pytest

from pelayanan._cli.app import build_parser
from pelayanan._model.policies import MissingPolicy
from pelayanan._readers import ProblemLog
from pelayanan._readers.stream import ReadOptions
from pelayanan._readers.table import LAYOUTS, TableContext, open_table


def _choices(command: str, option: str) -> list[str]:
    parser = build_parser(command)
    (sub,) = (
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    (found,) = (
        action for action in sub.choices[command]._actions if option in action.option_strings
    )
    assert found.choices is not None
    return list(found.choices)


@pytest.mark.parametrize("command", ["score", "report"])
def test_the_command_lines_choices_are_the_librarys(command: str) -> None:
    assert _choices(command, "--layout") == ["auto", "long", "survey"] == list(LAYOUTS)
    assert _choices(command, "--missing") == [policy.value for policy in MissingPolicy]


@pytest.mark.usefixtures("english")
def test_every_layout_is_read_and_no_other() -> None:
    header = [(1, ["unit", "indicator", "value"]), (2, ["u", "a", "ya"])]
    for layout in LAYOUTS:
        assert ReadOptions(layout=layout).layout == layout
        context = TableContext("t.csv", ProblemLog())
        assert open_table(context, iter(header), layout) is not None
    with pytest.raises(ValueError, match="layout"):
        ReadOptions(layout="wide")
    with pytest.raises(ValueError, match="layout: expected 'auto', 'long' or 'survey'"):
        open_table(TableContext("t.csv", ProblemLog()), iter(header), "wide")
