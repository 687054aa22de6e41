from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from goldenthread.api import api_urlpatterns

api_patterns, api_app, api_namespace = api_urlpatterns()

urlpatterns = [
    path("", include("goldenthread.shell.urls")),
    path("accounts/", include("goldenthread.accounts.urls")),
    path("", include("goldenthread.organizations.urls")),
    path("", include("goldenthread.people.urls")),
    path("", include("goldenthread.consent.urls")),
    path("", include("goldenthread.access.urls")),
    path("", include("goldenthread.referrals.urls")),
    path("", include("goldenthread.eligibility.urls")),
    path("", include("goldenthread.casework.urls")),
    path("", include("goldenthread.plans.urls")),
    path("", include("goldenthread.timeline.urls")),
    path("", include("goldenthread.identity.urls")),
    path("", include("goldenthread.legal.urls")),
    path("", include("goldenthread.notifications.urls")),
    path("", include("goldenthread.conferencing.urls")),
    path("", include("goldenthread.governance.urls")),
    path("", include("goldenthread.insights.urls")),
    path("", include("goldenthread.lodging.urls")),
    path("", include("goldenthread.outreach.urls")),
    path("", include("goldenthread.incidents.urls")),
    path("", include("goldenthread.milieu.urls")),
    path("", include("goldenthread.hmis.urls")),
    path("", include("goldenthread.evaluation.urls")),
    path("", include("goldenthread.webhooks.urls")),
    path("", include("goldenthread.audit.urls")),
    path("", include("goldenthread.tokens.urls")),
    path("api/v1/", include((api_patterns, api_app), namespace=api_namespace)),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Django's admin signs in through the product's own login and second factor.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]

handler400 = "goldenthread.shell.views.bad_request"
handler403 = "goldenthread.shell.views.permission_denied"
handler404 = "goldenthread.shell.views.page_not_found"
handler500 = "goldenthread.shell.views.server_error"
