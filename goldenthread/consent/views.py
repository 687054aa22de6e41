from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    Capability,
    access_category,
    access_consent,
    access_person,
    acting_membership,
    categories_visible_to,
    consent_forms_visible_to,
    require,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent import services
from goldenthread.consent.api import fhir_response
from goldenthread.consent.forms import (
    CategoryForm,
    ConsentFormVersionForm,
    ProvisionalConsentForm,
    RenameCategoryForm,
    RevokeForm,
    SignedConsentForm,
)
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import form_status


@require_http_methods(["GET", "POST"])
def consent_signed_new(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = access_person(request.membership, person_pk, write=True)
    form = SignedConsentForm(request.POST or None, request.FILES or None, site=person.site)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record_signed(
                actor=request.user,
                person=person,
                discloser=person.assigned_organization,
                request=request,
                **form.service_arguments(),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Release recorded. Sharing follows it from now on."))
            return redirect("people:detail", pk=person.pk)
    context = {"person": person, "form": form, "signed": True}
    return render(request, "consent/consent_new.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def consent_provisional_new(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = access_person(request.membership, person_pk, write=True)
    form = ProvisionalConsentForm(request.POST or None, site=person.site)
    if request.method == "POST" and form.is_valid() and person.assigned_organization is not None:
        try:
            services.consent_record_provisional(
                actor=request.user,
                person=person,
                discloser=person.assigned_organization,
                recipients=list(form.cleaned_data["recipients"]),
                purpose=form.cleaned_data["purpose"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Verbal consent recorded for 72 hours: enrollment status only.")
            )
            return redirect("people:detail", pk=person.pk)
    context = {"person": person, "form": form, "signed": False}
    return render(request, "consent/consent_new.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def consent_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    consent = access_consent(request.membership, pk, write=True)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(
                actor=request.user, consent=consent, how=form.cleaned_data["how"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Release revoked. Partners lost access at once."))
            return redirect("people:detail", pk=consent.person_id)
    return render(
        request,
        "consent/consent_revoke.html",
        {"consent": consent, "form": form},
        status=form_status(form),
    )


@require_GET
def consent_signed_copy(request: AuthedRequest, pk: int) -> HttpResponse | FileResponse:
    consent = access_consent(request.membership, pk)
    if not consent.signed_copy:
        return render(request, "404.html", status=404)
    audit_record(
        action=Action.EXPORT,
        request=request,
        obj=consent,
        subject_person_id=consent.person_id,
        detail={"signed copy": True},
    )
    response = FileResponse(consent.signed_copy.open("rb"), content_type=consent.signed_copy_type)
    response["Content-Disposition"] = f'inline; filename="release-{consent.pk}"'
    return response


@require_GET
def consent_fhir(request: AuthedRequest, pk: int) -> HttpResponse:
    return fhir_response(request, pk)


@require(Capability.MANAGE_SITE)
@require_http_methods(["GET", "POST"])
def site_categories(request: AuthedRequest) -> HttpResponse:
    """The site's data categories and consent form versions: local adaptation."""
    site = acting_membership(request).organization.site
    category_form = CategoryForm(
        request.POST if "add_category" in request.POST else None, prefix="category"
    )
    version_form = ConsentFormVersionForm(
        request.POST if "add_version" in request.POST else None, prefix="version"
    )
    for form, create in (
        (category_form, services.data_category_create),
        (version_form, services.consent_form_create),
    ):
        if form.is_bound and form.is_valid():
            try:
                create(actor=request.user, site=site, request=request, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("consent:site_categories")
    context = {
        "categories": categories_visible_to(request.membership),
        "versions": consent_forms_visible_to(request.membership),
        "category_form": category_form,
        "version_form": version_form,
    }
    status = max(form_status(category_form), form_status(version_form))
    return render(request, "consent/site_categories.html", context, status=status)


@require(Capability.MANAGE_SITE)
@require_POST
def category_rename(request: AuthedRequest, pk: int) -> HttpResponse:
    category = access_category(request.membership, pk)
    form = RenameCategoryForm(request.POST)
    if form.is_valid():
        try:
            services.data_category_rename(
                actor=request.user,
                category=category,
                name=form.cleaned_data["name"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, _("Category renamed."))
    else:
        messages.error(request, _("Give the category a name."))
    return redirect("consent:site_categories")
