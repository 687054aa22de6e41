"""The public dashboard a site's Community Leadership Team and anyone else may read: no
account, no personal data, only counts of people and rates over them, and no count from 1
to 10 (nor one that would give a hidden count back by subtraction), as standards.md 5.5
and the site's data-sharing policy ask. Officers are never a breakdown here."""

from dataclasses import dataclass

from django.core.cache import cache

from goldenthread.insights.definitions import DEFINITIONS
from goldenthread.insights.equity import STAGES, Band, Breakdown, equity
from goldenthread.insights.operations import operations
from goldenthread.insights.periods import Quarter
from goldenthread.insights.scope import Scope
from goldenthread.insights.selectors import evaluation_settings_of
from goldenthread.insights.stats import PUBLIC_MIN_CELL, RateRatio, suppressed
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Door

PUBLIC_DIMENSIONS = ("race", "gender", "age", "area")
PUBLIC_QUARTERS = 8
# Figures are recomputed at most this often, however many people read them.
CACHE_SECONDS = 600


@dataclass(frozen=True)
class PublicRow:
    label: str
    counts: list[int | None]  # None: hidden
    indexes: list[RateRatio | None]


@dataclass(frozen=True)
class PublicBreakdown:
    label: str
    rows: list[PublicRow]


@dataclass(frozen=True)
class PublicDashboard:
    quarter: Quarter
    quarters: list[Quarter]
    doors: list[tuple[str, int | None]]
    referrals_received: int | None
    enrolled_at_end: int | None
    contacts_per_participant_month: float | None
    stages: list[str]
    breakdowns: list[PublicBreakdown]


def published(count: int) -> int | None:
    return None if 0 < count < PUBLIC_MIN_CELL else count


def _shown(cells: list[int]) -> list[int | None]:
    return [None if hide else count for count, hide in zip(cells, suppressed(cells), strict=True)]


def _breakdown(breakdown: Breakdown) -> PublicBreakdown:
    stages = [stage for stage, _feeder in STAGES]
    columns = {
        stage: _shown([row.cells[stage].count for row in breakdown.rows]) for stage in stages
    }
    rows = []
    for number, row in enumerate(breakdown.rows):
        counts = [columns[stage][number] for stage in stages]
        indexes = [
            # An index is published only over counts that are themselves published.
            row.cells[stage].index
            if counts[position] is not None
            and row.cells[stage].count >= PUBLIC_MIN_CELL
            and (row.cells[stage].base or 0) >= PUBLIC_MIN_CELL
            else None
            for position, stage in enumerate(stages)
        ]
        rows.append(PublicRow(row.label, counts, indexes))
    return PublicBreakdown(breakdown.label, rows)


def compute(site: Site, quarter: Quarter) -> PublicDashboard:
    scope = Scope(site, quarter)
    figures = operations(scope)
    funnel = equity(scope, Band.of(evaluation_settings_of(site)))
    doors = list(figures.referrals_by_door.items())
    door_counts = _shown([count for _door, count in doors])
    return PublicDashboard(
        quarter=quarter,
        quarters=latest_complete(site).trailing(PUBLIC_QUARTERS)[::-1],
        doors=[
            (str(Door(door).label), shown)
            for (door, _count), shown in zip(doors, door_counts, strict=True)
        ],
        referrals_received=published(figures.referrals_received),
        enrolled_at_end=published(figures.enrolled_at_end),
        contacts_per_participant_month=(
            figures.contacts_per_participant_month
            if figures.participant_months >= PUBLIC_MIN_CELL
            else None
        ),
        stages=[str(DEFINITIONS[stage].label) for stage, _feeder in STAGES],
        breakdowns=[_breakdown(b) for b in funnel.breakdowns if b.dimension in PUBLIC_DIMENSIONS],
    )


def latest_complete(site: Site) -> Quarter:
    """The public sees finished quarters only: a quarter in progress changes daily and
    its small early counts are the easiest to re-identify."""
    return Quarter.of(site.today()).previous()


def public_dashboard(site: Site, quarter: Quarter) -> PublicDashboard:
    key = f"insights:public:{site.pk}:{quarter}"
    board: PublicDashboard | None = cache.get(key)
    if board is None:
        board = compute(site, quarter)
        cache.set(key, board, CACHE_SECONDS)
    return board
