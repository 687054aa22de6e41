"""The policy registry and the Community Leadership Team roster, read by everyone who works
at the site and kept by Policy Coordinating Group members; and the site's public page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    access_community_member,
    access_policy,
    access_policy_version,
    approval_candidates,
    approval_meetings,
    community_members_visible_to,
    may_keep_policies,
    policies_visible_to,
    public_community_members,
    public_page_of,
    public_site,
    public_versions,
)
from goldenthread.governance import services
from goldenthread.governance.forms import (
    CommunityMemberForm,
    PolicyForm,
    PublicPageForm,
    PublishForm,
    VersionForm,
)
from goldenthread.governance.models import Policy, PolicyVersion
from goldenthread.governance.selectors import current_version
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Site
from goldenthread.shell.forms import add_errors, form_status


def _keeper(request: AuthedRequest) -> Site:
    """The keeper's site, or 403."""
    if not may_keep_policies(request.membership) or request.membership is None:
        raise PermissionDenied
    return request.membership.organization.site


@require_GET
def registry(request: AuthedRequest) -> HttpResponse:
    assert request.membership is not None
    site = request.membership.organization.site
    today = site.today()
    policies = policies_visible_to(request.membership).prefetch_related("versions")
    rows = [
        (
            policy,
            current_version(policy, today),
            next((v for v in policy.versions.all() if not v.is_published), None),
        )
        for policy in policies
    ]
    keeps = may_keep_policies(request.membership)
    context = {
        "rows": rows,
        "members": community_members_visible_to(request.membership),
        "keeps": keeps,
        "member_form": CommunityMemberForm(prefix="member") if keeps else None,
        "site": site,
    }
    return render(request, "governance/registry.html", context)


@require_http_methods(["GET", "POST"])
def policy_new(request: AuthedRequest) -> HttpResponse:
    site = _keeper(request)
    form = PolicyForm(request.POST or None, site_id=site.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.policy_create(
                actor=request.user,
                site=site,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                summary=data["summary"],
                effective_on=data["effective_on"],
                rule_set=data["rule_set"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("governance:policy", pk=version.policy_id)
    return render(request, "governance/policy_new.html", {"form": form}, status=form_status(form))


@require_http_methods(["GET", "POST"])
def policy(request: AuthedRequest, pk: int) -> HttpResponse:
    """A policy's versions with their approval records; keepers draft, change drafts and
    publish from here."""
    found = access_policy(request.membership, pk)
    versions = list(
        found.versions.select_related("approved_at__work_group", "rule_set").prefetch_related(
            "approved_by"
        )
    )
    draft = next((v for v in versions if not v.is_published), None)
    keeps = may_keep_policies(request.membership)
    forms = _policy_forms(request, found, draft) if keeps else {}
    if request.method == "POST":
        if not keeps:
            raise PermissionDenied
        if _run(request, found, draft, forms):
            return redirect("governance:policy", pk=found.pk)
    context = {
        "policy": found,
        "versions": versions,
        "draft": draft,
        "current": current_version(found, found.site.today()),
        "keeps": keeps,
        **forms,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/policy.html", context, status=status)


def _policy_forms(
    request: AuthedRequest, policy: Policy, draft: PolicyVersion | None
) -> dict[str, object]:
    op = request.POST.get("op") if request.method == "POST" else None
    data = request.POST if op else None
    latest = policy.versions.order_by("-number").first()
    meetings = approval_meetings(request.membership).order_by("-starts_at")
    approvers = approval_candidates(request.membership)
    return {
        "draft_form": VersionForm(
            data if op == "draft" else None,
            site_id=policy.site_id,
            initial={"text": latest.text if latest else ""},
            prefix="draft",
        ),
        "edit_form": VersionForm(
            data if op == "edit" else None, instance=draft, site_id=policy.site_id, prefix="edit"
        )
        if draft
        else None,
        "publish_form": PublishForm(
            data if op == "publish" else None,
            meetings=meetings,
            approvers=approvers,
            prefix="publish",
        )
        if draft
        else None,
    }


def _run(
    request: AuthedRequest,
    policy: Policy,
    draft: PolicyVersion | None,
    forms: dict[str, object],
) -> bool:
    op = request.POST.get("op")
    form = forms.get(f"{op}_form")
    if op == "edit":
        # The version the form was opened on: one published since is refused by name.
        form = VersionForm(request.POST, site_id=policy.site_id, prefix="edit")
        forms["edit_form"] = form
    if not isinstance(form, VersionForm | PublishForm) or not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if op == "draft":
            services.version_draft(actor=request.user, policy=policy, **data)
        elif op == "edit":
            version = access_policy_version(request.membership, request.POST.get("version"))
            if version.policy_id != policy.pk:
                raise ValidationError(_("That version belongs to another policy."))
            services.version_edit(actor=request.user, version=version, **data)
        elif op == "publish" and draft is not None:
            services.version_publish(
                actor=request.user,
                version=draft,
                meeting=data["meeting"],
                approvers=list(data["approvers"]),
            )
            messages.success(request, _("Published: this version no longer changes."))
    except ValidationError as error:
        # Shown at the top: the form it came from may no longer be on the page.
        messages.error(request, " ".join(error.messages))
        return False
    return True


@require_POST
def community_add(request: AuthedRequest) -> HttpResponse:
    site = _keeper(request)
    form = CommunityMemberForm(request.POST, prefix="member")
    if form.is_valid():
        services.community_member_add(actor=request.user, site=site, **form.cleaned_data)
    else:
        messages.error(request, _("Give the member's name and the day they joined."))
    return redirect("governance:registry")


@require_POST
def community_leave(request: AuthedRequest, pk: int) -> HttpResponse:
    _keeper(request)
    member = access_community_member(request.membership, pk)
    site = member.site
    try:
        services.community_member_leave(actor=request.user, member=member, left_on=site.today())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("governance:registry")


@require_http_methods(["GET", "POST"])
def public_page_edit(request: AuthedRequest) -> HttpResponse:
    site = _keeper(request)
    page = public_page_of(site)
    form = PublicPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        services.public_page_save(actor=request.user, site=site, **form.cleaned_data)
        return redirect("governance:public", slug=site.slug)
    context = {"form": form, "site": site}
    return render(request, "governance/public_page_edit.html", context, status=form_status(form))


@login_not_required
@require_GET
def public(request: HttpRequest, slug: str) -> HttpResponse:
    """What LEAD is locally, its policies in force and who holds it to account; no
    account needed and nothing about any participant."""
    site = public_site(slug)
    context = {
        "site": site,
        "page": public_page_of(site),
        "versions": public_versions(site),
        "members": public_community_members(site),
    }
    return render(request, "governance/public.html", context)
