"""How much does reading a document with positions cost, next to the plain libraries?

Two documents are read in both formats: the built-in ``ombudsman-2022`` rubric (as shipped,
and re-written as JSON) and a fictional evidence file of ``--items`` entries (default
5,000), each a mapping with a unit, an indicator, a decimal value and a note.  For each, the
script times :func:`pelayanan._documents.load_text` (exact numbers, positions, every check)
against the libraries that read the same text without positions or checks:
:func:`json.loads` for JSON, and :func:`yaml.safe_load` (pure Python) and PyYAML's libyaml
``CSafeLoader`` (when installed) for YAML.  Each timing runs a call often enough to last
about 50 ms and is repeated (``--repeat``, default 5, interleaved); the script prints the
medians and the ratio of pelayanan to each baseline, all measured in this run.  Nothing is
asserted.

Usage::

    python benchmarks/document_load.py [--items N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pelayanan._documents import load_text

RUBRIC = Path(__file__).resolve().parents[1] / "rubrics" / "rubrics" / "ombudsman-2022.yaml"


def evidence(items: int) -> dict[str, Any]:
    """A fictional evidence file with ``items`` entries."""
    return {
        "evidence": [
            {
                "unit": f"layanan-{n % 50:02d}",
                "indicator": f"ind-{n % 37}",
                "value": f"{(n * 7919) % 10000 / 100:.2f}",
                "note": f"Catatan pemeriksaan nomor {n}",
            }
            for n in range(items)
        ]
    }


def _as_json(data: Any) -> str:
    # Values such as "12.34" become JSON numbers, as an evidence file would hold them.
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return text.replace('"value": "', '"value": ').replace('",\n      "note"', ',\n      "note"')


def _time(call: Callable[[], object], loops: int) -> float:
    """Seconds per call, over ``loops`` calls in a row."""
    started = time.perf_counter()
    for _ in range(loops):
        call()
    return (time.perf_counter() - started) / loops


def _loops(call: Callable[[], object]) -> int:
    """Calls per timing so that one timing lasts about 50 ms (small documents are fast)."""
    return max(1, int(0.05 / max(_time(call, 1), 1e-6)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    rubric_yaml = RUBRIC.read_text(encoding="utf-8")
    rubric_data = yaml.safe_load(rubric_yaml)
    evidence_data = evidence(args.items)
    cases = {
        "rubric.yaml": (rubric_yaml, "yaml"),
        "rubric.json": (json.dumps(rubric_data, indent=2, ensure_ascii=False), "json"),
        "evidence.yaml": (yaml.safe_dump(evidence_data, sort_keys=False), "yaml"),
        "evidence.json": (_as_json(evidence_data), "json"),
    }
    c_loader = getattr(yaml, "CSafeLoader", None)
    header = f"{'document':<15}{'KiB':>7}  {'baseline':<22}{'pelayanan':>11}{'baseline':>11}"
    print(f"{header}{'ratio':>8}")
    for name, (text, fmt) in cases.items():
        baselines: dict[str, Callable[[], object]]
        if fmt == "json":
            baselines = {"json.loads": lambda text=text: json.loads(text)}
        else:
            baselines = {"yaml.safe_load": lambda text=text: yaml.safe_load(text)}
            if c_loader is not None:
                baselines["yaml CSafeLoader"] = lambda text=text: yaml.load(text, c_loader)

        def ours(text: str = text, fmt: str = fmt) -> object:
            return load_text(text, format=fmt)  # type: ignore[arg-type]

        calls = {"ours": ours, **baselines}
        loops = {key: _loops(call) for key, call in calls.items()}
        measured: dict[str, list[float]] = {key: [] for key in calls}
        for _ in range(args.repeat):  # interleaved, so drift in machine load hits all alike
            for key, call in calls.items():
                measured[key].append(_time(call, loops[key]))
        mine = statistics.median(measured["ours"])
        for key in baselines:
            base = statistics.median(measured[key])
            print(
                f"{name:<15}{len(text.encode()) / 1024:>7.0f}  {key:<22}"
                f"{mine * 1000:>9.1f}ms{base * 1000:>9.1f}ms{mine / base:>7.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
