"""The site's figures for those who steer and evaluate it: operations, equity, the
quarterly report and its CSV; the data evaluations need; the equity band and unit costs."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goldenthread.access.policy import (
    imports_visible_to,
    insights_site,
    may_keep_evaluation,
    may_set_equity_band,
    public_site,
    rejects_visible_to,
)
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.http import AuthedRequest
from goldenthread.insights import services
from goldenthread.insights.definitions import DEFINITIONS
from goldenthread.insights.equity import DIMENSIONS, STAGES
from goldenthread.insights.export import dashboard_csv
from goldenthread.insights.fidelity import INDICATORS as FIDELITY
from goldenthread.insights.forms import BandForm, CostsForm, ImportForm, WaveForm
from goldenthread.insights.national.figures import LABELS as NATIONAL_FIGURES
from goldenthread.insights.national.view import national
from goldenthread.insights.periods import Quarter
from goldenthread.insights.placements import encampments_summary, incidents_by_program, wave_table
from goldenthread.insights.public import latest_complete, public_dashboard
from goldenthread.insights.selectors import (
    areas_of,
    dashboard,
    evaluation_settings_of,
    stored_evaluation,
)
from goldenthread.insights.stats import PUBLIC_MIN_CELL
from goldenthread.lodging.models import ExitHousing
from goldenthread.lodging.selectors import occupancy
from goldenthread.milieu.selectors import funnel
from goldenthread.organizations.models import Site
from goldenthread.outreach.services import wave_create
from goldenthread.shell.forms import add_errors, form_status


def _site(request: AuthedRequest) -> Site:
    site = insights_site(request.membership)
    if site is None:
        raise PermissionDenied
    return site


def _choices(request: AuthedRequest, site: Site) -> tuple[Quarter, str, list[str]]:
    """The quarter and area asked for; a quarter that cannot be read falls back to the
    current one with a message, an unknown area to the whole site."""
    current = Quarter.of(site.today())
    quarter = current
    if request.GET.get("quarter"):
        try:
            quarter = min(Quarter.parse(request.GET["quarter"]), current)
        except ValueError as error:
            messages.error(request, str(error))
    areas = areas_of(site)
    area = request.GET.get("area", "")
    return quarter, (area if area in areas else ""), areas


def _context(request: AuthedRequest, template: str, with_outcomes: bool = False) -> HttpResponse:
    site = _site(request)
    quarter, area, areas = _choices(request, site)
    dimension = request.GET.get("by", "race")
    board = dashboard(site, quarter, area)
    breakdown = next(
        (b for b in board.equity.breakdowns if b.dimension == dimension),
        board.equity.breakdowns[0],
    )
    context = {
        "site": site,
        "board": board,
        "quarter": quarter,
        "quarters": Quarter.of(site.today()).trailing(12)[::-1],
        "area": area,
        "areas": areas,
        "dimension": breakdown.dimension,
        "dimensions": DIMENSIONS,
        "breakdown": breakdown,
        "stages": [DEFINITIONS[key] for key, _ in STAGES],
        "definitions": DEFINITIONS,
        "keeps": may_keep_evaluation(request.membership),
        "fidelity_keys": FIDELITY,
    }
    if with_outcomes:
        context["evaluation"] = stored_evaluation(site, area)
    return render(request, template, context)


@require_GET
def overview(request: AuthedRequest) -> HttpResponse:
    return _context(request, "insights/overview.html")


@require_GET
def report(request: AuthedRequest) -> HttpResponse:
    """The quarterly report, laid out for print, with the outcome evaluation to date."""
    return _context(request, "insights/report.html", with_outcomes=True)


@require_GET
def outcomes(request: AuthedRequest) -> HttpResponse:
    site = _site(request)
    _quarter, area, areas = _choices(request, site)
    context = {
        "evaluation": stored_evaluation(site, area),
        "area": area,
        "areas": areas,
        "definitions": DEFINITIONS,
    }
    return render(request, "insights/outcomes.html", context)


@require_GET
def export(request: AuthedRequest) -> HttpResponse:
    site = _site(request)
    quarter, area, _areas = _choices(request, site)
    board = dashboard(site, quarter, area)
    audit_record(
        action=Action.EXPORT,
        actor=request.user,
        request=request,
        object_type="insights.dashboard",
        object_id=f"{site.pk}:{quarter}:{area}",
    )
    response = HttpResponse(dashboard_csv(board), content_type="text/csv; charset=utf-8")
    filename = f"{site.slug}-{quarter}{'-' + area if area else ''}.csv".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def data(request: AuthedRequest) -> HttpResponse:
    """Imports of the police records baseline and comparison cohorts, with rejected rows."""
    if not may_keep_evaluation(request.membership):
        raise PermissionDenied
    site = _site(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = (
            services.baseline_import
            if form.cleaned_data["kind"] == "baseline"
            else services.comparison_import
        )
        try:
            done = importer(
                actor=request.user,
                site=site,
                name=upload.name,
                content=upload.read(),
                request=request,
            )
        except services.ImportRefused as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                _(
                    "%(name)s: %(created)d rows taken, %(duplicates)d already held, %(rejected)d rejected."
                )
                % {
                    "name": done.name,
                    "created": done.created,
                    "duplicates": done.duplicates,
                    "rejected": done.rejected,
                },
            )
            return redirect("insights:data")
    context = {
        "form": form,
        "imports": imports_visible_to(request.membership)[:20],
        "rejects": rejects_visible_to(request.membership).select_related("data_import")[:200],
    }
    return render(request, "insights/data.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
def evaluation_settings(request: AuthedRequest) -> HttpResponse:
    """The PCG sets the equity band; the project manager and the evaluator the unit costs."""
    site = _site(request)
    current = evaluation_settings_of(site)
    band = (
        BandForm(instance=current, prefix="band")
        if may_set_equity_band(request.membership)
        else None
    )
    costs = (
        CostsForm(instance=current, prefix="costs")
        if may_keep_evaluation(request.membership)
        else None
    )
    if band is None and costs is None:
        raise PermissionDenied
    if request.method == "POST":
        form = {"band": band, "costs": costs}.get(request.POST.get("part", ""))
        if form is None:
            raise PermissionDenied
        form = type(form)(request.POST, instance=evaluation_settings_of(site), prefix=form.prefix)
        if form.is_valid():
            try:
                services.evaluation_settings_save(
                    actor=request.user, site=site, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("insights:settings")
        if isinstance(form, BandForm):
            band = form
        else:
            costs = form
    status = 400 if any(f is not None and f.is_bound and f.errors for f in (band, costs)) else 200
    return render(request, "insights/settings.html", {"band": band, "costs": costs}, status=status)


@require_http_methods(["GET", "POST"])
def placements(request: AuthedRequest) -> HttpResponse:
    """Lodging and encampment outcomes: tonight's occupancy, each encampment's residents,
    and the wave table. Those who keep the evaluation name the waves."""
    site = _site(request)
    keeps = may_keep_evaluation(request.membership)
    form = WaveForm(request.POST or None) if keeps else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                wave_create(actor=request.user, site=site, request=request, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Wave added."))
                return redirect("insights:placements")
    context = {
        "tonight": occupancy(site, site.today()),
        "encampments": encampments_summary(site),
        "waves": wave_table(site),
        "incidents": incidents_by_program(site, site.today() - timedelta(days=365)),
        "funnel": funnel(site, site.today() - timedelta(days=365), site.today()),
        "exit_labels": ExitHousing.choices,
        "form": form,
    }
    return render(
        request, "insights/placements.html", context, status=form_status(form) if form else 200
    )


@require_GET
def national_view(request: AuthedRequest) -> HttpResponse:
    """Every site's figures for one quarter, de-identified, from the nightly snapshot."""
    site = _site(request)
    quarter, _area, _areas = _choices(request, site)
    context = {
        "board": national(Path(settings.GT_SNAPSHOT_DIR), quarter),
        "quarter": quarter,
        "quarters": Quarter.of(site.today()).trailing(12)[::-1],
        "figures": NATIONAL_FIGURES,
    }
    return render(request, "insights/national.html", context)


@login_not_required
@require_GET
def public(request: HttpRequest, slug: str) -> HttpResponse:
    """A site's figures for its community: no account, no personal data, small cells
    hidden. Only finished quarters; one that cannot be read shows the latest."""
    site = public_site(slug)
    latest = latest_complete(site)
    try:
        quarter = min(Quarter.parse(request.GET.get("quarter", "")), latest)
    except ValueError:
        quarter = latest
    context = {
        "site": site,
        "board": public_dashboard(site, quarter),
        "largest_hidden": PUBLIC_MIN_CELL - 1,
        "definitions": DEFINITIONS,
    }
    return render(request, "insights/public.html", context)
