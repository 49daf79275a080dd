"""The examples in the package's docstrings run (doctest), in English like the docstrings.

Every module of ``pelayanan`` is searched, private ones included: a docstring example is
documentation whether or not its module is on a face, and one that no longer matches the
code misleads its reader. The docs pages' ``pycon`` blocks run in tests/test_docs_examples.py.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import pelayanan

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules() -> list[str]:
    """Every module of the package but ``__main__`` (which runs the command line)."""
    walked = pkgutil.walk_packages(pelayanan.__path__, "pelayanan.")
    return ["pelayanan", *(info.name for info in walked if not info.name.endswith("__main__"))]


def _examples() -> list[object]:
    found = []
    finder = doctest.DocTestFinder(exclude_empty=True)
    for name in _modules():
        module = importlib.import_module(name)
        for test in finder.find(module, name):
            if test.examples and test.name.startswith(module.__name__):
                found.append(pytest.param(test, id=test.name))
    return found


def test_docstrings_have_examples() -> None:
    # The search finds the examples there are (at least those of the number readers and
    # the schemas); an empty search would make the test below pass by running nothing.
    assert len(_examples()) >= 10


@pytest.mark.parametrize("test", _examples())
@pytest.mark.usefixtures("english")
def test_docstring_example(test: doctest.DocTest) -> None:
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=out.write, clear_globs=True)
    assert runner.failures == 0, out.getvalue()
