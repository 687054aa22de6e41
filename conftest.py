"""Test-wide setup for pytest."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import TransactionTestCase
from django.utils import translation

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """CI runs tests marked engine_independent on SQLite only; a test that reads the suite's
    database must not carry the mark, or PostgreSQL would never see it."""
    for item in items:
        if item.get_closest_marker("engine_independent") is None:
            continue
        cls = getattr(item, "cls", None)
        fixtures = set(getattr(item, "fixturenames", ()))
        if (
            cls is not None and issubclass(cls, TransactionTestCase)
        ) or fixtures & DATABASE_FIXTURES:
            raise pytest.UsageError(f"{item.nodeid} uses the database: not engine_independent")


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
