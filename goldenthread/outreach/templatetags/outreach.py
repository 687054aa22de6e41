"""The encampment page's resident rows, built in Python: at 25 rows the template loop
(a URL, a date and four lookups a row) was a fifth of the page's time, and the page is
read from a phone in the field (docs/benchmarks.md)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from goldenthread.outreach.selectors import ResidentRow

register = template.Library()

# Reversed once a page with a stand-in number, then filled in for each row.
STAND_IN = 987654321


@register.simple_tag
def resident_table_rows(rows: list[ResidentRow]) -> SafeString:
    link = reverse("outreach:resident", args=[STAND_IN])
    return format_html_join(
        "",
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                link.replace(str(STAND_IN), str(row.resident.pk)),
                row.resident.person.display_name,
                row.resident.last_seen_on.isoformat(),
                row.visits,
                row.situation,
                row.offer,
            )
            for row in rows
        ),
    )
