import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import Capability, access_token, acting_membership, require
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import form_status
from goldenthread.tokens import examples, services
from goldenthread.tokens.forms import TokenForm
from goldenthread.tokens.reference import reference, scopes_by_operation
from goldenthread.tokens.selectors import tokens_of


@require(Capability.USE_API)
@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest) -> HttpResponse:
    # Reached only through a session that passed the second factor (RequireMFAMiddleware),
    # so no token is ever issued on a password alone.
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.token_create(
                actor=request.user,
                membership=acting_membership(request),
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    return render(
        request,
        "tokens/token_list.html",
        {"form": form, "secret": secret, "tokens": tokens_of(request.user)},
        status=form_status(form),
    )


@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = access_token(request.user, pk)
    services.token_revoke(actor=request.user, token=token, request=request)
    messages.success(request, _("Token revoked. It stops working at once."))
    return redirect("tokens:list")


@login_not_required
@require_GET
def api_reference(request: HttpRequest) -> HttpResponse:
    """For integrators, signed in or not: the API read from its own OpenAPI document, with
    worked examples of the two pushes a site sets up first."""
    from goldenthread.api import api  # the API imports every app's operations

    document = api.get_openapi_schema()
    sections = reference(document, scopes_by_operation(api))
    shown = {
        "referral": json.dumps(examples.REFERRAL, indent=2),
        "referral_key": examples.REFERRAL_IDEMPOTENCY_KEY,
        "bookings": json.dumps(examples.BOOKINGS, indent=2),
        "rows_per_push": examples.ROWS_PER_PUSH,
    }
    context = {"sections": sections, "doc": document, "examples": shown}
    return render(request, "tokens/api_reference.html", context)
