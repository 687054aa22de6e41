import io
import zipfile

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.access.policy import Capability, acting_membership, require
from goldenthread.evaluation.dictionary import COLUMNS
from goldenthread.evaluation.services import evaluation_extract
from goldenthread.http import AuthedRequest


@require_http_methods(["GET", "POST"])
@require(Capability.KEEP_EVALUATION)
def extract(request: AuthedRequest) -> HttpResponse:
    """The evaluator's de-identified extract: the page says what is in it; the button
    downloads it as one zip."""
    site = acting_membership(request).organization.site
    if request.method == "POST":
        made = evaluation_extract(actor=request.user, site=site, request=request)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in made.files.items():
                archive.writestr(name, text.encode())
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        name = f"evaluation-{site.slug}-{site.today():%Y%m%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "evaluation/extract.html", {"site": site, "columns": COLUMNS})
