"""Referrals: who may refer through which door, and who sees which referrals.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from goldenthread.access.policy.roles import visible_one
from goldenthread.eligibility.models import RuleSet
from goldenthread.organizations.models import Membership, OrganizationKind, Role
from goldenthread.referrals.models import OPEN_STATUSES, Door, Referral

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


def referrals_visible_to(membership: Membership | None) -> QuerySet[Referral]:
    if membership is None or not membership.is_active:
        return Referral.objects.none()
    mine = Q(referrer_id=membership.user_id)
    if may_see_referral_queue(membership):
        return Referral.objects.filter(Q(site_id=membership.organization.site_id) | mine)
    return Referral.objects.filter(mine, site_id=membership.organization.site_id)


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
