"""Test-wide setup for pytest."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the default language: a request answered in Spanish leaves
    Spanish active in the test's thread, and the next test would read its messages."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Each test starts with unspent rate limits: the counters live in the cache, and the
    suite's many requests from one address would otherwise spend another test's."""
    cache.clear()
    yield
