"""The figures a page shows, put together from the modules that compute them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from goldenthread.insights.charts import BarChart, bar_chart
from goldenthread.insights.equity import Band, Equity, equity
from goldenthread.insights.fidelity import Reading, scorecard
from goldenthread.insights.models import EvaluationSettings, StoredEvaluation
from goldenthread.insights.operations import Operations, operations
from goldenthread.insights.outcomes.evaluation import Evaluation
from goldenthread.insights.outcomes.stored import from_json
from goldenthread.insights.periods import Quarter
from goldenthread.insights.scope import Scope
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Door

TREND_QUARTERS = 4


def evaluation_settings_of(site: Site) -> EvaluationSettings:
    return EvaluationSettings.objects.filter(site=site).first() or EvaluationSettings(site=site)


def areas_of(site: Site) -> list[str]:
    return list(site.program_areas or [])


@dataclass
class Dashboard:
    scope: Scope
    trend: list[tuple[Quarter, Operations]]
    equity: Equity
    referrals_chart: BarChart
    fidelity: list[tuple[Quarter, dict[str, Reading]]]

    @property
    def current(self) -> Operations:
        return self.trend[-1][1]


def dashboard(site: Site, quarter: Quarter, area: str = "") -> Dashboard:
    scope = Scope(site, quarter, area)
    trend = [(q, operations(Scope(site, q, area))) for q in quarter.trailing(TREND_QUARTERS)]
    current = trend[-1][1]
    chart = bar_chart(
        _("Referrals received by door, %(quarter)s") % {"quarter": quarter},
        [
            (str(Door(door).label), count, str(count))
            for door, count in current.referrals_by_door.items()
        ],
    )
    funnel = equity(scope, Band.of(evaluation_settings_of(site)))
    return Dashboard(
        scope=scope,
        trend=trend,
        equity=funnel,
        referrals_chart=chart,
        fidelity=[
            (q, scorecard(Scope(site, q, area), figures, funnel if q == quarter else None))
            for q, figures in trend
        ],
    )


def stored_evaluation(site: Site, area: str = "") -> Evaluation:
    """The outcome evaluation as last computed, with the site's unit costs of today;
    computed and kept now when there is none yet."""
    from goldenthread.insights.services import evaluation_refresh

    kept = StoredEvaluation.objects.filter(site=site, area=area).first()
    if kept is None:
        evaluation_refresh(site=site)
        kept = StoredEvaluation.objects.get(site=site, area=area)
    result = from_json(kept.figures)
    result.units = evaluation_settings_of(site)
    return result
