"""The site's public referral form (off unless the site turns it on): no account, the
minimum about the person, a receipt code, and a status check that shows nothing personal."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from goldenthread.access.policy import public_receipt, public_referral_site, referrer_status
from goldenthread.forms import Form
from goldenthread.referrals.models import status_label
from goldenthread.referrals.services import referral_submit_public
from goldenthread.shell.forms import form_status
from goldenthread.text import printable


class PublicReferralForm(Form):
    name = forms.CharField(
        label=_("Their name, or what they go by"),
        max_length=100,
        help_text=_('"Goes by JJ" is enough.'),
    )
    approximate_age = forms.IntegerField(
        label=_("About how old (optional)"), min_value=10, max_value=110, required=False
    )
    area = forms.CharField(label=_("Where they can usually be found"), max_length=80)
    narrative = forms.CharField(
        label=_("What is going on, and how might LEAD help?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact = forms.CharField(
        label=_("How we can reach you (optional)"), max_length=120, required=False
    )


def _too_many(request: HttpRequest, group: str, rate: str) -> HttpResponse | None:
    if is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True):
        return render(request, "referrals/public_too_many.html", status=429)
    return None


@login_not_required
@require_http_methods(["GET", "POST"])
def public_referral(request: HttpRequest, slug: str) -> HttpResponse:
    site = public_referral_site(slug)
    form = PublicReferralForm(request.POST or None)
    if request.method == "POST":
        refused = _too_many(request, "public-referral", settings.GT_PUBLIC_REFERRAL_RATE)
        if refused:
            return refused
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = referral_submit_public(
                    site=site,
                    name=printable(data["name"], 100),
                    approximate_age=data["approximate_age"],
                    area=printable(data["area"], 80),
                    narrative=printable(data["narrative"], 1000),
                    contact=printable(data["contact"], 120),
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(
                    request,
                    "referrals/public_receipt.html",
                    {"site": site, "code": referral.receipt_code},
                    status=201,
                )
    return render(
        request,
        "referrals/public_referral.html",
        {"site": site, "form": form},
        status=form_status(form),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def public_receipt_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Where a public referral stands, by its receipt code: the status in plain terms only.
    The code travels in a POST body so it stays out of logs and browser history."""
    site = public_referral_site(slug)
    context: dict[str, object] = {"site": site}
    if request.method == "POST":
        refused = _too_many(request, "receipt-lookup", settings.GT_RECEIPT_LOOKUP_RATE)
        if refused:
            return refused
        code = printable(request.POST.get("code", ""), 12)
        referral = public_receipt(site, code)
        context["code"] = code
        context["status"] = (
            status_label(referrer_status(None, referral)) if referral is not None else None
        )
        if referral is None:
            return render(request, "referrals/public_status.html", context, status=404)
    return render(request, "referrals/public_status.html", context)
