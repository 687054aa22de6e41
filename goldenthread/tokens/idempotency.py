"""Idempotency keys on every create of the API.

A client that sends `Idempotency-Key` with a POST and loses the answer may send the same
request again: within a day it gets the first answer back (200, the same body, and
`Idempotent-Replayed: true`) and nothing is created twice. The first request and the
record of its answer commit in one transaction, so a crash leaves neither; two requests
racing with one key create one record, and the loser answers as a replay. Only successful
answers are kept: a refused request may be corrected and sent again under its key.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from goldenthread.one_time_secrets import digest
from goldenthread.tokens.models import IdempotentRequest
from goldenthread.tokens.selectors import usable_token

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 80
KEPT_FOR = timedelta(hours=24)


class KeyReused(Exception):
    """The key was used for a different request (another path or body)."""


def bearer(request: HttpRequest) -> str:
    """The presented bearer token, or ""."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def bearer_hash(request: HttpRequest) -> str:
    """The SHA-256 of the presented bearer token (as ApiToken.token_hash), or ""."""
    secret = bearer(request)
    return digest(secret) if secret else ""


def _fingerprint(request: HttpRequest) -> str:
    h = hashlib.sha256()
    for part in (request.method or "", request.path):
        h.update(part.encode() + b"\0")
    h.update(request.body)
    return h.hexdigest()


def _replay(answer: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(
        bytes(answer.body),
        status=200 if answer.status == 201 else answer.status,
        content_type=answer.content_type,
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _earlier(owner: str, key: str, fingerprint: str) -> IdempotentRequest | None:
    answer = IdempotentRequest.objects.filter(
        token_hash=owner, key=key, created_at__gt=timezone.now() - KEPT_FOR
    ).first()
    if answer is not None and answer.fingerprint != fingerprint:
        raise KeyReused
    return answer


def answer_once(request: HttpRequest, key: str, view: Callable[[], HttpResponse]) -> HttpResponse:
    """Runs `view` at most once per (token, key) within KEPT_FOR; raises KeyReused."""
    if usable_token(bearer(request)) is None:
        return view()  # the view answers 401, creates nothing, and no answer is replayed
    owner, fingerprint = bearer_hash(request), _fingerprint(request)
    earlier = _earlier(owner, key, fingerprint)
    if earlier is not None:
        return _replay(earlier)
    try:
        with transaction.atomic():
            response = view()
            if 200 <= response.status_code < 300:
                # Answers past a day are forgotten here, an indexed delete that finds
                # little, so no job has to run for it; a key may then be used again.
                IdempotentRequest.objects.filter(created_at__lte=timezone.now() - KEPT_FOR).delete()
                IdempotentRequest.objects.create(
                    token_hash=owner,
                    key=key,
                    fingerprint=fingerprint,
                    status=response.status_code,
                    content_type=response.get("Content-Type", "application/json"),
                    body=response.content,
                    created_at=timezone.now(),
                )
            return response
    except IntegrityError:
        # Another request with this key committed first; its create stands, ours rolled back.
        earlier = _earlier(owner, key, fingerprint)
        if earlier is None:
            raise
        return _replay(earlier)
