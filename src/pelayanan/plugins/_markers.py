"""The pluggy markers of the ``pelayanan`` project.

Plugin authors decorate their hook functions with :data:`hookimpl`; the specifications in
:mod:`pelayanan.plugins._hookspecs` are marked with :data:`hookspec`. Both belong to the pluggy
project named :data:`PROJECT`, which is also the entry-point group plugins are found in.
"""

from __future__ import annotations

import pluggy

__all__ = ["ENTRY_POINT_GROUP", "PROJECT", "hookimpl", "hookspec"]

PROJECT = "pelayanan"
"""The pluggy project name: only hooks marked for this project are seen."""

ENTRY_POINT_GROUP = "pelayanan"
"""The entry-point group a distribution lists its plugin module in."""

hookspec = pluggy.HookspecMarker(PROJECT)
"""Marks a hook specification (used by :mod:`pelayanan.plugins.hookspecs` only)."""

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a function of a plugin as the implementation of the hook of the same name.

>>> from pelayanan.plugins import hookimpl
>>> @hookimpl
... def pelayanan_rubrics():
...     return []
"""
