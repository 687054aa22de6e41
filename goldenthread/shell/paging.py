"""Pages without a total count: counting a filtered list of thousands costs more than
showing 50 of them, and "next" needs only one row more."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


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
    number = int(page) if page and page.isdigit() and 0 < int(page) < 100_000 else 1
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Window(
        items=rows[:size], number=number, has_previous=number > 1, has_next=len(rows) > size
    )
