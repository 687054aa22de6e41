"""Every write of case management, each one transaction with its audit event."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import NOTE_MAX_LENGTH, Contact, NeedDomain
from goldenthread.organizations.models import Membership
from goldenthread.people.models import EngagementStatus, Person


@transaction.atomic
def contact_log(
    *,
    actor: User,
    membership: Membership,
    person: Person,
    occurred_at: datetime,
    mode: str,
    place: str,
    substantive: bool = False,
    domains: list[str] | None = None,
    note: str = "",
    sharing: str = "team",
    request: HttpRequest | None = None,
) -> Contact:
    """One contact. Refused, naming the field, for a time in the future or before the
    person was born, and for a closed participant (reopen first)."""
    errors: dict[str, str] = {}
    if occurred_at > timezone.now() + timedelta(minutes=5):
        errors["occurred_at"] = _("The contact cannot be in the future.")
    elif person.date_of_birth and occurred_at.date() < person.date_of_birth:
        errors["occurred_at"] = _("The contact cannot be before the person was born.")
    if person.engagement_status == EngagementStatus.CLOSED:
        errors["person"] = _("This participant's case is closed. Reopen it to log contacts.")
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("A note holds at most %(max)s characters; this one has %(length)s.") % {
            "max": NOTE_MAX_LENGTH,
            "length": len(note),
        }
    if set(domains or []) - set(NeedDomain.values):
        errors["domains"] = _("Unknown domain.")
    if errors:
        raise ValidationError(errors)
    contact = Contact(
        person=person,
        staff=actor,
        organization=membership.organization,
        occurred_at=occurred_at,
        mode=mode,
        place=place,
        substantive=substantive,
        domains=domains or [],
        note=note,
        sharing=sharing,
    )
    contact.full_clean()
    contact.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=contact,
        subject_person_id=person.pk,
        categories=["case_notes"],
    )
    return contact
