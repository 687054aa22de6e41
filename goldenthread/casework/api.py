"""Contacts over the API, for field apps: the same policy, services and audit as the pages."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from goldenthread.access.policy import access_person, contacts_visible_to, may_log_contact
from goldenthread.access.sharing import NoteSharing
from goldenthread.api_shapes import (
    Key,
    Moment,
    PageOut,
    Paging,
    StrictIn,
    example,
    page_example,
    page_of,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import (
    NOTE_MAX_LENGTH,
    Contact,
    ContactMode,
    NeedDomain,
    PlaceType,
)
from goldenthread.casework.services import contact_log
from goldenthread.http import AuthedRequest
from goldenthread.text import printable
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["case management"])


CONTACT_EXAMPLE = {
    "id": 90211,
    "occurred_at": "2026-11-28T16:20:00Z",
    "staff": "Ngozi Okafor",
    "mode": "in_person",
    "place": "encampment",
    "substantive": True,
    "domains": ["housing", "legal"],
    "note": "Walked through the housing application; court reminder for Tuesday.",
    "sharing": "team",
}


class ContactIn(StrictIn):
    model_config = example(
        {
            key: CONTACT_EXAMPLE[key]
            for key in ("occurred_at", "mode", "place", "substantive", "domains", "note")
        }
    )

    occurred_at: Moment | None = Field(None, description="Defaults to now.")
    mode: ContactMode
    place: PlaceType
    substantive: bool = False
    domains: list[NeedDomain] = []
    note: str = Field("", max_length=NOTE_MAX_LENGTH)
    sharing: NoteSharing = NoteSharing.TEAM


class ContactOut(Schema):
    model_config = example(CONTACT_EXAMPLE)

    id: int
    occurred_at: datetime
    staff: str
    mode: str
    place: str
    substantive: bool
    domains: list[str]
    note: str
    sharing: str


class ContactPage(PageOut):
    model_config = page_example(CONTACT_EXAMPLE)

    items: list[ContactOut]


def _out(contact: Contact) -> ContactOut:
    return ContactOut(
        id=contact.pk,
        occurred_at=contact.occurred_at,
        staff=str(contact.staff),
        mode=contact.mode,
        place=contact.place,
        substantive=contact.substantive,
        domains=contact.domains,
        note=contact.note,
        sharing=contact.sharing,
    )


@router.get(
    "/people/{person_id}/contacts",
    response=ContactPage,
    auth=token_auth(Scope.CASEWORK_READ),
    summary="Contacts with a participant that you may read, newest first",
)
def contact_list(request: AuthedRequest, person_id: Key, paging: Query[Paging]) -> ContactPage:
    person = access_person(request.membership, person_id)
    contacts = contacts_visible_to(request.membership, person).select_related("staff")
    rows, page = page_of(contacts, paging)
    audit_record(
        action=Action.LIST,
        request=request,
        obj=person,
        subject_person_id=person.pk,
        categories=["case_notes"],
        detail={"contacts": len(rows), "api": True},
    )
    return ContactPage(**page, items=[_out(c) for c in rows])


@router.post(
    "/people/{person_id}/contacts",
    response={201: ContactOut},
    auth=token_auth(Scope.CASEWORK_WRITE),
    summary="Log a contact",
)
def contact_create(
    request: AuthedRequest, person_id: Key, payload: ContactIn
) -> Status[ContactOut]:
    person = access_person(request.membership, person_id)
    if not may_log_contact(request.membership, person):
        raise PermissionDenied
    # A refused contact raises ValidationError: the API answers 422 naming each field.
    contact = contact_log(
        actor=request.user,
        membership=request.membership,  # type: ignore[arg-type]
        person=person,
        occurred_at=payload.occurred_at or timezone.now(),
        mode=payload.mode,
        place=payload.place,
        substantive=payload.substantive,
        domains=[str(d) for d in payload.domains],
        note=printable(payload.note, keep_newlines=True),
        sharing=payload.sharing,
        request=request,
    )
    return Status(201, _out(contact))
