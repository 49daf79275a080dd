"""The repeated-respondent check in bounded memory: which row first gave a (unit, respondent).

A national survey has tens of millions of respondents; keeping every (unit, respondent id) in
a dict grows without bound (about 190 bytes an id). :class:`RespondentIndex` keeps the newest
ids in memory, at most ``Limits.max_respondents_in_memory`` of them, in 8,192 small dicts
chosen by the id's hash. When they are full, each small dict is written whole (one
``marshal`` record, made in C) as one row of a private temporary SQLite database on disk,
deleted when closed. Writing thus costs no Python step and no index entry per id, which is
what keeps the ``python`` engine fast at tens of millions of rows. A fixed-size Bloom filter
over the ids on disk answers "never seen" for almost every new id; only for a repeat or a
rare false positive are the records of the id's part read back. The records are only ever
what this index wrote itself, in a file no one else sees. The answer is the same whether the
id is in memory or on disk: the row that gave it first.
"""

from __future__ import annotations

import marshal
import sqlite3

from pelayanan._model.limits import current_limits

__all__ = ["RespondentIndex"]

_PARTS = 1 << 13
"""Small dicts in memory, and records per spill on disk: a look at the disk reads about
``spills`` records of ``max_respondents_in_memory / _PARTS`` ids each."""
_PART = _PARTS - 1
_MASK = (1 << 28) - 1
"""The Bloom filter has 2 ** 28 bits (32 MiB), three per id: at 10 million ids on disk about
0.1% of new ids need a look at the disk (a look reads one record per spill); beyond that more
do, never a wrong answer."""
_CACHE_KIB = 8 * 1024
"""SQLite's page cache, in KiB."""


class RespondentIndex:
    """Row numbers by (unit, respondent), the newest ``in_memory`` in memory, the rest on disk.

    >>> index = RespondentIndex(in_memory=2)
    >>> [index.first("u1", r, row) for row, r in enumerate(["a", "b", "c", "a", "c"], 2)]
    [2, 3, 4, 2, 4]
    >>> index.spilled
    2
    >>> index.close()
    """

    __slots__ = ("_count", "_db", "_in_memory", "_parts", "_seen", "spilled")

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = (
            current_limits().max_respondents_in_memory if in_memory is None else in_memory
        )
        self._parts: list[dict[str, int]] = [{} for _ in range(_PARTS)]
        self._count = 0
        self._db: sqlite3.Connection | None = None
        self._seen = bytearray()
        self.spilled = 0
        """How many ids went to disk."""

    def first(self, unit: str, respondent: str, row: int) -> int:
        """The row that first gave ``respondent`` of ``unit``: ``row`` when it is new
        (``row`` is then recorded), else the earlier row."""
        # One text per id, injective, and not a container the garbage collector must walk
        # (a tuple per id made the collector a large part of the cost).
        key = unit + "\0" + respondent if "\0" not in unit else repr((unit, respondent))
        code = hash(key)
        part = self._parts[code & _PART]
        found = part.get(key)
        if found is not None:
            return found
        if self._db is not None:
            # The Bloom filter: three bits, a + i * b for i = 0, 1, 2 (two hashes from one),
            # set when an id is first seen.
            seen = self._seen
            one = code >> 13 & _MASK
            step = code >> 41 | 1
            two, three = (one + step) & _MASK, (one + 2 * step) & _MASK
            bits = (1 << (one & 7), 1 << (two & 7), 1 << (three & 7))
            one, two, three = one >> 3, two >> 3, three >> 3
            if seen[one] & bits[0] and seen[two] & bits[1] and seen[three] & bits[2]:
                stored = self._stored(key, code)
                if stored is not None:
                    return stored
            seen[one] |= bits[0]
            seen[two] |= bits[1]
            seen[three] |= bits[2]
        part[key] = row
        self._count += 1
        if self._count >= self._in_memory:
            self._spill()
        return row

    def _stored(self, key: str, code: int) -> int | None:
        """The row of ``key`` on disk, if it is there."""
        assert self._db is not None
        query = "SELECT ids FROM parts WHERE part = ?"
        for (record,) in self._db.execute(query, (code & _PART,)):
            found = marshal.loads(record).get(key)
            if found is not None:
                return int(found)
        return None

    def _spill(self) -> None:
        db = self._db
        if db is None:
            # "": a private database on disk, deleted when closed.
            db = self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            db.execute("CREATE TABLE parts (part INTEGER, ids BLOB)")
            db.execute("CREATE INDEX parts_part ON parts (part)")
            seen = self._seen = bytearray((_MASK + 1) // 8)
            for part in self._parts:  # from now on, :meth:`first` sets the bits of new ids
                for key in part:
                    code = hash(key)
                    one, step = code >> 13 & _MASK, code >> 41 | 1
                    for place in (one, (one + step) & _MASK, (one + 2 * step) & _MASK):
                        seen[place >> 3] |= 1 << (place & 7)
        records = [(n, marshal.dumps(part)) for n, part in enumerate(self._parts) if part]
        db.execute("BEGIN")
        db.executemany("INSERT INTO parts VALUES (?, ?)", records)
        db.execute("COMMIT")
        for part in self._parts:
            part.clear()
        self.spilled += self._count
        self._count = 0

    def close(self) -> None:
        """Forget every id and delete the ids on disk."""
        for part in self._parts:
            part.clear()
        self._count = 0
        self._seen = bytearray()
        if self._db is not None:
            self._db.close()
            self._db = None
