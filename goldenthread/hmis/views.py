from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.access.policy import Capability, acting_membership, hmis_recipients, require
from goldenthread.hmis import services
from goldenthread.hmis.csv_files import zip_bytes
from goldenthread.hmis.forms import ExportForm
from goldenthread.http import AuthedRequest
from goldenthread.shell.forms import add_errors, form_status


@require_http_methods(["GET", "POST"])
@require(Capability.EXPORT_HMIS)
def export(request: AuthedRequest) -> HttpResponse:
    """The site admin's HMIS export: the files come back as one zip to download."""
    membership = acting_membership(request)
    recipients = hmis_recipients(membership)
    site = membership.organization.site
    today = site.today()
    form = ExportForm(
        request.POST or None,
        recipients=recipients,
        initial={"start": today - timedelta(days=364), "end": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.hmis_export(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            response = HttpResponse(zip_bytes(made.files), content_type="application/zip")
            name = f"hmis-{site.slug}-{made.export_id[:8]}.zip"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    context = {"form": form, "has_recipients": recipients.exists(), "site": site}
    return render(request, "hmis/export.html", context, status=form_status(form))
