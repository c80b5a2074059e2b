"""Shared test fixtures. Tests that need ``../shared`` data skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline (a busy CI machine would
# otherwise fail them at random).
settings.register_profile("marsad", deadline=None)
settings.load_profile("marsad")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder beside the checkout; skips the test when it is not there."""
    if not (SHARED / "data").is_dir():
        pytest.skip("needs ../shared/data beside the checkout (a user's clone has none)")
    return SHARED
