"""The one authentication for the JSON API: a personal access token with scopes."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from goldenthread.tokens.models import ApiToken, Scope
from goldenthread.tokens.selectors import usable_token
from goldenthread.tokens.services import token_touch


class TokenAuth(HttpBearer):
    """Attaches the token's owner and membership to the request and checks one scope.

    No token or a dead one: 401. A live token without the scope: 403.
    """

    def __init__(self, scope: Scope | None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = usable_token(token)
        if api_token is None:
            return None
        if self.scope is not None and self.scope not in api_token.scopes:
            raise AuthorizationError(
                message=_("This token does not have the %(scope)s scope.") % {"scope": self.scope}
            )
        request.user = api_token.user
        request.membership = api_token.membership  # type: ignore[attr-defined]
        token_touch(api_token)
        return api_token


def token_auth(scope: Scope | None = None) -> list[Any]:
    """`auth=` for an API operation: `@router.get(..., auth=token_auth(Scope.X))`."""
    return [TokenAuth(scope)]
