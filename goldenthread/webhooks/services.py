"""Announcing events to subscribed organizations and delivering them.

Announcing only writes a delivery row, in the transaction of the change it announces: the
request that caused the event never waits on, or fails because of, anyone's endpoint.
`manage.py webhooks_send` (every minute from cron) sends what is due: each delivery is
signed, sent with a short timeout, and retried with growing waits until it is delivered
or has been tried MAX_ATTEMPTS times.
"""

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.organizations.models import Organization
from goldenthread.text import whole_number
from goldenthread.webhooks.models import Delivery, DeliveryStatus, Event, Subscription

TIMEOUT_SECONDS = 5
# The wait before each retry: a minute, five, half an hour, two hours, twelve.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
SIGNATURE_HEADER = "X-Golden-Thread-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value: the time, and HMAC-SHA256 over "time.body"."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """What a receiver does (docs/webhooks.md): the signature matches and is recent."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    timestamp = whole_number(parts.get("t", ""))
    if timestamp is None or "v1" not in parts:
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts["v1"])


@transaction.atomic
def subscription_create(
    *,
    actor: User,
    organization: Organization,
    url: str,
    events: Iterable[str],
    request: HttpRequest | None = None,
) -> Subscription:
    chosen = sorted(set(events))
    unknown = set(chosen) - set(Event.values)
    if not chosen or unknown:
        raise ValidationError({"events": ["Choose at least one of the events offered."]})
    subscription = Subscription(
        organization=organization,
        url=url,
        events=chosen,
        secret=secrets.token_hex(32),
        created_by=actor,
    )
    subscription.full_clean()
    subscription.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=subscription,
        detail={"url": url, "events": chosen},
    )
    return subscription


@transaction.atomic
def subscription_deactivate(
    *, actor: User, subscription: Subscription, request: HttpRequest | None = None
) -> None:
    subscription.is_active = False
    subscription.save(update_fields=["is_active"])
    Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.FAILED, last_error="The subscription was turned off."
    )
    audit_record(action=Action.DEACTIVATE, actor=actor, request=request, obj=subscription)


def announce(event: Event, payloads: dict[int, dict[str, Any]]) -> int:
    """One pending delivery for each active subscription to `event` of each organization
    in `payloads` ({organization id: what that organization may be told})."""
    now = timezone.now()
    # A site has a handful of subscriptions: their events are checked here rather than in
    # SQL, where SQLite and PostgreSQL search JSON lists differently.
    subscriptions = [
        s
        for s in Subscription.objects.filter(organization_id__in=list(payloads), is_active=True)
        if event.value in s.events
    ]
    rows = [
        Delivery(
            subscription=subscription,
            event=event.value,
            payload={
                "event": event.value,
                "at": now.isoformat(timespec="seconds"),
                **payloads[subscription.organization_id],
            },
            next_attempt_at=now,
        )
        for subscription in subscriptions
    ]
    Delivery.objects.bulk_create(rows)
    return len(rows)


def send_due(now: Any = None) -> dict[str, int]:
    """Sends every delivery that is due; returns how many were delivered, will be retried
    and have failed for good."""
    now = now or timezone.now()
    tally = {"delivered": 0, "retrying": 0, "failed": 0}
    due = Delivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).select_related("subscription")
    for delivery in due.order_by("next_attempt_at", "pk")[:500]:
        tally[_attempt(delivery, now)] += 1
    return tally


def _attempt(delivery: Delivery, now: Any) -> str:
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 - https only, checked on the subscription
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Golden Thread webhooks",
            "X-Golden-Thread-Event": delivery.event,
            "X-Golden-Thread-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: sign(delivery.subscription.secret, int(time.time()), body),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            delivery.last_status_code = answer.status
        delivery.last_error = ""
        delivered = 200 <= (delivery.last_status_code or 0) < 300
    except urllib.error.HTTPError as refused:
        delivery.last_status_code, delivery.last_error = refused.code, str(refused.reason)[:300]
        delivered = False
    except (urllib.error.URLError, TimeoutError, OSError) as unreachable:
        delivery.last_status_code, delivery.last_error = None, str(unreachable)[:300]
        delivered = False
    if delivered:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, now
        outcome = "delivered"
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        outcome = "failed"
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        outcome = "retrying"
    delivery.save()
    return outcome
