from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from goldenthread.insights.outcomes.monthly import MonthlyShares

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.4567 reads 45.7%; no value reads as a dash (an empty period, not a zero)."""
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def decimal(value: float | None, places: int = 1) -> str:
    return "—" if value is None else f"{value:.{places}f}"


@register.filter
def cell(row: object, stage: str) -> object:
    return row.cells[stage]  # type: ignore[attr-defined]


@register.filter
def money(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.0f}"


@register.filter
def share(outcome: MonthlyShares, month: int) -> tuple[float | None, int]:
    return outcome.share(month)


@register.filter
def shown(count: int | None) -> str:
    """A published count, or the word for one withheld."""
    return str(_("hidden")) if count is None else str(count)


@register.filter
def item(values: Any, key: Any) -> object:
    """values[key]: a list by position or a mapping by key."""
    return values[key]


@register.filter
def of_exits(row: object, count: int) -> float | None:
    """`row|of_exits:n`: n as a share of the row's exits (a wave of the placements table)."""
    return row.share(count)  # type: ignore[attr-defined]
