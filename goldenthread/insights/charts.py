"""Bar charts as plain SVG geometry, drawn by a template with a table of the same numbers
beside each (a chart alone is not accessible): no script, no stylesheet beyond the page's
own, so they print and pass the Content-Security-Policy."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 150
PLOT_WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.plot_width + 60


def bar_chart(title: str, values: list[tuple[str, float | None, str]]) -> BarChart:
    """One bar per (label, value, value as text); a missing value draws no bar."""
    largest = max((v for _, v, _ in values if v), default=0)
    bars = [
        Bar(
            label,
            value or 0,
            text,
            y=index * (BAR_HEIGHT + GAP),
            width=round(PLOT_WIDTH * (value or 0) / largest, 1) if largest else 0,
        )
        for index, (label, value, text) in enumerate(values)
    ]
    return BarChart(title, bars, height=max(1, len(bars)) * (BAR_HEIGHT + GAP))
