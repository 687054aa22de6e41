"""Site administration in the product's own screens: organizations, people, invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_invitation,
    access_membership,
    access_organization,
    acting_membership,
    invitations_visible_to,
    memberships_visible_to,
    organizations_visible_to,
    require,
)
from goldenthread.accounts.services import mfa_reset
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest
from goldenthread.organizations import services
from goldenthread.organizations.forms import (
    AcceptInvitationForm,
    InvitationForm,
    OrganizationForm,
    SiteSettingsForm,
)
from goldenthread.organizations.middleware import SESSION_MEMBERSHIP
from goldenthread.organizations.selectors import memberships_of
from goldenthread.shell.forms import form_status
from goldenthread.text import printable, whole_number


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def organization_list(request: AuthedRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_create(
                actor=request.user,
                site=acting_membership(request).organization.site,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organization added."))
            return redirect("organizations:list")
    organizations = organizations_visible_to(request.membership)
    return render(
        request,
        "organizations/organization_list.html",
        {"organizations": organizations, "form": form},
        status=form_status(form),
    )


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def site_settings(request: AuthedRequest) -> HttpResponse:
    site = acting_membership(request).organization.site
    form = SiteSettingsForm(
        request.POST or None, initial={f: getattr(site, f) for f in services.SITE_SETTINGS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(
                actor=request.user, site=site, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Site settings saved."))
            return redirect("organizations:site_settings")
    return render(
        request,
        "organizations/site_settings.html",
        {"site": site, "form": form},
        status=form_status(form),
    )


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def organization_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    organization = access_organization(request.membership, pk)
    initial = {
        "name": organization.name,
        "kind": organization.kind,
        "is_active": organization.is_active,
    }
    form = OrganizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user, organization=organization, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organization saved."))
            return redirect("organizations:list")
    return render(
        request,
        "organizations/organization_edit.html",
        {"organization": organization, "form": form},
        status=form_status(form),
    )


@require(Capability.MANAGE_SITE)
def people(request: AuthedRequest) -> HttpResponse:
    query = printable(request.GET.get("q", ""), 100).strip()
    memberships = memberships_visible_to(request.membership).select_related("user", "organization")
    if query:
        memberships = memberships.filter(
            Q(user__username__icontains=query)
            | Q(user__display_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    rows = list(memberships.order_by("user__display_name", "organization__name"))
    audit_record(
        action=Action.SEARCH if query else Action.LIST,
        request=request,
        object_type="accounts.user",
        detail={"query": query, "count": len(rows)},
    )
    template = (
        "organizations/people.html#people-rows" if request.htmx else "organizations/people.html"
    )
    return render(request, template, {"rows": rows, "q": query})


@require(Capability.MANAGE_SITE)
@require_POST
def membership_toggle(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.membership, pk)
    if membership.pk == acting_membership(request).pk:
        messages.error(request, _("You cannot deactivate the membership you are acting under."))
        return redirect("organizations:people")
    activate = not membership.is_active
    services.membership_set_active(
        actor=request.user, membership=membership, active=activate, request=request
    )
    messages.success(
        request, _("Membership reactivated.") if activate else _("Membership deactivated.")
    )
    return redirect("organizations:people")


@require(Capability.MANAGE_SITE)
@require_POST
def membership_mfa_reset(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.membership, pk)
    mfa_reset(actor=request.user, user=membership.user, request=request)
    messages.success(
        request,
        _("Second factor reset for %(name)s. They will set it up at their next sign-in.")
        % {"name": membership.user},
    )
    return redirect("organizations:people")


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def invitation_list(request: AuthedRequest) -> HttpResponse:
    form = InvitationForm(
        request.POST or None, organizations=organizations_visible_to(request.membership)
    )
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            _invitation, secret = services.invitation_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = request.build_absolute_uri(f"/invitations/{secret}/")
            form = InvitationForm(organizations=organizations_visible_to(request.membership))
    invitations = list(invitations_visible_to(request.membership).select_related("organization"))
    audit_record(
        action=Action.LIST,
        request=request,
        object_type="organizations.invitation",
        detail={"count": len(invitations)},
    )
    return render(
        request,
        "organizations/invitation_list.html",
        {"form": form, "invitations": invitations, "link": link},
        status=form_status(form),
    )


@require(Capability.MANAGE_SITE)
@require_POST
def invitation_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.membership, pk)
    services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("organizations:invitations")


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    invitation = services.invitation_open(secret)
    if invitation is None:
        return render(request, "organizations/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your account is ready. Sign in, then set up your authenticator app.")
            )
            return redirect("accounts:login")
    return render(
        request,
        "organizations/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=form_status(form),
    )


@require_POST
def switch_membership(request: AuthedRequest) -> HttpResponse:
    chosen = whole_number(request.POST.get("membership", ""))
    if chosen is not None and memberships_of(request.user).filter(pk=chosen).exists():
        request.session[SESSION_MEMBERSHIP] = chosen
    return redirect("shell:home")
