from ninja import Router, Schema

from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership
from goldenthread.organizations.selectors import memberships_of
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["account"])


class MembershipOut(Schema):
    id: int
    organization: str
    organization_kind: str
    role: str
    site: str


class MeOut(Schema):
    username: str
    display_name: str
    acting_as: MembershipOut
    memberships: list[MembershipOut]


def _membership_out(membership: Membership) -> MembershipOut:
    return MembershipOut(
        id=membership.pk,
        organization=membership.organization.name,
        organization_kind=membership.organization.kind,
        role=membership.role,
        site=membership.organization.site.slug,
    )


@router.get(
    "/me", response=MeOut, auth=token_auth(Scope.ACCOUNT_READ), summary="Who this token acts as"
)
def me(request: AuthedRequest) -> MeOut:
    assert request.membership is not None
    return MeOut(
        username=request.user.username,
        display_name=str(request.user),
        acting_as=_membership_out(request.membership),
        memberships=[_membership_out(m) for m in memberships_of(request.user)],
    )
