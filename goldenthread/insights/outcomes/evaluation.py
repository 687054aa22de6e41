"""The outcome evaluation of one site (or one of its areas), put together for a page."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.insights.charts import BarChart, bar_chart
from goldenthread.insights.models import EvaluationSettings
from goldenthread.insights.outcomes.comparison import comparison_frame, comparison_model
from goldenthread.insights.outcomes.dose import DoseBand, dose_bands, dose_frame, dose_model
from goldenthread.insights.outcomes.entries import ContactDays, entries
from goldenthread.insights.outcomes.estimates import Fit
from goldenthread.insights.outcomes.legal import LegalWindow, legal_windows, matters_by_person
from goldenthread.insights.outcomes.monthly import (
    MonthlyShares,
    monthly_frame,
    monthly_model,
    monthly_outcomes,
    summarized,
)
from goldenthread.organizations.models import Site

# The months the page shows of the 18 followed (every month is in the model).
MONTHS_SHOWN = (0, 1, 3, 6, 9, 12, 15, 18)


@dataclass
class Evaluation:
    people: int
    windows: list[LegalWindow]
    monthly: list[tuple[MonthlyShares, Fit]]
    dose: list[DoseBand]
    dose_fit: Fit
    comparison: Fit
    computed_at: datetime
    # Applied when shown, so a change of unit costs shows at once.
    units: EvaluationSettings = field(default_factory=EvaluationSettings)

    @property
    def is_empty(self) -> bool:
        return not self.people

    @property
    def program_cost_per_year(self) -> Decimal:
        return self.units.cost_participant_month * 12

    @property
    def months_shown(self) -> tuple[int, ...]:
        return MONTHS_SHOWN

    @property
    def costs(self) -> list[tuple[Decimal | None, Decimal | None]]:
        """Legal-system cost per person in each window, before and after entry."""
        return [
            (
                (w.before.cost(self.units) / w.people, w.after.cost(self.units) / w.people)
                if w.people
                else (None, None)
            )
            for w in self.windows
        ]

    def arrests_chart(self) -> BarChart:
        bars: list[tuple[str, float | None, str]] = []
        for window in self.windows:
            for when, label in (
                ("before", _("%(months)s months before")),
                ("after", _("%(months)s months after")),
            ):
                value = window.per_person("arrests", when)
                bars.append(
                    (
                        label % {"months": window.months},
                        value,
                        "—" if value is None else f"{value:.2f}",
                    )
                )
        return bar_chart(_("Arrests per participant before and after entry"), bars)


def evaluation(site: Site, units: EvaluationSettings, area: str = "") -> Evaluation:
    people = entries(site, area)
    today = site.today()
    matters = matters_by_person(site, (entry.person_id for entry in people))
    contacts = ContactDays(site, people)
    dose = dose_frame(people, matters, contacts, today)
    return Evaluation(
        people=len(people),
        windows=legal_windows(site, people, matters),
        monthly=[
            (summarized(outcome), monthly_model(monthly_frame(outcome)))
            for outcome in monthly_outcomes(site, people, contacts)
        ],
        dose=dose_bands(dose),
        dose_fit=dose_model(dose),
        comparison=comparison_model(comparison_frame(site, people, matters, today)),
        computed_at=timezone.now(),
        units=units,
    )
