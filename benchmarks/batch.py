"""Batch scoring at national scale: pelayanan's engines against hand-written baselines.

Generates a seeded SKM survey workload with DuckDB (default 10,000,000 respondents x 9
elements over 20,000 units, as one CSV file and as a directory of Parquet files) and a
long-layout workload under ``ombudsman-2022`` (default 5,000,000 rows), then times, in one
run and each in a fresh interpreter (so peak memory is that case's own):

* baselines that float their way to an index: a plain Python loop over the CSV, pandas
  ``groupby().mean()``, a hand-written DuckDB query (``avg`` per element per unit), and
  the same query with the checks pelayanan cannot leave out (every answer a level 1..4,
  no blank, no respondent id twice in a unit: ``DuckDB query + checks``);
* pelayanan end to end (read, validate every cell, reduce, finish exactly, write the
  results table, one row per unit, as CSV): the ``python``, ``duckdb`` and ``dask`` (a
  local cluster of two worker processes) engines; and, as an extra row, the ``duckdb``
  engine told that the respondent column is a free-text ``collector`` column
  (``pelayanan duckdb engine, no ids``): what a file without respondent ids costs, since
  then no id can repeat and none is checked (it still checks every answer).

It prints seconds, respondents (or rows) per second, each time as a ratio to the
hand-written DuckDB query on the same input (higher is faster) and to the query with
checks (the floor for an engine that validates), and peak resident memory
(the client's, for dask), then checks that every pelayanan engine gave identical
published scores and that the float baselines agree with them after rounding half-up to
two decimals. Nothing is asserted about time. Usage::

    python benchmarks/batch.py [--respondents N] [--units N] [--long-rows N]
                               [--workdir DIR] [--keep] [--skip CASE ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ELEMENTS = [
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
]
HEADERS = [f"U{i}" for i in range(1, 10)]
COLUMNS = dict(zip(HEADERS, ELEMENTS, strict=True))
PARTS = 8
"""Parquet files in the Parquet set (the dask engine's partitions)."""


# --------------------------------------------------------------------------- generation


def generate(
    workdir: Path, respondents: int, units: int, long_rows: int, long_units: int
) -> dict[str, Path]:
    """Write the workloads with DuckDB (seeded by the row number: the same every run)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    paths = {
        "csv": workdir / "skm.csv",
        "parquet": workdir / "skm-parquet",
        "long": workdir / "ombudsman-long.csv",
        "units": workdir / "units-long.csv",
    }
    if not paths["csv"].exists():
        # Respondent i belongs to unit hash(i) % units and answers 1..4 by another hash.
        answers = ", ".join(
            f"(1 + hash(i * {k + 7} + 3) % 4)::INTEGER AS {header}"
            for k, header in enumerate(HEADERS)
        )
        con.execute(
            f"COPY (SELECT 'R' || i AS respondent, "
            f"'unit-' || lpad((hash(i) % {units})::VARCHAR, 6, '0') AS unit, {answers} "
            f"FROM range({respondents}) t(i)) TO '{paths['csv']}' (HEADER)"
        )
    if not paths["parquet"].exists():
        paths["parquet"].mkdir()
        per = -(-respondents // PARTS)
        for part in range(PARTS):
            con.execute(
                f"COPY (SELECT * FROM read_csv('{paths['csv']}') "
                f"LIMIT {per} OFFSET {part * per}) "
                f"TO '{paths['parquet'] / f'part-{part}.parquet'}' (FORMAT parquet)"
            )
    if not paths["long"].exists():
        from pelayanan.plugins import get_registry

        rubric = get_registry().get_rubric("ombudsman-2022")
        ids = [indicator.id for indicator in rubric.indicators()]
        per_unit = max(len(ids), long_rows // long_units)  # observations spread evenly
        values = "[" + ", ".join(f"'{i}'" for i in ids) + "]"
        con.execute(
            f"COPY (SELECT 'layanan-' || lpad((i // {per_unit})::VARCHAR, 6, '0') AS unit, "
            f"{values}[1 + (i % {len(ids)})] AS indicator, "
            f"(hash(i) % 4)::VARCHAR AS value FROM range({long_units * per_unit}) t(i)) "
            f"TO '{paths['long']}' (HEADER)"
        )
        with paths["units"].open("w", encoding="utf-8") as handle:
            handle.write("id,name,level,parent\n")
            for unit in range(long_units):
                handle.write(f"layanan-{unit:06d},Layanan {unit},service_product,\n")
    return paths


# --------------------------------------------------------------------------- the cases


def _half_up(value: float) -> str:
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def plain_loop(path: Path, out: Path) -> dict[str, str]:
    import csv

    sums: dict[str, list[int]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        unit_at = header.index("unit")
        at = [header.index(h) for h in HEADERS]
        for row in reader:
            totals = sums.get(row[unit_at])
            if totals is None:
                totals = sums[row[unit_at]] = [0] * 10
            for k, index in enumerate(at):
                totals[k] += int(row[index])
            totals[9] += 1
    scores = {
        unit: _half_up(25 / 9 * sum(t[k] / t[9] for k in range(9))) for unit, t in sums.items()
    }
    out.write_text(json.dumps(scores), encoding="utf-8")
    return scores


def pandas_groupby(path: Path, out: Path) -> dict[str, str]:
    import pandas as pd

    frame = pd.read_csv(path, usecols=["unit", *HEADERS])
    means = frame.groupby("unit")[HEADERS].mean()
    index = means.sum(axis=1) * 25 / 9
    scores = {unit: _half_up(float(value)) for unit, value in index.items()}
    out.write_text(json.dumps(scores), encoding="utf-8")
    return scores


def duckdb_query(path: Path, out: Path) -> dict[str, str]:
    import duckdb

    source = f"read_parquet('{path}/*.parquet')" if path.is_dir() else f"read_csv('{path}')"
    means = " + ".join(f"avg({h})" for h in HEADERS)
    rows = duckdb.sql(f"SELECT unit, ({means}) * 25 / 9 FROM {source} GROUP BY unit").fetchall()
    scores = {unit: _half_up(value) for unit, value in rows}
    out.write_text(json.dumps(scores), encoding="utf-8")
    return scores


def duckdb_checked_query(path: Path, out: Path) -> dict[str, str]:
    """The hand-written query with the checks a validating engine cannot leave out: every
    answer one of the levels 1..4 (no blank), and no respondent id twice in a unit."""
    import duckdb

    source = f"read_parquet('{path}/*.parquet')" if path.is_dir() else f"read_csv('{path}')"
    means = " + ".join(f"avg({h})" for h in HEADERS)
    levels = " AND ".join(f"coalesce({h} BETWEEN 1 AND 4, false)" for h in HEADERS)
    rows = duckdb.sql(
        f"SELECT unit, ({means}) * 25 / 9, bool_and({levels}), "
        f"count(DISTINCT respondent) = count(*) FROM {source} GROUP BY unit"
    ).fetchall()
    bad = [unit for unit, _, plain, distinct in rows if not (plain and distinct)]
    if bad:
        raise SystemExit(f"{len(bad)} units with a bad answer or a repeated respondent")
    scores = {unit: _half_up(value) for unit, value, _, _ in rows}
    out.write_text(json.dumps(scores), encoding="utf-8")
    return scores


def duckdb_long_query(path: Path, out: Path) -> dict[str, str]:
    import duckdb

    rows = duckdb.sql(
        f"SELECT unit, indicator, avg(value::INTEGER) FROM read_csv('{path}') GROUP BY ALL"
    ).fetchall()
    out.write_text(json.dumps(len(rows)), encoding="utf-8")
    return {}


def pelayanan_engine(
    engine: str, path: Path, out: Path, units: Path | None, *, ids: bool = True
) -> dict[str, str]:
    import csv

    from pelayanan import assess_files
    from pelayanan._readers import read_units

    if units is None:
        # Without ids: the respondent column read as free text (who collected the answer).
        columns = COLUMNS if ids else {**COLUMNS, "respondent": "collector"}
        assessment = assess_files("skm-2017", [path], engine=engine, columns=columns)
    else:
        assessment = assess_files(
            "ombudsman-2022", [path], engine=engine, units=read_units(units), missing="zero"
        )
    # The results table: one row per unit with the exact score (as p/q), the published
    # score, band, zone, coverage and evidence count (what the baselines write is a
    # unit -> float score map).
    rows = assessment.rows()
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["unit"])
        writer.writeheader()
        writer.writerows(rows)
    return {card.unit_id: str(card.published) for card in assessment.walk()}


def run_case(name: str, path: Path, out: Path, units: Path | None) -> dict[str, str]:
    if name == "plain Python loop":
        return plain_loop(path, out)
    if name == "pandas groupby":
        return pandas_groupby(path, out)
    if name == "hand-written DuckDB query":
        return duckdb_long_query(path, out) if units is not None else duckdb_query(path, out)
    if name == CHECKED:
        return duckdb_checked_query(path, out)
    return pelayanan_engine(name.split()[1], path, out, units, ids=name != NO_IDS)


def child(args: argparse.Namespace) -> None:
    """One case in this (fresh) interpreter: prints seconds, peak memory and scores."""
    start = time.perf_counter()
    scores = run_case(args.case, Path(args.path), Path(args.out), args.units and Path(args.units))
    seconds = time.perf_counter() - start
    peak = peak_mb()
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "scores": scores}))


def peak_mb() -> float:
    """This process's peak resident memory in MiB: ``VmHWM`` (Linux), which starts afresh at
    ``exec`` (``ru_maxrss`` would count the parent's memory at the fork), else ``ru_maxrss``."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(case: str, path: Path, workdir: Path, units: Path | None = None) -> dict[str, object]:
    out = workdir / "out.json"
    command = [sys.executable, __file__, "--case", case, "--path", str(path), "--out", str(out)]
    if units is not None:
        command += ["--units-file", str(units)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- the report


def report(title: str, count: int, what: str, results: dict[str, dict[str, object]]) -> None:
    """The table: each case's time as a ratio to the hand-written query (the issue's
    target) and, when it ran, to the hand-written query with checks (the floor for an
    engine that validates what pelayanan validates)."""
    base = results.get("hand-written DuckDB query", {}).get("seconds")
    checked = results.get(CHECKED, {}).get("seconds")
    print(f"\n{title}")
    print(
        f"{'case':<31} {'seconds':>9} {what + '/s':>16} {'vs DuckDB query':>16} "
        f"{'vs query+checks':>16} {'peak MB':>9}"
    )
    for case, result in results.items():
        if "error" in result:
            print(f"{case:<31} failed: {result['error']}")
            continue
        seconds = float(result["seconds"])  # type: ignore[arg-type]
        ratio = f"{float(base) / seconds:.2f}x" if base else "-"  # type: ignore[arg-type]
        floor = f"{float(checked) / seconds:.2f}x" if checked else "-"  # type: ignore[arg-type]
        print(
            f"{case:<31} {seconds:>9.2f} {count / seconds:>16,.0f} {ratio:>16} {floor:>16} "
            f"{float(result['peak_mb']):>9.0f}"  # type: ignore[arg-type]
        )


def _short(case: str) -> str:
    """``pelayanan duckdb engine, no ids`` -> ``duckdb, no ids``."""
    return case.removeprefix("pelayanan ").replace(" engine", "")


def agreement(results: dict[str, dict[str, object]]) -> list[str]:
    lines = []
    exact = {
        k: v["scores"] for k, v in results.items() if k.startswith("pelayanan") and "scores" in v
    }
    floats = {
        k: v["scores"]
        for k, v in results.items()
        if not k.startswith("pelayanan") and v.get("scores")
    }
    if exact:
        first = next(iter(exact.values()))
        same = all(scores == first for scores in exact.values())
        lines.append(
            f"pelayanan engines identical: {'yes' if same else 'NO'} "
            f"({len(first)} units, engines: {'; '.join(_short(k) for k in exact)})"  # type: ignore[arg-type]
        )
        for name, scores in floats.items():
            differ = sum(1 for unit, value in scores.items() if first.get(unit) != value)  # type: ignore[union-attr]
            lines.append(f"{name}: {differ} of {len(scores)} units differ after rounding")  # type: ignore[arg-type]
    return lines


CHECKED = "DuckDB query + checks"
NO_IDS = "pelayanan duckdb engine, no ids"

SURVEY_CASES = (
    "plain Python loop",
    "pandas groupby",
    "hand-written DuckDB query",
    CHECKED,
    "pelayanan python engine",
    "pelayanan duckdb engine",
    NO_IDS,
)


def compiled() -> None:
    """Compile pelayanan's modules to bytecode first, as installing a wheel does, so that
    no case pays for compiling them (an editable install run with
    ``PYTHONDONTWRITEBYTECODE`` set would compile every module in every case)."""
    import compileall

    import pelayanan

    compileall.compile_dir(Path(pelayanan.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=10_000_000)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--long-rows", type=int, default=5_000_000)
    parser.add_argument("--long-units", type=int, default=1_000)
    parser.add_argument("--workdir", help="where the data goes (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    parser.add_argument("--skip", action="append", default=[], help="leave a case out")
    parser.add_argument(
        "--sets", default="csv,parquet,long", help="which workloads to time (default: all)"
    )
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--units-file", dest="units_file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        args.units = args.units_file
        child(args)
        return
    compiled()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="pelayanan-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    paths = generate(workdir, args.respondents, args.units, args.long_rows, args.long_units)
    print(
        f"generated {args.respondents:,} respondents x 9 elements over {args.units:,} units "
        f"and {args.long_rows:,} long rows over {args.long_units:,} units "
        f"in {time.perf_counter() - start:.0f} s "
        f"(CSV {paths['csv'].stat().st_size / 1e6:,.0f} MB; {os.cpu_count()} CPUs)"
    )
    for label, key in (("CSV", "csv"), ("Parquet", "parquet")):
        if key not in args.sets.split(","):
            continue
        cases = [c for c in SURVEY_CASES if c not in args.skip]
        if key == "parquet":
            # The python engine turns every Parquet cell into a Python object (use duckdb
            # or dask for Parquet); the float baselines read the CSV set only.
            left_out = ("plain Python loop", "pandas groupby", "pelayanan python engine")
            cases = [c for c in cases if c not in left_out]
            if "pelayanan dask engine" not in args.skip:
                cases.append("pelayanan dask engine")
        results = {
            case: measure(case, paths[key], workdir) for case in cases if case not in args.skip
        }
        report(
            f"SKM survey, {label} ({args.respondents:,} respondents)",
            args.respondents,
            "respondents",
            results,
        )
        for line in agreement(results):
            print("  " + line)
    long_cases = [
        c
        for c in ("hand-written DuckDB query", "pelayanan python engine", "pelayanan duckdb engine")
        if c not in args.skip
    ]
    if "long" not in args.sets.split(","):
        long_cases = []
    results = {case: measure(case, paths["long"], workdir, paths["units"]) for case in long_cases}
    if results:
        report(
            f"ombudsman-2022 long layout, CSV ({args.long_rows:,} rows)",
            args.long_rows,
            "rows",
            results,
        )
    for line in agreement(results):
        print("  " + line)
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
