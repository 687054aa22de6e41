"""Writes of legal coordination by people (feeds write through legal.feeds): notes on a
matter, each audited."""

from django.db import transaction
from django.http import HttpRequest

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.legal.models import CoordinationNote, LegalMatter, NoteKind
from goldenthread.organizations.models import Membership

AUDIT_CATEGORY: dict[str, str] = {
    NoteKind.COORDINATION: "legal_coordination",
    NoteKind.DEFENSE: "defense",
}


@transaction.atomic
def legal_note_add(
    *,
    actor: User,
    membership: Membership,
    matter: LegalMatter,
    kind: str,
    text: str,
    recommended_resolution: str = "",
    request: HttpRequest | None = None,
) -> CoordinationNote:
    note = CoordinationNote(
        matter=matter,
        kind=kind,
        author=actor,
        organization=membership.organization,
        text=text,
        recommended_resolution=recommended_resolution,
    )
    note.full_clean()
    note.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=note,
        subject_person_id=matter.person_id,
        categories=[AUDIT_CATEGORY[kind]],
    )
    return note
