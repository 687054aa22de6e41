import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
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


@login_not_required
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Whether this process should be sent traffic: the database answers, every migration
    is applied (a new release waits for `migrate`), and the cache that counts rate limits
    keeps what it is given. 503 names what is not ready."""
    checks = {"database": "ok", "migrations": "ok", "cache": "ok"}
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            checks["migrations"] = "pending"
    except DatabaseError:
        checks["database"] = checks["migrations"] = "unreachable"
    probe = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, 10)
        if cache.get(probe) != 1:
            checks["cache"] = "not keeping values"
        cache.delete(probe)
    except Exception:  # any cache backend's failure means the same: not ready
        checks["cache"] = "unreachable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", **checks}, status=200 if ready else 503
    )


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
