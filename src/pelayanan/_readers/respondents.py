"""The repeated-respondent check in bounded memory: which row first gave a (unit, respondent).

A national survey has tens of millions of respondents; keeping every (unit, respondent id) in
a dict grows without bound (about 190 bytes an id). :class:`RespondentIndex` keeps the newest
ids in a dict of at most ``Limits.max_respondents_in_memory`` entries; when it is full they
move, sorted, in one transaction to an index on disk (a private temporary SQLite database,
deleted when closed, with the (unit, respondent) pair as its primary key). A fixed-size Bloom
filter over the ids on disk answers "never seen" for almost every new id without a query, so
a query is made only for a repeat or a rare false positive. The answer is the same whether
the id is in memory or on disk: the row that gave it first.
"""

from __future__ import annotations

import sqlite3

from pelayanan._model.limits import current_limits

__all__ = ["RespondentIndex"]

_BLOOM_BITS = 1 << 27
"""Bits of the Bloom filter (16 MiB): at 10 million ids on disk about 2% of new ids need a
query; beyond that more do, never a wrong answer."""
_MASK = _BLOOM_BITS - 1
_CACHE_KIB = 8 * 1024
"""SQLite's page cache for the index on disk, in KiB."""


class RespondentIndex:
    """Row numbers by (unit, respondent), the newest ``in_memory`` in a dict, the rest on disk.

    >>> index = RespondentIndex(in_memory=2)
    >>> [index.first("u1", r, row) for row, r in enumerate(["a", "b", "c", "a", "c"], 2)]
    [2, 3, 4, 2, 4]
    >>> index.spilled
    2
    >>> index.close()
    """

    __slots__ = ("_bits", "_db", "_in_memory", "_recent", "spilled")

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = (
            current_limits().max_respondents_in_memory if in_memory is None else in_memory
        )
        self._recent: dict[tuple[str, str], int] = {}
        self._db: sqlite3.Connection | None = None
        self._bits = bytearray()
        self.spilled = 0
        """How many ids went to the index on disk."""

    def first(self, unit: str, respondent: str, row: int) -> int:
        """The row that first gave ``respondent`` of ``unit``: ``row`` when it is new
        (``row`` is then recorded), else the earlier row."""
        key = (unit, respondent)
        recent = self._recent
        found = recent.get(key)
        if found is not None:
            return found
        if self._db is not None:
            code = hash(key)
            low, high = code & _MASK, (code >> 32) & _MASK
            bits = self._bits
            if bits[low >> 3] >> (low & 7) & 1 and bits[high >> 3] >> (high & 7) & 1:
                stored = self._db.execute(
                    "SELECT row FROM seen WHERE unit = ? AND respondent = ?", key
                ).fetchone()
                if stored is not None:
                    return int(stored[0])
        recent[key] = row
        if len(recent) >= self._in_memory:
            self._spill()
        return row

    def _spill(self) -> None:
        db = self._db
        if db is None:
            # "": a private database on disk, deleted when closed.
            db = self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            db.execute(
                "CREATE TABLE seen (unit TEXT, respondent TEXT, row INTEGER, "
                "PRIMARY KEY (unit, respondent)) WITHOUT ROWID"
            )
            self._bits = bytearray(_BLOOM_BITS // 8)
        bits = self._bits
        for key in self._recent:
            code = hash(key)
            low, high = code & _MASK, (code >> 32) & _MASK
            bits[low >> 3] |= 1 << (low & 7)
            bits[high >> 3] |= 1 << (high & 7)
        rows = sorted((unit, respondent, row) for (unit, respondent), row in self._recent.items())
        db.execute("BEGIN")
        db.executemany("INSERT INTO seen VALUES (?, ?, ?)", rows)
        db.execute("COMMIT")
        self.spilled += len(rows)
        self._recent.clear()

    def close(self) -> None:
        """Forget every id and delete the index on disk."""
        self._recent.clear()
        self._bits = bytearray()
        if self._db is not None:
            self._db.close()
            self._db = None
