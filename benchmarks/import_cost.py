"""How much does pelayanan add to importing its dependencies, and the plugin registry to that?

Each measurement runs in a fresh interpreter (``python -I``): the child times only the
statement under test with ``time.perf_counter`` and prints the seconds, so interpreter
start-up is left out. Every case is repeated (``--repeat``, default 9), the cases interleaved
so a slow moment on the machine hits them all alike, and the median is reported, with the
ratio against the dependencies-only baseline measured in the same run. A fourth case loads
the same built-in files without the registry, which separates the cost of reading and
validating documents from the registry's own. Nothing is asserted.

Usage::

    python benchmarks/import_cost.py [--repeat N]
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
        "from pelayanan.documents.api import load_rubric, load_zone_scheme\n"
        "from pelayanan.documents.builtin import rubric_paths, zone_scheme_paths\n"
        "for path in zone_scheme_paths():\n"
        "    load_zone_scheme(path)\n"
        "for path in rubric_paths():\n"
        "    load_rubric(path)\n"
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
import time
start = time.perf_counter()
exec(compile({code!r}, "<case>", "exec"))
print(time.perf_counter() - start)
"""


def measure(code: str) -> float:
    """Seconds taken by ``code`` in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PELAYANAN_")}
    done = subprocess.run(
        [sys.executable, "-I", "-c", CHILD.format(code=code)],
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
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for code in CASES.values():  # warm the file-system cache and .pyc files once
        measure(code)
    for _ in range(args.repeat):
        for name, code in CASES.items():
            times[name].append(measure(code))
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = next(iter(medians.values()))
    print(f"{sys.executable}, Python {sys.version.split()[0]}, {args.repeat} runs per case")
    print(f"{'case':<60} {'median ms':>10} {'x baseline':>11}")
    for name, value in medians.items():
        print(f"{name:<60} {value * 1000:>10.1f} {value / baseline:>11.2f}")
    _, imported, files, registry = medians.values()
    for what, cost in (
        ("registry and built-ins together add", registry - imported),
        ("reading and validating the files alone adds", files - imported),
        ("the registry itself (plugins, hooks, checks) adds", registry - files),
    ):
        print(
            f"{what} {cost * 1000:.1f} ms to import pelayanan: "
            f"{cost / baseline:.2f} x the dependencies-only baseline"
        )


if __name__ == "__main__":
    main()
