"""The repeated-respondent check in bounded memory: which row first gave a (unit, respondent).

A national survey has tens of millions of respondents; keeping every (unit, respondent id) in
a dict grows without bound (about 190 bytes an id). :class:`RespondentIndex` keeps the newest
ids in memory, at most ``Limits.max_respondents_in_memory`` of them, in 8,192 small dicts
(its *parts*, chosen by the id's hash). When they are full, each part is written whole (one
``marshal`` record, made in C) as one row of a private temporary SQLite database on disk,
deleted when closed; spill ``s`` writes part ``p`` (when not empty) as row
``s * 8192 + p + 1``, so the records of a part are found by their row ids without an
index. Writing thus costs no Python step and no index entry per id, which is what keeps the
``python`` engine fast at tens of millions of rows.

From the first spill on, a fixed-size Bloom filter (:class:`Bloom`) holds every id seen, in
memory or on disk. It answers "never seen" for almost every new id, with no look at the dicts
or the disk; only for a repeat or a rare false positive are the part in memory and the
records of the id's part on disk read. The records are only ever what this index wrote
itself, in a file no one else sees. The answer is the same whether the id is in memory or on
disk: the row that gave it first.

The python engine's survey counter records new ids itself, without a call per row (see
:meth:`RespondentIndex.first` for the steps it repeats and :attr:`RespondentIndex.room`).
"""

from __future__ import annotations

import marshal
import random
import sqlite3
from collections.abc import Iterable

from pelayanan._model.limits import current_limits

__all__ = ["PART", "PARTS", "Bloom", "RespondentIndex", "respondent_key"]

PARTS = 1 << 13
"""Small dicts in memory, and records per spill on disk: a look at the disk reads about
``spills`` records of ``max_respondents_in_memory / PARTS`` ids each."""
PART = PARTS - 1
"""``hash(key) & PART`` is the part of ``key``."""
_CACHE_KIB = 8 * 1024
"""SQLite's page cache, in KiB."""
_IN_LIST = 10_000
"""Most row ids asked for in one query, and never more than the SQLite in use allows
(32,766 parameters since SQLite 3.32, 999 before)."""


def respondent_key(unit: str, respondent: str) -> str:
    """The one text standing for ``(unit, respondent)``: injective, and not a container the
    garbage collector must walk (a tuple per id made the collector a large part of the cost).

    >>> respondent_key("u1", "r7") == "u1\\0r7"
    True
    """
    return unit + "\0" + respondent if "\0" not in unit else repr((unit, respondent))


class Bloom:
    """A blocked Bloom filter over ids, by their ``hash``: 2 ** 23 words of 64 bits (64 MiB).

    An id sets 6 bits of one word: the word is bits 13-35 of its hash, the 6 bits are one of
    4,096 fixed masks, chosen by bits 36-47 (bits 0-12 choose the id's part in
    :class:`RespondentIndex`). One word read and one test per id, where a classic filter
    reads a byte per bit. With 10 million ids held about 0.01% of new ids look seen (a false
    positive, sent to an exact look; 0.08% at 20 million); beyond that more do, never a
    wrong "never seen".
    """

    __slots__ = ("masks", "words")

    BLOCK = (1 << 23) - 1
    """``hash >> BLOCK_SHIFT & BLOCK`` is an id's word."""
    BLOCK_SHIFT = 13
    MASK = (1 << 12) - 1
    """``masks[hash >> MASK_SHIFT & MASK]`` is an id's bits within its word."""
    MASK_SHIFT = 36
    BITS = 6
    """Bits set per id."""

    def __init__(self) -> None:
        # One zeroed allocation (an array built from ``bytes`` would hold two copies).
        self.words = memoryview(bytearray(8 * (self.BLOCK + 1))).cast("Q")
        self.masks = _masks()

    def add(self, code: int) -> bool:
        """Set the bits of the id whose hash is ``code``; whether they were all set before
        (the id *may* have been added: a look must decide)."""
        block = code >> self.BLOCK_SHIFT & self.BLOCK
        mask = self.masks[code >> self.MASK_SHIFT & self.MASK]
        word = self.words[block]
        if word & mask == mask:
            return True
        self.words[block] = word | mask
        return False

    def update(self, keys: Iterable[str]) -> None:
        """Add every id of ``keys``."""
        add = self.add
        for key in keys:
            add(hash(key))


_MASK_TABLE: list[tuple[int, ...]] = []


