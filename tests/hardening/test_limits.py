"""The one settings object for every bound: defaults, changes, the environment, the CLI."""

from __future__ import annotations

import threading

import pytest

import pelayanan
from pelayanan import Limits, use_limits
from pelayanan._documents import load_text
from pelayanan._documents.errors import DocumentError
from pelayanan._model import current_limits

from ._cli import cli


def test_one_object_exported_everywhere() -> None:
    assert pelayanan.Limits is pelayanan._model.Limits is pelayanan._documents.Limits


@pytest.mark.usefixtures("english")
def test_defaults_and_checks() -> None:
    limits = Limits()
    assert limits.max_tree_depth == 12
    assert limits.max_depth >= limits.result_nesting() == 4 * 12 + 4
    with pytest.raises(ValueError, match="max_rows must be at least 1, got 0"):
        Limits(max_rows=0)
    with pytest.raises(TypeError, match="whole number"):
        Limits(max_digits=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="whole number"):
        Limits(max_digits=True)


@pytest.mark.usefixtures("english")
def test_settings_text() -> None:
    changed = Limits().with_settings(["max_rows=10", " max_digits = 20 "])
    assert (changed.max_rows, changed.max_digits) == (10, 20)
    assert changed.max_depth == Limits().max_depth
    with pytest.raises(ValueError, match="expected name=value with a name among"):
        Limits().with_settings(["rows=10"])
    with pytest.raises(ValueError, match="expected a whole number"):
        Limits().with_settings(["max_rows=1e9"])
    with pytest.raises(ValueError, match="expected a whole number"):
        Limits().with_settings(["max_rows=\uff11"])  # a full-width digit one


@pytest.mark.usefixtures("english")
def test_environment() -> None:
    assert Limits.from_env({}) == Limits()
    limits = Limits.from_env({"PELAYANAN_LIMITS": "max_rows=10, max_depth=80"})
    assert (limits.max_rows, limits.max_depth) == (10, 80)
    with pytest.raises(ValueError, match="PELAYANAN_LIMITS: limit 'x'"):
        Limits.from_env({"PELAYANAN_LIMITS": "x"})


@pytest.mark.usefixtures("english")
def test_use_limits_is_scoped_and_per_thread() -> None:
    small = Limits(max_depth=2)
    seen: list[int] = []
    with use_limits(small):
        assert current_limits() is small
        thread = threading.Thread(target=lambda: seen.append(current_limits().max_depth))
        thread.start()
        thread.join()
        with pytest.raises(DocumentError, match="nested more than 2"):
            load_text("[[[1]]]")
    assert seen == [64]  # a new thread starts with the defaults
    assert current_limits() == Limits()
    assert load_text("[[[1]]]").data == [[[1]]]


def test_loader_argument_wins_over_current() -> None:
    with use_limits(Limits(max_depth=2)):
        assert load_text("[[[1]]]", limits=Limits(max_depth=3)).data == [[[1]]]


@pytest.mark.usefixtures("english")
def test_cli_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = cli("--limit", "max_rows=0", "rubrics", "list")
    assert bad.code == 2
    assert "max_rows must be at least 1, got 0" in bad.err
    unknown = cli("--limit", "rows=5", "rubrics", "list")
    assert unknown.code == 2
    assert "max_tree_depth" in unknown.err  # the known names are listed
    monkeypatch.setenv("PELAYANAN_LIMITS", "max_depth=abc")
    assert cli("rubrics", "list").code == 2
    monkeypatch.setenv("PELAYANAN_LIMITS", "max_depth=80")
    assert cli("--limit", "max_rows=10", "rubrics", "list").code == 0
