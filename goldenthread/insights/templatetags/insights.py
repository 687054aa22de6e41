from django import template

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
