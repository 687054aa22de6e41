from django.db.models import QuerySet

from goldenthread.accounts.models import User
from goldenthread.organizations.models import Membership, Organization


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, is_active=True, organization__is_active=True
    ).select_related("organization", "organization__site")


def active_membership(memberships: list[Membership], chosen_id: object) -> Membership | None:
    """The membership chosen in the session if it is still active, else the oldest one."""
    for membership in memberships:
        if membership.pk == chosen_id:
            return membership
    return memberships[0] if memberships else None


def organization_names(site_id: int) -> dict[int, str]:
    """Names of a site's partners, for reports that show who acted. Not personal data."""
    return dict(Organization.objects.filter(site_id=site_id).values_list("pk", "name"))
