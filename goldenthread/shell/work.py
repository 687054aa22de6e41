"""What each persona's home page ("my work") shows.

A panel is a template plus a function that gathers its figures; `panels_for` picks the
panels the acting membership may see. Each capability adds its panels to PANELS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.access.policy import (
    Capability,
    actions_owned_by,
    can,
    doors_for,
    holds_to_record,
    intake_worklist,
    invitations_visible_to,
    may_record_holds,
    may_record_outreach,
    may_see_referral_queue,
    may_use_legal_workspace,
    memberships_visible_to,
    notifications_visible_to,
    open_matters_visible_to,
    organizations_visible_to,
    proposals_visible_to,
    referral_queue,
    referrals_visible_to,
    tasks_visible_to,
)
from goldenthread.accounts.selectors import recovery_codes_left
from goldenthread.http import AuthedRequest
from goldenthread.identity.models import ProposalStatus
from goldenthread.organizations.models import Role
from goldenthread.tokens.selectors import tokens_of

# Each persona's work, in their own terms (DESIGN.md section 1).
ROLE_FOCUS: dict[str, Any] = {
    Role.SITE_ADMIN: _(
        "Keep the site's organizations, accounts and second factors in order, and watch the audit trail."
    ),
    Role.PROJECT_MANAGER: _(
        "Approve referrals, staff the Operational Work Group, keep the site's settings and reports."
    ),
    Role.SUPERVISOR: _("Keep caseloads within the site's limits and support your team."),
    Role.CASE_MANAGER: _(
        "Your caseload: log contacts wherever people are, keep plans in their own words, coordinate legal matters."
    ),
    Role.OUTREACH_WORKER: _(
        "Find referred people not yet through intake, and participants who are in the wind."
    ),
    Role.OFFICER: _(
        "Refer from the field in under a minute, and check whether someone is in LEAD and whom to call."
    ),
    Role.APPROVING_SERGEANT: _("Review your officers' referrals and hear back when they enroll."),
    Role.LIAISON_PROSECUTOR: _(
        "Arrest-diversion charging holds and decisions; coordinate other cases with care plans."
    ),
    Role.PUBLIC_DEFENDER: _(
        "Legal matters of the participants you represent, and missed diversion opportunities."
    ),
    Role.COMMUNITY_REFERRER: _(
        "Refer someone from the community and follow the status of your referrals."
    ),
    Role.PCG_MEMBER: _("Eligibility rules and policies, and the equity and outcome dashboards."),
    Role.EVALUATOR: _("De-identified extracts and the standard evaluation figures."),
    Role.LODGING_LIAISON: _("Rooms, stays and incidents at your lodging site."),
    Role.SAFETY_AMBASSADOR: _("Street encounters and de-escalations in your area."),
}


@dataclass(frozen=True)
class Panel:
    template: str
    capability: Capability
    gather: Callable[[AuthedRequest], dict[str, Any]]


def _site_admin(request: AuthedRequest) -> dict[str, Any]:
    membership = request.membership
    return {
        "organizations": organizations_visible_to(membership).filter(is_active=True).count(),
        "active_members": memberships_visible_to(membership)
        .filter(is_active=True, user__is_active=True)
        .count(),
        "open_invitations": invitations_visible_to(membership)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .count(),
    }


def _account_security(request: AuthedRequest) -> dict[str, Any]:
    return {
        "codes_left": recovery_codes_left(request.user),
        "live_tokens": tokens_of(request.user)
        .filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        .count(),
    }


def _referral_work(request: AuthedRequest) -> dict[str, Any]:
    """The referral figures this person acts on; empty when they have none."""
    membership = request.membership
    figures: dict[str, Any] = {}
    if may_see_referral_queue(membership):
        figures["queue"] = referral_queue(membership).count()
    if may_record_outreach(membership):
        worklist = intake_worklist(membership)
        figures["intake"] = worklist.count()
        figures["intake_overdue"] = worklist.filter(intake_due_at__lt=timezone.now()).count()
    if may_record_holds(membership):
        figures["holds"] = holds_to_record(membership).count()
    if doors_for(membership):
        figures["mine"] = referrals_visible_to(membership).filter(referrer=request.user).count()
    return figures


def _tasks(request: AuthedRequest) -> dict[str, Any]:
    membership = request.membership
    assert membership is not None
    today = membership.organization.site.today()
    open_tasks = tasks_visible_to(membership).filter(done_at__isnull=True)
    return {
        "overdue": open_tasks.filter(due_on__lt=today).count(),
        "today": open_tasks.filter(due_on=today).count(),
    }


def _notifications(request: AuthedRequest) -> dict[str, Any]:
    mine = notifications_visible_to(request.user)
    return {"unread": mine.filter(read_at__isnull=True).count()}


def _legal(request: AuthedRequest) -> dict[str, Any]:
    """Open matters of participants shared with this member; empty for roles without a
    legal workspace."""
    membership = request.membership
    if not may_use_legal_workspace(membership):
        return {}
    return {"open_matters": open_matters_visible_to(membership).count()}


def _identity(request: AuthedRequest) -> dict[str, Any]:
    open_proposals = proposals_visible_to(request.membership).filter(status=ProposalStatus.OPEN)
    return {"open": open_proposals.count()}


def _action_items(request: AuthedRequest) -> dict[str, Any]:
    """The action items this person or their organization agreed to at a work group; empty
    when there are none."""
    mine = actions_owned_by(request.membership).order_by("due_on", "pk")
    shown = list(mine[:ACTION_ITEMS_SHOWN])
    if not shown:
        return {}
    return {
        "actions": shown,
        "count": mine.count() if len(shown) == ACTION_ITEMS_SHOWN else len(shown),
    }


ACTION_ITEMS_SHOWN = 5

PANELS = [
    Panel("shell/panels/notifications.html", Capability.USE_API, _notifications),
    Panel("shell/panels/tasks.html", Capability.VIEW_CASELOAD, _tasks),
    Panel("shell/panels/referral_work.html", Capability.USE_API, _referral_work),
    Panel("shell/panels/legal.html", Capability.USE_API, _legal),
    Panel("shell/panels/action_items.html", Capability.USE_API, _action_items),
    Panel("shell/panels/identity.html", Capability.REVIEW_IDENTITY, _identity),
    Panel("shell/panels/site_admin.html", Capability.MANAGE_SITE, _site_admin),
    Panel("shell/panels/account_security.html", Capability.USE_API, _account_security),
]


def panels_for(request: AuthedRequest) -> list[tuple[str, dict[str, Any]]]:
    return [
        (panel.template, panel.gather(request))
        for panel in PANELS
        if can(request.membership, panel.capability)
    ]
