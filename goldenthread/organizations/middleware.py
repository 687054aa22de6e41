from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from goldenthread.organizations.selectors import active_membership, memberships_of

SESSION_MEMBERSHIP = "gt_membership"


class ActiveMembershipMiddleware:
    """Attaches the organization and role the user is acting for (`request.membership`).

    Someone in several organizations picks one; the choice lives in the session and is
    re-checked on every request, so a deactivated membership stops counting at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.memberships = []  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            request.memberships = list(memberships_of(request.user).order_by("pk"))  # type: ignore[attr-defined]
            request.membership = active_membership(  # type: ignore[attr-defined]
                request.memberships,  # type: ignore[attr-defined]
                request.session.get(SESSION_MEMBERSHIP),
            )
        return self.get_response(request)
