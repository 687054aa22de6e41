"""Governance: the policy registry and the Community Leadership Team roster are the site's
own business, readable by everyone who works there and kept by Policy Coordinating Group
members; the public reads only published versions in force, on the site's public page."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.accounts.models import User
from goldenthread.conferencing.models import GroupKind, Meeting
from goldenthread.governance.models import CommunityMember, Policy, PolicyVersion, PublicPage
from goldenthread.organizations.models import Membership, Site


def may_keep_policies(membership: Membership | None) -> bool:
    return can(membership, Capability.KEEP_POLICIES)


def _site_of(membership: Membership | None) -> int:
    """The member's site; 0 (no site) for no active membership, so every list is empty."""
    if membership is None or not membership.is_active:
        return 0
    return membership.organization.site_id


def policies_visible_to(membership: Membership | None) -> QuerySet[Policy]:
    return Policy.objects.filter(site_id=_site_of(membership))


def access_policy(membership: Membership | None, pk: Any) -> Policy:
    policy: Policy = visible_one(policies_visible_to(membership), pk)
    return policy


def access_policy_version(membership: Membership | None, pk: Any) -> PolicyVersion:
    versions = PolicyVersion.objects.filter(policy__in=policies_visible_to(membership))
    version: PolicyVersion = visible_one(versions.select_related("policy"), pk)
    return version


def approval_meetings(membership: Membership | None) -> QuerySet[Meeting]:
    """Meetings of the site's Policy Coordinating Group that have taken place."""
    return Meeting.objects.filter(
        work_group__site_id=_site_of(membership),
        work_group__kind=GroupKind.POLICY,
        starts_at__lte=timezone.now(),
    ).select_related("work_group")


def approval_candidates(membership: Membership | None) -> QuerySet[User]:
    """Who may be named as approving a version: anyone recorded at one of those meetings
    (the service checks the meeting chosen)."""
    attended = approval_meetings(membership)
    return User.objects.filter(meetings_attended__in=attended).distinct().order_by("username")


def community_members_visible_to(membership: Membership | None) -> QuerySet[CommunityMember]:
    return CommunityMember.objects.filter(site_id=_site_of(membership))


def access_community_member(membership: Membership | None, pk: Any) -> CommunityMember:
    member: CommunityMember = visible_one(community_members_visible_to(membership), pk)
    return member


def public_site(slug: str) -> Site:
    """A site's public page: anyone may read it, no account needed."""
    site: Site = get_object_or_404(Site, slug=slug)
    return site


def public_versions(site: Site) -> list[PolicyVersion]:
    """Each policy's version in force today, as the public reads them."""
    today = site.today()
    in_force = (
        PolicyVersion.objects.filter(
            policy__site=site, published_at__isnull=False, effective_on__lte=today
        )
        .select_related("policy", "approved_at__work_group")
        .order_by("policy__kind", "policy__title", "-effective_on", "-number")
    )
    current: dict[int, PolicyVersion] = {}
    for version in in_force:
        current.setdefault(version.policy_id, version)
    return list(current.values())


def public_community_members(site: Site) -> QuerySet[CommunityMember]:
    return CommunityMember.objects.filter(site=site, left_on__isnull=True)


def public_page_of(site: Site) -> PublicPage | None:
    return PublicPage.objects.filter(site=site).first()
