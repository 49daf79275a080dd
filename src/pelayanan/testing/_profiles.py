"""The Hypothesis settings profiles of pelayanan's own suite, stated in one place.

``pelayanan-ci`` is what the project's tests run under (``tests/conftest.py`` loads it):
few examples per property and no deadline, so the whole suite stays within a few minutes on
two cores. ``pelayanan-thorough`` is for a long local search, e.g.
``pytest --hypothesis-profile=pelayanan-thorough``. Both are registered whenever Hypothesis
is imported with pelayanan installed (through the ``hypothesis`` entry point), so a plugin's
own suite can use them too.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

__all__ = ["CI_PROFILE", "THOROUGH_PROFILE", "load_profile", "register_profiles"]

CI_PROFILE = "pelayanan-ci"
"""Few examples, no deadline: for CI and everyday runs."""

THOROUGH_PROFILE = "pelayanan-thorough"
"""Many examples, no deadline: for a long search before a release."""

CI_EXAMPLES = 20
"""Examples per property (and per law) under :data:`CI_PROFILE`."""

THOROUGH_EXAMPLES = 500
"""Examples per property under :data:`THOROUGH_PROFILE`."""


def register_profiles() -> None:
    """Register both profiles with Hypothesis (safe to call more than once)."""
    slow = [HealthCheck.too_slow, HealthCheck.data_too_large]
    for name, examples in ((CI_PROFILE, CI_EXAMPLES), (THOROUGH_PROFILE, THOROUGH_EXAMPLES)):
        settings.register_profile(
            name, max_examples=examples, deadline=None, print_blob=True, suppress_health_check=slow
        )


def load_profile(name: str = CI_PROFILE) -> None:
    """Register the profiles and load ``name`` (by default :data:`CI_PROFILE`)."""
    register_profiles()
    settings.load_profile(name)
