from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_subscription,
    acting_membership,
    deliveries_visible_to,
    require,
    subscriptions_visible_to,
    webhook_organizations,
)
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import add_errors, form_status
from goldenthread.webhooks import services
from goldenthread.webhooks.forms import SubscriptionForm

RECENT_DELIVERIES = 50


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def subscriptions(request: AuthedRequest) -> HttpResponse:
    """The site's webhook subscriptions, a form for a new one (its secret shown once), and
    the latest deliveries with their outcome."""
    membership = acting_membership(request)
    form = SubscriptionForm(request.POST or None, organizations=webhook_organizations(membership))
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            made = services.subscription_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            secret = made.secret
            form = SubscriptionForm(organizations=webhook_organizations(membership))
    context = {
        "form": form,
        "secret": secret,
        "subscriptions": subscriptions_visible_to(membership).order_by("organization__name", "pk"),
        "deliveries": deliveries_visible_to(membership).select_related(
            "subscription__organization"
        )[:RECENT_DELIVERIES],
    }
    return render(request, "webhooks/subscriptions.html", context, status=form_status(form))


@require(Capability.MANAGE_SITE)
@require_POST
def deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    subscription = access_subscription(acting_membership(request), pk)
    services.subscription_deactivate(actor=request.user, subscription=subscription, request=request)
    messages.success(request, _("The subscription is off; nothing more will be sent to it."))
    return redirect("webhooks:subscriptions")
