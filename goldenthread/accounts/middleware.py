"""Session limits and the second factor, enforced on every request."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.selectors import has_confirmed_totp

SESSION_AUTH_AT = "gt_auth_at"
SESSION_LAST_SEEN = "gt_last_seen"
LAST_SEEN_PRECISION_SECONDS = 60


def session_started(request: HttpRequest) -> None:
    """Called once at sign-in: the clocks for both limits start now."""
    now = timezone.now().timestamp()
    request.session[SESSION_AUTH_AT] = now
    request.session[SESSION_LAST_SEEN] = now


class SessionLimitsMiddleware:
    """Ends a session idle for SESSION_IDLE_TIMEOUT or older than SESSION_ABSOLUTE_TIMEOUT.

    Ending means the server-side session is flushed, so the old cookie is worthless.
    A session without the sign-in clock did not come through the sign-in flow and is
    ended as well.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            auth_at = request.session.get(SESSION_AUTH_AT)
            last_seen = request.session.get(SESSION_LAST_SEEN)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if (
                auth_at is None
                or last_seen is None
                or now - last_seen > idle
                or now - auth_at > absolute
            ):
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            # Refreshed at most once a minute (the idle limit is in minutes): saving the
            # session on every request would make every page view a database write.
            if now - last_seen >= LAST_SEEN_PRECISION_SECONDS:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


def mfa_not_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks the views a signed-in user may reach before the second factor (the MFA steps)."""
    view.mfa_exempt = True  # type: ignore[attr-defined]
    return view


class RequireMFAMiddleware:
    """No page or API call that is not public is served before the second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None  # public views, and the token-authenticated API
        if getattr(view_func, "mfa_exempt", False):
            return None
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
            step = "accounts:mfa_verify" if has_confirmed_totp(user) else "accounts:mfa_setup"
            return redirect_to_login(request.get_full_path(), login_url=step)
        return None
