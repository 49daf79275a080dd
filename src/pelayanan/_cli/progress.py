"""A progress bar on standard error, shown only when standard error is a terminal."""

from __future__ import annotations

import time
from typing import TextIO

from pelayanan._reports.safe import visible

__all__ = ["ProgressBar"]


class ProgressBar:
    """Draws ``name  42% [########..........]`` on one line, at most ten times a second.

    Use one per file: call it with ``(done, total)`` as the reader reports, then
    :meth:`close`. When ``enabled`` is false every call does nothing.
    """

    def __init__(self, stream: TextIO, name: str, *, enabled: bool, width: int = 30) -> None:
        self.stream = stream
        self.name = visible(name)  # a file name may hold control characters
        self.enabled = enabled
        self.width = width
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Report progress; redraws when a tenth of a second has passed (or at the end)."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        share = min(done / total, 1.0) if total else 0.0
        filled = round(self.width * share)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.name}  {share:4.0%} [{bar}]")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * (len(self.name) + self.width + 10) + "\r")
            self.stream.flush()
            self._drawn = False
