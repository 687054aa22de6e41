from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from goldenthread.access.policy import Capability, can

# The main navigation: (label, url name, capability needed or None for everyone).
NAVIGATION = [
    (_("My work"), "shell:home", None),
    (_("Caseload"), "casework:caseload", Capability.VIEW_CASELOAD),
    (_("Participants"), "people:list", None),
    (_("Referrals"), "referrals:list", None),
    (_("Eligibility rules"), "eligibility:rules", None),
    (_("Work groups"), "conferencing:groups", None),
    (_("Policies"), "governance:registry", None),
    (_("Insights"), "insights:overview", Capability.VIEW_INSIGHTS),
    (_("Evaluation extract"), "evaluation:extract", Capability.KEEP_EVALUATION),
    (_("Lodging"), "lodging:board", Capability.KEEP_LODGING),
    (_("Outreach"), "outreach:encampments", Capability.DO_OUTREACH),
    (_("Street"), "milieu:encounters", Capability.LOG_ENCOUNTERS),
    (_("Incidents"), "incidents:list", Capability.REPORT_INCIDENTS),
    (_("Emergency access"), "access:break_glass_reviews", Capability.REVIEW_BREAK_GLASS),
    (_("Site settings"), "organizations:site_settings", Capability.MANAGE_SITE),
    (_("Organizations"), "organizations:list", Capability.MANAGE_SITE),
    (_("Information and forms"), "consent:site_categories", Capability.MANAGE_SITE),
    (_("People"), "organizations:people", Capability.MANAGE_SITE),
    (_("Invitations"), "organizations:invitations", Capability.MANAGE_SITE),
    (_("HMIS export"), "hmis:export", Capability.EXPORT_HMIS),
    (_("Webhooks"), "webhooks:subscriptions", Capability.MANAGE_SITE),
    (_("Audit trail"), "audit:list", Capability.VIEW_AUDIT),
    (_("API tokens"), "tokens:list", Capability.USE_API),
    (_("Account"), "accounts:account", None),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"nav": [], "memberships": []}
    membership = getattr(request, "membership", None)
    nav = []
    for label, name, capability in NAVIGATION:
        if capability is None or can(membership, capability):
            url = reverse(name)
            nav.append({"label": label, "url": url, "current": request.path == url})
    return {"nav": nav, "memberships": getattr(request, "memberships", [])}
