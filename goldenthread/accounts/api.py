from typing import Literal

from ninja import Field, Router, Schema

from goldenthread.accounts.services import user_update_profile
from goldenthread.api_shapes import StrictIn, example
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership
from goldenthread.organizations.selectors import memberships_of
from goldenthread.text import PlainText
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["account"])


MEMBERSHIP_EXAMPLE = {
    "id": 12,
    "organization": "Evergreen Treatment Services",
    "organization_kind": "case_management",
    "role": "case_manager",
    "site": "cascade",
}


class MembershipOut(Schema):
    model_config = example(MEMBERSHIP_EXAMPLE)

    id: int
    organization: str
    organization_kind: str
    role: str
    site: str


class MeOut(Schema):
    model_config = example(
        {
            "username": "ngozi",
            "display_name": "Ngozi Okafor",
            "acting_as": MEMBERSHIP_EXAMPLE,
            "memberships": [MEMBERSHIP_EXAMPLE],
        }
    )

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


class MeUpdate(StrictIn):
    model_config = example({"display_name": "Ngozi Okafor", "preferred_language": "es"})

    display_name: PlainText | None = Field(
        None, min_length=1, max_length=150, examples=["Ngozi Okafor"]
    )
    preferred_language: Literal["en", "es"] | None = Field(None, examples=["es"])


@router.get(
    "/me", response=MeOut, auth=token_auth(Scope.ACCOUNT_READ), summary="Who this token acts as"
)
def me(request: AuthedRequest) -> MeOut:
    return _me_out(request)


@router.patch(
    "/me",
    response=MeOut,
    auth=token_auth(Scope.ACCOUNT_WRITE),
    summary="Change your name or language",
)
def me_update(request: AuthedRequest, payload: MeUpdate) -> MeOut:
    user_update_profile(
        actor=request.user,
        user=request.user,
        request=request,
        **payload.model_dump(exclude_unset=True),
    )
    return _me_out(request)


def _me_out(request: AuthedRequest) -> MeOut:
    assert request.membership is not None
    return MeOut(
        username=request.user.username,
        display_name=str(request.user),
        acting_as=_membership_out(request.membership),
        memberships=[_membership_out(m) for m in memberships_of(request.user)],
    )
