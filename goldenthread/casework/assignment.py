"""Putting a participant on a case manager's caseload, at enrollment or by reassignment,
within the site's limits: a warning above its warning level, and above its maximum only
with a supervisor's reason (lead-domain.md 3: "under no circumstances" more than 25)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import Assignment
from goldenthread.organizations.models import Membership, OrganizationKind, Role
from goldenthread.people.models import Person
from goldenthread.referrals.capacity import caseload_of


def _take_a_place(acting: Membership, case_manager: Membership, override_reason: str) -> str:
    """Checks the case manager and the limits; returns a warning, or "" when within them."""
    site = acting.organization.site
    if (
        case_manager.role != Role.CASE_MANAGER
        or not case_manager.is_active
        or case_manager.organization.kind != OrganizationKind.CASE_MANAGEMENT
        or case_manager.organization.site_id != site.pk
    ):
        raise ValidationError(
            {"case_manager": _("Choose an active case manager of this site's providers.")}
        )
    # Lock the case manager so two assignments at once cannot both take the last place.
    User.objects.select_for_update().get(pk=case_manager.user_id)
    after = caseload_of(case_manager.user_id) + 1
    if after > site.caseload_max:
        if acting.role != Role.SUPERVISOR or not override_reason.strip():
            raise ValidationError(
                {
                    "case_manager": _(
                        "%(name)s would have %(count)s participants, above the site's maximum of %(max)s. A supervisor may override with a reason."
                    )
                    % {"name": case_manager.user, "count": after, "max": site.caseload_max}
                }
            )
        return _("Above the caseload maximum by supervisor override.")
    if after > site.caseload_warn:
        return _(
            "%(name)s now has %(count)s participants, above the site's warning level of %(warn)s."
        ) % {"name": case_manager.user, "count": after, "warn": site.caseload_warn}
    return ""


@transaction.atomic
def caseload_assign(
    *,
    actor: User,
    acting: Membership,
    person: Person,
    case_manager: Membership,
    reason: str = "",
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> str:
    """The one place a participant's case manager changes; the history keeps every change.
    Returns the warning, if any."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.case_manager_id == case_manager.user_id:
        raise ValidationError({"case_manager": _("This is already their case manager.")})
    warning = _take_a_place(acting, case_manager, override_reason)
    Assignment.objects.create(
        person=locked,
        from_case_manager_id=locked.case_manager_id,
        to_case_manager_id=case_manager.user_id,
        reason=" ".join(part for part in (reason.strip(), override_reason.strip()) if part),
        actor=actor,
    )
    before = locked.case_manager_id
    locked.case_manager_id = case_manager.user_id
    locked.assigned_organization_id = case_manager.organization_id
    locked.save(update_fields=["case_manager", "assigned_organization"])
    person.case_manager_id = locked.case_manager_id
    person.assigned_organization_id = locked.assigned_organization_id
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.pk,
        detail={
            "case_manager": case_manager.user_id,
            "before": before,
            "override": override_reason.strip(),
        },
    )
    return warning
