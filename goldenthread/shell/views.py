from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from goldenthread.http import AuthedRequest
from goldenthread.shell.work import ROLE_FOCUS, panels_for


@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    membership = request.membership
    context = {
        "membership": membership,
        "focus": ROLE_FOCUS.get(membership.role) if membership else None,
        "panels": panels_for(request),
    }
    return render(request, "shell/home.html", context)


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "details": []}}
    return JsonResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 400, "bad_request", "The request could not be read.")
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 403, "forbidden", "You may not do this.")
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 404, "not_found", "Not found.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors or the database: it must work when they fail.
    request_id = getattr(request, "request_id", "")
    if _is_api(request):
        return _api_error(
            request, 500, "server_error", f"Something went wrong. Request {request_id}."
        )
    return HttpResponse(render_to_string("500.html", {"request_id": request_id}), status=500)
