"""Test configuration of the Kota Contoh plugin.

pelayanan's pytest plugin (installed with pelayanan) gives these tests the ``rubric_laws``
and ``pelayanan_registry_factory`` fixtures; ``pytest --pelayanan-laws`` also checks every
law on every installed rubric, this plugin's and pelayanan's own. Those need Hypothesis
(``pip install 'pelayanan[kit]'``); without it they are skipped. The Hypothesis profile is
pelayanan's ``pelayanan-ci`` (few examples, no deadline).
"""

from __future__ import annotations

try:
    from pelayanan.testing import load_profile
except ImportError:  # no Hypothesis: the law tests skip themselves
    pass
else:
    load_profile()
