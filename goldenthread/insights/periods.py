"""Reporting periods. Sites report to funders and councils by calendar quarter, on the
site's own clock."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

QUARTER_PATTERN = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), held to the month's last day: evaluation
    windows are counted in calendar months."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """'2026Q3' or '2026-Q3'; ValueError with a message a person can act on."""
        match = QUARTER_PATTERN.match(text.strip())
        if not match:
            raise ValueError(_("A quarter is written like 2026Q3."))
        return cls(int(match[1]), int(match[2]))

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes on the site's clock."""
        start = datetime.combine(self.first_day, time.min, zone)
        end = datetime.combine(self.next().first_day, time.min, zone)
        return start, end

    def month_ends(self) -> list[date]:
        first = self.first_day
        ends = []
        for offset in (1, 2, 3):
            month = first.month + offset
            year = first.year + (month - 1) // 12
            ends.append(date(year, (month - 1) % 12 + 1, 1) - timedelta(days=1))
        return ends

    def trailing(self, count: int) -> list["Quarter"]:
        """This quarter and the count - 1 before it, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.insert(0, quarters[0].previous())
        return quarters

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"
