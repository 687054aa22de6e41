"""Referrals: who may refer through which door, and who sees which referrals.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from goldenthread.access.policy.participants import categories_released_to, granted_categories
from goldenthread.access.policy.roles import visible_one
from goldenthread.consent.models import CategoryCode
from goldenthread.eligibility.models import RuleSet
from goldenthread.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Role,
    Site,
)
from goldenthread.referrals.models import (
    OPEN_STATUSES,
    Door,
    OffenseCode,
    Referral,
    ReferralStatus,
    ReferrerStatus,
    Via,
)

# The doors each kind of organization refers through.
DOORS_BY_KIND: dict[str, frozenset[str]] = {
    OrganizationKind.POLICE: frozenset({Door.ARREST_DIVERSION, Door.SOCIAL_CONTACT}),
    OrganizationKind.COMMUNITY_PARTNER: frozenset({Door.COMMUNITY}),
    OrganizationKind.BUSINESS: frozenset({Door.COMMUNITY}),
}
REFERRING_ROLES = frozenset({Role.OFFICER, Role.APPROVING_SERGEANT, Role.COMMUNITY_REFERRER})
# Who sees the whole site's referrals (the queue), besides the roles the site lets approve;
# everyone else sees the ones they made.
QUEUE_ROLES = frozenset({Role.PROJECT_MANAGER, Role.LIAISON_PROSECUTOR})
# Who screens referrals and moves them through the workflow; approval is the site's choice.
DECIDING_ROLES = frozenset({Role.PROJECT_MANAGER})
# The case-management provider's staff find approved people and complete their intake.
INTAKE_ROLES = frozenset({Role.CASE_MANAGER, Role.SUPERVISOR, Role.OUTREACH_WORKER})
ENROLLING_ROLES = frozenset({Role.CASE_MANAGER, Role.SUPERVISOR})
INTAKE_STATUSES = (ReferralStatus.APPROVED, ReferralStatus.AWAITING_INTAKE)
# What a referrer hears back: the workflow in plain terms; whether the person enrolled only
# where a release of information shares enrollment status with the referrer.
REFERRER_STATUS = {
    ReferralStatus.SUBMITTED: ReferrerStatus.IN_REVIEW,
    ReferralStatus.SCREENING: ReferrerStatus.IN_REVIEW,
    ReferralStatus.NEEDS_INFORMATION: ReferrerStatus.IN_REVIEW,
    ReferralStatus.APPROVED: ReferrerStatus.ACCEPTED,
    ReferralStatus.AWAITING_INTAKE: ReferrerStatus.ACCEPTED,
    ReferralStatus.DECLINED: ReferrerStatus.NOT_ACCEPTED,
    ReferralStatus.WITHDRAWN: ReferrerStatus.WITHDRAWN,
    ReferralStatus.ENROLLED: ReferrerStatus.INTAKE_CLOSED,
    ReferralStatus.INTAKE_LAPSED: ReferrerStatus.INTAKE_CLOSED,
}


def doors_for(membership: Membership | None) -> frozenset[str]:
    if membership is None or not membership.is_active or membership.role not in REFERRING_ROLES:
        return frozenset()
    return DOORS_BY_KIND.get(membership.organization.kind, frozenset())


def may_approve_referrals(membership: Membership | None) -> bool:
    """Approval belongs to the roles the site configured (project manager by default)."""
    return (
        membership is not None
        and membership.is_active
        and membership.role in membership.organization.site.referral_approver_roles
    )


def _does_intake(membership: Membership | None) -> bool:
    return (
        membership is not None
        and membership.is_active
        and membership.role in INTAKE_ROLES
        and membership.organization.kind == OrganizationKind.CASE_MANAGEMENT
    )


def referrals_visible_to(membership: Membership | None) -> QuerySet[Referral]:
    if membership is None or not membership.is_active:
        return Referral.objects.none()
    site = Q(site_id=membership.organization.site_id)
    mine = Q(referrer_id=membership.user_id)
    if may_see_referral_queue(membership):
        return Referral.objects.filter(site | mine)
    if _does_intake(membership):
        return Referral.objects.filter(site & (mine | Q(status__in=INTAKE_STATUSES)))
    return Referral.objects.filter(mine, site_id=membership.organization.site_id)


def intake_worklist(membership: Membership | None) -> QuerySet[Referral]:
    """Approved people not yet through intake, for outreach workers and case managers."""
    if not _does_intake(membership):
        return Referral.objects.none()
    assert membership is not None
    return Referral.objects.filter(
        site_id=membership.organization.site_id, status__in=INTAKE_STATUSES
    )


def may_record_outreach(membership: Membership | None) -> bool:
    return _does_intake(membership)


def may_enroll(membership: Membership | None) -> bool:
    return (
        _does_intake(membership)
        and membership is not None
        and Role(membership.role) in ENROLLING_ROLES
    )


def case_managers_for(membership: Membership | None) -> QuerySet[Membership]:
    """Whom an intake may assign: a case manager assigns themselves; a supervisor anyone."""
    if not may_enroll(membership):
        return Membership.objects.none()
    assert membership is not None
    managers = Membership.objects.filter(
        organization__site_id=membership.organization.site_id,
        organization__kind=OrganizationKind.CASE_MANAGEMENT,
        organization__is_active=True,
        role=Role.CASE_MANAGER,
        is_active=True,
        user__is_active=True,
    ).select_related("user", "organization")
    if membership.role == Role.CASE_MANAGER:
        return managers.filter(pk=membership.pk)
    return managers


def may_record_holds(membership: Membership | None) -> bool:
    return (
        membership is not None
        and membership.is_active
        and membership.role == Role.LIAISON_PROSECUTOR
    )


def holds_to_record(membership: Membership | None) -> QuerySet[Referral]:
    """The liaison prosecutor's held charges: arrest diversions with no outcome yet."""
    if not may_record_holds(membership):
        return Referral.objects.none()
    assert membership is not None
    return Referral.objects.filter(
        site_id=membership.organization.site_id,
        door=Door.ARREST_DIVERSION,
        hold_outcome="",
    )


