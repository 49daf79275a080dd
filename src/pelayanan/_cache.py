"""pelayanan's user cache: data it can always compute again, kept between runs.

Two things are kept, each so that a short command (``pelayanan classify``) need not load a
large library: the parsed data of a shipped rubric or zone-scheme file (no YAML parser), and
Babel's number symbols (no Babel locale data). See ``docs/builtins.md``.

Where (:func:`cache_dir`): the folder named by ``PELAYANAN_CACHE_DIR``; else
``$XDG_CACHE_HOME/pelayanan`` when ``XDG_CACHE_HOME`` is an absolute path; else
``%LOCALAPPDATA%\\pelayanan\\Cache`` on Windows, ``~/Library/Caches/pelayanan`` on macOS and
``~/.cache/pelayanan`` elsewhere. It is the user's, not the installation's: the installed
package's own folders are never written (an uninstaller would leave such files behind, and
they are often read-only), and the folder may be deleted at any time.

Every entry is one file: a first line of JSON holding the entry's key (what it was made
from, including pelayanan's version) and the SHA-256 of the rest, then the data.
:func:`read` gives the data only when the key is exactly the one asked for and the data
has the recorded digest, so an entry of another version or another file, one cut short or
changed, or anything else found under that name is ignored (and made anew by the caller).
Nothing fails when the folder cannot be found, read or written: the data is computed again.

The folder may be shared with others (``PELAYANAN_CACHE_DIR=/tmp/...``), so on POSIX an
entry is read only when it is a regular file of this user's that no one else may write (never
through a symbolic link), the folders pelayanan makes are this user's alone (``0700``), and
an entry is written through a new file of a name no one can guess beforehand, so a link
planted in the folder can neither hand over data nor be written through to a file elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["ENV_VARIABLE", "cache_dir", "keep", "read", "write"]

ENV_VARIABLE = "PELAYANAN_CACHE_DIR"
"""The environment variable naming the cache folder (overrides the platform's default)."""

NAME = "pelayanan"


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder (see the module docstring), or ``None`` when no home is known.

    ``environ`` is where the variables are read (``os.environ`` by default).
    """
    env = os.environ if environ is None else environ
    given = env.get(ENV_VARIABLE, "")
    if given:
        return Path(given)
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / NAME
    if sys.platform == "win32":
        local = env.get("LOCALAPPDATA", "")
        return Path(local) / NAME / "Cache" if local else None
    try:
        home = Path.home()
    except RuntimeError:  # no home directory can be determined
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / NAME
    return home / ".cache" / NAME


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_NO_LINKS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
"""Open the entry itself, never where a symbolic link in its place points, and never wait
for a writer (a named pipe in its place would block the open for ever) (POSIX)."""


def _ours(status: os.stat_result) -> bool:
    """Whether a file is a regular file that only this user can have written."""
    if not stat.S_ISREG(status.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(path: Path, key: Mapping[str, str]) -> bytes | None:
    """The data of the entry at ``path`` if it was written with ``key`` and is intact (and,
    on POSIX, is this user's own file, not a link: see the module docstring)."""
    try:
        handle = os.open(path, os.O_RDONLY | _NO_LINKS)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            if not _ours(os.fstat(stream.fileno())):
                return None
            raw = stream.read()
    except OSError:
        return None
    head, newline, data = raw.partition(b"\n")
    try:
        header = json.loads(head)
    except (ValueError, RecursionError):
        return None
    if (
        not newline
        or not isinstance(header, dict)
        or header.get("key") != dict(key)
        or header.get("sha256") != _digest(data)
    ):
        return None
    return data


def write(path: Path, key: Mapping[str, str], data: bytes, stale: str, root: Path) -> None:
    """Keep ``data`` at ``path`` (inside the cache folder ``root``) under ``key`` (see
    :func:`keep` for ``stale`` and ``root``)."""
    header = json.dumps({"key": dict(key), "sha256": _digest(data)}, sort_keys=True)
    keep(path, header.encode("utf-8") + b"\n" + data, stale, root)


def keep(target: Path, data: bytes, stale: str, root: Path | None = None) -> None:
    """Write ``target`` atomically (the folders it needs made for this user alone) and
    remove the files in its folder matching ``stale`` (older copies of it); nothing happens
    where the folder cannot be written.

    The data goes first to a new file (``O_EXCL``, mode ``0600``) of an unpredictable name,
    which then replaces ``target``: a symbolic link planted at any name is never written
    through, and two processes never write one file. With ``root`` (the cache folder, which
    may be anyone's), nothing is written unless each folder below ``root`` on the way to
    ``target`` is a folder of this user's, not a link, that no one else may write (POSIX):
    one planted there would send the copy, and the removal of stale ones, elsewhere.
    """
    import tempfile  # only when something is kept

    folder = target.parent
    try:
        _make_folders(folder)
        if root is not None and not _own_folders(root, folder):
            return
        for old in folder.glob(stale):
            old.unlink(missing_ok=True)
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(partial, target)
    except OSError:
        Path(partial).unlink(missing_ok=True)


def _make_folders(folder: Path) -> None:
    """Make ``folder`` and its missing parents, each readable and writable by this user
    alone (``os.makedirs`` would give the parents the default mode)."""
    missing: list[Path] = []
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for place in reversed(missing):
        place.mkdir(mode=0o700, exist_ok=True)


def _own_folders(root: Path, folder: Path) -> bool:
    """Whether every folder from below ``root`` down to ``folder`` is this user's own real
    folder; one of the user's that others may write (made before pelayanan made its folders
    0700) is made private first."""
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return False
    place = root
    for part in parts:
        place = place / part
        status = os.lstat(place)
        if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid():
            return False  # a link, a file, or someone else's folder
        if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            os.chmod(place, stat.S_IMODE(status.st_mode) & ~(stat.S_IWGRP | stat.S_IWOTH))
    return True
