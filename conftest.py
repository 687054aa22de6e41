"""Test-wide setup for pytest."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the default language: a request answered in Spanish leaves
    Spanish active in the test's thread, and the next test would read its messages."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
