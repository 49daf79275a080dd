"""Tailoring a rubric with overlays: select, drop, substitute, rename, re-weight and more.

An :class:`Overlay` names a base rubric and the changes an agency makes to it.
:func:`apply_overlay` returns the tailored rubric. Its metadata records the base
(``id@version``) and one :class:`~pelayanan._model.metadata.Change` per changed item, so its
content hash differs from the base's and anyone can see what was changed, how, and by whom.

The steps always run in this order: select, drop, substitute, add, rename, reweight, zone
scheme, parameters.

The package's private modules: ``_overlay`` (the model), ``_steps`` and ``_apply``
(applying).
"""

from __future__ import annotations

import attrs

from pelayanan._model.tailoring._apply import apply_overlay
from pelayanan._model.tailoring._overlay import Addition, Overlay, Replacement
from pelayanan._model.tailoring._steps import TailoringError

__all__ = [
    "Addition",
    "Overlay",
    "Replacement",
    "TailoringError",
    "apply_overlay",
]

# The public names keep this package as their home, as before it was split into modules:
# documentation, tracebacks and pickles name e.g. ``pelayanan._model.tailoring.Overlay``,
# not the private module that defines it.
# Their field types are resolved first, in the module that defines them (the converters read
# them; this package does not import the names they mention).
for _name in __all__:
    if attrs.has(globals()[_name]):
        attrs.resolve_types(globals()[_name])
    globals()[_name].__module__ = __name__
del _name
