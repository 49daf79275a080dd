"""How much does pelayanan add to importing its dependencies, and the plugin registry to that?

Each measurement runs in a fresh interpreter (``python -I``): the child times only the
statement under test with ``time.perf_counter`` and prints the seconds, so interpreter
start-up is left out. Every case is repeated (``--repeat``, default 9), the cases interleaved
so a slow moment on the machine hits them all alike, and the median is reported, with the
ratio against the dependencies-only baseline measured in the same run. A fourth case loads
the same built-in files without the registry, which separates the cost of reading and
validating documents from the registry's own; two more measure what most command-line calls
need: the registry and one zone scheme, and a whole ``pelayanan classify`` run in process.
``--src`` measures another checkout's ``src/``; given twice, it measures both in one run,
interleaved, to compare before and after on one machine. Nothing is asserted.

``--clock cpu`` times the child's CPU time instead of wall time, which a machine busy with
other work disturbs less.

Usage::

    python benchmarks/import_cost.py [--repeat N] [--clock wall|cpu] [--src PATH [--src PATH]]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CASES: dict[str, str] = {
    "dependencies only (attrs, pluggy, jsonschema)": "import attrs, pluggy, jsonschema",
    "import pelayanan": "import pelayanan",
    "import pelayanan + every built-in file loaded, no registry": (
        "import pelayanan\n"
        "from pelayanan._documents.api import load_rubric, load_zone_scheme\n"
        "from pelayanan._documents.builtin import rubric_paths, zone_scheme_paths\n"
        "for path in zone_scheme_paths():\n"
        "    load_zone_scheme(path)\n"
        "for path in rubric_paths():\n"
        "    load_rubric(path)\n"
    ),
    "import pelayanan + registry built, one zone scheme asked for": (
        "import pelayanan\n"
        "from pelayanan.plugins import Registry\n"
        "registry = Registry(environ={})\n"
        "assert registry.get_zone_scheme('ombudsman-2022').ref == 'ombudsman-2022@2022'\n"
    ),
    "pelayanan classify --scheme ombudsman-2022 80 (in process)": (
        "import io\n"
        "from pelayanan._cli.app import main\n"
        "from pelayanan._cli.common import Console\n"
        "out = io.StringIO()\n"
        "assert main(['classify', '--scheme', 'ombudsman-2022', '80'], "
        "Console(out, io.StringIO())) == 0, out.getvalue()\n"
    ),
    "import pelayanan + registry built, every built-in loaded": (
        "import pelayanan\n"
        "from pelayanan.plugins import Registry\n"
        "registry = Registry(environ={})\n"
        "registry.load()\n"
        "assert registry.rubrics() and registry.zone_schemes(), 'no built-ins found'\n"
        "assert not registry.problems\n"
    ),
}

CHILD = """
import sys, time
sys.path[:0] = {path!r}
start = time.{clock}()
exec(compile({code!r}, "<case>", "exec"))
print(time.{clock}() - start)
"""

CLOCKS = {"wall": "perf_counter", "cpu": "process_time"}
"""``--clock``: wall time, or the child's CPU time (steadier on a machine busy with other work,
where wall time also counts the waits for a core)."""


def measure(code: str, path: list[str], clock: str = "wall") -> float:
    """Seconds taken by ``code`` in a fresh interpreter (``path`` put first on sys.path)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PELAYANAN_")}
    done = subprocess.run(
        [sys.executable, "-I", "-c", CHILD.format(code=code, path=path, clock=CLOCKS[clock])],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run every case ``--repeat`` times, interleaved, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs per case (default 9)")
    parser.add_argument(
        "--src",
        action="append",
        default=[],
        help="measure the pelayanan in this source folder instead of the installed one "
        "(e.g. another checkout's src/); give it twice to compare two versions in one run, "
        "the runs interleaved so both see the same machine",
    )
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="what is timed: wall time (default) or the child's CPU time",
    )
    args = parser.parse_args()
    paths = [[os.path.abspath(src)] for src in args.src] or [[]]
    times: dict[tuple[str, int], list[float]] = {
        (name, index): [] for name in CASES for index in range(len(paths))
    }
    for code in CASES.values():  # warm the file-system cache, .pyc and compiled catalogs once
        for path in paths:
            measure(code, path, args.clock)
    for _ in range(args.repeat):
        for name, code in CASES.items():
            for index, path in enumerate(paths):
                times[name, index].append(measure(code, path, args.clock))
    print(
        f"{sys.executable}, Python {sys.version.split()[0]}, {args.repeat} runs per case, "
        f"{args.clock} time"
    )
    for index, path in enumerate(paths):
        medians = {name: statistics.median(times[name, index]) for name in CASES}
        _table(path[0] if path else "installed pelayanan", medians)


def _table(label: str, medians: dict[str, float]) -> None:
    baseline = next(iter(medians.values()))
    print(f"\n{label}")
    print(f"{'case':<60} {'median ms':>10} {'x baseline':>11}")
    for name, value in medians.items():
        print(f"{name:<60} {value * 1000:>10.1f} {value / baseline:>11.2f}")
    names = list(CASES)
    imported, files, one, classify, registry = (medians[name] for name in names[1:])
    for what, cost in (
        ("registry and every built-in together add", registry - imported),
        ("reading and validating every file alone adds", files - imported),
        ("the registry and one zone scheme add", one - imported),
        ("`pelayanan classify` adds", classify - imported),
    ):
        print(
            f"{what} {cost * 1000:.1f} ms to import pelayanan: "
            f"{cost / baseline:.2f} x the dependencies-only baseline"
        )


if __name__ == "__main__":
    main()
