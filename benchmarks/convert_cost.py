"""What do the field-driven converters cost, next to attrs' own conversion and the classes?

Three kinds of object go through :mod:`pelayanan._model.convert` both ways: the built-in
``ombudsman-2022`` rubric, ``--items`` evidence items (default 5,000; fictional units, with
a note and a date) and the assessment of those items. Writing is timed against
:func:`attrs.asdict` (every field, nothing renamed, left out or formatted); reading is timed
against building the same objects with their constructors from ready values (the floor: the
classes' own converters and validators, no plain data read). Each timing runs a call often
enough to last about 50 ms and is repeated (``--repeat``, default 5, interleaved); the script
prints the medians and the ratios, all measured in this run. Nothing is asserted.

Usage::

    python benchmarks/convert_cost.py [--items N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import attrs

from pelayanan import Assessment, Evidence, Provenance, Rubric, from_data, score, to_data
from pelayanan.plugins import get_registry


def _time(call: Callable[[], object], loops: int) -> float:
    started = time.perf_counter()
    for _ in range(loops):
        call()
    return (time.perf_counter() - started) / loops


def _loops(call: Callable[[], object]) -> int:
    return max(1, int(0.05 / max(_time(call, 1), 1e-6)))


def _rebuilt(rubric: Rubric) -> Callable[[], object]:
    """The rubric built again from its own (ready) fields, node by node."""

    def again(obj: object) -> object:
        if isinstance(obj, tuple):
            return tuple(again(item) for item in obj)
        if not attrs.has(type(obj)):
            return obj
        fields = attrs.fields(type(obj))
        return type(obj)(**{f.name: again(getattr(obj, f.name)) for f in fields if f.init})

    return lambda: again(rubric)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    rubric = get_registry().get_rubric("ombudsman-2022").resolve()
    indicators = rubric.indicators()
    evidence = [
        Evidence(
            f"layanan-{n % 20:02d}",
            indicators[n % len(indicators)].id,
            indicators[n % len(indicators)].scale.maximum if n % 3 else 0,
            provenance=Provenance(note=f"Catatan {n}", collected_at="2024-05-01"),
        )
        for n in range(args.items)
    ]
    assessment = score(rubric, evidence, missing="zero")
    rubric_data = to_data(rubric)
    evidence_data = [to_data(item) for item in evidence]
    assessment_data = to_data(assessment)
    ready = [(e.unit, e.indicator, e.value, e.not_applicable, e.provenance) for e in evidence]
    cases: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "rubric write": (lambda: to_data(rubric), lambda: attrs.asdict(rubric)),
        "rubric read": (lambda: from_data(Rubric, rubric_data), _rebuilt(rubric)),
        "evidence write": (
            lambda: [to_data(item) for item in evidence],
            lambda: [attrs.asdict(item) for item in evidence],
        ),
        "evidence read": (
            lambda: [from_data(Evidence, item) for item in evidence_data],
            lambda: [Evidence(*fields) for fields in ready],
        ),
        "assessment write": (
            lambda: to_data(assessment),
            lambda: attrs.asdict(assessment),
        ),
        "assessment read": (
            lambda: from_data(Assessment, assessment_data),
            _rebuilt(assessment),  # type: ignore[arg-type]
        ),
    }
    print(f"{'case':<18}{'baseline':<22}{'pelayanan':>11}{'baseline':>11}{'ratio':>8}")
    for name, (ours, base) in cases.items():
        calls = {"ours": ours, "base": base}
        loops = {key: _loops(call) for key, call in calls.items()}
        measured: dict[str, list[float]] = {key: [] for key in calls}
        for _ in range(args.repeat):  # interleaved, so drift in machine load hits both alike
            for key, call in calls.items():
                measured[key].append(_time(call, loops[key]))
        mine, theirs = (statistics.median(measured[key]) for key in ("ours", "base"))
        label = "attrs.asdict" if "write" in name else "constructors"
        print(
            f"{name:<18}{label:<22}{mine * 1000:>9.1f}ms{theirs * 1000:>9.1f}ms"
            f"{mine / theirs:>7.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
