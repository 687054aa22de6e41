"""Pages without a total count: counting a filtered list of thousands costs more than
showing 50 of them, and "next" needs only one row more."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from goldenthread.text import whole_number


@dataclass(frozen=True)
class Window:
    items: list[Any]
    number: int
    has_previous: bool
    has_next: bool

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def window(queryset: QuerySet[Any], page: str | None, size: int) -> Window:
    number = whole_number(page or "", 99_999) or 1
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Window(
        items=rows[:size], number=number, has_previous=number > 1, has_next=len(rows) > size
    )
