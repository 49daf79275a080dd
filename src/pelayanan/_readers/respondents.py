"""The repeated-respondent check in bounded memory: which row first gave a (unit, respondent).

A national survey has tens of millions of respondents; keeping every (unit, respondent id) in
a dict grows without bound (about 190 bytes an id). :class:`RespondentIndex` keeps the newest
ids in a dict of at most ``Limits.max_respondents_in_memory`` entries. When it is full they go,
sorted, to a new sorted run in a private temporary SQLite database on disk (deleted when
closed); runs are merged eight at a time, so there are few of them and writing stays
sequential (inserting into one big index at random places is many times slower). A
fixed-size Bloom filter over the ids on disk answers "never seen" for almost every new id
without a query, so the runs are queried only for a repeat or a rare false positive. The
answer is the same whether the id is in memory or on disk: the row that gave it first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from pelayanan._model.limits import current_limits

__all__ = ["RespondentIndex"]

_MASK = (1 << 24) - 1
"""The Bloom filter has 2 ** 24 bytes (16 MiB); an id sets two bits of one byte (fewer steps
per id than two bytes). At 10 million ids on disk about 3% of new ids need a query; beyond
that more do, never a wrong answer."""
_BITS = tuple((1 << (n & 7)) | (1 << (n >> 3)) for n in range(64))
"""The two bits of an id in its byte, by six bits of its hash."""
_CACHE_KIB = 8 * 1024
"""SQLite's page cache for the runs on disk, in KiB."""
_FAN_IN = 8
"""Runs of one size merged into one."""
_RUN = (
    "CREATE TABLE {name} (unit TEXT, respondent TEXT, row INTEGER, "
    "PRIMARY KEY (unit, respondent)) WITHOUT ROWID"
)


class RespondentIndex:
    """Row numbers by (unit, respondent), the newest ``in_memory`` in a dict, the rest on disk.

    >>> index = RespondentIndex(in_memory=2)
    >>> [index.first("u1", r, row) for row, r in enumerate(["a", "b", "c", "a", "c"], 2)]
    [2, 3, 4, 2, 4]
    >>> index.spilled
    2
    >>> index.close()
    """

    __slots__ = ("_db", "_in_memory", "_lookup", "_made", "_recent", "_runs", "_seen", "spilled")

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = (
            current_limits().max_respondents_in_memory if in_memory is None else in_memory
        )
        self._recent: dict[tuple[str, str], int] = {}
        self._db: sqlite3.Connection | None = None
        self._seen = bytearray()
        self._runs: list[tuple[str, int]] = []
        """(table, level) of each run on disk: level n holds about ``_FAN_IN ** n`` spills."""
        self._made = 0
        self._lookup = ""
        self.spilled = 0
        """How many ids went to disk."""

    def first(self, unit: str, respondent: str, row: int) -> int:
        """The row that first gave ``respondent`` of ``unit``: ``row`` when it is new
        (``row`` is then recorded), else the earlier row."""
        key = (unit, respondent)
        recent = self._recent
        found = recent.get(key)
        if found is not None:
            return found
        if self._db is not None:
            # The Bloom filter: two bits of one byte, set when an id is first seen.
            code = hash(key)
            place, bits = code & _MASK, _BITS[code >> 27 & 63]
            seen = self._seen
            if seen[place] & bits == bits:
                stored = self._db.execute(self._lookup, key).fetchone()
                if stored is not None:
                    return int(stored[0])
            seen[place] |= bits
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
            seen = self._seen = bytearray(_MASK + 1)
            for key in self._recent:  # from now on, :meth:`first` sets the bits of new ids
                code = hash(key)
                seen[code & _MASK] |= _BITS[code >> 27 & 63]
        name = self._new_run()
        db.execute("BEGIN")
        db.executemany(
            f"INSERT INTO {name} VALUES (?, ?, ?)",
            ((unit, respondent, row) for (unit, respondent), row in sorted(self._recent.items())),
        )
        db.execute("COMMIT")
        self.spilled += len(self._recent)
        self._recent.clear()
        self._runs.append((name, 0))
        while (
            len(self._runs) >= _FAN_IN and len({level for _, level in self._runs[-_FAN_IN:]}) == 1
        ):
            self._merge(self._runs[-_FAN_IN:])
        self._lookup = " UNION ALL ".join(
            f"SELECT row FROM {name} WHERE unit = ?1 AND respondent = ?2" for name, _ in self._runs
        )

    def _new_run(self) -> str:
        assert self._db is not None
        self._made += 1
        name = f"run{self._made}"
        self._db.execute(_RUN.format(name=name))
        return name

    def _merge(self, runs: Sequence[tuple[str, int]]) -> None:
        assert self._db is not None
        name = self._new_run()
        union = " UNION ALL ".join(f"SELECT * FROM {old}" for old, _ in runs)
        self._db.execute("BEGIN")
        self._db.execute(f"INSERT INTO {name} SELECT * FROM ({union}) ORDER BY unit, respondent")
        for old, _ in runs:
            self._db.execute(f"DROP TABLE {old}")
        self._db.execute("COMMIT")
        del self._runs[-len(runs) :]
        self._runs.append((name, runs[0][1] + 1))

    def close(self) -> None:
        """Forget every id and delete the runs on disk."""
        self._recent.clear()
        self._seen = bytearray()
        self._runs.clear()
        if self._db is not None:
            self._db.close()
            self._db = None
