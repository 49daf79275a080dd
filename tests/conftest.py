"""Suite-wide configuration.

Every Hypothesis test runs under the ``pelayanan-ci`` profile: the example counts and
deadlines are stated once, in :mod:`pelayanan.testing.profiles` (run a longer search with
``pytest --hypothesis-profile=pelayanan-thorough``). ``pytester`` runs pytest inside tests,
for the tests of pelayanan's own pytest plugin.
"""

from pelayanan.testing.profiles import load_profile

pytest_plugins = ["pytester"]

load_profile()
