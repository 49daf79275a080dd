"""The ``dask`` engine: inputs reduced to statistics on the workers, merged on the client.

Each file (or each partition of a dask DataFrame) is one task: a worker reduces it with the
``duckdb`` engine when DuckDB is installed there (else ``python``) and sends back only its
:class:`~pelayanan._batch.engines.TableRead`: statistics per (unit, indicator) and the
problems, a few kilobytes whatever the size of the data. The client merges them in input
order; merging is associative and commutative, so the order the workers finish in does
not matter.

``scheduler`` is the address of a running Dask scheduler (``tcp://host:8786``); without it
a :class:`distributed.LocalCluster` of two single-threaded worker processes is started
for the call and closed after it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import attrs

from pelayanan._batch.engines import TableRead, installed, reduce_arrow, reduce_path, to_arrow_table
from pelayanan._readers.stream import ReadOptions

__all__ = ["client_for", "reduce_arrow_on_cluster", "reduce_dask_frame", "reduce_paths_on_cluster"]


@contextmanager
def client_for(scheduler: str | None) -> Iterator[Any]:
    """A Dask client: connected to ``scheduler``, or to a local cluster started here."""
    try:
        distributed = importlib.import_module("distributed")
    except ImportError:
        raise ImportError(
            "the dask engine needs distributed: pip install 'pelayanan[dask]'"
        ) from None
    with ExitStack() as closing:  # the client, then the cluster started here
        cluster = scheduler
        if cluster is None:
            cluster = distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, dashboard_address=":0"
            )
            closing.callback(cluster.close)
        client = distributed.Client(cluster)
        closing.callback(client.close)
        yield client


def _worker_engine() -> str:
    return "duckdb" if installed("duckdb") else "python"


def _shippable(options: ReadOptions) -> ReadOptions:
    return attrs.evolve(options, progress=None)


def _reduce_file(path: str, options: ReadOptions) -> TableRead:
    return reduce_path(Path(path), options, _worker_engine())


def reduce_paths_on_cluster(
    paths: Sequence[Path], options: ReadOptions, scheduler: str | None
) -> list[TableRead]:
    """One task per file; the reads come back in the order of ``paths``."""
    shipped = _shippable(options)
    with client_for(scheduler) as client:
        futures = [client.submit(_reduce_file, str(p), shipped, pure=False) for p in paths]
        results: list[TableRead] = client.gather(futures)
    return results


def _reduce_part(part: Any, options: ReadOptions, name: str) -> TableRead:
    return reduce_arrow(to_arrow_table(part), options, _worker_engine(), name)


def reduce_arrow_on_cluster(
    arrow: Any, options: ReadOptions, scheduler: str | None, name: str
) -> list[TableRead]:
    """An in-memory table reduced as one task on the cluster."""
    shipped = _shippable(options)
    with client_for(scheduler) as client:
        future = client.submit(_reduce_part, arrow, shipped, name, pure=False)
        result: TableRead = future.result()
    return [result]


def reduce_dask_frame(frame: Any, options: ReadOptions, scheduler: str | None) -> list[TableRead]:
    """Each partition of a dask DataFrame reduced on a worker (problems name the partition
    and the row within it, the header being row 1)."""
    shipped = _shippable(options)
    parts = frame.to_delayed()
    delayed = importlib.import_module("dask").delayed
    with client_for(scheduler) as client:
        futures = client.compute(
            [
                delayed(_reduce_part, pure=False)(part, shipped, f"partition {index}")
                for index, part in enumerate(parts)
            ]
        )
        results: list[TableRead] = client.gather(futures)
    return results
