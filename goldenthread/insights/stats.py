"""The arithmetic of equity figures: rates, the Relative Rate Index with its confidence
interval, and small-cell suppression. Pure functions, so each can be checked against a
table computed by hand (standards.md 5.5)."""

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054
# A group's index is computed only when its base and its events are large enough to mean
# something (standards.md 5.5 leaves the choice to the site; these are documented in
# docs/insights.md): at least this many in the feeding stage, at least this many events.
RRI_MIN_BASE = 30
RRI_MIN_EVENTS = 5
# The public dashboard shows no count under this (and nothing that would let one be
# worked out by subtraction).
PUBLIC_MIN_CELL = 11


@dataclass(frozen=True)
class RateRatio:
    value: float
    low: float
    high: float

    def excludes_one(self) -> bool:
        return self.low > 1 or self.high < 1


def rate(events: int, base: int) -> float | None:
    """events / base, or None when there is no base (an empty period is not a zero rate)."""
    return events / base if base else None


def relative_rate(events: int, base: int, ref_events: int, ref_base: int) -> RateRatio | None:
    """The group's rate over the reference group's rate, with the 95% interval of a risk
    ratio on the log scale:
    exp(ln RRI ± 1.96 · sqrt(1/a - 1/n_g + 1/c - 1/n_ref)).
    None when either rate is undefined or zero (the log interval does not exist)."""
    if not (0 < events <= base and 0 < ref_events <= ref_base):
        return None
    value = (events / base) / (ref_events / ref_base)
    spread = Z_95 * math.sqrt(1 / events - 1 / base + 1 / ref_events - 1 / ref_base)
    log_value = math.log(value)
    return RateRatio(value, math.exp(log_value - spread), math.exp(log_value + spread))


def reliable(events: int, base: int) -> bool:
    return base >= RRI_MIN_BASE and events >= RRI_MIN_EVENTS


def suppressed(cells: list[int], threshold: int = PUBLIC_MIN_CELL) -> list[bool]:
    """Which cells of one breakdown to hide: every count from 1 to threshold - 1, and, when
    exactly one is hidden, the next smallest shown one as well, so that a published total
    cannot give the hidden cell back by subtraction. Zero is shown: it discloses nobody."""
    hidden = [0 < count < threshold for count in cells]
    if sum(hidden) == 1:
        candidates = [
            (count, index) for index, count in enumerate(cells) if not hidden[index] and count > 0
        ]
        if candidates:
            hidden[min(candidates)[1]] = True
    return hidden
