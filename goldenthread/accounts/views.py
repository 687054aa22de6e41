from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import match_token

from goldenthread.accounts import services
from goldenthread.accounts.forms import SignInForm, TokenForm
from goldenthread.accounts.middleware import mfa_not_required
from goldenthread.accounts.selectors import (
    has_confirmed_totp,
    pending_totp_device,
    recovery_codes_left,
)
from goldenthread.accounts.totp_display import totp_qr_svg, totp_secret_base32
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import form_status

_CODE_REJECTED = _("That code did not work. Check the time on your phone and try a new code.")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.sign_in(request, form.get_user())
            step = (
                "accounts:mfa_verify"
                if has_confirmed_totp(form.get_user())
                else "accounts:mfa_setup"
            )
            return redirect_to_login(_next_url(request), login_url=step)
        services.sign_in_failed(
            request,
            str(request.POST.get("username", "")),
            locked_out=getattr(request, "axes_locked_out", False),
        )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/login.html", context, status=form_status(form))


@mfa_not_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: AuthedRequest) -> HttpResponse:
    if not has_confirmed_totp(request.user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            services.mfa_verified(request, device)
            return redirect(_next_url(request))
        services.mfa_failed(request)
        form.add_error("token", _CODE_REJECTED)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/mfa_verify.html", context, status=form_status(form))


@mfa_not_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if has_confirmed_totp(user):
        return redirect("accounts:mfa_verify")
    device = pending_totp_device(user) or services.totp_device_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = services.totp_device_confirm(user=user, device=device)
            services.mfa_verified(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _CODE_REJECTED)
    context = {
        "form": form,
        "qr_svg": totp_qr_svg(device),
        "secret": totp_secret_base32(device),
        "next": _next_url(request),
    }
    return render(request, "accounts/mfa_setup.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        codes = services.recovery_codes_replace(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})
    return render(
        request,
        "accounts/recovery_codes_confirm.html",
        {"left": recovery_codes_left(request.user)},
    )


@login_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.signed_out(request)
    logout(request)
    return redirect("accounts:login")


def account(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "accounts/account.html", {"codes_left": recovery_codes_left(request.user)}
    )