def _masks() -> tuple[int, ...]:
    """The 4,096 masks of :class:`Bloom`, each 6 distinct bits of 64 (made once, seeded:
    the filter only needs them spread, not secret)."""
    if not _MASK_TABLE:
        draw = random.Random(20_231_101).sample  # not for security
        _MASK_TABLE.append(
            tuple(
                sum(1 << bit for bit in draw(range(64), Bloom.BITS)) for _ in range(Bloom.MASK + 1)
            )
        )
    return _MASK_TABLE[0]


class RespondentIndex:
    """Row numbers by (unit, respondent), the newest ``in_memory`` in memory, the rest on disk.

    >>> index = RespondentIndex(in_memory=2)
    >>> [index.first("u1", r, row) for row, r in enumerate(["a", "b", "c", "a", "c"], 2)]
    [2, 3, 4, 2, 4]
    >>> index.spilled
    2
    >>> index.close()
    """

    __slots__ = ("_db", "_in_memory", "_spills", "bloom", "parts", "room", "spilled")

    def __init__(self, in_memory: int | None = None) -> None:
        self._in_memory = (
            current_limits().max_respondents_in_memory if in_memory is None else in_memory
        )
        self.parts: list[dict[str, int]] = [{} for _ in range(PARTS)]
        """The ids in memory: ``parts[hash(key) & PART][key]`` is the row of ``key``."""
        self.room = self._in_memory
        """How many more ids fit in memory; at 0 (or below) :meth:`spill` must run."""
        self.bloom: Bloom | None = None
        """Every id seen, once anything went to disk (``None`` before)."""
        self._db: sqlite3.Connection | None = None
        self._spills = 0
        self.spilled = 0
        """How many ids went to disk."""

    def first(self, unit: str, respondent: str, row: int) -> int:
        """The row that first gave ``respondent`` of ``unit``: ``row`` when it is new
        (``row`` is then recorded), else the earlier row.

        The steps, which the survey counter repeats inline for the rows it takes: the key
        and its hash; with no Bloom filter yet, the part in memory decides; with one, a
        "never seen" from it decides (its bits are then set); else the part in memory and
        then the disk are looked at. A new id goes into its part, and when ``room`` runs
        out everything in memory is spilled.
        """
        key = respondent_key(unit, respondent)
        code = hash(key)
        part = self.parts[code & PART]
        found = part.get(key)
        if found is not None:
            return found
        if self.bloom is not None and self.bloom.add(code):
            stored = self._stored(key, code)
            if stored is not None:
                return stored
        part[key] = row
        self.room -= 1
        if self.room <= 0:
            self.spill()
        return row

    def _stored(self, key: str, code: int) -> int | None:
        """The row of ``key`` on disk, if it is there."""
        assert self._db is not None
        part = code & PART
        rowids = [spill * PARTS + part + 1 for spill in range(self._spills)]
        most = min(_IN_LIST, self._db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        for start in range(0, len(rowids), most):
            chunk = rowids[start : start + most]
            query = f"SELECT ids FROM parts WHERE rowid IN ({', '.join('?' * len(chunk))})"
            for (record,) in self._db.execute(query, chunk):
                found = marshal.loads(record).get(key)
                if found is not None:
                    return int(found)
        return None

    def spill(self) -> None:
        """Write every id in memory to disk (the first time: start the database and the
        Bloom filter, with the ids in memory); memory then has room for ``in_memory``."""
        db = self._db
        if db is None:
            # "": a private database on disk, deleted when closed.
            db = self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            db.execute("CREATE TABLE parts (ids BLOB)")
            self.bloom = Bloom()
            for part in self.parts:  # from now on, new ids set their bits as they come
                self.bloom.update(part)
        first = self._spills * PARTS + 1
        records = [(first + n, marshal.dumps(part)) for n, part in enumerate(self.parts) if part]
        db.execute("BEGIN")
        db.executemany("INSERT INTO parts (rowid, ids) VALUES (?, ?)", records)
        db.execute("COMMIT")
        for part in self.parts:
            part.clear()
        self._spills += 1
        self.spilled += self._in_memory - self.room
        self.room = self._in_memory

    def close(self) -> None:
        """Forget every id and delete the ids on disk."""
        for part in self.parts:
            part.clear()
        self.room = self._in_memory
        self.bloom = None
        if self._db is not None:
            self._db.close()
            self._db = None
