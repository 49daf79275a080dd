"""Fuzz the commands that read saved results (report, badge, rank) and ``classify`` scores:
every input ends in exit code 0 or 1 with a message, never a traceback."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pelayanan import Evidence, Indicator, Rubric, UnitTree, score
from pelayanan._cli import main
from pelayanan._cli.common import Console
from pelayanan._documents import dump
from pelayanan._model import Unit
from pelayanan.plugins import get_registry

from ._inputs import HOSTILE_NUMBERS, garbled, mutated, render
from ._law import LONG, SHORT, obey


def _seed() -> Any:
    rubric = Rubric(
        "r", "1", "R", [Indicator("a", "A"), Indicator("b", "B")], zone_scheme="ombudsman-2016"
    )
    tree = UnitTree(
        [
            Unit("kota", "Kota", "agency"),
            Unit("u1", "U1", parent="kota"),
            Unit("u2", "U2", parent="kota"),
        ]
    )
    evidence = [Evidence(u, i, v) for u in ("u1", "u2") for i, v in (("a", True), ("b", u == "u1"))]
    scheme = get_registry().get_zone_scheme("ombudsman-2016")
    return yaml.safe_load(dump(score(rubric, evidence, tree, zone_scheme=scheme)))


SEED = _seed()


def _run(*argv: str) -> int:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Console(out, err))
    assert code in (0, 1), f"exit code {code}: {err.getvalue()[-500:]}"
    assert "Traceback" not in err.getvalue()
    if code:
        assert err.getvalue().strip(), "a failure without a message"
    return code


def _check(text: str, command: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        path.write_text(text, encoding="utf-8")
        out = str(Path(folder) / "out")
        argv = {
            "report": ("report", str(path), "--output", out + ".html"),
            "badge": ("badge", str(path), "--output", out + ".svg"),
            "rank": ("rank", str(path)),
        }[command]
        size = len(text.encode("utf-8", "surrogatepass"))
        obey(f"result:{command}", size, lambda: _run(*argv), ())


RESULTS = st.one_of(
    st.tuples(mutated(SEED), st.sampled_from(["yaml", "json"])).map(lambda p: render(*p)),
    garbled(render(SEED, "json")),
)
COMMANDS = st.sampled_from(["report", "badge", "rank"])
SCORES = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.fractions().map(str),
    st.text(max_size=10),
)


def _classify(given_score: str) -> None:
    argv = ("classify", "--scheme", "ombudsman-2022", "--", given_score)
    size = len(given_score.encode("utf-8", "surrogatepass"))
    obey("score:classify", size, lambda: _run(*argv), ())


def test_the_seed_reads() -> None:
    for command in ("report", "badge", "rank"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "result.json"
            path.write_text(render(SEED, "json"), encoding="utf-8")
            out = str(Path(folder) / "out.x")
            extra = ("--output", out) if command != "rank" else ()
            assert _run(command, str(path), *extra) == 0


@given(text=RESULTS, command=COMMANDS)
@SHORT
def test_results_short(text: str, command: str) -> None:
    _check(text, command)


@given(given_score=SCORES)
@SHORT
def test_classify_short(given_score: str) -> None:
    _classify(given_score)


@pytest.mark.fuzz_long
@given(text=RESULTS, command=COMMANDS)
@LONG
def test_results_long(text: str, command: str) -> None:
    _check(text, command)


@pytest.mark.fuzz_long
@given(given_score=SCORES)
@LONG
def test_classify_long(given_score: str) -> None:
    _classify(given_score)
