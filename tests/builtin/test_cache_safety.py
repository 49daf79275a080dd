"""The user cache in a folder others can reach: no planted entry is trusted, no link is
written through, and the folders pelayanan makes are the user's alone (``pelayanan._cache``).

A kept copy of a built-in file is built without the JSON Schema and the documents' checks,
so an entry someone else could plant must not be read: ``PELAYANAN_CACHE_DIR`` may well name
a shared folder (``/tmp/...`` on a build machine).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from pelayanan import _cache
from pelayanan._documents.builtin import BuiltinFile, builtin_files, load_builtin

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and links")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache folder of the test's own (not made yet)."""
    folder = tmp_path / "shared" / "cache"
    monkeypatch.setenv(_cache.ENV_VARIABLE, str(folder))
    return folder


def _scheme() -> BuiltinFile:
    [file] = [f for f in builtin_files("zone_scheme")[0] if f.ref == "ombudsman-2022@2022"]
    return file


def _entry(cache: Path) -> Path:
    [kept] = [path for path in cache.rglob("*") if path.is_file()]
    return kept


def _doctored(genuine: bytes) -> bytes:
    """The entry with band B starting at 70 (the file says 78), key and digest in order:
    what someone who can write the folder could plant."""
    head, _, data = genuine.partition(b"\n")
    header = json.loads(head)
    doctored = json.loads(data)
    doctored["bands"][3]["lower"] = "70.00"
    body = json.dumps(doctored).encode("utf-8")
    header["sha256"] = hashlib.sha256(body).hexdigest()
    return json.dumps(header).encode("utf-8") + b"\n" + body


def test_an_entry_others_may_write_is_not_trusted(cache: Path) -> None:
    file = _scheme()
    assert load_builtin(file).band("B").lower == 78  # rubrics/zone-schemes/ombudsman-2022.yaml
    kept = _entry(cache)
    kept.write_bytes(_doctored(kept.read_bytes()))
    assert load_builtin(file).band("B").lower == 70  # the user's own entry is used ...
    kept.chmod(0o666)  # ... but not one anyone could have written
    assert load_builtin(file).band("B").lower == 78
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # made anew, the user's own


def test_an_entry_that_is_a_link_is_not_followed(cache: Path, tmp_path: Path) -> None:
    file = _scheme()
    load_builtin(file)
    kept = _entry(cache)
    elsewhere = tmp_path / "planted.json"
    elsewhere.write_bytes(_doctored(kept.read_bytes()))
    elsewhere.chmod(0o600)
    kept.unlink()
    kept.symlink_to(elsewhere)
    assert load_builtin(file).band("B").lower == 78
    assert not kept.is_symlink()  # replaced by an entry of its own
    assert b'"70.00"' in elsewhere.read_bytes()  # what the link pointed at is left alone


def test_a_named_pipe_in_place_of_an_entry_does_not_hang(cache: Path) -> None:
    # Opening a FIFO for reading waits for a writer: the entry is opened without waiting,
    # found not to be a regular file, and made anew.
    file = _scheme()
    load_builtin(file)
    kept = _entry(cache)
    kept.unlink()
    os.mkfifo(kept)
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(load_builtin(file)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "reading the cache waited on a named pipe"
    [scheme] = found
    assert scheme.band("B").lower == 78  # type: ignore[attr-defined]
    assert kept.is_file()  # replaced by an entry


def test_a_link_planted_where_an_entry_is_written_is_not_written_through(
    cache: Path, tmp_path: Path
) -> None:
    file = _scheme()
    load_builtin(file)
    kept = _entry(cache)
    kept.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    # the names a writer could use for its partial copy (before: '<entry>.<pid>.tmp')
    for name in (f"{kept.name}.{os.getpid()}.tmp", kept.name):
        (kept.parent / name).unlink(missing_ok=True)
        (kept.parent / name).symlink_to(victim)
        assert load_builtin(file).band("B").lower == 78
        assert victim.read_text(encoding="utf-8") == "the user's own file\n"
        assert not kept.is_symlink()
        assert _cache.read(kept, _key(kept)) is not None  # an entry of its own, used
        (kept.parent / f"{kept.name}.{os.getpid()}.tmp").unlink(missing_ok=True)


def _key(kept: Path) -> dict[str, str]:
    key: dict[str, str] = json.loads(kept.read_bytes().partition(b"\n")[0])["key"]
    return key


def test_the_folders_made_are_the_users_alone(cache: Path) -> None:
    before = os.umask(0o002)  # a common umask: group-writable by default
    try:
        load_builtin(_scheme())
    finally:
        os.umask(before)
    made = [cache, *(path for path in cache.rglob("*") if path.is_dir())]
    assert len(made) == 5  # cache, documents, <version>, <reader>, zone-schemes
    assert {stat.S_IMODE(path.stat().st_mode) for path in made} == {0o700}
    assert stat.S_IMODE(_entry(cache).stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700  # 'shared', missing, made too


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_link_planted_below_the_cache_folder_is_not_written_through(
    cache: Path, tmp_path: Path
) -> None:
    # The cache folder may be someone else's (a shared PELAYANAN_CACHE_DIR): a link planted
    # where pelayanan makes its own folder would take its copies, and the removal of stale
    # ones, elsewhere. Nothing is written there; the file is still read.
    cache.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cache / "documents").symlink_to(elsewhere)
    assert load_builtin(_scheme()).band("B").lower == 78
    assert _files(elsewhere) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_of_another_user_below_the_cache_folder_is_not_written_into(
    cache: Path,
) -> None:
    cache.mkdir(parents=True)
    theirs = cache / "documents"
    theirs.mkdir(mode=0o777)
    os.chown(theirs, 65534, 65534)  # nobody's
    assert load_builtin(_scheme()).band("B").lower == 78
    assert _files(theirs) == []


def test_the_users_own_folder_open_to_others_is_made_private_then_used(cache: Path) -> None:
    # Made before pelayanan made its folders 0700 (umask 002: group-writable).
    mine = cache / "documents"
    mine.mkdir(parents=True)
    mine.chmod(0o775)
    assert load_builtin(_scheme()).band("B").lower == 78
    assert stat.S_IMODE(mine.stat().st_mode) == 0o755
    assert len(_files(mine)) == 1
