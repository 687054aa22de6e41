"""Exports to a continuum of care's HMIS: who may send one, and to which organizations.

What an export carries of each person is what that person's releases share with the
receiving HMIS organization (participants.people_released_to, categories_released_to).
"""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.organizations.models import Membership, Organization, OrganizationKind


def hmis_recipients(membership: Membership | None) -> QuerySet[Organization]:
    """The site's active HMIS organizations, for a member who may export to them."""
    if membership is None or not can(membership, Capability.EXPORT_HMIS):
        return Organization.objects.none()
    return Organization.objects.filter(
        site_id=membership.organization.site_id, kind=OrganizationKind.HMIS, is_active=True
    ).order_by("name", "pk")


def access_hmis_recipient(membership: Membership | None, pk: Any) -> Organization:
    recipient: Organization = visible_one(hmis_recipients(membership), pk)
    return recipient
