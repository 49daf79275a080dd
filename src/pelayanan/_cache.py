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
"""

from __future__ import annotations

import hashlib
import json
import os
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


def read(path: Path, key: Mapping[str, str]) -> bytes | None:
    """The data of the entry at ``path`` if it was written with ``key`` and is intact."""
    try:
        raw = path.read_bytes()
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


def write(path: Path, key: Mapping[str, str], data: bytes, stale: str) -> None:
    """Keep ``data`` at ``path`` under ``key`` (see :func:`keep` for ``stale``)."""
    header = json.dumps({"key": dict(key), "sha256": _digest(data)}, sort_keys=True)
    keep(path, header.encode("utf-8") + b"\n" + data, stale)


def keep(target: Path, data: bytes, stale: str) -> None:
    """Write ``target`` atomically (its folders made as needed) and remove the files in its
    folder matching ``stale`` (older copies of it); nothing happens where the folder cannot
    be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(stale):
            old.unlink(missing_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError:
        return
