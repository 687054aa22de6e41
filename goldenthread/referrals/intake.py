"""Every write of the intake stage: outreach attempts, enrollment with caseload limits, and
the liaison prosecutor's record of the held charge."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.assignment import caseload_assign
from goldenthread.casework.services import engagement_change
from goldenthread.organizations.models import Membership
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.clock import intake_was_timely, is_overdue
from goldenthread.referrals.models import (
    Door,
    HoldOutcome,
    OutreachAttempt,
    Referral,
    ReferralStatus,
)
from goldenthread.referrals.services import referral_transition

S = ReferralStatus


@transaction.atomic
def referral_record_outreach(
    *,
    actor: User,
    referral: Referral,
    found: bool,
    note: str = "",
    request: HttpRequest | None = None,
) -> OutreachAttempt:
    """One try at finding the person; "not found" puts them on the cannot-be-found list."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in (S.APPROVED, S.AWAITING_INTAKE):
        raise ValidationError(_("Outreach is for referrals waiting for intake."))
    attempt = OutreachAttempt(referral=locked, actor=actor, found=found, note=note)
    attempt.full_clean()
    attempt.save()
    if found:
        locked.cannot_find_since = None
    elif locked.cannot_find_since is None:
        locked.cannot_find_since = attempt.at
    locked.save(update_fields=["cannot_find_since"])
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=attempt,
        subject_person_id=locked.person_id,
        detail={"found": found},
    )
    referral.cannot_find_since = locked.cannot_find_since
    return attempt


@transaction.atomic
def referral_enroll(
    *,
    actor: User,
    acting: Membership,
    referral: Referral,
    case_manager: Membership,
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> tuple[Referral, str]:
    """A completed intake: the person is enrolled and on the case manager's caseload.
    Returns (referral, warning). Above the site's maximum only a supervisor may enroll, and
    only with a reason (lead-domain.md 3: "under no circumstances" more than 25)."""
    if referral.site_id != acting.organization.site_id:
        raise ValidationError(_("This referral belongs to another site."))
    warning = ""
    if referral.person.case_manager_id != case_manager.user_id:  # a re-referral may not move
        warning = caseload_assign(
            actor=actor,
            acting=acting,
            person=referral.person,
            case_manager=case_manager,
            reason=_("Enrolled through referral %(code)s.") % {"code": referral.receipt_code},
            override_reason=override_reason,
            request=request,
        )
    if referral.status == S.APPROVED:
        referral_transition(actor=actor, referral=referral, to=S.AWAITING_INTAKE, request=request)
    referral_transition(
        actor=actor,
        referral=referral,
        to=S.ENROLLED,
        reason=override_reason.strip(),
        request=request,
    )
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(intake_completed_at=now, cannot_find_since=None)
    referral.intake_completed_at = now
    person = Person.objects.select_for_update().get(pk=referral.person_id)
    if person.engagement_status != EngagementStatus.ACTIVE:
        engagement_change(
            actor=actor,
            person=person,
            to=EngagementStatus.ACTIVE,
            note=_("Enrolled through referral %(code)s.") % {"code": referral.receipt_code},
            request=request,
        )
    return referral, warning


@transaction.atomic
def referral_record_hold(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    request: HttpRequest | None = None,
) -> Referral:
    """The liaison prosecutor's record of the held charge. Not filed needs a timely intake;
    returned needs the window to have lapsed (or the referral to have closed without one)."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.door != Door.ARREST_DIVERSION:
        raise ValidationError(_("Only arrest diversions hold a charge."))
    if locked.hold_outcome:
        raise ValidationError(_("The outcome is already recorded."))
    if outcome == HoldOutcome.NOT_FILED and not intake_was_timely(locked):
        raise ValidationError(_("Not filed needs an intake completed within the window."))
    if outcome == HoldOutcome.RETURNED:
        closed = locked.status in (S.DECLINED, S.WITHDRAWN, S.INTAKE_LAPSED)
        if intake_was_timely(locked) or not (closed or is_overdue(locked)):
            raise ValidationError(
                _("The charge returns only after the window lapses without a timely intake.")
            )
    if outcome not in HoldOutcome.values:
        raise ValidationError(_("Unknown outcome."))
    locked.hold_outcome = outcome
    locked.hold_outcome_at = timezone.now()
    locked.save(update_fields=["hold_outcome", "hold_outcome_at"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        detail={"hold_outcome": outcome},
    )
    return locked
