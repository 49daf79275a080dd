"""The law every fuzzed input must obey, and the bookkeeping of how many were tried.

Law: reading any input ends in a result or in one of the reader's documented, typed errors,
within a time and memory budget proportional to the input's size. Anything else (a raw
``KeyError``, a ``RecursionError``, a hang, a memory blow-up) breaks the law.
"""

from __future__ import annotations

import collections
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

COUNTS: collections.Counter[str] = collections.Counter()
"""Generated inputs tried in this process, by kind."""

FUZZ_PROPERTY = "fuzz_inputs"
"""The name under which a test's report carries its counts (summed in tests/conftest.py)."""

SHORT = settings(
    max_examples=15,
    deadline=None,
    database=None,
    # The rest of the suite is derandomized (tests/conftest.py); fuzzing searches at random,
    # a new part of the input space on every run: what it may find is a real fault.
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""The profile of the normal run."""

LONG = settings(SHORT, max_examples=100)
"""The profile behind the ``fuzz_long`` marker."""

BASE_SECONDS = 20.0
SECONDS_PER_KB = 0.2
BASE_BYTES = 64 * 1024 * 1024
BYTES_PER_INPUT_BYTE = 400


def budget(size: int) -> tuple[float, int]:
    """Seconds and peak bytes allowed for an input of ``size`` bytes.

    The constants are generous on purpose: the machine running the suite may be busy, and
    the point is to catch what hangs or grows faster than its input (``1e999999999`` took
    forever, a 179-byte scale gigabytes), not to time the machine.
    """
    return BASE_SECONDS + SECONDS_PER_KB * size / 1024, BASE_BYTES + BYTES_PER_INPUT_BYTE * size


def obey(
    kind: str,
    size: int,
    call: Callable[[], Any],
    typed: tuple[type[BaseException], ...],
) -> Any:
    """Run ``call`` on one generated input of ``size`` bytes and check the law.

    Returns the result, or the typed error that was raised.
    """
    COUNTS[kind] += 1
    seconds, peak_bytes = budget(size)
    tracemalloc.start()
    started = time.perf_counter()
    outcome: Any
    try:
        outcome = call()
    except typed as error:
        outcome = error
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed <= seconds, f"{kind}: {elapsed:.1f} s for {size} bytes (budget {seconds:.1f})"
    assert peak <= peak_bytes, f"{kind}: peak {peak:,} bytes for {size} bytes of input"
    if isinstance(outcome, BaseException):
        assert str(outcome), f"{kind}: {type(outcome).__name__} without a message"
    return outcome
