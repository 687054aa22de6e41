"""Identity resolution: who decides possible matches and merges, over which site.

Part of the one access policy (goldenthread.access.policy).
"""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.identity.models import MatchProposal, Merge
from goldenthread.organizations.models import Membership


def proposals_visible_to(membership: Membership | None) -> QuerySet[MatchProposal]:
    """A site's possible matches, for those who keep its list of people."""
    if not can(membership, Capability.REVIEW_IDENTITY):
        return MatchProposal.objects.none()
    assert membership is not None
    return MatchProposal.objects.filter(site_id=membership.organization.site_id)


def merges_visible_to(membership: Membership | None) -> QuerySet[Merge]:
    if not can(membership, Capability.REVIEW_IDENTITY):
        return Merge.objects.none()
    assert membership is not None
    return Merge.objects.filter(site_id=membership.organization.site_id)


def access_proposal(membership: Membership | None, pk: Any) -> MatchProposal:
    proposal: MatchProposal = visible_one(proposals_visible_to(membership), pk)
    return proposal


def access_merge(membership: Membership | None, pk: Any) -> Merge:
    merge: Merge = visible_one(merges_visible_to(membership), pk)
    return merge
