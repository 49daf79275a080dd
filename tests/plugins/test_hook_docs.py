"""docs/hooks.md documents every hook from its specification's docstring (issue 10).

Each hook has one section, whose signature and description Sphinx's autodoc takes from
:mod:`pelayanan.plugins.hookspecs` (the docs build runs with ``-W``), followed by an example
that tests/test_docs_examples.py runs. A hook added to the specifications without its
section, or a section left behind by a removed hook, fails here.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from pelayanan.plugins import hookspecs
from pelayanan.plugins._hookspecs import HOOK_NAMES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "hooks.md"


def _sections() -> dict[str, str]:
    """Each ``## `hook(...)` `` section of the page by hook name, with its text."""
    text = PAGE.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    found = {}
    for part in parts:
        match = re.match(r"`(pelayanan_\w+)\(", part)
        if match:
            found[match.group(1)] = part
    return found


def test_the_public_namespace_holds_every_hook_specification() -> None:
    assert sorted(hookspecs.__all__) == sorted(HOOK_NAMES)
    for name in HOOK_NAMES:
        assert getattr(getattr(hookspecs, name), "pelayanan_spec", None) is not None, name


def test_every_hook_has_one_section_generated_from_its_specification() -> None:
    sections = _sections()
    assert sorted(sections) == sorted(HOOK_NAMES)
    for name, text in sections.items():
        directives = re.findall(r"^\.\. autofunction:: (\S+)$", text, flags=re.MULTILINE)
        assert directives == [f"pelayanan.plugins.hookspecs.{name}"], name
        assert "```python" in text, f"{name}: no runnable example"
        # the hand-written signature and prose are gone: they come from the docstring now
        assert "**Signature:**" not in text, name
        assert "**When it is called:**" not in text, name


def test_every_specification_says_when_it_is_called_what_it_returns_and_how_answers_combine() -> (
    None
):
    for name in HOOK_NAMES:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert "**When it is called:**" in doc, name
        assert "**How results combine:**" in doc, name
        assert "**What it returns:**" in doc or "Returns:" in doc, name