def referrer_status(membership: Membership | None, referral: Referral) -> str:
    """The status as this reader may know it: in full for those who run the queue, in
    plain terms for the referrer, "enrolled" only under a release that shares it."""
    if may_see_referral_queue(membership) or _does_intake(membership):
        return referral.status
    if referral.status == ReferralStatus.ENROLLED:
        shared = granted_categories(membership, referral.person)
        if CategoryCode.ENROLLMENT_STATUS in shared:
            return ReferrerStatus.ENROLLED
    return REFERRER_STATUS[ReferralStatus(referral.status)]


def referrer_organization_status(organization: Organization, referral: Referral) -> str:
    """The status as the referring organization's own systems are told it (webhooks): in
    plain terms, and "enrolled" only under a release that shares enrollment status with
    that organization."""
    if referral.status == ReferralStatus.ENROLLED:
        shared = categories_released_to(organization, referral.person)
        if CategoryCode.ENROLLMENT_STATUS in shared:
            return ReferrerStatus.ENROLLED
    return REFERRER_STATUS[ReferralStatus(referral.status)]


def access_referral(membership: Membership | None, pk: Any) -> Referral:
    referral: Referral = visible_one(referrals_visible_to(membership).select_related("person"), pk)
    return referral


def access_referral_by_receipt(membership: Membership | None, receipt_code: str) -> Referral:
    referral = referrals_visible_to(membership).filter(receipt_code=receipt_code[:12]).first()
    if referral is None:
        raise Http404
    return referral


def may_decide_referrals(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active and membership.role in DECIDING_ROLES


def may_see_referral_queue(membership: Membership | None) -> bool:
    if membership is None or not membership.is_active:
        return False
    return membership.role in QUEUE_ROLES or may_approve_referrals(membership)


def referral_queue(membership: Membership | None) -> QuerySet[Referral]:
    """Open referrals of the site, for the queue."""
    if not may_see_referral_queue(membership):
        return Referral.objects.none()
    assert membership is not None
    return Referral.objects.filter(
        site_id=membership.organization.site_id, status__in=OPEN_STATUSES
    )


def rule_sets_visible_to(membership: Membership | None) -> QuerySet[RuleSet]:
    """Eligibility rules are the site's public policy: every member may read them."""
    if membership is None or not membership.is_active:
        return RuleSet.objects.none()
    return RuleSet.objects.filter(site_id=membership.organization.site_id)


def public_referral_site(slug: str) -> Site:
    """A site whose public referral form is on; any other answers 404, so the form's
    existence reveals nothing about sites that keep it off."""
    site = Site.objects.filter(slug=slug[:50], public_referrals_enabled=True).first()
    if site is None:
        raise Http404
    return site


def public_receipt(site: Site, code: str) -> Referral | None:
    """Only public-form referrals answer an anonymous receipt lookup."""
    return Referral.objects.filter(
        site=site, via=Via.PUBLIC, receipt_code=code.strip().upper()[:12]
    ).first()


def offense_codes_visible_to(membership: Membership | None) -> QuerySet[OffenseCode]:
    """The site's offense codes, like its rules, are policy every member may read."""
    if membership is None or not membership.is_active:
        return OffenseCode.objects.none()
    return OffenseCode.objects.filter(site_id=membership.organization.site_id)
