"""The API's rate limit: requests per token (per address without one), counted by
django-ratelimit in the shared cache, answered 429 with Retry-After once spent."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from goldenthread.tokens.idempotency import bearer_hash


@dataclass(frozen=True)
class Usage:
    limit: int
    remaining: int
    reset: int  # seconds until the window starts again
    spent: bool


def _caller(group: str, request: HttpRequest) -> str:
    return bearer_hash(request) or f"ip:{request.META.get('REMOTE_ADDR', '')}"


def spend(request: HttpRequest) -> Usage | None:
    """Counts this request against its caller's limit (None when limits are off)."""
    usage = get_usage(request, group="api", key=_caller, rate=settings.GT_API_RATE, increment=True)
    if usage is None:
        return None
    return Usage(
        limit=usage["limit"],
        remaining=max(usage["limit"] - usage["count"], 0),
        reset=max(int(usage["time_left"]), 1),
        spent=bool(usage["should_limit"]),
    )
