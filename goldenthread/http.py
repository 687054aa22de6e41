"""The request as views see it after the middleware has run."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from goldenthread.accounts.models import User
from goldenthread.organizations.models import Membership


class AuthedRequest(HttpRequest):
    user: User
    membership: Membership | None
    memberships: list[Membership]
    htmx: HtmxDetails
    request_id: str
