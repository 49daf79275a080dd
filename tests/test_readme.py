"""The Python examples in the README and the quick start run and print what they say.

Each ``print(...)  # expected`` line in a ```python block states its output; the block is
run and its printed lines are compared with those comments.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
EXPECTED = re.compile(r"^\s*print\(.*\)\s+#\s*(.+)$")


def _blocks() -> list[object]:
    found = []
    for name in ("README.md", "docs/quickstart.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for number, block in enumerate(BLOCK.findall(text), start=1):
            found.append(pytest.param(block, id=f"{name}#{number}"))
    return found


@pytest.mark.parametrize("block", _blocks())
def test_the_example_prints_what_its_comments_say(block: str) -> None:
    expected = [m.group(1).strip() for line in block.splitlines() if (m := EXPECTED.match(line))]
    assert expected, "every example states the output it prints"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "<example>", "exec"), {})
    assert [line.strip() for line in out.getvalue().splitlines()] == expected
