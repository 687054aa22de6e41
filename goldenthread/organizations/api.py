from ninja import Router, Schema

from goldenthread.access.policy import directory_visible_to
from goldenthread.api_shapes import example
from goldenthread.http import AuthedRequest
from goldenthread.tokens.auth import token_auth
from goldenthread.tokens.models import Scope

router = Router(tags=["directory"])


class OrganizationOut(Schema):
    model_config = example({"id": 3, "name": "Cascade Police Department", "kind": "police"})

    id: int
    name: str
    kind: str


@router.get(
    "/organizations",
    response=list[OrganizationOut],
    auth=token_auth(Scope.DIRECTORY_READ),
    summary="The partner organizations of the token's site",
)
def organization_directory(request: AuthedRequest) -> list[OrganizationOut]:
    return [
        OrganizationOut(id=o.pk, name=o.name, kind=o.kind)
        for o in directory_visible_to(request.membership).order_by("name", "pk")
    ]
