"""The keyed hash chain that makes tampering with the audit trail detectable.

mac(n) = HMAC-SHA256(key, mac(n-1) || canonical(row n)), with mac(0) = "". The key lives in
settings (GT_AUDIT_KEY), not in the database, so someone who can write to the database
cannot forge a consistent chain.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from goldenthread.audit.models import AuditEvent, ChainHead

CHAINED_FIELDS = (
    "position",
    "at",
    "actor_id",
    "actor_label",
    "organization_id",
    "site_id",
    "action",
    "object_type",
    "object_id",
    "subject_person_id",
    "categories",
    "purpose",
    "request_id",
    "ip",
    "detail",
)


def canonical(event: AuditEvent) -> bytes:
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    values["at"] = event.at.isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_mac(previous_mac: str, event: AuditEvent) -> str:
    message = previous_mac.encode() + b"|" + canonical(event)
    return hmac.new(settings.AUDIT_HMAC_KEY, message, hashlib.sha256).hexdigest()


# In canonical form the position always sits between the key before it and "purpose",
# the key after it; what follows holds no JSON object, so the last such run is the one.
_AROUND_POSITION = b',"position":0,"purpose":'


def canonical_parts(event: AuditEvent) -> tuple[bytes, bytes]:
    """canonical(event) cut where its position goes, so that an appender can serialise
    its events before it takes its turn on the chain and only number and sign them during
    it: joined around a position n, the parts are canonical(event) at position n."""
    position, event.position = event.position, 0
    try:
        text = canonical(event)
    finally:
        event.position = position
    before, after = text.rsplit(_AROUND_POSITION, 1)
    return before + b',"position":', b',"purpose":' + after


def compute_mac_from_parts(previous_mac: str, parts: tuple[bytes, bytes], position: int) -> str:
    """compute_mac for an event at `position`, from its canonical_parts."""
    message = previous_mac.encode() + b"|" + parts[0] + str(position).encode() + parts[1]
    return hmac.new(settings.AUDIT_HMAC_KEY, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_position: int | None = None
    reason: str = ""


def verify(events: Iterable[AuditEvent], head: ChainHead | None) -> Verdict:
    """Walk the trail in position order and report the first position that breaks."""
    previous_mac = ""
    expected = 1
    for event in events:
        if event.position != expected:
            return Verdict(
                False,
                expected - 1,
                expected,
                f"expected position {expected}, found {event.position}",
            )
        if not hmac.compare_digest(event.mac, compute_mac(previous_mac, event)):
            return Verdict(False, expected - 1, expected, "contents do not match the chain")
        previous_mac = event.mac
        expected += 1
    last = expected - 1
    head_position = head.position if head else 0
    head_mac = head.mac if head else ""
    if last != head_position or previous_mac != head_mac:
        return Verdict(
            False,
            last,
            last + 1 if last < head_position else head_position + 1,
            f"trail ends at {last} but the chain head records {head_position}",
        )
    return Verdict(True, last)
