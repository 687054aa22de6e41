"""Roles and what they may do: capabilities, and site administration scopes.

Part of the one access policy (goldenthread.access.policy); participants' data is decided
in participants.py beside it.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, TextChoices
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from goldenthread.consent.models import ConsentForm, DataCategory
from goldenthread.organizations.models import (
    Invitation,
    Membership,
    Organization,
    Role,
    SiteProgram,
)
from goldenthread.tokens.models import ApiToken


class Capability(TextChoices):
    MANAGE_SITE = "manage_site", _("Manage organizations, people who use the site, and MFA")
    VIEW_AUDIT = "view_audit", _("Read the audit trail")
    USE_API = "use_api", _("Hold personal API tokens")
    REVIEW_BREAK_GLASS = "review_break_glass", _("Review emergency (break-glass) access")
    EDIT_ELIGIBILITY = "edit_eligibility", _("Publish eligibility rules")
    VIEW_CASELOAD = "view_caseload", _("Keep a caseload")
    REVIEW_IDENTITY = "review_identity", _("Decide possible matches and merges of people")
    IMPORT_FEEDS = "import_feeds", _("Import jail, court and warrant feeds")
    RUN_MEETINGS = "run_meetings", _("Run work group meetings: agendas and action items")
    KEEP_POLICIES = (
        "keep_policies",
        _("Keep the policy registry, the Community Leadership Team roster and the public page"),
    )
    VIEW_INSIGHTS = (
        "view_insights",
        _("Read the site's figures: operations, equity, outcomes and fidelity"),
    )
    KEEP_EVALUATION = (
        "keep_evaluation",
        _(
            "Import the police records baseline and comparison cohorts; set unit costs; "
            "download the de-identified evaluation extract"
        ),
    )
    KEEP_LODGING = (
        "keep_lodging",
        _("Keep lodging places, their rooms or beds, and stays"),
    )
    DO_OUTREACH = (
        "do_outreach",
        _("Keep encampments, their residents, outreach visits and offers"),
    )
    REPORT_INCIDENTS = (
        "report_incidents",
        _("Report overdoses and other critical incidents, and read those of one's own work"),
    )
    REVIEW_INCIDENTS = (
        "review_incidents",
        _("Review every critical incident of the site"),
    )
    LOG_ENCOUNTERS = (
        "log_encounters",
        _("Log street encounters and follow referrals to specialty teams"),
    )
    EXPORT_HMIS = (
        "export_hmis",
        _("Export to the continuum of care's HMIS what releases share with it"),
    )


# Every role and what it may do. The exhaustive test in access/tests walks this table.
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    role: frozenset({Capability.USE_API}) for role in Role.values
}
ROLE_CAPABILITIES[Role.SITE_ADMIN] = frozenset(
    {
        Capability.MANAGE_SITE,
        Capability.VIEW_AUDIT,
        Capability.USE_API,
        Capability.REVIEW_BREAK_GLASS,
        Capability.IMPORT_FEEDS,
        Capability.EXPORT_HMIS,
    }
)
# The project manager keeps the site's one list of people: same person or not, merges, and
# the feeds that bring new records of people in.
ROLE_CAPABILITIES[Role.PROJECT_MANAGER] = frozenset(
    {
        Capability.USE_API,
        Capability.REVIEW_BREAK_GLASS,
        Capability.REVIEW_IDENTITY,
        Capability.IMPORT_FEEDS,
        Capability.RUN_MEETINGS,
        Capability.VIEW_INSIGHTS,
        Capability.KEEP_EVALUATION,
        Capability.KEEP_LODGING,
        Capability.DO_OUTREACH,
        Capability.REPORT_INCIDENTS,
        Capability.REVIEW_INCIDENTS,
        Capability.LOG_ENCOUNTERS,
    }
)
ROLE_CAPABILITIES[Role.SUPERVISOR] = frozenset(
    {
        Capability.USE_API,
        Capability.REVIEW_BREAK_GLASS,
        Capability.VIEW_CASELOAD,
        Capability.VIEW_INSIGHTS,
        Capability.REPORT_INCIDENTS,
    }
)
ROLE_CAPABILITIES[Role.CASE_MANAGER] = frozenset(
    {Capability.USE_API, Capability.VIEW_CASELOAD, Capability.REPORT_INCIDENTS}
)
# The Policy Coordinating Group decides what is divertible (lead-domain.md 2.1).
ROLE_CAPABILITIES[Role.PCG_MEMBER] = frozenset(
    {
        Capability.USE_API,
        Capability.EDIT_ELIGIBILITY,
        Capability.KEEP_POLICIES,
        Capability.VIEW_INSIGHTS,
    }
)
# Evaluators read aggregate figures and bring the data evaluations need; they see no
# participant's record.
ROLE_CAPABILITIES[Role.EVALUATOR] = frozenset(
    {Capability.USE_API, Capability.VIEW_INSIGHTS, Capability.KEEP_EVALUATION}
)

# The lodging liaison runs the rooms of the partner they work for (lead-domain.md 9.1).
ROLE_CAPABILITIES[Role.LODGING_LIAISON] = frozenset(
    {Capability.USE_API, Capability.KEEP_LODGING, Capability.REPORT_INCIDENTS}
)
# Outreach workers find people where they are, encampments included (lead-domain.md 9.2).
ROLE_CAPABILITIES[Role.OUTREACH_WORKER] = frozenset(
    {Capability.USE_API, Capability.DO_OUTREACH, Capability.REPORT_INCIDENTS}
)
# Safety ambassadors are often first to an overdose on the street (lead-domain.md 9.3).
ROLE_CAPABILITIES[Role.SAFETY_AMBASSADOR] = frozenset(
    {Capability.USE_API, Capability.REPORT_INCIDENTS, Capability.LOG_ENCOUNTERS}
)


# Capabilities that belong to a program variant: they grant nothing at a site that does
# not run it.
PROGRAM_CAPABILITIES: dict[Capability, str] = {
    Capability.KEEP_LODGING: SiteProgram.LODGING,
    Capability.DO_OUTREACH: SiteProgram.OUTREACH,
    Capability.LOG_ENCOUNTERS: SiteProgram.MILIEU,
}


def can(membership: Membership | None, capability: Capability) -> bool:
    if membership is None or not membership.is_active or not membership.organization.is_active:
        return False
    program = PROGRAM_CAPABILITIES.get(capability)
    if program is not None and not membership.organization.site.runs(program):
        return False
    return capability in ROLE_CAPABILITIES[membership.role]


def require(capability: Capability) -> Callable[..., Any]:
    """View decorator: 403 unless the active membership holds `capability`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(getattr(request, "membership", None), capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Site administration: a site admin sees and changes only their own site.


def organizations_visible_to(membership: Membership | None) -> QuerySet[Organization]:
    if not can(membership, Capability.MANAGE_SITE):
        return Organization.objects.none()
    assert membership is not None
    return Organization.objects.filter(site_id=membership.organization.site_id)


def memberships_visible_to(membership: Membership | None) -> QuerySet[Membership]:
    if not can(membership, Capability.MANAGE_SITE):
        return Membership.objects.none()
    assert membership is not None
    return Membership.objects.filter(organization__site_id=membership.organization.site_id)


def invitations_visible_to(membership: Membership | None) -> QuerySet[Invitation]:
    if not can(membership, Capability.MANAGE_SITE):
        return Invitation.objects.none()
    assert membership is not None
    return Invitation.objects.filter(organization__site_id=membership.organization.site_id)


def directory_visible_to(membership: Membership | None) -> QuerySet[Organization]:
    """Every member may see which partners their site has: names and kinds, nothing personal."""
    if membership is None or not membership.is_active:
        return Organization.objects.none()
    return Organization.objects.filter(site_id=membership.organization.site_id, is_active=True)


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """A token is its owner's alone; not even a site admin sees another's."""
    return ApiToken.objects.filter(user_id=user.pk)


def visible_one(queryset: QuerySet[Any], pk: Any) -> Any:
    # Not visible and not existing answer alike: 404, so existence never leaks.
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_organization(membership: Membership | None, pk: Any) -> Organization:
    return visible_one(organizations_visible_to(membership), pk)


def access_membership(membership: Membership | None, pk: Any) -> Membership:
    return visible_one(
        memberships_visible_to(membership).select_related("user", "organization"), pk
    )


def access_token(user: Any, pk: Any) -> ApiToken:
    return visible_one(tokens_visible_to(user), pk)


def access_invitation(membership: Membership | None, pk: Any) -> Invitation:
    return visible_one(invitations_visible_to(membership), pk)


def acting_membership(request: Any) -> Membership:
    """The membership a request acts under; views behind `require` always have one."""
    membership = getattr(request, "membership", None)
    if membership is None:
        raise PermissionDenied
    return membership


def categories_visible_to(membership: Membership | None) -> QuerySet[DataCategory]:
    """A site's data categories, for its administrators to configure."""
    if not can(membership, Capability.MANAGE_SITE):
        return DataCategory.objects.none()
    assert membership is not None
    return DataCategory.objects.filter(site_id=membership.organization.site_id)


def access_category(membership: Membership | None, pk: Any) -> DataCategory:
    return visible_one(categories_visible_to(membership), pk)


def consent_forms_visible_to(membership: Membership | None) -> QuerySet[ConsentForm]:
    if not can(membership, Capability.MANAGE_SITE):
        return ConsentForm.objects.none()
    assert membership is not None
    return ConsentForm.objects.filter(site_id=membership.organization.site_id)
