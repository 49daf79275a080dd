"""The hook specifications: every function a plugin may implement, with what it returns.

These are the contract between pelayanan and its plugins; ``docs/hooks.md`` documents each
from its docstring here. A plugin implements them as functions of the same name decorated
with :data:`pelayanan.plugins.hookimpl`; a program with its own
:class:`pluggy.PluginManager` may register the specifications with
``manager.add_hookspecs(pelayanan.plugins.hookspecs)``.
"""

from pelayanan.plugins._hookspecs import (
    pelayanan_evidence_readers,
    pelayanan_rubrics,
    pelayanan_scoring_models,
    pelayanan_validate_rubric,
    pelayanan_zone_schemes,
)

__all__ = [
    "pelayanan_evidence_readers",
    "pelayanan_rubrics",
    "pelayanan_scoring_models",
    "pelayanan_validate_rubric",
    "pelayanan_zone_schemes",
]
