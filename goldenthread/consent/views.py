from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import access_consent, access_person
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent import services
from goldenthread.consent.api import fhir_response
from goldenthread.consent.forms import ProvisionalConsentForm, RevokeForm, SignedConsentForm
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
