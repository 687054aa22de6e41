"""Insights are aggregate figures of one site: read by those who steer and evaluate it,
and published, suppressed, on the site's public dashboard. The data they are built from
(imports of police records and comparison cohorts) is kept by the project manager and the
evaluator; the equity band by the Policy Coordinating Group."""

from django.db.models import QuerySet

from goldenthread.access.policy.roles import Capability, can
from goldenthread.insights.models import DataImport, RejectedRow
from goldenthread.organizations.models import Membership, Role, Site


def may_view_insights(membership: Membership | None) -> bool:
    return can(membership, Capability.VIEW_INSIGHTS)


def may_keep_evaluation(membership: Membership | None) -> bool:
    return can(membership, Capability.KEEP_EVALUATION)


def may_set_equity_band(membership: Membership | None) -> bool:
    return can(membership, Capability.KEEP_POLICIES)


def insights_site(membership: Membership | None) -> Site | None:
    """The site whose figures this member reads, or None."""
    if not may_view_insights(membership) or membership is None:
        return None
    return membership.organization.site


def imports_visible_to(membership: Membership | None) -> QuerySet[DataImport]:
    if not may_keep_evaluation(membership) or membership is None:
        return DataImport.objects.none()
    return DataImport.objects.filter(site_id=membership.organization.site_id)


def rejects_visible_to(membership: Membership | None) -> QuerySet[RejectedRow]:
    return RejectedRow.objects.filter(data_import__in=imports_visible_to(membership))


def equity_alert_recipients(site: Site) -> QuerySet[Membership]:
    """Who is told when an equity index leaves the band: the site's PCG members."""
    return Membership.objects.filter(
        organization__site=site,
        organization__is_active=True,
        role=Role.PCG_MEMBER,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
