from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.access.models import BreakGlass
from goldenthread.access.policy import BREAK_GLASS_LIFETIME, may_break_glass
from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person


@transaction.atomic
def break_glass_open(
    *,
    actor: User,
    membership: Membership,
    person: Person,
    reason: str,
    medical_emergency: bool,
    request: HttpRequest | None = None,
) -> BreakGlass:
    if not may_break_glass(membership) or person.site_id != membership.organization.site_id:
        raise ValidationError(_("Your role cannot open records in an emergency."))
    now = timezone.now()
    grant = BreakGlass(
        site=person.site,
        user=actor,
        organization=membership.organization,
        person=person,
        reason=reason.strip(),
        medical_emergency=medical_emergency,
        opened_at=now,
        expires_at=now + BREAK_GLASS_LIFETIME,
    )
    grant.full_clean()
    grant.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=grant,
        subject_person_id=person.pk,
        purpose="break-glass",
        detail={
            "reason": grant.reason,
            "medical_emergency": medical_emergency,
            "flag": "break-glass",
        },
    )
    return grant


@transaction.atomic
def break_glass_review(
    *, actor: User, grant: BreakGlass, note: str, request: HttpRequest | None = None
) -> None:
    grant.reviewed_by = actor
    grant.reviewed_at = timezone.now()
    grant.review_note = note.strip()
    grant.full_clean()
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=grant,
        subject_person_id=grant.person_id,
    )
