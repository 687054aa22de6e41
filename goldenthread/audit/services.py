"""The one way to append to the audit trail.

Callers that disclose personal data call `audit_record` (or `audit_disclosures` for a
list page) *before* they build the response: if the append fails the exception
propagates and the person receives an error page, never the data (fail closed).
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from goldenthread.audit.append_queue import queued
from goldenthread.audit.chain import canonical_parts, compute_mac_from_parts
from goldenthread.audit.models import Action, AuditEvent, ChainHead
from goldenthread.bulk import bulk_insert
from goldenthread.text import printable_json


def audit_record(
    *,
    action: Action,
    actor: Any = None,
    request: HttpRequest | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    subject_person_id: int | None = None,
    categories: Iterable[str] = (),
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    event = _event(
        request,
        actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_person_id=subject_person_id,
        categories=sorted(categories),
        purpose=purpose,
        detail=printable_json(detail or {}),
    )
    _append([event])
    return event


def audit_records(
    *,
    action: Action,
    actor: Any = None,
    request: HttpRequest | None = None,
    entries: Iterable[tuple[models.Model, int | None, dict[str, Any]]],
) -> None:
    """audit_record for many objects written together, each entry (object, subject person,
    detail): one event each, written as one insert after one lock of the chain head."""
    events = [
        _event(
            request,
            actor,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            subject_person_id=subject,
            categories=[],
            purpose="",
            detail=printable_json(detail),
        )
        for obj, subject, detail in entries
    ]
    if events:
        _append(events)


# The fields of a disclosure event that come from the request, not from the person shown.
SHARED_FIELDS = (
    "at",
    "actor_id",
    "actor_label",
    "organization_id",
    "site_id",
    "request_id",
    "ip",
    "action",
    "object_type",
)


def audit_disclosures(
    *,
    request: HttpRequest | None,
    actor: Any = None,
    action: Action,
    disclosed: dict[int, Iterable[str]],
    object_type: str = "people.person",
    detail: dict[str, Any] | None = None,
    site_id: int | None = None,
) -> None:
    """One event per person shown on a list or search page (or sent in an export), so
    "who saw my information" counts those too; written as one insert after one lock of the
    chain head. The actor is the request's user, and the site the request's, unless given
    (as a command run on the server gives them)."""
    if not disclosed:
        return
    # Who, where and when are the same for every name on the page: worked out once, then
    # copied into each event.
    shared = _event(request, actor, action=action, object_type=object_type)
    common = {name: getattr(shared, name) for name in SHARED_FIELDS}
    if common["site_id"] is None:
        common["site_id"] = site_id
    cleaned = printable_json(detail or {})
    events = [
        AuditEvent(
            **common,
            object_id=str(person_id),
            subject_person_id=person_id,
            categories=sorted(categories),
            detail=cleaned,
        )
        for person_id, categories in disclosed.items()
    ]
    _append(events)


def _event(request: HttpRequest | None, actor: Any, **fields: Any) -> AuditEvent:
    """An unchained event carrying who, where and when from the request."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    membership = getattr(request, "membership", None) if request is not None else None
    return AuditEvent(
        at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=actor.get_username() if actor is not None else "",
        organization_id=membership.organization_id if membership else None,
        site_id=membership.organization.site_id if membership else None,
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip=_client_ip(request),
        **fields,
    )


def _append(events: list[AuditEvent]) -> None:
    # Serialised before the turn on the chain: every appender waits while the one holding
    # it works, so the turn holds only the numbering, the signing and the writes.
    parts = [canonical_parts(event) for event in events]
    with queued(), transaction.atomic():
        _chain(events, parts)


def _chain(events: list[AuditEvent], parts: list[tuple[bytes, bytes]]) -> None:
    # Locking the head row serialises appenders, so positions never collide or skip.
    head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
    mac = head.mac
    for offset, (event, event_parts) in enumerate(zip(events, parts, strict=True), start=1):
        event.position = head.position + offset
        event.mac = mac = compute_mac_from_parts(mac, event_parts, event.position)
    bulk_insert(AuditEvent, events)
    head.position, head.mac = events[-1].position, events[-1].mac
    head.save(update_fields=["position", "mac"])


def _client_ip(request: HttpRequest | None) -> str | None:
    # Normalised the way the column stores it, so the chained value equals the stored one.
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEvent._meta.get_field("ip").to_python(address) if address else None
