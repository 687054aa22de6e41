"""The JSON API at /api/v1/: one NinjaAPI, one error shape, token authentication everywhere.

Every operation names its scope with `token_auth(...)`; the default below makes an
operation that forgets still require a live token.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from goldenthread.accounts.api import router as accounts_router
from goldenthread.api_document import complete
from goldenthread.casework.api import router as casework_router
from goldenthread.conferencing.api import router as conferencing_router
from goldenthread.consent.api import router as consent_router
from goldenthread.legal.api import router as legal_router
from goldenthread.legal.feeds.importer import FeedRefused
from goldenthread.lodging.api import router as lodging_router
from goldenthread.organizations.api import router as organizations_router
from goldenthread.people.api import router as people_router
from goldenthread.plans.api import router as plans_router
from goldenthread.referrals.api import router as referrals_router
from goldenthread.text import whole_number
from goldenthread.tokens import idempotency, throttle
from goldenthread.tokens.auth import TokenAuth

logger = logging.getLogger(__name__)


class GoldenThreadApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return complete(super().get_openapi_schema(**kwargs))


api = GoldenThreadApi(
    title="Golden Thread API",
    version="1",
    description=(
        "The JSON API of a Golden Thread LEAD site. Authenticate with a personal access "
        "token (`Authorization: Bearer gt_...`) created on the API tokens page. Errors "
        'always have the shape `{"error": {"code", "message", "details"}}`.'
    ),
    auth=[TokenAuth(None)],
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/", organizations_router)
api.add_router("/", people_router)
api.add_router("/", consent_router)
api.add_router("/", referrals_router)
api.add_router("/", casework_router)
api.add_router("/", plans_router)
api.add_router("/", legal_router)
api.add_router("/", conferencing_router)
api.add_router("/", lodging_router)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {"location": list(e.get("loc", [])), "message": str(e.get("msg", ""))} for e in exc.errors
    ]
    return error_response(request, 422, "invalid", _("The request did not validate."), details)


@api.exception_handler(FeedRefused)
def _feed_refused(request: HttpRequest, exc: FeedRefused) -> HttpResponse:
    """A whole delivery refused (its columns): nothing of it was imported."""
    return error_response(request, 422, "refused", str(exc))


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service refused the input: say which field and why."""
    if hasattr(exc, "error_dict"):
        details = [
            {"location": ["body", field], "message": str(m)}
            for field, ms in exc.message_dict.items()
            for m in ms
        ]
    else:
        details = [{"location": ["body"], "message": str(m)} for m in exc.messages]
    return error_response(request, 422, "invalid", _("The request was refused."), details)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(
        request, 401, "unauthenticated", _("Send a valid personal access token as a Bearer token.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        415: "unsupported_media_type",
        429: "rate_limited",
    }
    return error_response(
        request, exc.status_code, codes.get(exc.status_code, "error"), str(exc.message)
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(
        request, 403, "forbidden", _("The participant's releases do not allow this.")
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("Not found."))


def _too_large_message() -> str:
    return _("The request body is too large: at most %(limit)s bytes.") % {
        "limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"
    }


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, "too_large", _too_large_message())


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error in request %s", getattr(request, "request_id", "?"))
    return error_response(
        request,
        500,
        "server_error",
        _("Something went wrong on our side. Quote request %(id)s if you report it.")
        % {"id": getattr(request, "request_id", "?")},
    )


def _shaped(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "details": []}}, status=status)


def _guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guards every operation before ninja parses the request, in the one error shape: the
    rate limit (429), bodies that are not JSON (415) or too large (413), methods a path
    lacks (405), and idempotency keys on creates (tokens.idempotency)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        usage = throttle.spend(request)
        if usage is not None and usage.spent:
            refusal = _shaped(
                429,
                "rate_limited",
                _("Too many requests from this token. Try again in %(seconds)s seconds.")
                % {"seconds": usage.reset},
            )
            refusal["Retry-After"] = str(usage.reset)
            return refusal
        response = _answered(view, request, *args, **kwargs)
        if usage is not None:
            response["RateLimit-Limit"] = str(usage.limit)
            response["RateLimit-Remaining"] = str(usage.remaining)
            response["RateLimit-Reset"] = str(usage.reset)
        return response

    return guarded


def _answered(
    view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    if request.method in {"POST", "PUT", "PATCH"}:
        length = request.META.get("CONTENT_LENGTH") or "0"
        size = whole_number(length)
        if size is None or size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return _shaped(413, "too_large", _too_large_message())
        if size and request.content_type != "application/json":
            return _shaped(415, "unsupported_media_type", _("Send the body as application/json."))
    key = request.headers.get(idempotency.HEADER, "")
    if request.method == "POST" and key:
        if len(key) > idempotency.MAX_KEY_LENGTH or not key.isprintable():
            return _shaped(
                400,
                "bad_request",
                _("An Idempotency-Key is printable text of at most %(n)s characters.")
                % {"n": idempotency.MAX_KEY_LENGTH},
            )
        try:
            response = idempotency.answer_once(request, key, lambda: view(request, *args, **kwargs))
        except idempotency.KeyReused:
            return _shaped(
                422,
                "idempotency_key_reused",
                _("This Idempotency-Key was sent with a different request; use a new key."),
            )
    else:
        response = view(request, *args, **kwargs)
    if response.status_code == 405 and response.get("Content-Type", "").startswith("text/"):
        allowed = response.get("Allow", "")
        response = _shaped(
            405, "method_not_allowed", _("Allowed methods: %(allowed)s.") % {"allowed": allowed}
        )
        response["Allow"] = allowed
    return response


def api_urlpatterns() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL patterns for the root URLconf.

    The API authenticates by token, not by session, so its views opt out of the session
    login redirect (LoginRequiredMiddleware); TokenAuth guards every operation instead.
    """
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        guarded = _guarded(pattern.callback)
        guarded.login_required = False  # type: ignore[attr-defined]
        pattern.callback = guarded
    return patterns, app_name, namespace
